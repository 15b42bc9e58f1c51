"""Fixtures shared by every test package: the bundled sample documents and their ground truth, and a Keycloak-shaped
identity provider with a token factory for the services' auth."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from auth_fixtures import TestIdentityProvider
from dev_idp import DevIdentityProvider
from seaweed import SeaweedS3

from app.stack.processes import PORT_RANGE_VARIABLE, port_range, port_slice

SAMPLES = Path(__file__).parents[1] / "model" / "samples"

os.environ["RECEIPT_ENVIRONMENT"] = "development"
"""Tests run as development, as ``make demo`` does (the default is production); the servers they start inherit it.
Tests of the production refusals pass ``environment="production"`` to Settings themselves."""

# No reading deadline in the tests (the servers they start inherit it): on a machine shared with other jobs a 4 s
# budget would cut readings short at random; tests/model/test_budget.py sets budgets of its own.
os.environ.setdefault("RECEIPT_READ_BUDGET_S", "0")
# Budgets the tests set are this machine's CPU seconds as written: no calibration (about a CPU second per process)
# scales them; tests/model/test_calibration.py turns it on where it tests it.
os.environ.setdefault("RECEIPT_READ_BUDGET_CALIBRATION", "off")


def _worker_port_range() -> None:
    """Each xdist worker picks free ports in a slice of its own (the servers it starts inherit it): a port one worker
    chose and has not bound yet can then never be taken by another's server, which a stack's fixed ports need. A run
    started inside a worker (the fork test's) slices the range it inherited, so it stays out of the other workers'."""
    worker, count = os.environ.get("PYTEST_XDIST_WORKER", ""), os.environ.get("PYTEST_XDIST_WORKER_COUNT", "")
    if not worker.startswith("gw") or not count.isdigit():
        return
    low, high = port_slice(*port_range(), int(worker.removeprefix("gw")), int(count))
    os.environ[PORT_RANGE_VARIABLE] = f"{low}-{high}"


_worker_port_range()


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


@pytest.fixture(scope="session")
def seaweed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SeaweedS3]:
    """A real S3 server (SeaweedFS ``weed mini``) for the session, on free ports of its own per test worker.

    Tests share it by using buckets of their own; one that must stop a server starts its own ``SeaweedS3``.
    """
    with SeaweedS3(tmp_path_factory.mktemp("seaweed")) as server:
        yield server


@pytest.fixture(scope="session")
def dev_idp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevIdentityProvider]:
    """The development identity provider (deploy/dev-idp, a Keycloak stand-in on Node) for the session, per worker.

    Realm ``receipts`` from deploy/keycloak/realm-export.json: ``dev_idp.issuer``, ``dev_idp.password_token("alice")``,
    ``dev_idp.login("alice", redirect_uri=...)``. Needs deploy/dev-idp/node_modules (``make node-deps``).
    """
    with DevIdentityProvider(tmp_path_factory.mktemp("dev-idp")) as idp:
        yield idp
