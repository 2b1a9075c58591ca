"""The report year must be the same everywhere: 标题, 截至…12月31日, 与上年相比.

The report year is the one given, else the year most often written as
"20XX年度".  Only places whose year is fixed by the form are checked (a balance
date, a comparison with the prior year, the document's title); other years
(2023年存在补发2022年…) are free text.
"""

from __future__ import annotations

import re
from collections import Counter

from narrator.check.context import Context
from narrator.check.registry import Check, register

_YEAR = re.compile(r"(20\d\d)\s*年\s*度")
_BALANCE = re.compile(r"截\s*[至止]\s*(?P<y>20\d\d)\s*年\s*12\s*月\s*31\s*日")
_COMPARE = re.compile(r"(?:与|比|较)\s*(?P<y>20\d\d)\s*年\s*度?\s*(?P<tail>年\s*初\s*预\s*算|预\s*算|相\s*比|决\s*算|同\s*期)?")
_TITLE = re.compile(r"(?P<y>20\d\d)\s*年\s*度?\s*(?:部门|单位)?\s*决\s*算\s*(?:公开|情况说明|报告)?")


def guess_year(text: str) -> int | None:
    """The year most often written as 20XX年度 (a planted wrong title is outvoted)."""
    counts = Counter(int(m.group(1)) for m in _YEAR.finditer(text))
    return counts.most_common(1)[0][0] if counts else None


def report_year(ctx: Context) -> int | None:
    return ctx.year if ctx.year is not None else guess_year(ctx.text)


@register(
    "year.mismatch", "error", "年份与报告年度不一致（标题、截至日期、与上年相比）",
    should_flag=["2024年度收入合计10.00万元。2024年度支出合计10.00万元。截至2023年12月31日，共有车辆1辆。",
                 "2024年度支出合计100.00万元，与2022年度相比，增加5.00万元，增长5.26%。2024年度收入合计100.00万元。"],
    should_pass=["2024年度支出合计100.00万元，与2023年度相比，增加5.00万元，增长5.26%。截至2024年12月31日，共有车辆1辆。"],
)
def mismatch(ctx: Context, check: Check):
    year = report_year(ctx)
    if year is None:
        return
    for match in _BALANCE.finditer(ctx.text):
        if int(match.group("y")) != year:
            yield _finding(ctx, check, match, f"截至日期应为{year}年12月31日", str(year))
    for match in _COMPARE.finditer(ctx.text):
        stated = int(match.group("y"))
        tail = re.sub(r"\s", "", match.group("tail") or "")
        allowed = {year} if "预算" in tail else {year - 1}
        if tail and stated not in allowed:
            yield _finding(ctx, check, match, f"对比年度应为{min(allowed)}年", str(min(allowed)))
    yield from _titles(ctx, check, year)


def _titles(ctx: Context, check: Check, year: int):
    head_end = ctx.statements[0].start if ctx.statements and ctx.statements[0].start > 0 else 400
    for match in _TITLE.finditer(ctx.text, 0, min(len(ctx.text), max(head_end, 400))):
        if int(match.group("y")) != year:
            yield _finding(ctx, check, match, f"标题年度应为{year}年度", str(year))


def _finding(ctx: Context, check: Check, match: re.Match[str], message: str, expected: str):
    return check.finding(ctx, match.start(), match.end(), f"年份与报告年度不一致：{message}",
                         stated=match.group("y"), expected=expected, formula="报告年度")
