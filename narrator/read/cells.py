"""Tables copied from a web page one cell per line (``合计 |`` / ``49.9 |``, or ``合计`` ``|`` ``49.9`` ``|``)
rebuilt as rows: a label and its cells on one line, separated by tabs, as every other reader prints them.

A row's width is not written anywhere: it is the distance between the labels that open data rows
(a label followed by numbers), and it must be the same for every row, or the block is left as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# three or more cells, each its text (maybe on the line before its bar) and a bar at a line's end
_BLOCK = re.compile(r"(?m)^(?:[^\n|]{0,80}\n?[ \t]*\|[ \t]*(?:\n|$)){3,}")
_NUMERIC = re.compile(r"^-?[\d,]+(?:\.\d+)?\s*[%％]?$|^[-—–]$")


@dataclass(frozen=True)
class _Cell:
    text: str
    start: int  # of the text (stripped), or of the bar for an empty cell
    end: int
    bar: int  # offset of the | that closes it


def flattened_tables(text: str) -> list[tuple[int, int, str, list[int]]]:
    """Each block to rewrite: (start, end, its rows as tab-separated lines, the origin of each character)."""
    rewrites = []
    for match in _BLOCK.finditer(text):
        cells = _cells(text, match.start(), match.end())
        width = _width(cells)
        if width:
            rewrites.append((match.start(), match.end(), *_rows(cells, width, text, match.end())))
    return rewrites


def _cells(text: str, start: int, end: int) -> list[_Cell]:
    cells, at = [], start
    for bar in (i for i in range(start, end) if text[i] == "|"):
        raw = text[at:bar]
        stripped = raw.strip()
        begin = at + raw.index(stripped) if stripped else bar
        cells.append(_Cell(stripped, begin, begin + len(stripped), bar))
        at = bar + 1
    return cells


def _is_label(cell: _Cell) -> bool:
    return bool(cell.text) and not _NUMERIC.match(cell.text)


def _width(cells: list[_Cell]) -> int:
    """The row width when data rows (a label, then numbers or blanks) repeat at one distance, else 0."""
    first_number = next((i for i, c in enumerate(cells) if c.text and not _is_label(c)), None)
    if first_number is None or first_number == 0 or not _is_label(cells[first_number - 1]):
        return 0
    labels = [i for i in range(first_number - 1, len(cells)) if _is_label(cells[i])]
    gaps = {b - a for a, b in zip(labels, labels[1:])}
    if len(labels) < 2 or len(gaps) != 1:
        return 0
    width = gaps.pop()
    return width if width >= 2 else 0


def _rows(cells: list[_Cell], width: int, text: str, end: int) -> tuple[str, list[int]]:
    first_row = next(i for i, c in enumerate(cells) if c.text and not _is_label(c)) - 1
    groups = [cells[:first_row]] if first_row else []
    groups += [cells[i:i + width] for i in range(first_row, len(cells), width)]
    chars: list[str] = []
    origin: list[int] = []
    for group in groups:
        for k, cell in enumerate(group):
            chars.extend(cell.text)
            origin.extend(range(cell.start, cell.end))
            chars.append("\t" if k < len(group) - 1 else "\n")
            origin.append(cell.bar)
    if text[end - 1:end] != "\n":  # the block ended the text without a line end: none is added
        chars.pop()
        origin.pop()
    return "".join(chars), origin
