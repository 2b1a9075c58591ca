"""What templates see of a fact: formatted numbers and words, all computed here.

Templates only arrange; every number, rate and direction word a draft shows is
produced by these views through ``narrator.numbers``.  A view never invents a
value: a missing prior, budget or cause becomes a visible placeholder and a
warning, so the drafter knows what to fill in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from narrator import numbers as n
from narrator.figures.facts import BUDGET_CAUSE_SUFFIX, Fact, Facts
from narrator.placeholders import BUDGET as BUDGET_PLACEHOLDER, CAUSE as CAUSE_PLACEHOLDER, placeholder


@dataclass
class DraftContext:
    """Shared by every view of one draft: formatting options and collected warnings."""

    facts: Facts
    thousands: bool = False
    warnings: list[str] = field(default_factory=list)
    causes_used: set[str] = field(default_factory=set)  # keys of ``causes`` the draft wrote
    last_causes: dict[str, str] = field(default_factory=dict)  # last year's, offered in placeholders only

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def amount(self, value: Decimal) -> str:
        return n.format_amount(value, 2, self.thousands)

    def view(self, key: str) -> "FactView | UnknownView":
        if key in self.facts.unknown:
            return UnknownView(key, self.facts.unknown[key], self)
        if key not in self.facts:
            raise ValueError(f"没有名为 {key!r} 的指标（可用的键见 docs/figures.md）")
        return FactView(self.facts[key], self)

    # -- template globals for values that are not facts, and sentences left out
    def placeholder(self, what: str, field_path: str = "") -> str:
        """A visible placeholder for a value the figures file does not give, and a warning naming the field."""
        self.warn(f"{field_path or what}：数据文件未给出{what}，已留占位符{placeholder(what, field_path)}")
        return placeholder(what, field_path)

    def count(self, value: int | None, what: str, field_path: str) -> str:
        """A count (团组, 辆, 批次 …) as written, or a placeholder naming its field when it is unknown."""
        return str(value) if value is not None else self.placeholder(what, field_path)

    def known_amount(self, value: Decimal | None, what: str, field_path: str) -> str:
        """An amount no table line stands for, formatted, or a placeholder naming its field when unknown."""
        return self.amount(value) if value is not None else self.placeholder(what, field_path)

    def omitted(self, sentence: str, field_path: str) -> str:
        """Says on stderr that a sentence was left out for want of a value; renders nothing."""
        self.warn(f"{field_path}：数据文件未给出，草稿未写“{sentence}”一句")
        return ""

    def unused_causes(self) -> list[str]:
        """Causes the file gives that no sentence of the draft needed (e.g. for a change said as 持平)."""
        causes = self.facts.figures.causes
        written = {_clean_cause(causes[key]) for key in self.causes_used if key in causes}
        # 收入、支出总计均为…: one sentence and one cause for two facts with the same cause
        return [key for key, text in causes.items() if key not in self.causes_used and _clean_cause(text) not in written]


def _clean_cause(text: str) -> str:
    """Causes are stored without the lead-in or final stop; the template adds both."""
    text = text.strip()
    for lead in ("主要原因是：", "主要原因是:", "主要原因是", "主要原因：", "主要原因:"):
        if text.startswith(lead):
            text = text[len(lead):].strip()
    return text.rstrip("。；;，, ")


class FactView:
    """One fact as a template uses it."""

    def __init__(self, fact: Fact, ctx: DraftContext):
        self.fact = fact
        self._ctx = ctx

    # -- the current amount
    @property
    def label(self) -> str:
        return self.fact.label

    @property
    def amount(self) -> str:
        return self._ctx.amount(self.fact.current)

    @property
    def level(self) -> str:
        """类/款/项 for a fact keyed by a function code, else ''."""
        code = self.fact.key.rsplit(".", 1)[-1]
        return {3: "类", 5: "款", 7: "项"}.get(len(code), "") if code.isdigit() else ""

    @property
    def path(self) -> str:
        """A function-coded row with the rows above it: 教育支出（类）普通教育（款）初中教育（项)."""
        table, _, code = self.fact.key.rpartition(".")
        if not code.isdigit():
            return self.label
        names = []
        for length, level in ((3, "类"), (5, "款"), (7, "项")):
            key = f"{table}.{code[:length]}"
            if length <= len(code) and key in self._ctx.facts:
                names.append(f"{self._ctx.facts[key].label}（{level}）")
        return "".join(names) or self.label

    @property
    def is_zero(self) -> bool:
        return n.round_half_up(self.fact.current) == 0

    def share_of(self, whole_key: str) -> str:
        """占比 of this fact in another fact, as a percentage number; '' when the whole is 0."""
        if whole_key in self._ctx.facts.unknown:
            return self._ctx.placeholder(f"{self.label}占比", whole_key)
        ratio = n.share(self.fact.current, self._ctx.facts[whole_key].current)
        return "" if ratio is None else n.format_percent(ratio)

    # -- against the prior year
    @property
    def known(self) -> bool:
        return True

    @property
    def has_prior(self) -> bool:
        return self.fact.prior is not None

    @property
    def prior_placeholder(self) -> str:
        """【请补充上年决算数（prior.KEY）】, and the warning that says so."""
        return self._ctx.placeholder("上年决算数", f"prior.{self.fact.key}")

    @property
    def prior_amount(self) -> str:
        return self._ctx.amount(self._prior())

    def _prior(self) -> Decimal:
        if self.fact.prior is None:
            raise ValueError(f"{self.fact.key} 没有上年决算数；模板应先判断 has_prior")
        return self.fact.prior

    @property
    def _delta(self) -> Decimal:
        return n.change(self.fact.current, self._prior())

    @property
    def flat(self) -> bool:
        """持平: the change is zero as shown (如持平作持平表述)."""
        return n.amount_word(self._delta) == "持平"

    @property
    def zero_base(self) -> bool:
        """上年无此项: a change from zero has no rate."""
        return self._prior() == 0 and not self.flat

    @property
    def change_word(self) -> str:
        return n.amount_word(self._delta)

    @property
    def change_amount(self) -> str:
        return self._ctx.amount(abs(self._delta))

    @property
    def rate_word(self) -> str:
        return n.rate_word(self._delta)

    @property
    def rate(self) -> str:
        rate = n.change_rate(self.fact.current, self._prior())
        if rate is None:
            raise ValueError(f"{self.fact.key} 上年为0，没有增减率；模板应先判断 zero_base")
        return n.format_percent(abs(rate))

    @property
    def cause(self) -> str:
        return self._cause(self.fact.cause, "变动原因", self.fact.key)

    # -- against the budget
    @property
    def has_budget(self) -> bool:
        return self.fact.budget is not None

    def _budget(self) -> Decimal:
        if self.fact.budget is None:
            self._ctx.warn(f"{self.fact.key}（{self.label}）缺少年初预算数，已留占位符{BUDGET_PLACEHOLDER}")
            raise ValueError(f"{self.fact.key} 没有预算数；模板应先判断 has_budget")
        return self.fact.budget

    @property
    def budget_amount(self) -> str:
        return self._ctx.amount(self._budget())

    @property
    def no_budget(self) -> bool:
        """未安排预算: a completion rate would divide by zero."""
        return self._budget() == 0

    @property
    def completion(self) -> str:
        return self._percent("completion", self._budget(), "预算为0，没有完成率；模板应先判断 no_budget")

    def _percent(self, metric: str, base: Decimal, missing: str) -> str:
        """A rate of the current amount against ``base`` as shown; a zero base has none, which a
        template asks about first (no_budget, no_full_year_budget)."""
        rate = n.metric_ratio(metric, self.fact.current, base)
        if rate is None:
            raise ValueError(f"{self.fact.key} {missing}")
        return n.format_percent(rate)  # a variance keeps its sign; shown as 0.00 it is never -0.00

    @property
    def budget_word(self) -> str:
        """大于/小于/等于: 决算数 compared with 预算数."""
        return n.budget_word(self.fact.current, self._budget())

    @property
    def budget_flat(self) -> bool:
        return self.budget_word == "等于"

    @property
    def has_budget_cause(self) -> bool:
        """The file gives a cause for 决算 differing from 预算 (optional where a template lists items)."""
        return bool(self.fact.budget_cause and _clean_cause(self.fact.budget_cause))

    @property
    def budget_cause(self) -> str:
        return self._cause(self.fact.budget_cause, "预决算差异原因", self.fact.key + BUDGET_CAUSE_SUFFIX)

    # -- against the full-year budget (全年预算: the 年初预算 with the year's adjustments)
    @property
    def has_full_year_budget(self) -> bool:
        return self.fact.full_year_budget is not None

    def _full_year_budget(self) -> Decimal:
        if self.fact.full_year_budget is None:
            raise ValueError(f"{self.fact.key} 没有全年预算数；模板应先判断 has_full_year_budget")
        return self.fact.full_year_budget

    @property
    def full_year_budget_amount(self) -> str:
        return self._ctx.amount(self._full_year_budget())

    @property
    def no_full_year_budget(self) -> bool:
        """A zero 全年预算 has no 执行率."""
        return self._full_year_budget() == 0

    @property
    def execution(self) -> str:
        """执行率 = 决算 ÷ 全年预算 (完成全年预算的…%)."""
        return self._percent("execution", self._full_year_budget(),
                             "全年预算为0，没有执行率；模板应先判断 no_full_year_budget")

    @property
    def full_year_word(self) -> str:
        """大于/小于/等于: 决算数 compared with 全年预算数."""
        return n.budget_word(self.fact.current, self._full_year_budget())

    @property
    def full_year_flat(self) -> bool:
        return self.full_year_word == "等于"

    @property
    def by_full_year_budget(self) -> bool:
        """The budget a completion is stated against is the 全年预算: no 年初预算 was set (or given)
        and a non-zero 全年预算 was — a unit founded or funded during the year."""
        no_initial = self.fact.budget is None or self.fact.budget == 0
        return no_initial and self.has_full_year_budget and not self.no_full_year_budget

    # -- 预决算差异率 = (决算 − 年初预算) ÷ 年初预算, signed
    @property
    def variance(self) -> str:
        return self._percent("variance", self._budget(), "预算为0，没有预决算差异率；模板应先判断 no_budget")

    @property
    def budget_change_word(self) -> str:
        """增加/减少/持平: 决算 against 年初预算 (较年初预算数增加…)."""
        return n.amount_word(n.change(self.fact.current, self._budget()))

    @property
    def budget_rate_word(self) -> str:
        return n.rate_word(n.change(self.fact.current, self._budget()))

    @property
    def budget_rate(self) -> str:
        """|预决算差异率|, said after budget_rate_word (增长21.71%)."""
        return self.variance.lstrip("-")

    @property
    def budget_difference(self) -> str:
        """|决算 − 年初预算|, said with budget_word (决算数小于预算数12.00万元)."""
        return self._ctx.amount(abs(n.change(self.fact.current, self._budget())))

    # -- causes
    def _cause(self, text: str | None, what: str, key: str) -> str:
        self._ctx.causes_used.add(key)
        if text and _clean_cause(text):
            return _clean_cause(text)
        last = self._ctx.last_causes.get(key)
        if last and _clean_cause(last):
            # last year's cause is offered, never used as this year's: it stays a placeholder
            marked = placeholder("原因", f"上年原因：{_clean_cause(last)}")
            self._ctx.warn(f"{self.fact.key}（{self.label}）缺少{what}，已留占位符并附上年原因供参考：{marked}")
            return marked
        self._ctx.warn(f"{self.fact.key}（{self.label}）缺少{what}，已留占位符{CAUSE_PLACEHOLDER}")
        return CAUSE_PLACEHOLDER


class UnknownView:
    """A fact the figures file leaves unknown: every number it would show is a placeholder naming the field.

    Templates test ``known`` before sentences that compare it (与上年相比, 占比); what they still
    show of it is visible, never 0."""

    known = False
    is_zero = False
    has_prior = False
    has_budget = False
    has_full_year_budget = False
    by_full_year_budget = False

    def __init__(self, key: str, label: str, ctx: DraftContext):
        self.key = key
        self.label = label
        self._ctx = ctx

    @property
    def field(self) -> str:
        """The figures file's field to fill: the fact key, except for a total the file states."""
        return _FIELD_OF_KEY.get(self.key, self.key)

    @property
    def amount(self) -> str:
        return self._ctx.placeholder(self.label, self.field)

    def share_of(self, whole_key: str) -> str:
        return self._ctx.placeholder(f"{self.label}占比", self.field)


# 政府采购支出总额 is the sum of its three kinds unless the table's own total is written in.
_FIELD_OF_KEY = {"procurement.total": "procurement"}


class ProjectView:
    """One project of 绩效自评 as a template uses it: its amounts, or placeholders naming the field."""

    def __init__(self, project, index: int, ctx: DraftContext):
        self.name = project.name
        self._project = project
        self._field = f"performance.projects[{index}]"
        self._ctx = ctx

    @property
    def has_budget(self) -> bool:
        return self._project.budget is not None

    @property
    def budget_amount(self) -> str:
        return self._known(self._project.budget, "年初预算数", "budget")

    @property
    def full_year_budget_amount(self) -> str:
        return self._known(self._project.full_year_budget, "全年预算数", "full_year_budget")

    @property
    def actual_amount(self) -> str:
        return self._known(self._project.actual, "全年执行数", "actual")

    @property
    def execution(self) -> str:
        """执行率 = 全年执行数 ÷ 全年预算数; a placeholder when either is unknown or the budget is 0."""
        full, actual = self._project.full_year_budget, self._project.actual
        rate = n.execution_rate(actual, full) if full is not None and actual is not None else None
        if rate is None:
            missing = "actual" if actual is None else "full_year_budget"
            return self._ctx.placeholder(f"{self.name}执行率", f"{self._field}.{missing}")
        return n.format_percent(rate)

    def _known(self, value: Decimal | None, what: str, name: str) -> str:
        return self._ctx.known_amount(value, f"{self.name}{what}", f"{self._field}.{name}")
