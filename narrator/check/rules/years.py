"""The report year must be the same everywhere: 标题, 截至…12月31日, 与上年相比.

The report year is the one given, else the year most often written as
"20XX年度".  Only places whose year is fixed by the form are checked: a balance
date, a comparison with the prior year, every title line of the document (the
cover, 第X部分 …20XX年度部门决算…), a year compared with itself ("2023年度比
2023年度"), and a statement of current figures dated with the year it is then
compared with, or opening a section that never names the report year.  Other
years (2023年存在补发2022年…, causes, descriptions) are free text and are left alone.
"""

from __future__ import annotations

import re
from collections import Counter

from narrator.check.claims import compact, squeeze
from narrator.check.context import Context
from narrator.check.registry import Check, register

_YEAR = re.compile(r"(20\d\d)\s*年\s*度")
_ANY_YEAR = re.compile(r"(?P<y>20\d\d)\s*年")
_BALANCE = re.compile(r"截\s*[至止]\s*(?P<y>20\d\d)\s*年\s*12\s*月\s*31\s*日")
_COMPARE = re.compile(r"(?:与|比|较)\s*(?P<y>20\d\d)\s*年\s*度?\s*(?P<tail>年\s*初\s*预\s*算|预\s*算|相\s*比|决\s*算|同\s*期)?")
# A title line, whitespace removed: an optional 第X部分, a unit name without sentence
# punctuation, the year, and 决算 words ending the line (a TOC line may end in its page;
# a long title may break before its last words: …决算情况\n说明).
_TITLE_LINE = re.compile(
    r"^#*(?:第[一二三四五六七八九十]+部分[:：]?)?[^，。；;,、：:！？!?]{0,50}?(?P<y>20\d\d)年度?"
    r"(?:部门|单位)?决算(?:表|情况说明|情况说|情况|情|公开说明|公开|报告|说明)?\d{0,3}$"
)
_CURRENT_PARTS = re.compile(r"其中.*本年(?:度)?(?:财政拨款)?(?:收入|支出)")
_BUDGET_COMPARISON = re.compile(r"决算数?(?:大于|小于|等于|高于|低于|超过)(?:年初|全年)?预算数?|决算数?与预算数?持平")
_STATEMENT_YEAR = re.compile(r"[^，。；;,0-9]{0,40}?(?P<y>20\d\d)\s*年\s*度")


def guess_year(text: str) -> int | None:
    """The year most often written as 20XX年度 (a planted wrong title is outvoted)."""
    counts = Counter(int(m.group(1)) for m in _YEAR.finditer(text))
    return counts.most_common(1)[0][0] if counts else None


def report_year(ctx: Context) -> int | None:
    return ctx.year if ctx.year is not None else guess_year(ctx.text)


@register(
    "year.mismatch", "error", "年份与报告年度不一致（标题、截至日期、与上年相比）",
    should_flag=["2024年度收入合计10.00万元。2024年度支出合计10.00万元。截至2023年12月31日，共有车辆1辆。",
                 "2024年度支出合计100.00万元，与2022年度相比，增加5.00万元，增长5.26%。2024年度收入合计100.00万元。",
                 "第三部分 2023年度部门决算情况说明\n一、收入支出决算总体情况说明\n2024年度收入合计10.00万元。"
                 "2024年度支出合计10.00万元。",
                 "2024年度收入合计10.00万元。2024年度支出合计10.00万元。"
                 "2023年度比2023年度“三公”经费支出减少0.04万元，下降44.44%。",
                 "2024年度收入合计10.00万元。\n2023年度支出总计10.00万元，其中：本年支出合计10.00万元。",
                 "第三部分 2024年度部门决算情况说明\n一、收入决算情况说明\n2024年度收入合计10.00万元。\n"
                 "二、支出决算情况说明\n2023年度支出合计10.00万元，其中：基本支出10.00万元，占100.00%。\n"],
    should_pass=["2024年度支出合计100.00万元，与2023年度相比，增加5.00万元，增长5.26%。截至2024年12月31日，共有车辆1辆。",
                 "2024年度收入合计672.13万元，2024年度支出合计672.13万元。2023年度收入合计2714.59万元。"
                 "与2023年度相比，减少2042.46万元，下降75.24%，主要原因是项目减少。",
                 "第三部分 2024年度部门决算情况说明\n2024年度收入合计10.00万元，主要原因是2023年存在补发2022年工资。"],
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
    yield from _statement_years(ctx, check, year)


def _titles(ctx: Context, check: Check, year: int):
    """Every title line of the document, wherever it stands (the narrative's own title included)."""
    offset = 0
    for line in ctx.text.splitlines(keepends=True):
        if "决" not in line:  # every title names 决算: most lines (table rows, prose) are passed over cheaply
            offset += len(line)
            continue
        squeezed = squeeze(line)  # the offsets only for a title line
        title = _TITLE_LINE.match(squeezed)
        if title and int(title.group("y")) != year:
            index = compact(line)[1]
            start, end = offset + index[title.start("y")], offset + index[len(squeezed) - 1] + 1
            yield check.finding(ctx, start, end, f"年份与报告年度不一致：标题年度应为{year}年度",
                                stated=title.group("y"), expected=str(year), formula="报告年度")
        offset += len(line)


def _statement_years(ctx: Context, check: Check, year: int):
    """A statement dated with another year where the form fixes it to the report year."""
    for st in ctx.statements:
        opening = _STATEMENT_YEAR.match(ctx.text, st.start, st.end)
        if opening is None or int(opening.group("y")) >= year:
            continue
        stated = int(opening.group("y"))
        message = _self_comparison(ctx, st, opening, stated) or _current_figures(ctx, st, opening, stated, year)
        if message:
            yield check.finding(ctx, opening.start("y"), opening.end(), f"年份与报告年度不一致：{message}",
                                stated=str(stated), expected=str(year), formula="报告年度")


def _self_comparison(ctx: Context, st, opening: re.Match[str], stated: int) -> str:
    """2023年度比2023年度…: a year compared with itself (or a later one) cannot be the report year's figure."""
    for match in _COMPARE.finditer(ctx.text, opening.end(), st.end):
        if int(match.group("y")) >= stated:
            return f"{stated}年度不能与{match.group('y')}年度相比，本年应为报告年度"
        return ""
    return ""


def _current_figures(ctx: Context, st, opening: re.Match[str], stated: int, year: int) -> str:
    """2023年度支出总计…，其中：本年支出合计… / …。与2023年度相比 / 2023年度…决算数小于预算数:
    the figures are the report year's.

    Only when nothing of the report year was stated before it in its section: a
    prior-year total may stand after the current one (2024年度…。2023年度…。与2023年度相比).
    """
    rest = compact(ctx.text[opening.end():st.end])[0]
    if _CURRENT_PARTS.search(rest):
        return f"所述为本年数，年度应为{year}年度"
    if _BUDGET_COMPARISON.search(rest):
        return f"决算数与预算数的比较是报告年度的，年度应为{year}年度"
    if not ctx.by_statement.get(st.index):
        return ""
    first = _section_first(ctx, st.index)
    earlier = ctx.text[ctx.statements[first].start:st.start]
    if any(int(m.group("y")) == year for m in _ANY_YEAR.finditer(earlier)):
        return ""
    if ctx.statements[first].section_start and not _mentions(ctx, first, year) \
            and not any(ctx.by_statement.get(i) for i in range(first, st.index)):
        return f"本节所述为本年数（全节未提及{year}年），年度应为{year}年度"
    for following in ctx.statements[st.index + 1:st.index + 3]:
        if following.section_start != st.section_start:
            break
        years = [int(m.group("y")) for m in _ANY_YEAR.finditer(ctx.text, following.start, following.end)]
        compared = _COMPARE.search(ctx.text, following.start, following.end)
        if compared is not None:
            if int(compared.group("y")) == stated and not (set(years) & {year}):
                return f"所述金额随后与{stated}年度相比，年度应为{year}年度"
            return ""
    return ""


def _mentions(ctx: Context, first: int, year: int) -> bool:
    """Whether the section starting at statement ``first`` names ``year`` anywhere."""
    start = ctx.statements[first].section_start
    end = max(st.end for st in ctx.statements if st.section_start == start)
    return any(int(m.group("y")) == year for m in _ANY_YEAR.finditer(ctx.text, start, end))


def _section_first(ctx: Context, index: int) -> int:
    start = ctx.statements[index].section_start
    first = index
    while first > 0 and ctx.statements[first - 1].section_start == start:
        first -= 1
    return first


def _finding(ctx: Context, check: Check, match: re.Match[str], message: str, expected: str):
    return check.finding(ctx, match.start(), match.end(), f"年份与报告年度不一致：{message}",
                         stated=match.group("y"), expected=expected, formula="报告年度")
