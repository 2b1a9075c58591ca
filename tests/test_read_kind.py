"""narrator.read.kind: a 预算 disclosure is told from its title, or from a page that speaks only of 预算."""

from narrator.extract.sections import narrative_span
import pytest

from narrator.read.kind import is_budget_disclosure, is_final_disclosure


def test_a_budget_title_makes_a_budget_disclosure():
    assert is_budget_disclosure("# source: x\n某局2016年“三公经费”预算对比增减说明\n2016年预算8万元。")
    assert not is_budget_disclosure("某区2024年1-4月预算执行情况\n完成年初预算的40.4%。")
    assert not is_budget_disclosure("某局2024年度部门决算情况说明\n年初预算为10.00万元，支出决算为9.00万元。")


def test_a_page_without_title_that_speaks_only_of_budgets():
    page = "5\n工资福利支出预算912000.0元，占基本支出预算的91.20%。商品和服务支出预算80000.00元。对个人和家庭补助支出预算8000元。"
    assert is_budget_disclosure(page)
    assert not is_budget_disclosure(page + "完成预算的98%。")


def test_a_looser_narrative_heading_serves_when_the_strict_one_is_a_contents_line():
    text = ("目录\n第二部分 2021年度部门决算说明\n第三部分 2021年度其他重要事项的情况说明\n第四部分 绩效评价\n"
            "第二部分 2021年度部门决算说明\n二、收入支出决算总体情况说明\n2021年度收、支总计18,240.50万元。\n")
    start, end = narrative_span(text)
    assert "18,240.50万元" in text[start:end]


@pytest.mark.parametrize("text, final", [
    ("甲单位2024年度部门决算\n一、收入支出决算总体情况", True),
    ("2024年度“三公”经费决算情况说明\n三公经费支出8.00万元。", True),
    ("甲单位2025年部门预算及2024年度决算公开\n三公经费预算8.00万元。", False),
    ("甲单位2024年度部门预决算公开\n…", False),
    ("甲单位2025年部门预算公开说明\n三公经费预算8.00万元。", False),
])
def test_final_disclosure_by_title(text, final):
    assert is_final_disclosure(text) is final
