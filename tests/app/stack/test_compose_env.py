"""`make compose-env`: deploy/.env with its secrets generated here, written once, readable by its owner only."""

from __future__ import annotations

from pathlib import Path

from app.settings import secret_weakness
from app.stack.compose_env import compose_env, is_secret, write_compose_env

EXAMPLE = (
    "# a comment=not a variable\nKEYCLOAK_ADMIN=admin\nKEYCLOAK_ADMIN_PASSWORD=\nRECEIPT_S3_SECRET_KEY=\nTAG=local\n"
)


def _values(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line and not line.startswith("#"))


def test_compose_env_generates_every_secret_and_keeps_the_rest() -> None:
    first, second = _values(compose_env(EXAMPLE)), _values(compose_env(EXAMPLE))
    assert first["KEYCLOAK_ADMIN"] == "admin" and first["TAG"] == "local"
    for key in ("KEYCLOAK_ADMIN_PASSWORD", "RECEIPT_S3_SECRET_KEY"):
        assert is_secret(key) and secret_weakness(first[key]) is None and first[key] != second[key]
    assert compose_env(EXAMPLE).startswith("# a comment=not a variable\n")


def test_compose_env_names_the_images_after_the_project() -> None:
    assert _values(compose_env(EXAMPLE))["TAG"] == "local"
    assert _values(compose_env("PROJECT_IMAGE=module\nTAG=local", {"PROJECT_IMAGE": "dominant-colours"})) == {
        "PROJECT_IMAGE": "dominant-colours",
        "TAG": "local",
    }


def test_write_compose_env_writes_once_for_its_owner_only(tmp_path: Path) -> None:
    example, target = tmp_path / ".env.example", tmp_path / ".env"
    example.write_text(EXAMPLE)
    assert write_compose_env(target, example)
    written = target.read_text()
    assert target.stat().st_mode & 0o777 == 0o600
    assert not write_compose_env(target, example)  # a running stack's users were made with these: kept
    assert target.read_text() == written
