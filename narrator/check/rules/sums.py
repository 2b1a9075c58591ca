"""Parts against their stated total: 其中 A + B (+ …) must make the head amount, within rounding.

Parts above the total are always wrong.  Parts below it are wrong only when
the list is complete (it names 其他…, or is a known composition such as
基本支出 + 项目支出 or 货物 + 工程 + 服务); 主要用于/主要包括 lists may leave items out.
A list nested in an item of another (人员经费X万元，主要包括：…；公用经费…) is read by context.py
as its own list, ending at the item's ；.
"""

from __future__ import annotations

from decimal import Decimal

from narrator.check.context import Context
from narrator.check.registry import Check, register
from narrator.check.rules import show
from narrator.numbers import Interval


@register(
    "sum.parts", "error", "各组成部分之和与所述合计不符（按舍入区间判断）",
    should_flag=["2024年度本部门政府采购支出总额27955元。其中：政府采购货物支出2955.60元、政府采购工程支出0元、政府采购服务支出25000元。",
                 "2024年度收入合计3420434.19元，其中：财政拨款收入3401234.19元，占99.44%；其他收入0元，占0%。",
                 "基本支出278.49万元，其中：人员经费217.29万元，主要包括：基本工资59.81万元、津贴补贴36.74万元；"
                 "公用经费71.20万元，主要包括：办公费3.68万元、差旅费4.17万元。"],
    should_pass=["2024年度支出合计502.98万元，其中：基本支出278.49万元，占比55.37%；项目支出224.50万元，占比44.63%。",
                 "2024年度政府采购支出总额339.28万元，其中：政府采购货物支出7.37万元、政府采购工程支出5.09万元、政府采购服务支出326.83万元。",
                 "人员经费207.29万元，主要包括基本工资59.81万元、津贴补贴36.74万元。",
                 "基本支出278.49万元，其中：人员经费207.29万元，主要包括：基本工资59.81万元、津贴补贴36.74万元；"
                 "公用经费71.20万元，主要包括：办公费3.68万元、差旅费4.17万元。"],
)
def parts(ctx: Context, check: Check):
    for amount_list in ctx.lists:
        head, items = amount_list.head, amount_list.parts
        total = ctx.interval(head)
        combined = sum((ctx.interval(p) for p in items[1:]), ctx.interval(items[0]))
        over = combined.low > total.high
        under = amount_list.exhaustive and combined.high < total.low
        if not (over or under):
            continue
        stated_sum = sum((show.value_yuan(p) for p in items), Decimal(0))
        difference = stated_sum - show.value_yuan(head)
        yield check.finding(
            ctx, head.start, items[-1].end,
            f"各项之和{show.amount(stated_sum, head.unit)}与合计{show.written(head)}不符"
            f"（{'多' if over else '少'}{show.amount(abs(difference), head.unit)}）",
            stated=show.written(head), expected=show.amount(stated_sum, head.unit),
            formula=" + ".join(show.written(p) for p in items),
        )


def interval_sum(intervals: list[Interval]) -> Interval:
    return sum(intervals[1:], intervals[0])
