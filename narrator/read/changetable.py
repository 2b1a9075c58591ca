"""Tables printed in the text with items as rows and last year, this year and the change as columns:

    项目 | 上年决算数 | 本年决算数 | 增减额 | 增减率
    合计 | 100.00 | 90.00 | -10.00 | -10.00% |

or with the change columns under one group heading, the two header lines flattened:

    项目 | 上年决算数 | 本年决算数 | 比上年增、减情况 | |
    增、减金额 | 增、减幅度 | |||

A row is read only under such a header, when it is a label and exactly four numbers in those
columns (a blank or a word among them: the row is not read).  Nothing else is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrator.read.rows import CELL_NUMBER, cells_at, cells_of, lines_at


@dataclass(frozen=True)
class ChangeRow:
    label: str
    cells: tuple[str, str, str, str]  # 上年, 本年, 增减额, 增减率 as printed
    starts: tuple[int, int, int, int]  # where each cell starts in the text


def change_rows(text: str) -> list[ChangeRow]:
    """Every row read under a 上年 | 本年 | 增减额 | 增减率 header."""
    lines = lines_at(text)
    rows: list[ChangeRow] = []
    i = 0
    while i < len(lines):
        used = _header_lines(lines, i)
        if not used:
            i += 1
            continue
        i += used
        while i < len(lines):
            row = _row(*lines[i])
            if row is None:
                break
            rows.append(row)
            i += 1
    return rows


def _names(line: str) -> list[str]:
    return ["".join(c.split()) for c in cells_of(line)] if ("|" in line or "\t" in line) else []


# A header's column names: 上年 | 本年 | 增减额 | 增减率, or 比上年增减情况 over 增减额 | 增减率
_PRIOR = re.compile(r"^(?:上年|上一年|20\d\d年度?)(?:决算|实际|支出)*数?$")
_CURRENT = re.compile(r"^(?:本年|本年度|20\d\d年度?)(?:决算|实际|支出)*数?$")
_CHANGE = re.compile(r"^(?:比上年)?增[、,，]?减(?:金?额|数)$")
_RATE = re.compile(r"^(?:比上年)?增[、,，]?减(?:幅度|率|比例|百分比)(?:[(（]?%[)）]?)?$")
_GROUP = re.compile(r"^(?:比上年)?增[、,，]?减(?:情况|变化)$")


def _header_lines(lines: list[tuple[int, str]], i: int) -> int:
    """How many lines the header at ``i`` takes (0: none there)."""
    names = _names(lines[i][1])
    if len(names) == 5 and _PRIOR.match(names[1]) and _CURRENT.match(names[2]) and _CHANGE.match(names[3]) \
            and _RATE.match(names[4]):
        return 1
    if len(names) >= 4 and _PRIOR.match(names[1]) and _CURRENT.match(names[2]) and _GROUP.match(names[3]) \
            and not any(names[4:]) and i + 1 < len(lines):
        below = [n for n in _names(lines[i + 1][1]) if n]
        if len(below) == 2 and _CHANGE.match(below[0]) and _RATE.match(below[1]):
            return 2
    return 0


def _row(offset: int, line: str) -> ChangeRow | None:
    if "|" not in line and "\t" not in line:
        return None
    found = cells_at(offset, line)
    cells, starts = [c for c, _ in found], [at for _, at in found]
    while cells and not cells[-1]:  # trailing bars
        cells.pop()
        starts.pop()
    if len(cells) != 5 or not cells[0] or CELL_NUMBER.match(cells[0]) \
            or not all(CELL_NUMBER.match(c) for c in cells[1:]):
        return None
    return ChangeRow("".join(cells[0].split()), tuple(cells[1:]), tuple(starts[1:]))  # type: ignore[arg-type]
