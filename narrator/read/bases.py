"""What a change is measured from, as its own clause says: 较年初预算增加… is a change against the budget,
every other change one against the prior year.  The checker's ``fact.change``/``fact.rate`` and the
harvest of budgets and prior amounts (``read/harvested.py``) read it here alike."""

from __future__ import annotations

import re

from narrator.read.claims import Claim, compact
from narrator.read.context import Context

_AGAINST_BUDGET = re.compile(r"(?:较|比|与)[^，,。；;]{0,16}预算")
_CLAUSE_ENDS = re.compile(r"[，,；;。]")


def against_budget(ctx: Context, change: Claim) -> bool:
    """The change's clause, up to its direction word, compares with a budget (较年初预算, 与预算相比)."""
    st = ctx.statements[change.statement]
    clause = _CLAUSE_ENDS.split(compact(ctx.text[st.start:change.start])[0])[-1]
    return bool(_AGAINST_BUDGET.search(clause))
