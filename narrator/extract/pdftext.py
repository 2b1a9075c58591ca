"""PDF text in reading order, rebuilt from character positions, with the page each offset is on.

The characters, their boxes and the ruling edges come from PDFium (``pdfpage``), the
ruled tables from pdfplumber's "lines" algorithm over them (``pdftables``).  Some
generators put the digits in a separate text layer a few points lower than the
Chinese around them (caizhengju-2024.pdf), so grouping characters by their exact
vertical position tears every amount out of its sentence.  Here a line is anchored
by its first character's vertical band and takes every character that overlaps that
band by at least half, which puts "2995.39" back between "总计" and "万元".  Ruled
tables are read cell by cell and written as tab-separated rows, like the seed texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from narrator.extract.pages import PageMap

_MIN_OVERLAP = 0.5  # share of the smaller height two bands must share to be one line
_TAB_GAP = 1.5  # a horizontal gap wider than this many font sizes is a column break
_SPACE_GAP = 0.25  # … wider than this a word break
PAGE_SEPARATOR = "\n\n"  # between two pages' text

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
Rows = list[list[str | None]]  # a table's cell texts, None for a slot a merged cell covers


@dataclass(frozen=True)
class PdfText:
    """The text of every page in reading order, and where each page starts in it."""

    text: str
    pages: PageMap


def pdf_text(raw: bytes, path: Path) -> PdfText:
    """All pages' text in reading order, pages separated by a blank line."""
    from narrator.extract.pdfpage import pdf_pages
    from narrator.extract.pdftables import ruled_tables

    return join_pages([page_text(page.chars, ruled_tables(page)) for page in pdf_pages(raw, path)])


def join_pages(pages: list[str]) -> PdfText:
    starts, offset = [], 0
    for page in pages:
        starts.append(offset)
        offset += len(page) + len(PAGE_SEPARATOR)
    return PdfText(PAGE_SEPARATOR.join(pages) + "\n", PageMap(tuple(starts)))


def page_text(chars: list[dict], tables: list[tuple[Box, Rows]]) -> str:
    """Text lines outside tables and table rows, ordered top to bottom."""
    tables = _tables(tables)
    boxes = [bbox for bbox, _ in tables]
    chars = [c for c in chars if c["text"].strip()]
    if boxes:
        chars = _outside(chars, boxes)
    blocks = [(line[0], _line_text(line[2])) for line in _lines(chars)]
    blocks += [(bbox[1], rows) for bbox, rows in tables]
    blocks.sort(key=itemgetter(0))
    return "\n".join(text for _, text in blocks)


def _lines(chars: list[dict]) -> list[list]:
    """Characters top to bottom, each joining the first of the last four lines (the newest first) whose
    band it overlaps by at least half the smaller height, else opening a line: [top, bottom, chars]
    with the band of the line's first character.  One loop with no call per character: a page of
    tables has thousands."""
    lines: list[list] = []
    for char in sorted(chars, key=itemgetter("top", "x0")):
        top, bottom = char["top"], char["bottom"]
        height = bottom - top
        for line in reversed(lines[-4:]):
            line_top, line_bottom = line[0], line[1]
            overlap = (line_bottom if line_bottom < bottom else bottom) - (line_top if line_top > top else top)
            line_height = line_bottom - line_top
            smaller = (line_height if line_height < height else height) or 1.0
            if overlap / smaller >= _MIN_OVERLAP:
                line[2].append(char)
                break
        else:
            lines.append([top, bottom, [char]])
    return lines


def _line_text(chars: list[dict]) -> str:
    """A line's characters left to right, a tab at a column break and a space at a word break."""
    out, previous = [], None
    for char in sorted(chars, key=itemgetter("x0")):
        if previous is not None:
            gap = char["x0"] - previous["x1"]
            size = max(previous.get("size", 10.0), 1.0)
            if gap > _TAB_GAP * size:
                out.append("\t")
            elif gap > _SPACE_GAP * size:
                out.append(" ")
        out.append(char["text"])
        previous = char
    return "".join(out)


def _tables(tables: list[tuple[Box, Rows]]) -> list[tuple[Box, str]]:
    """Ruled tables as (bbox, tab-separated rows); a one-row grid is no table."""
    found = []
    for bbox, rows in tables:
        if len(rows) < 2:
            continue
        text = "\n".join("\t".join(_cell(cell) for cell in row) for row in rows)
        found.append((bbox, "\n" + text + "\n"))
    return found


def _cell(value: str | None) -> str:
    if not value:
        return ""
    return "".join(part.strip() for part in value.replace("\t", " ").splitlines())


def _outside(chars: list[dict], boxes: list[Box]) -> list[dict]:
    """The characters whose centre is in none of the boxes (their sides included)."""
    kept = []
    for char in chars:
        x = (char["x0"] + char["x1"]) / 2
        y = (char["top"] + char["bottom"]) / 2
        for x0, top, x1, bottom in boxes:
            if x0 <= x <= x1 and top <= y <= bottom:
                break
        else:
            kept.append(char)
    return kept
