"""The result of reading a published document: text, sections, warnings, provenance.

Everything points back into ``Document.text`` by character offset, so a later
finding (a checker's, a reviewer's) can be shown where the reader sees it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from narrator.figures.model import Figures


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

    @property
    def narrative(self) -> str:
        """The narrative text (第三部分 情况说明), or '' when none was found."""
        if self.narrative_span is None:
            return ""
        start, end = self.narrative_span
        return self.text[start:end]
