"""Open the embedded SQLite file or the shared MySQL database from a URL.

The URL comes from `--db`, then `CHURNWATCH_DB`, then the embedded default in the user data
directory. Errors a user can fix (a bad URL, an unreachable server, a wrong password) become
`DatabaseError` subclasses with one clear line; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import hashlib
import logging
import os
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import peewee as pw
import pymysql
from playhouse.shortcuts import ReconnectMixin

from db import log_redaction
from db.guard import STRICT_SQL_MODE, GuardedSqliteDatabase, MySQLStatementGuard
from db.i18n import QT_TRANSLATE_NOOP
from db.models import DB

log = logging.getLogger(__name__)
# Before any database is opened: statement parameters (what users typed) never reach a log.
log_redaction.install()

ENV_URL = "CHURNWATCH_DB"
ENV_PASSWORD = "CHURNWATCH_DB_PASSWORD"
KEYRING_SERVICE = "churnwatch"
SQLITE_BUSY_TIMEOUT_MS = 5000
MYSQL_CONNECT_TIMEOUT_S = 5
GROUP_CONCAT_MAX_LEN = 64 * 1024 * 1024
MYSQL_NAME_MAX = 64  # characters in a database name

_TLS_PARAMS = ("ssl_ca", "ssl_cert", "ssl_key", "ssl_verify")


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
            raise DatabaseConfigError(
                QT_TRANSLATE_NOOP(
                    "Connection", "bad database URL '{url}': a SQLite URL needs a file path"
                ).format(url=url)
            )
        return DatabaseURL(backend="sqlite", path=Path(os.path.expanduser(raw.split("?")[0])))
    if scheme in ("mysql", "mariadb", "mysql+pymysql"):
        try:
            port = parts.port or 3306
        except ValueError as exc:
            raise DatabaseConfigError(
                QT_TRANSLATE_NOOP("Connection", "bad database URL '{url}': {why}").format(
                    url=_redact(url), why=str(exc)
                )
            ) from None
        database = parts.path.lstrip("/")
        if not parts.hostname:
            raise DatabaseConfigError(
                QT_TRANSLATE_NOOP("Connection", "bad database URL '{url}': no host").format(
                    url=_redact(url)
                )
            )
        if not database:
            raise DatabaseConfigError(
                QT_TRANSLATE_NOOP(
                    "Connection",
                    "bad database URL '{url}': name the database, e.g. "
                    "mysql://user@host:3306/churnwatch",
                ).format(url=_redact(url))
            )
        if len(database) > MYSQL_NAME_MAX:
            raise DatabaseConfigError(
                QT_TRANSLATE_NOOP(
                    "Connection",
                    "bad database URL '{url}': the database name has {n} characters; MySQL "
                    "allows at most {most}",
                ).format(url=_redact(url), n=len(database), most=MYSQL_NAME_MAX)
            )
        query = {k: vals[-1] for k, vals in parse_qs(parts.query).items()}
        unknown = set(query) - set(_TLS_PARAMS)
        if unknown:
            raise DatabaseConfigError(
                QT_TRANSLATE_NOOP(
                    "Connection",
                    "bad database URL '{url}': unknown parameter(s) {names} (known: {known})",
                ).format(
                    url=_redact(url),
                    names=", ".join(sorted(unknown)),
                    known=", ".join(sorted(_TLS_PARAMS)),
                )
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
        QT_TRANSLATE_NOOP(
            "Connection",
            "bad database URL '{url}': use sqlite:///path/to/file.db or "
            "mysql://user@host:3306/name",
        ).format(url=_redact(url))
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
            try:
                url.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                # The nearest part of the path that exists and is not a folder, if any.
                blocker = next((p for p in url.path.parents if p.exists()), None)
                why = (
                    f"{blocker} is a file, not a folder"
                    if blocker is not None and not blocker.is_dir()
                    else exc.strerror or str(exc)
                )
                raise DatabaseConfigError(
                    QT_TRANSLATE_NOOP(
                        "Connection", "cannot create the folder {folder} for the SQLite file: {why}"
                    ).format(folder=str(url.path.parent), why=why)
                ) from None
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
    context = _tls_context(url)
    if context is not None:
        kwargs["ssl"] = context
    return ReconnectingMySQLDatabase(url.database, **kwargs)


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def _tls_context(url: DatabaseURL) -> ssl.SSLContext | None:
    """PyMySQL's `ssl` argument from the URL's TLS parameters, or None without TLS.

    PyMySQL verifies nothing when it has no CA, whatever `check_hostname` says, so the context is
    built here. By default (and with `ssl_verify=1`) the server's certificate chain is checked
    against `ssl_ca`, else the system's CA store, and its name against the host in the URL.
    `ssl_verify=0` skips the name check, and with no `ssl_ca` the chain check too (encrypted,
    but open to a man in the middle).
    """
    if not url.tls:
        return None
    flag = url.tls.get("ssl_verify")
    if flag is not None and flag.lower() not in (*_TRUE, *_FALSE):
        raise DatabaseConfigError(
            QT_TRANSLATE_NOOP(
                "Connection", "bad database URL '{url}': ssl_verify must be 1 or 0, not '{flag}'"
            ).format(url=str(url), flag=flag)
        )
    check_name = flag is None or flag.lower() in _TRUE
    files = {k: url.tls[k] for k in ("ssl_ca", "ssl_cert", "ssl_key") if url.tls.get(k)}
    for key, path in files.items():
        if not Path(path).expanduser().is_file():
            raise DatabaseConfigError(
                QT_TRANSLATE_NOOP("Connection", "the {key} file {path} does not exist").format(
                    key=key, path=path
                )
            )
    if "ssl_key" in files and "ssl_cert" not in files:
        raise DatabaseConfigError(
            QT_TRANSLATE_NOOP(
                "Connection", "bad database URL '{url}': ssl_key needs ssl_cert"
            ).format(url=str(url))
        )
    ca = str(Path(files["ssl_ca"]).expanduser()) if "ssl_ca" in files else None
    try:
        # cafile=None: the system's CA store.
        context = ssl.create_default_context(cafile=ca)
    except ssl.SSLError as exc:
        raise DatabaseConfigError(
            QT_TRANSLATE_NOOP(
                "Connection", "the ssl_ca file {ca} holds no usable certificate: {reason}"
            ).format(ca=ca, reason=str(exc.reason or exc))
        ) from None
    # As PyMySQL does: Python 3.13's strict X.509 checks refuse the certificates MySQL
    # generates for itself, which are otherwise sound.
    context.verify_flags &= ~ssl.VERIFY_X509_STRICT
    context.check_hostname = check_name
    if not check_name and ca is None:
        context.verify_mode = ssl.CERT_NONE
    if "ssl_cert" in files:
        cert = str(Path(files["ssl_cert"]).expanduser())
        keyfile = str(Path(files["ssl_key"]).expanduser()) if "ssl_key" in files else None
        try:
            context.load_cert_chain(cert, keyfile=keyfile)
        except ssl.SSLError as exc:
            raise DatabaseConfigError(
                QT_TRANSLATE_NOOP(
                    "Connection",
                    "the client certificate {cert} (ssl_cert/ssl_key) cannot be used: {reason}",
                ).format(cert=cert, reason=str(exc.reason or exc))
            ) from None
    return context


def _explain_tls(where: str, exc: BaseException) -> DatabaseError | None:
    """A TLS failure while connecting, named as such rather than as an unreachable server."""
    cause = getattr(exc, "original_exception", None)  # PyMySQL keeps the socket's error here
    if isinstance(cause, ssl.SSLCertVerificationError):
        reason = str(cause.verify_message).rstrip(".")
        hint = (
            QT_TRANSLATE_NOOP("Connection", "connect by a name the certificate names")
            if "mismatch" in reason.lower()
            else QT_TRANSLATE_NOOP("Connection", "give the CA that signed it as ssl_ca in the URL")
        )
        return DatabaseUnavailable(
            QT_TRANSLATE_NOOP(
                "Connection",
                "the MySQL server's certificate could not be verified: {reason} "
                "(server {where}; {hint})",
            ).format(reason=reason, where=where, hint=hint)
        )
    if isinstance(cause, ssl.SSLError):
        return DatabaseUnavailable(
            QT_TRANSLATE_NOOP(
                "Connection", "TLS with the MySQL server at {where} failed: {reason}"
            ).format(where=where, reason=str(cause.reason or cause))
        )
    if exc.args and exc.args[0] == 2026:
        return DatabaseUnavailable(
            QT_TRANSLATE_NOOP(
                "Connection",
                "the MySQL server at {where} does not offer TLS, which the URL's ssl_* "
                "parameters require",
            ).format(where=where)
        )
    return None


def explain_mysql_error(url: DatabaseURL, exc: BaseException) -> DatabaseError | None:  # noqa: PLR0911
    """Turn a PyMySQL error a user can fix into one clear line; None for anything else."""
    exc = getattr(exc, "orig", exc)  # Peewee keeps the driver's error there
    code = exc.args[0] if exc.args and isinstance(exc.args[0], int) else None
    where = f"{url.host}:{url.port}"
    tls = _explain_tls(where, exc)
    if tls is not None:
        return tls
    if code in (2003, 2005, 2006, 2013):
        return DatabaseUnavailable(
            QT_TRANSLATE_NOOP(
                "Connection", "cannot reach the MySQL server at {where} (is it running?)"
            ).format(where=where)
        )
    if code == 1045:
        return DatabaseUnavailable(
            QT_TRANSLATE_NOOP(
                "Connection",
                "the MySQL server at {where} refused user '{user}': wrong password? (give it in "
                "the URL, {variable} or the OS keyring)",
            ).format(where=where, user=url.user, variable=ENV_PASSWORD)
        )
    if code == 1049:
        return DatabaseUnavailable(
            QT_TRANSLATE_NOOP(
                "Connection",
                "the MySQL server at {where} has no database '{database}' "
                "(run: churnwatch init-db)",
            ).format(where=where, database=url.database)
        )
    if code == 1044:
        return DatabaseUnavailable(
            QT_TRANSLATE_NOOP(
                "Connection", "user '{user}' may not use database '{database}' on {where}"
            ).format(user=url.user, database=url.database, where=where)
        )
    if code == 1102:
        return DatabaseConfigError(
            QT_TRANSLATE_NOOP(
                "Connection", "the MySQL server at {where} refuses the database name '{database}'"
            ).format(where=where, database=url.database)
        )
    return explain_server_error(exc)


# Server errors after connecting that a user can act on, by MySQL error code.
_SERVER_ERRORS = {
    1040: QT_TRANSLATE_NOOP(
        "Connection",
        "the MySQL server has no connection to spare (max_connections); use fewer --workers "
        "or retry later",
    ),
    1203: QT_TRANSLATE_NOOP(
        "Connection",
        "this MySQL account has used all the connections it may open "
        "(max_user_connections); use fewer --workers or retry later",
    ),
}
_SERVER_ERRORS[1226] = _SERVER_ERRORS[1203]
# Privileges missing from the MySQL account: the server's own text names the command and table.
_PRIVILEGE_ERRORS = (1044, 1142, 1143, 1227)


def explain_server_error(exc: BaseException) -> DatabaseError | None:
    """One clear line for a driver error (or a Peewee error caused by one) a user can act on:
    the server's connection limits and missing privileges; None for anything else."""
    seen: BaseException | None = exc
    while seen is not None:
        seen = getattr(seen, "orig", seen)
        assert seen is not None
        code = seen.args[0] if seen.args and isinstance(seen.args[0], int) else None
        if code in _SERVER_ERRORS:
            return DatabaseUnavailable(_SERVER_ERRORS[code])
        if code in _PRIVILEGE_ERRORS:
            detail = str(seen.args[1]) if len(seen.args) > 1 else "permission denied"
            return DatabaseUnavailable(
                QT_TRANSLATE_NOOP(
                    "Connection",
                    "the MySQL account lacks a privilege: {detail} (ChurnWatch needs SELECT, "
                    "INSERT, UPDATE and DELETE, and init-db also CREATE, ALTER, INDEX and "
                    "REFERENCES)",
                ).format(detail=detail)
            )
        seen = seen.__cause__ or seen.__context__
    return None


def ensure_mysql_database(url: DatabaseURL, password: str) -> None:
    """Create the MySQL database (utf8mb4) if it does not exist yet.

    An account without CREATE may still use a database a DBA made for it: only a refusal for a
    database that does not exist is an error.
    """
    try:
        conn = pymysql.connect(
            host=url.host,
            port=url.port,
            user=url.user,
            password=password,
            charset="utf8mb4",
            connect_timeout=MYSQL_CONNECT_TIMEOUT_S,
            ssl=_tls_context(url),
        )
    except pymysql.err.MySQLError as exc:
        raise (explain_mysql_error(url, exc) or exc) from None
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM information_schema.schemata WHERE schema_name = %s",
                        (url.database,))  # fmt: skip
            if cur.fetchone() is not None:
                return
            try:
                cur.execute(
                    f"CREATE DATABASE IF NOT EXISTS `{url.database.replace('`', '``')}` "
                    "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
                )
            except pymysql.err.MySQLError as exc:
                code = exc.args[0] if exc.args else None
                if code in (1044, 1227):
                    raise DatabaseUnavailable(
                        QT_TRANSLATE_NOOP(
                            "Connection",
                            "user '{user}' may not create database '{database}' on {where} (ask "
                            "the database administrator to create it, or to grant CREATE)",
                        ).format(
                            user=url.user, database=url.database, where=f"{url.host}:{url.port}"
                        )
                    ) from None
                raise (explain_mysql_error(url, exc) or exc) from None
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
    except pw.DatabaseError as exc:  # OperationalError, or "file is not a database"
        cause = exc.__cause__ or exc
        if url.backend == "mysql":
            explained = explain_mysql_error(url, cause)
            if explained:
                raise explained from None
        elif "not a database" in str(cause):
            raise DatabaseUnavailable(
                QT_TRANSLATE_NOOP("Connection", "{path} is not a SQLite database").format(
                    path=str(url.path)
                )
            ) from None
        raise DatabaseUnavailable(
            QT_TRANSLATE_NOOP("Connection", "cannot open {url}: {why}").format(
                url=str(url), why=str(cause)
            )
        ) from None
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


def lock_name(database: pw.Database, purpose: str) -> str:
    """A MySQL named lock (GET_LOCK) for `purpose` in this database alone: lock names are
    server-wide, so two databases on one server (two shops, parallel test runs) must not wait
    for each other; a digest of the database name keeps it under MySQL's 64 characters."""
    digest = hashlib.sha256(str(database.database).encode("utf-8")).hexdigest()[:24]
    return f"churnwatch:{purpose}:{digest}"[:64]
