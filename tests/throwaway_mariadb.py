"""A throwaway MariaDB server of the test's own: its own data dir, port and socket.

For what the shared server must never be made to do (present a TLS certificate, run with a tiny
connection limit): the test starts its own `mariadbd`, and stops only that process.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

START_TIMEOUT_S = 30


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    datadir: Path

    def url(self, database: str = "mysql", user: str = "root", query: str = "") -> str:
        return f"mysql://{user}@{self.host}:{self.port}/{database}{'?' + query if query else ''}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _binaries() -> tuple[str, str]:
    server, install = shutil.which("mariadbd"), shutil.which("mariadb-install-db")
    if not server:
        server = next((p for p in ("/usr/sbin/mariadbd", "/usr/sbin/mysqld") if Path(p).exists()),
                      None)  # fmt: skip
    if not server or not install:
        pytest.skip("mariadbd / mariadb-install-db are not installed")
    return server, install


class PrivateServer:
    """A mariadbd under `root` that a test may start, crash (`kill -9`) and start again: the
    same data directory and port each time, so a client sees a server restart."""

    def __init__(self, root: Path, extra_args: Sequence[str] = ()) -> None:
        self.server_bin, install_bin = _binaries()
        self.root = root
        self.datadir = root / "data"
        self.extra_args = list(extra_args)
        self.as_root = ["--user=root"] if os.geteuid() == 0 else []
        subprocess.run(
            [install_bin, "--no-defaults", f"--datadir={self.datadir}",
             "--auth-root-authentication-method=normal", "--skip-test-db", *self.as_root],
            check=True, capture_output=True,
        )  # fmt: skip
        self.port = _free_port()
        self.log = root / "error.log"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def server(self) -> Server:
        return Server("127.0.0.1", self.port, self.datadir)

    def start(self) -> None:
        root = self.root
        self.proc = subprocess.Popen(
            [self.server_bin, "--no-defaults", *self.as_root, f"--datadir={self.datadir}",
             f"--port={self.port}", "--bind-address=127.0.0.1",
             f"--socket={root / 'mysqld.sock'}", f"--pid-file={root / 'mysqld.pid'}",
             f"--log-error={self.log}", "--skip-log-bin", "--innodb-buffer-pool-size=16M",
             *self.extra_args],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"mariadbd exited: {self.log_tail()}")
            try:
                # The server listens once it is ready for clients.
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)  # polling a process we cannot get an event from

    def crash(self) -> None:
        """kill -9: no shutdown, no flush; InnoDB recovers at the next start."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.crash()

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-2000:] if self.log.exists() else "(no log)"


@contextmanager
def mariadbd(root: Path, extra_args: Sequence[str] = ()) -> Iterator[Server]:
    """Start a fresh mariadbd under `root`; yields once it accepts connections, stops it after."""
    private = PrivateServer(root, extra_args)
    private.start()
    try:
        yield private.server
    finally:
        private.stop()


def self_signed_certificate(
    folder: Path, name: str, *, san: str = "IP:127.0.0.1"
) -> tuple[Path, Path]:
    """A self-signed certificate (its own CA) and its key, valid for `san`."""
    cert, key = folder / f"{name}.pem", folder / f"{name}.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(key), "-out", str(cert), "-subj", f"/CN={name}",
         "-addext", f"subjectAltName={san}", "-addext", "basicConstraints=critical,CA:TRUE"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key
