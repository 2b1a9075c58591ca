"""The PDF reader (PDFium through pypdfium2): reading order, ruled tables, pages, passwords.

Fast tests run on small PDFs made here with reportlab (its built-in STSong-Light CID font,
nothing embedded); the heavy tier compares the reader with the pdfplumber reader it replaced,
character for character and cell for cell, on the Putuo PDFs.
"""

import io
import json
import re
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from narrator.check.engine import ModelOptions, check_path
from narrator.errors import InputError
from narrator.extract import extract
from narrator.extract.pdftext import pdf_text
from narrator.extract.pages import PageMap
from narrator.findings import Finding
from narrator.report.html import render_html
from narrator.report.render import render_json, render_markdown, render_text
from narrator.app.review import DocumentReview, ReviewResult

if str(ROOT) not in sys.path:  # benchmarks/ holds the pdfplumber reader the heavy tier compares with
    sys.path.insert(0, str(ROOT))

SONG = "STSong-Light"
RATE = "比上年增加10.00万元，增长20.00%。"  # 10 on a prior of 90 is 11.11%: a rate.value error


def _canvas(target, **options):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(SONG))
    return canvas.Canvas(target, pagesize=(595, 842), **options)


def two_pages(path: Path) -> Path:
    """Page 1: a heading and a sentence whose amount is set in another font, 2 pt lower (the Putuo
    number layer); page 2: a ruled 3×2 table and the sentence with the wrong rate."""
    c = _canvas(str(path))
    c.setFont(SONG, 12)
    c.drawString(72, 770, "一、收入支出决算总体情况说明")
    c.drawString(72, 750, "本年支出合计")
    c.setFont("Helvetica", 12)
    c.drawString(144, 748, "100.00")
    c.setFont(SONG, 12)
    c.drawString(180, 750, "万元。")
    c.showPage()
    c.setFont(SONG, 12)
    xs, ys = (72, 200, 300), (700, 680, 660)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    c.drawString(76, 685, "项目")
    c.drawString(204, 685, "决算数")
    c.drawString(76, 665, "基本支出")
    c.drawString(204, 665, "80.00")
    c.drawString(72, 600, "本年支出合计100.00万元，" + RATE)
    c.save()
    return path


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    return two_pages(tmp_path_factory.mktemp("pdf") / "说明.pdf")


def test_amount_in_a_lower_layer_rejoins_its_sentence(made):
    text = pdf_text(made.read_bytes(), made).text
    assert "本年支出合计100.00万元。" in text.splitlines()


def test_ruled_table_comes_out_as_tab_separated_rows(made):
    lines = pdf_text(made.read_bytes(), made).text.splitlines()
    assert "项目\t决算数" in lines and "基本支出\t80.00" in lines


def test_every_offset_knows_its_page(made):
    read = pdf_text(made.read_bytes(), made)
    assert len(read.pages.starts) == 2
    second = read.text.index("项目")
    assert read.pages.page_at(read.text.index("本年支出合计")) == 1
    assert read.pages.page_at(second) == 2
    assert read.text[read.pages.starts[1] - 2:read.pages.starts[1]] == "\n\n"  # pages are a blank line apart


def test_page_map_bounds():
    pages = PageMap((0, 10, 25))
    assert [pages.page_at(i) for i in (0, 9, 10, 24, 25, 1000)] == [1, 1, 2, 2, 3, 3]


def test_check_fills_the_page_in_every_output(made):
    result = check_path(made, None, (), ModelOptions(use_model=False), lambda message: None)
    rate = next(f for f in result.findings if f.id == "rate.value")
    assert rate.page == 2 and result.text[rate.start:rate.end] == rate.text
    assert all(f.page in (1, 2) for f in result.findings)
    assert "第2页" in render_text(str(made), result.text, result.findings, stream=io.StringIO(), color=False)
    assert "第2页" in render_markdown(str(made), result.text, result.findings)
    shown = json.loads(render_json(str(made), result.findings))["findings"]
    assert {"rate.value": 2}.items() <= {f["id"]: f["page"] for f in shown}.items()


def test_text_sources_have_no_page(tmp_path):
    path = tmp_path / "说明.txt"
    path.write_text("本年支出合计100.00万元，" + RATE + "\n", encoding="utf-8")
    result = check_path(path, None, (), ModelOptions(use_model=False), lambda message: None)
    assert result.findings and all(f.page is None for f in result.findings)


def test_html_report_links_the_source_at_the_page(tmp_path):
    text = "本年支出合计100.00万元，" + RATE
    start = text.index("增长")
    doc = DocumentReview(str(tmp_path / "in" / "说明 1.pdf"), text,
                         [Finding("rate.value", "error", start, start + 8, text[start:start + 8], "m", page=2)])
    html = render_html(ReviewResult([doc]), report_dir=tmp_path / "out")
    assert 'href="../in/%E8%AF%B4%E6%98%8E%201.pdf#page=2"' in html and ">第2页</a>" in html


def test_password_protected_pdf_says_a_password_is_needed(tmp_path):
    path = tmp_path / "加密.pdf"
    c = _canvas(str(path), encrypt="secret")
    c.setFont(SONG, 12)
    c.drawString(72, 700, "本年支出合计100.00万元。")
    c.save()
    with pytest.raises(InputError, match="需要密码") as caught:
        extract(path)
    assert "损坏" not in str(caught.value)


def test_truncated_pdf_is_still_called_broken(made, tmp_path):
    path = tmp_path / "坏.pdf"
    path.write_bytes(made.read_bytes()[:400])
    with pytest.raises(InputError, match="已损坏或不完整"):
        extract(path)


def test_docx_pages_from_explicit_page_breaks(tmp_path):
    from docx import Document as new_docx
    from docx.enum.text import WD_BREAK

    document = new_docx()
    document.add_paragraph("一、收入支出决算总体情况说明")
    run = document.add_paragraph("第一页的字").add_run()
    run.add_break(WD_BREAK.PAGE)
    run.add_text("本年支出合计100.00万元，" + RATE)
    document.add_paragraph("新的一页").paragraph_format.page_break_before = True
    path = tmp_path / "说明.docx"
    document.save(path)
    read = extract(path)
    assert read.pages is not None and len(read.pages.starts) == 3
    assert read.pages.page_at(read.source_text.index("第一页的字")) == 1
    assert read.pages.page_at(read.source_text.index("本年支出合计")) == 2
    assert read.pages.page_at(read.source_text.index("新的一页")) == 3


def test_docx_without_page_breaks_has_no_pages(tmp_path):
    from docx import Document as new_docx

    document = new_docx()
    document.add_paragraph("本年支出合计100.00万元，" + RATE)
    path = tmp_path / "说明.docx"
    document.save(path)
    assert extract(path).pages is None


# ---------------------------------------------------------------- the Putuo PDFs (heavy)

PUTUO = sorted((ROOT / "golden").glob("putuo-*/document.pdf"))


@pytest.mark.heavy
@pytest.mark.parametrize("path", PUTUO, ids=lambda p: p.parent.name)
def test_same_text_as_the_pdfplumber_reader(path):
    from benchmarks.pdfplumber_reader import pdfplumber_text

    raw = path.read_bytes()
    assert pdf_text(raw, path) == pdfplumber_text(raw)


@pytest.mark.heavy
@pytest.mark.parametrize("path", PUTUO, ids=lambda p: p.parent.name)
def test_same_tables_as_pdfplumbers_table_finder(path):
    from pdfplumber.table import TableFinder

    from narrator.extract.pdfpage import pdf_pages
    from narrator.extract.pdftables import ruled_tables

    for page in pdf_pages(path.read_bytes(), path):
        theirs = [(table.bbox, table.extract()) for table in TableFinder(page).tables]
        assert ruled_tables(page) == theirs, f"page {page.number}"


@pytest.mark.heavy
@pytest.mark.parametrize("path", PUTUO, ids=lambda p: p.parent.name)
def test_golden_findings_are_on_the_page_they_name(path):
    """Each finding's quote is on its page in PDFium's own page text (not narrator's rebuild)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    pages = [re.sub(r"\s", "", document[i].get_textpage().get_text_range()) for i in range(len(document))]
    findings = json.loads((path.parent / "findings.json").read_text(encoding="utf-8"))["findings"]
    assert findings
    for finding in findings:
        assert re.sub(r"\s", "", finding["text"]) in pages[finding["page"] - 1], finding
