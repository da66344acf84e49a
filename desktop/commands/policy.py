"""`churnwatch backtest` (replay an alert policy over past snapshots before it goes live, and
`--apply` it) and `churnwatch policy show | apply` (the live policy).

The policy options default to the live policy's values, so `backtest` alone replays the policy
in force and `policy apply --top-share 5%` changes one value. Applying needs `--as` a
supervisor or an admin (audited). Heavy imports (scikit-learn through the model) happen in the
handlers, as in `models`.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import Any

from db.tasks import TaskState
from desktop.commands.common import (
    ProgressPrinter,
    add_as_option,
    int_up_to,
    number,
    open_database,
    say,
    services_as,
    text_of,
    type_error,
)
from desktop.commands.models import MAX_DAYS, _date
from desktop.core.i18n import QT_TRANSLATE_NOOP, Day, Number

MAX_SNAPSHOTS = 104
MAX_COUNT = 1_000_000
MODES = ("top_share", "threshold", "top_k", "per_agent_cap")


def _share(text: str) -> float:
    try:
        value = float(text.rstrip("%")) / (100.0 if text.endswith("%") else 1.0)
    except ValueError:
        raise type_error(
            QT_TRANSLATE_NOOP("Commands", "'{text}' is not a number").format(text=text)
        ) from None
    if not 0.0 <= value <= 1.0:
        raise type_error(QT_TRANSLATE_NOOP("Commands", "must be between 0 and 1 (or 0% and 100%)"))
    return value


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    p = sub.add_parser(
        "backtest",
        help=QT_TRANSLATE_NOOP(
            "Commands",
            "replay an alert policy over past snapshots: precision, recall, alerts per day",
        ),
    )
    p.add_argument(
        "--model",
        help=QT_TRANSLATE_NOOP("Commands", "model name or id (default: the active model)"),
    )
    p.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        help=QT_TRANSLATE_NOOP("Commands", "replay up to DATE (default now)"),
    )
    p.add_argument(
        "--snapshots",
        type=int_up_to(MAX_SNAPSHOTS),
        default=6,
        metavar="N",
        help=QT_TRANSLATE_NOOP("Commands", "past cutoffs to replay (default 6)"),
    )
    p.add_argument(
        "--step-days",
        type=int_up_to(MAX_DAYS),
        default=7,
        metavar="DAYS",
        help=QT_TRANSLATE_NOOP("Commands", "days between cutoffs (default 7)"),
    )
    p.add_argument(
        "--agents",
        type=int_up_to(MAX_COUNT),
        metavar="N",
        help=QT_TRANSLATE_NOOP(
            "Commands",
            "agents working the alerts (default: the active agents in the database, at least 1)",
        ),
    )
    _policy_options(p)
    p.add_argument(
        "--sweep",
        action="store_true",
        help=QT_TRANSLATE_NOOP(
            "Commands", "also replay the top share at 1%%-50%% (the chart's points)"
        ),
    )
    p.add_argument(
        "--json",
        action="store_true",
        help=QT_TRANSLATE_NOOP("Commands", "print the figures as JSON"),
    )
    p.add_argument(
        "--apply",
        action="store_true",
        help=QT_TRANSLATE_NOOP("Commands", "then make it the live policy (needs --as, audited)"),
    )
    add_as_option(p)
    p.set_defaults(handler=cmd_backtest)

    group = sub.add_parser(
        "policy",
        help=QT_TRANSLATE_NOOP("Commands", "the live alert policy: show it, or apply a new one"),
    )
    actions = group.add_subparsers(dest="policy_command", required=True, metavar="ACTION")
    show = actions.add_parser(
        "show", help=QT_TRANSLATE_NOOP("Commands", "print the live alert policy")
    )
    show.add_argument(
        "--json", action="store_true", help=QT_TRANSLATE_NOOP("Commands", "print it as JSON")
    )
    show.set_defaults(handler=cmd_policy_show)
    apply = actions.add_parser(
        "apply",
        help=QT_TRANSLATE_NOOP(
            "Commands", "make a policy live (supervisors and admins, with --as; audited)"
        ),
    )
    _policy_options(apply)
    add_as_option(apply)
    apply.set_defaults(handler=cmd_policy_apply)


def _policy_options(p: argparse.ArgumentParser) -> None:
    """The policy's values; each left out keeps the live policy's."""
    p.add_argument(
        "--mode",
        choices=MODES,
        help=QT_TRANSLATE_NOOP("Commands", "what raises an alert (default: the live one)"),
    )
    p.add_argument(
        "--top-share",
        type=_share,
        metavar="SHARE",
        help=QT_TRANSLATE_NOOP("Commands", "top_share: the share alerted, e.g. 0.1 or 10%%"),
    )
    p.add_argument(
        "--threshold",
        type=_share,
        metavar="P",
        help=QT_TRANSLATE_NOOP("Commands", "threshold: the churn probability that alerts"),
    )
    p.add_argument(
        "--top-k",
        type=int_up_to(MAX_COUNT),
        metavar="K",
        help=QT_TRANSLATE_NOOP("Commands", "top_k: alerts per run"),
    )
    p.add_argument(
        "--per-agent",
        type=int_up_to(MAX_COUNT),
        metavar="N",
        help=QT_TRANSLATE_NOOP("Commands", "per_agent_cap: new alerts per agent per day"),
    )
    p.add_argument(
        "--rise-points",
        type=float,
        metavar="POINTS",
        help=QT_TRANSLATE_NOOP("Commands", "also alert on a rise of this many points (0: off)"),
    )
    payment = p.add_mutually_exclusive_group()
    payment.add_argument(
        "--payment-at-risk",
        dest="payment_at_risk",
        action="store_true",
        default=None,
        help=QT_TRANSLATE_NOOP("Commands", "payment failures move accounts to at_risk"),
    )
    payment.add_argument(
        "--no-payment-at-risk",
        dest="payment_at_risk",
        action="store_false",
        help=QT_TRANSLATE_NOOP("Commands", "payment failures alone do not move accounts"),
    )


OPTION_FIELDS = (
    ("mode", "mode"), ("top_share", "top_share"), ("threshold", "threshold"), ("top_k", "top_k"),
    ("per_agent", "per_agent_per_day"), ("rise_points", "rise_points"),
    ("payment_at_risk", "payment_at_risk"),
)  # fmt: skip


def _policy_of(args: argparse.Namespace) -> Any:
    """The live policy with the values given on the command line; `ValidationError` names
    the field of a bad one."""
    from desktop.core.churn.policy.live import read_live_policy
    from desktop.core.services.alert_policy import checked_policy

    values = read_live_policy().policy.to_json()
    for option, name in OPTION_FIELDS:
        given = getattr(args, option, None)
        if given is not None:
            values[name] = given
    return checked_policy(values)


def _services(args: argparse.Namespace, database: Any) -> Any:
    from desktop.core.services.permissions import Perm, refusal

    return services_as(
        args,
        database,
        QT_TRANSLATE_NOOP("Commands", "{refusal}: add --as USERNAME").format(
            refusal=refusal(Perm.ALERT_POLICY)
        ),
    )


def cmd_policy_show(args: argparse.Namespace) -> int:
    from desktop.core.churn.policy.live import read_live_policy

    open_database(args)
    live = read_live_policy()
    if args.json:
        print(json.dumps(live.to_json(), indent=2, default=str))
        return 0
    policy = live.policy
    say(
        QT_TRANSLATE_NOOP("Commands", "Live alert policy: {policy}").format(
            policy=policy.describe()
        )
    )
    who = (
        QT_TRANSLATE_NOOP("Commands", "the default, never changed")
        if live.set_at is None
        else QT_TRANSLATE_NOOP("Commands", "applied by {who} at {when} UTC").format(
            who=live.set_by or QT_TRANSLATE_NOOP("Commands", "someone"),
            when=Day(live.set_at, with_time=True),
        )
    )
    if live.version is not None:
        who = QT_TRANSLATE_NOOP("Commands", "{who} (version {version})").format(
            who=who, version=live.version
        )
    print(f"  {text_of(who)}")
    for name, value in policy.to_json().items():
        print(f"  {name:<18} {value}")
    return 0


def cmd_policy_apply(args: argparse.Namespace) -> int:
    database, _ = open_database(args)
    policy = _policy_of(args)
    _apply_with(_services(args, database), policy)
    return 0


def cmd_backtest(args: argparse.Namespace) -> int:
    from desktop.core.churn.policy.runner import run_backtest

    database, _ = open_database(args)
    policy = _policy_of(args)
    services = _services(args, database) if args.apply else None  # refused before the work
    state = TaskState(on_progress=None if args.json else ProgressPrinter())
    report = run_backtest(
        database,
        policy,
        model=args.model,
        as_of=args.as_of or datetime.now(),
        snapshots=args.snapshots,
        step_days=args.step_days,
        agents=args.agents,
        sweep_too=args.sweep,
        state=state,
    )
    if args.json:
        print(json.dumps(report, indent=2, default=str))
        if services is not None:
            _apply_with(services, policy, quiet=True)
        return 0
    _print_backtest(report)
    if services is not None:
        _apply_with(services, policy)
    return 0


def _apply_with(services: Any, policy: Any, *, quiet: bool = False) -> None:
    from desktop.core.churn.policy.live import read_live_policy

    live = services.apply_alert_policy(policy, read_live_policy().version)
    line = QT_TRANSLATE_NOOP("Commands", "Live alert policy (version {version}): {policy}").format(
        version=live.version, policy=live.policy.describe()
    )
    say(line, sys.stderr if quiet else sys.stdout)


def _pct(value: float | None) -> str:
    return "–" if value is None else text_of(Number(value, 1, share=True))


def _print_backtest(report: dict[str, Any]) -> None:
    r = report["result"]
    say(
        QT_TRANSLATE_NOOP("Commands", "Backtest of '{policy}' with model {model}").format(
            policy=report["policy"], model=report["model"]
        )
    )
    lines = [
        QT_TRANSLATE_NOOP(
            "Commands", "{snapshots} cutoffs {first} … {last}, {agents} agent(s)"
        ).format(
            snapshots=r["snapshots"], first=report["cutoffs"][0], last=report["cutoffs"][-1],
            agents=r["agents"],
        ),
        QT_TRANSLATE_NOOP(
            "Commands", "alerts {alerts} ({per_day} a day, {per_agent} per agent a day)"
        ).format(
            alerts=Number(r["alerts"]), per_day=Number(r["alerts_per_day"], 1),
            per_agent=Number(r["alerts_per_agent_per_day"], 1),
        ),
        QT_TRANSLATE_NOOP(
            "Commands", "precision {precision}, recall {recall} ({caught} of {churners} churners)"
        ).format(
            precision=_pct(r["precision"]), recall=_pct(r["recall"]),
            caught=Number(r["churners_caught"]), churners=Number(r["churners"]),
        ),
    ]  # fmt: skip
    lead = r["median_lead_days"]
    lines.append(
        QT_TRANSLATE_NOOP(
            "Commands", "median lead time {lead}; revenue covered {revenue} a year ({share})"
        ).format(
            lead="–" if lead is None else QT_TRANSLATE_NOOP("Commands", "{days} days").format(
                days=Number(lead)
            ),
            revenue=Number(r["revenue_covered"], 2), share=_pct(r["revenue_covered_share"]),
        )
    )  # fmt: skip
    for point in report.get("sweep", []):
        lines.append(
            QT_TRANSLATE_NOOP(
                "Commands", "top {share}: {per_day} a day, precision {precision}, recall {recall}"
            ).format(
                share=text_of(Number(point["policy"]["top_share"], 0, share=True)).rjust(4),
                per_day=number(point["alerts_per_day"], 1).rjust(7),
                precision=_pct(point["precision"]), recall=_pct(point["recall"]),
            )
        )  # fmt: skip
    for line in lines:
        print(f"  {text_of(line)}")
