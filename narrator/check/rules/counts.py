"""Counts against the lists that name them: 设3个内设机构，分别为：A、B、C。

A 部门概况 states how many offices, units or items there are and then names them.
Only a list introduced by 分别为/分别是/即/具体为 is taken as complete; one that says 等, or
joins items with 和/及/与 (an item's own name may hold them), is not counted — fail closed.
"""

from __future__ import annotations

import re

from narrator.check.registry import Check, register
from narrator.numbers import NumberError, parse_chinese_number
from narrator.read.context import Context

_COUNTED_LIST = re.compile(
    r"(?P<n>(?<![\d.])\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:个|家|项|所|类)"
    r"(?P<what>[^，,。；;：:\d]{1,12}?)[，,]?\s*(?:分别为|分别是|即|具体为|具体是)\s*[:：]?"
    r"(?P<items>[^。；;]{2,400}?)(?=[。；;]|\n\s*\n|$)"
)
# A list broken over lines (PDF text) goes on only where the break touches its 、; any other
# break may end the list or cut an item's name, so the count is not judged (fail closed).
_LIST_BREAK = re.compile(r"(?<!、)\s*\n\s*(?!\s*、)")
_ITEM = re.compile(r"^[^\d、，,]{1,20}$")


@register(
    "count.list", "error", "所述个数与其后逐一列出的项数不符（如“设3个科室，分别为：A、B”）",
    title="所述个数与列举项数不符", why="“设3个科室，分别为：A、B”所说的个数与逐一列出的项数对不上，其中一处写错。",
    should_flag=["本单位设3个内设机构，分别为：办公室、财务科。", "下设五个科室，分别是综合科、规划科、执法科、信息科。",
                 "下设4个科室，分别是：办公室、财务科\n、规划科。"],
    should_pass=["本单位设2个内设机构，分别为：办公室、财务科。", "设3个科室，分别为办公室、财务科等。",
                 "设3个科室，分别为办公室、人事和财务科。", "设3个科室，包括办公室、财务科。",
                 "下设3个科室，分别是：办公室、财务科、规划\n和建设科。"],
)
def listed(ctx: Context, check: Check):
    # offices and units are named in the 部门概况, before the narrative: the whole text is read
    for match in _COUNTED_LIST.finditer(ctx.text):
        stated = _count(match.group("n"))
        if _LIST_BREAK.search(match.group("items").strip()):
            continue
        items = [re.sub(r"\s+", "", item) for item in match.group("items").split("、")]
        if stated is None or stated < 2 or not _complete(match.group("items"), items):
            continue
        if len(items) != stated:
            yield check.finding(
                ctx, match.start(), match.end(),
                f"所述{match.group('n')}个{match.group('what').strip()}与其后列出的{len(items)}项不符",
                stated=f"{match.group('n')}个", expected=f"{len(items)}个", formula="、".join(items))


def _count(written: str) -> int | None:
    if written.isdigit():
        return int(written)
    try:
        return int(parse_chinese_number(written).value)
    except (NumberError, ValueError):
        return None


def _complete(raw: str, items: list[str]) -> bool:
    """A list counted item by item: no 等, no 和/及/与 joining, every item a short name."""
    if re.search(r"等|和|及|与|以及", raw):
        return False
    return len(items) >= 2 and all(_ITEM.match(item) for item in items)
