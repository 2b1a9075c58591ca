"""Tables printed in a narrative's own text: the 三公 table beside a 三公-only statement, by item.

Pages that publish only the 三公 statement print its table beside the narrative, often copied one
cell per line (read/cells.py rebuilds the rows).  Two shapes are read:

- items as rows, 预算数 and 决算数 as columns: a row is read only under a header that names the
  决算数 column (and the 预算数 one), in a table whose 单位 is stated, by a label that names one item;
- years as rows (read/yeartable.py): the report year's row gives each item's 决算数, the year
  before's its prior; the unit is the stated one, or the one the narrative's own amounts agree with.

A row with a blank cell gives nothing for that column.  Amounts are intervals in 元.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from narrator.numbers import Interval, NumberError, convert, parse_number
from narrator.read.claims import Claim
from narrator.read.context import Context
from narrator.read.items import named_item, row_item, stated_items
from narrator.read.rows import CELL_NUMBER, cells_of
from narrator.read.yeartable import YearTable, year_tables

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
    prior: Cell | None = None  # last year's, from a table with years as rows


def printed_table(ctx: Context) -> dict[str, PrintedRow]:
    """The 三公 items of the table printed in the narrative's text, by item key (empty when none is read)."""
    return ctx.remember("printed_table", lambda: printed_rows(ctx.text) or year_rows(ctx))


def row_of(ctx: Context, rows: dict[str, PrintedRow], current) -> PrintedRow | None:
    """The table row of the item an amount names, when the amount is that row's 决算数 (or the row
    leaves it blank): a stated amount the table contradicts is another check's finding, not a binding."""
    key = named_item(current.subject)
    row = rows.get(key) if key else None
    if row is None or (row.actual is not None and not ctx.interval(current).overlaps(row.actual.interval)):
        return None
    return row


def actual_of(ctx: Context, current, row: PrintedRow) -> Interval:
    """The 决算数 as the narrative states it, or as the table prints it: both readings are admissible."""
    stated = ctx.interval(current)
    return stated.hull(row.actual.interval) if row.actual is not None else stated


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


def year_rows(ctx: Context) -> dict[str, PrintedRow]:
    """The report year's row of a table with years as rows (read/yeartable.py), as 决算数 by item,
    with the year before's as prior.

    Its unit is the one stated above it, or else the one under which at least two items the
    narrative states agree with the table and none would under the other: a table printed without
    a unit beside a narrative in 万元 is read in 万元 only when the numbers say so."""
    for table in year_tables(ctx.text):
        if ctx.year != table.later[0]:
            continue
        columns = {key: k for k, name in enumerate(table.columns) if name and (key := _column_item(name, k))}
        if len(columns) < 2:
            continue
        stated_unit = next((m.group(1) for m in _UNIT.finditer(ctx.text, max(0, table.start - 200), table.start)), None)
        if stated_unit:
            return _year_rows_in(table, columns, stated_unit)
        readings = {unit: _year_rows_in(table, columns, unit) for unit in ("万元", "元")}
        agreeing = {unit: _agreements(ctx, rows) for unit, rows in readings.items()}
        fits = [unit for unit, n in agreeing.items() if n >= 2]
        if len(fits) == 1 and min(agreeing.values()) == 0:
            return readings[fits[0]]
    return {}


def _year_rows_in(table: YearTable, columns: dict[str, int], unit: str) -> dict[str, PrintedRow]:
    return {key: PrintedRow(None, _cell(list(table.later[1]), k, unit), _cell(list(table.earlier[1]), k, unit))
            for key, k in columns.items()}


def _column_item(name: str, at: int) -> str | None:
    return "three_public.total" if at == 0 and _TOTAL_LABEL.match(name) else row_item(name)


def _agreements(ctx: Context, rows: dict[str, PrintedRow]) -> int:
    return sum(1 for key, (amount, _) in stated_items(ctx).items()
               if key in rows and rows[key].actual is not None and ctx.interval(amount).overlaps(rows[key].actual.interval))




def gap_to_budget(ctx: Context, current: Claim, row: PrintedRow) -> Decimal:
    """决算数 − 预算数 in 元, at the middle of both intervals (for a message's expected wording)."""
    assert row.budget is not None
    actual = actual_of(ctx, current, row)
    return (actual.low + actual.high - row.budget.interval.low - row.budget.interval.high) / 2


_OTHER_PERIOD = re.compile(r"上一?年|去年|以前|同期")


def of_this_year(ctx: Context, words: str) -> bool:
    """The budget a comparison names is the report year's (the table's 预算数): 与年初预算相比,
    与2024年度预算相比 — not 与上年预算相比, nor another year's."""
    years = {int(y) for y in re.findall(r"20\d\d", words)}
    return not _OTHER_PERIOD.search(words) and years <= ({ctx.year} if ctx.year else set())
