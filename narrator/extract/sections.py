"""Locate the narrative (第三部分 情况说明) and split it into its numbered sections.

Headings are found by their numbering (一、 … 十二、 at level 1, （一）/(一) at
level 2) at the start of a line, after any markdown marks, because documents
number and word the same section differently.  The narrative heading itself also
appears in the table of contents, so the *last* occurrence is the real one.
"""

from __future__ import annotations

import re

from narrator.extract.types import Section

_NUMERALS = "一二三四五六七八九十"
# 第三部分 2024 年度部门决算情况说明 / 第二部分 部门决算情况说明 / 第三部分 情况说明; PDF titles wrap,
# before 说明 ("…决算情况\n说明") or before 情况 ("…局 2024年度部门决算\n情况说明", guihuaziyuan-2024.pdf).
_NARRATIVE = re.compile(
    r"^[#*\s]*第[二三]部分[:：\s]*[^\n]{0,40}?(?:决算\s*\n\s*)?情况\s*\n?\s*说\s*明[*\s]*$", re.M
)
_NARRATIVE_LOOSE = re.compile(r"^[#*\s]*第[二三]部分[:：\s]*[^\n]{0,40}?(决算|情况)说明[^\n]{0,6}$", re.M)
_END = re.compile(
    r"^[#*\s]*(第[四五]部分|名词解释\s*$|附件[:：\s\d]*$|[^\n]{0,30}绩效(目标)?自评表\s*$)", re.M
)
_LEVEL1 = re.compile(rf"^[#*>\- \t\u3000]*([{_NUMERALS}]{{1,3}})、", re.M)
_LEVEL2 = re.compile(rf"^[#*>\- \t\u3000]*[（(]([{_NUMERALS}]{{1,3}})[）)]", re.M)
_TITLE_END = re.compile(r"(情况说明|说明|情况)")


def narrative_span(text: str) -> tuple[int, int] | None:
    """(start, end) of the narrative in ``text``: its heading line to 第四部分 or the appendix.

    Of several headings, the last whose part states numbers: a table of contents that escaped
    ``_is_toc`` (第三部分 …情况说明 followed by 第四部分) holds none, and must not be taken for the
    narrative (nothing would be read, and the document reported clean).  The strict heading
    (…情况说明) is preferred; a looser one (第二部分 2021年度部门决算说明) serves when no strict one
    has numbers; with none over numbers, no span (the caller reads the whole text)."""
    strict = [_span_from(text, start) for start in _heading_starts(text, _NARRATIVE)]
    loose = [_span_from(text, start) for start in _heading_starts(text, _NARRATIVE_LOOSE)]
    for spans in (strict, loose):
        with_numbers = [span for span in spans if _STATED_NUMBER.search(text, *span)]
        if with_numbers:
            return with_numbers[-1]
    # headings found, none over numbers: only a contents list was recognised (the real heading may be
    # broken over lines); the whole text is read rather than a list of titles
    return None


def _span_from(text: str, start: int) -> tuple[int, int]:
    body_from = text.find("\n", start)
    end_match = _END.search(text, body_from if body_from >= 0 else len(text))
    end = end_match.start() if end_match else len(text)
    return start, _trim_end(text, end)


def _heading_starts(text: str, pattern: re.Pattern[str]) -> list[int]:
    matches = [m for m in pattern.finditer(text) if not _is_toc(text, m.end())]
    return [m.start() + len(m.group(0)) - len(m.group(0).lstrip("\n")) for m in matches]


def _is_toc(text: str, end: int) -> bool:
    """A table-of-contents entry is followed by '- 一、…' list items or page numbers."""
    following = text[end:end + 200].lstrip()
    return following.startswith(("- ", "一、收入支出决算总体情况说明\t")) or bool(
        re.match(r"一、[^\n]{2,30}\t\d+\s*$", following.split("\n", 1)[0])
    )


_STATED_NUMBER = re.compile(r"\d\s*(?:万\s*元|亿\s*元|元|%|％)")


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1] in "\n \t":
        end -= 1
    return end


def split_sections(text: str, span: tuple[int, int]) -> list[Section]:
    """Level-1 and level-2 sections of the narrative, with offsets into ``text``."""
    start, end = span
    heads = _headings(text, start, end)
    sections = []
    for index, (level, head_start, title) in enumerate(heads):
        stop = next((s for lvl, s, _ in heads[index + 1:] if lvl <= level), end)
        sections.append(Section(title, level, head_start, _trim_end(text, stop)))
    return sections


def _headings(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    body = text[start:end]
    heads = []
    for level, pattern in ((1, _LEVEL1), (2, _LEVEL2)):
        for match in pattern.finditer(body):
            line_end = body.find("\n", match.end())
            line = body[match.start():line_end if line_end >= 0 else len(body)]
            heads.append((level, start + match.start(), _title(line)))
    heads.sort(key=lambda head: head[1])
    return _in_order(heads)


def _title(line: str) -> str:
    """The heading's words: the line up to its first 情况说明/说明/情况 or sentence mark."""
    line = re.sub(r"^[#*>\-\s]+", "", line).strip().rstrip("*").strip()
    match = _TITLE_END.search(line)
    if match and match.end() <= 60:
        return line[:match.end()]
    cut = min((line.index(mark) for mark in "。：:，," if mark in line), default=60)
    return line[:min(cut, 60)]


def _in_order(heads: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop level-1 'headings' that break the numbering (a list item 一、 inside a paragraph)."""
    kept, expected = [], 1
    for head in heads:
        if head[0] == 1:
            number = _value(re.sub(r"^[#*>\-\s]*", "", head[2]).split("、")[0])
            if number != expected:
                continue
            expected += 1
        kept.append(head)
    return kept


def _value(numeral: str) -> int:
    """一 → 1 … 十二 → 12 (enough for section numbers)."""
    digits = {c: i + 1 for i, c in enumerate(_NUMERALS[:9])}
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + digits.get(numeral[1:], 0)
    if numeral.endswith("十"):
        return 10 * digits.get(numeral[0], 0)
    if "十" in numeral:
        tens, ones = numeral.split("十")
        return 10 * digits.get(tens, 0) + digits.get(ones, 0)
    return digits.get(numeral, 0)
