"""Who is in the history: the staff users, and each customer's profile and customer row.

The profile (name, contact, country, device, when they joined) is the first thing drawn from a
customer's random stream; the customer row, with its denormalised metrics, is made last of its
own rows, once orders, payments, events, tickets and the health score are known.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from db.choices import Role
from db.demo.clock import DAY, HOUR, MAX_TENURE_DAYS, NEWSLETTERS_90D, Clock
from db.demo.facts import Facts
from db.demo.rows import Draw, Row
from db.passwords import ScryptParams, current_params, hash_password

if TYPE_CHECKING:
    from db.demo.orders import OrderHistory  # orders imports people (DEVICES)


@lru_cache(maxsize=16)
def _demo_password_hash(password: str, params: ScryptParams) -> str:
    """One hash per distinct demo password and process: a hash costs about 0.4 s at today's
    parameters, and the demo's passwords are printed for everyone anyway."""
    return hash_password(password)


STAFF: tuple[tuple[str, str, Role, str], ...] = (
    ("admin", "admin-demo", Role.ADMIN, "Ada Admin"),
    ("supervisor", "supervisor-demo", Role.SUPERVISOR, "Sam Supervisor"),
    ("agent1", "agent-demo", Role.AGENT, "Alex Agent"),
    ("agent2", "agent-demo", Role.AGENT, "Blair Agent"),
    ("agent3", "agent-demo", Role.AGENT, "Casey Agent"),
)
SUPERVISOR_ID = 2
AGENT_IDS = (3, 4, 5)
STAFF_IDS = (2, 3, 4, 5)

FIRST_NAMES = (
    "Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "James", "Isabella", "Lucas",
    "Mia", "Mateo", "Amelia", "Levi", "Harper", "Ethan", "Evelyn", "Aiden", "Luna", "Daniel",
    "Camila", "Henry", "Gianna", "Jack", "Ella", "Samuel", "Aria", "Owen", "Nora", "Leo",
    "Zoe", "Hugo", "Chloe", "Felix", "Ines", "Jonas", "Lea", "Malik", "Priya", "Ravi",
    "Sofia", "Tomas", "Yara", "Kenji", "Aiko", "Omar", "Fatima", "Lars", "Freya", "Mei",
)  # fmt: skip
LAST_NAMES = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
    "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Clark", "Lewis",
    "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson",
    "Muller", "Schmidt", "Dubois", "Rossi", "Jansen", "Nilsson", "Kowalski", "Novak", "Silva",
    "Tanaka", "Kim", "Nguyen", "Patel", "Okafor",
)  # fmt: skip
DOMAINS = ("example.com", "example.org", "example.net", "mail.example.com")
COUNTRIES = ("US", "US", "US", "GB", "DE", "FR", "CA", "AU", "NL", "SE", "ES", "IT")
CUSTOM_ATTRIBUTES = (
    None,
    '{"acquisition":"organic"}',
    '{"acquisition":"paid_search"}',
    '{"acquisition":"referral","referrer_program":true}',
    '{"acquisition":"social"}',
    None,
)

DEVICES = ("desktop", "mobile", "tablet")


@dataclass(slots=True)
class Profile:
    name: str
    email: str
    phone: str | None
    country: str
    attributes: str | None  # custom_attributes JSON text
    device_pref: str
    since_days: int
    t_since: int  # when the customer joined (seconds relative to today's start)
    since_day: int


def draw_profile(r: Draw, cid: int) -> Profile:
    """The customer's profile: the first draws from its random stream."""
    first = FIRST_NAMES[int(r() * len(FIRST_NAMES))]
    last = LAST_NAMES[int(r() * len(LAST_NAMES))]
    name = f"{first} {last}"
    email = f"{first.lower()}.{last.lower()}.{cid}@{DOMAINS[int(r() * len(DOMAINS))]}"
    phone = f"+1-555-{int(r() * 10000):04d}" if r() < 0.7 else None
    country = COUNTRIES[int(r() * len(COUNTRIES))]
    attributes = CUSTOM_ATTRIBUTES[int(r() * len(CUSTOM_ATTRIBUTES))]
    device_pref = DEVICES[int(r() * 2.4)]
    since_days = 3 + int(r() * 88) if r() < 0.12 else 90 + int(r() ** 1.6 * (MAX_TENURE_DAYS - 90))
    t_since = -since_days * DAY + int(r() * DAY)
    since_day = t_since // DAY
    return Profile(name, email, phone, country, attributes, device_pref, since_days, t_since,
                   since_day)  # fmt: skip


def staff_users(clock: Clock) -> list[Row]:
    """The staff who sign in (their passwords are in STAFF, printed by `churnwatch demo`)."""
    ts = clock.ts
    users = []
    for uid, (username, password, role, display) in enumerate(STAFF, start=1):
        created = ts(-(400 - uid) * DAY + 9 * HOUR)
        hashed = _demo_password_hash(password, current_params())
        users.append((
            uid, username, f"{username}@staff.example.com", display, role.value,
            hashed, 1, ts(-(uid * 5 + 2) * HOUR), 1, created, created,
        ))  # fmt: skip
    return users


def customer_row(
    clock: Clock,
    profile: Profile,
    facts: Facts,
    orders: OrderHistory,
    *,
    last_activity: int,
    health_score: int,
    scored_at: int,
) -> Row:
    """The customer itself, with the metrics the app keeps on it (as of today)."""
    D, T = clock.days, clock.tod  # noqa: N806 (short: they format every timestamp)
    since_day, t_since = profile.since_day, profile.t_since
    last_order, spent = facts.last_order, facts.spent
    n_orders, n_disc = orders.n_orders, orders.n_disc
    logins_30 = sum(1 for x in facts.login_ts if x >= -30 * DAY)
    email_rate = min(1.0, facts.opens_90 / NEWSLETTERS_90D)
    aov = spent // orders.n_paid if orders.n_paid else 0
    since_at = D[since_day] + T[t_since % DAY]
    return (
        facts.cid, profile.name, profile.email, profile.phone, profile.country,
        facts.account_status, D[since_day],
        clock.ts(facts.tc) if facts.churned else None,
        None if last_order < -MAX_TENURE_DAYS * DAY else clock.ts(last_order),
        None if last_activity < -MAX_TENURE_DAYS * DAY else clock.ts(last_activity),
        n_orders, spent / 100, aov / 100, round(email_rate, 3), logins_30, len(facts.tickets),
        orders.n_returns, len(facts.fail_ts), round(n_disc / n_orders, 3) if n_orders else 0.0,
        spent // 100, health_score, facts.value_cents / 100, profile.attributes, 1, since_at,
        clock.ts(scored_at),
    )  # fmt: skip
