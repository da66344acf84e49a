"""Time in the demo: whole seconds relative to midnight (UTC) at the start of `today`.

Every generated time is such an offset (negative = past, NEVER when something does not happen)
and is formatted only when a row is made, with two list lookups. The windows the history spans
are set here too.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

DAY = 86_400
HOUR = 3_600
# Events go back a year: training snapshots look 90 days back from cutoffs up to 240 days ago.
EVENT_WINDOW_DAYS = 365
METRIC_DAYS = 90
MAX_TENURE_DAYS = 1_460
NEVER = 10**12  # a time after any generated time (seconds)
NEWSLETTERS_90D = 6  # a fortnightly newsletter: email_engagement_rate = opens in 90 days / 6


@lru_cache(maxsize=1)
def times_of_day() -> list[str]:
    """' HH:MM:SS' for every second of a day: formatting a timestamp becomes two list lookups."""
    return [f" {h:02d}:{mi:02d}:{s:02d}" for h in range(24) for mi in range(60) for s in range(60)]


class Clock:
    """Formats offsets from today's midnight and converts them to and from month indexes.

    Nothing but card expiry and a subscription's current period end lies after today's start.
    """

    def __init__(self, today: date) -> None:
        self.today = today
        past, future = MAX_TENURE_DAYS + 120, 40
        # days[d] is the date of day d relative to today; negative d index from the end of the list.
        self.days: list[str] = [(today + timedelta(days=d)).isoformat() for d in range(future)] + [
            (today + timedelta(days=d)).isoformat() for d in range(-past, 0)
        ]
        self.tod = times_of_day()

    def ts(self, t: int) -> str:
        """'YYYY-MM-DD HH:MM:SS' for `t` seconds after the start of today (negative = past)."""
        return self.days[t // DAY] + self.tod[t % DAY]

    def month_start(self, month_index: int) -> int:
        """Seconds from today's midnight to the first day of the month with this index."""
        first = date(month_index // 12, month_index % 12 + 1, 1)
        return (first - self.today).days * DAY

    def month_of(self, t: int) -> int:
        """The month index (year * 12 + month - 1) of the day `t` seconds after today's start."""
        d = self.today + timedelta(days=t // DAY)
        return d.year * 12 + d.month - 1
