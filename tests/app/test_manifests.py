"""The platform manifests: the committed ones load, broken ones fail with the right FILE:LINE: message."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import cli
from app.manifests import KINDS, ManifestError, Manifests, Problem, json_schemas, load_manifests, schema_file_name
from app.manifests.yamlsource import YamlSyntaxError, parse_yaml
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


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _line(path: Path, anchor: str) -> int:
    """1-based line of the first occurrence of ``anchor``: where the problem must point."""
    text = path.read_text(encoding="utf-8")
    assert anchor in text, f"{anchor!r} not in {path.name}"
    return text[: text.index(anchor)].count("\n") + 1


def _problems(directory: Path) -> tuple[Problem, ...]:
    with pytest.raises(ManifestError) as caught:
        load_manifests(directory)
    return caught.value.problems


def test_load_committed_manifests_declares_both_models(committed: Manifests) -> None:
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


def test_load_committed_manifests_allows_the_local_web_origins(committed: Manifests) -> None:
    assert set(committed.cors_origins) == {
        f"http://{host}:{port}" for host in ("127.0.0.1", "localhost") for port in (8000, 8002)
    }


def test_groups_for_unknown_model_raises_key_error(committed: Manifests) -> None:
    with pytest.raises(KeyError, match="no model named 'gpt'"):
        committed.groups_for("gpt")


def test_resources_for_falls_back_to_module_defaults(committed: Manifests) -> None:
    assert committed.resources_for("tesseract-ocr") == committed.module.spec.resources
    assert committed.resources_for("qwen").gpu == 1


def test_cors_origins_empty_when_cors_disabled(folder: Path) -> None:
    _edit(folder / "api.yaml", "      enabled: true", "      enabled: false")
    assert load_manifests(folder).cors_origins == ()


@dataclass(frozen=True)
class Expected:
    file: str
    anchor: str | None
    """Text whose line the problem names; None for a problem with the folder itself."""
    message: str


@dataclass(frozen=True)
class Broken:
    file: str
    old: str
    new: str
    expected: tuple[Expected, ...]


BROKEN = {
    "unknown key": Broken(
        "module.yaml",
        "    tag: v0.1.0",
        "    tag: v0.1.0\n    digest: sha256:0",
        (Expected("module.yaml", "digest:", "spec.image.digest: unknown key (expected one of: repository, tag)"),),
    ),
    "wrong type": Broken(
        "api.yaml",
        "maxAge: 600",
        "maxAge: ten minutes",
        (Expected("api.yaml", "maxAge:", "spec.restfulApi.cors.maxAge: Input should be a valid integer"),),
    ),
    "list instead of number": Broken(
        "module.yaml",
        "    cpu: 2\n",
        "    cpu: [2]\n",
        (Expected("module.yaml", "cpu: [2]", "spec.resources.cpu: Input should be a valid number"),),
    ),
    "missing field": Broken(
        "module.yaml",
        "  entrypoint: model.inference\n",
        "",
        (Expected("module.yaml", "spec:", "spec.entrypoint: required key missing"),),
    ),
    "missing field in a list item": Broken(
        "module.yaml",
        "      modelKey: qwen-vl\n",
        "",
        (Expected("module.yaml", "- name: qwen\n", "spec.models[2].modelKey: required key missing"),),
    ),
    "origin with a trailing slash": Broken(
        "api.yaml",
        "- http://localhost:8000\n",
        "- http://localhost:8000/\n",
        (Expected("api.yaml", "http://localhost:8000/", "allowOrigin[1]: 'http://localhost:8000/' is not an http(s)"),),
    ),
    "origin with a path": Broken(
        "api.yaml",
        "- http://127.0.0.1:8002\n",
        "- https://gallery.example/app\n",
        (Expected("api.yaml", "gallery.example", "'https://gallery.example/app' is not an http(s) origin"),),
    ),
    "wildcard origin": Broken(
        "api.yaml",
        "- http://127.0.0.1:8002\n",
        "- '*'\n",
        (Expected("api.yaml", "'*'", "allowOrigin[2]: '*' is not an http(s) origin"),),
    ),
    "group path without leading slash": Broken(
        "api.yaml",
        f"- {QWEN_GROUP}",
        f"- {QWEN_GROUP[1:]}",
        (Expected("api.yaml", QWEN_GROUP[1:], "is not a group path such as /team/group"),),
    ),
    "unknown model in auth": Broken(
        "api.yaml",
        "        qwen:",
        "        qwen-max:",
        (
            Expected(
                "api.yaml",
                "qwen-max:",
                "model 'qwen-max' is not in the module (its models: tesseract-ocr, indra-ocr, qwen)",
            ),
            Expected("module.yaml", "- name: qwen\n", "model 'qwen' has no access rule in the Api manifest"),
        ),
    ),
    "unknown modelKey": Broken(
        "module.yaml",
        "modelKey: qwen-vl",
        "modelKey: qwen-vl-max",
        (
            Expected(
                "module.yaml",
                "qwen-vl-max",
                f"unknown modelKey 'qwen-vl-max'; model.inference accepts {', '.join(MODEL_KEYS)}",
            ),
        ),
    ),
    "duplicate model name": Broken(
        "module.yaml",
        "    - name: qwen\n",
        "    - name: tesseract-ocr\n",
        (
            Expected("api.yaml", "        qwen:", "model 'qwen' is not in the module"),
            Expected("module.yaml", "tesseract-ocr\n      modelKey: qwen-vl", "duplicate model 'tesseract-ocr'"),
        ),
    ),
    "duplicate YAML key": Broken(
        "storage.yaml",
        "  bucket: receipts\n",
        "  bucket: receipts\n  bucket: scans\n",
        (Expected("storage.yaml", "bucket: scans", "duplicate key 'spec.bucket' (first on line 8)"),),
    ),
    "YAML syntax error": Broken(
        "api.yaml",
        "      timeoutSeconds: 60\n",
        "      timeoutSeconds: 60: s\n",
        (Expected("api.yaml", "timeoutSeconds: 60:", "YAML syntax error: mapping values are not allowed here"),),
    ),
    "unknown kind": Broken(
        "storage.yaml",
        "kind: Storage",
        "kind: Bucket",
        (Expected("storage.yaml", "kind:", "unknown kind 'Bucket'; expected one of Module, Api, Storage, Pipeline"),),
    ),
    "kind that is not a string": Broken(
        "storage.yaml",
        "kind: Storage",
        "kind: [Storage]",
        (Expected("storage.yaml", "kind:", "unknown kind ['Storage']"),),
    ),
    "wrong apiVersion": Broken(
        "pipeline.yaml",
        "apiVersion: platform.receipts/v1",
        "apiVersion: platform.receipts/v2",
        (Expected("pipeline.yaml", "apiVersion", "apiVersion: Input should be 'platform.receipts/v1' (got 'platform"),),
    ),
    "entrypoint that does not import": Broken(
        "module.yaml",
        "entrypoint: model.inference",
        "entrypoint: model.no_such_module",
        (Expected("module.yaml", "entrypoint:", "cannot import entrypoint 'model.no_such_module' (ModuleNotFound"),),
    ),
    "image tag the release trigger cannot produce": Broken(
        "module.yaml",
        "tag: v0.1.0",
        "tag: latest",
        (Expected("module.yaml", "tag: latest", "image tag 'latest' does not match the release trigger"),),
    ),
    "pipeline step code that does not exist": Broken(
        "pipeline.yaml",
        "module: model.qr\n",
        "module: model.qrcode\n",
        (Expected("pipeline.yaml", "model.qrcode", "no Python module 'model.qrcode'"),),
    ),
    "pipeline backend for an unknown model key": Broken(
        "pipeline.yaml",
        "qwen-vl: model.qwen",
        "qwen: model.qwen",
        (Expected("pipeline.yaml", "qwen: model.qwen", "unknown model key 'qwen'"),),
    ),
    "release stages out of order": Broken(
        "pipeline.yaml",
        "      - name: test\n",
        "      - name: deploy\n",
        (
            Expected("pipeline.yaml", "- name: build", "stage 'build' comes after 'deploy'"),
            Expected("pipeline.yaml", "- name: deploy\n        description: >-", "duplicate stage 'deploy'"),
        ),
    ),
    "lifecycle rule outside the declared prefixes": Broken(
        "storage.yaml",
        "- prefix: uploads/",
        "- prefix: tmp/",
        (Expected("storage.yaml", "tmp/", "lifecycle prefix 'tmp/' is under none of the declared prefixes"),),
    ),
    "CORS enabled without origins": Broken(
        "api.yaml",
        "      allowOrigin: # the web app and the keycloak-js sample, run locally\n"
        "        - http://127.0.0.1:8000\n        - http://localhost:8000\n"
        "        - http://127.0.0.1:8002\n        - http://localhost:8002\n",
        "",
        (Expected("api.yaml", "cors:", "CORS is enabled but allowOrigin lists no origin"),),
    ),
}


@pytest.mark.parametrize("case", BROKEN.values(), ids=BROKEN.keys())
def test_load_broken_manifest_names_file_line_and_problem(folder: Path, case: Broken) -> None:
    _edit(folder / case.file, case.old, case.new)
    problems = _problems(folder)
    assert len(problems) == len(case.expected), "\n".join(map(str, problems))
    for problem, expected in zip(problems, case.expected, strict=True):
        assert problem.file == folder / expected.file
        assert expected.anchor is not None
        assert problem.line == _line(folder / expected.file, expected.anchor), str(problem)
        assert expected.message in problem.message


@pytest.mark.parametrize("name", ["module.yaml", "api.yaml", "storage.yaml", "pipeline.yaml"])
def test_load_missing_manifest_names_the_folder(folder: Path, name: str) -> None:
    kind = parse_yaml((folder / name).read_text(encoding="utf-8")).data["kind"]
    (folder / name).unlink()
    assert _problems(folder) == (Problem(folder, None, f"no {kind} manifest (a .yaml file with kind: {kind})"),)


def test_load_second_manifest_of_a_kind_is_refused(folder: Path) -> None:
    shutil.copy(folder / "storage.yaml", folder / "z-storage.yml")
    (folder / "pipeline.yaml").unlink()
    missing, second = _problems(folder)
    assert missing == Problem(folder, None, "no Pipeline manifest (a .yaml file with kind: Pipeline)")
    assert (second.file.name, second.line) == ("z-storage.yml", _line(folder / "z-storage.yml", "kind:"))
    assert second.message == f"a second Storage manifest ({folder / 'storage.yaml'})"


def test_load_document_that_is_not_a_mapping_is_refused(folder: Path) -> None:
    (folder / "notes.yaml").write_text("- buy milk\n- ship v1\n", encoding="utf-8")
    assert _problems(folder) == (
        Problem(folder / "notes.yaml", 1, "a manifest is a mapping with apiVersion, kind, metadata and spec"),
    )


def test_load_manifests_with_other_file_names(folder: Path) -> None:
    for path in folder.glob("*.yaml"):
        path.rename(folder / f"10-{path.stem}.yml")
    assert load_manifests(folder).bucket == "receipts"


def test_load_missing_folder_names_it(tmp_path: Path) -> None:
    assert _problems(tmp_path / "nowhere") == (Problem(tmp_path / "nowhere", None, "no such folder"),)


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (Problem(Path("manifests/api.yaml"), 12, "bad"), "manifests/api.yaml:12: bad"),
        (Problem(Path("manifests"), None, "no Api manifest"), "manifests: no Api manifest"),
    ],
)
def test_problem_str_reads_file_line_message(problem: Problem, text: str) -> None:
    assert str(problem) == text
    assert str(ManifestError([problem, problem])) == f"{text}\n{text}"


@pytest.mark.parametrize(
    ("text", "path", "line"),
    [
        ("a:\n  b:\n    - x: 1\n    - x: 2\n      y: 3\n", ("a", "b", 1, "y"), 5),
        ("a:\n  b:\n    - x: 1\n    - x: 2\n", ("a", "b", 1, "y"), 4),  # missing key: its mapping
        ("a:\n  b: {c: 1}\n", ("a", "b", "function-after[_check(), str]", "c"), 2),  # union tag skipped
        ("# comment\n\na: 1\n", (), 3),
    ],
)
def test_parse_yaml_line_of_finds_the_node_or_its_parent(text: str, path: tuple[str | int, ...], line: int) -> None:
    assert parse_yaml(text).line_of(path) == line


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: [1, 2\nb: 3\n", 2, "expected ',' or ']'"),
        ("a: 1\n---\nb: 2\n", 2, "a single document in the stream on line 1, but found another document"),
        ("a: !!python/object:os.system x\n", 1, "could not determine a constructor"),
        ("a:\n  b: 1\n\tc: 2\n", 3, "found character '\\t' that cannot start any token"),
    ],
)
def test_parse_yaml_syntax_error_has_line(text: str, line: int, message: str) -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml(text)
    assert caught.value.line == line
    assert message in caught.value.message


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schema_is_current(kind: str) -> None:
    name = schema_file_name(kind)
    committed = (MANIFESTS / "schema" / name).read_text(encoding="utf-8")
    assert committed == json_schemas()[name], f"stale: run `receipt-extractor manifests schema` and commit {name}"


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
        document["spec"]["typo"] = 1
        assert not validator.is_valid(document), "the schema must refuse unknown keys like the loader"


def test_cli_validate_committed_prints_ok() -> None:
    result = CliRunner().invoke(cli, ["manifests", "validate", str(MANIFESTS)])
    assert (result.exit_code, result.stdout) == (0, f"ok: {len(KINDS)} manifests\n")


def test_cli_validate_broken_prints_file_line_and_exits_1(folder: Path) -> None:
    _edit(folder / "api.yaml", "maxAge: 600", "maxAge: -1")
    _edit(folder / "module.yaml", "tag: v0.1.0", "tagg: v0.1.0")
    result = CliRunner().invoke(cli, ["manifests", "validate", str(folder)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{folder / 'api.yaml'}:{_line(folder / 'api.yaml', 'maxAge')}: spec.restfulApi.cors.maxAge: "
        "Input should be greater than or equal to 0 (got -1)",
        f"{folder / 'module.yaml'}:{_line(folder / 'module.yaml', 'image:')}: spec.image.tag: required key missing",
        f"{folder / 'module.yaml'}:{_line(folder / 'module.yaml', 'tagg')}: spec.image.tagg: unknown key "
        "(expected one of: repository, tag)",
    ]


def test_cli_validate_defaults_to_the_manifests_dir_setting(folder: Path) -> None:
    (folder / "pipeline.yaml").unlink()
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "manifests", "validate"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "RECEIPT_MANIFESTS_DIR": str(folder)},
    )
    assert result.returncode == 1
    assert result.stdout == f"{folder}: no Pipeline manifest (a .yaml file with kind: Pipeline)\n"


def test_cli_schema_writes_the_current_schemas(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["manifests", "schema", "--out", str(tmp_path / "schema")])
    assert result.exit_code == 0
    written = {path.name: path.read_text(encoding="utf-8") for path in (tmp_path / "schema").iterdir()}
    assert written == json_schemas()
    assert result.stdout.splitlines() == [f"wrote {tmp_path / 'schema' / name}" for name in json_schemas()]
