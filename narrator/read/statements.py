"""Cut the narrative into statements without touching the text.

A statement is the unit a claim is read in: it ends at 。！？, and at a line
break that a reader would see as one (after ；/：-less punctuation, before a
list item, around a heading).  PDF text breaks lines, and even words, in the
middle of a sentence ("支出决\\n\\n算为0元"), so every other line break is
soft and the statement runs on.  Only offsets are produced; the text is never
normalised, so every span points into the text as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrator.extract.sections import narrative_span, split_sections

_HARD_END = "。！？!?"
_LINE_END = "。！？!?；;"
_HEADING = re.compile(
    r"^[ \t\u3000]*(#|第[一二三四五六七八九十]部分|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])"
)
_LIST_ITEM = re.compile(r"^[ \t\u3000]*(- |\d{1,2}[.、．](?![\s\d])|[（(]\d{1,2}[)）]|[一二三四五六七八九十]是)")
_BREAK = re.compile(f"[{re.escape(_HARD_END)}\n]")
_AMOUNT = re.compile(r"\d\s*(万元|亿元|元|%|％)")


@dataclass(frozen=True)
class Statement:
    index: int
    start: int  # offsets into the full text
    end: int
    section: str  # title of the innermost section ("" when none is known)
    section_start: int  # start of that section: list heads do not cross it
    paragraph: int  # statements of one paragraph share this number
    ends_with_semicolon: bool


def region(text: str) -> tuple[int, int]:
    """The narrative when the text is a whole document, else all of it (drafts, excerpts)."""
    return narrative_span(text) or (0, len(text))


def statements(text: str, span: tuple[int, int] | None = None) -> list[Statement]:
    start, end = span or region(text)
    narrative = narrative_span(text)
    # Sections are known when the span read is the narrative (found here, or given by check_document).
    sections = split_sections(text, (start, end)) if narrative and (span is None or span == narrative) else []
    cuts = _cuts(text, start, end)
    result: list[Statement] = []
    paragraph, previous_end = 0, start
    for a, b in cuts:
        a, b = _strip(text, a, b)
        if a >= b:
            continue
        paragraph += "\n" in text[previous_end:a] or not result
        previous_end = b
        title, sec_start = _section_of(sections, a)
        tail = text[a:b].rstrip()
        result.append(Statement(len(result), a, b, title, sec_start, paragraph, tail.endswith(("；", ";"))))
    return result


def _cuts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts: list[tuple[int, int]] = []
    begin = start
    for mark in _BREAK.finditer(text, start, end):  # only the characters that may end a statement
        i = mark.start()
        char = text[i]
        if char in _HARD_END:
            cuts.append((begin, i + 1))
            begin = i + 1
        elif char == "\n" and _hard_newline(text, begin, i, end):
            cuts.append((begin, i))
            begin = i + 1
    cuts.append((begin, end))
    return cuts


def _hard_newline(text: str, begin: int, i: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, i) + 1
    line = text[line_start:i]
    before = text[begin:i].rstrip()
    if not before.strip():
        return False
    if before[-1] in _LINE_END:
        return True
    if _HEADING.match(line) and not _AMOUNT.search(line):
        return True
    following = _next_line(text, i, end)
    return bool(_HEADING.match(following) or _LIST_ITEM.match(following))


def _next_line(text: str, i: int, end: int) -> str:
    j = i
    while j < end and text[j] in "\n \t\u3000":
        j += 1
    stop = text.find("\n", j)
    return text[j:stop if 0 <= stop < end else end]


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t\n\r\u3000":
        a += 1
    while b > a and text[b - 1] in " \t\n\r\u3000":
        b -= 1
    return a, b


def _section_of(sections, offset: int) -> tuple[str, int]:
    inner = [s for s in sections if s.start <= offset < max(s.end, s.start + 1)]
    if not inner:
        return "", 0
    best = max(inner, key=lambda s: (s.level, s.start))
    return best.title, best.start
