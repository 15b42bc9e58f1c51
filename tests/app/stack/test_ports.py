"""Ports for the servers the tests and the demo start: free, distinct, and out of the kernel's ephemeral range."""

from __future__ import annotations

import socket
from pathlib import Path

from app.stack.processes import free_ports, port_in_use


def test_free_ports_are_distinct_bindable_and_below_the_ephemeral_range() -> None:
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
