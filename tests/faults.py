"""A fault harness for tests against MySQL: cut connections, KILL them, crash a private server.

- `FaultProxy`: a small TCP proxy between the program and MariaDB. `cut()` drops every
  connection through it at once (both directions, as a network failure or a server crash looks
  from the client); `refuse()` makes new connections fail until `accept()`.
- `kill_connections(url, database)`: KILLs, from a second session, the connections that use the
  test's own scratch database, never anyone else's.
- `PrivateMariaDB`: a mariadbd of the test's own, on its own port and data directory, that a test
  may crash (`kill -9`) and restart. The shared server is never touched.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pymysql

from db.connection import parse_url


class FaultProxy:
    """Forwards 127.0.0.1:<port> to a target host:port; cuts connections on command."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._refusing = False
        self._stopped = threading.Event()
        self.cuts = 0
        self.connections = 0
        self._thread = threading.Thread(target=self._accept_loop, name="fault-proxy", daemon=True)
        self._thread.start()

    # -- control --

    def cut(self) -> int:
        """Drop every open connection; returns how many were dropped."""
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for a, b in pairs:
            for s in (a, b):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    s.close()
        self.cuts += 1
        return len(pairs)

    def refuse(self) -> None:
        """New connections are closed at once (the server looks down)."""
        self._refusing = True

    def accept(self) -> None:
        self._refusing = False

    def open_connections(self) -> int:
        with self._lock:
            return len(self._pairs)

    def close(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=2)
        self._listener.close()
        self.cut()

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing --

    def _accept_loop(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except (TimeoutError, OSError):
                continue
            if self._refusing:
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            client.settimeout(None)
            with self._lock:
                self._pairs.append((client, upstream))
                self.connections += 1
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(src, dst), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    s.close()
            with self._lock:
                self._pairs = [p for p in self._pairs if src not in p]


def admin_connection(url_text: str) -> pymysql.Connection:
    """A separate root-level session to the server behind a test URL (not through any proxy)."""
    url = parse_url(url_text)
    return pymysql.connect(
        host=url.host,
        port=url.port,
        user=url.user,
        password=url.password or os.environ.get("CHURNWATCH_DB_PASSWORD", ""),
        autocommit=True,
    )


def kill_connections(url_text: str, *, busy_only: bool = False) -> int:
    """KILL every connection using the URL's database, except this session; returns the count.

    Only the test's own scratch database is named, so nobody else's connection is touched.
    `busy_only` KILLs only connections that are running a statement (mid-transaction faults).
    """
    url = parse_url(url_text)
    conn = admin_connection(url_text)
    try:
        with conn.cursor() as cur:
            condition = " AND command <> 'Sleep'" if busy_only else ""
            cur.execute(
                "SELECT id FROM information_schema.processlist "
                f"WHERE db = %s AND id <> CONNECTION_ID(){condition}",
                (url.database,),
            )
            ids = [row[0] for row in cur.fetchall()]
            killed = 0
            for thread_id in ids:
                try:
                    cur.execute(f"KILL CONNECTION {int(thread_id)}")
                    killed += 1
                except pymysql.err.MySQLError:
                    pass  # it ended by itself meanwhile
            return killed
    finally:
        conn.close()


def mariadbd_available() -> str | None:
    """Why a private server cannot be started here, or None."""
    for tool in ("mariadbd", "mariadb-install-db"):
        if not (shutil.which(tool) or Path(f"/usr/sbin/{tool}").exists()):
            return f"{tool} is not installed"
    return None


class PrivateMariaDB:
    """A throwaway mariadbd on its own port and data directory; crash and restart it at will."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="churnwatch-mariadb-"))
        self.datadir = self.dir / "data"
        self.socket = self.dir / "mysqld.sock"
        with socket.create_server(("127.0.0.1", 0)) as probe:
            self.port = probe.getsockname()[1]
        self.process: subprocess.Popen[bytes] | None = None
        install = shutil.which("mariadb-install-db") or "/usr/bin/mariadb-install-db"
        subprocess.run(
            [
                install,
                "--no-defaults",  # the shared server's config (port, socket, datadir) is not ours
                f"--datadir={self.datadir}",
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                "--user=root",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )

    @property
    def url(self) -> str:
        return f"mysql://root@127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> None:
        server = shutil.which("mariadbd") or "/usr/sbin/mariadbd"
        self.process = subprocess.Popen(
            [
                server,
                "--no-defaults",
                f"--datadir={self.datadir}",
                f"--socket={self.socket}",
                f"--port={self.port}",
                "--bind-address=127.0.0.1",
                "--user=root",
                "--skip-log-bin",
                "--innodb-buffer-pool-size=64M",
                "--innodb-log-file-size=16M",
                f"--pid-file={self.dir / 'mysqld.pid'}",
                f"--log-error={self.dir / 'error.log'}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"private mariadbd exited: {self.log_tail()}")
            try:
                pymysql.connect(
                    host="127.0.0.1", port=self.port, user="root", connect_timeout=1
                ).close()
                return
            except pymysql.err.MySQLError:
                time.sleep(0.2)
        raise RuntimeError(f"private mariadbd did not come up: {self.log_tail()}")

    def crash(self) -> None:
        """kill -9: no shutdown, no flush; InnoDB recovers on the next start."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.crash()

    def log_tail(self) -> str:
        path = self.dir / "error.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else "(no log)"

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@contextlib.contextmanager
def private_mariadb() -> Iterator[PrivateMariaDB]:
    server = PrivateMariaDB()
    try:
        server.start()
        yield server
    finally:
        server.cleanup()
