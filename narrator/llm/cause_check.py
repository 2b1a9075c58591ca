"""The model tier of ``check``: does each stated cause read the way its change went?

Code finds every change statement that gives a 主要原因, decides its direction
from the direction word of the amount (the arithmetic checks already report a
direction word that contradicts the numbers), and sends only the causes to the
model — one call per section, so a section's causes share one prompt.  The
model says which way each cause reads; code compares and reports
``cause.direction``.  Model findings are warnings, never errors: a reviewer
confirms them.  They are added to, and never replace, the arithmetic findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby

from narrator.read.context import Context
from narrator.findings import Finding
from narrator.llm.causes import CauseItem, CauseVerdict, judge_causes
from narrator.llm.client import ModelClient
from narrator.numbers import AMOUNT_WORDS

_CAUSE = re.compile(r"主要原因(?:是|为|如下)?[:：]?\s*(?P<cause>[^。；;]+)")


CAUSE_DIRECTION_ID = "cause.direction"


@dataclass(frozen=True)
class CauseSite:
    """A change statement with its cause: where the cause is and which way the numbers went."""

    item: CauseItem
    section_start: int
    start: int  # span of the cause text in the document
    end: int


def cause_sites(text: str, span: tuple[int, int] | None = None) -> list[CauseSite]:
    ctx = Context(text, span=span)
    sites: list[CauseSite] = []
    seen: set[int] = set()
    for claim in ctx.claims:
        if claim.metric != "change" or claim.sign not in (1, -1) or claim.stated is None:
            continue
        if claim.stated.value == 0 or claim.statement in seen or _words_disagree(ctx, claim):
            continue
        found = _cause_after(ctx, claim)
        if found is None:
            continue  # no cause at all stays a rules finding (change.no_cause)
        seen.add(claim.statement)
        start, end = found
        item = CauseItem(len(sites) + 1, _subject(ctx, claim), AMOUNT_WORDS[claim.sign], text[start:end].strip())
        sites.append(CauseSite(item, ctx.statements[claim.statement].section_start, start, end))
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
    """The cause in the same statement after the change, or in the next one of the same section."""
    index = claim.statement
    candidates = [ctx.statements[index]]
    if index + 1 < len(ctx.statements) and ctx.statements[index + 1].section_start == candidates[0].section_start:
        candidates.append(ctx.statements[index + 1])
    for number, statement in enumerate(candidates):
        begin = claim.end if number == 0 else statement.start
        match = _CAUSE.search(ctx.text, begin, statement.end)
        if match:
            return match.start("cause"), match.end("cause")
    return None


def check_causes(client: ModelClient, text: str, span: tuple[int, int] | None = None) -> list[Finding]:
    """``cause.direction`` findings; raises ModelUnavailable when the model cannot answer."""
    sites = cause_sites(text, span)
    findings: list[Finding] = []
    for _, group in groupby(sites, key=lambda site: site.section_start):
        section = list(group)
        verdicts = judge_causes(client, [site.item for site in section])
        findings.extend(_finding(text, site, verdicts[site.item.id]) for site in section
                        if site.item.id in verdicts and verdicts[site.item.id].contradicts)
    return findings


def _finding(text: str, site: CauseSite, verdict: CauseVerdict) -> Finding:
    item = site.item
    return Finding(
        CAUSE_DIRECTION_ID, "warning", site.start, site.end, text[site.start:site.end],
        f"{item.subject}{item.direction}，但所述原因读来是{verdict.implied}（模型判读：{verdict.reason}）",
        stated=item.cause, expected=f"说明{item.direction}的原因",
        formula=f"方向由数字决定：{item.direction}；原因的方向由模型判读：{verdict.implied}",
    )
