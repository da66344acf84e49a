"""Field rules from the domain documents, with messages a user can act on.

Kept apart from the models so the service layer and import code can check a value before any row
exists.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

from db.i18n import QT_TRANSLATE_NOOP, Joined

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LAST_FOUR_RE = re.compile(r"^[0-9]{4}$")
COLOR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")


class ValidationError(ValueError):
    """One or more fields hold values the domain does not allow.

    `errors` maps each field name to its message, so a form can show each next to its field.
    """

    def __init__(self, errors: Mapping[str, str], entity: str = "") -> None:
        self.errors = dict(errors)
        self.entity = entity
        detail = Joined(
            "; ",
            (
                QT_TRANSLATE_NOOP("Validation", "{field}: {message}").format(
                    field=field, message=message
                )
                for field, message in self.errors.items()
            ),
        )
        super().__init__(
            QT_TRANSLATE_NOOP("Validation", "{entity} is not valid – {detail}").format(
                entity=entity, detail=detail
            )
            if entity
            else detail
        )


def email_error(value: str | None) -> str | None:
    if not value:
        return QT_TRANSLATE_NOOP("Validation", "an email address is required")
    if len(value) > 254 or not EMAIL_RE.match(value):
        return QT_TRANSLATE_NOOP("Validation", "'{value}' is not a valid email address").format(
            value=value
        )
    return None


def last_four_error(value: str | None) -> str | None:
    if value is None or not LAST_FOUR_RE.match(value):
        return QT_TRANSLATE_NOOP(
            "Validation", "the last four digits must be exactly 4 digits (0–9)"
        )
    return None


def expiry_month_error(value: int | None) -> str | None:
    if value is None or not 1 <= int(value) <= 12:
        return QT_TRANSLATE_NOOP("Validation", "the expiry month must be between 1 and 12")
    return None


def expiry_year_error(value: int | None, current_year: int) -> str | None:
    """A new card may not already be expired (the seed: current year or future)."""
    if value is None or int(value) < current_year:
        return QT_TRANSLATE_NOOP("Validation", "the expiry year must be {year} or later").format(
            year=current_year
        )
    return None


def positive_error(value: Decimal | float | int | None, what: str) -> str | None:
    if value is None or Decimal(str(value)) <= 0:
        return QT_TRANSLATE_NOOP("Validation", "{what} must be a positive amount").format(what=what)
    return None


def non_negative_error(value: Decimal | float | int | None, what: str) -> str | None:
    if value is None or Decimal(str(value)) < 0:
        return QT_TRANSLATE_NOOP("Validation", "{what} cannot be negative").format(what=what)
    return None


def probability_error(value: float | None) -> str | None:
    if value is not None and not 0.0 <= float(value) <= 1.0:
        return QT_TRANSLATE_NOOP("Validation", "a probability must be between 0 and 1")
    return None


def score_error(value: int | None, what: str = "the score") -> str | None:
    if value is None or not 0 <= int(value) <= 100:
        return QT_TRANSLATE_NOOP("Validation", "{what} must be between 0 and 100").format(what=what)
    return None


def color_error(value: str | None) -> str | None:
    if value is None or not COLOR_RE.match(value):
        return QT_TRANSLATE_NOOP("Validation", "the colour must be written #RRGGBB")
    return None


def required_error(value: str | None, what: str) -> str | None:
    if value is None or not str(value).strip():
        return QT_TRANSLATE_NOOP("Validation", "{what} is required").format(what=what)
    return None
