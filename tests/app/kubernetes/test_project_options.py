"""The cluster's names default after the project the manifests declare, so a fork renders its own namespace, hosts
and realm; an option given on the command line wins."""

from __future__ import annotations

from pathlib import Path

from manifests_kit import write_manifests
from typer.testing import CliRunner

from app.cli import cli
from app.kubernetes.render import project_options
from app.manifests import project_identity

PROJECT = {"realm": "aviary"}


def test_names_default_after_the_project_and_given_ones_win(tmp_path: Path) -> None:
    project = project_identity(write_manifests(tmp_path, name="bird-counter", project=PROJECT))

    named = project_options(project)
    given = project_options(project, namespace="birds", web_host=None)

    assert (named.namespace, named.api_host, named.web_host, named.issuer_url) == (
        "bird-counter", "api.bird-counter.example", "bird-counter.example", "https://sso.example/realms/aviary",
    )  # fmt: skip
    assert (given.namespace, given.web_host) == ("birds", "bird-counter.example")


def test_cli_renders_the_projects_namespace(tmp_path: Path) -> None:
    folder = write_manifests(tmp_path, name="bird-counter", project=PROJECT)

    result = CliRunner().invoke(cli, ["manifests", "k8s", "--dir", str(folder)])

    assert result.exit_code == 0, result.output
    assert "namespace: bird-counter" in result.stdout and "host: bird-counter.example" in result.stdout
    assert "receipt" not in result.stdout.replace("receipt-web", "")
