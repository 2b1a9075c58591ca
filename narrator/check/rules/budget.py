"""Completion, variance and execution rates, and 决算数大于/小于/等于预算数, against the two amounts.

The budget and the actual are read from the rate's own statement, else from
the one or two statements before it; a rate judged on amounts found only
further away is reported as "needs review", since the pairing is a guess.  An
item of a 其中 list without its own budget is bounded by the total's budget.
"""

from __future__ import annotations

import re

from narrator.read.claims import Claim, compact, squeeze
from narrator.read.context import Context, is_amount, name_core
from narrator.read.printed import actual_of, gap_to_budget, of_this_year, printed_table, row_of
from narrator.read.words import FLAT_WORDS
from narrator.check.registry import Check, register
from narrator.check.rules import show
from narrator.numbers import COMPARISON_SIGNS, HUNDRED, Interval, percent_consistent, sign

_COMPARISON = re.compile(r"决\s*算\s*数?\s*(?P<word>大\s*于|小\s*于|等\s*于|高\s*于|低\s*于|超\s*过)\s*(年初|全年)?\s*预\s*算\s*数?"
                         r"|(与|和)\s*预\s*算\s*数?\s*(?P<flat>持\s*平)")
# ，与2021年度预算相比 / 较年初预算数: the words between an amount and 无变化 that compare it with its budget
_COMPARED_WITH_BUDGET = re.compile(r"^[，,]?(?:与|比|较|同)[^，,；;。]{0,12}?预算数?(?:相比|比较)?[，,]?$")
_GENERIC = re.compile(r"整体|部门|单位|预算|资金|全年|年初|年度|总体|本|\d+")


def _rate(ctx: Context, check: Check, metric: str, compute, formula_sign: str, name: str):
    for claim in ctx.claims:
        if claim.metric != metric or claim.stated is None:
            continue
        budget, actual, near = ctx.budget_actual(claim)
        if near and budget is not None and actual is not None and not (
                ctx.budget_chain(budget, claim) and ctx.budget_chain(actual, claim)):
            # 预算500.00万元，决算300.00万元，完成60.00%，其中：…200.00万元，完成预算的75.00%: the budget
            # is the total's; the item's own is not stated, so the rate is only bounded below.
            if compute is _ratio and ctx.list_between(budget, claim) and ctx.budget_chain(actual, claim):
                bound = _bound_below(ctx, check, claim, actual, budget, name)
                if bound is not None:
                    yield bound
            continue
        if budget is None or actual is None or budget.stated.value == 0:
            bound = _bound_by_total(ctx, check, claim, actual, name) if budget is None and compute is _ratio else None
            if bound is not None:
                yield bound
            elif budget is None or actual is None:
                yield check.finding(ctx, claim.start, claim.end, f"需人工复核：找不到{name}对应的预算数和决算数",
                                    stated=show.written(claim), severity="info")
            continue  # a zero budget is convention.zero_base's
        if not near and not _compatible(claim, actual):
            yield check.finding(ctx, claim.start, claim.end, f"需人工复核：{name}所指的金额不在同一句中",
                                stated=show.written(claim), severity="info")
            continue
        implied = compute(ctx.interval(actual), ctx.interval(budget))
        if implied is None or percent_consistent(claim.stated, implied):
            continue
        exact = compute(Interval.exact(show.value_yuan(actual)), Interval.exact(show.value_yuan(budget))).low
        formula = formula_sign.format(a=show.written(actual), b=show.written(budget))
        yield check.finding(
            ctx, claim.start, claim.end,
            f"{name}与金额不符：应为{show.percent(exact)}（舍入区间内可取 {show.percent_range(implied)}）"
            f"{show.truncation_note(claim.stated, exact)}",
            stated=show.written(claim), expected=show.percent(exact), formula=formula,
            severity=None if near else "info",
        )


def _bound_by_total(ctx: Context, check: Check, claim: Claim, actual: Claim | None, name: str):
    """公务接待费支出0.05万元，完成全年预算的72.00% under 三公 全年预算0.05万元: an item's own budget is
    not stated, but it cannot exceed the budget of the total its list hangs from, so the rate is at
    least actual ÷ total budget.  A rate below that bound is wrong; anything else stays unjudged."""
    head = ctx.enclosing_statement(claim.statement)
    if head is None or actual is None or actual.statement != claim.statement:
        return None
    return _bound_below(ctx, check, claim, actual, _first_budget(ctx, head), name)


def _bound_below(ctx: Context, check: Check, claim: Claim, actual: Claim, total: Claim | None, name: str):
    """An item's rate is at least its actual over the budget of the total it is part of."""
    if total is None or total.stated.value == 0:
        return None
    least = ctx.interval(actual).divide(ctx.interval(total))
    if least is None or claim.stated.interval.high >= least.low * HUNDRED:
        return None
    return check.finding(
        ctx, claim.start, claim.end,
        f"{name}与金额不符：分项预算不超过总预算{show.written(total)}，{name}至少应为{show.percent(least.low)}",
        stated=show.written(claim), formula=f"{show.written(actual)} ÷ {show.written(total)}（下限）",
    )


def _first_budget(ctx: Context, statement: int) -> Claim | None:
    budgets = [c for c in ctx.amounts(statement) if c.role in ("budget", "full_year_budget")]
    return budgets[0] if budgets else None


def _compatible(claim: Claim, actual: Claim) -> bool:
    """基本支出执行率 cannot be judged on 部门决算支出: the subjects must not name different things."""
    subject = _GENERIC.sub("", name_core(claim.subject))
    return not subject or subject in name_core(actual.subject)


def _ratio(actual: Interval, budget: Interval) -> Interval | None:
    return actual.divide(budget)


def _variance(actual: Interval, budget: Interval) -> Interval | None:
    ratio = actual.divide(budget)
    return None if ratio is None else Interval(ratio.low - 1, ratio.high - 1)


@register(
    "completion.value", "error", "完成预算的百分比与预算数、决算数不符",
    title="预算完成率", why="完成率 = 决算数 ÷ 预算数，由同句的两个金额即可复算；算错的完成率会让预算执行情况失真。",
    should_flag=["支出决算80.00万元，为年初预算100.00万元的70.00%。",
                 "2024年度一般公共预算财政拨款支出年初预算为576.61万元，支出决算为672.13万元，完成年初预算的100%。",
                 "“三公”经费财政拨款支出全年预算0.05万元，支出决算0.05万元，完成全年预算的100.00%。其中：\n"
                 "因公出国（境）费支出0万元，与上年相同；\n公务接待费支出0.05万元，完成全年预算的72.00%。",
                 "三公经费年初预算为100.00万元，支出决算为80.00万元，完成预算的80.00%，其中：公务接待费支出决算为50.00万元，"
                 "完成预算的40.00%。",
                 "一般公共预算收入累计完成18000万元，完成年初预算数45000万元的45.0%。",
                 "一般公共预算支出完成120.0亿元，年度预算为150.0亿元，完成年度预算的90.0%。"],
    should_pass=["支出决算80.00万元，为年初预算100.00万元的80.00%。",
                 "三公经费年初预算为500.00万元，支出决算为300.00万元，完成预算的60.00%，其中：因公出国（境）费决算为0万元，"
                 "完成预算的0%；公务接待费支出决算为40.00万元，完成预算的25.00%。",
                 "一般公共预算支出2,800.0亿元，下降0.5%，完成预算的102.0%，加上上解支出120.0亿元。",
                 "一般公共预算收入累计完成18000万元，完成年初预算数45000万元的40.0%。",
                 "一般公共预算支出完成120.0亿元，年度预算为150.0亿元，完成年度预算的80.0%。",
                 "一般公共预算支出完成120.0亿元，完成年度预算的90.0%。","2024年度一般公共预算财政拨款支出年初预算为576.61万元，支出决算为672.13万元，完成年初预算的116.57%。",
                 "年初预算591.48万元，支出决算502.98万元，完成年初预算的85.04%。",
                 "“三公”经费财政拨款支出全年预算10.00万元，支出决算2.00万元，完成全年预算的20.00%。其中：\n"
                 "因公出国（境）费支出0万元，与上年相同；\n公务接待费支出2.00万元，完成全年预算的66.67%。"],
    fixable=True,
)
def completion(ctx: Context, check: Check):
    yield from _rate(ctx, check, "completion", _ratio, "{a} ÷ {b}", "完成率")


@register(
    "variance.value", "error", "预决算差异率与预算数、决算数不符",
    title="预决算差异率", why="差异率 = (决算数 − 预算数) ÷ 预算数，由同句的两个金额即可复算。",
    should_flag=["年初预算数1,058.72万元，决算数1,590.48万元，预决算差异率40.23%。"],
    should_pass=["年初预算数1,058.72万元，决算数1,590.48万元，预决算差异率50.23%。",
                 "全年预算数8.50万元，决算数8.49万元，预决算差异率-0.12%。"],
    fixable=True,
)
def variance(ctx: Context, check: Check):
    yield from _rate(ctx, check, "variance", _variance, "({a} − {b}) ÷ {b}", "预决算差异率")


@register(
    "execution.value", "error", "执行率与全年预算数、实际支出不符",
    title="执行率", why="执行率 = 实际支出 ÷ 全年预算数，由同句的两个金额即可复算。",
    should_flag=["安全保障经费全年预算42.69万元，实际支出39.98万元，执行率95.64%。"],
    should_pass=["安全保障经费全年预算42.69万元，实际支出39.98万元，执行率93.64%。",
                 "2021年预算资金315.55万元，实际支出278.59万元，整体预算执行率为88.29%。基本支出执行率97.69%。"],
    fixable=True,
)
def execution(ctx: Context, check: Check):
    yield from _rate(ctx, check, "execution", _ratio, "{a} ÷ {b}", "执行率")


@register(
    "budget.comparison", "error", "“决算数大于/小于/等于预算数”（或“与预算相比无变化”）与所述两个金额（或文中所附表格的预算数）不符",
    title="决算与预算大小比较", why="“决算数大于预算数”一类的判断可由两个金额直接验证，说反了会误导读者对预算执行的理解。",
    should_flag=["公务接待费预算为60.99万元，支出决算为62.29万元。决算数等于预算数。",
                 "因公出国（境）费预算为0元，支出决算为0元。决算数小于预算数的主要原因是未发生费用。",
                 "单位：万元\n项目\t预算数\t决算数\n合计\t30.00\t20.00\n公务接待费\t10.00\t8.00\n"
                 "公务用车运行维护费\t20.00\t12.00\n公务用车运行维护费支出12.00万元，与年初预算相比无变化。"],
    should_pass=["单位：万元\n项目\t预算数\t决算数\n合计\t30.00\t20.00\n公务接待费\t10.00\t10.00\n"
                 "公务用车运行维护费\t20.00\t10.00\n公务接待费支出10.00万元，与年初预算相比无变化。",
                 "单位：万元\n项目\t预算数\t决算数\n合计\t30.00\t20.00\n公务接待费\t10.00\t8.00\n"
                 "公务用车运行维护费\t20.00\t12.00\n公务接待费支出8.00万元，与上年持平。",
                 "单位：万元\n项目\t预算数\t决算数\n合计\t30.00\t20.00\n公务接待费\t10.00\t8.00\n"
                 "公务用车运行维护费\t20.00\t12.00\n公务用车运行维护费支出12.00万元，与上年预算相比无变化。","年初预算为202900.00元，支出决算为235668.24元。决算数大于预算数的主要原因是人员调入。"],
    fixable=True,
)
def comparison(ctx: Context, check: Check):
    for st in ctx.statements:
        for match in _COMPARISON.finditer(ctx.text, st.start, st.end):
            finding = _compare(ctx, check, st.index, match)
            if finding is not None:
                yield finding
    yield from _flat_against_printed_budget(ctx, check)


def _flat_against_printed_budget(ctx: Context, check: Check):
    """公务接待费支出5.00万元，与年初预算相比无变化: "no change" where the table's budget differs."""
    rows = printed_table(ctx)
    for st in ctx.statements if rows else ():
        for match in FLAT_WORDS.finditer(ctx.text, st.start, st.end):
            before = ctx.indexed(st.index).tail_before(match.start(), 1)
            current = before[-1] if before else None
            if current is None or not is_amount(current) or current.role in ("budget", "full_year_budget") \
                    or not _COMPARED_WITH_BUDGET.search(squeeze(ctx.text[current.end:match.start()])) \
                    or not of_this_year(ctx, ctx.text[current.end:match.start()]):
                continue
            row = row_of(ctx, rows, current)
            if row is None or row.budget is None or actual_of(ctx, current, row).overlaps(row.budget.interval):
                continue
            yield check.finding(ctx, match.start(), match.end(),
                                f"与文中所附表格不符：决算数{show.written(current)}与预算数{row.budget.written}不等，"
                                f"却写“{match.group(0)}”",
                                stated=match.group(0), expected=show.change(gap_to_budget(ctx, current, row), current.unit),
                                formula=f"{show.written(current)} − {row.budget.written}")


def _compare(ctx: Context, check: Check, statement: int, match: re.Match[str]):
    budget, actual, _ = ctx.budget_actual_at(statement, match.start())
    if budget is None or actual is None:
        return None
    word = compact(match.group("word") or match.group("flat"))[0]
    stated_sign = COMPARISON_SIGNS.get(word, 0)
    a, b = show.value_yuan(actual), show.value_yuan(budget)
    real = sign(a - b)
    if stated_sign == real:
        return None
    expected = {1: "大于", -1: "小于", 0: "等于"}[real]
    both_zero = a == 0 and b == 0
    message = (f"预算数和决算数均为0，不应表述为“决算数{word}预算数”（可说明未安排预算、未发生支出）" if both_zero
               else f"决算数{show.written(actual)}{expected}预算数{show.written(budget)}，文中却写“{word}”")
    return check.finding(ctx, match.start(), match.end(), message, stated=word, expected=expected,
                         formula=f"{show.written(actual)} − {show.written(budget)}",
                         severity="warning" if both_zero else None)
