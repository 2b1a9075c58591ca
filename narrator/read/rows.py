"""Rows of tables printed as text (cells separated by | or tabs), with every cell's span.

Statistics tables published beside a narrative (三公经费情况统计表, 绩效自评表) arrive flattened to
lines like ``2.公务接待费 | 1.70 | 1.70 |``.  A row is a label and its numeric cells; rows are
read only where the line has a label and at least one number, so prose is never taken for a row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

CELL = re.compile(r"[^|\t]+")  # a cell of a line of a table printed as text
_SEPARATOR = re.compile(r"[\t|]")
CELL_NUMBER = re.compile(r"^\s*(?P<n>-?\d[\d,]*(?:\.\d+)?)\s*(?P<pct>[%％])?\s*$")  # an amount or a percentage
_CHILD = re.compile(r"^\s*(?:其中[:：]?\s*)?[(（]\s*\d{1,2}\s*[)）]|^\s*其中")


@dataclass(frozen=True)
class Cell:
    value: Decimal
    places: int
    start: int
    end: int


@dataclass(frozen=True)
class Row:
    label: str
    start: int  # the line's span in the text
    end: int
    cells: tuple[Cell, ...]  # the numeric cells, left to right

    @property
    def is_child(self) -> bool:
        """其中：(1)… and the (2)… after it are parts of the row above them."""
        return bool(_CHILD.match(self.label))


def cells_of(line: str) -> list[str]:
    """A printed row's cells left to right, blank ones kept (a column is its position); the bars
    around the row and the spaces around each cell dropped."""
    return [cell.strip() for cell in _SEPARATOR.split(line.strip(" |\u3000"))]


def lines_at(text: str) -> list[tuple[int, str]]:
    """Each line of ``text`` with the offset it starts at."""
    out, at = [], 0
    for line in text.split("\n"):
        out.append((at, line))
        at += len(line) + 1
    return out


def cells_at(offset: int, line: str) -> list[tuple[str, int]]:
    """A printed row's cells as ``cells_of`` cuts them, each with where it starts in the text
    (-1 for a blank one); ``offset`` is where the line starts."""
    body = line.strip(" |\u3000")
    position = offset + len(line) - len(line.lstrip(" |\u3000"))
    cells = []
    for cell in _SEPARATOR.split(body):
        stripped = cell.strip()
        cells.append((stripped, position + cell.index(stripped) if stripped else -1))
        position += len(cell) + 1
    return cells


def table_rows(text: str, start: int = 0, end: int | None = None) -> list[Row]:
    end = len(text) if end is None else end
    rows, offset = [], start
    for line in text[start:end].split("\n"):
        if "|" in line or "\t" in line:
            row = _row(line, offset)
            if row is not None:
                rows.append(row)
        offset += len(line) + 1
    return rows


def _row(line: str, offset: int) -> Row | None:
    cells = list(CELL.finditer(line))
    if not cells or CELL_NUMBER.match(cells[0].group(0)) or not cells[0].group(0).strip():
        return None
    numbers = []
    for cell in cells[1:]:
        found = CELL_NUMBER.match(cell.group(0))
        if found is None or found.group("pct"):
            if cell.group(0).strip():
                return None  # a word among the numbers: not a row of amounts
            continue
        raw = found.group("n").replace(",", "")
        at = offset + cell.start() + cell.group(0).index(found.group("n"))
        numbers.append(Cell(Decimal(raw), len(raw.split(".")[1]) if "." in raw else 0, at, at + len(found.group("n"))))
    if not numbers:
        return None
    return Row(cells[0].group(0).strip(), offset, offset + len(line), tuple(numbers))


def children(rows: list[Row]) -> list[tuple[Row, list[Row]]]:
    """Each row followed by 其中 rows, with those rows (consecutive lines of one table only)."""
    groups = []
    for i, row in enumerate(rows):
        if row.is_child:
            continue
        kids = []
        for following in rows[i + 1:]:
            if not following.is_child or following.start != (kids[-1].end if kids else row.end) + 1:
                break
            kids.append(following)
        if kids:
            groups.append((row, kids))
    return groups
