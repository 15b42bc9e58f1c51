"""``receipt-extractor stack`` (``make demo``) for real: five processes on free ports, a receipt through them by file
id with a password-grant token, and nothing left running after SIGINT; and the checks that stop it before it starts."""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import astuple, dataclass
from pathlib import Path

import httpx
import pytest
from manifests_kit import write_manifests
from seaweed import free_ports

from app.settings import ROOT
from app.stack.idp import IdentityProviderError, check_node_modules
from app.stack.seaweed import SeaweedS3
from app.stack.supervisor import (
    StackConfig,
    demo_users,
    ports_from,
    preflight,
    realm_problems,
    run_stack,
    service_env,
)

SAMPLE = ROOT / "model" / "samples" / "doc_0000.png"
READY_LINE = "Ctrl-C stops everything."


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    """Running (a zombie, dead but not yet reaped, does not count)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@dataclass
class RunningStack:
    process: subprocess.Popen[str]
    config: StackConfig
    output: Path

    def url(self, service: str) -> str:
        return f"http://127.0.0.1:{getattr(self.config.ports, service)}"


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[RunningStack]:
    """``receipt-extractor stack`` on five free ports with a state folder of its own, up and healthy."""
    ports = ports_from(free_ports(5))
    config = StackConfig(ports=ports, state_dir=tmp_path / "state")
    output = tmp_path / "stack.out"
    command = [sys.executable, "-m", "app.cli", "stack", "--state-dir", str(config.state_dir)]
    for option, port in zip(("idp", "s3", "runtime", "files", "web"), astuple(ports), strict=True):
        command += [f"--{option}-port", str(port)]
    with output.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    running = RunningStack(process, config, output)
    try:
        deadline = time.monotonic() + 60
        while READY_LINE not in output.read_text():
            assert process.poll() is None, f"the stack exited:\n{output.read_text()}"
            assert time.monotonic() < deadline, f"not up within 60 s:\n{output.read_text()}"
            time.sleep(0.1)
        yield running
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def test_stack_serves_a_receipt_by_file_id_and_stops_on_sigint(stack: RunningStack) -> None:
    banner = stack.output.read_text()
    assert f"Open {stack.url('web')} and sign in." in banner
    assert "alice    alice-password" in banner
    assert "mallory  mallory-password   in no group" in banner

    issuer = f"{stack.url('idp')}/realms/receipts"
    health = {
        "identity provider": f"{issuer}/.well-known/openid-configuration",
        "module runtime": f"{stack.url('runtime')}/v2/health/ready",
        "file service": f"{stack.url('files')}/openapi.json",
        "web app": f"{stack.url('web')}/healthz",
    }
    for service, url in health.items():
        assert httpx.get(url, timeout=5).status_code == 200, service
    assert httpx.get(stack.url("s3"), timeout=5).status_code == 403  # S3 refuses an anonymous request: it is up

    token = httpx.post(
        f"{issuer}/protocol/openid-connect/token",
        data={"grant_type": "password", "client_id": "end-users", "username": "alice", "password": "alice-password"},
        timeout=10,
    ).json()["access_token"]
    bearer = {"Authorization": f"Bearer {token}"}
    with SAMPLE.open("rb") as photo:
        upload = httpx.post(f"{stack.url('files')}/files", headers=bearer, files={"file": photo}, timeout=30)
    assert upload.status_code == 201, upload.text
    request = {
        "inputs": [
            {
                "name": "image",
                "datatype": "BYTES",
                "shape": [1],
                "parameters": {"content_type": "file_id"},
                "data": [upload.json()["id"]],
            }
        ]
    }
    answer = httpx.post(
        f"{stack.url('runtime')}/v2/models/tesseract-ocr/infer", headers=bearer, json=request, timeout=60
    )
    assert answer.status_code == 200, answer.text
    details = next(output for output in answer.json()["outputs"] if output["name"] == "payment_details")
    assert '"recipient_inn": "3834964079"' in details["data"][0]
    stats = httpx.get(f"{stack.url('runtime')}/v2/models/tesseract-ocr/stats", headers=bearer, timeout=10).json()
    assert stats["windows"]["1m"]["calls"] == 1

    children = _children(stack.process.pid)
    assert len(children) == 5, children  # node, weed and the three services
    started = time.monotonic()
    stack.process.send_signal(signal.SIGINT)
    assert stack.process.wait(timeout=30) == 0, stack.output.read_text()
    assert time.monotonic() - started < 20
    assert [pid for pid in children if _alive(pid)] == []
    assert stack.output.read_text().rstrip().endswith("Stopped.")


def test_a_port_already_taken_is_named_before_anything_starts(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        config = StackConfig(ports=ports_from([None, None, None, None, port]), state_dir=tmp_path / "state")
        err = io.StringIO()
        assert run_stack(config, io.StringIO(), err) == 2
    assert f"port {port} (web app) is already in use on 127.0.0.1" in err.getvalue()
    assert "--web-port" in err.getvalue()
    assert not (tmp_path / "state").exists()  # nothing was started, not even a log folder


def test_one_port_for_two_services_is_refused(tmp_path: Path) -> None:
    port = free_ports(1)[0]
    problems = preflight(StackConfig(ports=ports_from([port, None, None, None, port]), state_dir=tmp_path))
    assert any(f"port {port} is given to more than one service" in problem for problem in problems)


def test_missing_node_packages_say_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(IdentityProviderError, match="make node-deps"):
        check_node_modules(tmp_path)


def test_a_realm_file_other_than_the_manifests_realm_stops_the_start(tmp_path: Path) -> None:
    realm_file = tmp_path / "realm-export.json"
    realm_file.write_text('{"realm": "aviary"}', encoding="utf-8")
    manifests = write_manifests(tmp_path / "manifests", name="bird-counter", project={"realm": "birds"})

    problems = realm_problems(manifests, realm_file)
    realm_file.write_text('{"realm": "birds"}', encoding="utf-8")

    assert len(problems) == 1 and "'aviary'" in problems[0] and "'birds'" in problems[0]
    assert realm_problems(manifests, realm_file) == []


def test_the_banner_users_come_from_the_realm_file() -> None:
    users = {name: (password, groups) for name, password, groups in demo_users()}
    assert users["alice"][0] == "alice-password"
    assert "/pu-gallery-pa-tesseract-ocr/gallery-tesseract-users" in users["alice"][1]
    assert users["mallory"] == ("mallory-password", [])


def test_children_get_a_process_group_of_their_own(tmp_path: Path) -> None:
    """Ctrl-C in a terminal reaches the whole foreground group: the children must not get it, the supervisor stops
    them in order."""
    from app.stack.processes import spawn, stop_process

    child = spawn(["sleep", "30"], log=tmp_path / "sleep.log")
    try:
        assert os.getpgid(child.pid) == child.pid != os.getpgid(0)
    finally:
        assert stop_process(child, grace_s=5) == -signal.SIGTERM


def test_children_die_with_a_killed_supervisor(tmp_path: Path) -> None:
    """Even SIGKILL of the supervisor (no handler runs) leaves no orphan server: the kernel sends SIGTERM on."""
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from app.stack.processes import spawn\n"
        f"child = spawn(['sleep', '60'], log=Path({str(tmp_path / 'sleep.log')!r}))\n"
        "print(child.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    assert _alive(child)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)


def test_each_service_gets_only_its_own_secrets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECEIPT_WEB_SESSION_SECRET", "from-the-shell")  # a caller's secret reaches no service
    s3 = SeaweedS3(tmp_path, access_key="demo", secret_key="s3-secret-of-the-demo")
    env = service_env(StackConfig(state_dir=tmp_path), "http://127.0.0.1:8080/realms/receipts", s3)
    assert env["runtime"]["RECEIPT_S3_SECRET_KEY"] == env["files"]["RECEIPT_S3_SECRET_KEY"] == "s3-secret-of-the-demo"
    assert "RECEIPT_S3_SECRET_KEY" not in env["web"]
    assert len(env["web"]["RECEIPT_WEB_SESSION_SECRET"]) >= 32
    for name in ("runtime", "files"):
        assert "RECEIPT_WEB_SESSION_SECRET" not in env[name], name
    assert {service["RECEIPT_ENVIRONMENT"] for service in env.values()} == {"development"}
