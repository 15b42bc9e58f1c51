"""``make compose-env``: deploy/.env for deploy/docker-compose.yml, with every secret generated on this machine.

The compose stack runs as production, where the services refuse a secret published in this repository, so none is
written anywhere but here: deploy/.env.example lists the variables with the secrets left empty, and this fills each
with ``secrets.token_urlsafe(24)``. deploy/.env is ignored by git, readable by its owner only, and never rewritten
(the Keycloak client and MinIO user of a running stack were created with its values); compose refuses to start
without it. The images are named after the manifests' project (``PROJECT_IMAGE``), so a fork's compose runs its own.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from pathlib import Path

from app.manifests.project import project_identity

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "deploy" / ".env.example"
TARGET = ROOT / "deploy" / ".env"
SECRET_ENDINGS = ("_PASSWORD", "_SECRET", "_SECRET_KEY")
"""What a variable's name ends with when its value is a secret."""
SECRET_BYTES = 24
"""192 random bits, 32 characters: MinIO takes secret keys of at most 40."""


def is_secret(name: str) -> bool:
    return name.endswith(SECRET_ENDINGS)


def compose_env(example: str, values: Mapping[str, str] | None = None) -> str:
    """``example`` (KEY=value lines and comments) with every secret's value generated and ``values`` set."""
    lines = []
    for line in example.splitlines():
        name, equals, value = line.partition("=")
        if equals and not name.startswith("#") and is_secret(name):
            value = secrets.token_urlsafe(SECRET_BYTES)
        elif equals and values and name in values:
            value = values[name]
        lines.append(f"{name}{equals}{value}")
    return "\n".join(lines) + "\n"


def write_compose_env(target: Path = TARGET, example: Path = EXAMPLE, values: Mapping[str, str] | None = None) -> bool:
    """Write ``target`` unless it exists; whether it was written."""
    if target.exists():
        return False
    target.touch(mode=0o600)
    target.write_text(compose_env(example.read_text(encoding="utf-8"), values), encoding="utf-8")
    return True


def main() -> None:
    written = write_compose_env(values={"PROJECT_IMAGE": project_identity(ROOT / "manifests").image_name})
    where = TARGET.relative_to(ROOT)
    print(f"{where}: secrets generated" if written else f"{where} exists: kept (delete it for new secrets)")


if __name__ == "__main__":
    main()
