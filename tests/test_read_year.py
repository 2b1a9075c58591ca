"""The report year: told by how the text dates itself, never guessed between two equal candidates."""

from narrator.check import check_text
from narrator.read.year import guess_year, tied_years


def test_the_year_written_most_often_outside_comparisons():
    text = "2024年度收入10.00万元。2024年度支出9.00万元。与2023年度相比，减少1.00万元。"
    assert guess_year(text) == 2024 and tied_years(text) == []


def test_two_years_written_as_often_are_told_apart_by_the_title_or_not_at_all():
    body = "2024年度收入10.00万元。2023年度收入9.00万元。"
    assert guess_year(body) is None and tied_years(body) == [2023, 2024]
    assert guess_year("某局2023年度部门决算\n" + body) == 2023


def test_an_unknown_year_is_said_once_and_no_year_is_judged():
    found = [f for f in check_text("2024年度收入合计10.00万元。\n2023年度支出合计10.00万元，其中：本年支出合计10.00万元。")
             if f.id == "year.mismatch"]
    assert [f.severity for f in found] == ["info"] and "无法确定报告年度" in found[0].message
