"""The Shanghai Putuo PDFs: narrative heading wrapped before 情况说明, 基本支出决算表 with split
economic codes, 三公经费 columns in 预算/决算 pairs, and a 支出决算表 missing from the document.

Each PDF is read once per module (a few seconds each); the synthetic tables below
test the same readers in milliseconds.
"""

from decimal import Decimal
from functools import lru_cache

import pytest

from conftest import ROOT
from narrator.extract import extract
from narrator.extract.build import build_tables
from narrator.extract.otherreaders import read_basic_detail
from narrator.extract.sections import narrative_span, split_sections
from narrator.extract.tables import find_tables
from narrator.extract.threepublic import read_three_public

GOLDEN = ROOT / "golden"


@lru_cache(maxsize=None)
def putuo(name: str):
    return extract(GOLDEN / f"putuo-{name}" / "document.pdf")


def _messages(document) -> list[str]:
    return [w.message for w in document.warnings]


# ------------------------------------------------------------------ 1. narrative heading wraps before 情况说明

def test_heading_wrapped_before_qingkuang_is_found():
    text = ("第三部分 上海市普陀区规划和自然资源局 2024年度部门决算\n情况说明\n"
            "一、收入支出决算总体情况说明\n总计 1 万元。\n二、收入决算情况说明\n收入 1 万元。\n第四部分 名词解释\n")
    span = narrative_span(text)
    assert span is not None and text[span[0]:].startswith("第三部分")
    assert [s.title for s in split_sections(text, span)] == ["一、收入支出决算总体情况说明", "二、收入决算情况说明"]


def test_guihuaziyuan_narrative_and_sections():
    document = putuo("guihuaziyuan-2024")
    assert document.narrative.startswith("第三部分 上海市普陀区规划和自然资源局 2024年度部门决算\n情况说明")
    assert "第四部分" not in document.narrative
    level1 = [s.title for s in document.sections if s.level == 1]
    assert len(level1) == 11 and level1[0] == "一、收入支出决算总体情况说明"
    assert document.warnings == []


# ------------------------------------------------------------------ 2. 基本支出决算表, Shanghai layout

_DETAIL = """一般公共预算财政拨款基本支出决算表
单位：万元
经济分类\t\t科目名称\t决算数\t经济分类\t\t科目名称\t决算数
类\t款\t\t\t类\t款\t\t
301\t\t工资福利支出\t100.00\t302\t\t商品和服务支出\t8.00
301\t01\t基本工资\t100.00\t302\t01\t办公费\t5.00
303\t\t对个人和家庭的补助\t2.00\t302\t04\t手 续 费\t
303\t02\t退休费\t2.00\t302\t99\t其 他 商 品 和 服 务 支出\t3.00
\t\t\t\t310\t\t资本性支出\t1.00
\t\t\t\t310\t02\t办公设备购置\t1.00
人员经费合计\t\t\t102.00\t公用经费合计\t\t\t9.00
"""


def _read(text: str):
    return build_tables(find_tables(text), text)


def _table(text: str):
    (table,) = find_tables(text)
    return table


def test_basic_detail_split_codes_side_by_side():
    reading = read_basic_detail(_table(_DETAIL))
    assert reading.warnings == []
    assert reading.values == {"personnel_total": Decimal("102.00"), "public_total": Decimal("9.00")}
    rows = {r["code"]: (r["name"], r["amount"], r["kind"]) for r in reading.rows}
    assert rows["30101"] == ("基本工资", Decimal("100.00"), "人员经费")
    assert rows["30302"] == ("退休费", Decimal("2.00"), "人员经费")
    assert rows["30299"] == ("其他商品和服务支出", Decimal("3.00"), "公用经费")
    assert rows["310"] == ("资本性支出", Decimal("1.00"), "公用经费")
    assert "30204" not in rows  # empty amount: no row
    assert [r["code"] for r in reading.rows] == sorted(rows)


def test_basic_detail_empty_totals_are_zero_without_warning():
    text = _DETAIL.split("301\t\t")[0] + "人员经费合计\t\t\t公用经费合计\t\t\n"
    reading = read_basic_detail(_table(text))
    assert reading.values == {"personnel_total": 0, "public_total": 0}
    assert reading.warnings == []


def test_basic_detail_unreadable_amount_is_warned_not_dropped():
    text = _DETAIL.replace("302\t01\t办公费\t5.00", "302\t01\t办公费\t5.0x")
    reading = read_basic_detail(_table(text))
    assert any("无法识别的金额「5.0x」" in w.message for w in reading.warnings)


def test_caizhengju_basic_detail_rows_agree_with_totals():
    document = putuo("caizhengju-2024")
    detail = document.figures.basic_detail
    assert (detail.personnel_total, detail.public_total) == (Decimal("2152.26"), Decimal("184.65"))
    by_code = {r.code: r for r in detail.rows}
    assert by_code["30101"].amount == Decimal("262.33") and by_code["30101"].kind == "人员经费"
    assert by_code["303"].amount == Decimal("69.41") and by_code["303"].kind == "人员经费"
    assert by_code["30239"].amount == Decimal("48.49") and by_code["30239"].kind == "公用经费"
    assert by_code["31002"].amount == Decimal("13.58") and by_code["31002"].kind == "公用经费"
    classes = {kind: sum(r.amount for r in detail.rows if len(r.code) == 3 and r.kind == kind)
               for kind in ("人员经费", "公用经费")}
    assert classes == {"人员经费": detail.personnel_total, "公用经费": detail.public_total}
    assert not [m for m in _messages(document) if "经费合计" in m]


def test_template_basic_detail_is_empty_not_missing():
    document = putuo("template-2024")
    assert document.figures.basic_detail.personnel_total == 0
    assert document.warnings == []


# ------------------------------------------------------------------ 3. 三公经费: pairs or blocks

_THREE_HEAD = """财政拨款“三公”经费支出决算表
单位：万元
合计\t\t因公出国（境）费\t\t公务用车购置及运行维护费\t\t\t\t\t\t公务接待费\t
\t\t\t\t小计\t\t公务用车购置费\t\t公务用车运行维护费\t\t\t
"""
_PAIRS = "预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\n"


def _three(text: str):
    reading = read_three_public(_table(text))
    items = ("outbound", "vehicle_purchase", "vehicle_operation", "reception")
    three = {item: {side: reading.values[f"{side}.{item}"] for side in ("budget", "actual")} for item in items}
    return three, [w.message for w in reading.warnings]


def test_three_public_pairs_header():
    three, warnings = _three(_THREE_HEAD + _PAIRS + "2.85\t0.89\t0.00\t0.00\t1.00\t0.50\t0.00\t0.00\t1.00\t0.50\t1.85\t0.39\n")
    assert three["reception"] == {"budget": Decimal("1.85"), "actual": Decimal("0.39")}
    assert three["vehicle_operation"] == {"budget": Decimal("1.00"), "actual": Decimal("0.50")}
    assert warnings == []


def test_three_public_blocks_header_still_read_as_blocks():
    head = "预算数\t\t\t\t\t\t决算数\t\t\t\t\t\n"
    three, warnings = _three(_THREE_HEAD + head + "1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\n"
                             + "0.05\t\t\t\t\t0.05\t0.04\t\t\t\t\t0.04\n")
    assert three["reception"] == {"budget": Decimal("0.05"), "actual": Decimal("0.04")}
    assert warnings == []


def test_three_public_sums_overrule_a_missing_header():
    three, warnings = _three(_THREE_HEAD + "2.85\t0.39\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t2.85\t0.39\n")
    assert three["reception"] == {"budget": Decimal("2.85"), "actual": Decimal("0.39")}
    assert any("按合计关系判定为各项预算数与决算数相邻" in w for w in warnings)


def test_caizhengju_and_guihuaziyuan_three_public():
    caizhengju, guihua = putuo("caizhengju-2024"), putuo("guihuaziyuan-2024")
    assert caizhengju.figures.three_public.reception.budget == Decimal("0.95")
    assert caizhengju.figures.three_public.actual == 0
    assert guihua.figures.three_public.reception.budget == Decimal("2.85")
    assert guihua.figures.three_public.reception.actual == Decimal("0.39")
    assert guihua.figures.three_public.budget == Decimal("2.85")
    assert caizhengju.warnings == []


# ------------------------------------------------------------------ 4. 支出决算表 absent from the planted-errors copy

def test_planted_errors_expenditure_derived_from_fund_tables():
    planted, original = putuo("caizhengju-2024-planted-errors"), putuo("caizhengju-2024")
    assert "expenditure" not in planted.tables
    assert planted.figures.expenditure == original.figures.expenditure
    assert planted.figures.expenditure.totals.basic == Decimal("2336.91")
    assert [m for m in _messages(planted) if "支出决算表" in m] == [
        "未找到「支出决算表」（文档中没有这张表）；本年支出合计2940.05等于财政拨款支出之和，按各财政拨款支出决算表推算基本支出和项目支出"]


def test_missing_expenditure_not_derived_when_other_money_was_spent():
    text = """收入支出决算总表
单位：万元
本年收入合计\t10.00\t本年支出合计\t10.00
一般公共预算财政拨款支出决算表
单位：万元
合计\t\t8.00\t8.00\t
"""
    built = _read(text)
    assert "未找到「支出决算表」，该表数据按0处理" in [w.message for w in built.warnings]
    assert "expenditure" not in built.data


@pytest.mark.parametrize("name", ["caizhengju-2024", "caizhengju-2024-planted-errors", "guihuaziyuan-2024",
                                  "shehuigongzuobu-2024", "template-2024"])
def test_every_putuo_pdf_validates_with_narrative(name):
    document = putuo(name)
    assert document.figures is not None and document.narrative_span is not None
    assert len(document.tables) >= 8
    assert not [m for m in _messages(document) if "校验未通过" in m]
