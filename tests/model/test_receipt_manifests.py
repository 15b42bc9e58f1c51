"""The receipt module's committed manifests: its three models and their groups, the local web origins, the GPU model,
the model keys model.inference accepts, and the files' own conventions. (The loader itself is tested with manifests
of the tests' own, tests/app/test_manifests.py.)"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from manifests_kit import edit_once, line_of
from typer.testing import CliRunner

from app.cli import cli
from app.manifests import KINDS, ManifestError, Manifests, load_manifests, schema_file_name
from app.manifests.yamlsource import parse_yaml
from app.settings import ROOT
from model.inference import MODEL_KEYS

MANIFESTS = ROOT / "manifests"
TESSERACT_GROUP = "/pu-gallery-pa-tesseract-ocr/gallery-tesseract-users"
QWEN_GROUP = "/pu-gallery-pa-qwen/gallery-qwen-users"


@pytest.fixture(scope="module")
def committed() -> Manifests:
    return load_manifests(MANIFESTS)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the committed manifests to break."""
    for path in MANIFESTS.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def test_committed_manifests_declare_the_receipt_models(committed: Manifests) -> None:
    assert [(m.name, m.model_key) for m in committed.models] == [
        ("tesseract-ocr", "tesseract"),
        ("indra-ocr", "pooled"),
        ("qwen", "qwen-vl"),
    ]
    assert committed.groups_for("tesseract-ocr") == (TESSERACT_GROUP,)
    assert committed.groups_for("qwen") == (QWEN_GROUP,)
    assert "end-users" in committed.allowed_clients
    assert committed.bucket == "receipts"
    assert committed.module.spec.entrypoint == "model.inference"
    assert set(committed.files) == set(KINDS)


def test_committed_manifests_allow_the_local_web_origins(committed: Manifests) -> None:
    assert committed.cors is not None
    assert set(committed.cors.allow_origin) == {
        f"http://{host}:{port}" for host in ("127.0.0.1", "localhost") for port in (8000, 8002)
    }


def test_only_the_vision_language_model_needs_a_gpu(committed: Manifests) -> None:
    assert committed.resources_for("tesseract-ocr") == committed.module.spec.resources
    assert committed.resources_for("qwen").gpu == 1


@pytest.mark.parametrize(
    ("file", "old", "new", "anchor", "message"),
    [
        ("module.yaml", "modelKey: qwen-vl", "modelKey: qwen-vl-max", "qwen-vl-max",
         f"unknown modelKey 'qwen-vl-max'; model.inference accepts {', '.join(MODEL_KEYS)}"),
        ("pipeline.yaml", "qwen-vl: model.qwen", "qwen: model.qwen", "qwen: model.qwen", "unknown model key 'qwen'"),
        ("pipeline.yaml", "module: model.qr\n", "module: model.qrcode\n", "model.qrcode",
         "no Python module 'model.qrcode'"),
    ],
)  # fmt: skip
def test_model_keys_and_step_code_are_checked_against_model_inference(  # noqa: PLR0917 - one table row
    folder: Path, file: str, old: str, new: str, anchor: str, message: str
) -> None:
    edit_once(folder / file, old, new)
    with pytest.raises(ManifestError) as caught:
        load_manifests(folder)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == (folder / file, line_of(folder / file, anchor))
    assert message in problem.message


def test_committed_manifests_point_editors_at_their_schema(committed: Manifests) -> None:
    for kind, path in committed.files.items():
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line == f"# yaml-language-server: $schema=schema/{schema_file_name(kind)}"


def test_committed_manifests_pass_their_json_schema(committed: Manifests) -> None:
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    for kind, path in committed.files.items():
        schema = json.loads((MANIFESTS / "schema" / schema_file_name(kind)).read_text(encoding="utf-8"))
        validator = jsonschema_rs.validator_for(schema)
        document = parse_yaml(path.read_text(encoding="utf-8")).data
        assert [error.message for error in validator.iter_errors(document)] == []


def test_cli_validate_committed_prints_ok() -> None:
    result = CliRunner().invoke(cli, ["manifests", "validate", str(MANIFESTS)])
    assert (result.exit_code, result.stdout) == (0, f"ok: {len(KINDS)} manifests\n")
