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


USER_TEXT_MAX_CHARS = 100_000
"""What a person may type into a note, message, resolution or outreach note.

A long note fits (70,000 characters is a real one); every character may take four bytes in
utf8mb4, so the longest is 400 KB on MySQL, far below the column (16 MiB) and the server's
`max_allowed_packet` (16 MiB by default, 4 MiB on old servers): too long is always a validation
message, never a statement the server cuts or refuses.
"""


class MediumTextField(pw.TextField):
    """Text users write: MEDIUMTEXT on MySQL (TEXT stops at 65,535 bytes), TEXT on SQLite.

    `max_chars` is the stated cap that validation enforces on both backends.
    """

    field_type = "MEDIUMTEXT"

    def __init__(self, *args: Any, max_chars: int = USER_TEXT_MAX_CHARS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_chars = max_chars


SQLITE_FIELD_TYPES = {"MEDIUMTEXT": "TEXT"}
"""SQLite has one text type: MEDIUMTEXT columns are declared TEXT there, so a new file and an
upgraded one declare the same type."""
