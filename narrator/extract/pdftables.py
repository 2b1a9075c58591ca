"""Ruled tables of a PDF page: pdfplumber's table geometry over PDFium's characters and edges.

pdfplumber's ``TableFinder`` (snap and join the rulings, intersect them, grow cells,
group cells into tables) and ``Table.extract`` (each cell's characters into text) are
pure Python over plain dicts; what made pdfplumber slow is pdfminer parsing the file,
which PDFium now does.  So the finder is handed a page-like object holding PDFium's
characters and edges (``pdfpage.PageContent``) and runs with its default settings,
the same cells as before.
"""

from __future__ import annotations

from narrator.extract.pdfpage import PageContent

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


class _PlumberPage:
    """What ``pdfplumber.table.TableFinder`` reads of a page, for the "lines" strategy."""

    def __init__(self, content: PageContent) -> None:
        self.chars = content.chars
        self.edges = content.edges


def ruled_tables(content: PageContent) -> list[tuple[Box, list[list[str | None]]]]:
    """Each ruled table on the page: its box and its rows of cell texts (None for a merged-over slot)."""
    if not content.edges:
        return []
    from pdfplumber.table import TableFinder

    finder = TableFinder(_PlumberPage(content))
    return [(table.bbox, table.extract()) for table in finder.tables]
