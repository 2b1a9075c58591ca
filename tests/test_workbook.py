"""The figures workbook a finance officer fills: Chinese labels and headers, drop-downs, formulas."""

from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from narrator.errors import InputError
from narrator.figures.workbook import FIELDS_SHEET, read_workbook, write_template


@pytest.fixture
def template(tmp_path):
    path = tmp_path / "figures.xlsx"
    write_template(path)
    return path


def _labels(path) -> dict[str, str]:
    return {row[0]: row[1] for row in load_workbook(path)[FIELDS_SHEET].iter_rows(min_row=2, values_only=True)}


def test_every_label_is_chinese_and_says_what_the_field_is(template):
    labels = _labels(template)
    assert all(not any(c.isascii() and c.isalpha() for c in label) for label in labels.values()), \
        [label for label in labels.values() if any(c.isascii() and c.isalpha() for c in label)]
    summary = [label for path, label in labels.items() if path.startswith("summary.")]
    assert len(summary) >= 10 and all(label.startswith("收入支出决算总表") for label in summary)
    assert "绩效管理情况文字" not in "".join(summary)
    assert labels["performance.summary"].endswith("绩效管理情况文字")
    assert labels["three_public.outbound.budget"] == "“三公”经费支出决算表 / 因公出国（境）费 / 预算数"


def test_table_sheets_have_chinese_headers_and_drop_downs(template):
    book = load_workbook(template)
    assert [c.value for c in book["支出决算表"][1]][:4] == ["科目编码", "科目名称", "本年支出合计", "基本支出"]
    kinds = book["基本支出明细"].data_validations.dataValidation
    assert kinds and "人员经费,公用经费" in kinds[0].formula1
    assert any("是,否" in v.formula1 for v in book[FIELDS_SHEET].data_validations.dataValidation)


def test_rows_are_read_by_their_headers(template):
    book = load_workbook(template)
    sheet = book["一般公共预算支出"]
    sheet.append(["201", "一般公共服务支出", 448.64, 224.15, 224.49])
    book.save(template)
    row = read_workbook(template)["general_budget"]["rows"][0]
    assert row == {"code": "201", "name": "一般公共服务支出", "total": Decimal("448.64"),
                   "basic": Decimal("224.15"), "project": Decimal("224.49")}


def test_a_formula_without_a_computed_value_is_refused_with_its_address(template):
    book = load_workbook(template)
    fields = book[FIELDS_SHEET]
    for row in fields.iter_rows(min_row=2):
        if row[0].value == "summary.income_total":
            row[2].value = "=C5+C6"  # openpyxl saves the formula without a result
            address = row[2].coordinate
    book.save(template)
    with pytest.raises(InputError, match=f"{FIELDS_SHEET}!{address}"):
        read_workbook(template)


def test_a_workbook_with_field_name_headers_still_reads(tmp_path):
    path = tmp_path / "old.xlsx"
    book = Workbook()
    book.active.title = FIELDS_SHEET
    book.active.append(["路径", "说明", "值"])
    book.active.append(["unit", "", "示例单位"])
    rows = book.create_sheet("一般公共预算支出")
    rows.append(["code", "name", "total"])
    rows.append(["201", "一般公共服务支出", 10])
    book.save(path)
    assert read_workbook(path)["general_budget"]["rows"] == [{"code": "201", "name": "一般公共服务支出", "total": 10}]
