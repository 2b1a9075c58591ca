"""The figures file's header: unit name, report year, administrative or not, read from the text."""

from __future__ import annotations

import re
from collections import Counter

from narrator.read.year import guess_year

_UNIT = re.compile(r"(?:公开部门|部门名称|单位名称|部门|单位)\s*[：:]\s*([^\t\n：:]+?)(?=\s{2,}|\t|\s*20\d\d\s*年|\n|$)")
_TITLE_TAIL = re.compile(r"\s*(20\d\d\s*年度?)?\s*(部门|单位)?决算.*$")


def unit_name(text: str) -> str:
    """The most frequent '公开部门：X' / '部门：X'; else the document's first title line."""
    names = [m.group(1).strip() for m in _UNIT.finditer(text[:20000])]
    names = [n for n in names if 2 <= len(n) <= 40 and "盖章" not in n and "万元" not in n]
    if names:
        return Counter(names).most_common(1)[0][0]
    # a saved page's "# source: URL" line is where it came from, not its title
    lines = [re.sub(r"^[#*\s]+|[*\s]+$", "", line) for line in text.splitlines() if not line.startswith("# source")]
    lines = [line for line in lines if line]
    for index, line in enumerate(lines):
        if len(line) >= 4 and not re.fullmatch(r"[\d\s年度]+", line):
            title = _cover_title(lines[index:index + 3])
            return _TITLE_TAIL.sub("", title) or title
    return "（未识别单位名称）"


def _cover_title(lines: list[str]) -> str:
    """A cover title broken over short lines ("中共上海市普陀区委" / "社会工作部 2024 年度" / "部门决算")
    is one title: lines are joined up to the one that says 决算 or 预算, while each is short and
    unpunctuated; otherwise the first line is the title."""
    for count, line in enumerate(lines, 1):
        if re.search(r"[决预]\s*算", line):
            return "".join(lines[:count]) if count > 1 else line
        if len(line) > 24 or re.search(r"[：:，,。；;]", line):
            break
    return lines[0]


def report_year(text: str) -> int | None:
    """The year the document reports on (narrator.read.year), read from its first part."""
    return guess_year(text[:30000])


def administrative(narrative: str) -> bool:
    """False where the unit says it is neither a 行政单位 nor 参公 (then 机关运行经费 does not apply)."""
    return not re.search(r"(不是|非|不属于)行政单位|无机关运行经费", narrative)
