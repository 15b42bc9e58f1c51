"""Ports for the servers the tests and the demo start: free, distinct, and out of the kernel's ephemeral range."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from app.stack.processes import PORT_RANGE_VARIABLE, free_ports, port_in_use, port_range, port_slice
from app.stack.seaweed import SeaweedS3


def test_free_ports_are_distinct_bindable_and_below_the_ephemeral_range(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PORT_RANGE_VARIABLE, raising=False)
    low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])

    ports = free_ports(10)

    assert len(set(ports)) == 10
    assert all(1024 <= port < low for port in ports)
    for port in ports:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", port))


def test_a_listening_port_is_in_use() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        assert port_in_use(listener.getsockname()[1])


def test_the_port_range_variable_bounds_the_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PORT_RANGE_VARIABLE, "21000-21400")

    ports = free_ports(30)

    assert all(21000 <= port < 21400 for port in ports)
    assert port_range() == (21000, 21400)


@pytest.mark.parametrize("given", ["21000", "a-b", "21040-21000", "80-2000"])
def test_a_malformed_port_range_says_what_it_expects(monkeypatch: pytest.MonkeyPatch, given: str) -> None:
    monkeypatch.setenv(PORT_RANGE_VARIABLE, given)

    with pytest.raises(ValueError, match=f"{PORT_RANGE_VARIABLE}={given!r}: expected"):
        port_range()


def test_port_slices_are_disjoint_equal_and_inside_the_range() -> None:
    slices = [port_slice(20768, 32768, index, 3) for index in range(3)]

    assert slices == [(20768, 24768), (24768, 28768), (28768, 32768)]
    assert port_slice(*slices[1], 1, 2) == (26768, 28768)  # a run inside worker 1 slices worker 1's slice
    with pytest.raises(ValueError, match="slice 2 of 2"):
        port_slice(20768, 32768, 2, 2)


def test_each_test_worker_picks_ports_in_a_slice_of_its_own() -> None:
    """Under xdist (``make test`` runs two workers) conftest gave this worker a slice of the range it inherited."""
    worker, count = os.environ.get("PYTEST_XDIST_WORKER"), os.environ.get("PYTEST_XDIST_WORKER_COUNT")
    if worker is None or count is None:
        pytest.skip("one process: no worker's slice to check")
    ephemeral = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    base = max(1024, ephemeral - 12000)
    low, high = port_range()
    assert base <= low < high <= ephemeral
    assert high - low <= (ephemeral - base) // int(count)


def test_reserved_ports_are_never_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    """A range with room to spare: a server of this run may hold a port in it (the ports chosen must be free)."""
    monkeypatch.setenv(PORT_RANGE_VARIABLE, "21000-21400")
    even = set(range(21000, 21400, 2))

    ports = free_ports(40, reserved=even)

    assert len(set(ports)) == 40
    assert not set(ports) & even


def test_seaweed_leaves_the_stacks_other_ports_alone(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The stack gives its servers fixed ports before they listen; weed's own nine must not land on one of them."""
    monkeypatch.setenv(PORT_RANGE_VARIABLE, "21000-21400")
    stack_ports = list(range(21001, 21400, 2))
    s3 = SeaweedS3(tmp_path, s3_port=21001, reserved_ports=stack_ports)

    s3.choose_ports()

    assert s3.ports["s3"] == 21001
    assert not {port for name, port in s3.ports.items() if name != "s3"} & set(stack_ports)
