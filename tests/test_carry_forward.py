"""narrator draft --prior LAST: last year's amounts become this year's prior amounts."""

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from narrator.app.cli import main
from narrator.errors import InputError
from narrator.figures.carry import carry_forward
from narrator.figures.load import figures_from_yaml

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "changzhi-2024.yaml"


def _figures(year: int, unit: str, income: str, prior: str = "{}"):
    return figures_from_yaml(f"unit: 单位\nyear: {year}\namount_unit: {unit}\nprior: {prior}\n"
                             f"summary: {{income_total: {income}, expenditure_total: {income}}}\n", "<test>")


def test_last_year_current_amounts_become_prior_amounts_in_this_years_unit():
    this = _figures(2024, "万元", "465.34", "{grand_total.expenditure: 500.00}")
    last = _figures(2023, "元", "5616100.00")
    carried, count = carry_forward(this, last, "last.yaml")
    assert carried.prior["grand_total.income"] == Decimal("561.61")
    assert carried.prior["grand_total.expenditure"] == Decimal("500.00")  # this year's own value wins
    assert count > 0 and len(carried.prior) == count + 1


def test_last_year_must_be_the_year_before():
    with pytest.raises(InputError, match="2023"):
        carry_forward(_figures(2024, "万元", "1.00"), _figures(2022, "万元", "1.00"), "old.yaml")


def test_draft_with_prior_fills_the_year_on_year_sentences(tmp_path, capsys):
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["prior"] = {}
    this = tmp_path / "2024.yaml"
    this.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    last_data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    last_data.update(year=2023, prior={}, causes={"grand_total.income": "上年项目较多"})
    last_data["summary"]["carried_forward_in"] = "96.27"  # 收入总计 561.61 = 465.34 + 96.27
    last_data["summary"]["expenditure_total"] = "561.61"
    last = tmp_path / "2023.yaml"
    last.write_text(yaml.safe_dump(last_data, allow_unicode=True), encoding="utf-8")

    assert main(["draft", str(this)]) == 0
    without = capsys.readouterr().out
    assert "收入、支出总计【请补充上年决算数（prior.grand_total.income）】" in without
    assert main(["draft", str(this), "--prior", str(last)]) == 0
    out, err = capsys.readouterr()
    assert "与2023年度相比，收入、支出总计减少58.63万元，下降10.44%" in out
    assert "带入上年决算数" in err


def test_last_years_cause_is_offered_only_inside_a_placeholder():
    from narrator.draft import draft, load_template_set
    from narrator.placeholders import PLACEHOLDER

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    del data["causes"]["grand_total.income"], data["causes"]["grand_total.expenditure"]
    figures = figures_from_yaml(yaml.safe_dump(data, allow_unicode=True), "<test>")
    text = draft(figures, load_template_set("national"), last_causes={"grand_total.income": "上年项目较多"}).markdown
    offered = [p for p in PLACEHOLDER.findall(text) if "上年项目较多" in p]
    assert offered == ["【请补充原因（上年原因：上年项目较多）】"]
    assert text.count("上年项目较多") == 1
