"""DOCX through python-docx: paragraphs and tables in body order, tables as tab-separated rows."""

from __future__ import annotations

import io
from pathlib import Path

from narrator.errors import InputError


def docx_text(raw: bytes, path: Path) -> str:
    """Body text of a DOCX; each table row one line of tab-separated cells, like the seed texts."""
    try:
        from docx import Document as open_docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = open_docx(io.BytesIO(raw))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                lines.extend(_table_lines(block))
    except InputError:
        raise
    except Exception as exc:  # python-docx raises many kinds on a broken file
        raise InputError(f"{path}: DOCX 文件无法解析 — {type(exc).__name__}") from None
    return "\n".join(lines) + "\n"


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
