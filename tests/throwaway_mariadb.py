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


@contextmanager
def mariadbd(root: Path, extra_args: Sequence[str] = ()) -> Iterator[Server]:
    """Start a fresh mariadbd under `root`; yields once it accepts connections, stops it after."""
    server_bin, install_bin = _binaries()
    datadir = root / "data"
    as_root = ["--user=root"] if os.geteuid() == 0 else []
    subprocess.run(
        [install_bin, "--no-defaults", f"--datadir={datadir}",
         "--auth-root-authentication-method=normal", "--skip-test-db", *as_root],
        check=True, capture_output=True,
    )  # fmt: skip
    port = _free_port()
    log = root / "error.log"
    proc = subprocess.Popen(
        [server_bin, "--no-defaults", *as_root, f"--datadir={datadir}", f"--port={port}",
         "--bind-address=127.0.0.1", f"--socket={root / 'mysqld.sock'}",
         f"--pid-file={root / 'mysqld.pid'}", f"--log-error={log}", "--skip-log-bin",
         "--innodb-buffer-pool-size=16M", *extra_args],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"mariadbd exited: {log.read_text(errors='replace')[-2000:]}")
            try:
                # The server listens once it is ready for clients.
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)  # polling a process we cannot get an event from
        yield Server("127.0.0.1", port, datadir)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


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
