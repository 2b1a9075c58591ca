"""Shares (占X%) against their part and whole, and shares of one whole summing past 100%.

The whole is the one the sentence names (占本年支出合计的…) or the head of the
其中/主要用于 list the share stands in.  A whole found only by falling back to
the section's first amount is a guess, so a mismatch against it is reported as
"needs review" (info), not as an error.
"""

from __future__ import annotations

from decimal import Decimal

from narrator.read.context import Context
from narrator.check.registry import Check, register
from narrator.check.rules import show, sums
from narrator.numbers import HUNDRED, Interval, percent_consistent


def share_triples(ctx: Context):
    """(share, part or None, whole or None, whole told for sure)."""
    for claim in ctx.claims:
        if claim.metric == "share" and claim.stated is not None:
            part = ctx.share_part(claim)
            whole, sure = ctx.share_whole(claim, part)
            yield claim, part, whole, sure


@register(
    "share.value", "error", "占比与所述部分、整体金额不符（按舍入区间判断）",
    title="占比", why="占比 = 部分 ÷ 整体，由所述两个金额即可复算；按舍入区间判断。",
    should_flag=["基本支出80.00万元，占本年支出合计100.00万元的70.00%。", "本年支出合计100.00万元，其中基本支出80.00万元，占比为70.00%；项目支出20.00万元，占比为30.00%。",
                 "2024年度支出合计100.00万元，其中：基本支出15.51万元，占15.31%；项目支出84.49万元，占84.49%。",
                 "全省一般公共预算支出5000.0亿元，增长4.0%。其中民生支出4000.0亿元，占一般公共预算支出90.0%。",
                 "2024年度支出合计100.00万元，其中：基本支出、项目支出分别为60.00万元、40.00万元，各占40.00%、60.00%。",
                 "（一）总体情况\n本单位2021年度三公经费支出预算为80.00万元，支出决算为50.00万元。\n（二）具体情况\n"
                 "本单位2021年度三公经费支出决算中，公务接待费支出决算30.00万元，占50.00%；公务用车运行维护费支出决算20.00万元，占40.00%。",
                 "一般公共预算财政拨款支出90.00万元，占本年支出合计的95.00%。本年支出合计100.00万元。"],
    should_pass=["基本支出80.00万元，占本年支出合计100.00万元的80.00%。", "本年支出合计100.00万元，其中基本支出80.00万元，占比为80.00%；项目支出20.00万元，占比为20.00%。",
                 "2024年度支出合计100.00万元，其中：基本支出15.51万元，占15.51%；项目支出84.49万元，占84.49%。",
                 "全省一般公共预算支出5000.0亿元，增长4.0%。其中民生支出4000.0亿元，占一般公共预算支出80.0%。",
                 "全省一般公共预算支出5000.0亿元，增长4.0%，其中民生支出增长5%，占一般公共预算支出80.0%。",
                 "（一）总体情况\n本单位2021年度三公经费支出预算为80.00万元，支出决算为50.00万元。\n（二）具体情况\n"
                 "本单位2021年度三公经费支出决算中，公务接待费支出决算30.00万元，占60.00%；公务用车运行维护费支出决算20.00万元，占40.00%。",
                 "（一）总体情况\n本单位三公经费支出决算为50.00万元。三公经费支出决算为60.00万元。\n（二）具体情况\n"
                 "本单位三公经费支出决算中，公务接待费支出决算30.00万元，占60.00%。",
                 "本年我单位共安排1个项目：一是安全保障经费全年预算42.69万元，实际支出39.98万元，执行率93.64%。",
                 "2024年度收入合计3420434.19元，其中：财政拨款收入3401234.19元，占99.44%。",
                 "全年一般公共预算支出35.6亿元，其中，教育支出6.2亿元，占支出总额的17.4%。",
                 "2024年度支出合计100.00万元，其中：基本支出、项目支出分别为60.00万元、40.00万元，各占60.00%、40.00%。",
                 "2024年度政府采购支出总额359.64万元，其中：政府采购货物支出7.37万元、政府采购工程支出5.09万元、"
                 "政府采购服务支出326.83万元。授予中小企业合同金额339.29万元，占政府采购支出总额的100.00%。"],
    fixable=True,
)
def value(ctx: Context, check: Check):
    for share, part, whole, sure in share_triples(ctx):
        if part is None or part.stated is None:
            continue
        if whole is None:
            continue  # no whole the sentence names for sure: listed in the report's coverage as unchecked
        if whole.stated.value == 0:
            continue  # zero base: a convention
        ratio = ctx.interval(part).divide(ctx.interval(whole))
        if ratio is None or percent_consistent(share.stated, ratio):
            continue
        disputed = sums.disputed_total(ctx, whole) if sure else None
        if disputed is not None and _consistent(share, ctx.interval(part), disputed.parts_sum):
            yield sums.fits_the_parts(ctx, check, share, f"占比与{show.written(whole)}", whole, disputed)
            continue
        expected = show.value_yuan(part) / show.value_yuan(whole)
        formula = f"{show.amount(show.value_yuan(part), part.unit)} ÷ {show.amount(show.value_yuan(whole), whole.unit)}"
        message = (f"占比与金额不符：应为{show.percent(expected)}（舍入区间内可取 {show.percent_range(ratio)}）"
                   f"{show.truncation_note(share.stated, expected)}"
                   if sure else f"需人工复核：若整体为{show.amount(show.value_yuan(whole), whole.unit)}，占比应为{show.percent(expected)}")
        yield check.finding(ctx, share.start, share.end, message, stated=show.written(share),
                            expected=show.percent(expected), formula=formula,
                            severity=None if sure else "info")


@register(
    "share.sum", "error", "同一整体的各项占比之和超过100%",
    title="占比之和超过100%", why="同一整体的各部分占比之和不可能超过100%，超过说明至少一个占比有误。",
    should_flag=["2024年度支出合计100.00万元，其中：基本支出60.00万元，占60.00%；项目支出50.00万元，占50.00%。"],
    should_pass=["2024年度支出合计100.00万元，其中：基本支出55.37万元，占55.37%；项目支出44.63万元，占44.63%。"],
)
def total(ctx: Context, check: Check):
    groups: dict[int, list] = {}
    for share, part, whole, sure in share_triples(ctx):
        if whole is not None and sure and not share.base:
            groups.setdefault(whole.start, []).append(share)
    for shares in groups.values():
        low = sum((s.stated.interval.low for s in shares), Decimal(0))
        if len(shares) > 1 and low > HUNDRED:
            stated = sum((s.stated.value for s in shares), Decimal(0))
            yield check.finding(ctx, shares[0].start, shares[-1].end,
                                f"各项占比之和为{stated}%，超过100%",
                                stated=f"{stated}%", expected="≤100%",
                                formula=" + ".join(f"{s.stated.value}%" for s in shares))


def _consistent(share, part: Interval, whole: Interval) -> bool:
    ratio = part.divide(whole)
    return ratio is not None and percent_consistent(share.stated, ratio)


def share_interval(part: Interval, whole: Interval) -> Interval | None:
    return part.divide(whole)
