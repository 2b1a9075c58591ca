"""Harvesting the 项 sentences of 五(三): words broken across PDF lines, and 主要用于 naming no item."""

from decimal import Decimal as D

from narrator.extract.harvest import harvest_keyed
from narrator.extract.types import Section
from narrator.figures.facts import Facts
from narrator.figures.model import Figures

ROWS = [("208", "社会保障和就业支出", "30.00"), ("20805", "行政事业单位养老支出", "30.00"),
        ("2080501", "行政单位离退休", "10.00"), ("2080505", "机关事业单位基本养老保险缴费支出", "20.00")]
TEXT = ("（三）一般公共预算财政拨款支出决算具体情况\n"
        "1、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。主要用于：离休人员支出。年\n"
        "初预算为 10.00万元，支出决算为10.00万元。\n"
        "2、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。"
        "主要用于：行政事业单位养老保险支出。年初预算为 21.00 万元，支出决算为20.00万元；全\n年预算为 22.00 万元。\n")


def test_item_budgets_across_line_breaks_and_after_a_purpose():
    figures = Figures.model_validate({
        "unit": "测试单位", "year": 2024,
        "summary": {"income_total": "30.00", "expenditure_total": "30.00"},
        "general_budget": {"total": "30.00", "rows": [{"code": c, "name": n, "total": t} for c, n, t in ROWS]},
    })
    names = {name: f"general_budget.{code}" for code, name, _ in ROWS}
    section = Section("一般公共预算财政拨款支出决算具体情况", 2, 0, len(TEXT))
    harvest = harvest_keyed(Facts(figures), TEXT, [section], "万元", names, 2024)
    assert harvest.values["budget"] == {"general_budget.2080501": D("10.00"), "general_budget.2080505": D("21.00")}
    assert harvest.values["full_year_budget"] == {"general_budget.2080505": D("22.00")}
