"""Facts: the named values a narrative talks about, derived once from Figures.

A fact has a stable key (``grand_total.income``, ``general_budget.201`` …), a
Chinese label, its current amount and -- where the figures file gives them --
its prior-year amount, budgets and cause.  Drafting renders facts; checking
binds claims to facts.  Keys are the vocabulary of ``prior``/``budget``/
``causes`` in a figures file (see docs/figures.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

from narrator.figures.model import BasicProjectTable, Figures
from narrator.numbers import ZERO

# Standard names of the function classes (类), used when a figures file gives only codes.
CLASS_NAMES = {
    "201": "一般公共服务支出", "202": "外交支出", "203": "国防支出", "204": "公共安全支出",
    "205": "教育支出", "206": "科学技术支出", "207": "文化旅游体育与传媒支出",
    "208": "社会保障和就业支出", "209": "社会保险基金支出", "210": "卫生健康支出",
    "211": "节能环保支出", "212": "城乡社区支出", "213": "农林水支出", "214": "交通运输支出",
    "215": "资源勘探工业信息等支出", "216": "商业服务业等支出", "217": "金融支出",
    "219": "援助其他地区支出", "220": "自然资源海洋气象等支出", "221": "住房保障支出",
    "222": "粮油物资储备支出", "223": "国有资本经营预算支出", "224": "灾害防治及应急管理支出",
    "227": "预备费", "229": "其他支出", "230": "转移性支出", "231": "债务还本支出",
    "232": "债务付息支出", "233": "债务发行费用支出", "234": "抗疫特别国债安排的支出",
}


@dataclass(frozen=True)
class Fact:
    key: str
    label: str
    current: Decimal
    prior: Decimal | None = None
    budget: Decimal | None = None  # 年初预算
    full_year_budget: Decimal | None = None  # 全年预算
    cause: str | None = None  # 主要原因 of the change against the prior year
    budget_cause: str | None = None  # 主要原因 of 决算 differing from 预算 (causes key "KEY@budget")


BUDGET_CAUSE_SUFFIX = "@budget"


class UnknownFactKeys(ValueError):
    """prior/budget/causes name keys that no table produces."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{loc}: {msg}" for loc, msg in problems))


class Facts:
    """All facts of one figures file, by key, in narrative order."""

    def __init__(self, figures: Figures):
        self.figures = figures
        self._facts: dict[str, Fact] = {}
        self.unknown: dict[str, str] = {}  # key → label of facts the file leaves unknown
        for key, label, value in _table_values(figures):
            if value is None:
                self.unknown[key] = label
            else:
                self._facts[key] = Fact(key, label, value)
        self._attach_keyed_values(figures)

    def _attach_keyed_values(self, figures: Figures) -> None:
        problems: list[tuple[str, str]] = []
        for field in ("prior", "budget", "full_year_budget", "causes"):
            for key in getattr(figures, field):
                if field == "causes":
                    key = key.removesuffix(BUDGET_CAUSE_SUFFIX)
                if key not in self._facts and key not in self.unknown:
                    problems.append((f"{field}.{key}", f"未知的指标键；可用的键见 docs/figures.md（例如 {_nearest(key, self._facts)}）"))
        if problems:
            raise UnknownFactKeys(problems)
        table_budgets = _table_budgets(figures)  # once, not once per fact
        for key, fact in list(self._facts.items()):
            self._facts[key] = Fact(
                key, fact.label, fact.current,
                prior=figures.prior.get(key),
                budget=figures.budget.get(key, table_budgets.get(key)),
                full_year_budget=figures.full_year_budget.get(key, table_budgets.get(key)),
                cause=figures.causes.get(key),
                budget_cause=figures.causes.get(key + BUDGET_CAUSE_SUFFIX),
            )

    def __getitem__(self, key: str) -> Fact:
        return self._facts[key]

    def __contains__(self, key: str) -> bool:
        return key in self._facts

    def __iter__(self) -> Iterator[Fact]:
        return iter(self._facts.values())

    def keys(self) -> list[str]:
        return list(self._facts)


def _nearest(key: str, known: dict[str, Fact]) -> str:
    import difflib

    close = difflib.get_close_matches(key, list(known), n=1)
    return close[0] if close else "grand_total.income"


def _table_budgets(figures: Figures) -> dict[str, Decimal]:
    """三公经费 tables carry their own 预算数, by fact key; every other budget comes from the file."""
    return {key: budget for key, (_actual, budget) in _three_public_items(figures).items()}


def _three_public_items(figures: Figures) -> dict[str, tuple[Decimal, Decimal]]:
    tp = figures.three_public
    vehicle_budget = tp.vehicle_purchase.budget + tp.vehicle_operation.budget
    vehicle_actual = tp.vehicle_purchase.actual + tp.vehicle_operation.actual
    return {
        "three_public.total": (tp.actual, tp.budget),
        "three_public.outbound": (tp.outbound.actual, tp.outbound.budget),
        "three_public.vehicle": (vehicle_actual, vehicle_budget),
        "three_public.vehicle_purchase": (tp.vehicle_purchase.actual, tp.vehicle_purchase.budget),
        "three_public.vehicle_operation": (tp.vehicle_operation.actual, tp.vehicle_operation.budget),
        "three_public.reception": (tp.reception.actual, tp.reception.budget),
    }


_INCOME_SOURCES = {
    "general_budget": "一般公共预算财政拨款收入", "government_fund": "政府性基金预算财政拨款收入",
    "state_capital": "国有资本经营预算财政拨款收入", "superior_subsidy": "上级补助收入",
    "business": "事业收入", "operating": "经营收入", "affiliated": "附属单位上缴收入", "other": "其他收入",
}
_EXPENDITURE_KINDS = {
    "basic": "基本支出", "project": "项目支出", "to_superior": "上缴上级支出",
    "operating": "经营支出", "to_affiliated": "对附属单位补助支出",
}
_PROCUREMENT = {
    "total": "政府采购支出总额", "goods": "政府采购货物支出", "works": "政府采购工程支出",
    "services": "政府采购服务支出", "sme": "授予中小企业合同金额", "small_micro": "授予小微企业合同金额",
    "reserved_sme": "面向中小企业预留政府采购项目预算金额", "reserved_small_micro": "面向小微企业预留政府采购项目预算金额",
    "sme_in_reserved": "面向中小企业预留项目中由中小企业中标或成交的采购金额",
    "small_micro_in_reserved": "面向小微企业预留项目中由小微企业中标或成交的采购金额",
    "sme_in_other": "其他政府采购项目中由中小企业中标或成交的采购金额",
}
_THREE_PUBLIC_LABELS = {
    "three_public.total": "“三公”经费", "three_public.outbound": "因公出国（境）费",
    "three_public.vehicle": "公务用车购置及运行维护费", "three_public.vehicle_purchase": "公务用车购置费",
    "three_public.vehicle_operation": "公务用车运行维护费", "three_public.reception": "公务接待费",
}


def _table_values(f: Figures) -> Iterator[tuple[str, str, Decimal | None]]:
    """Every fact's key, label and current amount; None where the file leaves it unknown."""
    s = f.summary
    yield "grand_total.income", "收入总计", s.grand_total_income
    yield "grand_total.expenditure", "支出总计", s.grand_total_expenditure
    yield "income.total", "本年收入合计", s.income_total
    yield "income.fiscal", "财政拨款收入", s.income.fiscal
    for name, label in _INCOME_SOURCES.items():
        yield f"income.{name}", label, getattr(s.income, name)
    yield "expenditure.total", "本年支出合计", s.expenditure_total
    yield from _expenditure_kinds(f)
    for code, amount in s.expenditure_by_class.items():
        yield f"expenditure.{code}", CLASS_NAMES.get(code, code), amount
    yield "fiscal.grand_total.income", "财政拨款收入总计", f.fiscal.grand_total_income
    yield "fiscal.grand_total.expenditure", "财政拨款支出总计", f.fiscal.grand_total_expenditure
    yield "fiscal.income", "财政拨款本年收入", f.fiscal.income.total
    yield "fiscal.expenditure", "财政拨款本年支出", f.fiscal.expenditure.total
    if f.non_fiscal is not None:
        yield "non_fiscal.income", "非财政拨款收入", f.non_fiscal.income
        yield "non_fiscal.expenditure", "非财政拨款支出", f.non_fiscal.expenditure
    yield from _basic_project("general_budget", "一般公共预算财政拨款支出", f.general_budget)
    if f.basic_detail is not None:
        d = f.basic_detail
        yield "basic.total", "基本支出", d.total
        yield "basic.personnel", "人员经费", d.personnel_total
        yield "basic.public", "公用经费", d.public_total
        for row in d.rows:
            yield f"basic.{row.code}", row.name, row.amount
    for key, (actual, _budget) in _three_public_items(f).items():
        yield key, _THREE_PUBLIC_LABELS[key], actual
    yield from _basic_project("government_fund", "政府性基金预算财政拨款支出", f.government_fund)
    yield from _basic_project("state_capital", "国有资本经营预算财政拨款支出", f.state_capital)
    yield "operating_expenses", "机关运行经费", f.operating_expenses
    p = f.procurement
    for name, label in _PROCUREMENT.items():
        yield f"procurement.{name}", label, getattr(p, name) if p is not None else None
    yield "performance.funds", "绩效自评涉及资金", f.performance.self_evaluated_funds


def _expenditure_kinds(f: Figures) -> Iterator[tuple[str, str, Decimal]]:
    """基本/项目… from 支出决算表's 合计 row, or 一般公共预算 when that table is absent."""
    totals = f.expenditure.totals if f.expenditure is not None else None
    for name, label in _EXPENDITURE_KINDS.items():
        if totals is not None:
            value = getattr(totals, name)
        else:
            value = getattr(f.general_budget, name, ZERO) if name in ("basic", "project") else ZERO
        yield f"expenditure.{name}", label, value


def _basic_project(prefix: str, label: str, table: BasicProjectTable) -> Iterator[tuple[str, str, Decimal]]:
    yield f"{prefix}.total", label, table.total
    yield f"{prefix}.basic", "基本支出", table.basic
    yield f"{prefix}.project", "项目支出", table.project
    for row in table.rows:
        yield f"{prefix}.{row.code}", row.name, row.total
