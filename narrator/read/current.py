"""Current-year values a narrative states that no table holds, read through the one reader.

The statements (``read/statements.py``) and amounts (``read/claims.py``) are the checker's; the
words that name each value are the catalogue's (``catalogue/stated.py``).  An amount is named by
the words right before it in its statement, a count by its words and number within a statement;
both are matched with whitespace removed, so PDF line breaks inside words are no concern.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from narrator.read.claims import Claim, compact, read_claims
from narrator.read.statements import Statement, statements

_MONEY = ("万元", "元")  # 亿元 and a bare 万 name no value of these fields


@dataclass(frozen=True)
class Stated:
    """A value the narrative states: the figures path it fills, the value as written, its unit
    (元/万元, or "" for a count) and the span from its first word to its unit."""

    path: str
    value: Decimal | int
    unit: str
    start: int
    end: int


@dataclass(frozen=True)
class _Words:
    """A statement's words up to a point, whitespace removed, with each kept character's offset."""

    words: str
    offsets: list[int]
    base: int

    def at(self, index: int) -> int:
        return self.base + self.offsets[index]


class CurrentReading:
    """The statements and amounts of a narrative span, read once for every name looked up."""

    def __init__(self, text: str, span: tuple[int, int]):
        self.text = text
        self.statements: list[Statement] = statements(text, span)
        self.amounts: list[tuple[Claim, _Words]] = [
            (claim, self._words(self.statements[claim.statement].start, claim.number_start))
            for claim in read_claims(text, self.statements)
            if claim.metric == "amount" and claim.unit in _MONEY and not claim.unit_missing and claim.stated is not None]

    def _words(self, start: int, end: int) -> _Words:
        words, offsets = compact(self.text[start:end])
        return _Words(words, offsets, start)

    def amount(self, path: str, words: str) -> Stated | None:
        """The first amount stated right after ``words`` (a pattern)."""
        return next((stated for _, stated in self.amounts_named(words, path)), None)

    def amounts_named(self, words: str, path: str = "") -> Iterator[tuple[re.Match[str], Stated]]:
        """Every amount stated right after ``words`` (a pattern), with the words' match, in text order."""
        named = _before_the_number(words)
        for claim, before in self.amounts:
            match = named.search(before.words)
            if match:
                yield match, Stated(path, claim.stated.value, claim.unit, before.at(match.start()), claim.end)

    def count(self, path: str, pattern: str) -> Stated | None:
        """The first count ``pattern`` (its number in group 1) finds within a statement."""
        counted = re.compile(pattern)
        for statement in self.statements:
            words = self._words(statement.start, statement.end)
            found = counted.search(words.words)
            if found:
                return Stated(path, int(found.group(1)), "", words.at(found.start()),
                              words.at(found.end() - 1) + 1)
        return None


@lru_cache(maxsize=256)
def _before_the_number(words: str) -> re.Pattern:
    return re.compile(f"(?:{words})$")
