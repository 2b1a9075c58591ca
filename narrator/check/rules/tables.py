"""The tables themselves: parts add up to their totals, a value printed twice agrees, none is missing.

Read from ``Document.printed``: every amount as printed, in its table's own
金额单位, with the span of its cell, so a finding points at the number.  Sums
are judged with intervals, never a fixed tolerance: each printed cell is the
table's two-decimal rounding of an exact amount, so n printed parts and their
printed total agree when the intervals they stand for overlap (the parts may
legitimately miss the total by up to (n + 1) × half a unit of the last place).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Iterator

from narrator.read.context import Context
from narrator.check.registry import TABLES, Check, register
from narrator.extract.tables import NAMES, STANDARD_KINDS, title_kind
from narrator.extract.types import Cell, PrintedRow, PrintedTable
from narrator.figures.facts import CLASS_NAMES
from narrator.findings import Finding
from narrator.numbers import ZERO, Interval, convert, format_amount, printed_adds_up, printed_places

# ---------------------------------------------------------------- arithmetic on printed cells


@dataclass(frozen=True)
class Term:
    """A printed amount with the name a message gives it (基本支出, 公务接待费预算数 …)."""

    name: str
    cell: Cell


def places(cell: Cell) -> int:
    return printed_places(cell.value)


def interval(cell: Cell, factor: Decimal = Decimal(1)) -> Interval:
    """The exact amounts a printed cell may stand for (an empty cell: 0, or a blanked 0.00)."""
    return Interval.of_rounded(cell.value, places(cell)).scale(factor)


def adds_up(total: Cell, parts: list[Cell]) -> bool:
    return printed_adds_up(total.value, [part.value for part in parts])


def shown(cell: Cell) -> str:
    return format_amount(cell.value, places(cell))


def formula(parts: list[Term]) -> str:
    """"基本支出 1921234.19 + 项目支出 1560590.42 = 3481824.61": the printed parts, empty cells left out."""
    listed = [term for term in parts if term.cell.printed or term.cell.value != 0] or parts[:1]
    total = sum((term.cell.value for term in parts), ZERO)
    shown_places = max(places(term.cell) for term in parts)
    return " + ".join(f"{term.name} {shown(term.cell)}" for term in listed) + \
        f" = {format_amount(total, shown_places)}"


def sum_finding(ctx: Context, check: Check, where: str, total: Term, parts: list[Term]) -> Finding | None:
    """A finding on ``total``'s cell when the printed parts cannot add up to it, else None."""
    if adds_up(total.cell, [term.cell for term in parts]):
        return None
    expected = sum((term.cell.value for term in parts), ZERO)
    equation = formula(parts)
    return check.finding(
        ctx, total.cell.start, total.cell.end,
        f"{where}：{total.name} {shown(total.cell)} 与各项之和不符（{equation}）",
        stated=shown(total.cell), expected=format_amount(expected, places(total.cell)), formula=equation,
    )


def printed(ctx: Context, kind: str) -> PrintedTable | None:
    return ctx.document.printed_table(kind) if ctx.document is not None else None


def row_label(row: PrintedRow) -> str:
    name = row.name or CLASS_NAMES.get(row.code, "")
    return f"「{row.code} {name}」行" if name else f"「{row.code}」行"


# ---------------------------------------------------------------- examples (small documents)

_EXPENDITURE = "支出决算表\n金额单位：元\n项目\t本年支出合计\t基本支出\t项目支出\n合计\t{total}\t{basic}\t600.00\n"
_INCOME_ROWS = ("收入决算表\n金额单位：元\n项目\t\t本年收入合计\t财政拨款收入\t上级补助收入\t事业收入\t经营收入\t附属单位上缴收入\t其他收入\n"
                "合计\t\t{total}\t900.00\t\t\t\t\t100.00\n214\t交通运输支出\t{total}\t900.00\t\t\t\t\t100.00\n")
_SUMMARY = ("收入支出决算总表\n金额单位：元\n一、一般公共预算财政拨款收入\t{fiscal}\t一、一般公共服务支出\t1000.00\n"
            "八、其他收入\t100.00\t\t\n本年收入合计\t1100.00\t本年支出合计\t1000.00\n")
_DETAIL = ("一般公共预算财政拨款基本支出决算明细表\n金额单位：万元\n"
           "301\t工资福利支出\t{wages}\t302\t商品和服务支出\t9.00\n30101\t基本工资\t{wages}\t30201\t办公费\t9.00\n"
           "人员经费合计\t{wages}\t公用经费合计\t9.00\n")
_THREE = ("财政拨款“三公”经费支出决算表\n金额单位：元\n预算数\t\t\t\t\t\t决算数\n"
          "合计\t因公出国（境）费\t小计\t购置费\t运行费\t公务接待费\t合计\t因公出国（境）费\t小计\t购置费\t运行费\t公务接待费\n"
          "{budget}\t0\t0\t0\t0\t2000.00\t1500.00\t0\t0\t0\t0\t1500.00\n")
_STATS = ("部门决算公开相关信息统计表\n金额单位：万元\n一、政府采购情况\n项目\t行次\t统计数\n"
          "合计\t1\t{total}\n货物\t2\t6.25\n工程\t3\t\n服务\t4\t86.99\n")
_CROSS = ("收入支出决算总表\n金额单位：元\n一、一般公共预算财政拨款收入\t1000.00\t一、一般公共服务支出\t1000.00\n"
          "本年收入合计\t1000.00\t本年支出合计\t1000.00\n"
          "支出决算表\n金额单位：元\n项目\t本年支出合计\t基本支出\t项目支出\n合计\t{total}\t400.00\t{project}\n")
_ALL_TITLES = "\n".join(NAMES[kind] for kind in STANDARD_KINDS) + "\n"


# ---------------------------------------------------------------- 1. rows of the function-code tables

# per kind: the total column and its parts, with their printed names
_ROW_SUMS = {
    "income": ("total", "本年收入合计", [("fiscal", "财政拨款收入"), ("superior_subsidy", "上级补助收入"),
                                    ("business", "事业收入"), ("operating", "经营收入"),
                                    ("affiliated", "附属单位上缴收入"), ("other", "其他收入")]),
    "expenditure": ("total", "本年支出合计", [("basic", "基本支出"), ("project", "项目支出"),
                                         ("to_superior", "上缴上级支出"), ("operating", "经营支出"),
                                         ("to_affiliated", "对附属单位补助支出")]),
    "general_budget": ("total", "合计", [("basic", "基本支出"), ("project", "项目支出")]),
    "government_fund": ("total", "本年支出小计", [("basic", "基本支出"), ("project", "项目支出")]),
    "state_capital": ("total", "合计", [("basic", "基本支出"), ("project", "项目支出")]),
}


@register(
    "table.rows", "error", "决算表某行的合计与分列之和不符（基本支出+项目支出…=合计；各项收入之和=本年收入合计）",
    title="决算表行内合计不符", why="决算表每行的合计应等于各分列之和（基本支出 + 项目支出 … = 合计）。",
    should_flag=[_EXPENDITURE.format(total="3481824.61", basic="3481824.61"),
                 _INCOME_ROWS.format(total="900.00")],
    should_pass=[_EXPENDITURE.format(total="1000.00", basic="400.00"),
                 _INCOME_ROWS.format(total="1000.00")],
    needs=TABLES,
)
def rows(ctx: Context, check: Check):
    for kind, (total_column, total_name, columns) in _ROW_SUMS.items():
        table = printed(ctx, kind)
        if table is None:
            continue
        for label, cells in _table_rows(table):
            if total_column not in cells:
                continue
            parts = [Term(name, cells[column]) for column, name in columns if column in cells]
            finding = sum_finding(ctx, check, f"{NAMES[kind]}{label}", Term(total_name, cells[total_column]), parts)
            if finding is not None:
                yield finding


def _table_rows(table: PrintedTable) -> Iterator[tuple[str, dict[str, Cell]]]:
    """The 合计 row (its named values) and every coded row, with a label for messages."""
    if table.values:
        yield "「合计」行", table.values
    for row in table.rows:
        yield row_label(row), row.cells


# ---------------------------------------------------------------- 1b. 类 = Σ款, 款 = Σ项, 合计 = Σ类

_HIERARCHY = ("合计\t{total}\t{total}\n201\t一般公共服务支出\t{cls}\t{cls}\n"
              "20101\t人大事务\t300.00\t300.00\n20103\t政府办公厅（室）及相关机构事务\t700.00\t700.00\n")
_HIERARCHY_TABLE = "一般公共预算财政拨款支出决算表\n金额单位：元\n项目\t\t合计\t基本支出\n" + _HIERARCHY


@register(
    "table.hierarchy", "error", "按功能分类的决算表中，类、款的金额与其下各款、各项之和不符，或合计与各类之和不符",
    title="类款项合计不符", why="按功能分类的决算表中，类 = Σ款，款 = Σ项，合计 = Σ类。",
    should_flag=[_HIERARCHY_TABLE.format(total="1000.00", cls="1100.00"),
                 _HIERARCHY_TABLE.format(total="1200.00", cls="1000.00")],
    should_pass=[_HIERARCHY_TABLE.format(total="1000.00", cls="1000.00")],
    needs=TABLES,
)
def hierarchy(ctx: Context, check: Check):
    for kind in _ROW_SUMS:
        table = printed(ctx, kind)
        if table is None or not table.rows:
            continue
        yield from _hierarchy_sums(ctx, check, table)


def _hierarchy_sums(ctx: Context, check: Check, table: PrintedTable) -> Iterator[Finding]:
    codes = [row.code for row in table.rows if row.code]
    if len(codes) != len(set(codes)):  # a code printed twice: which reading is the row is unsure
        return
    children: dict[str, list[PrintedRow]] = {}
    top: list[PrintedRow] = []
    for row in table.rows:
        parent = next((row.code[:n] for n in (5, 3) if n < len(row.code) and row.code[:n] in codes), None)
        if parent is not None:
            children.setdefault(parent, []).append(row)
        elif row.code:
            top.append(row)  # 合计 adds the rows no other row contains: the 类, or the 项 where only 项 are printed
    heads = [("合计", table.values, top)] if table.values and top else []
    heads += [(_row_name(row), row.cells, children[row.code]) for row in table.rows if row.code in children]
    for name, cells, parts in heads:
        for column, cell in cells.items():
            terms = [Term(_row_name(child), _cell_or_empty(child, column)) for child in parts]
            if cell.value == 0 and all(term.cell.value == 0 for term in terms):
                continue  # an empty column adds up by itself
            where = f"{NAMES[table.kind]}「{name}」行{_column_name(table.kind, column)}列"
            finding = sum_finding(ctx, check, where, Term(name, cell), terms)
            if finding is not None:
                yield finding


def _row_name(row: PrintedRow) -> str:
    return f"{row.code} {row.name or CLASS_NAMES.get(row.code, '')}".strip()


def _cell_or_empty(row: PrintedRow, column: str) -> Cell:
    """An empty cell reads as 0; it points at its row's line."""
    return row.cells.get(column) or Cell(ZERO, row.start, row.end, printed=False)


def _column_name(kind: str, column: str) -> str:
    total, total_name, parts = _ROW_SUMS[kind]
    return dict([(total, total_name), *parts]).get(column, column)


# ---------------------------------------------------------------- 2. the two 总表

_SOURCES = [("income.general_budget", "一般公共预算财政拨款收入"), ("income.government_fund", "政府性基金预算财政拨款收入"),
            ("income.state_capital", "国有资本经营预算财政拨款收入"), ("income.superior_subsidy", "上级补助收入"),
            ("income.business", "事业收入"), ("income.operating", "经营收入"),
            ("income.affiliated", "附属单位上缴收入"), ("income.other", "其他收入")]
_INCOME_TOTAL = [("income_total", "本年收入合计"), ("use_of_non_fiscal_balance", "使用非财政拨款结余"),
                 ("carried_forward_in", "年初结转和结余")]
_SPENDING_TOTAL = [("expenditure_total", "本年支出合计"), ("balance_distribution", "结余分配"),
                   ("carried_forward_out", "年末结转和结余")]
_FUNDS = [("general_budget", "一般公共预算财政拨款"), ("government_fund", "政府性基金预算财政拨款"),
          ("state_capital", "国有资本经营预算财政拨款")]


@register(
    "table.summary", "error", "收入支出决算总表、财政拨款收入支出决算总表的合计、总计与各项之和不符",
    title="总表合计不符", why="收入支出决算总表的合计、总计应等于各项之和。",
    should_flag=[_SUMMARY.format(fiscal="1100.00")],
    should_pass=[_SUMMARY.format(fiscal="1000.00")],
    needs=TABLES,
)
def summary(ctx: Context, check: Check):
    for kind, sums_of in (("summary", _summary_sums), ("fiscal", _fiscal_sums)):
        table = printed(ctx, kind)
        if table is not None:
            yield from _sums(ctx, check, NAMES[kind], sums_of(table.values))


def _summary_sums(v: dict[str, Cell]) -> list[tuple[Term, list[Term]]]:
    """收入支出决算总表: 本年收入合计 = Σ sources, 本年支出合计 = Σ 类, 收入总计 and 支出总计 = Σ their lines."""
    checks = []
    if "income_total" in v:
        checks.append((Term("本年收入合计", v["income_total"]), _terms(v, _SOURCES)))
    classes = [Term(CLASS_NAMES.get(key[6:], key[6:]), cell) for key, cell in v.items() if key.startswith("class.")]
    if "expenditure_total" in v and classes:
        checks.append((Term("本年支出合计", v["expenditure_total"]), classes))
    if "grand_total_income" in v:
        checks.append((Term("收入总计", v["grand_total_income"]), _terms(v, _INCOME_TOTAL)))
    if "grand_total_expenditure" in v:
        checks.append((Term("支出总计", v["grand_total_expenditure"]), _terms(v, _SPENDING_TOTAL)))
    return checks


def _fiscal_sums(v: dict[str, Cell]) -> list[tuple[Term, list[Term]]]:
    """财政拨款收入支出决算总表: each 合计 = Σ funds."""
    checks = []
    if "income_total" in v:
        checks.append((Term("本年收入合计", v["income_total"]), _terms(v, [(f"income.{f}", n) for f, n in _FUNDS])))
    for side, name in (("expenditure", "本年支出合计"), ("carried_forward_out", "年末财政拨款结转和结余")):
        funds = [(f"{side}.{fund}", fund_name) for fund, fund_name in _FUNDS]
        # a 合计 printed alone was given to one fund by extraction: only a printed split can disagree
        if f"{side}.total" in v and any(key in v and v[key].printed for key, _ in funds):
            checks.append((Term(name, v[f"{side}.total"]), _terms(v, funds)))
    return checks


def _terms(values: dict[str, Cell], names: list[tuple[str, str]]) -> list[Term]:
    return [Term(name, values[key]) for key, name in names if key in values]


def _sums(ctx: Context, check: Check, where: str, checks: list[tuple[Term, list[Term]]]) -> Iterator[Finding]:
    for total, parts in checks:
        if not parts:
            continue
        finding = sum_finding(ctx, check, where, total, parts)
        if finding is not None:
            yield finding


# ---------------------------------------------------------------- 3. 基本支出决算明细表

_PERSONNEL_CLASSES = ("301", "303")  # as extraction counts them (otherreaders._PERSONNEL)


@register(
    "table.basic_detail", "error", "基本支出决算明细表：人员经费+公用经费与合计不符，或各类、各款之和与合计不符",
    title="基本支出明细表合计不符", why="人员经费 + 公用经费应等于合计，各类、各款之和应等于合计。",
    should_flag=[_DETAIL.format(wages="100.00").replace("人员经费合计\t100.00", "人员经费合计\t120.00")],
    should_pass=[_DETAIL.format(wages="100.00")],
    needs=TABLES,
)
def basic_detail(ctx: Context, check: Check):
    table = printed(ctx, "basic_detail")
    if table is None:
        return
    where, v = NAMES["basic_detail"], table.values
    checks = []
    if "total" in v:
        checks.append((Term("合计", v["total"]), _terms(v, [("personnel_total", "人员经费合计"), ("public_total", "公用经费合计")])))
    classes = [row for row in table.rows if len(row.code) == 3]
    for key, name, personnel in (("personnel_total", "人员经费合计", True), ("public_total", "公用经费合计", False)):
        mine = [Term(f"{row.code} {row.name}", row.cells["amount"]) for row in classes
                if (row.code in _PERSONNEL_CLASSES) == personnel]
        if key in v and mine:
            checks.append((Term(name, v[key]), mine))
    yield from _sums(ctx, check, where, checks)
    for row in classes:
        items = [Term(f"{item.code} {item.name}", item.cells["amount"]) for item in table.rows
                 if len(item.code) == 5 and item.code.startswith(row.code)]
        if items:
            head = Term(row.name or row.code, row.cells["amount"])
            yield from _sums(ctx, check, f"{where}{row_label(row)}", [(head, items)])


# ---------------------------------------------------------------- 4. 三公经费

_THREE_ITEMS = [("outbound", "因公出国（境）费"), ("vehicle_purchase", "公务用车购置费"),
                ("vehicle_operation", "公务用车运行维护费"), ("reception", "公务接待费")]


@register(
    "table.three_public", "error", "“三公”经费支出决算表的预算数、决算数合计（或公务用车小计）与各项之和不符",
    title="三公经费表合计不符", why="“三公”经费表的预算数、决算数合计（及公务用车小计）应等于各项之和。",
    should_flag=[_THREE.format(budget="0")],
    should_pass=[_THREE.format(budget="2000.00")],
    needs=TABLES,
)
def three_public(ctx: Context, check: Check):
    table = printed(ctx, "three_public")
    if table is None:
        return
    v, where = table.values, NAMES["three_public"]
    checks = []
    for side, word in (("budget", "预算数"), ("actual", "决算数")):
        if f"{side}.total" not in v:
            continue
        # the leaves, not 小计: a wrong 小计 is reported once, on its own line
        leaves = _terms(v, [(f"{side}.{item}", f"{name}{word}") for item, name in _THREE_ITEMS])
        checks.append((Term(f"{word}合计", v[f"{side}.total"]), leaves))
        cars = _terms(v, [(f"{side}.vehicle_purchase", f"公务用车购置费{word}"),
                          (f"{side}.vehicle_operation", f"公务用车运行维护费{word}")])
        if v[f"{side}.vehicle"].printed:
            checks.append((Term(f"公务用车购置及运行维护费小计{word}", v[f"{side}.vehicle"]), cars))
    yield from _sums(ctx, check, where, checks)


# ---------------------------------------------------------------- 5. 政府采购 (统计表)

@register(
    "table.procurement", "error", "相关信息统计表：政府采购合计与货物、工程、服务之和不符",
    title="政府采购合计不符", why="政府采购合计应等于货物、工程、服务之和。",
    should_flag=[_STATS.format(total="95.24")],
    should_pass=[_STATS.format(total="93.24")],
    needs=TABLES,
)
def procurement(ctx: Context, check: Check):
    table = printed(ctx, "stats")
    if table is None or "procurement.total" not in table.values:
        return
    parts = _terms(table.values, [("procurement.goods", "货物"), ("procurement.works", "工程"),
                                  ("procurement.services", "服务")])
    yield from _sums(ctx, check, f"{NAMES['stats']} 政府采购", [(Term("合计", table.values["procurement.total"]), parts)])


# ---------------------------------------------------------------- 6. the same value in two tables

@dataclass(frozen=True)
class Side:
    """One side of a pair: a table, the value keys whose sum is compared, and how a message names it."""

    kind: str
    keys: tuple[str, ...]
    name: str


# Pairs equal by definition.  The second side is where a finding points (the more detailed table).
_PAIRS = [
    (Side("summary", ("income_total",), "本年收入合计"), Side("income", ("total",), "「合计」行 本年收入合计")),
    (Side("summary", ("expenditure_total",), "本年支出合计"), Side("expenditure", ("total",), "「合计」行 本年支出合计")),
    (Side("summary", ("income.general_budget", "income.government_fund", "income.state_capital"), "财政拨款收入（三项之和）"),
     Side("income", ("fiscal",), "「合计」行 财政拨款收入")),
    *[(Side("summary", (f"income.{key}",), name), Side("income", (key,), f"「合计」行 {name}"))
      for key, name in (("superior_subsidy", "上级补助收入"), ("business", "事业收入"), ("operating", "经营收入"),
                        ("affiliated", "附属单位上缴收入"), ("other", "其他收入"))],
    *[(Side("summary", (f"income.{fund}",), f"{name}收入"), Side("fiscal", (f"income.{fund}",), name))
      for fund, name in _FUNDS],
    (Side("fiscal", ("expenditure.general_budget",), "一般公共预算财政拨款 本年支出"),
     Side("general_budget", ("total",), "「合计」行 合计")),
    (Side("fiscal", ("expenditure.government_fund",), "政府性基金预算财政拨款 本年支出"),
     Side("government_fund", ("total",), "「合计」行 本年支出小计")),
    (Side("fiscal", ("expenditure.state_capital",), "国有资本经营预算财政拨款 本年支出"),
     Side("state_capital", ("total",), "「合计」行 合计")),
    (Side("general_budget", ("basic",), "「合计」行 基本支出"),
     Side("basic_detail", ("personnel_total", "public_total"), "人员经费合计 + 公用经费合计")),
]


@register(
    "table.cross", "error", "同一数值在两张决算表中不一致（如总表本年支出合计与支出决算表合计）",
    title="两张决算表数值不一致", why="同一数值在不同决算表中应相同，不同说明其中一张表有误。",
    should_flag=[_CROSS.format(total="1100.00", project="700.00")],
    should_pass=[_CROSS.format(total="1000.00", project="600.00")],
    needs=TABLES,
)
def cross(ctx: Context, check: Check):
    if ctx.document is None:
        return
    for first, second in _PAIRS:
        finding = _pair(ctx, check, first, second)
        if finding is not None:
            yield finding
    yield from _class_pairs(ctx, check)


def _pair(ctx: Context, check: Check, first: Side, second: Side) -> Finding | None:
    a, b = printed(ctx, first.kind), printed(ctx, second.kind)
    if a is None or b is None or not a.values or not b.values:
        return None  # a table missing or read without values: nothing to compare
    a_cells, b_cells = _cells(a, first.keys), _cells(b, second.keys)
    factor = convert(Decimal(1), b.unit or a.unit, a.unit or b.unit)
    if _sum_interval(a_cells).overlaps(_sum_interval(b_cells, factor)):
        return None
    a_value, b_value = _sum_shown(a_cells), _sum_shown(b_cells)
    unit_note = "" if a.unit == b.unit else f"（{b.unit}，换算为{a.unit}比较）"
    start, end = _where(b, b_cells)
    return check.finding(
        ctx, start, end,
        f"{NAMES[second.kind]}{second.name} {b_value}{unit_note} 与{NAMES[first.kind]}{first.name} {a_value} 不一致，两者应相等",
        stated=b_value, expected=a_value,
        formula=f"{NAMES[first.kind]}{first.name} = {NAMES[second.kind]}{second.name}",
    )


def _class_pairs(ctx: Context, check: Check) -> Iterator[Finding]:
    """收入支出决算总表 支出 by function class = 支出决算表 类 rows (本年支出合计)."""
    summary_table, expenditure = printed(ctx, "summary"), printed(ctx, "expenditure")
    if summary_table is None or expenditure is None or not expenditure.rows:
        return
    stated = {key[6:]: cell for key, cell in summary_table.values.items() if key.startswith("class.")}
    rows = {row.code: row for row in expenditure.rows if len(row.code) == 3}
    if not rows:
        return  # a table printing only 项 rows (seed 002) has no 类 to compare
    # only classes both tables print: a blank or garbled class label is not read, so absence proves nothing
    for code in sorted(stated.keys() & rows.keys()):
        row, summary_name = rows[code], f"{NAMES['summary']} {CLASS_NAMES.get(code, code)}"
        total = row.cells["total"]
        if interval(stated[code]).overlaps(interval(total)):
            continue
        yield check.finding(
            ctx, total.start, total.end,
            f"{NAMES['expenditure']}{row_label(row)} 本年支出合计 {shown(total)} 与{summary_name} "
            f"{shown(stated[code])} 不一致，两者应相等",
            stated=shown(total), expected=shown(stated[code]),
            formula=f"{summary_name} = {NAMES['expenditure']}{row_label(row)} 本年支出合计",
        )


def _cells(table: PrintedTable, keys: Iterable[str]) -> list[Cell]:
    """The cells of ``keys``; a key the table has no value for was left blank, which is 0."""
    return [table.values[key] for key in keys if key in table.values]


def _sum_interval(cells: list[Cell], factor: Decimal = Decimal(1)) -> Interval:
    return sum((interval(cell, factor) for cell in cells), Interval.exact(ZERO))


def _sum_shown(cells: list[Cell]) -> str:
    total = sum((cell.value for cell in cells), ZERO)
    return format_amount(total, max((places(cell) for cell in cells), default=2))


def _where(table: PrintedTable, cells: list[Cell]) -> tuple[int, int]:
    """The first printed cell of a side, else its row, else the table's title."""
    cell = next((cell for cell in cells if cell.printed), cells[0] if cells else None)
    return (cell.start, cell.end) if cell is not None else table.title_span


# ---------------------------------------------------------------- 7. a standard table missing

_NUMBERING = re.compile(r"^[\s\-*#·•]*(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[）)])?")
_PAGE = re.compile(r"[\s.·…]*\d*\s*$")


@register(
    "table.missing", "warning", "缺少部门决算应公开的决算表",
    title="缺少应公开的决算表", why="目录列出的决算表在文件中找不到，公开内容不完整。",
    should_flag=["目录\n一、收入支出决算总表\n二、支出决算表\n收入支出决算总表\n金额单位：元\n本年收入合计\t100.00\t本年支出合计\t100.00\n"],
    should_pass=[_ALL_TITLES,
                 "2024年度收入合计100.00万元，支出合计100.00万元。"],  # no table at all: an excerpt, not a document
    needs=TABLES,
)
def missing(ctx: Context, check: Check):
    document = ctx.document
    if document is None or not document.tables:
        return
    first_table = min((table.start for table in document.printed), default=0)
    for kind in STANDARD_KINDS:
        if kind in document.tables:
            continue
        listed = _contents_line(document.text, kind, first_table)
        start, end = listed or _first_title(document)
        message = (f"目录列有「{NAMES[kind]}」，但文档中没有这张表" if listed
                   else f"未找到「{NAMES[kind]}」：部门决算应公开这张表（无数据的也应公开空表并说明）")
        yield check.finding(ctx, start, end, message, stated="", expected=NAMES[kind])


def _contents_line(text: str, kind: str, limit: int) -> tuple[int, int] | None:
    """The contents entry naming the table (三、支出决算表), before the tables begin."""
    offset = 0
    for line in text[:limit].split("\n"):
        entry = _PAGE.sub("", _NUMBERING.sub("", line))
        if entry and title_kind(entry) == kind:
            lead = line.find(entry)
            return offset + lead, offset + lead + len(entry)
        offset += len(line) + 1
    return None


def _first_title(document) -> tuple[int, int]:
    if document.printed:
        return document.printed[0].title_span
    return 0, 0
