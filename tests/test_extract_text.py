"""narrator.extract on the seed texts: tables, harvested values, sections, warnings."""

from decimal import Decimal as D
from pathlib import Path

import pytest

from narrator.extract import extract

SEEDS = Path(__file__).parent / "data" / "seeds"


def seed(number: str) -> Path:
    return next(SEEDS.glob(f"{number}_*.txt"))


@pytest.fixture(scope="module")
def seed004():
    return extract(seed("004"))


@pytest.fixture(scope="module")
def seed000():
    return extract(seed("000"))


def test_text_is_the_decoded_file_verbatim(seed004):
    assert seed004.text == seed("004").read_text(encoding="utf-8")


def test_seed004_tables(seed004):
    f = seed004.figures
    assert f.amount_unit == "万元" and f.year == 2024
    assert f.unit == "中共长治市委网络安全和信息化委员会办公室"
    assert (f.summary.income_total, f.summary.expenditure_total) == (D("465.34"), D("502.98"))
    assert f.summary.carried_forward_in == D("37.64")
    assert f.summary.expenditure_by_class == {"201": D("448.64"), "205": D("0.27"), "208": D("27.44"),
                                              "210": D("7.76"), "221": D("18.87")}
    assert (f.general_budget.total, f.general_budget.basic, f.general_budget.project) == (D("502.98"), D("278.49"), D("224.50"))
    assert (f.basic_detail.personnel_total, f.basic_detail.public_total) == (D("207.29"), D("71.20"))
    assert f.expenditure.totals.basic == D("278.49")
    assert f.three_public.reception.actual == D("0.05") and f.three_public.reception.budget == D("0.05")
    assert (f.procurement.goods, f.procurement.services, f.operating_expenses) == (D("6.25"), D("86.99"), D("71.20"))
    assert len(seed004.tables) == 10


def test_seed004_is_consistent_so_no_warnings(seed004):
    assert seed004.warnings == []


def test_seed004_harvest(seed004):
    f = seed004.figures
    assert f.prior["grand_total.income"] == D("561.61")  # 502.98 + 58.63 (减少)
    assert f.prior["general_budget.210"] == D("6.49")  # 7.76 − 1.27 (增加)
    assert f.budget["general_budget.total"] == D("591.48")
    assert f.budget["general_budget.201"] == D("532.17")
    assert f.causes["general_budget.205"] == "保教保育人员减少"
    assert f.three_public.reception.batches == 2 and f.three_public.reception.persons == 6
    fields = {p.field for p in seed004.provenance}
    assert "prior.grand_total.income" in fields
    record = next(p for p in seed004.provenance if p.field == "budget.general_budget.total")
    assert seed004.text[record.start:record.end] == record.quote and "591.48" in record.quote


def test_seed000_yuan_and_published_errors(seed000):
    f = seed000.figures
    assert f.amount_unit == "元"
    assert f.summary.income.other == D("19200.00")
    assert f.income.totals.other == D("19200.00")  # past the header's columns: placed by the sums
    assert f.expenditure.totals.basic == D("3481824.61")  # as published (a checker reports it)
    assert f.general_budget.basic == D("1921234.19")
    assert f.three_public.reception.budget == D("2000.00")
    assert f.budget["general_budget.2080505"] == D("202900.00")
    assert f.budget["general_budget.2101102"] == D("53600.00")
    assert f.prior["basic.302"] == D("96688.00")
    assert f.budget["basic.301"] == D("1475550.00")  # 1795848.95 − 320298.95 (较年初预算数增加)
    messages = " ".join(w.message for w in seed000.warnings)
    assert "合计3481824.61与分列之和5042415.03不符" in messages
    assert "预算数合计0与各项之和2000.00不符" in messages
    assert all(w.location for w in seed000.warnings)


def test_seed000_names_filled_from_other_tables(seed000):
    rows = {row.code: row.name for row in seed000.figures.general_budget.rows}
    assert rows["2080505"] == "机关事业单位基本养老保险缴费支出"


def test_seed002_ocr_noise():
    document = extract(seed("002"))
    f = document.figures
    assert f.summary.income_total == D("672.13") and f.summary.expenditure_by_class["201"] == D("637.38")
    rows = {row.code: row for row in f.general_budget.rows}
    assert set(rows) == {"2010350", "2010399", "2080505", "2080506", "2089999", "2101102", "2101103", "2210201"}
    assert rows["2010399"].project == D("552.59") and rows["2010399"].basic == 0
    assert {row.code for row in f.income.rows} == set(rows)
    assert f.non_fiscal is not None and f.non_fiscal.income == 0
    assert f.prior["fiscal.grand_total.income"] == D("2714.59")  # stated outright
    assert f.budget["general_budget.total"] == D("576.61")
    assert f.administrative is False
    assert [w.message for w in document.warnings] == ["各表均未找到金额单位，按正文用语推定为万元"]


def test_seed003_narrative_only():
    document = extract(seed("003"))
    assert document.text.startswith(" 昌吉") and document.narrative.startswith("第二部分 部门决算情况说明")
    titles = [s.title for s in document.sections if s.level == 1]
    assert titles[0] == "一、收入支出决算总体情况说明" and titles[-1] == "十一、预算绩效的情况说明"
    assert len(document.warnings) == 1 and "未找到任何决算表" in document.warnings[0].message
    f = document.figures
    assert (f.summary.income_total, f.summary.expenditure_total) == (D("1592.71"), D("1677.60"))
    assert f.prior["fiscal.grand_total.income"] == D("1497.60")  # 1590.48 − 92.88
    assert f.budget["general_budget.total"] == D("1058.72")
    assert f.three_public.reception.persons == 18


def test_sections_have_offsets_into_the_text(seed004):
    for section in seed004.sections:
        assert seed004.text[section.start:section.end].lstrip("#- ").startswith(section.title[:4])
    start, end = seed004.narrative_span
    assert seed004.text[start:].startswith("第三部分 情况说明")
    level2 = [s.title for s in seed004.sections if s.level == 2]
    assert "（二）一般公共预算财政拨款支出决算结构情况" in level2


def test_a_table_of_contents_after_the_narrative_is_not_taken_for_it():
    from narrator.extract.sections import narrative_span

    text = ("第三部分 2024年度部门决算情况说明\n一、收入支出决算总体情况说明\n2024年度收入合计10.00万元。\n"
            "第四部分 名词解释\n财政拨款收入：指本年度从本级财政部门取得的财政拨款。\n"
            "第三部分 情况说明\n第四部分 附件\n")
    start, end = narrative_span(text)
    assert "2024年度收入合计10.00万元" in text[start:end]


def test_a_heading_found_only_in_the_contents_gives_no_span():
    from narrator.extract.sections import narrative_span

    text = ("目录\n第三部分 2024年度部门决算情况说明\n第四部分 附件\n"
            "第三部\n分 2024年度部门决算情况说明\n一、收入支出决算总体情况说明\n2024年度收入合计10.00万元。\n")
    assert narrative_span(text) is None


def test_a_year_not_read_is_said_and_not_judged_against():
    from narrator.check import check_document
    from narrator.extract import extract_text

    document = extract_text("甲单位部门决算\n第三部分 部门决算情况说明\n一、收入支出决算总体情况说明\n"
                            "本年收入合计10.00万元，本年支出合计10.00万元。截至2023年12月31日，共有车辆1辆。\n")
    assert document.figures is not None  # figures need a year: a placeholder, never checked against
    assert any("未能确定报告年度" in w.message for w in document.warnings)
    assert not [f for f in check_document(document) if f.id == "year.mismatch"]
