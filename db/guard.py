"""Statement failures a user can act on, turned into one clear message for every query.

Validation (`db.limits`) refuses what does not fit before anything is sent; this is the last line
behind it, for the paths that write without a model (`insert()`, `update()`, raw SQL): text the
driver cannot encode (a lone surrogate), a value the server refuses in strict mode (too long, out
of range), a statement larger than the server's `max_allowed_packet`. Each becomes a
`ValidationError`, and the connection is usable afterwards: a server that dropped the connection
over a too-large packet gets a fresh one at once, so the next query on it works.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Sequence
from typing import Any, ClassVar

import peewee as pw

from db.fields import SQLITE_FIELD_TYPES
from db.limits import SURROGATE_MESSAGE
from db.validation import ValidationError

log = logging.getLogger(__name__)

STRICT_SQL_MODE = ",".join(
    (
        "STRICT_ALL_TABLES",  # refuse what does not fit instead of cutting or clamping it
        "PIPES_AS_CONCAT",  # what Peewee sets (its default mode replaces the server's)
        "NO_ZERO_DATE",
        "NO_ZERO_IN_DATE",
        "ERROR_FOR_DIVISION_BY_ZERO",
        "NO_ENGINE_SUBSTITUTION",
    )
)
"""Every MySQL session's `sql_mode`: strict, plus the rest of MariaDB's default that we want."""

# MySQL errors for a value the column cannot hold (strict mode makes them errors, not warnings).
_REFUSED_VALUE = {
    1264: "out of range for its database column",  # ER_WARN_DATA_OUT_OF_RANGE
    1265: "does not fit its database column",  # WARN_DATA_TRUNCATED
    1292: "is not a value its database column can hold",  # ER_TRUNCATED_WRONG_VALUE
    # ER_TRUNCATED_WRONG_VALUE_FOR_FIELD: MariaDB's answer, too, to text cut inside a character
    1366: "does not fit its database column (too long, or not a value it can hold)",
    1406: "too long for its database column",  # ER_DATA_TOO_LONG
}
_COLUMN_RE = re.compile(r"column (?:`[^`]*`\.)*[`']([^`']+)[`']")
_PACKET_TOO_LARGE = 1153  # ER_NET_PACKET_TOO_LARGE
_LOST = (2006, 2013)  # gone away / lost during query: how a too-large packet often shows
_SIZE_WORTH_CHECKING = 1024 * 1024  # below this a lost connection is not about the packet size


class StatementTooLarge(ValidationError):
    """A statement larger than the server accepts in one packet; it was not run."""

    def __init__(self, size: int, limit: int | None) -> None:
        most = f"the server accepts at most {limit / 1e6:.1f} MB" if limit else "too much"
        super().__init__(
            {
                "data": f"too much data for one statement ({size / 1e6:.1f} MB; {most}, "
                "its max_allowed_packet); nothing of it was saved"
            }
        )


def _code(exc: BaseException) -> int | None:
    return exc.args[0] if exc.args and isinstance(exc.args[0], int) else None


def refused_value(exc: BaseException) -> ValidationError | None:
    """The server's refusal of a value, as a `ValidationError` naming the column; None when
    `exc` is something else. The value itself is never repeated (it may be personal data)."""
    code = _code(exc)
    if code not in _REFUSED_VALUE:
        return None
    text = str(exc.args[1]) if len(exc.args) > 1 else ""
    match = _COLUMN_RE.search(text)
    return ValidationError({match.group(1) if match else "value": _REFUSED_VALUE[code]})


def statement_bytes(sql: str, params: Sequence[Any] | None) -> int:
    """About how many bytes the statement takes on the wire (only used once it has failed)."""
    size = len(sql.encode("utf-8", "surrogatepass"))
    for value in params or ():
        if isinstance(value, str):
            size += len(value.encode("utf-8", "surrogatepass"))
        elif isinstance(value, (bytes, bytearray, memoryview)):
            size += 2 * len(value)  # escaped, worst case
        else:
            size += 24
    return size


class StatementGuard:
    """Mixin for a Peewee database: the failures above as `ValidationError`s."""

    def execute_sql(self, sql: str, params: Any = None, commit: Any = None) -> Any:
        try:
            return super().execute_sql(sql, params)  # type: ignore[misc]
        except UnicodeEncodeError:
            # Raised by the driver before anything is sent; the message would quote the value.
            raise ValidationError({"text": SURROGATE_MESSAGE}) from None
        except pw.DataError as exc:
            refused = refused_value(exc)
            if refused is None:
                raise
            raise refused from None
        except (pw.OperationalError, pw.InterfaceError) as exc:
            too_large = self._too_large(exc, sql, params)
            if too_large is None:
                raise
            raise too_large from None

    def _too_large(self, exc: BaseException, sql: str, params: Any) -> StatementTooLarge | None:
        return None


class MySQLStatementGuard(StatementGuard):
    """Also: a statement over `max_allowed_packet`, which MariaDB answers with 1153 or by
    dropping the connection mid-send (2006/2013, then `InterfaceError` on every later query)."""

    _max_packet: int | None = None

    def _too_large(self, exc: BaseException, sql: str, params: Any) -> StatementTooLarge | None:
        code = _code(exc)
        lost = code in _LOST or isinstance(exc, pw.InterfaceError)
        if code != _PACKET_TOO_LARGE and not lost:
            return None
        size = statement_bytes(sql, params)
        if code != _PACKET_TOO_LARGE and size < _SIZE_WORTH_CHECKING:
            return None
        try:
            self._revive()
        except Exception:  # the server is gone: the original error says so
            return None
        limit = self._packet_limit()
        if code != _PACKET_TOO_LARGE and (limit is None or size < limit):
            return None
        log.warning("refused a %d-byte statement (max_allowed_packet %s)", size, limit)
        return StatementTooLarge(size, limit)

    def _revive(self) -> None:
        """Give this thread a working connection if the server dropped it.

        Inside a transaction the new connection takes the old one's place under Peewee's
        transaction stack: the rollback that follows the error runs on it (there is nothing to
        roll back: the server discarded the old session's work when it dropped it).
        """
        state = self._state  # type: ignore[attr-defined]
        conn = state.conn
        if conn is not None:
            try:
                conn.ping(reconnect=False)
                return
            except Exception:  # any failure means the connection is gone
                with contextlib.suppress(Exception):  # closed by the server already
                    conn.close()
        state.conn = self._connect()  # type: ignore[attr-defined]
        state.closed = False
        log.info("replaced a connection the server dropped")

    def _packet_limit(self) -> int | None:
        if self._max_packet is None:
            try:
                with self._state.conn.cursor() as cur:  # type: ignore[attr-defined]
                    cur.execute("SELECT @@max_allowed_packet")
                    self._max_packet = int(cur.fetchone()[0])
            except Exception:  # the message then says less, nothing worse
                return None
        return self._max_packet


class GuardedSqliteDatabase(StatementGuard, pw.SqliteDatabase):
    """The embedded database: the guard above, and MEDIUMTEXT declared as SQLite's TEXT."""

    field_types: ClassVar[dict[str, str]] = {**pw.SqliteDatabase.field_types, **SQLITE_FIELD_TYPES}
