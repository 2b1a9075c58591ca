"""The figures' own arithmetic and sanity, before anything is drafted from them.

Parts against their totals, 收入总计 against 支出总计, 基本 = 人员 + 公用, the 三公 and
procurement parts, negative and absurd amounts.  Every comparison is of written values as
the intervals their rounding allows (``narrator.numbers``): 278.49 + 224.50 against 502.98
passes (万元折算尾差), 465.34 + 1000.00 against 465.34 does not.  Each problem is a field
path and a Chinese sentence; all of them are returned at once.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterator

from narrator import numbers as n
from narrator.figures.model import BasicProjectTable, Figures

Problem = tuple[str, str]

_INCOME_SOURCES = ("general_budget", "government_fund", "state_capital", "superior_subsidy", "business",
                   "operating", "affiliated", "other")
_INCOME_COLUMNS = ("fiscal", "superior_subsidy", "business", "operating", "affiliated", "other")
_EXPENDITURE_COLUMNS = ("basic", "project", "to_superior", "operating", "to_affiliated")


def amount_problems(figures: Figures) -> list[Problem]:
    """Amounts no 决算 can hold (negative, or past any unit's total): nothing may be drafted from them."""
    return list(_amounts(figures.model_dump(mode="python"), "", figures.amount_unit))


def sanity_problems(figures: Figures) -> list[Problem]:
    """Every arithmetic or sanity problem of the figures file, in file order."""
    problems = amount_problems(figures)
    for check in (_summary, _income, _expenditure, _fiscal, _general_budget, _basic, _three_public, _procurement):
        problems.extend(check(figures))
    return problems


# ---------------------------------------------------------------- every amount

def _amounts(value: Any, path: str, unit: str) -> Iterator[Problem]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _amounts(item, f"{path}.{key}" if path else str(key), unit)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _amounts(item, f"{path}.{index}", unit)
    elif isinstance(value, Decimal):
        if value < 0:
            yield path, f"金额为负数（{value}{unit}）：决算金额不应小于0"
        elif n.convert(value, unit, "元") > n.PLAUSIBLE_MAX_YUAN:
            yield path, f"金额 {value}{unit} 超过1万亿元，疑为单位或小数点错误（amount_unit 为 {unit}）"


# ---------------------------------------------------------------- relations

def _within(what: str, total: Decimal, parts: dict[str, Decimal]) -> Iterator[Problem]:
    """Each part at most its whole: a share of at most 100%."""
    whole = n.written(total)
    for name, part in parts.items():
        if part > 0 and not n.may_not_exceed(n.written(part), whole):
            share = f"占比 {n.format_percent(part / total)}%，超过100%" if total > 0 else f"{what}为0"
            yield name, f"{part} 大于{what} {total}（{share}）"


def _sum(path: str, what: str, total: Decimal, parts: dict[str, Decimal]) -> Iterator[Problem]:
    """A total against its parts: each part at most the total, and the parts add up to it."""
    whole = n.written(total)
    yield from _within(what, total, parts)
    present = {name: value for name, value in parts.items() if value}
    if present and not n.may_equal(n.written_sum(list(present.values())), whole):
        added = sum(present.values(), n.ZERO)
        yield path, (f"{what} {total} 与各项之和 {added} 不符（{' + '.join(str(v) for v in present.values())}；"
                     "超出四舍五入可能的差额）")


def _equal(path: str, what: str, left: n.Interval, right: n.Interval, shown: tuple[Decimal, Decimal]) -> Iterator[Problem]:
    if not n.may_equal(left, right):
        yield path, f"{what}：{shown[0]} ≠ {shown[1]}"


def _summary(f: Figures) -> Iterator[Problem]:
    s = f.summary
    yield from _sum("summary.income_total", "本年收入合计", s.income_total,
                    {f"summary.income.{k}": getattr(s.income, k) for k in _INCOME_SOURCES})
    if s.expenditure_by_class:
        yield from _sum("summary.expenditure_total", "本年支出合计", s.expenditure_total,
                        {f"summary.expenditure_by_class.{k}": v for k, v in s.expenditure_by_class.items()})
    income = n.written_sum([s.income_total, s.use_of_non_fiscal_balance, s.carried_forward_in])
    spending = n.written_sum([s.expenditure_total, s.balance_distribution, s.carried_forward_out])
    yield from _equal("summary", "收入总计（本年收入合计 + 使用非财政拨款结余 + 年初结转和结余）应等于支出总计"
                      "（本年支出合计 + 结余分配 + 年末结转和结余）", income, spending,
                      (s.grand_total_income, s.grand_total_expenditure))


def _income(f: Figures) -> Iterator[Problem]:
    yield from _kind_table(f, "income", "收入", _INCOME_COLUMNS, f.summary.income_total)


def _expenditure(f: Figures) -> Iterator[Problem]:
    yield from _kind_table(f, "expenditure", "支出", _EXPENDITURE_COLUMNS, f.summary.expenditure_total)


def _kind_table(f: Figures, name: str, side: str, columns: tuple[str, ...], summary_total: Decimal) -> Iterator[Problem]:
    """收入决算表 / 支出决算表: each row and the totals across their columns, the total against 总表, the levels."""
    table = getattr(f, name)
    if table is None:
        return
    t = table.totals
    yield from _sum(f"{name}.totals.total", f"{side}决算表合计", t.total,
                    {f"{name}.totals.{c}": getattr(t, c) for c in columns})
    yield from _equal(f"{name}.totals.total", f"{side}决算表合计应等于收入支出决算总表的本年{side}合计",
                      n.written(t.total), n.written(summary_total), (t.total, summary_total))
    for i, row in enumerate(table.rows):
        yield from _sum(f"{name}.rows.{i}.total", f"{row.code} {row.name} 本年{side}合计", row.total,
                        {f"{name}.rows.{i}.{c}": getattr(row, c) for c in columns})
    yield from _levels(f"{name}.rows", table.rows, t.total)


def _levels(path: str, rows: list, total: Decimal) -> Iterator[Problem]:
    """类 rows add up to the total, 款 rows to their 类, 项 rows to their 款 (where the file gives them)."""
    indexed = list(enumerate(rows))
    classes = {i: r for i, r in indexed if len(r.code) == 3}
    if classes:
        yield from _sum(path, "合计", total, {f"{path}.{i}.total": r.total for i, r in classes.items()})
    for i, parent in indexed:
        children = {f"{path}.{j}.total": r.total for j, r in indexed
                    if len(r.code) == len(parent.code) + 2 and r.code.startswith(parent.code)}
        if children:
            yield from _sum(f"{path}.{i}.total", f"{parent.code} {parent.name}", parent.total, children)


def _fiscal(f: Figures) -> Iterator[Problem]:
    fiscal = f.fiscal
    if not (fiscal.income.total or fiscal.expenditure.total):
        return
    for fund, label in (("general_budget", "一般公共预算"), ("government_fund", "政府性基金预算"),
                        ("state_capital", "国有资本经营预算")):
        stated, summary = getattr(fiscal.income, fund), getattr(f.summary.income, fund)
        yield from _equal(f"fiscal.income.{fund}", f"财政拨款收入支出决算总表的{label}财政拨款本年收入应等于收入支出决算总表的",
                          n.written(stated), n.written(summary), (stated, summary))
    income = n.written_sum([fiscal.income.general_budget, fiscal.income.government_fund, fiscal.income.state_capital,
                            fiscal.carried_forward_in.general_budget, fiscal.carried_forward_in.government_fund,
                            fiscal.carried_forward_in.state_capital])
    spending = n.written_sum([fiscal.expenditure.general_budget, fiscal.expenditure.government_fund,
                              fiscal.expenditure.state_capital, fiscal.carried_forward_out.general_budget,
                              fiscal.carried_forward_out.government_fund, fiscal.carried_forward_out.state_capital])
    yield from _equal("fiscal", "财政拨款收入总计应等于财政拨款支出总计", income, spending,
                      (fiscal.grand_total_income, fiscal.grand_total_expenditure))


def _general_budget(f: Figures) -> Iterator[Problem]:
    for name, label in (("general_budget", "一般公共预算财政拨款支出"), ("government_fund", "政府性基金预算财政拨款支出"),
                        ("state_capital", "国有资本经营预算财政拨款支出")):
        table: BasicProjectTable = getattr(f, name)
        yield from _sum(f"{name}.total", f"{label}合计", table.total,
                        {f"{name}.basic": table.basic, f"{name}.project": table.project})
        for i, row in enumerate(table.rows):
            yield from _sum(f"{name}.rows.{i}.total", f"{row.code} {row.name}", row.total,
                            {f"{name}.rows.{i}.basic": row.basic, f"{name}.rows.{i}.project": row.project})
        yield from _levels(f"{name}.rows", table.rows, table.total)
        stated = getattr(f.fiscal.expenditure, name)
        if stated and table.total:
            yield from _equal(f"{name}.total", f"{label}应等于财政拨款收入支出决算总表的本年支出",
                              n.written(table.total), n.written(stated), (table.total, stated))


def _basic(f: Figures) -> Iterator[Problem]:
    d = f.basic_detail
    if d is None:
        return
    basic = f.general_budget.basic
    if basic:
        yield from _equal("basic_detail", "基本支出应等于人员经费合计 + 公用经费合计（一般公共预算财政拨款基本支出）",
                          n.written(basic), n.written_sum([d.personnel_total, d.public_total]),
                          (basic, d.personnel_total + d.public_total))
    for kind, total, field in (("人员经费", d.personnel_total, "personnel_total"), ("公用经费", d.public_total, "public_total")):
        classes = {f"basic_detail.rows.{i}.amount": r.amount for i, r in enumerate(d.rows)
                   if r.kind == kind and len(r.code) == 3}
        if classes:
            yield from _sum(f"basic_detail.{field}", f"{kind}合计", total, classes)
    for i, parent in enumerate(d.rows):
        children = {f"basic_detail.rows.{j}.amount": r.amount for j, r in enumerate(d.rows)
                    if len(r.code) == 5 and len(parent.code) == 3 and r.code.startswith(parent.code)}
        if children:
            yield from _sum(f"basic_detail.rows.{i}.amount", f"{parent.code} {parent.name}", parent.amount, children)


def _three_public(f: Figures) -> Iterator[Problem]:
    r = f.three_public.reception
    if r.foreign_actual is not None:
        yield from _within("公务接待费", r.actual, {"three_public.reception.foreign_actual": r.foreign_actual})


def _procurement(f: Figures) -> Iterator[Problem]:
    p = f.procurement
    if p is None:
        return
    if p.stated_total is not None:
        yield from _sum("procurement.stated_total", "政府采购支出总额", p.stated_total,
                        {"procurement.goods": p.goods, "procurement.works": p.works, "procurement.services": p.services})
    if p.sme is not None:
        yield from _within("政府采购支出总额", p.total, {"procurement.sme": p.sme})
        if p.small_micro is not None:
            yield from _within("授予中小企业合同金额", p.sme, {"procurement.small_micro": p.small_micro})
