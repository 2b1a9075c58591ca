"""Read each kind of 决算 table into plain dicts of Decimals, warning about what does not fit.

Two-sided tables (收入支出决算总表 and its kin) are read by label: a label owns
the amounts that follow it, after its 行次.  Tables by function code are read
by code (类/款/项, also when extraction split a code over cells or glued it to
its name) and by column position, and every row is checked against its own sum
(合计 = 基本 + 项目 …): where positions and sums disagree the row is kept as
published and a warning says so, because a checker must see the published value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from narrator.extract.tables import Row, Table, amount, is_label, normal_label
from narrator.extract.types import ExtractWarning
from narrator.figures.facts import CLASS_NAMES
from narrator.numbers import ZERO, NumberError, printed_adds_up

CLASS_BY_NAME = {re.sub(r"\s", "", name): code for code, name in CLASS_NAMES.items()}
COLUMNS = {
    "income": ["total", "fiscal", "superior_subsidy", "business", "operating", "affiliated", "other"],
    "expenditure": ["total", "basic", "project", "to_superior", "operating", "to_affiliated"],
    "general_budget": ["total", "basic", "project"],
    "state_capital": ["total", "basic", "project"],
    "government_fund": ["carried_in", "income", "total", "basic", "project", "carried_out"],
}
_SUM_PARTS = {
    "income": COLUMNS["income"][1:], "expenditure": COLUMNS["expenditure"][1:],
    "general_budget": ["basic", "project"], "state_capital": ["basic", "project"],
    "government_fund": ["basic", "project"],
}
_ROW_NUMBER = re.compile(r"\d{1,2}")  # a 行次 cell
_CODE = re.compile(r"^(\d{7}|\d{5}|\d{3})(?:\s+(\S.*))?$")


@dataclass
class Reading:
    """What one table gave: named values, rows by code, and its warnings."""

    values: dict[str, Decimal] = field(default_factory=dict)
    rows: list[dict] = field(default_factory=list)
    warnings: list[ExtractWarning] = field(default_factory=list)
    # Where things were printed, for the checker of the tables themselves (Document.printed):
    # value key → (its row, its cell's index); per record of ``rows``, its row and column → cell index;
    # and printed totals the figures model does not keep (总计 lines, a detail table's 合计).
    at: dict[str, tuple[Row, int | None]] = field(default_factory=dict)
    sources: list[tuple[Row, dict[str, int]]] = field(default_factory=list)
    also_printed: dict[str, Decimal] = field(default_factory=dict)

    def put(self, key: str, value: Decimal, row: Row, cell: int | None) -> None:
        """Set a named value and remember where it was printed."""
        self.values[key] = value
        self.at[key] = (row, cell)

    def warn(self, table: Table, message: str, row: Row | None = None) -> None:
        offset = row.offset if row is not None else table.start
        self.warnings.append(ExtractWarning(message, table.where(row), offset))


# ---------------------------------------------------------------- label tables

def labelled(row: Row, table: Table, reading: Reading) -> list[tuple[str, list[Decimal | None]]]:
    """(label, amounts) pairs of a row; a 行次 right after a label is dropped."""
    return [(label, values) for label, values, _ in labelled_at(row, table, reading)]


def labelled_at(row: Row, table: Table, reading: Reading) -> list[tuple[str, list[Decimal | None], int]]:
    """Like ``labelled``, with the index in ``row.cells`` of each label's first amount cell."""
    groups: list[tuple[str, list[str], int]] = []
    for index, cell in enumerate(row.cells):
        if is_label(cell):
            groups.append((normal_label(cell), [], index + 1))
        elif groups:
            groups[-1][1].append(cell)
    out = []
    numbered = bool(groups) and table.has_row_numbers  # scans the table's head: once per row, not per label
    for label, cells, first_cell in groups:
        if numbered and cells and _ROW_NUMBER.fullmatch(cells[0]):
            cells, first_cell = cells[1:], first_cell + 1
        out.append((label, [_amount_or_warn(cell, table, row, reading) for cell in cells], first_cell))
    return out


def _amount_or_warn(cell: str, table: Table, row: Row, reading: Reading) -> Decimal | None:
    try:
        return amount(cell)
    except NumberError:
        reading.warn(table, f"无法识别的金额「{cell}」，按空值处理", row)
        return None


def first(values: list[Decimal | None]) -> Decimal | None:
    return values[0] if values else None


_SUMMARY = {
    "一般公共预算财政拨款收入": "income.general_budget", "政府性基金预算财政拨款收入": "income.government_fund",
    "国有资本经营预算财政拨款收入": "income.state_capital", "上级补助收入": "income.superior_subsidy",
    "事业收入": "income.business", "经营收入": "income.operating", "附属单位上缴收入": "income.affiliated",
    "其他收入": "income.other", "本年收入合计": "income_total", "使用非财政拨款结余": "use_of_non_fiscal_balance",
    "年初结转和结余": "carried_forward_in", "本年支出合计": "expenditure_total", "结余分配": "balance_distribution",
    "年末结转和结余": "carried_forward_out",
}


def read_summary(table: Table) -> Reading:
    """收入支出决算总表: sources, totals and 支出 by function class."""
    reading = Reading()
    totals: list[Decimal] = []
    for row in table.rows:
        for label, values, cell in labelled_at(row, table, reading):
            value = first(values)
            if label in _SUMMARY:
                reading.put(_SUMMARY[label], value or ZERO, row, cell)
            elif label in CLASS_BY_NAME and value:
                reading.put(f"class.{CLASS_BY_NAME[label]}", value, row, cell)
            elif label == "总计":
                _grand_total(reading, len(totals), value, row, cell)
                totals.append(value or ZERO)
    _check_summary(table, reading, totals)
    return reading


def _grand_total(reading: Reading, index: int, value: Decimal | None, row: Row, cell: int) -> None:
    """The first 总计 is the 收入 side's, the second the 支出 side's; kept for the checker when printed."""
    if value is None or index > 1:
        return
    key = ("grand_total_income", "grand_total_expenditure")[index]
    reading.also_printed[key] = value
    reading.at[key] = (row, cell)


def _check_summary(table: Table, reading: Reading, totals: list[Decimal]) -> None:
    v = reading.values
    for key in ("income_total", "expenditure_total"):
        if key not in v:
            reading.warn(table, f"未找到「{'本年收入合计' if key == 'income_total' else '本年支出合计'}」行")
    income = [v.get(k, ZERO) for k in ("income_total", "use_of_non_fiscal_balance", "carried_forward_in")]
    spend = [v.get(k, ZERO) for k in ("expenditure_total", "balance_distribution", "carried_forward_out")]
    for side, parts, stated in zip(("收入", "支出"), (income, spend), totals):
        if stated and not printed_adds_up(stated, parts):
            reading.warn(table, f"{side}总计{stated}与各项之和{sum(parts, ZERO)}不符")


def read_fiscal(table: Table) -> Reading:
    """财政拨款收入支出决算总表: income and balances by fund, 本年支出 and 年末 by fund."""
    reading = Reading()
    side = "income"
    for row in table.rows:
        for label, values, cell in labelled_at(row, table, reading):
            fund = _fund(label)
            if label.startswith("年初财政拨款结转和结余"):
                side = "carried_forward_in"
                reading.put("carried_forward_in.total", first(values) or ZERO, row, cell)
            elif fund and first(values) is not None:
                reading.put(f"{side}.{fund}", first(values) or ZERO, row, cell)
            elif label == "本年支出合计":
                _by_fund(reading, table, row, "expenditure", values)
                _fund_cells(reading, row, "expenditure", values, cell)
            elif label == "本年收入合计" and first(values) is not None:
                reading.also_printed["income_total"] = first(values)
                reading.at["income_total"] = (row, cell)
            elif label.startswith("年末财政拨款结转和结余"):
                _by_fund(reading, table, row, "carried_forward_out", values)
                _fund_cells(reading, row, "carried_forward_out", values, cell)
    _one_fund_balance(reading, table)
    return reading


def _fund(label: str) -> str | None:
    for prefix, fund in (("一般公共预算", "general_budget"), ("政府性基金", "government_fund"),
                         ("国有资本经营", "state_capital")):
        if label.startswith(prefix) and label.rstrip("收入").endswith("财政拨款"):
            return fund
    return None


def _by_fund(reading: Reading, table: Table, row: Row, side: str, values: list[Decimal | None]) -> None:
    """[合计, 一般公共预算, 政府性基金, 国有资本经营]; an unsplit 合计 goes to the fund that has income."""
    total, *funds = (values + [None] * 4)[:4]
    funds = [f or ZERO for f in funds]
    if total and not any(funds):
        fund = _only_income_fund(reading)
        reading.values[f"{side}.{fund}"] = total
        reading.warn(table, f"{'本年支出合计' if side == 'expenditure' else '年末结转和结余'}只填了合计列，按{_FUND_NAMES[fund]}计入", row)
        return
    for fund, value in zip(_FUND_NAMES, funds):
        reading.values[f"{side}.{fund}"] = value
    if total is not None and not printed_adds_up(total, funds):
        reading.warn(table, f"合计{total}与各类财政拨款之和{sum(funds, ZERO)}不符", row)


_FUND_NAMES = {"general_budget": "一般公共预算财政拨款", "government_fund": "政府性基金预算财政拨款",
               "state_capital": "国有资本经营预算财政拨款"}


def _fund_cells(reading: Reading, row: Row, side: str, values: list[Decimal | None], cell: int) -> None:
    """Where 本年支出合计's 合计 and fund columns were printed; the 合计 column is kept for the checker."""
    if values and values[0] is not None:
        reading.also_printed[f"{side}.total"] = values[0]
        reading.at[f"{side}.total"] = (row, cell)
    for offset, fund in enumerate(_FUND_NAMES, start=1):
        printed = offset < len(values) and values[offset] is not None
        # an unsplit 合计 that _by_fund gave to one fund was printed in the 合计 cell
        given_total = not printed and values and values[0] and reading.values.get(f"{side}.{fund}") == values[0]
        reading.at[f"{side}.{fund}"] = (row, cell + offset if printed else cell if given_total else None)


def _only_income_fund(reading: Reading) -> str:
    funded = [f for f in _FUND_NAMES if reading.values.get(f"income.{f}")]
    return funded[0] if len(funded) == 1 else "general_budget"


def _one_fund_balance(reading: Reading, table: Table) -> None:
    total = reading.values.pop("carried_forward_in.total", ZERO)
    split = sum((reading.values.get(f"carried_forward_in.{f}", ZERO) for f in _FUND_NAMES), ZERO)
    if total and not split:
        fund = _only_income_fund(reading)
        reading.values[f"carried_forward_in.{fund}"] = total
        reading.warn(table, f"年初财政拨款结转和结余未分列，按{_FUND_NAMES[fund]}计入")


def read_non_fiscal(table: Table) -> Reading:
    reading = Reading()
    names = {"本年收入合计": "income", "年初结转和结余": "carried_forward_in",
             "本年支出合计": "expenditure", "年末结转和结余": "carried_forward_out"}
    for row in table.rows:
        for label, values, cell in labelled_at(row, table, reading):
            if label in names:
                reading.put(names[label], first(values) or ZERO, row, cell)
    return reading
