"""Fixtures shared by every test package: the bundled sample documents and their ground truth, and a Keycloak-shaped
identity provider with a token factory for the services' auth."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from auth_fixtures import TestIdentityProvider

SAMPLES = Path(__file__).parents[1] / "model" / "samples"


@pytest.fixture(scope="session")
def samples() -> dict[Path, dict[str, str | None]]:
    """Each bundled sample document with the fields it truly shows."""
    records = [json.loads(line) for line in (SAMPLES / "truth.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return {SAMPLES / record["file"]: record["fields"] for record in records}


@pytest.fixture
def identity_provider() -> Iterator[TestIdentityProvider]:
    """A fresh realm on a free local port: its own JWKS request count, keys that tests may rotate."""
    with TestIdentityProvider() as idp:
        yield idp


@pytest.fixture
def mint_token(identity_provider: TestIdentityProvider) -> Callable[..., str]:
    """Mints Keycloak-shaped access tokens of ``identity_provider``: ``mint_token(groups=[...], lifetime_s=-10)``."""
    return identity_provider.mint
