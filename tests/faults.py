"""A fault harness for tests against MySQL: cut connections, KILL them, crash a private server.

- `FaultProxy`: a small TCP proxy between the program and MariaDB. `cut()` drops every
  connection through it at once (both directions, as a network failure or a server crash looks
  from the client); `refuse()` makes new connections fail until `accept()`.
- `kill_connections(url, database)`: KILLs, from a second session, the connections that use the
  test's own scratch database, never anyone else's.
- `private_mariadb()`: a mariadbd of the test's own, on its own port and data directory, that a
  test may crash (`kill -9`) and restart. The shared server is never touched.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pymysql

from db.connection import parse_url
from tests.throwaway_mariadb import PrivateServer


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


@contextlib.contextmanager
def private_mariadb() -> Iterator[PrivateServer]:
    """A mariadbd of the test's own (see `tests.throwaway_mariadb`) that it may crash and restart;
    `server.url` is its root URL without a database."""
    root = Path(tempfile.mkdtemp(prefix="churnwatch-mariadb-"))
    server = PrivateServer(root)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
