"""What kind of disclosure a text is, from its title: a 预算 disclosure speaks only of budgets.

In a 部门预算 / 三公经费预算 disclosure every amount is a budget (2016年预算6万元 is this year's
figure, 2015年预算9.5万元 last year's), so "预算" does not mark an amount as the budget an actual
is compared with.  A budget *execution* report (预算执行, 完成预算的…) and a 决算 are not such texts.
"""

from __future__ import annotations

import re

_BUDGET = re.compile(r"预\s*算")
_NOT_ONLY_BUDGET = re.compile(r"决\s*算|执\s*行|完\s*成|草\s*案")


def title_lines(text: str, count: int = 5) -> list[str]:
    """The first non-empty lines (a ``# source:`` line of a saved page is not the title)."""
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("# source")]
    return lines[:count]


def is_budget_disclosure(text: str) -> bool:
    """The title says 预算 (and not 决算/执行/完成), or, for a page with no title, the text speaks of
    预算 again and again and never of 决算, 执行 or 完成."""
    titles = title_lines(text, 3)
    if any(_BUDGET.search(line) for line in titles):
        return not any(_NOT_ONLY_BUDGET.search(line) for line in titles)
    return len(_BUDGET.findall(text)) >= 3 and not _NOT_ONLY_BUDGET.search(text)


_FINAL = re.compile(r"决\s*算")
_BOTH = re.compile(r"预\s*决\s*算|预\s*算\s*[和及与、]\s*(?:\d{4}\s*年\s*度?)?\s*决\s*算|决\s*算\s*[和及与、]\s*(?:\d{4}\s*年\s*度?)?\s*预\s*算")


def is_final_disclosure(text: str) -> bool:
    """The title says 决算 and does not also announce a budget (预决算, 预算和决算): a 决算 disclosure,
    where a budget compared with is the report year's own."""
    titles = title_lines(text, 3)
    return any(_FINAL.search(line) for line in titles) and not any(_BOTH.search(line) for line in titles)
