"""The model tier of ``check``: does each stated cause read the way its change went?

Code finds every change statement that gives a 主要原因, decides its direction
from the direction word of the amount (the arithmetic checks already report a
direction word that contradicts the numbers), and sends only the causes to the
model, in batches of ten by id (causes.py).  The model says which way each cause
reads; code compares and reports ``cause.direction`` only for a clear opposite.
Model findings are warnings, never errors: a reviewer confirms them.  They are
added to, and never replace, the arithmetic findings.

A cause is the one that explains the change: a 主要原因 given after a comparison
with the budget (决算数小于预算数的主要原因是…) explains the budget gap and is not
sent, and a cause ends at its clause, before the next statement of figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrator.read.causes import StatedCause, first_cause
from narrator.read.context import Context
from narrator.findings import Finding
from narrator.llm.causes import CauseItem, CauseVerdict, judge_causes
from narrator.llm.client import ModelClient
from narrator.numbers import AMOUNT_WORDS

# 预算 between a change and its 主要原因: the cause explains the gap against the budget
# (not 一般公共预算, 政府性基金预算, 国有资本经营预算: the names of funds).
_BUDGET = re.compile(r"(?<!公共)(?<!基金)(?<!经营)预算")
# A clause that opens the next statement of figures ends the cause before it:
# …主要原因是项目完工，其中：基本支出… / …，一般公共服务支出120.00万元…
_NEXT_STATEMENT = re.compile(
    r"^(?:其中|决算数|年初预算|预算数|与上年|比上年|较上年|与20\d\d年|占)"
    r"|^[^，,]{1,30}?(?:支出|收入|经费|费用?)(?:决算)?(?:数|为)?\s*\d")
_CLAUSE = re.compile(r"[，,]")

CAUSE_DIRECTION_ID = "cause.direction"


@dataclass(frozen=True)
class CauseSite:
    """A change statement with its cause: where the cause is and which way the numbers went."""

    item: CauseItem
    start: int  # span of the cause text in the document
    end: int


def cause_sites(text: str, span: tuple[int, int] | None = None) -> list[CauseSite]:
    """Each cause once, in document order, with the direction of the change it explains."""
    ctx = Context(text, span=span)
    sites: list[CauseSite] = []
    seen_statements: set[int] = set()
    seen_causes: set[int] = set()
    for claim in ctx.claims:
        if claim.metric != "change" or claim.sign not in (1, -1) or claim.stated is None:
            continue
        if claim.stated.value == 0 or claim.statement in seen_statements or _words_disagree(ctx, claim):
            continue
        found = _cause_after(ctx, claim)
        if found is None or found[0] in seen_causes:
            continue  # no cause at all stays a rules finding (change.no_cause); a shared cause is sent once
        seen_statements.add(claim.statement)
        seen_causes.add(found[0])
        start, end = found
        item = CauseItem(len(sites) + 1, _subject(ctx, claim), AMOUNT_WORDS[claim.sign], text[start:end])
        sites.append(CauseSite(item, start, end))
    return sites


def _words_disagree(ctx: Context, claim) -> bool:
    """增加…下降 in one statement: which way the numbers went is not told by its words (rate.direction
    reports the contradiction), so its cause has nothing sure to be compared with."""
    signs = {c.sign for c in ctx.by_statement.get(claim.statement, [])
             if c.metric in ("change", "change_rate") and c.sign in (1, -1)}
    return len(signs) > 1


def _subject(ctx: Context, claim) -> str:
    """What changed: the subject of the amount stated before the change in its statement."""
    amounts = [c for c in ctx.by_statement.get(claim.statement, []) if c.metric == "amount" and c.start < claim.start]
    words = amounts[-1].subject if amounts else claim.subject
    words = re.sub(r"^\d{4}年度?|^本年度?|^其中[:：]?", "", words)
    return words[-20:] or "该项目"


def _cause_after(ctx: Context, claim) -> tuple[int, int] | None:
    """The cause in the same statement after the change, or in the next one of the same section,
    unless it explains a budget gap or the next statement states a change of its own first."""
    index = claim.statement
    candidates = [ctx.statements[index]]
    if index + 1 < len(ctx.statements) and ctx.statements[index + 1].section_start == candidates[0].section_start:
        candidates.append(ctx.statements[index + 1])
    for number, statement in enumerate(candidates):
        begin = claim.end if number == 0 else statement.start
        cause = first_cause(ctx.text, begin, statement.end)
        if cause is None:
            continue
        if _BUDGET.search(ctx.text, begin, cause.start) or (number and _own_change(ctx, statement, cause)):
            return None
        return _clause_span(ctx.text, cause.words_start, cause.words_end)
    return None


def _own_change(ctx: Context, statement, cause: StatedCause) -> bool:
    return any(c.metric in ("change", "change_rate") and c.start < cause.start
               for c in ctx.by_statement.get(statement.index, []))


def _clause_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The cause from ``start``, ending before a clause that opens the next statement of figures."""
    cut = end
    for comma in _CLAUSE.finditer(text, start, end):
        if _NEXT_STATEMENT.search(text[comma.end():end].lstrip()):
            cut = comma.start()
            break
    while cut > start and text[cut - 1].isspace():
        cut -= 1
    while start < cut and text[start].isspace():
        start += 1
    return (start, cut) if cut > start else None


def check_causes(client: ModelClient, text: str, span: tuple[int, int] | None = None) -> list[Finding]:
    """``cause.direction`` findings; raises ModelUnavailable when the model cannot answer."""
    sites = cause_sites(text, span)
    verdicts = judge_causes(client, [site.item for site in sites])
    return [_finding(text, site, verdicts[site.item.id]) for site in sites
            if site.item.id in verdicts and verdicts[site.item.id].contradicts]


def _finding(text: str, site: CauseSite, verdict: CauseVerdict) -> Finding:
    item = site.item
    return Finding(
        CAUSE_DIRECTION_ID, "warning", site.start, site.end, text[site.start:site.end],
        f"{item.subject}{item.direction}，但所述原因读来是{verdict.implied}（由模型判读原因，请人工确认）",
        stated=item.cause, expected=f"说明{item.direction}的原因",
        formula=f"方向由数字决定：{item.direction}；原因的方向由模型判读：{verdict.implied}",
    )
