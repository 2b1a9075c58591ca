"""Loading and validating figures files: YAML, JSON, XLSX, and their errors."""

import json
from decimal import Decimal

import pytest
import yaml

from narrator.errors import FiguresError, InputError
from narrator.figures import Facts, load_figures
from narrator.figures.load import _DecimalLoader
from narrator.figures.workbook import FIELDS_SHEET, KEYED_SHEET, read_workbook, write_template


def test_yaml_numbers_are_decimals(sample_figures):
    figures = load_figures(sample_figures)
    assert figures.summary.income_total == Decimal("465.34")
    assert isinstance(figures.prior["grand_total.income"], Decimal)
    assert Facts(figures)["grand_total.income"].current == Decimal("502.98")


def test_json_equals_yaml(sample_figures, tmp_path):
    data = yaml.load(sample_figures.read_text(encoding="utf-8"), Loader=_DecimalLoader)
    out = tmp_path / "f.json"
    out.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    assert load_figures(out) == load_figures(sample_figures)


def test_every_bad_field_is_named_at_once(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("unit: 单位\nyear: 二〇二四\nsummary:\n  incme: {}\n  expenditure_total: abc\n", encoding="utf-8")
    with pytest.raises(FiguresError) as caught:
        load_figures(bad)
    locations = [loc for loc, _ in caught.value.problems]
    assert locations == ["year", "summary.income_total", "summary.expenditure_total", "summary.incme"]
    assert str(bad) in str(caught.value)


def test_unknown_fact_key_is_an_error_with_a_suggestion(sample_figures, tmp_path):
    text = sample_figures.read_text(encoding="utf-8").replace("\n  grand_total.income: 561.61", "\n  grand_total.incme: 561.61")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(FiguresError) as caught:
        load_figures(bad)
    (loc, message), = caught.value.problems
    assert loc == "prior.grand_total.incme" and "grand_total.income" in message


def test_budget_cause_key(sample_figures, tmp_path):
    text = sample_figures.read_text(encoding="utf-8") + "  general_budget.total@budget: 部分项目未按期支付\n"
    f = tmp_path / "f.yaml"
    f.write_text(text, encoding="utf-8")
    assert Facts(load_figures(f))["general_budget.total"].budget_cause == "部分项目未按期支付"


@pytest.mark.parametrize("content,expected", [
    (b"unit: [unclosed", "无法解析"),
    (b"\x00\x01\x02binary", "二进制"),
    (b"- just\n- a list\n", "顶层应为映射"),
])
def test_unreadable_files(tmp_path, content, expected):
    path = tmp_path / "f.yaml"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        load_figures(path)
    assert expected in str(caught.value)


def test_missing_file_and_wrong_type(tmp_path):
    with pytest.raises(InputError, match="不存在"):
        load_figures(tmp_path / "nope.yaml")
    other = tmp_path / "f.csv"
    other.write_text("a,b", encoding="utf-8")
    with pytest.raises(InputError, match="不支持"):
        load_figures(other)


def test_gbk_yaml_is_read(sample_figures, tmp_path):
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes(sample_figures.read_text(encoding="utf-8").encode("gbk"))
    assert load_figures(gbk).unit == "示例单位"


def test_workbook_template_round_trip(sample_figures, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "figures.xlsx"
    write_template(path)
    book = load_workbook(path)
    fields = book[FIELDS_SHEET]
    values = {"unit": "示例单位", "year": 2024, "amount_unit": "万元", "administrative": "是",
              "summary.income.general_budget": 465.34, "summary.income_total": 465.34,
              "summary.expenditure_total": 502.98, "summary.carried_forward_in": 37.64}
    for row in fields.iter_rows(min_row=2):
        if row[0].value in values:
            row[2].value = values[row[0].value]
    book["一般公共预算支出"].append(["201", "一般公共服务支出", 448.64, 224.15, 224.49])
    book["按类支出"].append([201, 448.64])
    book[KEYED_SHEET].append(["grand_total.income", 561.61, None, None, "项目资金减少", None])
    book.save(path)

    data = read_workbook(path)
    assert data["summary"]["income"]["general_budget"] == Decimal("465.34")
    figures = load_figures(path)
    facts = Facts(figures)
    assert facts["grand_total.income"].current == Decimal("502.98")
    assert facts["grand_total.income"].prior == Decimal("561.61")
    assert facts["grand_total.income"].cause == "项目资金减少"
    assert facts["general_budget.201"].current == Decimal("448.64")
    assert figures.administrative is True


def test_workbook_errors(tmp_path):
    bogus = tmp_path / "x.xlsx"
    bogus.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="xlsx"):
        load_figures(bogus)
