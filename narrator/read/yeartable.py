"""Tables printed in the text with years as rows: one row a year, a row of change rates, items as columns.

三公-only pages often compare two years this way::

    年度 | 合计 | 因公出国(境)费 | 公务接待费 | 公务用车购置及运行费 | 小计 | 购置 | 运行
    2023年 | 100 | 10 | 40 | 50 | 20 | 30
    2024年 | 90 | 0 | 40 | 50 | 20 | 30
    2024年比2023年增减% | -10.00 | -100.00 | 0.00 | 0.00 | 0.00 | 0.00

A row is a year's when its label is that year and nothing else (2024年, 2024年度, 2024年决算数); the rate
row's label says 增减/增长/变动 with % or 率 or 幅度.  Only two year rows and one rate row of one width
are read: with more years, which two a rate compares is not said.  The header gives the columns'
names only when it can be laid on the data: as many names as cells, or one group name more, the
group followed by its own 合计/小计 (a two-level header flattened into one line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrator.read.rows import CELL_NUMBER, cells_at, cells_of, lines_at

_YEAR_LABEL = re.compile(r"^(20\d\d)年度?(?:决算数?|支出|实际支出)?$")
_RATE_LABEL = re.compile(r"增减|增长|变动|升降|同比")
_RATE_MARK = re.compile(r"[%％]|率|幅度|百分比")
_SUBTOTAL = re.compile(r"^(?:合计|小计)$")


@dataclass(frozen=True)
class YearTable:
    columns: tuple[str | None, ...]  # each data column's name, None where the header cannot be laid on it
    earlier: tuple[int, tuple[str, ...]]  # (year, its cells as printed)
    later: tuple[int, tuple[str, ...]]
    rates: tuple[str, ...] | None  # the rate row's cells, when there is one
    rate_starts: tuple[int, ...]  # offset of each rate cell in the text (-1 for a blank one)
    start: int  # the table's first year row
    end: int


def year_tables(text: str) -> list[YearTable]:
    lines = lines_at(text)
    tables, i = [], 0
    while i < len(lines):
        table, used = _table_at(lines, i)
        if table is not None:
            tables.append(table)
        i += max(used, 1)
    return tables


def _label(line: str) -> str:
    return "".join(cells_of(line)[0].split()) if ("|" in line or "\t" in line) else ""


def _table_at(lines: list[tuple[int, str]], i: int) -> tuple[YearTable | None, int]:
    if not _YEAR_LABEL.match(_label(lines[i][1])):
        return None, 1
    j = i
    while j < len(lines) and (_YEAR_LABEL.match(_label(lines[j][1])) or _is_rate_row(lines[j][1])):
        j += 1
    block = lines[i:j]
    years = [(int(_YEAR_LABEL.match(_label(line)).group(1)), at, line) for at, line in block
             if _YEAR_LABEL.match(_label(line))]
    rate_rows = [(at, line) for at, line in block if _is_rate_row(line)]
    widths = {len(cells_of(line)) for _, line in block}
    if len(years) != 2 or len(rate_rows) > 1 or len(widths) != 1 or years[0][0] == years[1][0]:
        return None, j - i
    width = widths.pop()
    if not all(_numeric_or_blank(cells_of(line)[1:]) for _, line in block):
        return None, j - i
    earlier, later = sorted(years)
    rates = rate_rows[0] if rate_rows else None
    named = {int(y) for y in re.findall(r"20\d\d", _label(rates[1]))} if rates else set()
    if named and named != {earlier[0], later[0]}:
        return None, j - i  # a rate row naming other years compares something else
    header = _header(lines[i - 1][1] if i else "", width - 1)
    table = YearTable(
        columns=header,
        earlier=(earlier[0], tuple(cells_of(earlier[2])[1:])),
        later=(later[0], tuple(cells_of(later[2])[1:])),
        rates=tuple(cells_of(rates[1])[1:]) if rates else None,
        rate_starts=tuple(start for _, start in cells_at(*rates)[1:]) if rates else (),
        start=block[0][0], end=block[-1][0] + len(block[-1][1]))
    return table, j - i


def _is_rate_row(line: str) -> bool:
    label = _label(line)
    return bool(label) and bool(_RATE_LABEL.search(label)) and bool(_RATE_MARK.search(label))


def _numeric_or_blank(cells: list[str]) -> bool:
    return all(not c or CELL_NUMBER.match(c) for c in cells) and any(cells)


def _header(line: str, width: int) -> tuple[str | None, ...]:
    """The columns' names from the line above the first year row, when they fit the data's width."""
    names = ["".join(c.split()) for c in cells_of(line)[1:]] if ("|" in line or "\t" in line) else []
    if len(names) == width and all(names):
        return tuple(names)
    if len(names) == width + 1 and all(names):
        groups = [k for k in range(len(names) - 1) if _SUBTOTAL.match(names[k + 1]) and not _SUBTOTAL.match(names[k])]
        if len(groups) == 1:  # 公务用车购置及运行费 | 小计 | 购置 | 运行: the group's column is its 小计
            k = groups[0]
            return tuple(names[:k + 1] + names[k + 2:])
    return (None,) * width
