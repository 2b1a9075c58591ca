"""Normalise a published text for reading, keeping every character's offset in the original.

Published narratives reach a reviewer through mirror sites and office tools that change
their characters without changing what they say: Traditional characters (與上年相比，減少),
pinyin glosses after characters on some mirrors (數(shù)), zero-width and bidi marks
inside numbers, bare CR line ends, full-width digits.  The checks read one text; this
module makes it, and ``Normalised.to_source`` maps a span of it back into the original.

Every step either replaces one character by one character or deletes characters, so the
map is one offset per kept character.  Traditional → Simplified is OpenCC's ``t2s``
(phrase-aware when the converted text keeps its length, character by character otherwise).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from narrator.read.cells import flattened_tables

# Zero-width spaces and joiners, bidi controls, word joiners and a BOM inside the text:
# invisible to a reader, but they split a number ("12\u200b3.45") or a word.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad]")
# A pinyin gloss a mirror site prints after a character: 數(shù), 萬(wàn)元, 費(fèi).
_PINYIN = re.compile(
    r"(?<=[\u4e00-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[)）]"
)
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_TRADITIONAL_HINTS = re.compile("[與為萬億費決預財務會應設車無數據關產稅撥歸轉餘額實際貨衛計員個屬補經資]")


@dataclass(frozen=True)
class Normalised:
    """``text`` as the checks read it, and where each of its characters came from in ``source``."""

    source: str
    text: str
    origin: tuple[int, ...]  # origin[i]: offset in source of text[i]; one more entry: len(source)
    changes: tuple[str, ...] = ()  # what was normalised, in Chinese, for the report

    @cached_property  # asked for every finding moved back: a comparison of the whole text each time
    def identical(self) -> bool:
        return self.text == self.source

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The span in ``source`` that the span ``start:end`` of ``text`` was read from."""
        if self.identical:
            return start, end
        start = min(max(start, 0), len(self.text))
        end = min(max(end, start), len(self.text))
        if end == start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1


def normalise(source: str) -> Normalised:
    """The reading text of ``source``; identical (and cheap) when nothing needs normalising."""
    chars = list(source)
    origin = list(range(len(source)))
    changes: list[str] = []
    if "\r" in source:
        chars, origin = _line_ends(chars, origin)
        changes.append("换行符 CR 已统一为换行")
    text = "".join(chars)
    blocks = flattened_tables(text)
    if blocks:
        text, origin = _rebuild(text, origin, blocks)
        changes.append("逐格分行的表格已按行重排")
    for pattern, note in ((_INVISIBLE, "已删除零宽或方向控制字符"), (_PINYIN, "已删除字后的拼音注音")):
        if pattern.search(text):
            text, origin = _delete(text, origin, pattern)
            changes.append(note)
    translated = text.translate(_FULL_WIDTH_DIGITS)
    if translated != text:
        text = translated
        changes.append("全角数字已转为半角")
    if _TRADITIONAL_HINTS.search(text):
        simplified = to_simplified(text)
        if simplified != text:
            text = simplified
            changes.append("繁体字已转为简体字后读取")
    origin.append(len(source))
    return Normalised(source, text, tuple(origin), tuple(changes))


def _line_ends(chars: list[str], origin: list[int]) -> tuple[list[str], list[int]]:
    """CRLF → LF (the CR dropped), a bare CR → LF."""
    kept_chars, kept_origin = [], []
    for i, char in enumerate(chars):
        if char == "\r":
            if i + 1 < len(chars) and chars[i + 1] == "\n":
                continue
            char = "\n"
        kept_chars.append(char)
        kept_origin.append(origin[i])
    return kept_chars, kept_origin


def _rebuild(text: str, origin: list[int], blocks) -> tuple[str, list[int]]:
    """Each block replaced by its rows; a row's characters map to where they stood in ``text``."""
    kept_text, kept_origin, last = [], [], 0
    for start, end, rows, row_origin in blocks:
        kept_text.append(text[last:start])
        kept_origin.extend(origin[last:start])
        kept_text.append(rows)
        kept_origin.extend(origin[i] for i in row_origin)
        last = end
    kept_text.append(text[last:])
    kept_origin.extend(origin[last:])
    return "".join(kept_text), kept_origin


def _delete(text: str, origin: list[int], pattern: re.Pattern[str]) -> tuple[str, list[int]]:
    kept_text, kept_origin, last = [], [], 0
    for match in pattern.finditer(text):
        kept_text.append(text[last:match.start()])
        kept_origin.extend(origin[last:match.start()])
        last = match.end()
    kept_text.append(text[last:])
    kept_origin.extend(origin[last:])
    return "".join(kept_text), kept_origin


def to_simplified(text: str) -> str:
    """OpenCC t2s, one character for one character (so offsets hold)."""
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_simplified_char(char) for char in text)


@lru_cache(maxsize=None)
def _simplified_char(char: str) -> str:
    converted = _converter().convert(char)
    return converted if len(converted) == 1 else char


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s.json")
