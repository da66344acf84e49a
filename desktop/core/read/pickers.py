"""What a search-as-you-type picker lists: a few customers matching what was typed so far.

The same search as the Customers page (`lists.CustomerList`: the start of a name or an email, an
order number), so a picker finds whom the list finds, through the same indexes; the first
`limit` matches by name.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from desktop.core.read import listing, lists
from desktop.core.read.listing import ListQuery

log = logging.getLogger(__name__)

PICKER_LIMIT = 20
MAX_TEXT = 200  # longer text is no one's name or email: nothing to look for


@dataclass(frozen=True)
class CustomerChoice:
    id: int
    name: str
    email: str
    account_status: str

    @property
    def label(self) -> str:
        """How the choice reads in the list and in the field once picked."""
        return f"{self.name} <{self.email}>"


def find_customers(
    text: str, limit: int = PICKER_LIMIT, exclude: int | None = None
) -> list[CustomerChoice]:
    """Up to `limit` live customers matching `text`, by name; none for empty text."""
    text = (text or "").strip()
    if not text or len(text) > MAX_TEXT:
        return []
    spec = lists.SPECS["customers"]
    query = ListQuery(search=text, sort=(("name", False),))
    rows = listing.fetch(spec, query, limit=limit + (1 if exclude is not None else 0))
    found = [
        CustomerChoice(
            id=row.id,
            name=str(row.values.get("name") or ""),
            email=str(row.values.get("email") or ""),
            account_status=str(row.values.get("account_status") or ""),
        )
        for row in rows
        if row.id != exclude
    ]
    return found[:limit]
