"""The narrative against a 三公 table printed in the same text (items as rows, 预算数 and 决算数 as columns).

Pages that publish only the 三公 statement print its table beside the narrative, often copied one
cell per line (read/cells.py rebuilds the rows).  A row is read only under a header that names the
决算数 column (and the 预算数 one), in a table whose 单位 is stated, by a label that names one item;
a row with a blank cell gives nothing for that column.  Amounts are compared as intervals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from narrator.check.registry import Check, register
from narrator.check.rules import show
from narrator.numbers import Interval, NumberError, convert, parse_number
from narrator.read.context import Context
from narrator.read.items import against_budget, named_item, row_item, stated_items
from narrator.read.rows import CELL_NUMBER, cells_of

_UNIT = re.compile(r"单位\s*[:：]\s*(万元|元)")
_OTHER_YEAR = re.compile(r"20\d\d|上年|本年")
_TOTAL_LABEL = re.compile(r"^(?:合计|总计|三公经费合计)$")


@dataclass(frozen=True)
class Cell:
    interval: Interval  # in 元
    written: str


@dataclass(frozen=True)
class PrintedRow:
    budget: Cell | None
    actual: Cell | None


@register(
    "fact.printed", "error", "所述“三公”经费决算数或与预算相比的增减，与文中所附“三公”经费表同一项目的数不符",
    title="与文中所附三公经费表不符",
    why="只公开“三公”经费的页面把表格附在说明旁；说明中的决算数、与预算相比的增减额可由表中同一项目的预算数、决算数复算。",
    should_flag=["单位：万元\n项目\t预算数\t决算数\n合计\t30.00\t20.00\n公务接待费\t10.00\t8.00\n"
                 "公务用车运行维护费\t20.00\t12.00\n公务接待费支出9.00万元，主要用于接待。",
                 "单位：万元\n项目\t预算数\t决算数\n合计\t30.00\t20.00\n公务接待费\t10.00\t8.00\n"
                 "公务用车运行维护费\t20.00\t12.00\n公务接待费支出8.00万元，与年初预算相比，减少0.20万元。"],
    should_pass=["单位：万元\n项目\t预算数\t决算数\n合计\t30.00\t20.00\n公务接待费\t10.00\t8.00\n"
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
    rows = printed_rows(ctx.text)
    if not rows:
        return
    for key, (amount, _) in stated_items(ctx).items():
        row = rows.get(key)
        if row is not None and row.actual is not None and not ctx.interval(amount).overlaps(row.actual.interval):
            yield check.finding(ctx, amount.number_start, amount.end,
                                f"与文中所附表格不符：表中该项决算数为{row.actual.written}",
                                stated=show.written(amount), expected=row.actual.written, formula="文中所附表格：决算数")
    for change in ctx.claims:
        if change.metric != "change" or change.stated is None or change.sign is None:
            continue
        current, how = ctx.current_binding(change)
        if current is None or how not in ("named", "adjacent") or not against_budget(ctx, current, change):
            continue
        key = named_item(current.subject)
        row = rows.get(key) if key else None
        if row is None or row.actual is None or row.budget is None:
            continue
        if ctx.interval(current).overlaps(row.actual.interval) and \
                not (row.actual.interval - row.budget.interval).overlaps(ctx.signed_interval(change)):
            delta = (row.actual.interval.low + row.actual.interval.high - row.budget.interval.low
                     - row.budget.interval.high) / 2
            expected = f"{'增加' if delta > 0 else '减少'}{show.amount(abs(delta), change.unit)}" if delta else "持平"
            yield check.finding(ctx, change.start, change.end,
                                f"与预算相比的增减与文中所附表格不符：决算数{row.actual.written} − 预算数{row.budget.written}",
                                stated=show.written(change), expected=expected,
                                formula=f"{row.actual.written} − {row.budget.written}")


def printed_rows(text: str) -> dict[str, PrintedRow]:
    """The 三公 items of a table printed in ``text``: each row under a 预算数/决算数 header, by item key."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        header = [cell.replace(" ", "") for cell in cells_of(line)]
        if len(header) < 2 or not all(header):
            continue  # a header with blank cells spans sub-columns (预算数: 合计、一般公共预算…): not read
        if [("决算" in h) for h in header[1:]].count(True) != 1 or any(_OTHER_YEAR.search(h) for h in header[1:]):
            continue  # 2023年决算数 | 2024年决算数: which column is this year's is not said
        unit = next((m.group(1) for m in map(_UNIT.search, lines[max(0, i - 3):i + 1]) if m), None)
        if unit is None:
            continue  # no unit, no amounts
        rows = _rows(lines[i + 1:], header, unit)
        if len([k for k in rows if k != "three_public.total"]) >= 2:  # a 三公 table: two items at least
            return rows
    return {}


def _rows(lines: list[str], header: list[str], unit: str) -> dict[str, PrintedRow]:
    actual_at = next(j for j, h in enumerate(header) if j and "决算" in h)
    budget_at = next((j for j, h in enumerate(header) if j and "预算" in h and "决算" not in h), None)
    rows: dict[str, PrintedRow] = {}
    for number, line in enumerate(lines):
        cells = cells_of(line)
        if len(cells) != len(header):
            break  # the table ends (or its rows cannot be told apart)
        if number == 0 and not any(CELL_NUMBER.match(cell) for cell in cells[1:]):
            return {}  # a second header row (sub-columns): the columns are not the header's
        label = "".join(cells[0].split())
        key = "three_public.total" if _TOTAL_LABEL.match(label) else row_item(label)
        if key is not None and key not in rows:
            rows[key] = PrintedRow(_cell(cells, budget_at, unit), _cell(cells, actual_at, unit))
    return rows


def _cell(cells: list[str], at: int | None, unit: str) -> Cell | None:
    if at is None or not CELL_NUMBER.match(cells[at]) or "%" in cells[at]:
        return None
    try:
        parsed = parse_number(cells[at])
    except NumberError:
        return None
    return Cell(Interval.of_rounded(parsed.value, parsed.places).scale(convert(Decimal(1), unit, "元")),
                f"{cells[at]}{unit}")
