"""The result of reading a published document: text, sections, warnings, provenance.

Everything points back into ``Document.text`` by character offset, so a later
finding (a checker's, a reviewer's) can be shown where the reader sees it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from narrator.extract.pages import PageMap
from narrator.figures.model import Figures
from narrator.findings import Finding
from narrator.read.normalise import Normalised


@dataclass(frozen=True)
class Section:
    """One heading of the narrative (一、… level 1, （一）… level 2) and its span in the text."""

    title: str
    level: int
    start: int
    end: int


@dataclass(frozen=True)
class ExtractWarning:
    """Something that could not be read, or two readings that disagree; never dropped silently."""

    message: str  # in Chinese, one line
    location: str  # human-readable: table and line, or 第N行
    offset: int | None = None  # into Document.text where known


# The brief names it ``Warning``; the alias keeps the builtin unshadowed inside this package.
Warning = ExtractWarning  # noqa: A001


@dataclass(frozen=True)
class Provenance:
    """Where a harvested value came from: the figures field it fills and the sentence it was read in."""

    field: str  # e.g. "prior.grand_total.income", "causes.general_budget.total"
    value: str
    quote: str  # the words it was read from
    start: int  # offset into Document.text
    end: int


@dataclass(frozen=True)
class Cell:
    """One printed amount of a table, in the table's own 金额单位, and where it is in the text.

    ``start``/``end`` cover the number as printed; for an empty cell (read as 0)
    they cover the row's line instead, and ``printed`` is False.
    """

    value: Decimal
    start: int
    end: int
    printed: bool = True


@dataclass(frozen=True)
class PrintedRow:
    """A row of a recognised table as read: its code and name, and its amounts by column."""

    code: str  # function or economic code; "" for a 合计 row
    name: str
    start: int  # the row's line in Document.text
    end: int
    cells: dict[str, Cell] = field(default_factory=dict)  # column → amount, in the reader's column names


@dataclass(frozen=True)
class PrintedTable:
    """A recognised table as printed (before any unit conversion), for checking the tables themselves.

    ``values`` are its named amounts as the reader keys them (a code table's 合计
    row by column; 收入支出决算总表's ``income_total`` …) plus printed totals the
    figures model does not keep (总计 lines, 基本支出明细's 合计, 政府采购 合计).
    """

    kind: str
    title: str  # as printed
    start: int  # the title line
    end: int
    unit: str
    values: dict[str, Cell] = field(default_factory=dict)
    rows: tuple[PrintedRow, ...] = ()

    @property
    def title_span(self) -> tuple[int, int]:
        return self.start, self.start + len(self.title)


@dataclass
class Document:
    """What ``extract`` returns: the text narrator read and what it found in it."""

    path: str
    text: str
    figures: Figures | None = None
    sections: list[Section] = field(default_factory=list)
    warnings: list[ExtractWarning] = field(default_factory=list)
    narrative_span: tuple[int, int] | None = None
    provenance: list[Provenance] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)  # kinds of the tables recognised, in order
    printed: list[PrintedTable] = field(default_factory=list)  # the tables read, as printed, with offsets
    reading: Normalised | None = None  # how ``text`` was normalised from the text as published
    format: str = "text"  # what the file was, by content: "pdf", "docx" or "text"
    pages: PageMap | None = None  # pages of the source file over ``source_text``; None when unknown
    notes: tuple[str, ...] = ()  # how the file was read (its encoding when not UTF-8): every command says them

    @property
    def source_text(self) -> str:
        """The text as published (``text`` is what narrator read: normalised, see narrator.read)."""
        return self.reading.source if self.reading is not None else self.text

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        return self.reading.to_source(start, end) if self.reading is not None else (start, end)

    def to_source(self, findings: list[Finding]) -> list[Finding]:
        """``findings`` on ``text`` moved onto ``source_text``: spans and quotes as the reviewer sees them,
        each with the page of the source file it is on where the pages are known."""
        if self.reading is not None and not self.reading.identical:
            findings = [self._moved(finding) for finding in findings]
        if self.pages is not None:
            findings = [replace(finding, page=self.pages.page_at(finding.start)) for finding in findings]
        return findings

    def _moved(self, finding: Finding) -> Finding:
        start, end = self.source_span(finding.start, finding.end)
        return replace(finding, start=start, end=end, text=self.source_text[start:end])

    def printed_table(self, kind: str) -> PrintedTable | None:
        """The table of ``kind`` that was read (the first, when a document prints one twice)."""
        return next((table for table in self.printed if table.kind == kind), None)

    @property
    def narrative(self) -> str:
        """The narrative text (第三部分 情况说明), or '' when none was found."""
        if self.narrative_span is None:
            return ""
        start, end = self.narrative_span
        return self.text[start:end]
