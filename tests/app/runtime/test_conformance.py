"""schemathesis against the generated OpenAPI document: no server errors and every response matching its schema,
for the receipt module and for a module of another shape, with a valid token.

schemathesis's pytest plugin does not run under pytest 9, so each operation's strategy is driven by hypothesis here.
"""

from __future__ import annotations

import pytest
import schemathesis
from auth_fixtures import TESSERACT_GROUP, TestIdentityProvider
from hypothesis import HealthCheck, given, settings
from runtime_kit import ECHO_GROUP, live_server, runtime
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis_cli import run_schemathesis

from app.runtime.registry import ModelDeclaration

# What the runtime promises: never a 5xx, and every answer as documented. Acceptance of every schema-valid body is
# not among them: a module may refuse well-formed values (inputs of unequal lengths, repeat=0) with a 400.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

MODULES = {
    "echo": ("echo_module", [ModelDeclaration("echo", "default", (ECHO_GROUP,))]),
    "receipts": ("model.inference", [ModelDeclaration("tesseract-ocr", "tesseract", (TESSERACT_GROUP,))]),
}


@pytest.mark.parametrize("module", MODULES)
def test_runtime_answers_as_its_openapi_document_says(idp: TestIdentityProvider, module: str) -> None:
    entrypoint, declarations = MODULES[module]
    token = idp.mint(groups=[ECHO_GROUP, TESSERACT_GROUP], lifetime_s=3600)
    headers = {"Authorization": f"Bearer {token}"}
    with live_server(runtime(idp, entrypoint, declarations)) as url:
        schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 8
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), database=None)
            def conforms(case: schemathesis.Case) -> None:
                case.call_and_validate(headers=headers, checks=CHECKS)

            conforms()


def test_schemathesis_command_with_every_check_finds_nothing(idp: TestIdentityProvider) -> None:
    """What an outside audit runs: the CLI with --checks all (negative data rejected, OPTIONS answered with Allow,
    unsupported methods 405, ...), on the module of another shape."""
    entrypoint, declarations = MODULES["echo"]
    with live_server(runtime(idp, entrypoint, declarations)) as url:
        result = run_schemathesis(url, idp.mint(groups=[ECHO_GROUP], lifetime_s=3600))
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
