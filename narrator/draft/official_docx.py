"""A draft as an official document (党政机关公文格式, GB/T 9704-2012) in DOCX.

A4 paper with the standard 版心 margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm);
the body in 仿宋_GB2312 三号 (16 pt) on a fixed line pitch of 22 lines a page (28.95 pt);
the title in 方正小标宋简体 二号, centred; 一级 headings (一、…) in 黑体 and 二级 headings
（（一）…） in 楷体_GB2312, both 三号 and black; every paragraph indented by two characters;
East Asian text marked as Chinese (zh-CN) and Latin-script text — the digits of every amount — as
en-US: a Latin language of zh-CN lets LibreOffice break a line inside a number (27/8.49); body
paragraphs are justified (两端对齐).  Fonts missing on a machine fall back through the font table:
each named font carries the GB2312 charset, its family and an alternative name of fonts-noto-cjk.  narrator's
placeholders (【请补充…】) are highlighted in yellow so none is missed before publishing.
"""

from __future__ import annotations

import io
import re

from docx import Document
from lxml import etree
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from narrator.placeholders import PLACEHOLDER

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
LEVEL_FONTS = {1: "黑体", 2: "楷体_GB2312", 3: BODY_FONT, 4: BODY_FONT}
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
LINE_PITCH = Pt(28.95)  # 版心 225 mm ÷ 22 行
INDENT_CHARS = 2
LANGUAGE = "zh-CN"  # East Asian text
LATIN_LANGUAGE = "en-US"  # digits and Latin letters: kept whole at line ends
# What a machine without the named font shows instead: (family, alternative) for the font table.
FALLBACKS = {BODY_FONT: ("modern", "Noto Serif CJK SC"), TITLE_FONT: ("roman", "Noto Serif CJK SC"),
             "黑体": ("swiss", "Noto Sans CJK SC"), "楷体_GB2312": ("script", "Noto Serif CJK SC")}
GB2312_CHARSET = "86"
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
_HEADING = re.compile(r"^(#{1,6}) (.*)$")


def official_docx(markdown: str) -> bytes:
    """The draft's Markdown (# title, ## 一级, ### 二级, paragraphs) as an official DOCX."""
    doc = Document()
    _page(doc)
    _styles(doc)
    _font_table(doc)
    for block in markdown.split("\n\n"):
        block = block.strip()
        heading = _HEADING.match(block)
        if heading and len(heading.group(1)) == 1:
            _paragraph(doc, heading.group(2), "Title")
        elif heading:
            _paragraph(doc, heading.group(2), f"Heading {min(len(heading.group(1)) - 1, 4)}")
        elif block:
            _paragraph(doc, block.replace("\n", ""), "Normal")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _page(doc) -> None:
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])


def _styles(doc) -> None:
    _style(doc.styles["Normal"], BODY_FONT, BODY_SIZE, indent=True)
    doc.styles["Normal"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    title = doc.styles["Title"]
    _style(title, TITLE_FONT, TITLE_SIZE, indent=False)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = LINE_PITCH  # one empty line between the title and the text
    _remove_border(title)
    for level, font in LEVEL_FONTS.items():
        _style(doc.styles[f"Heading {level}"], font, BODY_SIZE, indent=True)


def _style(style, font: str, size, indent: bool) -> None:
    style.font.size = size
    style.font.bold = False
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    _fonts(style.element.get_or_add_rPr(), font)
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = size * INDENT_CHARS if indent else Pt(0)
    if indent:  # also in characters, so the indent follows the font size if a user changes it
        ind = style.element.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:firstLineChars"), str(INDENT_CHARS * 100))


def _fonts(rpr, font: str) -> None:
    """One font for every script (the style's theme fonts removed), and the language zh-CN."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), font)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LATIN_LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)


def _font_table(doc) -> None:
    """Each named font in word/fontTable.xml with its charset, family and an alternative name,
    which a word processor uses when the font itself is not installed."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    table = doc.part.part_related_by(RT.FONT_TABLE)
    root = etree.fromstring(table.blob)
    for name, (family, alternative) in FALLBACKS.items():
        font = etree.SubElement(root, qn("w:font"), {qn("w:name"): name})
        etree.SubElement(font, qn("w:altName"), {qn("w:val"): alternative})
        etree.SubElement(font, qn("w:charset"), {qn("w:val"): GB2312_CHARSET})
        etree.SubElement(font, qn("w:family"), {qn("w:val"): family})
        etree.SubElement(font, qn("w:pitch"), {qn("w:val"): "variable"})
    table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _remove_border(style) -> None:
    """The default Title style draws a rule under the title; an official document has none."""
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


def _paragraph(doc, text: str, style: str) -> None:
    """A paragraph whose placeholders are runs highlighted in yellow."""
    paragraph = doc.add_paragraph(style=style)
    position = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > position:
            paragraph.add_run(text[position:match.start()])
        paragraph.add_run(match.group(0)).font.highlight_color = WD_COLOR_INDEX.YELLOW
        position = match.end()
    if position < len(text):
        paragraph.add_run(text[position:])
