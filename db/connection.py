"""Open the embedded SQLite file or the shared MySQL database from a URL.

The URL comes from `--db`, then `CHURNWATCH_DB`, then the embedded default in the user data
directory. Errors a user can fix (a bad URL, an unreachable server, a wrong password) become
`DatabaseError` subclasses with one clear line; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import peewee as pw
import pymysql
from playhouse.shortcuts import ReconnectMixin

from db.guard import STRICT_SQL_MODE, GuardedSqliteDatabase, MySQLStatementGuard
from db.models import DB

log = logging.getLogger(__name__)

ENV_URL = "CHURNWATCH_DB"
ENV_PASSWORD = "CHURNWATCH_DB_PASSWORD"
KEYRING_SERVICE = "churnwatch"
SQLITE_BUSY_TIMEOUT_MS = 5000
MYSQL_CONNECT_TIMEOUT_S = 5
GROUP_CONCAT_MAX_LEN = 64 * 1024 * 1024

_TLS_PARAMS = {"ssl_ca": "ca", "ssl_cert": "cert", "ssl_key": "key"}


class DatabaseError(Exception):
    """A problem the user can act on; the CLI prints it as one line."""


class DatabaseConfigError(DatabaseError):
    """The database URL or its parameters are wrong."""


class DatabaseUnavailable(DatabaseError):
    """The server cannot be reached, refused the credentials, or has no such database."""


@dataclass(frozen=True)
class DatabaseURL:
    """A parsed database URL; `str()` never shows the password."""

    backend: str  # "sqlite" or "mysql"
    path: Path | None = None
    host: str = "127.0.0.1"
    port: int = 3306
    user: str = "root"
    password: str | None = field(default=None, repr=False)
    database: str = "churnwatch"
    tls: Mapping[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        if self.backend == "sqlite":
            return (
                f"sqlite://{self.path}"
                if self.path and self.path.is_absolute()
                else f"sqlite:{self.path}"
            )
        return f"mysql://{self.user}@{self.host}:{self.port}/{self.database}"

    @property
    def keyring_account(self) -> str:
        return f"{self.user}@{self.host}:{self.port}"


def default_sqlite_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("ChurnWatch", appauthor=False) / "churnwatch.db"


def resolve_url(cli_value: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The URL to use: `--db`, then `CHURNWATCH_DB`, then the embedded default."""
    environ = os.environ if environ is None else environ
    if cli_value:
        return cli_value
    if environ.get(ENV_URL):
        return environ[ENV_URL]
    return f"sqlite://{default_sqlite_path()}"


def parse_url(url: str) -> DatabaseURL:
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        # sqlite:///abs/path, sqlite:////abs/path (SQLAlchemy style) and sqlite:relative/path
        raw = url[len("sqlite:") :]
        if raw.startswith("//"):
            raw = "/" + raw.lstrip("/")
        if raw in ("/:memory:", ":memory:"):
            return DatabaseURL(backend="sqlite", path=Path(":memory:"))
        if not raw or raw == "/":
            raise DatabaseConfigError(f"bad database URL '{url}': a SQLite URL needs a file path")
        return DatabaseURL(backend="sqlite", path=Path(os.path.expanduser(raw.split("?")[0])))
    if scheme in ("mysql", "mariadb", "mysql+pymysql"):
        try:
            port = parts.port or 3306
        except ValueError as exc:
            raise DatabaseConfigError(f"bad database URL '{_redact(url)}': {exc}") from None
        database = parts.path.lstrip("/")
        if not parts.hostname:
            raise DatabaseConfigError(f"bad database URL '{_redact(url)}': no host")
        if not database:
            raise DatabaseConfigError(
                f"bad database URL '{_redact(url)}': name the database, e.g. mysql://user@host:3306/churnwatch"
            )
        query = {k: vals[-1] for k, vals in parse_qs(parts.query).items()}
        unknown = set(query) - set(_TLS_PARAMS) - {"ssl_verify"}
        if unknown:
            raise DatabaseConfigError(
                f"bad database URL '{_redact(url)}': "
                f"unknown parameter(s) {', '.join(sorted(unknown))}"
                f" (known: {', '.join([*sorted(_TLS_PARAMS), 'ssl_verify'])})"
            )
        return DatabaseURL(
            backend="mysql",
            host=parts.hostname,
            port=port,
            user=unquote(parts.username) if parts.username else "root",
            password=unquote(parts.password) if parts.password is not None else None,
            database=database,
            tls=query,
        )
    raise DatabaseConfigError(
        f"bad database URL '{_redact(url)}': use sqlite:///path/to/file.db or mysql://user@host:3306/name"
    )


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return url.replace(f":{parts.password}@", ":***@", 1)


def _keyring_password(account: str) -> str | None:
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:  # pragma: no cover - keyring is a dependency
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, account)
    except KeyringError as exc:
        log.debug("no password from the OS keyring: %s", exc)
        return None


def resolve_password(
    url: DatabaseURL,
    environ: Mapping[str, str] | None = None,
    keyring_lookup: Callable[[str], str | None] = _keyring_password,
) -> str:
    """The URL's password, then `CHURNWATCH_DB_PASSWORD`, then the OS keyring, else none."""
    environ = os.environ if environ is None else environ
    if url.password is not None:
        return url.password
    if ENV_PASSWORD in environ:
        return environ[ENV_PASSWORD]
    return keyring_lookup(url.keyring_account) or ""


class ReconnectingMySQLDatabase(MySQLStatementGuard, ReconnectMixin, pw.MySQLDatabase):
    """MySQL that reconnects when the server dropped an idle connection between units of work.

    ReconnectMixin never reconnects inside a transaction, so keep transactions short and retry whole
    units of work. Every session runs in strict mode (Peewee applies `sql_mode` on connect), so
    the server refuses what does not fit instead of cutting it; `db.guard` words the refusal.
    """

    sql_mode = STRICT_SQL_MODE

    def _connect(self) -> Any:
        # Peewee still passes `db=`, which PyMySQL 1.2 deprecates in favour of `database=`.
        # Feature queries read aggregates packed by GROUP_CONCAT, which MySQL would cut at
        # 1 MiB by default (they check for that, too).
        return pymysql.connect(
            database=self.database,
            autocommit=True,
            init_command=f"SET SESSION group_concat_max_len = {GROUP_CONCAT_MAX_LEN}",
            **self.connect_params,
        )


def build_database(url: DatabaseURL, password: str | None = None) -> pw.Database:
    """A Peewee database for the URL, not yet connected."""
    if url.backend == "sqlite":
        assert url.path is not None
        if str(url.path) != ":memory:":
            url.path.parent.mkdir(parents=True, exist_ok=True)
        return GuardedSqliteDatabase(
            str(url.path),
            pragmas={
                "journal_mode": "wal",
                "foreign_keys": 1,
                "busy_timeout": SQLITE_BUSY_TIMEOUT_MS,
                "synchronous": "normal",
                "cache_size": -64_000,
            },
            timeout=SQLITE_BUSY_TIMEOUT_MS / 1000,
        )
    kwargs: dict[str, Any] = {
        "host": url.host,
        "port": url.port,
        "user": url.user,
        "password": password if password is not None else resolve_password(url),
        "charset": "utf8mb4",
        "connect_timeout": MYSQL_CONNECT_TIMEOUT_S,
    }
    ssl = _ssl_params(url)
    if ssl:
        kwargs["ssl"] = ssl
    return ReconnectingMySQLDatabase(url.database, **kwargs)


def _ssl_params(url: DatabaseURL) -> dict[str, Any] | None:
    """PyMySQL's `ssl` argument from the URL's TLS parameters, or None without TLS."""
    if not url.tls:
        return None
    ssl: dict[str, Any] = {_TLS_PARAMS[k]: val for k, val in url.tls.items() if k in _TLS_PARAMS}
    if "ssl_verify" in url.tls:
        ssl["check_hostname"] = url.tls["ssl_verify"].lower() in ("1", "true", "yes")
    return ssl


def explain_mysql_error(url: DatabaseURL, exc: BaseException) -> DatabaseError | None:
    """Turn a PyMySQL error a user can fix into one clear line; None for anything else."""
    code = exc.args[0] if exc.args and isinstance(exc.args[0], int) else None
    where = f"{url.host}:{url.port}"
    if code in (2003, 2005, 2006, 2013):
        return DatabaseUnavailable(f"cannot reach the MySQL server at {where} (is it running?)")
    if code == 1045:
        return DatabaseUnavailable(
            f"the MySQL server at {where} refused user '{url.user}': wrong password? "
            f"(give it in the URL, {ENV_PASSWORD} or the OS keyring)"
        )
    if code == 1049:
        return DatabaseUnavailable(
            f"the MySQL server at {where} has no database '{url.database}' "
            "(run: churnwatch init-db)"
        )
    if code == 1044:
        return DatabaseUnavailable(
            f"user '{url.user}' may not use database '{url.database}' on {where}"
        )
    return None


def ensure_mysql_database(url: DatabaseURL, password: str) -> None:
    """Create the MySQL database (utf8mb4) if it does not exist yet."""
    try:
        conn = pymysql.connect(
            host=url.host,
            port=url.port,
            user=url.user,
            password=password,
            charset="utf8mb4",
            connect_timeout=MYSQL_CONNECT_TIMEOUT_S,
            ssl=_ssl_params(url),
        )
    except pymysql.err.MySQLError as exc:
        raise (explain_mysql_error(url, exc) or exc) from None
    try:
        with conn.cursor() as cur:
            cur.execute(
                f"CREATE DATABASE IF NOT EXISTS `{url.database.replace('`', '``')}` "
                "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
            )
    finally:
        conn.close()


def connect(url_text: str, *, create: bool = False) -> tuple[pw.Database, DatabaseURL]:
    """Open the database named by the URL and bind the models to it.

    `create` makes a missing MySQL database (init-db and demo do this); without it a missing
    database is an error that says how to create it.
    """
    url = parse_url(url_text)
    password = resolve_password(url) if url.backend == "mysql" else None
    if url.backend == "mysql" and create:
        assert password is not None
        ensure_mysql_database(url, password)
    database = build_database(url, password)
    try:
        database.connect(reuse_if_open=True)
    except pw.OperationalError as exc:
        cause = exc.__cause__ or exc
        if url.backend == "mysql":
            explained = explain_mysql_error(url, cause)
            if explained:
                raise explained from None
        raise DatabaseUnavailable(f"cannot open {url}: {cause}") from None
    DB.initialize(database)
    log.info("connected to %s", url)
    return database, url


def ping(database: pw.Database) -> float:
    """Round-trip time of a trivial query, in milliseconds."""
    start = time.perf_counter()
    database.execute_sql("SELECT 1").fetchone()
    return (time.perf_counter() - start) * 1000


def server_version(database: pw.Database) -> str:
    if isinstance(database, pw.MySQLDatabase):
        row = database.execute_sql("SELECT VERSION()").fetchone()
        return str(row[0])
    row = database.execute_sql("SELECT sqlite_version()").fetchone()
    return f"SQLite {row[0]}"


def is_mysql(database: pw.Database | None = None) -> bool:
    target = database if database is not None else DB.obj
    return isinstance(target, pw.MySQLDatabase)
