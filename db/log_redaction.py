"""Keep what users type out of the logs.

At DEBUG, Peewee logs every statement with its parameters, which carry note bodies, resolution
notes, ticket subjects and search text (one note held a card number). `install()` puts a filter
on the 'peewee' logger that keeps the SQL text and replaces the parameters, at every level and
whatever handlers the application or a test adds; `db.connection` installs it on import, so no
database is opened without it. Driver errors quote values too ("Duplicate entry 'ada@…'"), so a
failure is logged by `describe_failure`: its type and where it happened, not its message.
"""

from __future__ import annotations

import logging
import re
import traceback

PEEWEE_LOGGER = "peewee"
# A quoted literal in SQL text ('it''s' and 'a\'b' included), for statements built with values
# in them.
_LITERAL = re.compile(r"'(?:[^'\\]|\\.|'')*'")


def redact_sql(sql: str) -> str:
    """The statement with every quoted literal replaced by '?'."""
    return _LITERAL.sub("'?'", sql)


class RedactStatementParameters(logging.Filter):
    """Rewrites Peewee's `(sql, params)` records to the SQL text and a count of parameters."""

    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.msg
        if isinstance(msg, tuple) and len(msg) == 2 and isinstance(msg[0], str):
            sql, params = msg
            count = len(params) if isinstance(params, list | tuple | dict) else int(bool(params))
            record.msg = "%s -- %d parameter(s) redacted"
            record.args = (redact_sql(sql), count)
        elif record.args:  # anything else Peewee logs: keep the text, not the values
            record.msg = f"{record.msg} -- values redacted"
            record.args = None
        return True


_FILTER = RedactStatementParameters()


def install() -> None:
    """Redact Peewee's statement logging (idempotent)."""
    logger = logging.getLogger(PEEWEE_LOGGER)
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)


def describe_failure(exc: BaseException) -> str:
    """An exception for the log: its type and the stack, without its message (which may quote
    the values of the statement that failed)."""
    stack = "".join(traceback.format_tb(exc.__traceback__)).rstrip()
    return f"{type(exc).__module__}.{type(exc).__qualname__} (message not logged)\n{stack}"
