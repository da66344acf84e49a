"""Support: the customer's tickets and the messages on them.

Tickets come at a low base rate set by service friction, and many more through a decline, when
they are more often about billing or shipping, escalated, and rated poorly. Each ticket has the
customer's opening message, the agent's reply, sometimes an internal note or a customer
follow-up, and a closing reply once resolved.
"""

from __future__ import annotations

import math

from db import models as m
from db.choices import TicketStatus
from db.demo.churn import Fate
from db.demo.clock import DAY, EVENT_WINDOW_DAYS, HOUR, METRIC_DAYS, Clock
from db.demo.metrics import Series
from db.demo.people import AGENT_IDS, SUPERVISOR_ID
from db.demo.rows import EV_SUPPORT, Draw, Rows

CHANNELS = ("email", "chat", "phone", "web", "email", "chat")
TICKET_SUBJECTS: dict[str, tuple[str, ...]] = {
    "billing": ("Charged twice for one order", "Why did my payment fail?",
                "Refund not received yet", "Question about my invoice"),
    "shipping": ("Where is my order?", "Parcel arrived damaged", "Delivery is late again",
                 "Wrong delivery address"),
    "product": ("Item not as described", "Missing part in the box", "Product stopped working",
                "How do I descale the machine?"),
    "account": ("Cannot log in", "Please change my email address", "Remove my saved card",
                "Password reset link expired"),
    "technical": ("Checkout shows an error", "Discount code not accepted", "App crashes on start"),
    "other": ("Feedback about your service", "Question about loyalty points"),
}  # fmt: skip
TICKET_CATEGORIES = tuple(TICKET_SUBJECTS)
DECLINE_CATEGORIES = ("billing", "billing", "shipping", "product", "shipping", "technical")
STAFF_REPLIES = (
    "Thanks for getting in touch. I am looking into this now.",
    "Sorry about the trouble. I have checked your account and will update you shortly.",
    "Thank you for your patience. I have passed this to the right team.",
)
CUSTOMER_FOLLOW_UPS = (
    "Any news on this?",
    "Thanks, but it is still not working.",
    "Great, thank you for the quick help!",
    "This is the second time this has happened.",
)
INTERNAL_NOTES = (
    "Second contact about this; customer sounds frustrated.",
    "Checked with the warehouse, parcel is at the depot.",
    "Offered a 10% voucher as goodwill.",
)
CLOSING_REPLIES = (
    "This is sorted now. Let us know if anything else comes up.",
    "Refund issued; it should show within 5 business days.",
    "Closing this ticket; reply any time to reopen it.",
)

Ticket = tuple[int, bool, bool, int]  # (opened, escalated, still open, ticket id)


def support_tickets(  # noqa: PLR0912, PLR0915
    r: Draw,
    clock: Clock,
    out: Rows,
    series: Series,
    fate: Fate,
    *,
    cid: int,
    t_since: int,
) -> list[Ticket]:
    """The customer's tickets from joining up to churning (or today), oldest first."""
    log_ = math.log
    D, T = clock.days, clock.tod  # noqa: N806 (short: they format every timestamp)
    ids = out.ids
    by = out.by_model
    add_event = by[m.CustomerEvent].append
    eid = ids[m.CustomerEvent]
    friction, ds, tc, end = fate.friction, fate.ds, fate.tc, fate.end
    window = -EVENT_WINDOW_DAYS * DAY
    metric_start = -METRIC_DAYS * DAY
    ticket_ts: list[int] = []
    base_rate = 0.0001 + 0.0007 * friction
    t = t_since + int(-log_(1.0 - r()) * DAY / base_rate)
    while t < end:
        ticket_ts.append(t)
        t += int(-log_(1.0 - r()) * DAY / base_rate)
    if ds < end and ds < tc:
        decl_rate = 0.004 + 0.008 * friction
        t = ds + int(-log_(1.0 - r()) * DAY / decl_rate)
        while t < end:
            ticket_ts.append(t)
            t += int(-log_(1.0 - r()) * DAY / decl_rate)
        ticket_ts.sort()
    ticket_esc: list[Ticket] = []
    if ticket_ts:
        tkid = ids[m.SupportTicket]
        mid = ids[m.TicketMessage]
        add_ticket = by[m.SupportTicket].append
        add_msg = by[m.TicketMessage].append
        for t in ticket_ts:
            tkid += 1
            declining = t >= ds
            if declining and r() < 0.7:
                category = DECLINE_CATEGORIES[int(r() * 6)]
            else:
                category = TICKET_CATEGORIES[int(r() * 6)]
            subjects = TICKET_SUBJECTS[category]
            subject = subjects[int(r() * len(subjects))]
            x = r()
            priority = ("low" if x < 0.3 else "medium" if x < 0.75 else
                        "high" if x < 0.95 else "critical")  # fmt: skip
            escalated = r() < (0.3 if declining else 0.06)
            channel = CHANNELS[int(r() * 6)]
            opened = D[t // DAY] + T[t % DAY]
            ft = t + int((0.2 + r() * 20) * HOUR)
            rt = ft + int((0.5 + r() ** 2.5 * 500) * HOUR)  # mostly quick, some take weeks
            first_resp = resolved = None
            assignee: int | None = AGENT_IDS[int(r() * 3)]
            satisfaction: int | None = None
            if ft >= 0:
                status = TicketStatus.OPEN.value
                if r() < 0.5:
                    assignee = None
            elif rt >= 0:
                first_resp = D[ft // DAY] + T[ft % DAY]
                status = (TicketStatus.IN_PROGRESS if r() < 0.6 else TicketStatus.PENDING).value
            else:
                first_resp = D[ft // DAY] + T[ft % DAY]
                resolved = D[rt // DAY] + T[rt % DAY]
                status = (TicketStatus.CLOSED if rt < -14 * DAY else TicketStatus.RESOLVED).value
                if r() < 0.45:
                    satisfaction = 1 + int(r() * 3) if declining else 3 + int(r() * 3)
            is_open = resolved is None
            ticket_esc.append((t, escalated, is_open, tkid))
            add_ticket((
                tkid, f"T-{tkid:06d}", cid, subject, category, priority, status, assignee,
                channel, opened, first_resp, resolved, int(escalated), satisfaction,
                1 if is_open else 2, opened, resolved or first_resp or opened,
            ))  # fmt: skip
            mid += 1
            add_msg((mid, tkid, None, 1, f"Hello, {subject.lower()}. Can you help?", 0,
                     opened, opened))  # fmt: skip
            if first_resp is not None:
                mid += 1
                add_msg((mid, tkid, assignee, 0, STAFF_REPLIES[int(r() * 3)], 0, first_resp,
                         first_resp))  # fmt: skip
                if escalated or r() < 0.15:
                    nt = min(ft + 600, -1)
                    n_at = D[nt // DAY] + T[nt % DAY]
                    mid += 1
                    add_msg((mid, tkid, SUPERVISOR_ID if escalated else assignee, 0,
                             INTERNAL_NOTES[int(r() * 3)], 1, n_at, n_at))  # fmt: skip
                if r() < 0.5:
                    ut = ft + int((1 + r() * 10) * HOUR)
                    if ut < min(rt, 0):
                        u_at = D[ut // DAY] + T[ut % DAY]
                        mid += 1
                        add_msg((mid, tkid, None, 1, CUSTOMER_FOLLOW_UPS[int(r() * 4)], 0,
                                 u_at, u_at))  # fmt: skip
            if resolved is not None:
                mid += 1
                add_msg((mid, tkid, assignee, 0, CLOSING_REPLIES[int(r() * 3)], 0, resolved,
                         resolved))  # fmt: skip
            if t >= window:
                eid += 1
                add_event((eid, cid, EV_SUPPORT, "ticket_opened", None, None, opened,
                           f'{{"ticket":"T-{tkid:06d}"}}', None, opened, opened))  # fmt: skip
            if t >= metric_start:
                series.tickets[t // DAY + METRIC_DAYS] += 1
        ids[m.SupportTicket] = tkid
        ids[m.TicketMessage] = mid
    ids[m.CustomerEvent] = eid
    return ticket_esc
