"""DOCX through python-docx: paragraphs and tables in body order, tables as tab-separated rows.

A DOCX has no pages until a word processor lays it out; the only page boundaries the
file itself states are explicit page breaks (a ``w:br w:type="page"``, a paragraph set
to start a new page).  Those are kept as the document's pages; a file without any
gives no pages (None), and a page that overflows onto the next is not seen, so a
page number is a first estimate for a DOCX, exact for a PDF.
"""

from __future__ import annotations

import io
from pathlib import Path

from narrator.errors import InputError
from narrator.extract.pages import PageMap

# What python-docx's Run.text is made of, in order; a page break is a w:br that adds no text.
_RUN_CONTENT = "w:br | w:cr | w:noBreakHyphen | w:ptab | w:t | w:tab"


def docx_text(raw: bytes, path: Path) -> tuple[str, PageMap | None]:
    """Body text of a DOCX (each table row one line of tab-separated cells, like the seed texts)
    and the pages its explicit page breaks give, None when it has none."""
    try:
        from docx import Document as open_docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = open_docx(io.BytesIO(raw))
        lines: list[str] = []
        breaks: list[int] = []
        offset = 0
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                breaks.extend(offset + at for at in _page_breaks(block))
                block_lines = [block.text]
            elif isinstance(block, Table):
                block_lines = _table_lines(block)
            else:
                continue
            lines.extend(block_lines)
            offset += sum(len(line) + 1 for line in block_lines)
    except InputError:
        raise
    except Exception as exc:  # python-docx raises many kinds on a broken file
        raise InputError(f"{path}: DOCX 文件无法解析 — {type(exc).__name__}") from None
    pages = PageMap((0, *sorted(set(at for at in breaks if at > 0)))) if breaks else None
    return "\n".join(lines) + "\n", pages


def _page_breaks(paragraph) -> list[int]:
    """Offsets into ``paragraph.text`` where a new page starts."""
    from docx.oxml.ns import qn

    found = [0] if paragraph.paragraph_format.page_break_before else []
    offset = 0
    for run in paragraph._p.xpath("w:r | w:hyperlink/w:r"):
        for element in run.xpath(_RUN_CONTENT):
            if element.tag == qn("w:br") and element.get(qn("w:type")) == "page":
                found.append(offset)
            offset += len(str(element))
    return found


def _table_lines(table) -> list[str]:
    """One line per row; a cell merged across columns is given once, its other slots left empty."""
    lines = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            same = previous is not None and cell._tc is previous
            cells.append("" if same else _one_line(cell.text))
            previous = cell._tc
        lines.append("\t".join(cells))
    return ["", *lines, ""]


def _one_line(text: str) -> str:
    """A cell's text on one line: wrapped labels are joined, tabs cannot break the row."""
    return "".join(part.strip() for part in text.replace("\t", " ").splitlines())
