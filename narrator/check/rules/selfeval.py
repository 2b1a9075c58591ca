"""A 绩效自评表 (performance self-assessment form) printed as text: its funds block and its scores.

read/selfeval.py reads only what the header and the row labels fix; every check here compares
rounded cells as intervals (numbers.py), so a value is wrong only when no value it may stand for fits.
"""

from __future__ import annotations

from narrator.check.registry import Check, register
from narrator.check.rules import show
from narrator.check.rules.sums import interval_sum
from narrator.numbers import Interval, ParsedNumber, may_equal, may_not_exceed, rate_cell_consistent
from narrator.read.context import Context
from narrator.read.selfeval import (ACTUAL, AMOUNTS, ANNUAL, POINTS, RATE, SCORE, FundsBlock, FundsRow, Indicators, Value,
                                    funds_of, indicator_tables)

_HEADER = "项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
_BARRED = "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
_INDICATOR_HEADER = "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n"


def _blocks(ctx: Context) -> list[FundsBlock]:
    return funds_of(ctx)


def _indicator_tables(ctx: Context) -> list[Indicators]:
    return ctx.remember("selfeval.indicators", lambda: indicator_tables(ctx.text))


@register(
    "sum.selfeval", "error", "绩效自评表资金情况：年度资金总额小于其中某项，或各项齐全时不等于各项之和",
    title="自评表资金总额与各项不符",
    why="年度资金总额由当年财政拨款、上年结转资金和其他资金组成，每一列（年初预算数、全年预算数、全年执行数）"
        "的总额不能小于其中任何一项，各项都填写时应等于各项之和。",
    should_flag=[_HEADER + "年度资金总额: 0 0 0 10 0 0 其中:当年财政拨款 50 48.5 48.5 上年结转资金 其他资金 年度总体目标",
                 _BARRED + "年度资金总额 | 30.00 | 30.00 | 28.00 | 10 | 93.33% | 9 |\n"
                 "其中：当年财政拨款 | 20.00 | 20.00 | 18.00 | — | 90.00% | — |\n上年结转资金 | 5.00 | 5.00 | 5.00 | — | 100.00% | — |\n"
                 "其他资金 | 0.00 | 0.00 | 0.00 | — | — | — |\n"],
    should_pass=[_HEADER + "年度资金总额: 50 48.5 48.5 10 100% 10 其中:当年财政拨款 50 48.5 48.5 上年结转资金 其他资金 年度总体目标",
                 _BARRED + "年度资金总额 | 30.00 | 30.00 | 28.00 | 10 | 93.33% | 9 |\n"
                 "其中：当年财政拨款 | 25.00 | 25.00 | 23.00 | — | 92.00% | — |\n上年结转资金 | 5.00 | 5.00 | 5.00 | — | 100.00% | — |\n"
                 "其他资金 | 0.00 | 0.00 | 0.00 | — | — | — |\n",
                 # five numbers where six columns are printed with spaces: which is which is not said
                 _HEADER + "年度资金总额: 0 0 10 0 0 其中:当年财政拨款 50 48.5 48.5 其他资金"],
)
def funds(ctx: Context, check: Check):
    for block in _blocks(ctx):
        total = block.total
        if total is None or not total.read:
            continue
        wrong = [(column, expected) for column in AMOUNTS if column in total.values
                 for expected in [_parts_bound(block, total.values[column], column)] if expected]
        if wrong:
            # the span runs over the total's amounts, up to the last one in question: which of the two
            # disagreeing cells is the slip the form does not say, and the total's rate is not in question
            end = max(total.values[column].end for column, _ in wrong)
            yield check.finding(ctx, total.start, end,
                                "年度资金总额与其中各项不符（两数至少有一个有误）：" + "；".join(f"{c}{why}" for c, (_, why) in wrong),
                                stated="、".join(f"{c}{total.values[c].written}" for c, _ in wrong),
                                expected="、".join(f"{c}{bound}" for c, (bound, _) in wrong),
                                formula="年度资金总额 ≥ 其中各项；各项齐全时 = 各项之和")


def _parts_bound(block: FundsBlock, total: Value, column: str) -> tuple[str, str] | None:
    """What the parts say the total's cell should be, and why (None when it fits): at least the largest part, and
    their sum when the block lists every part with this column filled."""
    parts = [row.values[column] for row in block.parts if row.read and column in row.values]
    above = [(row.name, row.values[column]) for row in block.parts if row.read and column in row.values
             and not may_not_exceed(row.values[column].interval, total.interval)]
    if above:
        row, biggest = max(above, key=lambda named: named[1].number)
        return f"≥{biggest.written}", f"为{total.written}，小于其中“{row}”的{biggest.written}"
    if block.lists_every_part and parts and len(parts) == len(block.parts):
        summed = interval_sum([part.interval for part in parts])
        if not may_equal(summed, total.interval):
            summed_text = " + ".join(p.written for p in parts)
            return f"= {summed_text}", f"为{total.written}，而各项之和为{summed_text}"
    return None


@register(
    "execution.selfeval", "error", "绩效自评表资金情况：执行率与全年执行数 ÷ 全年预算数不符",
    title="自评表执行率不符",
    why="自评表的执行率 = 全年执行数 ÷ 全年预算数，由同一行的两个数即可复算；未写%的执行率按百分数或小数两种读法都不符才报告。",
    should_flag=[_BARRED + "年度资金总额 | 30.00 | 30.00 | 27.00 | 10 | 93.33% | 9 |\n"
                 "其中：当年财政拨款 | 30.00 | 30.00 | 27.00 | — | 90.00% | — |\n"],
    should_pass=[_BARRED + "年度资金总额 | 30.00 | 30.00 | 28.00 | 10 | 93.33% | 9 |\n"
                 "其中：当年财政拨款 | 30.00 | 30.00 | 28.00 | — | 0.9333 | — |\n",
                 _HEADER + "年度资金总额: 20 20 20 10 100 10 其中:当年财政拨款 20 20 20 其他资金"],
)
def execution(ctx: Context, check: Check):
    for block in _blocks(ctx):
        for row in block.rows:
            finding = _execution(ctx, check, row)
            if finding is not None:
                yield finding


def _execution(ctx: Context, check: Check, row: FundsRow):
    if not row.read or not all(column in row.values for column in (RATE, ANNUAL, ACTUAL)):
        return None
    rate, annual, actual = row.values[RATE], row.values[ANNUAL], row.values[ACTUAL]
    ratio = actual.interval.divide(annual.interval)
    if ratio is None or rate_cell_consistent(ParsedNumber(rate.number, rate.places), ratio, rate.percent):
        return None  # a zero 全年预算数 has no rate (convention.zero_base says so)
    return check.finding(ctx, rate.start, rate.end,
                         f"执行率与本行的全年执行数{actual.written} ÷ 全年预算数{annual.written}不符",
                         stated=rate.written, expected=show.percent_range(ratio),
                         formula=f"{actual.written} ÷ {annual.written}")


def zero_rates(ctx: Context, check: Check, span: tuple[int, int], flagged: set[int]):
    """convention.zero_base's rows of a 绩效自评表: a 执行率 written on a 全年预算数 of 0 (a rate of
    nothing), where convention.zero_base's own row reading has not already said so (``flagged``)."""
    for block in _blocks(ctx):
        for row in block.rows:
            rate, annual = row.values.get(RATE), row.values.get(ANNUAL)
            if rate is None or annual is None or annual.number != 0 or rate.start in flagged \
                    or not span[0] <= rate.start < span[1]:
                continue
            yield check.finding(ctx, rate.start, rate.end, "全年预算数为0，执行率无意义，应不列或注明",
                                stated=rate.written, expected="（不列执行率）", formula=f"全年预算数 = {annual.written}")


@register(
    "sum.selfeval_score", "error", "绩效自评表得分：某项得分超过其分值，或各项分值、得分之和与总分不符",
    title="自评表得分与分值、总分不符",
    why="每项得分不能超过该项分值；总分的分值和得分是预算执行率（资金情况）与各项绩效指标的分值、得分之和"
        "（未读到资金情况时只核对各项之和不超过总分）。",
    should_flag=[_BARRED + "年度资金总额 | 30.00 | 30.00 | 28.00 | 10 | 93.33% | 12 |\n",
                 _BARRED + "年度资金总额 | 30.00 | 30.00 | 28.00 | 10 | 93.33% | 9 |\n" + _INDICATOR_HEADER
                 + "产出指标(50分) | 数量指标 | 培训人数 | ≥100人 | 120人 | 50 | 50 | |\n"
                 "效益指标(40分) | 社会效益指标 | 群众知晓率 | ≥90% | 92% | 40 | 38 | |\n总分 | 100 | 92 |\n",
                 _INDICATOR_HEADER + "产出指标(50分) | 数量指标 | 培训人数 | ≥100人 | 120人 | 60 | 60 | |\n"
                 "效益指标(40分) | 社会效益指标 | 群众知晓率 | ≥90% | 92% | 50 | 50 | |\n总分 | 100 | 100 |\n"],
    should_pass=[_BARRED + "年度资金总额 | 30.00 | 30.00 | 28.00 | 10 | 93.33% | 9 |\n" + _INDICATOR_HEADER
                 + "产出指标(50分) | 数量指标 | 培训人数 | ≥100人 | 120人 | 50 | 50 | |\n"
                 "效益指标(40分) | 社会效益指标 | 群众知晓率 | ≥90% | 92% | 40 | 38 | |\n总分 | 100 | 97 |\n",
                 _INDICATOR_HEADER + "产出指标(50分) | 数量指标 | 培训人数 | ≥100人 | 120人 | 50 | 50 | |\n"
                 "效益指标(40分) | 社会效益指标 | 群众知晓率 | ≥90% | 92% | 40 | 38 | |\n总分 | 100 | 97 |\n",
                 # a row the header cannot place (得分 left blank): the rows are not all read, 总分 is not judged
                 _INDICATOR_HEADER + "产出指标(50分) | 数量指标 | 培训人数 | ≥100人 | 120人 | 50 | 50 | |\n"
                 "效益指标(40分) | 社会效益指标 | 群众知晓率 | ≥90% | 92% | 40 |\n总分 | 100 | 60 |\n"],
)
def scores(ctx: Context, check: Check):
    for block in _blocks(ctx):
        total = block.total
        if total is not None and total.read and POINTS in total.values and SCORE in total.values:
            yield from _over(ctx, check, total.values[POINTS], total.values[SCORE], total.start)
    for table in _indicator_tables(ctx):
        for row in table.rows:
            yield from _over(ctx, check, row.points, row.score, row.start)
        yield from _total_score(ctx, check, table, _funds_before(ctx, table.total_start))


def _over(ctx: Context, check: Check, points: Value, score: Value, start: int):
    if not may_not_exceed(score.interval, points.interval):
        yield check.finding(ctx, score.start, score.end, f"得分{score.written}超过了本项分值{points.written}",
                            stated=score.written, expected=f"≤{points.written}", formula="得分 ≤ 分值")


def _funds_before(ctx: Context, at: int) -> FundsRow | None:
    """The funds block's total row (its 分值 and 得分) of the form a 总分 closes: the last one before it."""
    rows = [block.total for block in _blocks(ctx) if block.total is not None and block.total.start < at]
    row = rows[-1] if rows else None
    return row if row is not None and row.read and POINTS in row.values and SCORE in row.values else None


def _total_score(ctx: Context, check: Check, table: Indicators, funds_row: FundsRow | None):
    """总分 against the sums: with the funds block's 分值/得分 added, or without them (some forms count the
    预算执行率 among the indicators); the 得分 is judged only in the readings whose 分值 fit, and a sum is
    wrong only when every such reading misses it.  Without a funds block read, only a sum above 总分 is
    sure to be wrong."""
    if not table.every_row_read or table.total_points is None or table.total_score is None:
        return
    readings = [False, True] if funds_row is not None else [False]  # with the funds block's cells added?
    for column, key, stated in (("分值", POINTS, table.total_points), ("得分", SCORE, table.total_score)):
        cells = [row.points if key == POINTS else row.score for row in table.rows]
        summed = interval_sum([cell.interval for cell in cells])
        fitting = [funds for funds in readings if _fits(summed, stated, funds_row, key, funds)]
        if fitting:
            readings = fitting
            continue
        parts = " + ".join(cell.written for cell in cells)
        added = f" + 资金情况{funds_row.values[key].written}" if funds_row is not None and readings == [True] else ""
        yield check.finding(ctx, stated.start, stated.end,
                            f"总分的{column}{stated.written}与各项{column}之和（{parts}{added}）不符",
                            stated=stated.written, expected=parts + added, formula=f"总分{column} = Σ各项{column}")
        return  # the 得分 of a total whose 分值 is wrong is not judged again


def _fits(summed: Interval, stated: Value, funds_row: FundsRow | None, key: str, with_funds: bool) -> bool:
    if funds_row is None:
        return may_not_exceed(summed, stated.interval)  # the funds block's cells, unread, may make up the rest
    return may_equal(summed + funds_row.values[key].interval if with_funds else summed, stated.interval)
