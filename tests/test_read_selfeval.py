"""narrator.read.selfeval and check/rules/selfeval.py: a 绩效自评表 printed as text, read only where the
header and the row labels fix which number is which (examples written by the team in the published shapes)."""

from decimal import Decimal

import pytest

from narrator.check import check_text
from narrator.read.selfeval import (ACTUAL, ANNUAL, INITIAL, POINTS, RATE, SCORE, funds_blocks,
                                    indicator_tables)

SPACED_HEADER = "附件: 项目支出绩效自评表 (2024年度) 项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
BARRED_HEADER = "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
INDICATOR_HEADER = "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n"


def _values(row):
    return {column: value.number for column, value in row.values.items()}


def test_a_block_flattened_with_spaces_is_read_by_its_counts():
    text = SPACED_HEADER + "年度资金总额: 12 12 11.5 10 95.83% 9 其中:本年财政拨款 12 12 11.5 上年结转资金 其他资金 年度总体目标"
    (block,) = funds_blocks(text)
    total, grant, carried, other = block.rows
    assert _values(total) == {INITIAL: 12, ANNUAL: 12, ACTUAL: Decimal("11.5"), POINTS: 10,
                              RATE: Decimal("95.83"), SCORE: 9}
    assert text[total.start:total.end] == "年度资金总额: 12 12 11.5 10 95.83% 9"
    assert _values(grant) == {INITIAL: 12, ANNUAL: 12, ACTUAL: Decimal("11.5")}
    assert carried.read and not carried.values and other.name == "其他资金" and block.lists_every_part


def test_a_part_row_with_its_rate_and_one_cell_a_line():
    text = ("项目资金\n年初预算数\n全年预算数\n全年执行数\n分值\n执行率\n得分\n年度资金总额\n8\n8\n6\n10\n75%\n7\n"
            "其中：当年财政拨款\n8\n8\n6\n75%\n其他资金\n年度总体目标")
    (block,) = funds_blocks(text)
    assert _values(block.rows[1]) == {INITIAL: 8, ANNUAL: 8, ACTUAL: 6, RATE: 75}


@pytest.mark.parametrize("row", [
    "年度资金总额: 0 0 10 0 0",  # five cells for six columns: a blank somewhere, not said where
    "年度资金总额: 12 12% 11.5 10 95.83% 9",  # a percentage in an amount column
    "年度资金总额:12 12 11.5 10 95.83% 9",  # the label runs into the numbers
])
def test_a_row_whose_cells_cannot_be_told_apart_is_not_read(row):
    blocks = funds_blocks(SPACED_HEADER + row + " 其他资金")
    assert not any(r.values for block in blocks for r in block.rows if r.is_total)


@pytest.mark.parametrize("header", [
    "年初预算数 全年执行数 全年预算数 分值 执行率 得分 ",  # the columns in another order
    "年初预算数 | 全年预算数 全年执行数 | 分值 | 执行率 | 得分 ",  # bars between some cells only
    "预算数 执行数 分值 执行率 得分 ",  # words of no known layout
    "年初预算数 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n",  # not the shorter layout from its second word
])
def test_a_header_of_no_known_layout_gives_no_block(header):
    assert funds_blocks(header + "年度资金总额 12 12 11.5 10 95.83% 9") == []


def test_barred_rows_keep_their_columns_by_position():
    text = BARRED_HEADER + ("年度资金总额 | 20.00 | 25.00 | 24.00 | 10 | 96.00% | 10 |\n"
                            "其中：当年财政拨款 | 20.00 | 25.00 | 24.00 | | 96.00% | |\n"
                            "上年结转资金 | | | | | | |\n其他资金 | / | / | / | / | / | / |\n年度总体目标 | 完成 |\n")
    (block,) = funds_blocks(text)
    assert [row.name for row in block.rows] == ["年度资金总额", "财政拨款", "上年结转资金", "其他资金"]
    assert _values(block.rows[1]) == {INITIAL: 20, ANNUAL: 25, ACTUAL: 24, RATE: 96}


def test_a_barred_part_row_with_a_score_is_shifted_and_not_read():
    text = BARRED_HEADER + ("年度资金总额 | 20.00 | 25.00 | 24.00 | 10 | 96.00% | 10 |\n"
                            "其中：当年财政拨款 | | 25.00 | 24.00 | 24.00 | | 96.00% |\n")
    (block,) = funds_blocks(text)
    assert not block.rows[1].read and not block.rows[1].values


def test_indicator_rows_under_merged_level_cells_and_the_total():
    text = INDICATOR_HEADER + ("产出指标(60分) | 数量指标 | 培训人次 | ≥200人次 | 210人次 | 30 | 30 | |\n"
                               "质量指标 | 考核合格率 | ≥90% | 93% | 20 | 20 | |\n"
                               "结业证书发放率 | 100% | 98% | 10 | 8 | 个别学员缺考 |\n"
                               "总分 | 100 | 98 |\n")
    (table,) = indicator_tables(text)
    assert [(row.points.number, row.score.number) for row in table.rows] == [(30, 30), (20, 20), (10, 8)]
    assert table.every_row_read and table.total_points.number == 100 and table.total_score.number == 98


def test_an_indicator_row_with_a_blank_score_ends_what_is_read():
    text = INDICATOR_HEADER + ("产出指标(60分) | 数量指标 | 培训人次 | ≥200人次 | 210人次 | 30 | 30 | |\n"
                               "质量指标 | 考核合格率 | ≥90% | 93% | 20 |\n总分 | 100 | 98 |\n")
    (table,) = indicator_tables(text)
    assert len(table.rows) == 1 and not table.every_row_read and table.total_points is None


def _ids(text):
    return [finding.id for finding in check_text(text) if finding.id.startswith(("sum.selfeval", "execution.selfeval",
                                                                                  "convention.zero_base"))]


def test_a_total_of_zero_above_a_funded_part_is_an_error_and_its_rate_a_zero_base():
    text = SPACED_HEADER + "年度资金总额: 0 0 0 10 0 0 其中:本年财政拨款 40 38.2 38.2 上年结转资金 其他资金 年度总体目标"
    assert sorted(_ids(text)) == ["convention.zero_base", "sum.selfeval"]


def test_a_complete_block_whose_parts_do_not_add_up():
    text = BARRED_HEADER + ("年度资金总额 | 30.00 | 30.00 | 30.00 | 10 | 100.00% | 10 |\n"
                            "其中：当年财政拨款 | 20.00 | 20.00 | 20.00 | — | 100.00% | — |\n"
                            "上年结转资金 | 5.00 | 5.00 | 5.00 | — | 100.00% | — |\n"
                            "其他资金 | 0.00 | 0.00 | 0.00 | — | — | — |\n")
    assert _ids(text) == ["sum.selfeval"]
    cut = text.rsplit("其他资金", 1)[0]  # without the last row the parts may be incomplete: no sum is due
    assert _ids(cut) == []


def test_a_rate_without_a_percent_sign_is_wrong_only_in_both_readings():
    row = "年度资金总额 | 40.00 | 40.00 | 30.00 | 10 | {} | 8 |\n"
    assert _ids(BARRED_HEADER + row.format("75")) == []
    assert _ids(BARRED_HEADER + row.format("0.75")) == []
    assert _ids(BARRED_HEADER + row.format("80")) == ["execution.selfeval"]


def test_a_zero_row_already_flagged_by_the_row_reading_is_flagged_once():
    text = BARRED_HEADER.replace(" 分值 | 执行率 | 得分", " 执行率 | 分值 | 得分").replace("年初预算数 |", "年初预算 |") \
        .replace("全年预算数", "调整后预算数").replace("全年执行数", "预算执行数").replace("执行率", "预算执行率") \
        .replace("分值", "权重")
    text += "总额 | 0.00 | 5.00 | 5.00 | 100.00% | 10 | 10 |\n单位资金 | 0.00 | 0.00 | 0.00 | 0.00% | / | / |\n"
    assert _ids(text) == ["convention.zero_base"]


def test_one_cell_a_line_indented_by_a_tab():
    text = ("\t项目资金（万元）\n\t\n\t年初预算数\n\t全年预算数\n\t全年执行数\n\t分值\n\t执行率\n\t得分\n\n\t\n\t年度资金总额\n"
            "\t6.00\n\t6.00\n\t5.40\n\t10\n\t90.00%\n\t9.00\n\n\t\n\t其中：当年财政拨款\n\t6.00\n\t6.00\n\t5.40\n\t—\n\t—\n\t—\n\n"
            "\t\n\t其他资金\n\t0.00\n\t0.00\n\t0.00\n\t—\n\t—\n\t—\n\n\t年度总体目标\n")
    (block,) = funds_blocks(text)
    assert [_values(row) for row in block.rows[1:]] == [{INITIAL: 6, ANNUAL: 6, ACTUAL: Decimal("5.40")},
                                                        {INITIAL: 0, ANNUAL: 0, ACTUAL: 0}]
    assert block.lists_every_part and _ids(text) == []


def test_indicator_rows_numbered_by_a_序号_column_are_not_placed():
    text = ("序号 | " + INDICATOR_HEADER + "1 | 产出指标(60分) | 数量指标 | 培训人次 | ≥200人次 | 210人次 | 30 | 30 | |\n"
            "2 | 考核合格率 | ≥90% | 93% | 20 | 20 |\n总分 | 100 | 98 |\n")
    assert [table.rows for table in indicator_tables(text)] == []


def test_a_forms_execution_rate_counts_as_checked_in_the_coverage():
    from narrator.check import review_document
    from narrator.extract import extract_text

    text = ("项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
            "年度资金总额：\t30.00\t30.00\t28.00\t10\t93.33%\t9\n")
    read = review_document(extract_text(text))[1]
    assert (read.percentages, read.checked) == (1, 1)
