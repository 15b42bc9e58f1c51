"""A real Redis on one machine: Debian's ``redis-server``, the web app's shared login store for several replicas.

On loopback only, with a password, no persistence (sign-ins are worth a second login, not a disk) and a port of its
own (the one asked for, or a free one)::

    with RedisServer(tmp_path) as server:
        settings = Settings(web_session_store=SecretStr(server.url))
"""

from __future__ import annotations

import secrets
from pathlib import Path

import redis

from app.stack.processes import OnePortServer, spawn, system_binary


class RedisServerError(RuntimeError):
    """No ``redis-server`` binary, or it did not start: the message says what to do."""


def redis_binary() -> str:
    return system_binary("redis-server", RedisServerError)


class RedisServer(OnePortServer):
    """One ``redis-server`` on 127.0.0.1 requiring ``password``."""

    log_name = "redis.log"
    error = RedisServerError
    stop_grace_s = 5

    def __init__(self, folder: Path, *, port: int | None = None, password: str | None = None) -> None:
        super().__init__(folder, port=port)
        self.password = password or secrets.token_urlsafe(24)

    @property
    def url(self) -> str:
        """redis://:password@127.0.0.1:port/0, as RECEIPT_WEB_SESSION_STORE takes it."""
        return f"redis://:{self.password}@127.0.0.1:{self.port}/0"

    def spawn(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        config = self.folder / "redis.conf"
        config.write_text(
            f"bind 127.0.0.1\nport {self.port}\nrequirepass {self.password}\ndir {self.folder}\n"
            'save ""\nappendonly no\ndaemonize no\nprotected-mode yes\n',
            encoding="utf-8",
        )
        config.chmod(0o600)  # it holds the password
        self._process = spawn([redis_binary(), str(config)], log=self.log_path, cwd=self.folder)

    def answers(self) -> bool:
        try:
            with redis.Redis.from_url(self.url, socket_connect_timeout=1) as client:
                return bool(client.ping())
        except redis.ConnectionError:
            return False
