"""Readability of a Chinese narrative: sentence length, long sentences, number density, clauses.

textstat does not segment Chinese (a Chinese paragraph counts as one sentence
and one word), so the sentences are the narrative reader's statements (``read/statements.py``:
ending at 。！？ and at a line break a reader sees as one, not at a PDF's soft line breaks)
and words are segmented with jieba; textstat then counts the words of the segmented text.

Figures (docs/readability.md):
- ``chars_per_sentence``: characters (no spaces) per sentence;
- ``long_sentence_share``: share of sentences longer than ``LONG_SENTENCE`` characters;
- ``numbers_per_100_chars``: written numbers per 100 characters;
- ``clauses_per_sentence``: parts separated by ，、：；, per sentence;
- ``words_per_sentence``: jieba words per sentence (punctuation excluded).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from decimal import Decimal

from narrator.numbers import round_half_up
from narrator.read.statements import statements

LONG_SENTENCE = 80  # characters; a 情况说明 sentence past this is hard to check by eye


@dataclass(frozen=True)
class Readability:
    characters: int
    sentences: int
    chars_per_sentence: Decimal
    long_sentence_share: Decimal
    numbers_per_100_chars: Decimal
    clauses_per_sentence: Decimal
    words_per_sentence: Decimal

    def to_dict(self) -> dict[str, object]:
        return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in asdict(self).items()}

    def lines(self) -> list[str]:
        return [
            f"字符 {self.characters}，句子 {self.sentences}",
            f"平均句长 {self.chars_per_sentence} 字；长句（>{LONG_SENTENCE}字）占 {self.long_sentence_share * 100:.1f}%",
            f"每百字数字 {self.numbers_per_100_chars} 个；每句分句 {self.clauses_per_sentence} 个；每句词语 {self.words_per_sentence} 个",
        ]


def sentences_of(text: str) -> list[str]:
    """The reader's statements of the whole text, their end marks dropped; Markdown headings are
    not sentences."""
    found = (text[s.start:s.end].rstrip("。！？!?；;").strip() for s in statements(text, (0, len(text))))
    return [sentence for sentence in found if sentence and not sentence.startswith("#")]


def _ratio(numerator: int, denominator: int, scale: int = 1, places: int = 2) -> Decimal:
    if not denominator:
        return Decimal(0)
    return round_half_up(Decimal(numerator * scale) / Decimal(denominator), places)


# what measure counts in a sentence: its clauses, its written numbers; a jieba word of punctuation only
_CLAUSE_SEP = re.compile(r"[，,、：:；;]")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_PUNCT = re.compile(r"^[\W_]+$")


def measure(text: str) -> Readability:
    import jieba
    import textstat

    jieba.setLogLevel(60)  # jieba prints its dictionary loading on stderr otherwise
    sentences = sentences_of(text)
    chars = sum(len(re.sub(r"\s", "", s)) for s in sentences)
    long = sum(1 for s in sentences if len(re.sub(r"\s", "", s)) > LONG_SENTENCE)
    numbers = sum(len(_NUMBER.findall(s)) for s in sentences)
    clauses = sum(len([c for c in _CLAUSE_SEP.split(s) if c.strip()]) for s in sentences)
    words = [w for s in sentences for w in jieba.cut(s) if w.strip() and not _PUNCT.match(w)]
    word_count = textstat.lexicon_count(" ".join(words), removepunct=False) if words else 0
    return Readability(
        characters=chars,
        sentences=len(sentences),
        chars_per_sentence=_ratio(chars, len(sentences)),
        long_sentence_share=_ratio(long, len(sentences), places=4),
        numbers_per_100_chars=_ratio(numbers, chars, 100),
        clauses_per_sentence=_ratio(clauses, len(sentences)),
        words_per_sentence=_ratio(word_count, len(sentences)),
    )
