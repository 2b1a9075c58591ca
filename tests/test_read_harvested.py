"""read/harvested.py: the prior amounts, budgets and causes a narrative states, read through the
reader's statements, claims and bindings (what ``narrator extract`` fills a figures file with)."""

from decimal import Decimal
from pathlib import Path

import pytest

from narrator.figures import load_figures
from narrator.figures.facts import Facts
from narrator.read.context import Context
from narrator.read.harvested import harvested

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "changzhi-2024.yaml"


@pytest.fixture(scope="module")
def facts():
    return Facts(load_figures(EXAMPLE))


def _read(text: str, facts: Facts) -> dict[tuple[str, str], object]:
    found = {}
    for item in harvested(Context(text, facts=facts), "万元"):
        found.setdefault((item.field, item.key), item.value)
    return found


def test_a_change_gives_the_prior_and_a_nameless_budget_the_sections_subject(facts):
    current = facts["general_budget.total"].current
    text = ("五、一般公共预算财政拨款支出决算情况说明\n（一）一般公共预算财政拨款支出决算总体情况\n"
            f"2024年度一般公共预算财政拨款支出{current}万元，比上年减少10.00万元，主要原因是部分项目完工。"
            f"与年初预算相比，年初预算数600.00万元，决算数{current}万元，决算数小于预算数的主要原因是节约开支。")
    found = _read(text, facts)
    assert found[("prior", "general_budget.total")] == current + Decimal("10.00")
    assert found[("budget", "general_budget.total")] == Decimal("600.00")
    assert found[("causes", "general_budget.total")] == "部分项目完工"
    assert found[("causes", "general_budget.total@budget")] == "节约开支"


def test_a_grand_total_said_of_income_and_expenditure_gives_both(facts):
    income, spend = facts["grand_total.income"].current, facts["grand_total.expenditure"].current
    text = f"一、收入支出决算总体情况说明\n2024年度收、支总计{income}万元。与上年相比，收、支总计各增加5.00万元。"
    found = _read(text, facts)
    assert found[("prior", "grand_total.income")] == income - Decimal("5.00")
    assert found[("prior", "grand_total.expenditure")] == spend - Decimal("5.00")


def test_a_flat_item_has_this_years_amount_as_last_years(facts):
    current = facts["three_public.reception"].current
    text = f"八、财政拨款“三公”经费支出决算情况说明\n公务接待费支出决算{current}万元，与上年持平。"
    assert _read(text, facts)[("prior", "three_public.reception")] == current
