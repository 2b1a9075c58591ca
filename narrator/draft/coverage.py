"""How much of an original narrative's figures a draft reproduces.

Used by tests and by maintainers comparing a template set against published
documents: every amount (万元/元) and percentage of the original counts once,
and is reproduced when the draft states the same value of the same kind
(1.2 and 1.20 are the same value).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from narrator.numbers import NumberError, parse_number

# A number followed by its unit; OCR spaces inside numbers are allowed ("672. 13").
_FIGURE = re.compile(r"(\d[\d,]*(?:\.\s?\d+)?)\s*(万元|元|%|％)")


@dataclass(frozen=True)
class Coverage:
    total: int
    reproduced: int
    missing: tuple[str, ...]  # the original's figures the draft lacks, as written

    @property
    def ratio(self) -> Decimal:
        return Decimal(self.reproduced) / Decimal(self.total) if self.total else Decimal(1)


def figures_in(text: str) -> list[tuple[str, Decimal, str]]:
    """(as written, value, kind) for every amount and percentage in ``text``."""
    found = []
    for match in _FIGURE.finditer(text):
        try:
            value = parse_number(match.group(1)).value
        except NumberError:
            continue
        kind = "percent" if match.group(2) in "%％" else match.group(2)
        found.append((match.group(0), value, kind))
    return found


def coverage(original: str, draft: str) -> Coverage:
    have = {(value, kind) for _, value, kind in figures_in(draft)}
    wanted = figures_in(original)
    missing = tuple(written for written, value, kind in wanted if (value, kind) not in have)
    return Coverage(len(wanted), len(wanted) - len(missing), missing)
