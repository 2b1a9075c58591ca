"""Tables with years as rows (read/yeartable.py) and the narrative read against them (read/printed.py)."""

from decimal import Decimal

from narrator.numbers import Interval, may_be_one
from narrator.read.context import Context
from narrator.read.printed import year_rows
from narrator.read.yeartable import year_tables

_GROUPED = ("年度\t合计\t公务接待费\t公务用车购置及运行费\t小计\t购置\t运行\n"
            "2023年\t100\t40\t60\t20\t40\n2024年\t90\t40\t50\t10\t40\n2024年比2023年增减%\t-10.00\t0.00\t-16.67\t-50.00\t0.00\n")


def test_a_group_header_followed_by_its_subtotal_is_laid_on_the_data():
    (table,) = year_tables(_GROUPED)
    assert table.columns == ("合计", "公务接待费", "公务用车购置及运行费", "购置", "运行")
    assert table.earlier == (2023, ("100", "40", "60", "20", "40"))
    assert table.later[0] == 2024
    assert table.rates == ("-10.00", "0.00", "-16.67", "-50.00", "0.00")
    assert [_GROUPED[s:s + len(c)] for s, c in zip(table.rate_starts, table.rates)] == list(table.rates)


def test_three_years_or_a_rate_of_other_years_are_not_read():
    three = "年度\t合计\n2022年\t80\n2023年\t100\n2024年\t90\n增减%\t-10.00\n"
    other = "年度\t合计\n2023年\t100\n2024年\t90\n2024年比2022年增减%\t-10.00\n"
    assert year_tables(three) == [] and year_tables(other) == []


def test_a_header_that_cannot_be_laid_on_the_data_names_no_column():
    (table,) = year_tables("年度\t合计\t甲\t乙\t丙\n2023年\t100\t40\n2024年\t90\t40\n")
    assert table.columns == (None, None)


def test_without_a_unit_the_table_is_read_in_the_unit_the_narrative_agrees_with():
    text = "2024年三公经费支出90万元，其中，公务接待费40万元。\n" + _GROUPED
    rows = year_rows(Context(text, year=2024))
    assert rows["three_public.total"].actual.written == "90万元"
    assert rows["three_public.total"].prior.written == "100万元"
    # one item agreeing is not enough to tell the unit
    assert year_rows(Context("2024年三公经费支出90万元。\n" + _GROUPED, year=2024)) == {}
    # another report year: the later row is not this year's
    assert year_rows(Context(text, year=2025)) == {}


def test_two_whole_figures_that_only_touch_are_not_one_value():
    whole = [Interval.of_rounded(Decimal(v), 0) for v in (995, 996)]
    assert not may_be_one(*whole) and whole[0].overlaps(whole[1])
    assert may_be_one(Interval.of_rounded(Decimal("995.5"), 1), whole[1])
    assert may_be_one(Interval.exact(Decimal("995.5")), whole[1])


def test_a_table_of_last_year_this_year_and_the_change_is_read_under_either_header():
    from narrator.read.changetable import change_rows

    flat = "项目 | 上年决算数 | 本年决算数 | 增减额 | 增减率 |\n合计 | 30.00 | 27.00 | -3.00 | -10.00% |\n"
    grouped = ("项目 | 上年决算数 | 本年决算数 | 比上年增、减情况 | |\n增、减金额 | 增、减幅度 | |||\n"
               "合计 | 30.00 | 27.00 | -3.00 | -10.00% |\n1.公务接待费 | 10.00 | | | |\n")
    for text in (flat, grouped):
        (row,) = change_rows(text)  # the row with a blank cell is not read
        assert row.label == "合计" and row.cells == ("30.00", "27.00", "-3.00", "-10.00%")
        assert [text[s:s + len(c)] for s, c in zip(row.starts, row.cells)] == list(row.cells)
    assert change_rows("项目 | 上年决算数 | 本年决算数 | 增减额 |\n合计 | 30.00 | 27.00 | -3.00 |\n") == []
