"""Checks are data: a registered record with an id, a severity, a description and examples.

The examples are the checks' own specification: a meta-test runs every
``should_flag`` text and expects a finding with that id, and every
``should_pass`` text and expects none.  Users switch checks off by id prefix
(``--disable rate`` turns off ``rate.direction`` and ``rate.value``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from narrator.read.context import Context
from narrator.findings import Finding, Severity

CheckFunction = Callable[[Context, "Check"], Iterable[Finding]]
NARRATIVE_ONLY = "情况说明本身"
TABLES = "决算表"
TABLES_OR_FIGURES = "决算表或 --figures"


@dataclass(frozen=True)
class Check:
    id: str
    severity: Severity
    description: str  # one line, Chinese
    should_flag: tuple[str, ...]
    should_pass: tuple[str, ...]
    run: CheckFunction
    figures: str = ""  # YAML of a figures file the examples are checked against (level 3), "" for none
    fixable: bool = False  # `narrator fix` may replace the stated tokens by the expected ones
    needs: str = NARRATIVE_ONLY  # what it reads beyond the narrative (the three levels), in Chinese
    title: str = ""  # a short Chinese name shown beside the id (reports, exports, narrator explain)
    why: str = ""  # why it matters, one Chinese sentence (narrator explain)

    def finding(self, ctx: Context, start: int, end: int, message: str, stated: str = "",
                expected: str = "", formula: str = "", severity: Severity | None = None) -> Finding:
        """A finding of this check; ``severity`` overrides the default (e.g. info for "needs review")."""
        return Finding(self.id, severity or self.severity, start, end, ctx.text[start:end],
                       message, stated, expected, formula)


REGISTRY: dict[str, Check] = {}


def register(id: str, severity: Severity, description: str, should_flag: Iterable[str],
             should_pass: Iterable[str], figures: str = "", fixable: bool = False,
             needs: str = NARRATIVE_ONLY, title: str = "", why: str = "") -> Callable[[CheckFunction], CheckFunction]:
    def decorate(function: CheckFunction) -> CheckFunction:
        if id in REGISTRY:
            raise ValueError(f"duplicate check id {id!r}")
        REGISTRY[id] = Check(id, severity, description, tuple(should_flag), tuple(should_pass), function, figures,
                             fixable, needs, title, why)
        return function
    return decorate


def all_checks() -> list[Check]:
    from narrator.check import rules  # noqa: F401  (importing registers the checks)

    return sorted(REGISTRY.values(), key=lambda check: check.id)


def every_check() -> list:
    """Every check a user can name, the rules and the model tier's, as one list of records sorted by id:
    the one list that ``narrator checks``, ``narrator explain`` and the reports' titles read."""
    from narrator.llm.model_checks import MODEL_CHECKS  # records only: no HTTP stack is imported

    return sorted([*all_checks(), *MODEL_CHECKS], key=lambda check: check.id)


def check_titles() -> dict[str, str]:
    """Every check's Chinese title by id, rules and model checks alike (reports show it beside the id)."""
    return {c.id: c.title for c in every_check()}


def enabled(disable: Iterable[str] = ()) -> list[Check]:
    """Every check whose id does not start with one of ``disable`` (a prefix, e.g. "rate" or "rate.value")."""
    return [c for c in all_checks() if not disabled(c.id, disable)]


def disabled(check_id: str, disable: Iterable[str]) -> bool:
    """--disable takes id prefixes by segment ("rate" turns off rate.value, "rat" does not), for rules
    and model checks alike."""
    prefixes = [p.strip() for p in disable if p.strip()]
    return any(check_id == p or check_id.startswith(p.rstrip(".") + ".") for p in prefixes)
