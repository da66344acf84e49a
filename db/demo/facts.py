"""What the last parts of a customer's history need to know about everything drawn before.

The health score (`health`), the staff's traces (`staff`) and the alerts (`alerts`) come after the
customer's orders, payments, events and tickets, and read them from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from db.demo.clock import DAY, NEVER


@dataclass(slots=True)
class Facts:
    """What the health score and the staff's traces need to know about one customer.

    Times are seconds relative to the start of today; NEVER when something does not happen.
    """

    cid: int
    account_status: str
    churned: bool
    tc: int  # churn time (in the future for a customer in decline now)
    ds: int  # start of the decline (== tc for a sudden churner)
    dip_start: int  # a past dip the customer recovered from (both 0 without one)
    dip_end: int
    t_since: int
    since_days: int
    spent: int  # cents
    discount_share: float
    price: float  # price sensitivity trait
    opens_90: int
    sub_status: str | None
    last_order: int
    value_cents: int
    expiring: tuple[int, int, int] | None  # a live card that runs out within 30 days
    order_ts: list[int]
    login_ts: list[int]
    open_ts: list[int]
    fail_ts: list[int]  # sorted
    last_fail_tx: tuple[int, int, float, str]  # the latest failed payment: time, id, amount, why
    tickets: list[tuple[int, bool, bool, int]]  # (opened, escalated, still open, ticket id)

    @property
    def recent_fail(self) -> bool:
        """A payment failed in the last three weeks."""
        last_fail = self.fail_ts[-1] if self.fail_ts else -NEVER  # sorted
        return last_fail >= -21 * DAY
