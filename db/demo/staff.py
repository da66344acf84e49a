"""The staff's traces on a customer: interventions, notes, tags and segments.

Agents reach out to most customers at risk and to some churners on the way out (retention
offers, check-ins, payment updates; a win-back after they left), and a recovered customer's
intervention is what brought it back. Notes, tags and segments follow the customer's story; the
automatic segments were recomputed overnight. The tag and segment definitions are here too.
"""

from __future__ import annotations

from typing import Any

from db import models as m
from db.choices import AccountStatus, InterventionKind, InterventionOutcome, InterventionStatus
from db.demo.clock import DAY, HOUR, Clock
from db.demo.facts import Facts
from db.demo.people import AGENT_IDS, STAFF_IDS, SUPERVISOR_ID
from db.demo.rows import Draw, Row, Rows, to_json
from db.demo.support import CHANNELS

TAG_VIP, TAG_WHOLESALE, TAG_PRICE, TAG_FOLLOW_UP, TAG_NEWSLETTER, TAG_BETA = 1, 2, 3, 4, 5, 6
TAGS = (
    (TAG_VIP, "VIP", "#C9A227", "Spends far above the average"),
    (TAG_WHOLESALE, "Wholesale", "#1565C0", "Buys for resale; bulk orders"),
    (TAG_PRICE, "Price sensitive", "#EF6C00", "Mostly buys with a discount"),
    (TAG_FOLLOW_UP, "Needs follow-up", "#C62828", "An agent should get back to this customer"),
    (TAG_NEWSLETTER, "Newsletter fan", "#2E7D32", "Opens most newsletters"),
    (TAG_BETA, "Beta tester", "#6A1B9A", "Tries new features early"),
)

SEG_HIGH_VALUE, SEG_NEW, SEG_LAPSED, SEG_SUBSCRIBERS, SEG_WIN_BACK = 1, 2, 3, 4, 5
HIGH_VALUE_CENTS = 50_000
SEGMENTS: tuple[tuple[int, str, str, Any, bool], ...] = (
    (SEG_HIGH_VALUE, "High value", "Spent $500 or more",
     {"field": "total_spent", "op": ">=", "value": 500}, True),
    (SEG_NEW, "New customers", "Joined in the last 90 days",
     {"field": "customer_since", "op": "within_days", "value": 90}, True),
    (SEG_LAPSED, "Lapsed 60d", "No order in 60 days, not churned",
     {"field": "last_order_at", "op": "older_than_days", "value": 60}, True),
    (SEG_SUBSCRIBERS, "Subscribers", "Holds a live subscription",
     {"field": "subscription.status", "op": "in", "value": ["active", "past_due", "trialing"]},
     True),
    (SEG_WIN_BACK, "Win-back campaign", "Former customers picked for the spring campaign",
     None, False),
)  # fmt: skip
NOTES_AT_RISK = (
    "Order frequency dropped sharply; call scheduled.",
    "Complained about delivery times twice this quarter.",
    "Card keeps failing; sent the update-payment link.",
    "Asked about cheaper plans. Consider a retention offer.",
)
NOTES_CHURNED = (
    "Left for a competitor; said prices were lower there.",
    "No reply to three emails after the last failed payment.",
    "Cancelled after the damaged-parcel issue.",
)
NOTES_OTHER = (
    "Prefers contact by email.",
    "Long-time customer; orders before holidays.",
    "Interested in the wholesale programme.",
    "Happy with the new subscription box.",
)
NOTES_RESOLVED = (
    "Back to ordering after the retention call.",
    "Updated card on file; payments going through again.",
)


def tag_rows(created: str) -> list[Row]:
    return [(tid, name, color, desc, created, created) for tid, name, color, desc in TAGS]


def segment_rows(created: str) -> list[Row]:
    return [
        (sid, name, desc, None if crit is None else to_json(crit), int(auto), created, created)
        for sid, name, desc, crit, auto in SEGMENTS
    ]


def interventions(r: Draw, clock: Clock, out: Rows, facts: Facts) -> None:
    """An agent's outreach: to a customer at risk now, the one that brought a recovered customer
    back, a retention offer a churner declined; and for a few churners a win-back email."""
    cid, account_status, churned = facts.cid, facts.account_status, facts.churned
    at_risk = account_status == AccountStatus.AT_RISK.value
    tc, ds, rs, re_ = facts.tc, facts.ds, facts.dip_start, facts.dip_end
    ts = clock.ts
    ivs = out.by_model[m.Intervention]
    recent_fail = facts.recent_fail
    iv_id = out.ids[m.Intervention]
    if at_risk and r() < 0.7:
        start = max(ds if ds < 0 else -20 * DAY, -30 * DAY) + int(r() * 10 * DAY)
        start = min(start, -HOUR)
        kind = (InterventionKind.PAYMENT_UPDATE if recent_fail
                else InterventionKind.RETENTION_OFFER if r() < 0.5
                else InterventionKind.CHECK_IN).value  # fmt: skip
        iv_id += 1
        s_at = ts(start)
        agent, channel = AGENT_IDS[int(r() * 3)], CHANNELS[int(r() * 6)]
        if start < -7 * DAY and r() < 0.55:
            # An outreach of more than a week ago has mostly come to something: the card was
            # updated, or the customer said no or never answered, and is still at risk.
            finish = min(start + (2 + int(r() * 6)) * DAY, -HOUR)
            x = r()
            outcome = (InterventionOutcome.PAYMENT_UPDATED if kind == "payment_update" and x < 0.6
                       else InterventionOutcome.DECLINED if x < 0.4
                       else InterventionOutcome.NO_RESPONSE).value  # fmt: skip
            ivs.append((iv_id, cid, agent, channel, kind, InterventionStatus.COMPLETED.value,
                        outcome, s_at, ts(finish), finish - start, 0.0,
                        "Reached out about falling activity.", 2, s_at, ts(finish)))  # fmt: skip
        else:
            status = (InterventionStatus.IN_PROGRESS if r() < 0.6
                      else InterventionStatus.INITIATED).value  # fmt: skip
            ivs.append((iv_id, cid, agent, channel, kind, status, None, s_at, None, None, 0.0,
                        "Reached out about falling activity.", 1, s_at, s_at))  # fmt: skip
    elif account_status == AccountStatus.RESOLVED.value:
        start = rs + int(r() * (re_ - rs) * 0.5)
        finish = re_
        kind = (InterventionKind.PAYMENT_UPDATE if r() < 0.4
                else InterventionKind.RETENTION_OFFER).value  # fmt: skip
        outcome = (InterventionOutcome.PAYMENT_UPDATED if kind == "payment_update"
                   else InterventionOutcome.RETAINED).value  # fmt: skip
        iv_id += 1
        ivs.append((iv_id, cid, AGENT_IDS[int(r() * 3)], CHANNELS[int(r() * 6)], kind,
                    InterventionStatus.COMPLETED.value, outcome, ts(start), ts(finish),
                    finish - start, facts.value_cents * 3 / 100, "Customer agreed to stay.", 2,
                    ts(start), ts(finish)))  # fmt: skip
    elif churned and ds < tc and r() < 0.3:
        start = ds + int(r() * (tc - ds))
        finish = min(start + (1 + int(r() * 14)) * DAY, tc)
        finish = max(start, min(max(finish, start + HOUR), -1))
        x = r()
        outcome = (InterventionOutcome.CHURNED if x < 0.4 else InterventionOutcome.DECLINED
                   if x < 0.7 else InterventionOutcome.NO_RESPONSE).value  # fmt: skip
        iv_id += 1
        ivs.append((iv_id, cid, AGENT_IDS[int(r() * 3)], CHANNELS[int(r() * 6)],
                    InterventionKind.RETENTION_OFFER.value, InterventionStatus.COMPLETED.value,
                    outcome, ts(start), ts(finish), finish - start, 0.0,
                    "Offered a discount; customer was not interested.", 2, ts(start),
                    ts(finish)))  # fmt: skip
    if churned and tc < -10 * DAY and r() < 0.1:
        start = tc + (7 + int(r() * 30)) * DAY
        if start < -2 * DAY:
            finish = min(start + (1 + int(r() * 5)) * DAY, -HOUR)
            iv_id += 1
            ivs.append((iv_id, cid, SUPERVISOR_ID, "email", InterventionKind.WIN_BACK.value,
                        InterventionStatus.COMPLETED.value,
                        InterventionOutcome.NO_RESPONSE.value, ts(start), ts(finish),
                        finish - start, 0.0, "Win-back email with a 20% voucher.", 2,
                        ts(start), ts(finish)))  # fmt: skip
    out.ids[m.Intervention] = iv_id


def staff_note(r: Draw, clock: Clock, out: Rows, facts: Facts) -> None:
    """Sometimes a note by staff, about the customer's situation."""
    account_status, churned, ds, t_since = (facts.account_status, facts.churned, facts.ds,
                                            facts.t_since)  # fmt: skip
    texts: tuple[str, ...]
    if account_status == AccountStatus.AT_RISK.value:
        p_note, texts, base = 0.5, NOTES_AT_RISK, max(ds, -40 * DAY) if ds < 0 else -20 * DAY
    elif churned:
        p_note, texts, base = 0.2, NOTES_CHURNED, facts.tc
    elif account_status == AccountStatus.RESOLVED.value:
        p_note, texts, base = 0.7, NOTES_RESOLVED, facts.dip_end
    else:
        p_note, texts, base = 0.05, NOTES_OTHER, t_since
    if r() < p_note:
        at_t = min(base + int(r() * 10 * DAY), -HOUR)
        at_t = max(at_t, t_since + HOUR)
        out.ids[m.CustomerNote] += 1
        at = clock.ts(at_t)
        out.by_model[m.CustomerNote].append((out.ids[m.CustomerNote], facts.cid,
                                             STAFF_IDS[int(r() * 4)],
                                             texts[int(r() * len(texts))], 1, at, at))  # fmt: skip


def tag_customer(r: Draw, clock: Clock, out: Rows, facts: Facts) -> None:
    """The tags that fit the customer, each assigned at some point (mostly by staff)."""
    tag_ids: list[int] = []
    if facts.spent >= 80_000:
        tag_ids.append(TAG_VIP)
    if r() < 0.03:
        tag_ids.append(TAG_WHOLESALE)
    if facts.price > 0.7 and facts.discount_share >= 0.3:
        tag_ids.append(TAG_PRICE)
    if facts.account_status == AccountStatus.AT_RISK.value and r() < 0.6:
        tag_ids.append(TAG_FOLLOW_UP)
    if facts.opens_90 >= 4:
        tag_ids.append(TAG_NEWSLETTER)
    if r() < 0.02:
        tag_ids.append(TAG_BETA)
    ids, tags, ts = out.ids, out.by_model[m.CustomerTagAssignment], clock.ts
    for tag in tag_ids:
        at_t = max(facts.t_since, -200 * DAY) + int(r() * 30 * DAY)
        at_t = min(at_t, -HOUR)
        ids[m.CustomerTagAssignment] += 1
        at = ts(at_t)
        tags.append((ids[m.CustomerTagAssignment], facts.cid, tag,
                     STAFF_IDS[int(r() * 4)] if r() < 0.8 else None, at, at, at))  # fmt: skip


def segment_customer(r: Draw, clock: Clock, out: Rows, facts: Facts) -> None:
    """Segment memberships: automatic ones were recomputed overnight."""
    churned = facts.churned
    seg_ids: list[int] = []
    if facts.spent >= HIGH_VALUE_CENTS:
        seg_ids.append(SEG_HIGH_VALUE)
    if facts.since_days <= 90:
        seg_ids.append(SEG_NEW)
    if not churned and facts.last_order < -60 * DAY:
        seg_ids.append(SEG_LAPSED)
    if facts.sub_status in ("active", "past_due", "trialing"):
        seg_ids.append(SEG_SUBSCRIBERS)
    if churned and r() < 0.4:
        seg_ids.append(SEG_WIN_BACK)
    if seg_ids:
        ids, segs, ts = out.ids, out.by_model[m.CustomerSegmentAssignment], clock.ts
        nightly = ts(-DAY + 2 * HOUR + int(r() * 600))
        for seg in seg_ids:
            ids[m.CustomerSegmentAssignment] += 1
            at = nightly if seg != SEG_WIN_BACK else ts(min(facts.tc + 5 * DAY, -HOUR))
            segs.append((ids[m.CustomerSegmentAssignment], facts.cid, seg, at, at, at))
