"""Items a narrative speaks of, by family, with the words that name them, and the identities between them.

One home for this vocabulary: binding amounts to table facts (check/binding.py) and the identity
checks between statements (check/rules/sums.py) read the same names.
"""

from __future__ import annotations

import re

# Per family: (pattern on the compacted words before the number, fact key).  The
# pattern matched nearest the number wins, the longer on a tie.
ITEM_NAMES: dict[str, tuple[tuple[str, str], ...]] = {
    "grand_total": ((r"收入?[、和及]?支出?(?:决算)?总计|收入总计", "grand_total.income"),
                    (r"(?<!收入)支出总计", "grand_total.expenditure")),
    "income": ((r"本年收入合计|收入合计|收入决算(?:数)?(?:合计)?", "income.total"),
               (r"一般公共预算财政拨款收入", "income.general_budget"),
               (r"政府性基金预算财政拨款收入", "income.government_fund"),
               (r"国有资本经营预算财政拨款收入", "income.state_capital"),
               (r"(?<!预算)财政拨款收入", "income.fiscal"), (r"上级补助收入", "income.superior_subsidy"),
               (r"事业收入", "income.business"), (r"(?<!非独立核算)经营收入", "income.operating"),
               (r"附属单位上缴收入", "income.affiliated"), (r"其他收入", "income.other")),
    "expenditure": ((r"本年支出合计|支出合计|支出决算(?:数)?(?:合计)?", "expenditure.total"),
                    (r"基本支出", "expenditure.basic"), (r"项目支出", "expenditure.project"),
                    (r"上缴上级支出", "expenditure.to_superior"), (r"(?<!非独立核算)经营支出", "expenditure.operating"),
                    (r"对附属单位补助支出", "expenditure.to_affiliated")),
    "fiscal": ((r"(?:财政拨款)?收入?[、和及]?支出?(?:决算)?总计|(?:财政拨款)?收入总计", "fiscal.grand_total.income"),
               (r"(?:财政拨款)?(?<!收入)支出总计", "fiscal.grand_total.expenditure")),
    "general_budget": ((r"一般公共预算财政拨款(?:决算)?支出(?:决算)?", "general_budget.total"),
                       (r"(?<!财政拨款)基本支出", "general_budget.basic"),
                       (r"(?<!财政拨款)项目支出", "general_budget.project")),
    "basic": ((r"一般公共预算财政拨款基本支出|基本支出", "basic.total"), (r"人员经费", "basic.personnel"),
              (r"(?<!日常)公用经费", "basic.public")),
    "three_public": ((r"三公”?\"?经费", "three_public.total"), (r"因公出国[（(]境[）)]费?", "three_public.outbound"),
                     (r"公(?:务用)?车购置及运行(?:维护)?费?", "three_public.vehicle"),
                     (r"公(?:务用)?车购置费", "three_public.vehicle_purchase"),
                     (r"公(?:务用)?车运行(?:维护)?费", "three_public.vehicle_operation"),
                     (r"公务接待费", "three_public.reception")),
    "government_fund": ((r"政府性基金预算财政拨款(?:本年)?支出|^[，,、]?(?:本年)?支出(?:决算)?(?:数)?(?:为)?$",
                         "government_fund.total"),),
    "state_capital": ((r"国有资本经营预算财政拨款(?:本年)?支出|^[，,、]?(?:本年)?支出(?:决算)?(?:数)?(?:为)?$",
                       "state_capital.total"),),
    "operating": ((r"机关运行经费(?:支出)?", "operating_expenses"),),
    "procurement": ((r"政府采购(?:支出)?(?:总额|金额|合同金额|支出)", "procurement.total"),
                    (r"货物采购(?:支出|金额)?|政府采购货物支出", "procurement.goods"),
                    (r"工程采购(?:支出|金额)?|政府采购工程支出", "procurement.works"),
                    (r"服务采购(?:支出|金额)?|政府采购服务(?:支出)?", "procurement.services")),
}

ITEM_PATTERNS = {family: tuple((re.compile(pattern), key) for pattern, key in names)
                 for family, names in ITEM_NAMES.items()}

# Totals and the parts that make them, exactly (no item left out): an identity holds within rounding.
IDENTITIES: dict[str, tuple[str, ...]] = {
    "three_public.total": ("three_public.outbound", "three_public.vehicle", "three_public.reception"),
    "three_public.vehicle": ("three_public.vehicle_purchase", "three_public.vehicle_operation"),
}


def item_key(words: str, family: str) -> str | None:
    """The item of ``family`` that ``words`` name: the name ending nearest the end wins, the longer on a tie."""
    best: tuple[int, int, str] | None = None
    for pattern, key in ITEM_PATTERNS.get(family, ()):
        for match in pattern.finditer(words):
            candidate = (match.end(), match.end() - match.start(), key)
            best = max(best, candidate) if best else candidate
    return best[2] if best else None
