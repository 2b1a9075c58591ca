"""The report year of a text: the year it reports on, told from how the text dates itself.

Every year written as 20XX年度 outside a comparison (比2023年度, 与2023年度相比 name the prior
year) votes; a planted wrong title is outvoted by the body.  A text with no 20XX年度 (a news page,
a 三公 statement titled 2017年…) takes its title's year.  One home for this: extraction (the figures'
year) and the year checks ask the same function.
"""

from __future__ import annotations

import re
from collections import Counter

from narrator.read.kind import title_lines

_YEAR = re.compile(r"(20\d\d)\s*年\s*度")
_COMPARED_BEFORE = re.compile(r"(?:比|较|与|同|于)\s*$")
_TITLE_YEAR = re.compile(r"(?P<y>20\d\d)\s*年(?!\s*\d{1,2}\s*月).{0,40}?(?:决算|预算|三公)")


def tied_years(text: str) -> list[int]:
    """The years written equally often that the title does not decide between (empty when the year is known)."""
    if guess_year(text) is not None:
        return []
    counts = Counter(int(m.group(1)) for m in _YEAR.finditer(text)
                     if not _COMPARED_BEFORE.search(text, max(0, m.start() - 3), m.start()))
    ranked = counts.most_common()
    return sorted(year for year, n in ranked if n == ranked[0][1]) if ranked else []


def guess_year(text: str) -> int | None:
    """The year most often written as 20XX年度 outside comparisons; without one, the year of the
    document's title (a heading naming 决算/预算/三公).  Two years written equally often are told apart
    by the title, or not at all (None: the year checks judge nothing)."""
    counts = Counter(int(m.group(1)) for m in _YEAR.finditer(text)
                     if not _COMPARED_BEFORE.search(text, max(0, m.start() - 3), m.start()))
    title = _title_year(text)
    if not counts:
        return title
    ranked = counts.most_common()
    tied = [year for year, n in ranked if n == ranked[0][1]]
    if len(tied) == 1:
        return tied[0]
    # two years named as often: the title decides, else the year is not known and nothing is judged by it
    return title if title in tied else None


def _title_year(text: str) -> int | None:
    for line in title_lines(text, 5):
        found = _TITLE_YEAR.search(line)
        if found:
            return int(found.group("y"))
    return None
