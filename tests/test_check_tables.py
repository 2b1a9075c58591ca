"""table.*: the tables of a document against themselves and each other.

Seed 000 prints three self-contradicting cells (公开02表 row 214, 公开03表 基本支出 on the
合计/214 rows, 公开07表 预算 合计); the planted-errors PDF omits its 支出决算表; the other
seeds and Putuo PDFs are consistent and must give no table finding.  Each finding points at
the printed number (``document.text[start:end]``).  Each PDF is read once per module.
"""

from decimal import Decimal
from functools import lru_cache

import pytest

from conftest import ROOT
from narrator.check import check_document
from narrator.extract import extract, extract_text

GOLDEN = ROOT / "golden"


@lru_cache(maxsize=None)
def document(case: str):
    folder = GOLDEN / case
    return extract(folder / ("source.txt" if (folder / "source.txt").exists() else "document.pdf"))


def table_findings(doc):
    findings = [f for f in check_document(doc) if f.id.startswith("table.")]
    for finding in findings:
        assert doc.text[finding.start:finding.end] == finding.text
    return findings


def line_of(doc, finding) -> str:
    start = doc.text.rfind("\n", 0, finding.start) + 1
    end = doc.text.find("\n", finding.end)
    return doc.text[start:end]


# ------------------------------------------------------------------ the known errors of seed 000

def test_seed_000_income_row_214_counts_other_income_outside_its_total():
    doc = document("seed-000")
    found = [f for f in table_findings(doc) if f.id == "table.rows" and "收入决算表" in f.message]
    assert [line_of(doc, f).split("\t")[0] for f in found] == ["214", "21405", "2140599"]
    for finding in found:
        assert finding.text == finding.stated == "2910403.79"
        assert finding.expected == "2929603.79"
        assert finding.formula == "财政拨款收入 2910403.79 + 其他收入 19200.00 = 2929603.79"
    assert "收入决算表「214 交通运输支出」行：本年收入合计 2910403.79" in found[0].message


def test_seed_000_expenditure_basic_column_repeats_the_total():
    doc = document("seed-000")
    found = [f for f in table_findings(doc) if f.id == "table.rows" and f.message.startswith("支出决算表")]
    assert len(found) == 4
    total_row, *rows_214 = found
    assert "「合计」行" in total_row.message
    assert total_row.text == "3481824.61"
    assert total_row.formula == "基本支出 3481824.61 + 项目支出 1560590.42 = 5042415.03"
    assert line_of(doc, total_row).split("\t")[3] == "合计"
    assert [line_of(doc, f).split("\t")[0] for f in rows_214] == ["214", "21405", "2140599"]
    assert all(f.text == "2971794.21" and f.expected == "4532384.63" for f in rows_214)


def test_seed_000_three_public_budget_total_is_zero_while_reception_is_2000():
    doc = document("seed-000")
    (finding,) = [f for f in table_findings(doc) if f.id == "table.three_public"]
    assert finding.severity == "error"
    assert finding.text == "0" and finding.expected == "2000.00"
    assert finding.start == doc.text.index("0\t0\t0\t0\t0\t2000.00")  # the first cell of the data row: 预算数 合计
    assert "预算数合计 0.00" in finding.message and "公务接待费预算数 2000.00" in finding.formula


def test_seed_000_income_rows_add_up_past_the_total_of_their_column():
    # row 214 prints 财政拨款收入 2910403.79 beside 其他收入 19200.00 and a 合计 of 2910403.79: the
    # 类 rows' 财政拨款收入 then add up to 19200.00 more than the 合计 row's
    doc = document("seed-000")
    (finding,) = [f for f in table_findings(doc) if f.id == "table.hierarchy"]
    assert finding.text == "3401234.19" and finding.expected == "3420434.19"
    assert "收入决算表「合计」行财政拨款收入列" in finding.message
    assert finding.formula.startswith("208 社会保障和就业支出 235668.24 + 210 卫生健康支出 62791.16")


def test_seed_000_has_only_those_table_findings():
    ids = sorted(f.id for f in table_findings(document("seed-000")))
    assert ids == ["table.hierarchy"] + ["table.rows"] * 7 + ["table.three_public"]


# ------------------------------------------------------------------ consistent documents

@pytest.mark.parametrize("case", ["seed-001", "seed-002", "seed-003", "seed-004", "putuo-caizhengju-2024",
                                  "putuo-guihuaziyuan-2024", "putuo-shehuigongzuobu-2024", "putuo-template-2024"])
def test_consistent_documents_have_no_table_findings(case):
    assert table_findings(document(case)) == []


def test_planted_errors_pdf_misses_its_expenditure_table():
    doc = document("putuo-caizhengju-2024-planted-errors")
    (finding,) = table_findings(doc)
    assert (finding.id, finding.severity, finding.text) == ("table.missing", "warning", "支出决算表")
    assert "目录列有「支出决算表」" in finding.message
    assert finding.start < doc.printed[0].start  # the contents entry, before the tables


def test_documents_without_tables_miss_nothing():
    doc = extract_text("2024年度收入合计100.00万元，支出合计100.00万元。")
    assert table_findings(doc) == []


# ------------------------------------------------------------------ the printed tables kept by extraction

def test_printed_cells_point_at_the_numbers_as_printed():
    doc = document("seed-002")  # OCR text: "672. 13"
    summary = doc.printed_table("summary")
    cell = summary.values["income_total"]
    assert doc.text[cell.start:cell.end] == "672. 13" and cell.value == Decimal("672.13")
    general = doc.printed_table("general_budget")
    assert doc.text[general.values["basic"].start:general.values["basic"].end] == "119. 54"
    assert [t.kind for t in doc.printed][:3] == ["summary", "income", "expenditure"]


def test_printed_values_keep_the_table_unit():
    text = ("收入支出决算总表\n单位：万元\n一、一般公共预算财政拨款收入\t100.00\t一、一般公共服务支出\t100.00\n"
            "本年收入合计\t100.00\t本年支出合计\t100.00\n"
            "支出决算表\n单位：元\n项目\t本年支出合计\t基本支出\t项目支出\n合计\t1000000.00\t400000.00\t600000.00\n")
    doc = extract_text(text)
    assert doc.printed_table("expenditure").values["total"].value == Decimal("1000000.00")
    assert doc.figures.expenditure.totals.total == Decimal("100")
    assert [f.id for f in table_findings(doc) if f.id != "table.missing"] == []  # 100万元 = 1000000元


# ------------------------------------------------------------------ rounding: intervals, not a tolerance

_GENERAL = ("一般公共预算财政拨款支出决算表\n单位：万元\n项目\t\t合计\t基本支出\t项目支出\n"
            "201\t一般公共服务支出\t{total}\t{basic}\t{project}\n")


@pytest.mark.parametrize("total, basic, project, flagged", [
    ("10.00", "3.33", "6.67", False),
    ("10.00", "3.34", "6.67", False),   # 0.01 off: three rounded cells allow 0.015
    ("10.00", "3.33", "6.66", False),
    ("10.00", "3.35", "6.67", True),    # 0.02 off: no exact amounts round to these
    ("10.00", "3.31", "6.67", True),
])
def test_row_sums_are_judged_by_rounding_intervals(total, basic, project, flagged):
    doc = extract_text(_GENERAL.format(total=total, basic=basic, project=project))
    found = [f for f in table_findings(doc) if f.id == "table.rows"]
    assert bool(found) is flagged
    if flagged:
        assert found[0].text == total and f"基本支出 {basic} + 项目支出 {project}" in found[0].formula


_PUTUO = "putuo-caizhengju-2024"


def _mutated(old: str, new: str, nth: int = 0):
    text = document(_PUTUO).text
    start = -1
    for _ in range(nth + 1):
        start = text.index(old, start + 1)
    return extract_text(text[:start] + new + text[start + len(old):])


def _one(doc, check_id):
    found = [f for f in table_findings(doc) if f.id == check_id]
    assert len(found) == 1, found
    return found[0]


def test_summary_income_sources_and_grand_total():
    doc = _mutated("本年收入合计\t2,946.25", "本年收入合计\t2,956.25")
    summary = [f for f in table_findings(doc) if f.id == "table.summary"]
    assert [f.text for f in summary] == ["2,956.25", "2,995.39"]
    assert summary[0].formula == "一般公共预算财政拨款收入 2940.05 + 其他收入 6.20 = 2946.25"
    cross = _one(doc, "table.cross")  # and 收入决算表's 合计 no longer equals it
    assert cross.text == "2,946.25" and cross.expected == "2956.25"


def test_basic_detail_personnel_total_against_classes_and_general_budget():
    doc = _mutated("人员经费合计\t\t\t2,152.26", "人员经费合计\t\t\t2,152.36")
    detail = _one(doc, "table.basic_detail")
    assert detail.text == "2,152.36"
    assert detail.formula == "301 工资福利支出 2082.85 + 303 对个人和家庭的补助 69.41 = 2152.26"
    cross = _one(doc, "table.cross")
    assert "人员经费合计 + 公用经费合计 2337.01" in cross.message and cross.expected == "2336.91"


def test_three_public_pairs_layout_budget_total():
    doc = _mutated("0.95\t\t\t\t\t\t\t\t\t\t0.95", "1.95\t\t\t\t\t\t\t\t\t\t0.95")
    finding = _one(doc, "table.three_public")
    assert finding.text == "1.95" and finding.expected == "0.95"


def test_fiscal_split_by_fund_and_general_budget_table():
    doc = _mutated("本年支出合计\t2,940.05\t2,940.05", "本年支出合计\t2,940.05\t2,940.15")
    assert _one(doc, "table.summary").text == "2,940.05"
    cross = _one(doc, "table.cross")
    assert cross.message.startswith("一般公共预算财政拨款支出决算表「合计」行 合计 2940.05")


def test_class_row_against_the_summary():
    text = document(_PUTUO).text
    start = text.index("221\t\t\t住房保障支出\t445.69", text.index("支出决算表\n单位"))
    doc = extract_text(text[:start] + text[start:].replace("445.69", "445.79", 1))
    cross = _one(doc, "table.cross")
    assert cross.text == "445.79" and cross.expected == "445.69" and "「221 住房保障支出」行" in cross.message


def test_procurement_total_of_the_statistics_table():
    text = document("seed-004").text.replace("合计\t1\t93.24", "合计\t1\t95.24")
    finding = _one(extract_text(text), "table.procurement")
    assert finding.text == "95.24" and finding.formula == "货物 6.25 + 服务 86.99 = 93.24"


def test_table_checks_can_be_disabled_by_prefix():
    doc = document("seed-000")
    assert not [f for f in check_document(doc, disable=["table"]) if f.id.startswith("table.")]
    assert sorted(f.id for f in check_document(doc, disable=["table.rows"]) if f.id.startswith("table.")) == \
        ["table.hierarchy", "table.three_public"]


def test_item_rows_against_their_section_and_class():
    # a 项 changed on its own line (its columns still agree): its 款 20805 no longer adds up
    doc = _mutated("机关事业单位基本养老保险缴费支出\t160.75\t160.75", "机关事业单位基本养老保险缴费支出\t170.75\t170.75",
                   nth=1)  # the 支出决算表's line, after the 收入决算表's
    found = [f for f in table_findings(doc) if f.id == "table.hierarchy"]
    assert {f.message.split("：")[0] for f in found} == {
        "支出决算表「20805 行政事业单位养老支出」行本年支出合计列", "支出决算表「20805 行政事业单位养老支出」行基本支出列"}
    assert all(f.text == "326.72" and f.expected == "336.72" for f in found)
    assert "2080505 机关事业单位基本养老保险缴费支出 170.75" in found[0].formula


def test_classes_against_the_total_row_within_rounding():
    # the four 类 rows print 2106.66 + 326.72 + 60.99 + 445.69 = 2940.06 against a 合计 of 2940.05:
    # five rounded cells may miss each other by up to 0.025, so the published table passes
    doc = _mutated("类\t款\t项\t合计\t2,940.05", "类\t款\t项\t合计\t2,940.15")
    found = [f for f in table_findings(doc) if f.id == "table.hierarchy"]
    assert [(f.text, f.expected) for f in found] == [("2,940.15", "2940.06")]
    within = _mutated("类\t款\t项\t合计\t2,940.05", "类\t款\t项\t合计\t2,940.08")
    assert not [f for f in table_findings(within) if f.id == "table.hierarchy"]
