"""`receipt-extractor manifests set-image`: the release and the rollback edit a copy of the committed manifests, which
must still validate and keep every comment."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import cli
from app.manifests import ManifestError, load_manifests
from app.manifests.image import replace_scalar, set_module_image, yaml_scalar
from app.settings import ROOT

MANIFESTS = ROOT / "manifests"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "manifests"
    shutil.copytree(MANIFESTS, target)
    return target


def _changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    old, new = before.splitlines(), after.splitlines()
    assert len(old) == len(new), "lines were added or removed"
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


def test_cli_set_image_writes_the_tag_keeps_comments_and_still_validates(folder: Path) -> None:
    before = (folder / "module.yaml").read_text(encoding="utf-8")
    old_tag = load_manifests(folder).module.spec.image.tag

    result = CliRunner().invoke(cli, ["manifests", "set-image", "v1.2.3", "--dir", str(folder)])

    assert result.exit_code == 0, result.output
    after = (folder / "module.yaml").read_text(encoding="utf-8")
    [(old_line, new_line)] = _changed_lines(before, after)
    assert old_line.replace(old_tag, "v1.2.3") == new_line and "#" in new_line, "only the value changes"
    assert load_manifests(folder).module.spec.image.tag == "v1.2.3"
    assert result.stdout.endswith("receipt-extractor:v1.2.3\n")
    validated = subprocess.run(
        [sys.executable, "-m", "app.cli", "manifests", "validate", str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (validated.returncode, validated.stdout) == (0, "ok: 4 manifests\n")


def test_cli_set_image_with_repository_points_at_the_harbor_project(folder: Path) -> None:
    repository = "harbor.corp.example:8443/pu-gallery/receipt-extractor"
    result = CliRunner().invoke(
        cli, ["manifests", "set-image", "v2.0.0", "--dir", str(folder), "--repository", repository]
    )
    assert result.exit_code == 0, result.output
    assert load_manifests(folder).module.spec.image.reference == f"{repository}:v2.0.0"


def test_rollback_is_set_image_with_the_previous_tag(folder: Path) -> None:
    original = (folder / "module.yaml").read_text(encoding="utf-8")
    old_tag = load_manifests(folder).module.spec.image.tag
    set_module_image(folder, "v9.9.9")
    change = set_module_image(folder, old_tag)
    assert change.old.endswith(":v9.9.9") and change.new.endswith(f":{old_tag}")
    assert (folder / "module.yaml").read_text(encoding="utf-8") == original


def test_set_image_same_tag_says_so(folder: Path) -> None:
    tag = load_manifests(folder).module.spec.image.tag
    assert str(set_module_image(folder, tag)).endswith(
        f"spec.image already {load_manifests(folder).module.spec.image.reference}"
    )


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        ("bad tag", "spec.image.tag: 'bad tag' is not an image tag such as v0.1.0"),
        ("1.2.3", "does not match the release trigger"),  # a valid image tag that the pipeline would never set
    ],
)
def test_cli_set_image_refused_names_file_line_and_leaves_the_file(folder: Path, tag: str, message: str) -> None:
    before = (folder / "module.yaml").read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["manifests", "set-image", tag, "--dir", str(folder)])
    assert result.exit_code == 1
    tag_line = next(i for i, line in enumerate(before.splitlines(), 1) if line.strip().startswith("tag:"))
    assert result.stderr.startswith(f"{folder / 'module.yaml'}:{tag_line}: ") and message in result.stderr
    assert (folder / "module.yaml").read_text(encoding="utf-8") == before


def test_set_image_on_broken_manifests_raises_their_problems(folder: Path) -> None:
    (folder / "api.yaml").unlink()
    with pytest.raises(ManifestError, match="no Api manifest"):
        set_module_image(folder, "v1.2.3")


@pytest.mark.parametrize(
    ("line", "value", "expected"),
    [
        ("    tag: v0.1.0 # set by the release\n", "v1.0.0", "    tag: v1.0.0 # set by the release\n"),
        ("    tag: v0.1.0\n", "v1.0.0", "    tag: v1.0.0\n"),
        ('    tag: "v0.1.0"   # quoted\r\n', "v1.0.0", "    tag: v1.0.0   # quoted\r\n"),
        ("    tag: 'v0.1.0'", '"1.0"', '    tag: "1.0"'),
    ],
)
def test_replace_scalar_keeps_indent_comment_and_line_ending(line: str, value: str, expected: str) -> None:
    text = "spec:\n  image:\n" + line
    assert replace_scalar(text, 3, "tag", value) == "spec:\n  image:\n" + expected


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("image: {repository: a/b, tag: v1}\n", 1),  # flow mapping
        ("tag: >-\n  v1\n", 1),  # block scalar
        ("repository: a/b\n", 1),  # another key
        ("tag: &t v1\n", 1),  # an anchor
    ],
)
def test_replace_scalar_refuses_what_is_not_key_value_on_one_line(text: str, line: int) -> None:
    with pytest.raises(ValueError, match="is not `tag: value` on one line"):
        replace_scalar(text, line, "tag", "v2")


@pytest.mark.parametrize(
    ("value", "written"),
    [("v1.2.3", "v1.2.3"), ("1.0", '"1.0"'), ("123", '"123"'), ("true", '"true"'), ("latest", "latest")],
)
def test_yaml_scalar_quotes_only_what_yaml_would_not_read_as_that_string(value: str, written: str) -> None:
    assert yaml_scalar(value) == written
