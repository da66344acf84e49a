"""Data retention (seeds 000 and 004): what old rows the admin's policy removes, and the purge.

`policy` holds the rules and their defaults, `plan` works out what a purge would remove now and
what it keeps and why (the active model's feature windows, each customer's latest prediction,
the predictions kept alerts refer to), and `purge` runs it in small batches through the service
layer (`services.retention`), resumable and audited.
"""

from desktop.core.retention.plan import Kept, Plan, TablePlan, make_plan
from desktop.core.retention.policy import DEFAULTS, RULES, Policy, read_policy
from desktop.core.retention.purge import PurgeReport, purge

__all__ = [
    "DEFAULTS",
    "RULES",
    "Kept",
    "Plan",
    "Policy",
    "PurgeReport",
    "TablePlan",
    "make_plan",
    "purge",
    "read_policy",
]
