"""财政拨款“三公”经费支出决算表: 预算数 and 决算数 per item, in either column order.

Most regions print 预算数 as one block of six columns (合计, 因公出国（境）费,
公务用车购置及运行维护费 小计, 购置费, 运行维护费, 公务接待费) and 决算数 as the
next six; Shanghai prints each item's 预算数 and 决算数 side by side (合计 预算 决算,
出国 预算 决算 …).  The header row of 预算数/决算数 labels says which; the sums
(合计 = 各项之和, 小计 = 购置费 + 运行维护费) overrule it when it is missing or
contradicts the numbers, and a warning says so.
"""

from __future__ import annotations

import re
from decimal import Decimal

from narrator.extract.readers import Reading
from narrator.extract.tables import Row, Table, is_label, maybe_amount
from narrator.numbers import ZERO, printed_adds_up

_ITEMS = ["total", "outbound", "vehicle", "vehicle_purchase", "vehicle_operation", "reception"]
BLOCKS, PAIRS = "blocks", "pairs"
_LAYOUT_WORDS = {BLOCKS: "预算数六列在前、决算数六列在后", PAIRS: "各项预算数与决算数相邻"}
_SIDES = (("budget", "预算数"), ("actual", "决算数"))

Half = list  # six amounts (Decimal | None) in _ITEMS order


def read_three_public(table: Table) -> Reading:
    """The one data row, read in the column order its header and its sums agree on."""
    reading = Reading()
    for index, row in enumerate(table.rows):
        values = _data_values(row)
        if values is None:
            continue
        if len(values) < 12:
            reading.warn(table, f"数据行只有{len(values)}列（应为12列），按位置读取", row)
        values = (values + [None] * 12)[:12]
        layout = _choose(values, header_layout(table.rows[:index]), table, row, reading)
        cells = split(list(range(12)), layout)  # the cell index of each amount, split the same way
        for (prefix, _), half, positions in zip(_SIDES, split(values, layout), cells):
            for name, value, position in zip(_ITEMS, half, positions):
                reading.put(f"{prefix}.{name}", value or ZERO, row, position if value is not None else None)
        _check_three(table, reading, row)
        break
    return reading


def _data_values(row: Row) -> list[Decimal | None] | None:
    """A row's amounts when it is the data row: no labels, some amounts, not the 栏次 1 2 3 … row."""
    values = [maybe_amount(cell) for cell in row.cells]
    present = [v for v in values if v is not None]
    if any(is_label(cell) for cell in row.cells) or not present:
        return None
    if len(present) > 1 and present == [Decimal(i) for i in range(1, len(present) + 1)]:
        return None
    return values


def header_layout(rows: list[Row]) -> str | None:
    """PAIRS when a header row alternates 预算数/决算数, BLOCKS when it has one of each, else None."""
    for row in rows:
        words = [re.sub(r"\s", "", cell) for cell in row.cells]
        budget = sum(1 for w in words if "预算" in w and "决算" not in w)
        actual = sum(1 for w in words if "决算" in w and "预算" not in w)
        if budget >= 3 and actual >= 3:
            return PAIRS
        if budget == 1 and actual == 1:
            return BLOCKS
    return None


def split(values: list[Decimal | None], layout: str) -> tuple[Half, Half]:
    """(预算数, 决算数) halves of the twelve amounts in ``layout``."""
    if layout == PAIRS:
        return values[0::2], values[1::2]
    return values[:6], values[6:]


def mismatches(values: list[Decimal | None], layout: str) -> int:
    """How many of the four sums (小计 and 合计, each side) the reading breaks."""
    count = 0
    for half in split(values, layout):
        total, outbound, vehicle, purchase, operation, reception = (v or ZERO for v in half)
        count += not printed_adds_up(vehicle, [purchase, operation])
        count += not printed_adds_up(total, [outbound, purchase, operation, reception])
    return count


def _choose(values, header: str | None, table: Table, row: Row, reading: Reading) -> str:
    preferred = header or BLOCKS
    other = PAIRS if preferred == BLOCKS else BLOCKS
    if mismatches(values, other) >= mismatches(values, preferred):
        return preferred
    reason = "表头列序与合计关系不符" if header else "未找到预算数/决算数表头"
    reading.warn(table, f"{reason}，按合计关系判定为{_LAYOUT_WORDS[other]}", row)
    return other


def _check_three(table: Table, reading: Reading, row: Row) -> None:
    v = reading.values
    for prefix, word in _SIDES:
        cars = [v[f"{prefix}.vehicle_purchase"], v[f"{prefix}.vehicle_operation"]]
        if not printed_adds_up(v[f"{prefix}.vehicle"], cars):
            reading.warn(table, f"{word}公务用车小计{v[f'{prefix}.vehicle']}与购置费+运行维护费{sum(cars, ZERO)}不符", row)
        items = [v[f"{prefix}.outbound"], *cars, v[f"{prefix}.reception"]]
        if not printed_adds_up(v[f"{prefix}.total"], items):
            reading.warn(table, f"{word}合计{v[f'{prefix}.total']}与各项之和{sum(items, ZERO)}不符", row)
