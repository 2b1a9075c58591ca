"""PDF through pdfplumber, rebuilding reading order from character positions.

Some generators put the digits in a separate text layer a few points lower than
the Chinese around them (caizhengju-2024.pdf), so pdfplumber's own line grouping
tears every amount out of its sentence.  Here a line is anchored by its first
character's vertical band and takes every character that overlaps that band by
at least half, which puts "2995.39" back between "总计" and "万元".  Ruled tables
are read cell by cell and written as tab-separated rows, like the seed texts.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from narrator.errors import InputError

_MIN_OVERLAP = 0.5  # share of the smaller height two bands must share to be one line
_TAB_GAP = 1.5  # a horizontal gap wider than this many font sizes is a column break
_SPACE_GAP = 0.25  # … wider than this a word break


def pdf_text(raw: bytes, path: Path) -> str:
    """All pages' text in reading order, pages separated by a blank line."""
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(raw)) as pdf:
            pages = [_page_text(page) for page in pdf.pages]
    except Exception as exc:  # pdfminer raises many kinds on a broken file
        raise InputError(f"{path}: PDF 文件已损坏或不完整，无法解析 — {type(exc).__name__}") from None
    return "\n\n".join(pages) + "\n"


@dataclass
class _Line:
    top: float
    bottom: float
    chars: list[dict] = field(default_factory=list)

    def takes(self, char: dict) -> bool:
        overlap = min(self.bottom, char["bottom"]) - max(self.top, char["top"])
        smaller = min(self.bottom - self.top, char["bottom"] - char["top"]) or 1.0
        return overlap / smaller >= _MIN_OVERLAP

    def text(self) -> str:
        chars = sorted(self.chars, key=lambda c: c["x0"])
        out, previous = [], None
        for char in chars:
            if previous is not None:
                out.append(_gap(previous, char))
            out.append(char["text"])
            previous = char
        return "".join(out)


def _gap(left: dict, right: dict) -> str:
    gap = right["x0"] - left["x1"]
    size = max(left.get("size", 10.0), 1.0)
    if gap > _TAB_GAP * size:
        return "\t"
    if gap > _SPACE_GAP * size:
        return " "
    return ""


def _page_text(page) -> str:
    """Text lines outside tables and table rows, ordered top to bottom."""
    tables = _tables(page)
    boxes = [bbox for bbox, _ in tables]
    chars = [c for c in page.chars if c["text"].strip() and not _inside(c, boxes)]
    blocks = [(line.top, line.text()) for line in _lines(chars)]
    blocks += [(bbox[1], rows) for bbox, rows in tables]
    blocks.sort(key=lambda block: block[0])
    return "\n".join(text for _, text in blocks)


def _lines(chars: list[dict]) -> list[_Line]:
    lines: list[_Line] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        line = next((candidate for candidate in reversed(lines[-4:]) if candidate.takes(char)), None)
        if line is None:
            line = _Line(char["top"], char["bottom"])
            lines.append(line)
        line.chars.append(char)
    return lines


def _tables(page) -> list[tuple[tuple[float, float, float, float], str]]:
    """Ruled tables as (bbox, tab-separated rows); a page without rulings has none."""
    found = []
    for table in page.find_tables():
        rows = table.extract()
        if len(rows) < 2:
            continue
        text = "\n".join("\t".join(_cell(cell) for cell in row) for row in rows)
        found.append((table.bbox, "\n" + text + "\n"))
    return found


def _cell(value: str | None) -> str:
    if not value:
        return ""
    return "".join(part.strip() for part in value.replace("\t", " ").splitlines())


def _inside(char: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)
