"""Tables printed in a narrative's own text: the narrative against its 三公 table (read/printed.py
reads it), a table with years as rows against its own rate row (read/yeartable.py), and a table of
上年 | 本年 | 增减额 | 增减率 against itself row by row (read/changetable.py).  Amounts are
compared as intervals."""

from __future__ import annotations

import re

from narrator.check.registry import Check, register
from narrator.check.rules import show
from narrator.numbers import HUNDRED, Interval, NumberError, ParsedNumber, change_rate_interval, may_be_one, parse_number, \
    percent_consistent, rate_word, round_half_up
from narrator.read.changetable import change_rows
from narrator.read.claims import Claim, squeeze
from narrator.read.context import Context
from narrator.read.items import against_budget, stated_items
from narrator.read.printed import PrintedRow, actual_of, gap_to_budget, of_this_year, printed_table, row_of
from narrator.read.words import unbracketed
from narrator.read.yeartable import year_tables

# ，比上年决算数下降 / 与上年决算数 / 同比: the words between an item's amount and its rate
_COMPARED_WITH_LAST_YEAR = re.compile(
    r"^[，,]?(?:与|比|较|同比)(?:上年|上一年|去年)?度?(?:决算数?|同期)?(?:相比|比较)?[，,]?"
    r"(?:(?:下降|减少|增长|增加|上升|降低)了?)?$")


@register(
    "fact.printed", "error", "所述“三公”经费决算数或与预算相比的增减，与文中所附“三公”经费表同一项目的数不符",
    title="与文中所附三公经费表不符",
    why="只公开“三公”经费的页面把表格附在说明旁；说明中的决算数、与预算相比的增减额可由表中同一项目的预算数、决算数复算。",
    should_flag=["单位：万元\n项目\t预算数\t决算数\n合计\t30.00\t20.00\n公务接待费\t10.00\t8.00\n"
                 "公务用车运行维护费\t20.00\t12.00\n公务接待费支出9.00万元，主要用于接待。",
                 "单位：万元\n项目\t预算数\t决算数\n合计\t30.00\t20.00\n公务接待费\t10.00\t8.00\n"
                 "公务用车运行维护费\t20.00\t12.00\n公务接待费支出8.00万元，与年初预算相比，减少0.20万元。"],
    should_pass=["单位：万元\n项目\t预算数\t决算数\n合计\t30.00\t20.00\n公务接待费\t10.00\t8.00\n"
                 "公务用车运行维护费\t20.00\t12.00\n公务接待费支出8.00万元，与上年持平。",
                 "单位：万元\n项目\t预算数\t决算数\n合计\t30.00\t20.00\n公务接待费\t10.00\t8.00\n"
                 "公务用车运行维护费\t20.00\t12.00\n公务接待费支出8.00万元，与年初预算相比，减少2.00万元。",
                 "项目\t预算数\t决算数\n合计\t30.00\t20.00\n公务接待费\t10.00\t8.00\n公务接待费支出9.00万元。",
                 "单位：万元\n项目 | 预算数 | 决算数 | |||\n合计 | 一般公共预算 | 政府性基金 | 合计 | 一般公共预算 | 政府性基金 |\n"
                 "公务接待费 | 0.95 | 0.95 | 0.00 | 0.39 | 0.39 | 0.00 |\n公务用车运行维护费 | 2.10 | 2.10 | 0.00 | 1.37 | 1.37 | 0.00 |\n"
                 "公务接待费支出0.39万元。",
                 "单位：万元\n项目\t2023年决算数\t2024年决算数\n公务接待费\t10.00\t8.00\n公务用车运行维护费\t20.00\t12.00\n"
                 "公务接待费支出10.00万元。"],
    # the table is read from the text itself (no extracted 决算表 needed): it runs with the narrative alone
)
def printed(ctx: Context, check: Check):
    rows = printed_table(ctx)
    if rows:
        yield from _amounts(ctx, check, rows)
        yield from _changes_against_budget(ctx, check, rows)


def _amounts(ctx: Context, check: Check, rows: dict[str, PrintedRow]):
    for key, (amount, _) in stated_items(ctx).items():
        row = rows.get(key)
        if row is not None and row.actual is not None and not may_be_one(ctx.interval(amount), row.actual.interval):
            yield check.finding(ctx, amount.number_start, amount.end,
                                f"与文中所附表格不符：表中该项决算数为{row.actual.written}",
                                stated=show.written(amount), expected=row.actual.written, formula="文中所附表格：决算数")


def _changes_against_budget(ctx: Context, check: Check, rows: dict[str, PrintedRow]):
    for change in ctx.claims:
        if change.metric != "change" or change.stated is None or change.sign is None:
            continue
        current, how = ctx.current_binding(change)
        if current is None or how not in ("named", "adjacent") or not against_budget(ctx, current, change) \
                or not of_this_year(ctx, ctx.text[current.end:change.start]):
            continue
        row = row_of(ctx, rows, current)
        if row is None or row.budget is None:
            continue
        if not (actual_of(ctx, current, row) - row.budget.interval).overlaps(ctx.signed_interval(change)):
            yield check.finding(ctx, change.start, change.end,
                                f"与预算相比的增减与文中所附表格不符：决算数{show.written(current)} − 预算数{row.budget.written}",
                                stated=show.written(change), expected=show.change(gap_to_budget(ctx, current, row), change.unit),
                                formula=f"{show.written(current)} − {row.budget.written}")


@register(
    "rate.printed", "error", "文中所附表格的增减率（按年度分行表格的增减率行、上年/本年/增减率各列的增减率）或说明中某项的增减率，与表中两年的数不符（按舍入区间判断）",
    title="增减率与文中所附表格不符",
    why="按年度分行的“三公”经费表常附一行增减率（2024年比2023年增减%），每一列都可由同列两年的数复算；"
        "说明中某项“比上年下降X%”也可由表中该项两年的数复算。按舍入区间判断，不用固定容差。",
    should_flag=["年度\t合计\t公务接待费\t公务用车运行维护费\n2023年\t100\t40\t60\n2024年\t90\t40\t50\n"
                 "2024年比2023年增减%\t-10.00\t0.00\t-20.00\n",
                 "项目 | 上年决算数 | 本年决算数 | 增减额 | 增减率 |\n公务接待费 | 20.00 | 15.00 | -5.00 | -33.33% |\n",
                 "2024年三公经费支出90万元，比上年下降12.00%。其中，公务接待费40万元，与上年持平。\n"
                 "年度\t合计\t公务接待费\t公务用车运行维护费\n2023年\t100\t40\t60\n2024年\t90\t40\t50\n"],
    should_pass=["2024年三公经费支出90万元，比上年下降10.00%。其中，公务接待费40万元，与上年持平。\n"
                 "年度\t合计\t公务接待费\t公务用车运行维护费\n2023年\t100\t40\t60\n2024年\t90\t40\t50\n",
                 "年度\t合计\t公务接待费\t公务用车运行维护费\n2023年\t100\t40\t60\n2024年\t90\t40\t50\n"
                 "2024年比2023年增减%\t-10.00\t0.00\t-16.67\n",
                 "年度\t合计\t公务接待费\n2023年\t100\t0\n2024年\t90\t40\n增减%\t-10.00\t\n",
                 "年度\t合计\t公务接待费\n2022年\t80\t30\n2023年\t100\t40\n2024年\t90\t40\n增减%\t-50.00\t0.00\n",
                 "项目 | 上年决算数 | 本年决算数 | 比上年增、减情况 | |\n增、减金额 | 增、减幅度 | |||\n"
                 "公务接待费 | 20.00 | 15.00 | -5.00 | -25.00% |\n"],
)
def printed_rates(ctx: Context, check: Check):
    yield from _rate_rows(ctx, check)
    yield from _change_table_rates(ctx, check)
    rows = printed_table(ctx)
    for rate, amount, key in _rates_of_items(ctx, rows):
        row = rows[key]
        current = actual_of(ctx, amount, row)
        ratio = change_rate_interval(current, row.prior.interval)
        if ratio is None or percent_consistent(rate.signed, ratio):
            continue
        point = round_half_up(((current.low + current.high) / 2 / ((row.prior.interval.low + row.prior.interval.high) / 2)
                               - 1) * HUNDRED, rate.stated.places)
        yield check.finding(ctx, rate.start, rate.end,
                            f"增减率与文中所附表格不符：表中该项上年数为{row.prior.written}，本年数为{show.written(amount)}",
                            stated=show.written(rate), expected=f"{rate_word(point)}{abs(point)}%",
                            formula=f"({show.written(amount)} − {row.prior.written}) ÷ {row.prior.written} × 100")


def _rates_of_items(ctx: Context, rows: dict[str, PrintedRow]):
    """(rate, the item's amount, item key) for 公务接待费1356万元，比上年下降3.14%: a rate right after an
    item's own amount, compared with last year, where the table gives that item's last-year value."""
    amounts = {id(amount): key for key, (amount, _) in stated_items(ctx).items()
               if key in rows and rows[key].prior is not None}
    if not amounts:
        return
    items: dict[int, list[Claim]] = {}  # each statement's item amounts, in order
    for c in ctx.claims:
        if id(c) in amounts:
            items.setdefault(c.statement, []).append(c)
    for claim in ctx.claims:
        if claim.metric != "change_rate" or claim.signed is None:
            continue
        before = [c for c in items.get(claim.statement, ()) if c.start < claim.start]
        # the item's amount, maybe followed by its parts in brackets: 公务用车费9万元（其中购置费…），比上年下降…
        amount = next((c for c in reversed(before) if _only_comparison(ctx.text[c.end:claim.start])), None)
        if amount is not None:
            yield claim, amount, amounts[id(amount)]


def _only_comparison(between: str) -> bool:
    opened = sum(between.count(b) for b in "(（")
    return opened == sum(between.count(b) for b in ")）") \
        and bool(_COMPARED_WITH_LAST_YEAR.match(squeeze(unbracketed(between))))


def rate_bound_to_table(ctx: Context, rate: Claim) -> bool:
    """Is this rate checked against a table printed with years as rows (for coverage)?"""
    bound = ctx.remember("printed.bound_rates", lambda: {id(claim) for claim, _, _ in
                                                        _rates_of_items(ctx, printed_table(ctx))})
    return id(rate) in bound


def _rate_rows(ctx: Context, check: Check):
    for table in year_tables(ctx.text):
        for k, written in enumerate(table.rates or ()):
            rate, earlier, later = (_number(cells[k]) for cells in (table.rates, table.earlier[1], table.later[1]))
            if rate is None or earlier is None or later is None:
                continue
            ratio = change_rate_interval(later.interval, earlier.interval)
            if ratio is None or percent_consistent(rate, ratio):
                continue
            start = table.rate_starts[k]
            point = round_half_up((later.value - earlier.value) / earlier.value * HUNDRED, rate.places)
            yield check.finding(ctx, start, start + len(written),
                                f"表中增减率与两年的数不符：{table.earlier[0]}年{table.earlier[1][k]}，"
                                f"{table.later[0]}年{table.later[1][k]}",
                                stated=written, expected=str(point),
                                formula=f"({table.later[1][k]} − {table.earlier[1][k]}) ÷ {table.earlier[1][k]} × 100")


def _number(cell: str) -> ParsedNumber | None:
    try:
        return parse_number(cell.rstrip("%％")) if cell else None
    except NumberError:
        return None


def _change_table_rates(ctx: Context, check: Check):
    """项目 | 上年决算数 | 本年决算数 | 增减额 | 增减率: each row's rate against its two years."""
    for row in change_rows(ctx.text):
        prior, current, rate = _number(row.cells[0]), _number(row.cells[1]), _number(row.cells[3])
        if prior is None or current is None or rate is None:
            continue
        ratio = change_rate_interval(current.interval, prior.interval)
        if ratio is None or percent_consistent(rate, ratio):
            continue
        point = round_half_up((current.value - prior.value) / prior.value * HUNDRED, rate.places)
        yield check.finding(ctx, row.starts[3], row.starts[3] + len(row.cells[3]),
                            f"表中增减率与同行的上年数{row.cells[0]}、本年数{row.cells[1]}不符",
                            stated=row.cells[3], expected=f"{point}%",
                            formula=f"({row.cells[1]} − {row.cells[0]}) ÷ {row.cells[0]} × 100")


@register(
    "sum.printed_change", "error", "文中所附表格：增减额与同行的本年数、上年数之差不符（按舍入区间判断）",
    title="表中增减额与两年的数不符",
    why="“三公”经费表常列上年决算数、本年决算数和增减额；增减额 = 本年数 − 上年数，同一行即可复算。",
    should_flag=["项目 | 上年决算数 | 本年决算数 | 增减额 | 增减率 |\n公务接待费 | 20.00 | 15.00 | -4.00 | -25.00% |\n"],
    should_pass=["项目 | 上年决算数 | 本年决算数 | 增减额 | 增减率 |\n公务接待费 | 20.00 | 15.00 | -5.00 | -25.00% |\n",
                 "项目 | 上年决算数 | 本年决算数 | 增减额 | 增减率 |\n公务接待费 | 20.00 | 15.00 | 5.00 | 25.00% |\n"
                 "公务用车运行维护费 | 10.00 | 12.00 | 2.00 | 20.00% |\n"],
)
def printed_changes(ctx: Context, check: Check):
    for row in change_rows(ctx.text):
        prior, current, change = (_number(c) for c in row.cells[:3])
        if prior is None or current is None or change is None:
            continue
        delta = current.interval - prior.interval
        if delta.overlaps(change.interval) or delta.overlaps(Interval(-change.interval.high, -change.interval.low)):
            continue  # a table may print a decrease without its minus sign
        yield check.finding(ctx, row.starts[2], row.starts[2] + len(row.cells[2]),
                            f"表中增减额与同行的本年数{row.cells[1]} − 上年数{row.cells[0]}不符",
                            stated=row.cells[2], expected=str(current.value - prior.value),
                            formula=f"{row.cells[1]} − {row.cells[0]}")
