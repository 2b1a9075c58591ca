"""Golden figures for seeds 000 (宁夏, 元) and 002 (贵州, 万元) checked against the seeds themselves.

Evidence, never the figures file itself:

* the seed's 决算表 as printed, read back from ``golden/seed-00N/source.txt`` (a verbatim copy of
  the seed, so CI needs no /work/shared): rows of the figures file must carry the printed amounts;
* the tables' own totals (合计/总计 rows): parts must add up to them;
* the narrative (第三部分): every stated change must satisfy prior + change == current, stated
  rates and completion ratios must follow, and every cause must be the one written.

Where a seed is wrong the file holds the correct figure and this test pins both sides:

* seed 000 prints three self-contradicting cells (公开02表 row 214 财政拨款, 公开03表 基本支出 on the
  合计/214 rows, 公开07表 预算 合计).  ``CORRECTIONS_000`` lists each printed value next to the value
  the figures file uses; a test shows the printed table breaks its own identities and the
  corrected one does not.
* seed 002's narrative contradicts itself (增加2042.46万元，下降75.24%; 完成年初预算的100% where the
  amounts give 116.57%); the figures follow the arithmetic, and the tests compute the truths with
  ``narrator.numbers``.

Seed 002 is OCR text: digits carry spaces (``672. 13``), codes are split across cells, and its
公开02/03/06表 print only 项 rows.  Its figures file adds the 类 and 款 rows (marked 推得 there);
the 类 rows are checked against 公开01表's printed class amounts, the 款 rows against their 项 rows.
万元 tables carry conversion tails; ``KNOWN_GAPS_002`` lists each one the seed prints and every
other sum must be exact.  Seed 000 is in 元 and has no tails: every sum is exact.

Amounts are Decimal throughout; no float is ever formed.
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from pathlib import Path

import pytest

from narrator.figures import Facts, load_figures
from narrator.figures.facts import CLASS_NAMES
from narrator.numbers import amount_word, change, change_rate, completion_rate, rate_word, round_half_up

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden"

D = Decimal
ZERO = D(0)
HUNDRED = D(100)
N = r"\d+(?:\.\d+)?"  # an amount or a percentage as the seeds write it (whitespace removed)

# sha256 of /work/shared/seeds/000_743dc0e9bc95b6b0.txt and 002_576def2accb7ee69.txt
SOURCE_SHA256 = {
    "000": "7e3ab4bb36cca7f5f48b21f81cc0e04206e6fa21a70937b92c832952857c1cea",
    "002": "85954a0e3c2700159e47727e87891c3b74814a657149b1c479213097c2c345ad",
}


def pct(ratio: Decimal | None) -> Decimal:
    assert ratio is not None, "zero base: no ratio"
    return round_half_up(ratio * HUNDRED, 2)


def amount(cell: str) -> Decimal:
    """A printed cell: blank (or OCR dust) is 0; spaces inside numbers (``672. 13``) are removed."""
    cell = re.sub(r"\s", "", cell)
    if cell in ("", "-", "—", "———", "·", "_", "•"):
        return ZERO
    return D(cell)


def is_amount(cell: str) -> bool:
    """A printed amount: digits with decimals (codes and 栏次 numbers have none)."""
    return re.fullmatch(r"\d+\.\d+", re.sub(r"\s", "", cell)) is not None


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def f000():
    return load_figures(GOLDEN / "seed-000" / "figures.yaml")


@pytest.fixture(scope="module")
def f002():
    return load_figures(GOLDEN / "seed-002" / "figures.yaml")


@pytest.fixture(scope="module")
def facts000(f000):
    return Facts(f000)


@pytest.fixture(scope="module")
def facts002(f002):
    return Facts(f002)


def _source(seed: str) -> str:
    return (GOLDEN / f"seed-{seed}" / "source.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def src000() -> str:
    return _source("000")


@pytest.fixture(scope="module")
def src002() -> str:
    return _source("002")


def narrative_of(source: str, start: str, end: str) -> str:
    """第三部分 (the last occurrence of its heading: the first is the table of contents), whitespace removed."""
    lines = source.splitlines()
    first = max(i for i, line in enumerate(lines) if line.strip() == start)
    last = next(i for i in range(first, len(lines)) if lines[i].strip() == end)
    return flat("\n".join(lines[first + 1:last]))


@pytest.fixture(scope="module")
def nar000(src000) -> str:
    return narrative_of(src000, "第三部分 2024 年度部门决算情况说明", "第四部分 名词解释")


@pytest.fixture(scope="module")
def nar002(src002) -> str:
    return narrative_of(src002, "## 第三部分 2024年度部门决算情况说明", "## 第四部分 名词解释")


def table_lines(source: str, title: str, note: str) -> list[list[str]]:
    """Tab-split, non-blank lines between a table's title line and its 注 line."""
    lines = source.splitlines()
    start = lines.index(title)
    end = next(i for i in range(start, len(lines)) if lines[i].startswith(note))
    return [line.split("\t") for line in lines[start + 1:end] if line.strip()]


@pytest.mark.parametrize("seed", ["000", "002"])
def test_source_is_the_verbatim_seed(seed):
    raw = (GOLDEN / f"seed-{seed}" / "source.txt").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SOURCE_SHA256[seed]


def test_narratives_found(nar000, nar002):
    assert nar000.startswith("一、收入支出决算总体情况说明") and nar000.endswith("附《2024年度项目支出绩效自评表》）")
    assert nar002.startswith("####一、收入支出决算总体情况说明") and "故无相关绩效评价结果说明。" in nar002


# ---------------------------------------------------------------- shared checks on the figures

INCOME_COLUMNS = ("total", "fiscal", "superior_subsidy", "business", "operating", "affiliated", "other")
EXPENDITURE_COLUMNS = ("total", "basic", "project", "to_superior", "operating", "to_affiliated")
GENERAL_BUDGET_COLUMNS = ("total", "basic", "project")


def hierarchy_gaps(rows, totals, columns) -> dict[tuple[str, str], Decimal]:
    """Every nonzero (sum of children − parent): 合计 against the 类 rows, each 类/款 against its 款/项 rows."""
    gaps = {}
    classes = [r for r in rows if r.level == "类"]
    for column in columns:
        gap = sum((getattr(r, column) for r in classes), ZERO) - getattr(totals, column)
        if gap:
            gaps[(column, "合计")] = gap
        for parent in rows:
            kids = [r for r in rows if len(r.code) == len(parent.code) + 2 and r.code.startswith(parent.code)]
            if kids:
                gap = sum((getattr(k, column) for k in kids), ZERO) - getattr(parent, column)
                if gap:
                    gaps[(column, parent.code)] = gap
    return gaps


def parts_gaps(rows, totals) -> dict[tuple[str, str], Decimal]:
    """基本 + 项目 (+ the other kinds) − 合计, on the 合计 row and every row."""
    gaps = {}
    for code, row in [("合计", totals), *((r.code, r) for r in rows)]:
        parts = row.basic + row.project + getattr(row, "to_superior", ZERO) \
            + getattr(row, "operating", ZERO) + getattr(row, "to_affiliated", ZERO)
        if parts != row.total:
            gaps[("parts", code)] = parts - row.total
    return gaps


def source_gaps(rows, totals) -> dict[tuple[str, str], Decimal]:
    """收入决算表: 本年收入合计 − the sum of the sources, per row."""
    gaps = {}
    for code, row in [("合计", totals), *((r.code, r) for r in rows)]:
        gap = sum((getattr(row, c) for c in INCOME_COLUMNS[1:]), ZERO) - row.total
        if gap:
            gaps[("sources", code)] = gap
    return gaps


def check_basic_detail(figures):
    """人员经费 + 公用经费 = 一般公共预算 基本支出; each kind's 类 rows and 款 rows add to its total, exactly."""
    d = figures.basic_detail
    assert d.personnel_total + d.public_total == figures.general_budget.basic
    for kind, total in (("人员经费", d.personnel_total), ("公用经费", d.public_total)):
        classes = [r for r in d.rows if r.kind == kind and len(r.code) == 3]
        items = [r for r in d.rows if r.kind == kind and len(r.code) == 5]
        assert classes and items, kind
        assert sum((r.amount for r in classes), ZERO) == total, kind
        assert sum((r.amount for r in items), ZERO) == total, kind
        for c in classes:
            assert sum((r.amount for r in items if r.code.startswith(c.code)), ZERO) == c.amount, c.code
        for r in items:
            assert any(r.code.startswith(c.code) for c in classes), f"{r.code} has no 类 row of kind {kind}"
    assert all(r.amount != 0 for r in d.rows), "only codes with an amount are listed"


def economic_table(source: str, title: str, note: str, personnel_groups: int) -> dict[str, tuple[str, Decimal, str]]:
    """{code: (name, amount, kind)} of a 基本支出明细表 laid out as (code, name, amount) triples per line."""
    printed = {}
    for cells in table_lines(source, title, note):
        cells = cells + [""] * (9 - len(cells))
        for group in range(3):
            code, name, value = cells[3 * group:3 * group + 3]
            if re.fullmatch(r"\d{3}(\d{2})?", code.strip()) and amount(value):
                kind = "人员经费" if group < personnel_groups else "公用经费"
                printed[code.strip()] = (flat(name), amount(value), kind)
    return printed


def summary_table(source: str, title: str, note: str) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """收入支出决算总表: ({left or right label: amount}, {class code: amount})."""
    names = {name: code for code, name in CLASS_NAMES.items()}
    printed: dict[str, Decimal] = {}
    by_class: dict[str, Decimal] = {}
    for cells in table_lines(source, title, note):
        cells = cells + [""] * (6 - len(cells))
        left, right = flat(cells[0]), flat(cells[3])
        if left and re.fullmatch(r"\d+", cells[1].strip()):
            printed[left] = amount(cells[2])
        class_name = re.sub(r"^[一二三四五六七八九十]+、", "", right)
        if class_name in names and amount(cells[5]):
            by_class[names[class_name]] = amount(cells[5])
        if right in ("本年支出合计", "结余分配", "年末结转和结余"):
            printed[right] = amount(cells[5])
        if right == "总计":
            printed["支出总计"] = amount(cells[5])
    return printed, by_class


def check_summary(figures, printed, by_class):
    s = figures.summary
    assert s.expenditure_by_class == by_class
    assert s.income.general_budget == printed["一、一般公共预算财政拨款收入"]
    assert s.income.government_fund == printed["二、政府性基金预算财政拨款收入"]
    assert s.income.state_capital == printed["三、国有资本经营预算财政拨款收入"]
    assert s.income.superior_subsidy == printed["四、上级补助收入"]
    assert s.income.business == printed["五、事业收入"]
    assert s.income.operating == printed["六、经营收入"]
    assert s.income.affiliated == printed["七、附属单位上缴收入"]
    assert s.income.other == printed["八、其他收入"]
    assert s.income_total == printed["本年收入合计"]
    assert s.carried_forward_in == printed["年初结转和结余"]
    assert s.expenditure_total == printed["本年支出合计"]
    assert s.balance_distribution == printed["结余分配"]
    assert s.carried_forward_out == printed["年末结转和结余"]
    assert s.grand_total_income == printed["总计"]
    # the table's own totals
    assert s.income.fiscal + s.income.superior_subsidy + s.income.business + s.income.operating \
        + s.income.affiliated + s.income.other == s.income_total
    assert sum(s.expenditure_by_class.values(), ZERO) == s.expenditure_total
    assert s.grand_total_income == s.grand_total_expenditure


# ================================================================= seed 000 (宁夏, 元)

# (table, code, column) → (as printed, as in the figures file).  See the YAML comments.
CORRECTIONS_000 = {
    # 公开02表 row 214 (lines 124–126): 财政拨款 repeats 本年收入合计; it is 合计 − 其他收入.
    ("income", "214", "fiscal"): (D("2910403.79"), D("2891203.79")),
    ("income", "21405", "fiscal"): (D("2910403.79"), D("2891203.79")),
    ("income", "2140599", "fiscal"): (D("2910403.79"), D("2891203.79")),
    # 公开03表 (lines 146, 154–156): 基本支出 repeats 本年支出合计; it is 合计 − 项目.
    ("expenditure", "合计", "basic"): (D("3481824.61"), D("1921234.19")),
    ("expenditure", "214", "basic"): (D("2971794.21"), D("1411203.79")),
    ("expenditure", "21405", "basic"): (D("2971794.21"), D("1411203.79")),
    ("expenditure", "2140599", "basic"): (D("2971794.21"), D("1411203.79")),
}


def function_table_000(source: str, title: str, note: str, columns, amounts_at: int | None):
    """{code or 合计: (name, {column: amount})} of a seed-000 table keyed by function code.

    公开02/03表: code in the first cell, name in cell 3, amounts from cell 4 (合计 sits in cell 3).
    公开05表 (``amounts_at=None``): no names; the code sits in cell 0, 1 or 2 and amounts follow
    in cells 3…; the 合计 row has 合计 in cell 3 and amounts from cell 4.
    """
    rows = {}
    for cells in table_lines(source, title, note):
        cells = cells + [""] * 16
        if cells[3] == "合计":
            key, name, start = "合计", "合计", 4
        elif amounts_at is not None and re.fullmatch(r"\d{3}(\d{2}){0,2}", cells[0]):
            key, name, start = cells[0], cells[3], amounts_at
        elif amounts_at is None and any(re.fullmatch(r"\d{3}(\d{2}){0,2}", c) for c in cells[:3]):
            key = next(c for c in cells[:3] if c)
            name, start = "", 3
        else:
            continue
        values = [amount(c) for c in cells[start:start + 16]]
        rows[key] = (name, values)
    return rows


def income_printed_000(source):
    rows = function_table_000(source, "收入决算表", "注：本表反映部门本年度取得的各项收入", INCOME_COLUMNS, 4)
    # columns after 本年收入合计: 财政拨款, 上级补助, 事业收入(小计, 其中教育收费), 经营, 附属单位上缴, 其他
    positions = {"total": 0, "fiscal": 1, "superior_subsidy": 2, "business": 3, "operating": 5,
                 "affiliated": 6, "other": 7}
    return {k: (name, {c: v[i] for c, i in positions.items()}) for k, (name, v) in rows.items()}


def expenditure_printed_000(source):
    rows = function_table_000(source, "支出决算表", "注：本表反映部门本年度各项支出情况", EXPENDITURE_COLUMNS, 4)
    return {k: (name, dict(zip(EXPENDITURE_COLUMNS, v))) for k, (name, v) in rows.items()}


def general_budget_printed_000(source):
    rows = function_table_000(source, "一般公共预算财政拨款支出决算表", "注：本表反映部门本年度一般公共预算财政拨款",
                              GENERAL_BUDGET_COLUMNS, None)
    return {k: (name, dict(zip(GENERAL_BUDGET_COLUMNS, v))) for k, (name, v) in rows.items()}


def corrected(table: str, printed):
    out = {}
    for key, (name, values) in printed.items():
        values = dict(values)
        for (t, code, column), (was, now) in CORRECTIONS_000.items():
            if t == table and code == key:
                assert values[column] == was, f"{table} {code} {column}: the seed prints {values[column]}, not {was}"
                values[column] = now
        out[key] = (name, values)
    return out


def as_table(figures_table, columns):
    rows = {"合计": ("合计", {c: getattr(figures_table.totals, c) for c in columns})}
    rows |= {r.code: (r.name, {c: getattr(r, c) for c in columns}) for r in figures_table.rows}
    return rows


def test_000_header(f000, src000):
    assert f000.unit == "宁夏回族自治区邮政业安全中心"
    assert src000.count("公开部门：宁夏回族自治区邮政业安全中心") == 9
    assert f000.year == 2024 and f000.amount_unit == "元"
    assert src000.count("金额单位：元") == 9
    # 第53行: 公益一类 事业单位 — neither 行政单位 nor 参公
    assert "为公益一类财政全额拨款预算事业单位" in src000 and "参照公务员法" not in src000
    assert f000.administrative is False


def test_000_summary_matches_table_01(f000, src000):
    printed, by_class = summary_table(src000, "收入支出决算总表", "注：本表反映部门本年度的总收支")
    check_summary(f000, printed, by_class)
    s = f000.summary
    assert (s.income_total, s.income.other, s.carried_forward_in) == (D("3420434.19"), D("19200.00"), D("105064.66"))
    assert (s.expenditure_total, s.carried_forward_out) == (D("3481824.61"), D("43674.24"))
    assert printed["总计"] == D("3525498.85")
    # 支出 总计 is blank in the seed (line 101); the figures derive it and it balances the 收入 side
    assert printed["支出总计"] == ZERO
    assert s.grand_total_expenditure == D("3525498.85")


def test_000_income_table_matches_table_02(f000, src000):
    printed = corrected("income", income_printed_000(src000))
    assert as_table(f000.income, INCOME_COLUMNS) == printed
    t = f000.income
    assert t.totals.total == f000.summary.income_total
    assert t.totals.fiscal == f000.summary.income.fiscal and t.totals.other == f000.summary.income.other
    assert sum((r.total for r in t.rows if r.level == "类"), ZERO) == t.totals.total
    assert hierarchy_gaps(t.rows, t.totals, INCOME_COLUMNS) == {}
    assert source_gaps(t.rows, t.totals) == {}


def test_000_expenditure_table_matches_table_03(f000, src000):
    printed = corrected("expenditure", expenditure_printed_000(src000))
    assert as_table(f000.expenditure, EXPENDITURE_COLUMNS) == printed
    t = f000.expenditure
    assert (t.totals.total, t.totals.basic, t.totals.project) == (D("3481824.61"), D("1921234.19"), D("1560590.42"))
    assert t.totals.basic + t.totals.project == t.totals.total
    assert t.totals.total == f000.summary.expenditure_total
    assert {r.code: r.total for r in t.rows if r.level == "类"} == f000.summary.expenditure_by_class
    assert hierarchy_gaps(t.rows, t.totals, EXPENDITURE_COLUMNS) == {}
    assert parts_gaps(t.rows, t.totals) == {}


def test_000_printed_tables_break_their_identities_without_the_corrections(src000):
    """The corrections are needed: as printed, 公开02/03表 contradict themselves, exactly where listed."""
    inc = income_printed_000(src000)
    bad_rows = {k for k, (_n, v) in inc.items()
                if sum((v[c] for c in INCOME_COLUMNS[1:]), ZERO) != v["total"]}
    assert bad_rows == {"214", "21405", "2140599"}
    fiscal_by_class = sum((v["fiscal"] for k, (_n, v) in inc.items() if len(k) == 3), ZERO)
    assert fiscal_by_class - inc["合计"][1]["fiscal"] == D("19200.00")
    exp = expenditure_printed_000(src000)
    bad_rows = {k for k, (_n, v) in exp.items() if v["basic"] + v["project"] != v["total"]}
    assert bad_rows == {"合计", "214", "21405", "2140599"}
    # the corrected 基本支出 is the one 公开05/06表 and the narrative print
    gb = general_budget_printed_000(src000)
    assert gb["合计"][1]["basic"] == D("1921234.19") == CORRECTIONS_000[("expenditure", "合计", "basic")][1]
    assert gb["214"][1]["basic"] == D("1411203.79") == CORRECTIONS_000[("expenditure", "214", "basic")][1]
    assert "1921234.19" in src000.splitlines()[277]  # 公开06表 合计 (line 278)


def test_000_fiscal_summary_matches_table_04(f000, src000):
    printed = {}
    for cells in table_lines(src000, "财政拨款收入支出决算总表", "注：本表反映部门本年度一般公共预算财政拨款、"):
        cells = cells + [""] * 9
        if cells[0] in ("一、一般公共预算财政拨款", "本年收入合计", "年初财政拨款结转和结余", "合计"):
            printed.setdefault(cells[0], amount(cells[2]))  # rows 1 and 29 share a label: take row 1
        if cells[3] in ("本年支出合计", "年末财政拨款结转和结余", "合计"):
            printed["支出" + cells[3]] = amount(cells[5])
    # 年初结转 by fund (rows 29–31) is blank
    f = f000.fiscal
    assert f.income.total == f.income.general_budget == printed["一、一般公共预算财政拨款"] == printed["本年收入合计"]
    assert f.carried_forward_in.total == printed["年初财政拨款结转和结余"] == ZERO
    assert f.expenditure.total == f.expenditure.general_budget == printed["支出本年支出合计"] == D("3357629.61")
    assert f.carried_forward_out.total == printed["支出年末财政拨款结转和结余"] == D("43604.58")
    assert f.grand_total_income == printed["合计"] == f.grand_total_expenditure == printed["支出合计"]
    assert f.expenditure.general_budget == f000.general_budget.total
    assert f.income.general_budget == f000.summary.income.general_budget
    assert f000.non_fiscal is None  # this set of tables has no 非财政拨款 table
    assert not f000.government_fund.rows and f000.government_fund.total == ZERO  # 公开08表: no data row
    assert not f000.state_capital.rows and f000.state_capital.total == ZERO  # 公开09表: no data row


def test_000_general_budget_matches_table_05(f000, src000):
    printed = general_budget_printed_000(src000)
    g = f000.general_budget
    ours = {"合计": ("合计", {"total": g.total, "basic": g.basic, "project": g.project})}
    ours |= {r.code: ("", {c: getattr(r, c) for c in GENERAL_BUDGET_COLUMNS}) for r in g.rows}
    assert ours == printed  # 公开05表 prints no names
    names = {r.code: r.name for r in f000.expenditure.rows}
    assert {r.code: r.name for r in g.rows} == names  # names taken from 公开03表
    assert (g.total, g.basic, g.project) == (D("3357629.61"), D("1921234.19"), D("1436395.42"))
    assert g.basic + g.project == g.total
    assert hierarchy_gaps(g.rows, g, GENERAL_BUDGET_COLUMNS) == {}
    assert parts_gaps(g.rows, g) == {}
    # non-fiscal spending (03表 − 05表) is project spending only
    assert f000.expenditure.totals.basic == g.basic
    assert f000.expenditure.totals.project - g.project == f000.expenditure.totals.total - g.total == D("124195.00")


def test_000_basic_detail_matches_table_06(f000, src000):
    printed = economic_table(src000, "一般公共预算财政拨款基本支出决算表", "注：本表反映部门本年度一般公共预算财政拨款基本支出明细",
                             personnel_groups=1)
    d = f000.basic_detail
    assert {r.code: (r.name, r.amount, r.kind) for r in d.rows} == printed
    line = src000.splitlines()[276].split("\t")  # line 277: 人员经费合计 … 公用经费合计 …
    assert line[0] == "人员经费合计" and line[3] == "公用经费合计"
    assert (d.personnel_total, d.public_total) == (amount(line[2]), amount(line[8])) == (D("1795848.95"), D("125385.24"))
    assert d.total == amount(src000.splitlines()[277].split("\t")[8])  # line 278: 合 计
    check_basic_detail(f000)
    assert d.total == f000.expenditure.totals.basic


def test_000_three_public_matches_table_07(f000, src000):
    lines = table_lines(src000, "财政拨款“三公”经费支出决算表", "注：本表反映部门本年度财政拨款“三公”经费")
    values = [amount(c) for c in lines[-1]]  # line 294, after 栏次 1…12
    assert len(values) == 12
    tp = f000.three_public
    budget_items = [tp.outbound.budget, tp.vehicle_purchase.budget + tp.vehicle_operation.budget,
                    tp.vehicle_purchase.budget, tp.vehicle_operation.budget, tp.reception.budget]
    actual = [tp.actual, tp.outbound.actual, tp.vehicle_purchase.actual + tp.vehicle_operation.actual,
              tp.vehicle_purchase.actual, tp.vehicle_operation.actual, tp.reception.actual]
    assert budget_items == values[1:6] and actual == values[6:]
    # 预算数 合计 is printed 0 although 公务接待费 预算 is 2000.00: the table contradicts itself;
    # the figures keep the items and the total is their sum (= 七(一) "支出预算为2000元")
    assert values[0] == ZERO and sum(values[1:3] + values[5:6], ZERO) == D("2000.00")
    assert tp.budget == D("2000.00") and tp.actual == ZERO


def test_000_three_public_counts(f000, nar000):
    tp = f000.three_public
    m = re.search(r"因公出国（境）团组数(\d+)个，累计因公出国（境）人次数(\d+)人次", nar000)
    assert (tp.outbound.groups, tp.outbound.persons) == (int(m[1]), int(m[2]))
    m = re.search(rf"公务用车购置费支出为({N})元，购置数为(\d+)辆，公务用车运行维护费支出({N})元。"
                  r"截至2024年12月31日开支财政拨款的公务用车保有量为(\d+)辆", nar000)
    assert (tp.vehicle_purchase.actual, tp.vehicle_purchase.count) == (D(m[1]), int(m[2]))
    assert (tp.vehicle_operation.actual, tp.vehicle_operation.fleet) == (D(m[3]), int(m[4]))
    m = re.search(rf"国内接待费支出({N})元。国（境）外接待费支出({N})元。2024年度国内公务接待批次(\d+)个，国内公务接待人次(\d+)人，"
                  r"国（境）外公务接待批次(\d+)个，国（境）外公务接待人次(\d+)人", nar000)
    r = tp.reception
    assert (r.actual - r.foreign_actual, r.foreign_actual) == (D(m[1]), D(m[2]))
    assert (r.batches, r.persons, r.foreign_batches, r.foreign_persons) == tuple(int(m[i]) for i in range(3, 7))


def test_000_other_matters(f000, facts000, nar000):
    p = f000.procurement
    m = re.search(rf"政府采购支出总额({N})元。其中：政府采购货物支出({N})元、政府采购工程支出({N})元、政府采购服务({N})元。"
                  rf"授予中小企业合同金额({N})元，占政府采购支出总额的{N}%，其中：授予小微企业合同金额({N})元", nar000)
    stated_total, goods, works, services, sme, small = (D(v) for v in m.groups())
    assert (p.goods, p.works, p.services, p.sme, p.small_micro) == (goods, works, services, sme, small)
    # parts add to 27955.60; the stated total 27955 drops the 0.60
    assert p.total == goods + works + services == D("27955.60") == facts000["procurement.total"].current
    assert stated_total == D("27955") != p.total
    assert p.small_micro <= p.sme <= p.total
    # 机关运行经费 as reported (十(一)) = 公用经费合计
    assert f000.operating_expenses == f000.basic_detail.public_total == D(
        re.search(rf"机关运行经费支出({N})元", nar000)[1])
    v = f000.assets.vehicles
    m = re.search(r"共有车辆(\d+)辆，其中：(.+?)；单价100万元以上专用设备(\d+)台（套）", nar000)
    assert v.total == int(m[1]) == 0
    assert v.by_kind == {k: int(n) for k, n in re.findall(r"([^、]+?)(\d+)辆", m[2])}
    assert f000.assets.large_equipment == int(m[3])
    perf = f000.performance
    m = re.search(rf"一般公共预算项目(\d+)个，包含一级项目\d+个，二级项目\d+个，共涉及资金({N})万元", nar000)
    assert perf.self_evaluated_projects == int(m[1]) == 3
    # the stated 156.06万元 is 公开03表 项目支出 in 元, rounded to 万元
    assert perf.self_evaluated_funds == f000.expenditure.totals.project
    assert round_half_up(perf.self_evaluated_funds / D(10000), 2) == D(m[2])
    assert flat(perf.summary) in nar000


def test_000_narrative_shares_follow_the_tables(f000, nar000):
    s, t, g = f000.summary, f000.expenditure.totals, f000.general_budget
    m = re.search(rf"2024年度收入合计({N})元，其中：财政拨款收入({N})元，占({N})%", nar000)
    assert (D(m[1]), D(m[2])) == (s.income_total, s.income.fiscal)
    assert pct(s.income.fiscal / s.income_total) == D(m[3])
    # 二 says 其他收入 0 元 / 0%; the tables say 19200.00 (0.56%) — the figures follow the tables
    assert re.search(r"其他收入0元，占0%", nar000)
    assert s.income.other == D("19200.00") and pct(s.income.other / s.income_total) == D("0.56")
    m = re.search(rf"2024年度支出合计({N})元，其中：基本支出({N})元，占({N})%；项目支出({N})元，占({N})%", nar000)
    assert (D(m[1]), D(m[2]), D(m[4])) == (t.total, t.basic, t.project)
    assert (pct(t.basic / t.total), pct(t.project / t.total)) == (D(m[3]), D(m[5]))
    m = re.search(rf"一般公共预算财政拨款支出({N})元，占本年支出合计的({N})%", nar000)
    assert D(m[1]) == g.total and pct(g.total / t.total) == D(m[2])
    rows = {CLASS_NAMES[r.code].removesuffix("支出"): r.total for r in g.rows if r.level == "类"}
    lines = re.findall(rf"(\w+?)（类）支出({N})元，占({N})%", nar000)
    assert {name: D(v) for name, v, _p in lines} == rows
    for name, value, share in lines:
        assert pct(D(value) / g.total) == D(share), name  # "6.3" is 6.30 rounded


def test_000_narrative_item_labels_are_wrong_as_domain_says(facts000, nar000):
    """五(三)1 and 4 name a 项 but state the 款/类 amount; the budgets belong to the 类 (they add up)."""
    m = re.search(rf"机关事业单位基本养老保险缴费（项）。年初预算为{N}元，支出决算为({N})元", nar000)
    assert D(m[1]) == facts000["general_budget.20805"].current == facts000["general_budget.208"].current
    assert D(m[1]) != facts000["general_budget.2080505"].current == D("157112.16")
    m = re.search(rf"住房公积金（项）。年初预算为{N}元，支出决算为({N})元", nar000)
    assert D(m[1]) == facts000["general_budget.221"].current != facts000["general_budget.2210201"].current


CH = rf"(?P<dir>增加|减少)(?P<change>{N})元，(?P<rdir>增长|下降|降低)(?P<rate>{N})%"
BUDGET_000 = rf"年初预算为(?P<budget>{N})元，支出决算为(?P<current>{N})元，完成年初预算的(?P<completion>{N})%"
CAUSE = r"主要原因是：?(?P<cause>[^。；]+)[。；]"

# (fact key, pattern over the whitespace-free narrative), taken by hand from lines 330–407.
STATEMENTS_000 = [
    ("grand_total.income", rf"2024年度收、支总计(?P<current>{N})元。与2023年度相比，收、支总计各{CH}，{CAUSE}"),
    ("grand_total.expenditure", rf"2024年度收、支总计(?P<current>{N})元。与2023年度相比，收、支总计各{CH}，{CAUSE}"),
    ("fiscal.grand_total.income", rf"2024年度财政拨款收、支总计(?P<current>{N})元。与2023年度相比，财政拨款收、支总计各{CH}，{CAUSE}"),
    ("fiscal.grand_total.expenditure", rf"2024年度财政拨款收、支总计(?P<current>{N})元。与2023年度相比，财政拨款收、支总计各{CH}，{CAUSE}"),
    ("general_budget.total", rf"一般公共预算财政拨款支出(?P<current>{N})元，占本年支出合计的{N}%。与2023年度相比，"
                             rf"一般公共预算财政拨款支出{CH}，{CAUSE}"),
    ("general_budget.total", rf"2024年度一般公共预算财政拨款支出{BUDGET_000}。其中"),
    ("general_budget.208", rf"1\.社会保障和就业（类）行政事业单位养老（款）机关事业单位基本养老保险缴费（项）。{BUDGET_000}。"
                           r"决算数大于预算数的主要原因(?P<budget_cause>[^。]+)。"),
    ("general_budget.210", rf"2\.卫生健康（类）行政事业单位医疗（款）事业单位医疗。{BUDGET_000}。"
                           r"决算数大于预算数的主要原因(?P<budget_cause>[^。]+)。"),
    ("general_budget.214", rf"3\.交通运输（类）邮政业（款）其他邮政业（项）。{BUDGET_000}。"
                           r"决算数大于预算数的主要原因(?P<budget_cause>[^。]+)。"),
    ("general_budget.221", rf"4\.住房保障（类）住房改革（款）住房公积金（项）。{BUDGET_000}。"
                           r"决算数大于预算数的主要原因(?P<budget_cause>[^。]+)。"),
    *((key, rf"{i}\.{name}(?P<current>{N})元，较2024年度年初预算数(?P<bdir>增加|减少)(?P<bchange>{N})元，"
            rf"(?P<brdir>增长|降低)(?P<brate>{N})%，主要原因是(?P<budget_cause>[^；]+)；较2023年度决算数{CH}。")
      for i, key, name in ((1, "basic.301", "工资福利支出"), (2, "basic.302", "商品和服务支出"))),
    ("three_public.total", rf"“三公”经费财政拨款支出预算为(?P<budget>{N})元，支出决算为(?P<current>{N})元，完成预算的(?P<completion>{N})%"),
    ("three_public.total", rf"2024年度“三公”经费财政拨款支出决算数比2023年度{CH}，{CAUSE}"),
    *((key, rf"{i}\.{name}预算为(?P<budget>{N})元，支出决算为(?P<current>{N})元，完成预算的{N}%；比2023年度{CH}。"
            rf"决算数小于预算数的主要原因是(?P<budget_cause>[^。]+)。决算数较上年减少的主要原因是(?P<cause>[^。]+)。")
      for i, key, name in ((1, "three_public.outbound", "因公出国（境）费"),
                           (2, "three_public.vehicle", "公务用车购置及运行维护费"),
                           (3, "three_public.reception", "公务接待费"))),
    ("government_fund.total", rf"2024年度政府性基金预算财政拨款本年收入{N}元，本年支出(?P<current>{N})元，年末结转和结余{N}元。"
                              rf"较2023年度决算数{CH}，{CAUSE}"),
    ("state_capital.total", rf"2024年度国有资本经营预算财政拨款本年收入{N}元，支出(?P<current>{N})元，年末结转和结余{N}元。"
                            rf"较2023年度决算数{CH}，{CAUSE}"),
    ("operating_expenses", rf"2024年度本部门机关运行经费支出(?P<current>{N})元，比2023年度{CH}。{CAUSE}"),
]

# Priors no sentence states but the stated ones imply: 公务用车购置及运行维护费 was 0, so both parts were 0.
DERIVED_PRIORS_000 = {"three_public.vehicle_purchase": "three_public.vehicle",
                      "three_public.vehicle_operation": "three_public.vehicle"}
SIGNS = {"增加": 1, "增长": 1, "减少": -1, "下降": -1, "降低": -1}


def check_statement(fact, m: dict[str, str | None]):
    key = fact.key
    if m.get("current") is not None:
        assert fact.current == D(m["current"]), f"{key}: table {fact.current}, narrative {m['current']}"
    if m.get("change") is not None:
        assert SIGNS[m["dir"]] == SIGNS[m["rdir"]], f"{key}: direction words disagree"
        delta = SIGNS[m["dir"]] * D(m["change"])
        assert fact.prior is not None, f"{key}: no prior"
        assert fact.prior + delta == fact.current, f"{key}: prior {fact.prior} + {delta} ≠ {fact.current}"
        if fact.prior:
            assert pct(abs(change(fact.current, fact.prior)) / fact.prior) == D(m["rate"]), f"{key}: rate"
        else:
            assert change_rate(fact.current, fact.prior) is None  # 上年为0: no rate (the seed writes 0%)
    if m.get("budget") is not None:
        assert fact.budget == D(m["budget"]), f"{key}: budget"
        if fact.budget and m.get("completion") is not None:
            assert pct(completion_rate(fact.current, fact.budget)) == D(m["completion"]), f"{key}: completion"
    if m.get("bchange") is not None:
        assert SIGNS[m["bdir"]] == SIGNS[m["brdir"]]
        delta = SIGNS[m["bdir"]] * D(m["bchange"])
        assert fact.budget is not None and fact.budget + delta == fact.current, f"{key}: budget + change"
        assert pct(abs(delta) / fact.budget) == D(m["brate"]), f"{key}: rate against budget"
    if m.get("cause") is not None:
        assert fact.cause == m["cause"], f"{key}: cause not verbatim"
    if m.get("budget_cause") is not None:
        assert fact.budget_cause == m["budget_cause"], f"{key}: budget cause not verbatim"


@pytest.mark.parametrize("key,pattern", STATEMENTS_000, ids=[f"{k}#{i}" for i, (k, _p) in enumerate(STATEMENTS_000)])
def test_000_narrative_statement(facts000, nar000, key, pattern):
    matches = list(re.finditer(pattern, nar000))
    assert len(matches) == 1, f"{key}: expected one statement, found {len(matches)}"
    check_statement(facts000[key], matches[0].groupdict())


def test_000_every_keyed_value_is_backed_by_a_statement(f000):
    stated = {"prior": set(), "budget": set(), "causes": set()}
    for key, pattern in STATEMENTS_000:
        groups = re.compile(pattern).groupindex
        if "change" in groups:
            stated["prior"].add(key)
        if "budget" in groups or "bchange" in groups:
            stated["budget"].add(key)
        if "cause" in groups:
            stated["causes"].add(key)
        if "budget_cause" in groups:
            stated["causes"].add(key + "@budget")
    assert set(f000.prior) == stated["prior"] | set(DERIVED_PRIORS_000)
    # 三公 budgets come from 公开07表 (three_public.*.budget), not from the budget map
    assert set(f000.budget) == {k for k in stated["budget"] if not k.startswith("three_public.")}
    assert set(f000.causes) == stated["causes"]
    assert not f000.full_year_budget
    for key, whole in DERIVED_PRIORS_000.items():
        assert f000.prior[whole] == ZERO and f000.prior[key] == ZERO
    classes = [k for k in f000.budget if re.fullmatch(r"general_budget\.\d{3}", k)]
    assert sum((f000.budget[k] for k in classes), ZERO) == f000.budget["general_budget.total"] == D("3125124.69")


# ================================================================= seed 002 (贵州, 万元, OCR text)

# (table, gap key) → sum of printed children − printed parent (or 基本+项目 − 合计), 万元 conversion tails
# (表注第101行 "本套报表金额单位转换时可能存在尾数误差").  Every other sum must be exact.
KNOWN_GAPS_002 = {
    # 款 20103 = 201 类 637.38 (公开01表 line 67) vs its 项 84.78 + 552.59 = 637.37 (lines 115–116, 138–139, 257–258)
    **{(t, (c, "20103")): D("-0.01") for t, cols in (("income", ("total", "fiscal")),
                                                     ("expenditure", ("total",)), ("general_budget", ("total",)))
       for c in cols},
    # 款 21011 = 210 类 9.41 (line 75) vs its 项 5.39 + 4.03 = 9.42 (lines 120–121, 143–144, 262–263)
    **{(t, (c, "21011")): D("0.01") for t, cols in (("income", ("total", "fiscal")),
                                                    ("expenditure", ("total", "basic")),
                                                    ("general_budget", ("total", "basic")))
       for c in cols},
    # 基本支出 合计 119.54 (lines 137, 256) vs its 类 84.78 + 15.65 + 9.41 + 9.69 = 119.53 (the 9.41 again)
    ("expenditure", ("basic", "合计")): D("-0.01"),
    ("general_budget", ("basic", "合计")): D("-0.01"),
    # 201/20103: 基本 84.78 + 项目 552.59 = 637.37 vs 合计 637.38
    **{(t, ("parts", code)): D("-0.01") for t in ("expenditure", "general_budget") for code in ("201", "20103")},
}


def known(table: str) -> dict:
    return {k: v for (t, k), v in KNOWN_GAPS_002.items() if t == table}


def printed_items_002(source: str, title: str, note: str, kind: str) -> dict[str, tuple[str, list[Decimal]]]:
    """{项 code or 合计: (name, amounts)} of a seed-002 table by function code (OCR layout per table).

    收入决算表: the code is split across the cells before the first amount ("20103", "50" → 2010350);
    amounts are the numeric cells (本年收入合计, 财政拨款收入; the other columns are blank).
    支出决算表: code in cell 0 (合计 in cell 1), name in cell 1, amounts in cells 2–4.
    一般公共预算表: cell 0 is OCR dust ("2"); the 款 and 项 cells overlap by one digit
    ("20103", "399" → 2010399); amounts are the last three cells.
    """
    rows = {}
    for cells in table_lines(source, title, note):
        if kind == "income":
            first = next((i for i, c in enumerate(cells) if is_amount(c)), None)
            if first is None:
                continue
            head = "".join(cells[:first])
            code = "".join(re.findall(r"\d", head))
            name = flat(re.sub(r"\d", "", head))
            key = code if len(code) == 7 else ("合计" if "合计" in head else None)
            values = [amount(c) for c in cells[first:] if is_amount(c)]
        elif kind == "expenditure":
            cells = cells + [""] * 8
            key = cells[0] if re.fullmatch(r"\d{7}", cells[0]) else ("合计" if cells[1] == "合计" else None)
            if key is None:
                continue
            name = flat(cells[1])
            values = [amount(c) for c in cells[2:5]]
        else:
            cells = (cells + [""] * 7)[:7]
            if "合计" in "".join(cells[:2]):
                key, name = "合计", "合计"
            elif re.fullmatch(r"\d{5}", cells[1]) and re.fullmatch(r"\d{3}", cells[2]):
                key, name = cells[1] + cells[2][-2:], flat(cells[3])
            elif re.match(r"\d{7}\s", cells[1]):
                key, name = cells[1][:7], flat(cells[3])
            else:
                continue
            values = [amount(c) for c in cells[4:7]]
        if key:
            assert key not in rows, f"{title}: {key} twice"
            rows[key] = (name, values)
    return rows


def item_rows(table, columns) -> dict[str, tuple[str, list[Decimal]]]:
    return {r.code: (r.name, [getattr(r, c) for c in columns]) for r in table.rows if r.level == "项"}


def check_derived_rows(rows, by_class, columns):
    """The 类/款 rows the file adds: a 类 is 公开01表's class amount; a 款 is its class when alone, else its 项 sum."""
    classes = {r.code: r for r in rows if r.level == "类"}
    assert {c: r.total for c, r in classes.items()} == by_class
    for r in rows:
        if r.level != "款":
            continue
        siblings = [k for k in rows if k.level == "款" and k.code[:3] == r.code[:3]]
        items = [k for k in rows if k.level == "项" and k.code.startswith(r.code)]
        assert items, f"{r.code} has no 项 row"
        for column in columns:
            if len(siblings) == 1:
                assert getattr(r, column) == getattr(classes[r.code[:3]], column), (r.code, column)
            else:
                assert getattr(r, column) == sum((getattr(k, column) for k in items), ZERO), (r.code, column)


def test_002_header(f002, src002, nar002):
    assert f002.unit == "贵阳市12345政务服务便民热线事务中心"
    assert src002.count("部门: 贵阳市12345政务服务便民热线事务中心") == 10
    assert f002.year == 2024 and f002.amount_unit == "万元"
    assert "我单位不是行政单位,也不是参公事业单位,无机关运行经费。" in nar002
    assert f002.administrative is False and f002.operating_expenses == ZERO


def test_002_summary_matches_table_01(f002, src002):
    printed, by_class = summary_table(src002, "## 收入支出决算总表", "注: 1. 本表反映部门本年度的总收支")
    assert "使用非财政拨款结余(含专用结余)" in printed
    check_summary(f002, printed, by_class)
    s = f002.summary
    assert s.use_of_non_fiscal_balance == printed["使用非财政拨款结余(含专用结余)"] == ZERO
    assert (s.income_total, s.expenditure_total) == (D("672.13"), D("672.13"))
    assert by_class == {"201": D("637.38"), "208": D("15.65"), "210": D("9.41"), "221": D("9.69")}
    assert printed["总计"] == printed["支出总计"] == s.grand_total_income == s.grand_total_expenditure


def test_002_income_table_matches_table_02(f002, src002):
    printed = printed_items_002(src002, "## 收入决算表", "注: 本表反映部门本年度取得的各项收入", "income")
    t = f002.income
    assert printed.pop("合计")[1] == [t.totals.total, t.totals.fiscal] == [D("672.13")] * 2
    assert {k: v for k, (_n, v) in printed.items()} == {k: v for k, (_n, v) in item_rows(t, ("total", "fiscal")).items()}
    assert [k for k in printed] == [r.code for r in t.rows if r.level == "项"]  # same rows, same order
    for r in t.rows:
        assert r.total == r.fiscal and not (r.superior_subsidy or r.business or r.operating or r.affiliated or r.other)
    # 02表 names are cut short by the PDF; each must be a prefix of the full name the file uses
    for code, (name, _v) in printed.items():
        assert next(r.name for r in t.rows if r.code == code).startswith(name), code
    check_derived_rows(t.rows, f002.summary.expenditure_by_class, ("total", "fiscal"))
    assert sum((r.total for r in t.rows if r.level == "类"), ZERO) == t.totals.total == f002.summary.income_total
    assert hierarchy_gaps(t.rows, t.totals, INCOME_COLUMNS) == known("income")
    assert source_gaps(t.rows, t.totals) == {}
    # each 项 of income equals the same 项 of expenditure (all fiscal, nothing carried over)
    assert item_rows(t, ("total",)) == {k: (n, [v[0]]) for k, (n, v) in item_rows(f002.expenditure, ("total",)).items()}


def test_002_expenditure_table_matches_table_03(f002, src002):
    printed = printed_items_002(src002, "## 支出决算表", "注: 本表反映部门本年度各项支出情况", "expenditure")
    t = f002.expenditure
    assert printed.pop("合计")[1] == [t.totals.total, t.totals.basic, t.totals.project] == \
        [D("672.13"), D("119.54"), D("552.59")]
    assert printed == item_rows(t, GENERAL_BUDGET_COLUMNS)
    assert t.totals.basic + t.totals.project == t.totals.total == f002.summary.expenditure_total
    check_derived_rows(t.rows, f002.summary.expenditure_by_class, GENERAL_BUDGET_COLUMNS)
    gaps = hierarchy_gaps(t.rows, t.totals, EXPENDITURE_COLUMNS) | parts_gaps(t.rows, t.totals)
    assert gaps == known("expenditure")


def test_002_general_budget_matches_table_06(f002, src002):
    printed = printed_items_002(src002, "## 一般公共预算财政拨款支出决算表", "注: 本表反映部门本年度一般公共预算财政拨款支出情况",
                                "general_budget")
    g = f002.general_budget
    assert printed.pop("合计")[1] == [g.total, g.basic, g.project]
    assert printed == item_rows(g, GENERAL_BUDGET_COLUMNS)
    assert g.basic + g.project == g.total == f002.fiscal.expenditure.general_budget
    check_derived_rows(g.rows, f002.summary.expenditure_by_class, GENERAL_BUDGET_COLUMNS)
    gaps = hierarchy_gaps(g.rows, g, GENERAL_BUDGET_COLUMNS) | parts_gaps(g.rows, g)
    assert gaps == known("general_budget")
    # all spending is 一般公共预算财政拨款: 公开06表 repeats 公开03表 row for row
    assert [(r.code, r.name, r.total, r.basic, r.project) for r in g.rows] == \
        [(r.code, r.name, r.total, r.basic, r.project) for r in f002.expenditure.rows]


def test_002_fiscal_and_non_fiscal_tables(f002, src002):
    printed = {}
    for cells in table_lines(src002, "## 财政拨款收入支出决算总表", "注:本表反映部门本年度一般公共预算财政拨款"):
        cells = cells + [""] * 9
        if cells[0] in ("一、一般公共预算财政拨款", "本年收入合计", "年初财政拨款结转和结余", "总计"):
            printed[cells[0]] = amount(cells[2])
        if cells[3] in ("本年支出合计", "年末财政拨款结转和结余", "总计"):
            printed["支出" + cells[3]] = [amount(c) for c in cells[5:9]]
    f = f002.fiscal
    assert f.income.general_budget == printed["一、一般公共预算财政拨款"] == printed["本年收入合计"] == f.income.total
    assert f.carried_forward_in.total == printed["年初财政拨款结转和结余"] == ZERO
    assert [f.expenditure.total, f.expenditure.general_budget, f.expenditure.government_fund,
            f.expenditure.state_capital] == printed["支出本年支出合计"]
    assert f.carried_forward_out.total == ZERO and printed["支出年末财政拨款结转和结余"] == [ZERO] * 4
    assert f.grand_total_income == printed["总计"] == f.grand_total_expenditure == printed["支出总计"][0]
    # 公开05表 非财政拨款收入支出决算总表: no amount anywhere (lines 207–237)
    lines = table_lines(src002, "## 非财政拨款收入支出决算总表", "注: 1. 本表反映部门本年度的总收支")
    assert not any(is_amount(c) for cells in lines for c in cells)
    nf = f002.non_fiscal
    assert nf is not None and (nf.income, nf.carried_forward_in, nf.expenditure, nf.carried_forward_out) == (ZERO,) * 4
    assert not f002.government_fund.rows and f002.government_fund.total == ZERO  # 公开08表, 八
    assert not f002.state_capital.rows and f002.state_capital.total == ZERO  # 公开09表, 九


def test_002_basic_detail_matches_table_07(f002, src002, nar002):
    printed = economic_table(src002, "## 一般公共预算财政拨款基本支出决算明细表", "注: 本表反映部门本年度一般公共预算财政拨款基本支出明细",
                             personnel_groups=1)
    d = f002.basic_detail
    assert {r.code: (r.name, r.amount, r.kind) for r in d.rows} == \
        {k: (n, v, kind) for k, (n, v, kind) in printed.items()}
    line = next(c for c in table_lines(src002, "## 一般公共预算财政拨款基本支出决算明细表", "注: 本表反映")
                if "人员经费合计" in c)
    assert (d.personnel_total, d.public_total) == tuple(amount(c) for c in line if is_amount(c)) == (D("108.27"), D("11.27"))
    check_basic_detail(f002)
    m = re.search(rf"基本支出合计({N})万元,其中:-\(一\)人员经费:({N})万元.+-\(二\)公用经费:({N})万元", nar002)
    assert (D(m[1]), D(m[2]), D(m[3])) == (d.total, d.personnel_total, d.public_total)


def test_002_three_public(f002, facts002, src002, nar002):
    # 公开10表 has headers and 栏次 only: no data row was extracted (lines 348–351)
    lines = table_lines(src002, "## 财政拨款\"三公\"经费支出决算表", "注:本表反映部门本年度财政拨款\"三公\"经费")
    assert [c for c in lines[-1] if c] == [str(i) for i in range(1, 13)]
    tp = f002.three_public
    m = re.search(rf"\"三公\"经费财政拨款支出预算为({N})万元,\"三公\"经费财政拨款支出决算为({N})万元,完成预算数的({N})%。"
                  rf"支出决算较上年减少({N})万元,降幅为({N})%。主要原因是:(?P<cause>[^。]+)。", nar002)
    t = facts002["three_public.total"]
    assert (t.budget, t.current) == (D(m[1]), D(m[2])) == (D("1.93"), ZERO)
    assert pct(completion_rate(t.current, t.budget)) == D(m[3])
    assert t.prior - D(m[4]) == t.current and pct(change_rate(t.current, t.prior)) == -D(m[5])
    assert t.cause == m["cause"]
    for key, name in (("three_public.outbound", "因公出国(境)费"), ("three_public.reception", "公务接待费")):
        m = re.search(rf"{re.escape(name)}预算({N})万元,支出决算({N})万元,完成预算的{N}%;与上一年相比持平", nar002)
        v = facts002[key]
        assert (v.budget, v.current) == (D(m[1]), D(m[2])) and v.prior == v.current, key
    m = re.search(rf"公务用车购置及运行维护费预算({N})万元,支出决算({N})万元,完成预算的({N})%;与上一年相比,支出决算较上年"
                  rf"降低({N})万元,降幅为({N})%,决算数较上年减少的主要原因是(?P<cause>[^。]+)。", nar002)
    v = facts002["three_public.vehicle"]
    assert (v.budget, v.current) == (D(m[1]), D(m[2])) and pct(completion_rate(v.current, v.budget)) == D(m[3])
    assert v.prior - D(m[4]) == v.current and pct(change_rate(v.current, v.prior)) == -D(m[5])
    assert v.cause == m["cause"]
    assert tp.vehicle_purchase.budget + tp.vehicle_operation.budget == D("1.93")  # split not stated (see YAML)
    assert tp.budget == tp.outbound.budget + v.budget + tp.reception.budget
    m = re.search(rf"国内接待费支出({N})万元。国\(境\)外接待费支出({N})万元。", nar002)
    assert (tp.reception.actual - tp.reception.foreign_actual, tp.reception.foreign_actual) == (D(m[1]), D(m[2]))
    assert tp.vehicle_operation.fleet == int(re.search(r"共有车辆(\d+)辆", nar002)[1])


def test_002_other_matters(f002, nar002):
    p = f002.procurement
    m = re.search(rf"政府采购支出总额({N})万元,其中:政府采购货物支出({N})万元、政府采购工程支出({N})万元、政府采购服务支出({N})万元。"
                  rf"授予中小企业合同金额({N})万元,占政府采购支出总额的({N})%,其中:授予小微企业合同金额({N})万元,"
                  rf"占政府采购支出总额的({N})%", nar002)
    total, goods, works, services, sme, sme_share, small, small_share = (D(v) for v in m.groups())
    assert (p.goods, p.works, p.services, p.sme, p.small_micro) == (goods, works, services, sme, small)
    assert p.total == goods + works + services == total == D("418.52")
    assert (pct(p.sme / p.total), pct(p.small_micro / p.total)) == (sme_share, small_share)
    v = f002.assets.vehicles
    m = re.search(r"共有车辆(\d+)辆,其中:(.+?)\(单价100万元\(含\)以上设备\(不含车辆\)(\d+)台\(套\)", nar002)
    assert v.total == int(m[1]) == 0
    assert v.by_kind == {k: int(n) for k, n in re.findall(r"([^、]+?)(\d+)辆", m[2])}
    assert f002.assets.large_equipment == int(m[3])
    perf = f002.performance
    m = re.search(rf"共计(\d+)个项目进行了绩效自评,涉及资金({N})万元", nar002)
    assert (perf.self_evaluated_projects, perf.self_evaluated_funds) == (int(m[1]), D(m[2])) == (1, f002.general_budget.project)
    assert flat(perf.summary) in nar002


def test_002_structure_shares(f002, nar002):
    g = f002.general_budget
    stated = {n: (D(v), s) for n, v, s in re.findall(rf"(\w+?)\(类\)({N})万元,占({N}|\.\d+)%", nar002)}
    rows = {r.code: r.total for r in g.rows if r.level == "类"}
    for code, total in rows.items():
        name = CLASS_NAMES[code]
        key = next(k for k in stated if name.startswith(k.removesuffix("支出")))
        value, share = stated[key]
        assert value == total and pct(total / g.total) == D(share), code
    # classes stated with 0.00 have no row; "占.000%" (科学技术) is the malformed number domain.md lists
    assert {k for k, (v, _s) in stated.items() if v == 0} == {"教育支出", "科学技术", "节能环保支出"}
    assert stated["科学技术"][1] == ".000"


# ---------------------------------------------------------------- seed 002: the narrative's changes and budgets

CAUSE_002 = ("2023年度\"中心业务外包项目经费\"项目预算为2300万元,2024年该业务采购主体变为主管部门贵阳市人民政府办公厅,"
             "导致项目预算收入减少。同时2023年年末在编人数为4人,2024年年末在编人数为11人,导致基本预算收入增加")


def test_002_facts_compute_the_truths(facts002):
    """The truths behind 四, 六(一) and 六(三), computed with narrator.numbers from the figures file."""
    gb = facts002["general_budget.total"]
    assert (gb.current, gb.prior, gb.budget) == (D("672.13"), D("2714.59"), D("576.61"))
    assert change(gb.current, gb.prior) == D("-2042.46")
    assert round_half_up(change_rate(gb.current, gb.prior) * HUNDRED, 2) == D("-75.24")
    assert round_half_up(completion_rate(gb.current, gb.budget) * HUNDRED, 2) == D("116.57")
    assert (amount_word(change(gb.current, gb.prior)), rate_word(change(gb.current, gb.prior))) == ("减少", "下降")
    for key in ("grand_total.income", "grand_total.expenditure", "fiscal.grand_total.income", "fiscal.grand_total.expenditure"):
        fact = facts002[key]
        assert (fact.current, fact.prior) == (gb.current, gb.prior), key
        assert change(fact.current, fact.prior) == D("-2042.46"), key


def test_002_section_1_rate_without_amount(facts002, nar002):
    m = re.search(rf"收入、支出决算总计({N})万元。与2023年度相比,下降({N})%,主要原因是:(?P<cause>.+?)。####二、", nar002)
    for key in ("grand_total.income", "grand_total.expenditure"):
        fact = facts002[key]
        assert fact.current == D(m[1])
        assert pct(change_rate(fact.current, fact.prior)) == -D(m[2])  # correct against 四's prior 2714.59
        assert fact.cause == m["cause"] == CAUSE_002


def test_002_section_4_direction_contradiction(facts002, nar002):
    m = re.search(rf"财政拨款收、支决算总计({N})万元。2023年度收、支决算总计({N})万元。与2023年度相比,(增加)({N})万元,(下降)({N})%,"
                  r"主要原因是:(?P<cause>.+?)。##五、", nar002)
    for key in ("fiscal.grand_total.income", "fiscal.grand_total.expenditure"):
        fact = facts002[key]
        assert (fact.current, fact.prior) == (D(m[1]), D(m[2]))  # the prior is stated outright
        delta = change(fact.current, fact.prior)
        assert abs(delta) == D(m[4]) and pct(abs(change_rate(fact.current, fact.prior))) == D(m[6])
        assert amount_word(delta) == "减少" != m[3]  # the seed says 增加: the known contradiction
        assert rate_word(delta) == m[5]
        assert fact.cause == m["cause"] == CAUSE_002


def test_002_section_6_1_direction_contradiction(facts002, nar002):
    m = re.search(rf"一般公共预算财政拨款支出合计({N})万元,占本年支出合计的({N})%。与2023年度相比,一般公共预算财政拨款支出"
                  rf"(降低)({N})万元,(增长)({N})%,主要原因是:(?P<cause>.+?)。##\(二\)", nar002)
    fact = facts002["general_budget.total"]
    assert fact.current == D(m[1]) and pct(fact.current / facts002["expenditure.total"].current) == D(m[2])
    delta = change(fact.current, fact.prior)
    assert SIGNS[m[3]] == -1 and -D(m[4]) == delta  # 降低2042.46 is right
    assert rate_word(delta) == "下降" != m[5] and pct(abs(change_rate(fact.current, fact.prior))) == D(m[6])  # 增长 is not
    assert fact.cause == m["cause"] == CAUSE_002


def test_002_section_6_3_completion(facts002, nar002):
    m = re.search(rf"年初预算为({N})万元,支出决算为({N})万元,完成年初预算的({N})%,其中:基本支出决算数为({N})万元,"
                  rf"项目支出决算数为({N})万元", nar002)
    fact = facts002["general_budget.total"]
    assert (fact.budget, fact.current) == (D(m[1]), D(m[2]))
    assert pct(completion_rate(fact.current, fact.budget)) == D("116.57") != D(m[3])  # the seed says 100%
    assert (facts002["general_budget.basic"].current, facts002["general_budget.project"].current) == (D(m[4]), D(m[5]))
    assert fact.budget_cause is None  # no cause is stated for 决算 above 预算


def test_002_every_keyed_value_is_backed_by_a_statement(f002):
    """Keys exactly those the tests above check against the narrative."""
    totals = {"grand_total.income", "grand_total.expenditure", "fiscal.grand_total.income",
              "fiscal.grand_total.expenditure", "general_budget.total"}
    assert set(f002.prior) == totals | {"three_public.total", "three_public.vehicle", "three_public.outbound",
                                        "three_public.reception"}
    assert set(f002.budget) == {"general_budget.total"}
    assert set(f002.causes) == totals | {"three_public.total", "three_public.vehicle"}
    assert not f002.full_year_budget
    for key in totals:
        assert f002.prior[key] == D("2714.59")
