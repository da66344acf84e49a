"""The words of the alerts ChurnWatch raises, and how a stored alert reads in the user's language.

An alert's title and message are stored in English: every workstation reads the same rows of the
shared database, whatever language it speaks, and English is what the audit trail, the exports and
the logs of other tools see. Each text is made from one of the templates below; `title` and
`message` recognise a stored text as the template that made it (the template read as a pattern,
its parameters read back as figures, dates and codes) and return the `Message`, which the window
renders in its language. A text no template made (an alert typed by hand, one from an older
version) comes back unchanged. The demo writes the same English (`db.demo.alerts`; a test holds
it to these templates).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from db.i18n import QT_TRANSLATE_NOOP, Day, Joined, Message, Number, Word
from desktop.core.churn.explain.words import after_label
from desktop.core.churn.features.spec import label_for

CHURN_TITLES = {  # by `RiskLevel`, which the English title shows as stored
    "LOW": QT_TRANSLATE_NOOP("Alerts", "Churn risk LOW ({percent})"),
    "MEDIUM": QT_TRANSLATE_NOOP("Alerts", "Churn risk MEDIUM ({percent})"),
    "HIGH": QT_TRANSLATE_NOOP("Alerts", "Churn risk HIGH ({percent})"),
    "CRITICAL": QT_TRANSLATE_NOOP("Alerts", "Churn risk CRITICAL ({percent})"),
}
RISE_TITLE = QT_TRANSLATE_NOOP("Alerts", "Churn risk up {points} points")
CARD_TITLE = QT_TRANSLATE_NOOP("Alerts", "Card expires {month}")
PAYMENT_TITLE = QT_TRANSLATE_NOOP("Alerts", "Payment failed")
TICKET_TITLE = QT_TRANSLATE_NOOP("Alerts", "Ticket {number} escalated")

# The churn message: its probability, what it was, the policy that selected it, the top reasons.
CHURN_MESSAGES = {
    (True, True): QT_TRANSLATE_NOOP(
        "Alerts", "Churn probability {percent}, was {before}; alert policy: {policy}."
    ),
    (False, True): QT_TRANSLATE_NOOP(
        "Alerts", "Churn probability {percent}; alert policy: {policy}."
    ),
    (True, False): QT_TRANSLATE_NOOP("Alerts", "Churn probability {percent}, was {before}."),
    (False, False): QT_TRANSLATE_NOOP("Alerts", "Churn probability {percent}."),
}
RISE_MESSAGE = QT_TRANSLATE_NOOP("Alerts", "Churn probability rose from {before} to {percent}.")
REASONS = QT_TRANSLATE_NOOP("Alerts", "Top reasons: {reasons}")
REASON = QT_TRANSLATE_NOOP("Alerts", "{label} ({text})")
CARD_MESSAGE = QT_TRANSLATE_NOOP(
    "Alerts", "A card on file expires within 30 days; ask for a new one."
)
PAYMENT_MESSAGES = (
    QT_TRANSLATE_NOOP("Alerts", "A payment of {amount} failed on {day} ({reason})."),
    QT_TRANSLATE_NOOP("Alerts", "A payment of {amount} failed on {day}."),
)
TICKET_MESSAGES = (
    QT_TRANSLATE_NOOP("Alerts", "An escalated ticket is still open."),
    QT_TRANSLATE_NOOP("Alerts", "A ticket was escalated to a supervisor."),
)
# The policy that selected a churn alert, as `AlertPolicy.describe` words it.
POLICY_TEMPLATES = (
    QT_TRANSLATE_NOOP("Models", "top {share} by expected lost revenue per day"),
    QT_TRANSLATE_NOOP("Models", "churn probability at least {threshold}"),
    QT_TRANSLATE_NOOP("Models", "top {k} by expected lost revenue per day"),
    QT_TRANSLATE_NOOP("Models", "at most {n} new alerts per agent per day"),
)
RISE_RULE = QT_TRANSLATE_NOOP("Models", "a rise of {points} points")

# The system alerts the demo raises (a real shop's come from its monitoring, in its own words).
SYSTEM_TITLES = (
    QT_TRANSLATE_NOOP("Alerts", "Payment gateway failures above {share}"),
    QT_TRANSLATE_NOOP("Alerts", "Nightly backup finished late"),
)
SYSTEM_MESSAGES = (
    QT_TRANSLATE_NOOP("Alerts", "Card payments failed more often than usual in the last 24 hours."),
    QT_TRANSLATE_NOOP("Alerts", "The backup took {taken} h instead of {usual} h."),
)
# A failed payment's reason as the payment provider codes it (`failure_reason`), as a word.
FAILURE_REASONS = (
    QT_TRANSLATE_NOOP("Words", "Insufficient funds"),
    QT_TRANSLATE_NOOP("Words", "Do not honor"),
    QT_TRANSLATE_NOOP("Words", "Processing error"),
    QT_TRANSLATE_NOOP("Words", "Card declined"),
    QT_TRANSLATE_NOOP("Words", "Expired card"),
)

TITLES: tuple[Message, ...] = (
    *CHURN_TITLES.values(),
    RISE_TITLE,
    CARD_TITLE,
    PAYMENT_TITLE,
    TICKET_TITLE,
    *SYSTEM_TITLES,
)
MESSAGES: tuple[Message, ...] = (
    *CHURN_MESSAGES.values(),
    RISE_MESSAGE,
    CARD_MESSAGE,
    *PAYMENT_MESSAGES,
    *TICKET_MESSAGES,
    *SYSTEM_MESSAGES,
)


def share(fraction: float) -> Number:
    """A probability as the alerts show it: a whole percentage."""
    return Number(fraction, 0, share=True)


def churn_title(level: str, probability: float) -> Message:
    return CHURN_TITLES[level].format(percent=share(probability))


def rise_title(points: int) -> Message:
    return RISE_TITLE.format(points=Number(points))


def churn_message(
    probability: float, *, before: float | None = None, policy: str = "", why: str = ""
) -> str:
    head = CHURN_MESSAGES[(before is not None, bool(policy))]
    text = head.format(
        percent=share(probability),
        **({"before": share(before)} if before is not None else {}),
        **({"policy": policy} if policy else {}),
    )
    return with_reasons(text, why)


def rise_message(before: float, probability: float, why: str = "") -> str:
    return with_reasons(RISE_MESSAGE.format(before=share(before), percent=share(probability)), why)


def with_reasons(text: Message, why: str) -> str:
    """The message, then its top reasons as a second sentence when there are any."""
    return Joined(" ", [text, Joined("", [why, "."])]) if why else text


def reasons(pairs: Sequence[tuple[str, str]]) -> str:
    """The "Top reasons: label (phrase), …" sentence of the factors that raise the risk."""
    if not pairs:
        return ""
    return REASONS.format(
        reasons=Joined(
            ", ",
            [REASON.format(label=label, text=text) if text else label for label, text in pairs],
        )
    )


def card_title(month: int, year: int) -> Message:
    return CARD_TITLE.format(month=f"{month:02d}/{year}")


def payment_message(amount: float, day: Any, reason: str | None) -> Message:
    if reason:
        return PAYMENT_MESSAGES[0].format(
            amount=Number(amount, 2), day=Day(day), reason=Word(reason, lower=True)
        )
    return PAYMENT_MESSAGES[1].format(amount=Number(amount, 2), day=Day(day))


# --- reading a stored text back -----------------------------------------------------------------


def title(text: str | None) -> str:
    """A stored alert title as the message that made it (shown in the user's language)."""
    return _recognise(text or "", TITLES)


def message(text: str | None, factors: Any = None) -> str:
    """A stored alert message as the messages that made it. Its top reasons are worded again from
    the prediction's stored `factors` when given (each factor's feature and value), else read
    back as they were stored."""
    stored = text or ""
    head, sep, why = stored.partition(" Top reasons: ")
    if not sep:
        return _recognise(stored, MESSAGES)
    recognised = _recognise(head, MESSAGES)
    body = why.removesuffix(".")
    again = _reasons_from(factors) if factors else None
    return Joined(" ", [recognised, Joined("", [again or REASONS.format(reasons=body), "."])])


def _reasons_from(factors: Any) -> str | None:
    if not isinstance(factors, list):
        return None
    pairs = []
    for f in factors:
        if not isinstance(f, dict) or f.get("feature") in (None, "_other"):
            continue
        if float(f.get("contribution") or 0) <= 0 or not isinstance(f.get("value"), int | float):
            continue
        feature = str(f["feature"])
        label = label_for(feature) or str(f.get("label") or feature)
        pairs.append((label, after_label(feature, label, float(f["value"]))))
        if len(pairs) == 3:
            break
    return reasons(pairs) or None


def _figure(text: str) -> Any:
    """An English figure ("1,234.50", "45%") as the `Number` that shows it in any locale."""
    raw = text.strip()
    is_share = raw.endswith("%")
    digits_text = raw.removesuffix("%").strip().replace(",", "")
    try:
        value = float(digits_text)
    except ValueError:
        return text
    digits = len(digits_text.partition(".")[2])
    return Number(value / 100, digits, share=True) if is_share else Number(value, digits)


def _day(text: str) -> Any:
    from datetime import date

    try:
        return Day(date.fromisoformat(text))
    except ValueError:
        return text


def _word(text: str) -> Any:
    return Word(text.replace(" ", "_"), lower=True)


def _policy(text: str) -> Any:
    parts = text.split("; ")
    known = [_recognise(p, (*POLICY_TEMPLATES, RISE_RULE)) for p in parts]
    return Joined("; ", known)


READERS: Mapping[str, Callable[[str], Any]] = {
    "percent": _figure,
    "before": _figure,
    "points": _figure,
    "amount": _figure,
    "share": _figure,
    "threshold": _figure,
    "k": _figure,
    "taken": _figure,
    "usual": _figure,
    "n": _figure,
    "day": _day,
    "reason": _word,
    "policy": _policy,
}


@functools.cache
def _pattern(template: str) -> re.Pattern[str]:
    """The template as a pattern: its text literally, each `{name}` any text, named."""
    out, pos = [], 0
    for field in re.finditer(r"\{(\w+)\}", template):
        out.append(re.escape(template[pos : field.start()]))
        out.append(f"(?P<{field.group(1)}>.+?)")
        pos = field.end()
    out.append(re.escape(template[pos:]))
    return re.compile("".join(out), re.DOTALL)


def _recognise(text: str, templates: Sequence[Message]) -> str:
    for template in templates:
        found = _pattern(template.template).fullmatch(text)
        if found is None:
            continue
        params = {k: READERS.get(k, str)(v) for k, v in found.groupdict().items()}
        return template.format(**params) if params else template
    return text
