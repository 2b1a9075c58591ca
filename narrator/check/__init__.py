"""The deterministic checker: every number, direction word and convention of a narrative.

Three levels, each useful alone:

1. ``check_text``: the narrative against itself (read/claims.py reads it, read/context.py
   relates the claims, rules/ judge them);
2. ``check_document``: adds the tables of the same document (tablefacts.py),
   to which every stated amount is bound, and the tables' own consistency;
3. either, with ``facts`` from a figures file, adds prior-year and budget values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from narrator.read.context import Context
from narrator.check.coverage import Coverage, coverage
from narrator.read.year import guess_year
from narrator.check.registry import Check, all_checks, enabled
from narrator.figures.facts import Facts
from narrator.findings import Finding, sort_findings

if TYPE_CHECKING:
    from narrator.check.tablefacts import TableFacts
    from narrator.extract.types import Document

__all__ = ["check_text", "check_document", "review_document", "Coverage", "check_example", "Check", "all_checks", "enabled", "Finding"]


def check_text(text: str, facts: Facts | None = None, disable: Iterable[str] = (),
               year: int | None = None, span: tuple[int, int] | None = None) -> list[Finding]:
    """All findings on ``text``, offsets into ``text`` itself, sorted in document order.

    ``span`` restricts claims to part of the text (default: the narrative when
    the text is a whole document, else all of it); ``year`` overrides the report
    year read from the text.
    """
    year = year if year is not None else _facts_year(facts)
    ctx = Context(text, facts=facts, year=year if year is not None else guess_year(text), span=span)
    return _run(ctx, disable)


def check_document(document: "Document", facts: Facts | None = None, disable: Iterable[str] = ()) -> list[Finding]:
    """All findings on an extracted document: its narrative, bound to its own tables (and ``facts``)."""
    return review_document(document, facts, disable)[0]


def review_document(document: "Document", facts: Facts | None = None, disable: Iterable[str] = (),
                    tables: "TableFacts | None" = None) -> tuple[list[Finding], Coverage]:
    """``check_document``'s findings and what was read and bound to give them (offsets into ``document.text``).

    ``tables``: level 2 from tables published apart (``--tables``) instead of the document's own."""
    from narrator.check.tablefacts import table_facts

    tables = tables if tables is not None else table_facts(document)
    # not the extracted figures' year: where the text names none it is a placeholder, not a reading
    year = _facts_year(facts) or guess_year(document.text)
    ctx = Context(document.text, facts=facts, year=year, span=document.narrative_span, document=document,
                  table_facts=tables)
    return _run(ctx, disable), coverage(ctx, document.narrative_span is not None)


def check_example(text: str, figures_yaml: str = "") -> list[Finding]:
    """Findings on a check's example, read like any document (its tables, if it has some, included),
    against a figures file given as YAML text when the check's examples need one."""
    from narrator.extract import extract_text

    facts = None
    if figures_yaml:
        from narrator.figures.load import figures_from_yaml

        facts = Facts(figures_from_yaml(figures_yaml, "<example figures>"))
    return check_document(extract_text(text, "<example>"), facts=facts)


def _run(ctx: Context, disable: Iterable[str]) -> list[Finding]:
    findings: list[Finding] = []
    for check in enabled(disable):
        findings.extend(check.run(ctx, check))
    return sort_findings(findings)


def _facts_year(facts: Facts | None) -> int | None:
    return facts.figures.year if facts is not None else None
