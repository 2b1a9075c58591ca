"""The .docx is an official document (GB/T 9704): read back with python-docx; -o's extension decides the format."""

from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml.ns import qn

from narrator.app.cli import main
from narrator.draft.official_docx import official_docx
from narrator.placeholders import PLACEHOLDER

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "changzhi-2024.yaml"
MARKDOWN = ("# 第三部分 测试单位2024年度部门决算情况说明\n\n## 一、收入决算情况说明\n\n"
            "2024年度本年收入合计465.34万元。\n\n### （一）总体情况\n\n主要原因是【请补充原因】。\n")


@pytest.fixture(scope="module")
def doc(tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "d.docx"
    path.write_bytes(official_docx(MARKDOWN))
    return Document(str(path))


def _fonts(style) -> set[str]:
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return {fonts.get(qn(script)) for script in ("w:ascii", "w:hAnsi", "w:eastAsia")}


def test_a4_and_official_margins(doc):
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)]
    assert margins == [37, 35, 28, 26]


def test_fonts_sizes_spacing_indent_language(doc):
    by_text = {p.text: p for p in doc.paragraphs}
    body = by_text["2024年度本年收入合计465.34万元。"].style
    level1 = by_text["一、收入决算情况说明"].style
    level2 = by_text["（一）总体情况"].style
    assert _fonts(body) == {"仿宋_GB2312"} and _fonts(level1) == {"黑体"} and _fonts(level2) == {"楷体_GB2312"}
    for style in (body, level1, level2):
        assert style.font.size.pt == 16  # 三号
        fmt = style.paragraph_format
        assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY and 28 <= fmt.line_spacing.pt <= 29
        assert fmt.first_line_indent.pt == 32  # two characters of 16 pt
        assert style.font.color.rgb is not None and str(style.font.color.rgb) == "000000"
        lang = style.element.rPr.find(qn("w:lang"))
        # Chinese for East Asian text; the Latin language, which numbers take, must not be zh-CN
        # (LibreOffice then breaks a line inside an amount: 27/8.49)
        assert lang.get(qn("w:eastAsia")) == "zh-CN" and lang.get(qn("w:val")) == "en-US"
    assert body.paragraph_format.alignment == 3  # justified (两端对齐)
    title = by_text["第三部分 测试单位2024年度部门决算情况说明"]
    assert title.style.font.size.pt == 22 and title.style.paragraph_format.alignment == 1  # centred


def test_every_named_font_has_a_fallback_in_the_font_table(doc):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    table = parse_xml(doc.part.part_related_by(RT.FONT_TABLE).blob)
    entries = {font.get(qn("w:name")): font for font in table.findall(qn("w:font"))}
    for name in ("仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体"):
        font = entries[name]
        assert font.find(qn("w:charset")).get(qn("w:val")) == "86"  # GB2312
        assert "CJK" in font.find(qn("w:altName")).get(qn("w:val"))


def test_placeholders_are_highlighted(doc):
    runs = [r for p in doc.paragraphs for r in p.runs]
    marked = [r.text for r in runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert marked == ["【请补充原因】"]
    assert all(not PLACEHOLDER.search(r.text) for r in runs if r.font.highlight_color is None)


def test_draft_format_follows_the_extension(tmp_path, capsys):
    out = tmp_path / "x.docx"
    assert main(["draft", str(EXAMPLE), "-o", str(out)]) == 0
    assert Document(str(out)).paragraphs[0].text.startswith("第三部分")
    txt = tmp_path / "x.txt"
    assert main(["draft", str(EXAMPLE), "-o", str(txt)]) == 0
    assert txt.read_text(encoding="utf-8").startswith("第三部分")


def test_a_format_contradicting_the_extension_is_refused(tmp_path, capsys):
    out = tmp_path / "x.md"
    assert main(["draft", str(EXAMPLE), "-o", str(out), "--format", "docx"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "扩展名" in err[0] and not out.exists()


def test_fix_writes_a_docx_back_as_docx(tmp_path, capsys):
    source = tmp_path / "in.docx"
    source.write_bytes(official_docx("2024年度本年支出合计502.98万元，比上年增加58.63万元，下降10.44%。\n"))
    out = tmp_path / "out.docx"
    assert main(["fix", str(source), "-o", str(out)]) == 0
    paragraph = Document(str(out)).paragraphs[0]
    assert paragraph.style.name == "Normal" and "比上年减少58.63万元，下降10.44%" in paragraph.text
