"""The model tier's reading of the percentages the rules left unchecked (``unbound.percent``).

The rules check a percentage only when its sentence ties it to its amounts in words
they can point to; every other percentage is listed in ``coverage.unchecked``.  Those
whose sentence states at least two amounts go to the model (percents.py), which quotes
the two the percentage is computed from.  Code parses the quotes with narrator's own
reader and computes the ratio with numbers.py's intervals:

- it fits: the percentage counts as checked, bound by the model (``coverage.by_model``);
- it does not fit: a **warning** naming the quotes and the computed value, for a person
  to check — never an error, since the binding is the model's and may be wrong; and only when
  both quotes are amounts of the percentage's own statement and ；-item and no other two amounts shown fit
  (measured on the dev corpus: a 1.5B model quotes a total's budget and actual for each of its
  items' completion rates);
- 不明, or a base that may be zero: nothing; the percentage stays unchecked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrator import numbers as n
from narrator.check.coverage import ModelBound, coverage
from narrator.findings import Finding
from narrator.llm.client import ModelClient
from narrator.llm.model_checks import ModelReading
from narrator.llm.percents import MONEY_UNITS, ROLES, PercentItem, Quotes, read_amount, read_percents
from narrator.read.claims import Claim
from narrator.read.context import Context

UNBOUND_PERCENT_ID = "unbound.percent"
# What the model sees before a percentage: its statement and two before it, at most this many characters.
_WINDOW_BEFORE, _WINDOW_AFTER, _STATEMENTS_BEFORE = 240, 30, 2
_ITEM_ENDS = ("；", ";")
# 预算 naming a budget (年初预算, 调整预算数), not a fund (一般公共预算, 政府性基金预算, 国有资本经营预算)
_BUDGET = re.compile(r"(?<!公共)(?<!基金)(?<!经营)预算")
_FORMULAS = {"share": "{a} ÷ {b}", "completion": "{a} ÷ {b}", "execution": "{a} ÷ {b}",
             "change_rate": "({a} − {b}) ÷ {b}", "variance": "({a} − {b}) ÷ {b}"}


@dataclass(frozen=True)
class PercentSite:
    item: PercentItem
    claim: Claim
    amounts: tuple[Claim, ...] = ()  # the amounts of money the model was shown


def percent_sites(text: str, span: tuple[int, int] | None = None) -> list[PercentSite]:
    """The unchecked percentages of a known metric whose sentence states two amounts or more."""
    ctx = Context(text, span=span)
    unchecked = {(u.start, u.end) for u in coverage(ctx).unchecked}
    sites: list[PercentSite] = []
    for claim in ctx.claims:
        if (claim.start, claim.end) not in unchecked or claim.metric not in ROLES or claim.stated is None:
            continue
        start, end = _window(ctx, claim)
        amounts = [c for index in range(ctx.statements[claim.statement].index - _STATEMENTS_BEFORE, claim.statement + 1)
                   for c in ctx.by_statement.get(index, []) if c.metric == "amount" and c.unit in MONEY_UNITS and c.stated is not None
                   and start <= c.number_start < end]  # amounts, not changes: 减少3.3亿元 is no base
        if not _may_hold_both(ctx, claim.metric, amounts):
            continue  # nothing to point at: a rate with its current amount alone stays unchecked
        marked = text[start:claim.number_start] + "【" + text[claim.number_start:claim.end] + "】" + text[claim.end:end]
        item = PercentItem(len(sites) + 1, claim.metric, _one_line(marked), _one_line(text[start:end]))
        sites.append(PercentSite(item, claim, tuple(amounts)))
    return sites


def _may_hold_both(ctx: Context, metric: str, amounts: list[Claim]) -> bool:
    """Whether the window states two amounts and, by its words, the base the metric needs: a rate
    needs an amount of the year before (上年…, 去年…, 2023年…), a completion a budget.  Without it
    a small model quotes whatever amounts it sees (measured on the dev corpus), so it is not asked."""
    if len(amounts) < 2:
        return False
    if metric == "change_rate":
        return any(ctx.is_prior(c) for c in amounts)
    if metric in ("completion", "variance", "execution"):
        return any(c.role in ("budget", "full_year_budget") or _BUDGET.search(ctx.clause_words(c)) for c in amounts)
    return True


def _window(ctx: Context, claim: Claim) -> tuple[int, int]:
    """The percentage's sentence with the two before it in its section (a whole or a budget is often
    stated first: 收入合计…。其中…占…%), to a length a small model reads, ending at the percentage's
    own ；-item."""
    index = claim.statement
    statement = ctx.statements[index]
    first = index
    while first > index - _STATEMENTS_BEFORE and first > 0 \
            and ctx.statements[first - 1].section_start == statement.section_start:
        first -= 1
    start = max(ctx.statements[first].start, claim.number_start - _WINDOW_BEFORE)
    end = min(statement.end, claim.end + _WINDOW_AFTER)
    after = [i for i in (ctx.text.find(mark, claim.end, end) for mark in _ITEM_ENDS) if i >= 0]
    return start, (min(after) + 1 if after else end)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def check_percents(client: ModelClient, text: str, span: tuple[int, int] | None = None) -> ModelReading:
    """Warnings for percentages that do not fit the model's quotes, and the ones that do as bound;
    raises ModelUnavailable when the model cannot answer."""
    sites = percent_sites(text, span)
    if not sites:
        return ModelReading([], [])  # nothing to ask: the model is not even started
    quotes = read_percents(client, [site.item for site in sites])
    findings, bound = [], []
    for site in sites:
        answer = quotes.get(site.item.id)
        if answer is None or not answer.known:
            continue
        judged = judge(site, answer, text)
        if isinstance(judged, Finding):
            findings.append(judged)
        elif judged is not None:
            bound.append(judged)
    return ModelReading(findings, bound)


def _fits(metric: str, claim: Claim, first: tuple[n.ParsedNumber, str], second: tuple[n.ParsedNumber, str]) -> bool:
    ratio = n.metric_interval(metric, n.in_yuan(*first), n.in_yuan(*second))
    stated = claim.signed if metric == "change_rate" else claim.stated
    return ratio is not None and stated is not None and n.percent_consistent(stated, ratio)


def judge(site: PercentSite, quotes: Quotes, text: str) -> Finding | ModelBound | None:
    """Code's verdict on the model's two quotes: bound when the stated percentage fits, else a warning."""
    first, second = read_amount(quotes.a), read_amount(quotes.b)
    if first is None or second is None:
        return None
    metric, claim = site.item.metric, site.claim
    ratio = n.metric_interval(metric, n.in_yuan(*first), n.in_yuan(*second))
    point = n.metric_ratio(metric, n.convert(first[0].value, first[1], "元"), n.convert(second[0].value, second[1], "元"))
    if ratio is None or point is None:
        return None  # a base that may be zero has no ratio
    computed = n.format_percent(point) + "%"
    if _fits(metric, claim, first, second):
        return ModelBound(claim.start, claim.end, text[claim.start:claim.end], (quotes.a, quotes.b), computed)
    item_start = max(text.rfind(mark, 0, claim.number_start) for mark in _ITEM_ENDS)
    own = [(c.stated, c.unit) for c in site.amounts if c.statement == claim.statement and c.start > item_start]
    if first not in own or second not in own:
        return None  # a misfit across statements or ；-items (a total's amounts for its item's rate) proves nothing
    if any(_fits(metric, claim, (a.stated, a.unit), (b.stated, b.unit))
           for a in site.amounts for b in site.amounts if a is not b):
        return None  # two other amounts the model was shown fit: it more likely misread than the text is wrong
    name, a_role, b_role = ROLES[metric]
    formula = _FORMULAS[metric].format(a=quotes.a, b=quotes.b)
    return Finding(
        UNBOUND_PERCENT_ID, "warning", claim.start, claim.end, text[claim.start:claim.end],
        f"模型指出该{name}依据的{a_role}是“{quotes.a}”、{b_role}是“{quotes.b}”，按此算得{computed}，"
        f"与所述不符（所依据的金额由模型读出，请人工核对）",
        stated=text[claim.number_start:claim.end], expected=computed, formula=formula)
