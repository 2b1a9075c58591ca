"""narrator.read.normalise: the text the checks read, and every offset back into the original."""

from narrator.extract import extract_text
from narrator.findings import Finding
from narrator.read import normalise


def test_simplified_text_is_left_alone():
    text = "本年支出合计502.98万元，其中：基本支出278.49万元。"
    reading = normalise(text)
    assert reading.identical and reading.changes == ()
    assert reading.to_source(3, 9) == (3, 9)


def test_traditional_characters_are_read_as_simplified_with_offsets_kept():
    source = "與上年相比，減少0.1萬元，下降50%。"
    reading = normalise(source)
    assert reading.text == "与上年相比，减少0.1万元，下降50%。"
    start = reading.text.index("减少")
    assert reading.to_source(start, start + 2) == (start, start + 2)
    assert any("繁体" in note for note in reading.changes)


def test_pinyin_glosses_are_dropped_and_spans_map_over_them():
    source = "決算數(shù)大于預算數(shù)，公務(wù)接待費(fèi)6.28萬(wàn)元"
    reading = normalise(source)
    assert reading.text == "决算数大于预算数，公务接待费6.28万元"
    start = reading.text.index("6.28")
    s, e = reading.to_source(start, reading.text.index("元") + 1)
    assert source[s:e] == "6.28萬(wàn)元"


def test_invisible_characters_cr_line_ends_and_full_width_digits():
    source = "收入合计1\u200b2.50万元\r\n支出合计１２.５０万元\r其中"
    reading = normalise(source)
    assert reading.text == "收入合计12.50万元\n支出合计12.50万元\n其中"
    start = reading.text.index("12.50")
    assert reading.to_source(start, start + 5) == (4, 10)  # the zero-width space stays inside the span


def test_a_documents_findings_are_moved_back_onto_the_published_text():
    source = "2021年度預算相比，減少0.1萬元。"
    document = extract_text(source)
    start = document.text.index("减少")
    finding = Finding("rate.value", "error", start, start + 7, document.text[start:start + 7], "m")
    moved = document.to_source([finding])[0]
    assert moved.text == "減少0.1萬元" == source[moved.start:moved.end]
    assert document.source_text == source


def test_a_table_printed_one_cell_per_line_is_read_as_rows():
    source = ("三公经费表\n项目 |\n预算数 |\n决算数 |\n合计 |\n30.5 |\n12.25 |\n"
              "公务接待费 |\n10 |\n |\n公务用车运行维护费 |\n20.5 |\n12.25 |\n说明如下。\n")
    reading = normalise(source)
    assert "项目\t预算数\t决算数\n合计\t30.5\t12.25\n公务接待费\t10\t\n公务用车运行维护费\t20.5\t12.25\n" in reading.text
    at = reading.text.index("12.25")
    start, end = reading.to_source(at, at + 5)
    assert source[start:end] == "12.25"


def test_cells_on_lines_of_their_own_between_bars_are_read_as_rows():
    source = "年度\n|\n合计\n|\n接待\n|\n2023年\n|\n40\n|\n15\n|\n2024年\n|\n36\n|\n12\n|\n"
    assert normalise(source).text == "年度\t合计\t接待\n2023年\t40\t15\n2024年\t36\t12\n"


def test_cells_whose_rows_cannot_be_told_apart_are_left_as_they_are():
    source = "项目 |\n合计 |\n30.5 |\n接待 |\n10 |\n2 |\n车辆 |\n5 |\n"
    assert normalise(source).text == source
