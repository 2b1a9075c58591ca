"""The deterministic checker: every number, direction word and convention of a narrative.

``check_text`` reads the narrative into claims (claims.py), relates them
(context.py) and runs every registered check (registry.py, rules/).  Level 1
needs only the text; level 3 (and level 2, once tables are extracted into a
Facts) adds prior-year and budget values through ``facts``.
"""

from __future__ import annotations

from typing import Iterable

from narrator.check.context import Context
from narrator.check.rules.years import guess_year
from narrator.check.registry import Check, all_checks, enabled
from narrator.figures.facts import Facts
from narrator.findings import Finding, sort_findings

__all__ = ["check_text", "Check", "all_checks", "enabled", "Finding"]


def check_text(text: str, facts: Facts | None = None, disable: Iterable[str] = (),
               year: int | None = None, span: tuple[int, int] | None = None) -> list[Finding]:
    """All findings on ``text``, offsets into ``text`` itself, sorted in document order.

    ``span`` restricts claims to part of the text (default: the narrative when
    the text is a whole document, else all of it); ``year`` overrides the report
    year read from the text.
    """
    year = year if year is not None else _facts_year(facts)
    ctx = Context(text, facts=facts, year=year if year is not None else guess_year(text), span=span)
    findings: list[Finding] = []
    for check in enabled(disable):
        findings.extend(check.run(ctx, check))
    return sort_findings(findings)


def _facts_year(facts: Facts | None) -> int | None:
    return facts.figures.year if facts is not None else None
