"""Where a narrative states a cause: 主要原因是…, up to the end of its statement's clause run.

One pattern for every reader of causes: the harvest (``read/harvested.py``: the cause of a change,
or of a budget gap, for the figures file) and the model tier's cause check
(``llm/cause_check.py``).  PDF text breaks lines inside words, so 主要原因 may have spaces in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class StatedCause:
    """One 主要原因: ``start`` where the phrase begins, ``words_start``/``words_end`` the cause's words."""

    start: int
    words_start: int
    words_end: int


# 主要原因是… / 主要原因为： / 主要原因如下：… ; the words run to the next 。 or ；, and are words:
# 主要原因是: before a list on the next lines states no cause in its own statement.
_CAUSE = re.compile(r"主\s*要\s*原\s*因(?>(?:是|为|如下)?[：:，,]?\s*)(?P<words>[^。；;：:，,\s][^。；;]{1,199})")


def stated_causes(text: str, start: int, end: int) -> Iterator[StatedCause]:
    """Every 主要原因 between ``start`` and ``end`` of ``text``, in order."""
    for match in _CAUSE.finditer(text, start, end):
        yield StatedCause(match.start(), match.start("words"), match.end("words"))


def first_cause(text: str, start: int, end: int) -> StatedCause | None:
    return next(stated_causes(text, start, end), None)
