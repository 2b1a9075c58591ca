"""What a check read and could bind: the reviewer's evidence that "clean" means "read and right".

A percentage is checked only when the sentence ties it to the amounts it is computed from (a
rate to its change and current amount or stated base, a share to its part and a certain whole,
a completion to its budget and actual in one chain).  Every other percentage is listed as
unchecked, with its span, so a report with no findings never hides what was not verified.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from narrator.check.rules.printed import rate_bound_to_table
from narrator.read.changetable import change_rows
from narrator.read.claims import Claim
from narrator.read.selfeval import computable_rates, funds_of
from narrator.read.context import BOUND_BY_WORDS, Context

_METRIC_NAMES = {"change_rate": "增减率", "share": "占比", "completion": "完成率", "variance": "差异率",
                 "execution": "执行率", "amount": "百分数"}


@dataclass(frozen=True)
class Unchecked:
    start: int
    end: int
    text: str
    why: str  # Chinese, short

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text, "why": self.why}


@dataclass(frozen=True)
class ModelBound:
    """A percentage the rules left unchecked whose two amounts the model quoted and code found to fit."""

    start: int
    end: int
    text: str
    quotes: tuple[str, str]  # (part / current / actual, whole / prior / budget) as quoted from the sentence
    computed: str  # the ratio code computed from the quotes, as a percentage ("55.37%")

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text, "quotes": list(self.quotes),
                "computed": self.computed}


@dataclass(frozen=True)
class Coverage:
    narrative_found: bool
    amounts: int
    percentages: int
    unchecked: tuple[Unchecked, ...] = ()
    by_model: tuple[ModelBound, ...] = ()  # checked, but only because the model said which amounts they are

    @property
    def checked(self) -> int:
        return self.percentages - len(self.unchecked)

    def line(self) -> str:
        if not self.amounts and not self.percentages:
            return "未读到任何金额或百分比：没有可核对的情况说明文字，结果不代表文中数字无误"
        text = f"读取金额 {self.amounts} 个、百分比 {self.percentages} 个，其中 {self.checked} 个百分比已与所依据的金额核对"
        if self.by_model:
            text += f"（其中 {len(self.by_model)} 个由模型指出所依据的金额、程序核对）"
        if self.unchecked:
            text += f"；{len(self.unchecked)} 个未能确定所依据的金额，未核对（请人工核对）"
        return text

    def to_dict(self) -> dict[str, object]:
        return {"narrative_found": self.narrative_found, "amounts": self.amounts, "percentages": self.percentages,
                "checked": self.checked, "unchecked": [u.to_dict() for u in self.unchecked],
                "by_model": [b.to_dict() for b in self.by_model]}

    def bound_by_model(self, bound: "list[ModelBound]") -> "Coverage":
        """The same coverage with the unchecked percentages in ``bound`` (same span) counted as checked."""
        spans = {(b.start, b.end): b for b in bound}
        kept = tuple(u for u in self.unchecked if (u.start, u.end) not in spans)
        moved = tuple(spans[(u.start, u.end)] for u in self.unchecked if (u.start, u.end) in spans)
        return replace(self, unchecked=kept, by_model=self.by_model + moved)

    def moved(self, span) -> "Coverage":
        """The same coverage with every span passed through ``span(start, end)`` (onto the published text)."""
        items = []
        for item in self.unchecked:
            start, end = span(item.start, item.end)
            items.append(Unchecked(start, end, item.text, item.why))
        by_model = tuple(replace(b, start=span(b.start, b.end)[0], end=span(b.start, b.end)[1]) for b in self.by_model)
        return Coverage(self.narrative_found, self.amounts, self.percentages, tuple(items), by_model)


def coverage(ctx: Context, narrative_found: bool = True) -> Coverage:
    amounts = sum(1 for claim in ctx.claims if not claim.is_percent)  # amounts and changes of money
    percents = [claim for claim in ctx.claims if claim.is_percent]
    unchecked = []
    for claim in percents:
        why = _why_unchecked(ctx, claim)
        if why:
            unchecked.append(Unchecked(claim.start, claim.end, ctx.text[claim.start:claim.end], why))
    return Coverage(narrative_found, amounts, len(percents), tuple(unchecked))


def _why_unchecked(ctx: Context, claim: Claim) -> str:
    name = _METRIC_NAMES.get(claim.metric, "百分数")
    if claim.stated is None:
        return f"{name}的数字无法读取"
    if any(cell.start <= claim.number_start < cell.end for cell in _form_rates(ctx)):
        return ""  # a 绩效自评表's 执行率, checked against its row's amounts (execution.selfeval)
    if claim.number_start in _change_rate_cells(ctx):
        return ""  # a printed table's 增减率, checked against its row's two years (rate.printed)
    if claim.metric == "change_rate":
        return _rate(ctx, claim)
    if claim.metric == "share":
        part = ctx.share_part(claim)
        whole, sure = ctx.share_whole(claim, part)
        return "" if part is not None and whole is not None and sure else "不能确定占比的部分或整体金额"
    if claim.metric in ("completion", "variance", "execution"):
        budget, actual, near = ctx.budget_actual(claim)
        bound = near and budget is not None and actual is not None \
            and ctx.budget_chain(budget, claim) and ctx.budget_chain(actual, claim)
        return "" if bound else f"不能确定{name}所依据的预算数和决算数"
    return "不知道该百分数的含义"


def _change_rows(ctx: Context):
    return ctx.remember("coverage.change_rows", lambda: change_rows(ctx.text))


def _change_rate_cells(ctx: Context) -> frozenset[int]:
    """Every offset inside a printed change table's 增减率 cell (a lookup, not a scan of the rows per claim)."""
    return ctx.remember("coverage.change_rate_cells", lambda: frozenset(
        at for row in _change_rows(ctx) for at in range(row.starts[3], row.starts[3] + len(row.cells[3]))))


def _form_rates(ctx: Context):
    return ctx.remember("coverage.form_rates", lambda: computable_rates(funds_of(ctx)))


def _rate(ctx: Context, rate: Claim) -> str:
    change = ctx.change_for(rate)
    if change is None and ctx.rate_base(rate) is not None:
        return ""
    if change is None and rate_bound_to_table(ctx, rate):
        return ""  # checked against a table printed with years as rows (rate.printed)
    if change is None or change.stated is None:
        return "增减率旁没有增减额"
    if ctx.stated_base(change) is not None or ctx.stated_pair(change) is not None:
        return ""
    _, how = ctx.current_binding(change)
    return "" if how in BOUND_BY_WORDS else "不能确定增减率所依据的本年数"
