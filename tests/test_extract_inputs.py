"""narrator.extract on encodings, PDF, DOCX and bad input."""

from pathlib import Path

import pytest

from narrator.errors import InputError
from narrator.extract import extract

DATA = Path(__file__).parent / "data"
SEED004 = next((DATA / "seeds").glob("004_*.txt"))


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig"])
def test_other_encodings_extract_identically(tmp_path, encoding):
    original = extract(SEED004)
    copy = tmp_path / "seed.dat"  # no telling extension: detected by content
    copy.write_bytes(SEED004.read_text(encoding="utf-8").encode(encoding))
    again = extract(copy)
    assert again.text == original.text
    assert again.figures == original.figures
    assert again.sections == original.sections
    assert [w.message for w in again.warnings] == [w.message for w in original.warnings]


@pytest.mark.parametrize("content", [b"", b"  \n", b"\x00\x01\x02binary\x00" * 10, b"%PDF-1.7\n1 0 obj <<", b"PK\x03\x04broken"])
def test_bad_input_is_one_line_input_error(tmp_path, content):
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        extract(path)
    assert "\n" not in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="不存在"):
        extract(tmp_path / "nope.txt")


def test_docx_paragraphs_and_tables(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("收入支出决算总表")
    document.add_paragraph("金额单位：万元")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["项目", "决算数", "项目"]):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["本年收入合计", "10.00", "本年支出合计"]):
        cell.text = text
    document.add_paragraph("第三部分 情况说明")
    document.add_paragraph("一、收入支出决算总体情况说明")
    document.add_paragraph("2024年度收入总计10.00万元。")
    path = tmp_path / "unit.docx"
    document.save(path)
    result = extract(path)
    assert "本年收入合计\t10.00\t本年支出合计" in result.text
    assert result.figures.summary.income_total == 10
    assert [s.title for s in result.sections] == ["一、收入支出决算总体情况说明"]


def test_pdf_planted_errors_narrative_and_tables():
    document = extract(DATA / "pdf" / "caizhengju-2024-planted-errors.pdf")
    assert "收入支出总计 0 万元" in document.narrative
    assert len([s for s in document.sections if s.level == 1]) == 11
    assert str(document.figures.summary.grand_total_income) == "2995.39"
    assert "summary" in document.tables and "general_budget" in document.tables


REAL_PDF = [DATA / "pdf" / "caizhengju-2024.pdf", Path("/work/shared/corpus/shanghai-putuo/caizhengju-2024.pdf")]


@pytest.mark.slow
def test_pdf_number_layer_rejoined():
    path = next((p for p in REAL_PDF if p.exists()), None)
    if path is None:
        pytest.skip("caizhengju-2024.pdf (3.6 MB) not available")
    document = extract(path)
    assert "收入支出总计2995.39万元" in document.narrative
    assert "支出总计减少56.95万元，下降1.87%" in document.narrative
