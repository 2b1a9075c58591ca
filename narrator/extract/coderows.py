"""Tables by function code (收入决算表, 支出决算表, 一般公共预算…, 基金, 国资): rows by code.

Extraction damages these rows in known ways, each handled here: a code split
over cells ("20805 | 05", "201 | 06 | 01"), split with a repeated digit
("20103 | 399" for 2010399), glued to its name ("2089999 其他社会保障…"), junk
cells before it ("2", "·"), the name missing or repeated, and empty cells that
push the amounts right.  Amounts are read by position after the name; a row
whose first amount is empty is read from its first amount (本年合计 is never
empty on a listed row), and each row is checked against its own sum.
"""

from __future__ import annotations

import re
from decimal import Decimal

from narrator.extract.readers import _CODE, _SUM_PARTS, COLUMNS, Reading, _amount_or_warn
from narrator.extract.tables import Row, Table, is_label, maybe_amount, normal_label
from narrator.numbers import ZERO, printed_adds_up


def read_code_table(table: Table, reference: dict[str, Decimal] | None = None) -> Reading:
    """Totals in ``values`` and one dict per coded row in ``rows`` (code, name, columns…)."""
    reading = Reading()
    columns = COLUMNS[table.kind]
    overflow: dict[int, str] = {}
    for row in table.rows:
        parsed = _code_cells(row.cells)
        if parsed is None:
            totals = _totals_cells(row.cells)
            if totals is None:
                continue
            code, name, cells = "", "合计", totals
        else:
            code, name, cells = parsed
        amounts = [_amount_or_warn(cell, table, row, reading) for cell in cells]
        record = _columns(amounts, columns, overflow, reference if not code else None, table, row, reading)
        if record is None:
            continue
        _check_sum(table, row, reading, record, code or "合计")
        where = _column_cells(amounts, len(row.cells) - len(cells), columns, overflow)
        if code:
            reading.rows.append({"code": code, "name": name, **record})
            reading.sources.append((row, where))
        elif not reading.values:
            reading.values = record
            reading.at = {column: (row, where.get(column)) for column in record}
    return reading


def _column_cells(amounts: list, first_cell: int, columns: list[str], overflow: dict[int, str]) -> dict[str, int]:
    """Column → index in the row's cells of the amount ``_columns`` put there (empty cells left out)."""
    skipped = 0
    while skipped < len(amounts) - 1 and amounts[skipped] is None and any(a is not None for a in amounts[skipped + 1:]):
        skipped += 1
    where: dict[str, int] = {}
    for position, value in enumerate(amounts[skipped:]):
        if value is None:
            continue
        column = columns[position] if position < len(columns) else overflow.get(position)
        if column is not None:
            where.setdefault(column, first_cell + skipped + position)
    return where


def _code_cells(cells: list[str]) -> tuple[str, str, list[str]] | None:
    """(code, name, amount cells) of a coded row, or None."""
    index = 0
    while index < len(cells) and not is_label(cells[index]) and not _CODE.match(cells[index]):
        index += 1
    if index == len(cells) or not _CODE.match(cells[index]):
        return None
    match = _CODE.match(cells[index])
    code, name = match.group(1), _clean_name(match.group(2) or "")
    index, code = _join_fragments(cells, index + 1, code)
    if name == "":
        name = _first_name(cells, index)
    last_label = max((i for i in range(index, len(cells)) if is_label(cells[i])), default=index - 1)
    return code, name, cells[max(last_label + 1, index):]


def _join_fragments(cells: list[str], index: int, code: str) -> tuple[int, str]:
    """Append the 2-digit pieces of a split code (and a 3-digit piece repeating the 款's last digit)."""
    probe = index
    while probe < len(cells) and len(code) < 7:
        cell = cells[probe]
        if cell == "":
            probe += 1
            continue
        if re.fullmatch(r"\d{2}", cell):
            code += cell
        elif len(code) == 5 and re.fullmatch(r"\d{3}", cell) and cell[0] == code[-1]:
            code += cell[1:]
        else:
            break
        probe += 1
        index = probe
    return index, code


def _first_name(cells: list[str], index: int) -> str:
    """The first label after the code, unless an amount comes first (宁夏 05表 prints no names)."""
    for cell in cells[index:]:
        if is_label(cell):
            return _clean_name(cell)
        if cell:
            return ""
    return ""


def _clean_name(name: str) -> str:
    """Names wrap inside cells ("机关事业单位基本 养老保险缴费支出"): drop the spaces between CJK."""
    return re.sub(r"\s+", "", name)


def _totals_cells(cells: list[str]) -> list[str] | None:
    """The amount cells of the 合计 row, or None (header rows, 栏次 rows with 1 2 3 …)."""
    labels = [i for i, cell in enumerate(cells) if is_label(cell)]
    if not labels or not re.sub(r"\s", "", cells[labels[-1]]).endswith("合计"):
        return None
    after = cells[labels[-1] + 1:]
    values = [maybe_amount(cell) for cell in after]
    present = [v for v in values if v is not None]
    if not present or _column_numbers(present):
        return None
    return after


def _column_numbers(values: list[Decimal]) -> bool:
    return len(values) > 1 and values == [Decimal(i) for i in range(1, len(values) + 1)]


def _columns(amounts, columns, overflow, reference, table: Table, row: Row, reading: Reading):
    """Map amounts to columns by position; amounts past the last column go where the sums say."""
    while amounts and amounts[0] is None and any(a is not None for a in amounts[1:]):
        amounts = amounts[1:]
    if not any(a is not None for a in amounts):
        return None
    record = {name: (amounts[i] or ZERO) if i < len(amounts) else ZERO for i, name in enumerate(columns)}
    for index in range(len(columns), len(amounts)):
        value = amounts[index]
        if not value:
            continue
        placed = index in overflow
        target = overflow.get(index) or _place(value, record, columns, reference)
        overflow[index] = target
        record[target] += value
        if not placed:
            reading.warn(table, f"金额{value}超出表头列数，按合计关系计入「{target}」列", row)
    return record


def _place(value: Decimal, record: dict, columns: list[str], reference: dict | None) -> str:
    """The column an overflowing amount belongs to: the one the summary table gives that amount."""
    for name in reversed(columns[1:]):
        if reference and reference.get(name) == value and not record.get(name):
            return name
    return columns[-1]


def _check_sum(table: Table, row: Row, reading: Reading, record: dict, code: str) -> None:
    parts = _SUM_PARTS[table.kind]
    total = record.get("total", ZERO)
    summed = [record.get(p, ZERO) for p in parts]
    if not printed_adds_up(total, summed):
        reading.warn(table, f"{code} 行：合计{total}与分列之和{sum(summed, ZERO)}不符（按原表数值读取）", row)


def fill_names(rows: list[dict], known: dict[str, str]) -> None:
    """Rows printed without a name (宁夏 05表) take it from another table of the same document."""
    for row in rows:
        if not row["name"]:
            row["name"] = known.get(row["code"], "")
        known.setdefault(row["code"], row["name"])


def label_text(cell: str) -> str:
    return normal_label(cell)
