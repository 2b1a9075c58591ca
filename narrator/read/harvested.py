"""What a published narrative states about the values no table holds: prior-year amounts, budgets,
causes — read by the one reader, for extraction's figures (``narrator extract``, ``draft --prior``).

The statements, claims and bindings are the checker's.  An amount bound to a fact as its 上年数 or
预算数 is that value; a change bound to a fact gives the value it is measured from (上年数 = 本年数 −
增减额, or the budget when the change is 较…预算); a statement saying its subject stayed 持平 gives
上年数 = 本年数; a 主要原因 explains the change (or the budget gap) of the fact its section was last
about.  What a section is about is carried from statement to statement, as a reader carries it:
年初预算数…，决算数… and 主要原因… name nothing of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from narrator.check.binding import bindings, changed_fact
from narrator.figures.facts import Facts
from narrator.numbers import ZERO, change, convert
from narrator.read.bases import against_budget
from narrator.read.causes import StatedCause, stated_causes
from narrator.read.claims import Claim, squeeze
from narrator.read.context import Context, is_amount
from narrator.read.statements import Statement


@dataclass(frozen=True)
class Harvested:
    """One value the narrative states: the figures field and fact key it fills, and where."""

    field: str  # prior, budget, full_year_budget or causes
    key: str  # a fact key; a cause of the budget gap is keyed "KEY@budget"
    value: Decimal | str
    statement: Statement


# The words a statement says it in: 与上年持平 (no number to read)
_FLAT = re.compile(r"与上一?年(?:相比)?(?:持平|相同|一致)|较上年持平")
# 2、社会保障和就业支出（类）行政事业单位养老支出（款）退休人员活动费支出（项）: a statement that names a new item
_NAMES_AN_ITEM = re.compile(r"[（(][类款项][）)]")


def harvested(ctx: Context, unit: str) -> list[Harvested]:
    """Every prior, budget and cause the narrative states for a fact of ``ctx.facts`` (amounts in
    ``unit``), in text order: the first one stated for a field and key is the one a caller keeps."""
    assert ctx.facts is not None
    bound = bindings(ctx)
    reading = _Reading(ctx, ctx.facts, unit)
    for statement in ctx.statements:
        reading.enter(statement)
        for claim_or_cause in _in_order(ctx, statement):
            if isinstance(claim_or_cause, StatedCause):
                reading.cause(claim_or_cause)
                continue
            binding = bound.get(claim_or_cause.start)
            fact = binding.fact if binding is not None else (
                changed_fact(ctx, claim_or_cause) if claim_or_cause.metric != "amount" else None)
            reading.claim(claim_or_cause, fact.key if fact else None, binding.kind if binding else None)
        if _FLAT.search(reading.words):
            reading.flat()
    return reading.found


def _in_order(ctx: Context, statement: Statement) -> list[Claim | StatedCause]:
    """The statement's claims and 主要原因 in text order (A减少…，主要原因是…；B增加…，主要原因是…)."""
    causes = list(stated_causes(ctx.text, statement.start, statement.end))
    claims = ctx.by_statement.get(statement.index, [])
    return sorted([*claims, *causes], key=lambda item: item.start)


# 与年初预算相比，年初预算数…: a budget that names no item of its own
_NAMELESS_BUDGET = re.compile(r"(?:与年初预算相比)?(?:年初|全年)?预算数?(?:为|是)?")


class _Reading:
    """The values found so far and the fact the current section is about."""

    def __init__(self, ctx: Context, facts: Facts, unit: str):
        self.ctx, self.facts, self.unit = ctx, facts, unit
        self.found: list[Harvested] = []
        self.subject: str | None = None
        self.section = -1
        self.statement: Statement | None = None
        self.words = ""

    def enter(self, statement: Statement) -> None:
        if statement.section_start != self.section:
            self.subject, self.section = None, statement.section_start
        self.statement = statement
        self.words = squeeze(self.ctx.text[statement.start:statement.end])
        first = next(iter(self.ctx.by_statement.get(statement.index, [])), None)
        if _NAMES_AN_ITEM.search(self.ctx.text, statement.start, first.start if first else statement.end):
            self.subject = None  # a new item: what follows is about it, bound or not (an unlisted 项 gets nothing)

    def put(self, field: str, value_of, key: str | None = None) -> None:
        """``value_of(key)`` for the subject's keys (a grand total's 收入 and 支出 both, when said so)."""
        for each in _keys(key or self.subject, self.words):
            value = value_of(each)
            if value is not None:
                self.found.append(Harvested(field, each, value, self.statement))

    def claim(self, claim: Claim, key: str | None, kind: str | None) -> None:
        if key is not None:
            self.subject = key
        if claim.stated is None or claim.is_percent:
            return
        stated = convert(claim.stated.value, claim.unit, self.unit)
        if kind in ("prior", "budget", "full_year_budget"):
            self.put(kind, lambda _: stated, key)
        elif kind is None and key is None and is_amount(claim) and claim.role in ("budget", "full_year_budget") \
                and _NAMELESS_BUDGET.fullmatch(squeeze(claim.subject)):
            self.put(claim.role, lambda _: stated)  # 与年初预算相比，年初预算数…: the section's subject
        elif claim.metric == "change" and claim.sign is not None and key is not None:
            field = "budget" if against_budget(self.ctx, claim) else "prior"
            self.put(field, lambda each: self._base(each, claim, stated), key)

    def _base(self, key: str, claim: Claim, stated: Decimal) -> Decimal | None:
        """current − change; "增加2042.46万元，下降75.24%": where the words contradict, the amounts decide."""
        if key not in self.facts:
            return None
        current = self.facts[key].current or self._stated_current(claim)
        sign = claim.sign
        if current - sign * stated < 0 <= current + sign * stated:
            sign = -sign
        return change(current, sign * stated)

    def _stated_current(self, claim: Claim) -> Decimal:
        """The amount the change is measured from, as stated, when no table gave one."""
        current = self.ctx.current_for(claim)
        if current is None or current.stated is None:
            return ZERO
        return convert(current.stated.value, current.unit, self.unit)

    def flat(self) -> None:
        self.put("prior", lambda each: self.facts[each].current if each in self.facts else None)

    def cause(self, cause: StatedCause) -> None:
        before = squeeze(self.ctx.text[self.statement.start:cause.start])
        suffix = "@budget" if _about_budget(before) else ""
        words = squeeze(self.ctx.text[cause.words_start:cause.words_end])
        for key in _keys(self.subject, self.words):
            self.found.append(Harvested("causes", key + suffix, words, self.statement))


_TOTALS = ("grand_total", "fiscal.grand_total")  # one statement may speak of its 收入 and 支出 at once


def _keys(key: str | None, words: str) -> list[str]:
    """A grand total's key as the statement says it: 收入, 支出, or both (收、支总计各减少…; 收入支出总体…)."""
    if key is None:
        return []
    base, _, _ = key.rpartition(".")
    if base not in _TOTALS:
        return [key]
    both = "收、支" in words or "收支" in words
    income, spend = both or "收入" in words, both or "支出" in words
    return ([f"{base}.income"] if income or not spend else []) + ([f"{base}.expenditure"] if spend or not income else [])


_BUDGET_GAP = re.compile(r"预算数|预决算|预算相比|与预算")
_PRIOR_YEAR = re.compile(r"上一?年|20\d\d\s*年度?(决算|相比)")


def _about_budget(before: str) -> bool:
    """Whether a cause explains 决算 vs 预算 (the later comparison before it is with the budget)."""
    budget = [m.end() for m in _BUDGET_GAP.finditer(before)]
    prior = [m.end() for m in _PRIOR_YEAR.finditer(before)]
    return bool(budget) and max(budget) > max(prior, default=-1)
