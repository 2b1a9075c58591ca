"""A table as printed, with the offset of every amount: what the checker of the tables reads.

The readers turn a table into figures; this keeps, beside them, each value in
the table's own 金额单位 (before any conversion) and the span of the cell it was
printed in, so that a finding on a table can point at the number itself.
"""

from __future__ import annotations

from decimal import Decimal

from narrator.extract.readers import Reading
from narrator.extract.tables import Row, Table
from narrator.extract.types import Cell, PrintedRow, PrintedTable


def printed_table(table: Table, reading: Reading, text: str) -> PrintedTable:
    start = text.find(table.title, table.start)
    start = start if start >= 0 else table.start
    title = (start, start + len(table.title))
    named = {**reading.values, **reading.also_printed}
    values = {key: _cell(value, reading.at.get(key), text, title) for key, value in named.items()
              if isinstance(value, Decimal)}
    rows = tuple(_row(record, source, text) for record, source in zip(reading.rows, reading.sources))
    return PrintedTable(table.kind, table.title, start, table.end, table.unit or "", values, rows)


def _row(record: dict, source: tuple[Row, dict[str, int]], text: str) -> PrintedRow:
    row, positions = source
    start, end = line_span(text, row.offset)
    cells = {column: _cell(value, (row, positions.get(column)), text, (start, end))
             for column, value in record.items() if isinstance(value, Decimal)}
    return PrintedRow(record.get("code", ""), record.get("name", ""), start, end, cells)


def _cell(value: Decimal, where: tuple[Row, int | None] | None, text: str, fallback: tuple[int, int]) -> Cell:
    """The printed cell of ``value``; its row's line when the cell is empty, ``fallback`` when no row is known."""
    if where is None:
        return Cell(value, *fallback, printed=False)
    row, position = where
    span = cell_span(text, row.offset, position) if position is not None else None
    if span is None:
        return Cell(value, *line_span(text, row.offset), printed=False)
    return Cell(value, *span)


def line_span(text: str, offset: int) -> tuple[int, int]:
    end = text.find("\n", offset)
    return offset, len(text) if end < 0 else end


def cell_span(text: str, offset: int, position: int) -> tuple[int, int] | None:
    """The span of the ``position``-th tab-separated cell of the line at ``offset``, without its
    surrounding spaces; None when that cell is empty or absent."""
    start, end = line_span(text, offset)
    cursor = start
    for index, cell in enumerate(text[start:end].split("\t")):
        if index == position:
            stripped = cell.strip()
            if not stripped:
                return None
            lead = len(cell) - len(cell.lstrip())
            return cursor + lead, cursor + lead + len(stripped)
        cursor += len(cell) + 1
    return None
