"""Golden case seed-004 (山西, 万元): the hand-transcribed figures against the seed itself.

Three kinds of evidence, none of them the figures file:

* the seed's 决算表 as printed, read back from ``golden/seed-004/source.txt`` (a verbatim copy
  of the seed, so CI needs no /work/shared): every row of 公开01/02/03/04/05/06/09/10表 must be in
  the figures file with the same amounts, and nothing extra;
* the tables' own totals (合计/总计 rows): parts must add up to them;
* the narrative (第三部分 情况说明, verbatim in ``tests/data/seed-004-narrative.txt``): every
  stated change must satisfy prior + change == current, every stated rate must follow from
  those amounts, and every 年初预算/主要原因 in the figures file must be the one stated.

Amounts are Decimal throughout; no float is ever formed.

Rounding.  The tables were converted from 元 to 万元 cell by cell (表注: "本套报表金额单位转换时
可能存在尾数误差"), so a printed whole can differ from the sum of its printed parts.  With n
parts each rounded by at most 0.005 and the whole by at most 0.005, the gap is at most
(n + 1) × 0.005.  The test does not simply widen every comparison by that slack: it lists
the few gaps the seed actually prints (KNOWN_GAPS) and requires every other sum to be exact,
so a mistyped cent anywhere else still fails.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from narrator.figures import Facts, load_figures
from narrator.figures.facts import CLASS_NAMES

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden" / "seed-004"
FIGURES = GOLDEN / "figures.yaml"
SOURCE = GOLDEN / "source.txt"
NARRATIVE = Path(__file__).resolve().parent / "data" / "seed-004-narrative.txt"

D = Decimal
ZERO = D(0)
HALF_CENT = D("0.005")
N = r"\d+(?:\.\d+)?"  # an amount or a percentage as the seed writes it


def pct(part: Decimal, whole: Decimal) -> Decimal:
    return (part / whole * 100).quantize(D("0.01"), rounding=ROUND_HALF_UP)


def amount(cell: str) -> Decimal:
    cell = cell.strip()
    return ZERO if cell in ("", "———") else D(cell)


@pytest.fixture(scope="module")
def figures():
    return load_figures(FIGURES)


@pytest.fixture(scope="module")
def facts(figures):
    return Facts(figures)


@pytest.fixture(scope="module")
def source() -> str:
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def narrative() -> str:
    return NARRATIVE.read_text(encoding="utf-8")


# ---------------------------------------------------------------- the seed's printed tables

def table_lines(source: str, title: str, note: str) -> list[list[str]]:
    """Tab-split, non-blank lines between a table's title line and its 注 line."""
    lines = source.splitlines()
    start = lines.index(title)
    end = next(i for i in range(start, len(lines)) if lines[i].startswith(note))
    return [line.split("\t") for line in lines[start + 1:end] if line.strip()]


def function_rows(source: str, title: str, note: str, width: int) -> tuple[list[Decimal], dict[str, tuple[str, list[Decimal]]]]:
    """(合计 amounts, {code: (name, amounts)}) of a table keyed by function code."""
    total: list[Decimal] | None = None
    rows: dict[str, tuple[str, list[Decimal]]] = {}
    for cells in table_lines(source, title, note):
        cells = cells + [""] * (2 + width - len(cells))
        if cells[0] == "合计":
            total = [amount(c) for c in cells[2:2 + width]]
        elif re.fullmatch(r"\d{3}(\d{2}){0,2}", cells[0]):
            rows[cells[0]] = (cells[1], [amount(c) for c in cells[2:2 + width]])
    assert total is not None, f"{title}: 合计 row not found"
    return total, rows


def test_source_and_narrative_fixture_are_the_seed(source, narrative):
    assert "中共长治市委网络安全和信息化委员会" in source and "2024年度单位决算公开" in source
    assert narrative.startswith("第三部分 情况说明")
    assert narrative in source, "the narrative fixture must be a verbatim excerpt of source.txt"
    assert "第四部分" not in narrative


def test_header(figures):
    assert figures.unit == "中共长治市委网络安全和信息化委员会办公室"
    assert figures.year == 2024
    assert figures.amount_unit == "万元"
    assert figures.administrative is True


def test_summary_matches_table_01(figures, source):
    s = figures.summary
    by_class: dict[str, Decimal] = {}
    printed: dict[str, Decimal] = {}
    names = {name: code for code, name in CLASS_NAMES.items()}
    for cells in table_lines(source, "收入支出决算总表", "注：本表反映部门本年度的总收支"):
        cells = cells + [""] * (6 - len(cells))
        left, right = cells[0], cells[3]
        if left and re.fullmatch(r"\d+", cells[1]):  # a numbered 收入 row (行次 1…31)
            printed[left] = amount(cells[2])
        class_name = re.sub(r"^[一二三四五六七八九十]+、", "", right)
        if class_name in names and amount(cells[5]):
            by_class[names[class_name]] = amount(cells[5])
        if right in ("本年支出合计", "结余分配", "年末结转和结余"):
            printed[right] = amount(cells[5])
        if right == "总计":
            printed["支出总计"] = amount(cells[5])
    assert s.expenditure_by_class == by_class
    assert s.income.general_budget == printed["一、一般公共预算财政拨款收入"] == D("465.34")
    assert s.income.fiscal == s.income.general_budget  # no other source has an amount
    assert s.income_total == printed["本年收入合计"]
    assert s.carried_forward_in == printed["年初结转和结余"] == D("37.64")
    assert s.use_of_non_fiscal_balance == printed["使用非财政拨款结余（专用结余）"] == ZERO
    assert s.expenditure_total == printed["本年支出合计"]
    assert s.balance_distribution == printed["结余分配"] == ZERO
    assert s.carried_forward_out == printed["年末结转和结余"] == ZERO
    # the table's own totals
    assert s.grand_total_income == printed["总计"] == D("502.98")
    assert s.grand_total_expenditure == printed["支出总计"] == D("502.98")
    assert sum(s.expenditure_by_class.values(), ZERO) == s.expenditure_total
    assert s.income.fiscal + s.income.superior_subsidy + s.income.business + s.income.operating \
        + s.income.affiliated + s.income.other == s.income_total


# ---------------------------------------------------------------- function-code tables

INCOME_COLUMNS = ("total", "fiscal", "superior_subsidy", "business", "operating", "affiliated", "other")
EXPENDITURE_COLUMNS = ("total", "basic", "project", "to_superior", "operating", "to_affiliated")
GENERAL_BUDGET_COLUMNS = ("total", "basic", "project")

# (table, column, code) → sum of printed children − printed parent, as the seed prints them.
# "合计" is the table's 合计 row; a code is a 类/款 row against its 款/项 rows; "parts" is
# 基本 + 项目 − 合计 on one row.  Each is a 万元 conversion tail (see module docstring).
KNOWN_GAPS = {
    ("income", "total", "20137"): D("0.01"),  # 196.40 + 214.61 = 411.01 vs 411.00 (line 110–112)
    ("income", "fiscal", "20137"): D("0.01"),
    ("expenditure", "total", "20137"): D("0.01"),  # 224.15 + 224.50 = 448.65 vs 448.64 (line 141–143)
    ("expenditure", "parts", "合计"): D("0.01"),  # 278.49 + 224.50 = 502.99 vs 502.98 (line 139)
    ("expenditure", "parts", "201"): D("0.01"),  # 224.15 + 224.50 = 448.65 vs 448.64 (line 140)
    ("expenditure", "parts", "20137"): D("0.01"),
    ("general_budget", "total", "20137"): D("0.01"),  # same rows in 公开05表 (line 221–225)
    ("general_budget", "parts", "合计"): D("0.01"),
    ("general_budget", "parts", "201"): D("0.01"),
    ("general_budget", "parts", "20137"): D("0.01"),
}


def hierarchy_gaps(table: str, rows, totals, columns) -> dict[tuple[str, str, str], tuple[Decimal, int]]:
    """Every nonzero (children − parent) gap, with the number of children summed."""
    gaps = {}
    by_code = {r.code: r for r in rows}
    classes = [r for r in rows if len(r.code) == 3]
    for column in columns:
        parent_total = getattr(totals, column)
        children = sum((getattr(r, column) for r in classes), ZERO)
        if children != parent_total:
            gaps[(table, column, "合计")] = (children - parent_total, len(classes))
        for code, parent in by_code.items():
            kids = [r for r in rows if len(r.code) == len(code) + 2 and r.code.startswith(code)]
            if not kids:
                continue
            gap = sum((getattr(k, column) for k in kids), ZERO) - getattr(parent, column)
            if gap:
                gaps[(table, column, code)] = (gap, len(kids))
    return gaps


def parts_gaps(table: str, rows, totals) -> dict[tuple[str, str, str], tuple[Decimal, int]]:
    """基本 + 项目 (+ the other kinds) − 合计, per row and for the 合计 row."""
    gaps = {}
    for code, row in [("合计", totals), *((r.code, r) for r in rows)]:
        parts = row.basic + row.project + getattr(row, "to_superior", ZERO) \
            + getattr(row, "operating", ZERO) + getattr(row, "to_affiliated", ZERO)
        if parts != row.total:
            gaps[(table, "parts", code)] = (parts - row.total, 2)
    return gaps


def assert_only_known_gaps(gaps, table):
    expected = {k: v for k, v in KNOWN_GAPS.items() if k[0] == table}
    assert {k: g for k, (g, _n) in gaps.items()} == expected
    for key, (gap, n) in gaps.items():
        assert abs(gap) <= (n + 1) * HALF_CENT, f"{key}: gap {gap} exceeds the rounding slack of {n} parts"


def test_income_table_matches_table_02(figures, source):
    total, printed = function_rows(source, "收入决算表", "注：本表反映部门本年度取得的各项收入", len(INCOME_COLUMNS))
    t = figures.income
    assert [getattr(t.totals, c) for c in INCOME_COLUMNS] == total
    assert {r.code: (r.name, [getattr(r, c) for c in INCOME_COLUMNS]) for r in t.rows} == printed
    assert t.totals.total == figures.summary.income_total == D("465.34")
    assert sum((r.total for r in t.rows if r.level == "类"), ZERO) == t.totals.total
    for row in [t.totals, *t.rows]:
        assert row.total == sum((getattr(row, c) for c in INCOME_COLUMNS[1:]), ZERO)
    assert_only_known_gaps(hierarchy_gaps("income", t.rows, t.totals, INCOME_COLUMNS), "income")


def test_expenditure_table_matches_table_03(figures, source):
    total, printed = function_rows(source, "支出决算表", "注：本表反映部门本年度各项支出情况", len(EXPENDITURE_COLUMNS))
    t = figures.expenditure
    assert [getattr(t.totals, c) for c in EXPENDITURE_COLUMNS] == total
    assert {r.code: (r.name, [getattr(r, c) for c in EXPENDITURE_COLUMNS]) for r in t.rows} == printed
    assert (t.totals.total, t.totals.basic, t.totals.project) == (D("502.98"), D("278.49"), D("224.50"))
    assert t.totals.total == figures.summary.expenditure_total
    classes = {r.code: r.total for r in t.rows if r.level == "类"}
    assert classes == figures.summary.expenditure_by_class
    gaps = hierarchy_gaps("expenditure", t.rows, t.totals, EXPENDITURE_COLUMNS)
    gaps |= parts_gaps("expenditure", t.rows, t.totals)
    assert_only_known_gaps(gaps, "expenditure")


def test_general_budget_table_matches_table_05(figures, source):
    total, printed = function_rows(source, "一般公共预算财政拨款支出决算表", "注：本表反映部门本年度一般公共预算",
                                   len(GENERAL_BUDGET_COLUMNS))
    g = figures.general_budget
    assert [g.total, g.basic, g.project] == total
    assert {r.code: (r.name, [r.total, r.basic, r.project]) for r in g.rows} == printed
    assert g.total == figures.fiscal.expenditure.general_budget == figures.summary.expenditure_total
    # all expenditure is 一般公共预算财政拨款, so 公开05表 repeats 公开03表 row for row
    assert [(r.code, r.name, r.total, r.basic, r.project) for r in g.rows] == \
        [(r.code, r.name, r.total, r.basic, r.project) for r in figures.expenditure.rows]
    gaps = hierarchy_gaps("general_budget", g.rows, g, GENERAL_BUDGET_COLUMNS)
    gaps |= parts_gaps("general_budget", g.rows, g)
    assert_only_known_gaps(gaps, "general_budget")


def test_fiscal_summary_matches_table_04(figures, source):
    printed = {}
    for cells in table_lines(source, "财政拨款收入支出决算总表", "注：本表反映部门本年度一般公共预算财政拨款、"):
        cells = cells + [""] * (9 - len(cells))
        if cells[0] in ("本年收入合计", "年初财政拨款结转和结余", "总计"):
            printed[cells[0]] = amount(cells[2])
        if cells[3] in ("本年支出合计", "年末财政拨款结转和结余", "总计"):
            printed["支出" + cells[3]] = [amount(c) for c in cells[5:9]]
    f = figures.fiscal
    assert f.income.total == f.income.general_budget == printed["本年收入合计"]
    assert f.carried_forward_in.total == f.carried_forward_in.general_budget == printed["年初财政拨款结转和结余"]
    assert [f.expenditure.total, f.expenditure.general_budget, f.expenditure.government_fund,
            f.expenditure.state_capital] == printed["支出本年支出合计"]
    assert f.carried_forward_out.total == ZERO and printed["支出年末财政拨款结转和结余"] == [ZERO] * 4
    assert f.grand_total_income == printed["总计"] == D("502.98")
    assert [f.grand_total_expenditure, f.grand_total_expenditure, ZERO, ZERO] == printed["支出总计"]
    assert not figures.government_fund.rows and figures.government_fund.total == ZERO  # 公开07表 本表无数据
    assert not figures.state_capital.rows and figures.state_capital.total == ZERO  # 公开08表 本表无数据


# ---------------------------------------------------------------- 公开06表 基本支出明细

def test_basic_detail_matches_table_06(figures, source):
    printed = {}
    totals = {}
    for cells in table_lines(source, "一般公共预算财政拨款基本支出决算明细表", "注：本表反映部门本年度一般公共预算财政拨款基本支出明细"):
        if cells[0] == "人员经费合计":
            totals = {"人员经费": amount(cells[2]), "公用经费": amount(cells[-1])}
            continue
        cells = cells + [""] * (12 - len(cells))
        for group in range(4):
            code, name, value = cells[3 * group:3 * group + 3]
            if re.fullmatch(r"\d{3}(\d{2})?", code) and amount(value):
                printed[code] = (name, amount(value), "人员经费" if group == 0 else "公用经费")
    d = figures.basic_detail
    assert {r.code: (r.name, r.amount, r.kind) for r in d.rows} == printed
    assert (d.personnel_total, d.public_total) == (totals["人员经费"], totals["公用经费"]) == (D("207.29"), D("71.20"))


def test_basic_detail_adds_up(figures):
    """人员经费 + 公用经费 = 基本支出; each kind's 类 rows and 款 rows add to its total, exactly."""
    d = figures.basic_detail
    assert d.personnel_total + d.public_total == figures.general_budget.basic == D("278.49")
    assert d.total == figures.expenditure.totals.basic
    for kind, total in (("人员经费", d.personnel_total), ("公用经费", d.public_total)):
        classes = [r for r in d.rows if r.kind == kind and len(r.code) == 3]
        items = [r for r in d.rows if r.kind == kind and len(r.code) == 5]
        assert sum((r.amount for r in classes), ZERO) == total, kind
        assert sum((r.amount for r in items), ZERO) == total, kind
        for c in classes:
            assert sum((r.amount for r in items if r.code.startswith(c.code)), ZERO) == c.amount, c.code
        for r in items:
            assert any(r.code.startswith(c.code) for c in classes), f"{r.code} has no 类 row of kind {kind}"
    # 机关运行经费 of a 行政单位 is its 公用经费 (名词解释 十二)
    assert figures.operating_expenses == d.public_total


def test_basic_detail_lists_every_item_the_narrative_names(figures, narrative):
    m = re.search(rf"2024年度财政拨款基本支出({N})万元", narrative)
    assert D(m[1]) == figures.basic_detail.total
    rows = {r.name: r for r in figures.basic_detail.rows}
    for kind, end in (("人员经费", "；"), ("公用经费", "。")):
        m = re.search(rf"{kind}({N})万元，主要包括([^{end}]+){end}", narrative)
        assert m, kind
        total = figures.basic_detail.personnel_total if kind == "人员经费" else figures.basic_detail.public_total
        assert D(m[1]) == total
        items = re.findall(rf"([^、]+?)({N})万元", m[2])
        assert len(items) == len(m[2].split("、"))
        for name, value in items:
            assert name in rows, f"六 names {name}, which has no row"
            assert rows[name].kind == kind and rows[name].amount == D(value), name
        assert sum((D(v) for _n, v in items), ZERO) == total


# ---------------------------------------------------------------- 公开09表 三公, 公开10表

def test_three_public_matches_table_09(figures, source):
    lines = table_lines(source, "财政拨款“三公”经费支出决算表", "注：本表反映部门本年度“三公”经费")
    values = [amount(c) for c in lines[-1]]  # the one data row after 栏次 1…12
    values += [ZERO] * (12 - len(values))
    tp = figures.three_public
    budget = [tp.budget, tp.outbound.budget, tp.vehicle_purchase.budget + tp.vehicle_operation.budget,
              tp.vehicle_purchase.budget, tp.vehicle_operation.budget, tp.reception.budget]
    actual = [tp.actual, tp.outbound.actual, tp.vehicle_purchase.actual + tp.vehicle_operation.actual,
              tp.vehicle_purchase.actual, tp.vehicle_operation.actual, tp.reception.actual]
    assert budget == values[:6] and actual == values[6:]
    assert tp.budget == tp.actual == D("0.05")


def test_three_public_counts_match_the_narrative(figures, narrative):
    tp = figures.three_public
    m = re.search(r"出国团组共(\d+)个，(\d+)人次", narrative)
    assert (tp.outbound.groups, tp.outbound.persons) == (int(m[1]), int(m[2]))
    assert tp.vehicle_purchase.count == int(re.search(r"共购置公务用车(\d+)辆", narrative)[1])
    assert tp.vehicle_operation.fleet == int(re.search(r"公务用车保有量共(\d+)辆", narrative)[1])
    m = re.search(rf"公务接待费支出({N})万元，共接待(\d+)批次，(\d+)人次", narrative)
    assert (tp.reception.actual, tp.reception.batches, tp.reception.persons) == (D(m[1]), int(m[2]), int(m[3]))
    m = re.search(rf"其中外事接待费({N})万元，共接待(\d+)批次，(\d+)人次", narrative)
    assert (tp.reception.foreign_actual, tp.reception.foreign_batches, tp.reception.foreign_persons) == \
        (D(m[1]), int(m[2]), int(m[3]))


def test_other_matters_match_table_10_and_narrative(figures, source, narrative):
    printed = {}
    for cells in table_lines(source, "部门决算公开相关信息统计表", "注：本表反映部门本年度政府采购"):
        if len(cells) >= 3 and re.fullmatch(r"\d+", cells[1]):
            printed[cells[0]] = amount(cells[2])
    p = figures.procurement
    assert (p.total, p.goods, p.works, p.services) == \
        (printed["合计"], printed["货物"], printed["工程"], printed["服务"]) == \
        (D("93.24"), D("6.25"), ZERO, D("86.99"))
    m = re.search(rf"政府采购支出总额({N})万元，其中：政府采购货物支出({N})万元、政府采购工程支出({N})万元、"
                  rf"政府采购服务支出({N})万元", narrative)
    assert [D(v) for v in m.groups()] == [p.total, p.goods, p.works, p.services]
    assert p.sme == D(re.search(rf"授予中小企业合同金额({N})万元", narrative)[1])
    assert p.small_micro == D(re.search(rf"授予小微企业合同金额({N})万元", narrative)[1])
    assert p.small_micro <= p.sme <= p.total

    assert figures.operating_expenses == printed["（一）行政单位"] == D("71.20")
    assert printed["（二）参照公务员法管理事业单位"] == ZERO

    v = figures.assets.vehicles
    assert v.total == int(printed["（一）车辆数合计（辆）"]) == 1
    assert v.by_kind["机要通信用车"] == int(printed["3. 机要通信用车"])
    assert v.total == int(re.search(r"共有车辆(\d+)辆", narrative)[1])
    assert figures.assets.large_equipment == int(printed["（二）单价100万元（含）以上设备（不含车辆）"]) \
        == int(re.search(r"以上设备（不含车辆）(\d+)台（套）", narrative)[1])


def test_performance_matches_the_narrative(figures, narrative):
    perf = figures.performance
    m = re.search(rf"绩效自评个数(\d+)个，资金({N})万元：(.+)", narrative)
    assert (perf.self_evaluated_projects, perf.self_evaluated_funds) == (int(m[1]), D(m[2])) == (13, D("224.5"))
    assert perf.summary == m[3]
    grades = [int(n) for n in re.findall(r"(\d+)个项目自评等级", perf.summary)]
    assert sum(grades) == perf.self_evaluated_projects


# ---------------------------------------------------------------- narrative: changes, budgets, causes

CHANGE = rf"(?P<dir>增加|减少)(?P<change>{N})万元，(?P<rdir>增长|下降)(?P<rate>{N})%"
BUDGET = rf"年初预算(?P<budget>{N})万元，支出决算(?P<current>{N})万元，完成年初预算的(?P<completion>{N})%"
CAUSE = r"主要原因(?:是：|是|：)?(?P<cause>[^。；]+)[。；]"
SAME = r"(?P<same>与上年相同)"

# (fact key, pattern over the narrative fixture), taken by hand from the seed text (lines 366–473).
# Groups: current; dir/change/rdir/rate (a change against 上年); same (与上年相同); budget and
# completion (年初预算); full_year (全年预算); cause (主要原因).
STATEMENTS = [
    ("grand_total.income",  # 一
     rf"2024年度收入总计(?P<current>{N})万元，支出总计{N}万元。与上年相比，收入总计{CHANGE}，支出总计[^。]+。{CAUSE}"),
    ("grand_total.expenditure",
     rf"2024年度收入总计{N}万元，支出总计(?P<current>{N})万元。与上年相比，收入总计[^，]+，[^，]+，支出总计{CHANGE}。{CAUSE}"),
    ("fiscal.grand_total.income",  # 四
     rf"2024年度财政拨款收入总计(?P<current>{N})万元，支出总计{N}万元。与上年相比，财政拨款收入总计{CHANGE}；[^。]+。{CAUSE}"),
    ("fiscal.grand_total.expenditure",
     rf"2024年度财政拨款收入总计{N}万元，支出总计(?P<current>{N})万元。与上年相比，[^；]+；财政拨款支出总计{CHANGE}。{CAUSE}"),
    ("general_budget.total",  # 五(一)
     rf"一般公共预算财政拨款决算支出(?P<current>{N})万元，占本年支出合计的{N}%。与上年相比，一般公共预算财政拨款支出{CHANGE}。{CAUSE}"),
    ("general_budget.total",  # 五(三) 总
     rf"一般公共预算财政拨款支出{BUDGET}。"),
    *((f"general_budget.{code}",  # 五(三) 各类
       rf"{CLASS_NAMES[code]}{BUDGET}，用于[^。]+。较上年决算{CHANGE}，{CAUSE}")
      for code in ("201", "205", "208", "210", "221")),
    ("three_public.total",  # 九(一)
     rf"“三公”经费财政拨款支出全年预算(?P<full_year>{N})万元，支出决算(?P<current>{N})万元，"
     rf"完成全年预算的(?P<completion>{N})%，比上年度{CHANGE}，{CAUSE}"),
    ("three_public.outbound", rf"因公出国（境）费支出(?P<current>{N})万元，{SAME}，{CAUSE}"),
    ("three_public.vehicle_purchase", rf"公务用车购置费支出(?P<current>{N})万元，{SAME}，{CAUSE}"),
    ("three_public.vehicle_operation", rf"公务用车运行维护费支出(?P<current>{N})万元，{SAME}，{CAUSE}"),
    ("three_public.reception",
     rf"公务接待费支出(?P<current>{N})万元，完成全年预算的(?P<completion>{N})%，比上年度{CHANGE}，{CAUSE}"),
    ("operating_expenses",  # 十(一)
     rf"2024年机关运行经费支出(?P<current>{N})万元，比2023年{CHANGE}，{CAUSE}"),
]

# Priors no sentence states but the stated ones imply: 公务用车购置及运行维护费 = 购置费 + 运行维护费.
DERIVED_PRIORS = {"three_public.vehicle": ("three_public.vehicle_purchase", "three_public.vehicle_operation")}


@pytest.mark.parametrize("key,pattern", STATEMENTS, ids=[f"{k}#{i}" for i, (k, _p) in enumerate(STATEMENTS)])
def test_narrative_statement(facts, narrative, key, pattern):
    matches = list(re.finditer(pattern, narrative))
    assert len(matches) == 1, f"{key}: expected one statement, found {len(matches)}"
    m = matches[0].groupdict()
    fact = facts[key]
    current = D(m["current"])
    assert fact.current == current, f"{key}: table {fact.current}, narrative {current}"
    if m.get("change") is not None:
        change = D(m["change"]) if m["dir"] == "增加" else -D(m["change"])
        assert (m["dir"], m["rdir"]) in (("增加", "增长"), ("减少", "下降"))
        assert fact.prior is not None, f"{key}: no prior"
        assert fact.prior + change == current, f"{key}: prior {fact.prior} + {change} ≠ {current}"
        assert pct(abs(change), fact.prior) == D(m["rate"]), f"{key}: rate"
    if m.get("same") is not None:
        assert fact.prior == current
    if m.get("budget") is not None:
        assert fact.budget == D(m["budget"])
        assert pct(current, fact.budget) == D(m["completion"])
    if m.get("full_year") is not None:
        assert fact.full_year_budget == D(m["full_year"])
        assert pct(current, fact.full_year_budget) == D(m["completion"])
    if m.get("cause") is not None:
        assert fact.cause == m["cause"], f"{key}: cause not verbatim"


def test_reception_full_year_budget_is_the_tables(facts, narrative):
    m = re.search(rf"公务接待费支出({N})万元，完成全年预算的({N})%", narrative)
    fact = facts["three_public.reception"]
    assert fact.full_year_budget == D("0.05") and pct(fact.current, fact.full_year_budget) == D(m[2])


def test_every_keyed_value_is_backed_by_a_statement(figures, facts):
    """No prior/budget/cause in the file that the tests above do not check against the narrative."""
    stated = {"prior": set(), "budget": set(), "causes": set()}
    for key, pattern in STATEMENTS:
        groups = re.compile(pattern).groupindex
        if "change" in groups or "same" in groups:
            stated["prior"].add(key)
        if "budget" in groups:
            stated["budget"].add(key)
        if "cause" in groups:
            stated["causes"].add(key)
    assert set(figures.prior) == stated["prior"] | set(DERIVED_PRIORS)
    assert set(figures.budget) == stated["budget"]
    assert set(figures.causes) == stated["causes"]
    assert not figures.full_year_budget  # 全年预算 lives in the 三公 table's 预算数
    for key, parts in DERIVED_PRIORS.items():
        assert figures.prior[key] == sum((figures.prior[p] for p in parts), ZERO)
    # 年初预算 of the classes adds to the total budget
    classes = [k for k in figures.budget if k != "general_budget.total"]
    assert sum((figures.budget[k] for k in classes), ZERO) == figures.budget["general_budget.total"] == D("591.48")


def test_shares_in_the_narrative(figures, narrative):
    """二、三、五(二): the stated amounts are the tables' and their shares follow from them."""
    s = figures.summary
    m = re.search(rf"2024年度收入合计({N})万元，其中：\n财政拨款收入({N})万元，占比({N})%", narrative)
    assert (D(m[1]), D(m[2])) == (s.income_total, s.income.fiscal)
    assert pct(s.income.fiscal, s.income_total) == D(m[3])
    t = figures.expenditure.totals
    m = re.search(rf"2024年度支出合计({N})万元，其中：\n基本支出({N})万元，占比({N})%；\n项目支出({N})万元，占比({N})%", narrative)
    assert (D(m[1]), D(m[2]), D(m[4])) == (t.total, t.basic, t.project)
    assert (pct(t.basic, t.total), pct(t.project, t.total)) == (D(m[3]), D(m[5]))
    lines = re.findall(rf"(\S+?)\(类\)({N})万元，占比({N})%", narrative)
    rows = {CLASS_NAMES[r.code]: r.total for r in figures.general_budget.rows if r.level == "类"}
    assert len(lines) == len(rows)
    for name, value, share in lines:
        assert rows[name] == D(value), name
        assert pct(D(value), figures.general_budget.total) == D(share), name
