"""Portable field types shared by SQLite and MySQL."""

from __future__ import annotations

import json
from typing import Any

import peewee as pw


class JSONField(pw.TextField):
    """JSON stored as text, so SQLite and MySQL hold it the same way.

    MySQL's native JSON type would reorder keys and MariaDB aliases it to LONGTEXT anyway; text
    keeps what we write byte-for-byte and keeps the field portable.
    """

    field_type = "LONGTEXT"

    def db_value(self, value: Any) -> str | None:
        if value is None:
            return None
        return json.dumps(value, separators=(",", ":"), sort_keys=True, default=str)

    def python_value(self, value: Any) -> Any:
        if value is None or value == "":
            return None
        if isinstance(value, (bytes, bytearray)):
            value = value.decode("utf-8")
        return json.loads(value)


class LongBlobField(pw.BlobField):
    """Binary up to 4 GiB on MySQL (plain BLOB stops at 64 KiB); SQLite treats it as BLOB."""

    field_type = "LONGBLOB"
