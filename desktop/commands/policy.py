"""`churnwatch backtest`: replay an alert policy over past snapshots before it goes live.

Heavy imports (scikit-learn through the model) happen in the handler, as in `models`.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import Any

from db.tasks import TaskState
from desktop.commands.common import ProgressPrinter, int_up_to, open_database
from desktop.commands.models import MAX_DAYS, _date
from desktop.core.i18n import QT_TRANSLATE_NOOP

MAX_SNAPSHOTS = 104
MAX_COUNT = 1_000_000
MODES = ("top_share", "threshold", "top_k", "per_agent_cap")


def _share(text: str) -> float:
    try:
        value = float(text.rstrip("%")) / (100.0 if text.endswith("%") else 1.0)
    except ValueError:
        raise argparse.ArgumentTypeError(
            QT_TRANSLATE_NOOP("Commands", "'{text}' is not a number").format(text=text)
        ) from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(
            QT_TRANSLATE_NOOP("Commands", "must be between 0 and 1 (or 0% and 100%)")
        )
    return value


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    p = sub.add_parser(
        "backtest",
        help="replay an alert policy over past snapshots: precision, recall, alerts per day",
    )
    p.add_argument("--model", help="model name or id (default: the active model)")
    p.add_argument("--as-of", type=_date, metavar="DATE", help="replay up to DATE (default now)")
    p.add_argument(
        "--snapshots",
        type=int_up_to(MAX_SNAPSHOTS),
        default=6,
        metavar="N",
        help="past cutoffs to replay (default 6)",
    )
    p.add_argument(
        "--step-days",
        type=int_up_to(MAX_DAYS),
        default=7,
        metavar="DAYS",
        help="days between cutoffs (default 7)",
    )
    p.add_argument(
        "--agents",
        type=int_up_to(MAX_COUNT),
        metavar="N",
        help="agents working the alerts (default: the active agents in the database, at least 1)",
    )
    p.add_argument("--mode", choices=MODES, default="top_share", help="what raises an alert")
    p.add_argument("--top-share", type=_share, default=0.10, metavar="SHARE",
                   help="top_share: the share alerted, e.g. 0.1 or 10%%")  # fmt: skip
    p.add_argument("--threshold", type=_share, default=0.5, metavar="P",
                   help="threshold: the churn probability that alerts (default 0.5)")  # fmt: skip
    p.add_argument("--top-k", type=int_up_to(MAX_COUNT), default=50, metavar="K",
                   help="top_k: alerts per cutoff (default 50)")  # fmt: skip
    p.add_argument("--per-agent", type=int_up_to(MAX_COUNT), default=5, metavar="N",
                   help="per_agent_cap: new alerts per agent per day (default 5)")  # fmt: skip
    p.add_argument("--rise-points", type=float, default=20.0, metavar="POINTS",
                   help="also alert on a rise of this many points (0: off)")  # fmt: skip
    p.add_argument("--sweep", action="store_true",
                   help="also replay the top share at 1%%-50%% (the chart's points)")  # fmt: skip
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.set_defaults(handler=cmd_backtest)


def _policy_of(args: argparse.Namespace) -> Any:
    from desktop.core.churn.policy import AlertPolicy

    return AlertPolicy.from_json(
        {
            "mode": args.mode,
            "top_share": args.top_share,
            "threshold": args.threshold,
            "top_k": args.top_k,
            "per_agent_per_day": args.per_agent,
            "rise_points": args.rise_points,
        }
    )


def cmd_backtest(args: argparse.Namespace) -> int:
    from desktop.core.churn.policy.runner import run_backtest

    database, _ = open_database(args)
    policy = _policy_of(args)
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
        return 0
    r = report["result"]
    print(f"Backtest of '{report['policy']}' with model {report['model']}")
    print(f"  {r['snapshots']} cutoffs {report['cutoffs'][0]} … {report['cutoffs'][-1]}, "
          f"{r['agents']} agent(s)")  # fmt: skip
    print(f"  alerts {r['alerts']:,} ({r['alerts_per_day']:.1f} a day, "
          f"{r['alerts_per_agent_per_day']:.1f} per agent a day)")  # fmt: skip
    print(f"  precision {_pct(r['precision'])}, recall {_pct(r['recall'])} "
          f"({r['churners_caught']:,} of {r['churners']:,} churners)")  # fmt: skip
    lead = r["median_lead_days"]
    print(f"  median lead time {'–' if lead is None else f'{lead:.0f} days'}; revenue covered "
          f"{r['revenue_covered']:,.2f} a year ({_pct(r['revenue_covered_share'])})")  # fmt: skip
    for point in report.get("sweep", []):
        print(f"  top {point['policy']['top_share']:>4.0%}: {point['alerts_per_day']:7.1f} a day, "
              f"precision {_pct(point['precision'])}, recall {_pct(point['recall'])}")  # fmt: skip
    return 0


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"
