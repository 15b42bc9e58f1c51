"""The project's identity: one reader of the manifests (``app.manifests.project``) and ``manifests get`` for the
Makefile, CI and compose."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from manifests_kit import write_manifests
from typer.testing import CliRunner

from app.cli import cli
from app.manifests import ManifestError, load_manifests, project_identity

PROJECT = {"displayName": "Bird counter", "prefix": "birds", "realm": "aviary"}


def test_identity_reads_the_project_section_image_and_bucket(tmp_path: Path) -> None:
    folder = write_manifests(tmp_path, name="bird-counter", bucket="bird-photos", project=PROJECT)

    project = project_identity(folder)

    assert (project.name, project.display_name, project.realm, project.bucket) == (
        "bird-counter", "Bird counter", "aviary", "bird-photos",
    )  # fmt: skip
    assert (project.image_name, project.image_of("files"), project.image_of("web")) == (
        "bird-counter", "bird-counter-files", "bird-counter-web",
    )  # fmt: skip
    assert (project.metric_prefix, project.session_cookie, project.login_key_prefix) == (
        "birds_runtime", "birds_session", "birds-web:login:",
    )  # fmt: skip
    assert (project.runs_key_prefix, project.monitoring_key_prefix) == ("birds-web:runs:", "birds:monitoring:")
    assert load_manifests(folder).project == project


def test_identity_derives_every_absent_field_from_the_name(tmp_path: Path) -> None:
    project = project_identity(write_manifests(tmp_path, name="bird-counter"))

    assert (project.display_name, project.realm, project.prefix) == ("bird-counter", "bird-counter", "bird_counter")
    assert project.display_name_in("ru") == "bird-counter"


def test_identity_of_a_wrong_project_section_names_file_and_line(tmp_path: Path) -> None:
    folder = write_manifests(tmp_path, project={"prefix": "Birds-1"})

    with pytest.raises(ManifestError) as raised:
        project_identity(folder)

    assert "module.yaml" in str(raised.value) and "spec.project.prefix" in str(raised.value)


def test_cli_get_prints_one_field_or_all_as_shell_assignments(tmp_path: Path) -> None:
    folder = write_manifests(tmp_path, name="bird-counter", project=PROJECT)

    one = CliRunner().invoke(cli, ["manifests", "get", "web-image", "--dir", str(folder)])
    every = CliRunner().invoke(cli, ["manifests", "get", "--dir", str(folder)])
    unknown = CliRunner().invoke(cli, ["manifests", "get", "colour", "--dir", str(folder)])

    assert one.exit_code == 0 and one.stdout == "bird-counter-web\n"
    assignments = dict(line.split("=", 1) for line in every.stdout.splitlines())
    assert shlex.split(assignments["PROJECT_DISPLAY_NAME"]) == ["Bird counter"]
    assert assignments["PROJECT_BUCKET"] == "test-bucket" and assignments["PROJECT_ENV_PREFIX"] == "RECEIPT_"
    assert unknown.exit_code == 2 and "display-name" in unknown.stderr
