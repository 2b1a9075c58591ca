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


# The level of government a title names before its year: 施甸县2016年…, 某市本级2023年度…
_LEVEL_WORDS = {"中央": 0, "省": 1, "自治区": 1, "市": 2, "州": 2, "盟": 2, "县": 3, "区": 3, "旗": 3}
_TITLE_PLACE = re.compile(r"[\u4e00-\u9fff]{1,12}?(?P<level>自治区|省|市|州|盟|县|区|旗)(?:本级|级)?\s*20\d\d\s*年")


def government_level(text: str) -> int | None:
    """0 中央, 1 省, 2 市/州, 3 县/区/旗: the level of the place a title names right before its year
    (None when no title does). A 县级市 reads as 2; callers only compare with a higher level."""
    for line in title_lines(text, 8):
        found = _TITLE_PLACE.search(line)
        if found:
            return _LEVEL_WORDS[found.group("level")]
    return None


def level_of(word: str) -> int | None:
    return _LEVEL_WORDS.get(word)
