"""The report year must be the same everywhere: 标题, 截至…12月31日, 与上年相比.

The report year is the one given, else the year most often written as
"20XX年度".  Only places whose year is fixed by the form are checked: a balance
date, a comparison with the prior year, every title line of the document (the
cover, 第X部分 …20XX年度部门决算…), a year compared with itself ("2023年度比
2023年度", or one thing dated with one year given two values in one sentence:
2023年年末在编人数为4人,2023年年末在编人数为11人), and a statement of current figures
dated with another year: one whose own
words make its figures the current ones (其中…本年…, 占本年…的, 比上年…, its budget beside
its 决算), one then compared with its own year or with 上年, or one opening its section
(2023年度无政府性基金预算财政拨款收入和支出) unless the report year follows it.  Other
years (2023年存在补发2022年…, 与2023年度相比, 对2023年度项目…, causes, descriptions) are free
text and are left alone.
"""

from __future__ import annotations

import re

from narrator.read.claims import compact, squeeze
from narrator.read.context import Context, name_core
from narrator.read.kind import is_final_disclosure
from narrator.check.registry import Check, register
from narrator.read.year import guess_year, tied_years
from narrator.numbers import percent_consistent

_YEAR = re.compile(r"(20\d\d)\s*年\s*度")
_ANY_YEAR = re.compile(r"(?P<y>20\d\d)\s*年")
_BALANCE = re.compile(r"截\s*[至止]\s*(?P<y>20\d\d)\s*年\s*12\s*月\s*31\s*日")
_COMPARE = re.compile(r"(?:与|比|较)\s*(?P<y>20\d\d)\s*年\s*度?\s*(?P<tail>年\s*初\s*预\s*算|预\s*算|相\s*比|决\s*算|同\s*期"
                      r"|(?:增\s*加|减\s*少|增\s*长|下\s*降)(?=\s*\d))?")
# ，2023年度预算相比 (与 left out): a comparison all the same, told by its closing 相比
_BARE_COMPARE = re.compile(r"(?<=[，,])\s*(?P<y>20\d\d)\s*年\s*度?\s*(?P<tail>(?:年\s*初\s*)?预\s*算|决\s*算)\s*(?:数\s*)?相\s*比")
# A web page's field label before its title: 名称：2024年度…决算情况说明
_TITLE_LABEL = re.compile(r"^(?:名称|标题|题名|文件名称)[:：]")
# A title line, whitespace removed: an optional 第X部分, a unit name without sentence
# punctuation, the year, and 决算 words ending the line (a TOC line may end in its page;
# a long title may break before its last words: …决算情况\n说明).
_TITLE_LINE = re.compile(
    r"^#*(?:第[一二三四五六七八九十]+部分[:：]?)?[^，。；;,、：:！？!?]{0,50}?(?P<y>20\d\d)年度?"
    r"(?:部门|单位)?决算(?:报表|表|情况说明|情况说|情况|情|公开说明|公开|报告|说明)?\d{0,3}$"
    # 第三部分 2024年度其他重要事项的情况说明: every part of one disclosure is of its year
    r"|^#*第[一二三四五六七八九十]+部分[:：]?(?P<part>20\d\d)年度[^，。；;,！？!?]{2,30}$"
    # 2024年度某区本级“三公”经费决算公开说明: the title of a 三公 决算 disclosure
    r"|^#*(?:[一二三四五六七八九十]+、)?[^，。；;,、：:！？!?\d]{0,20}?(?P<three>20\d\d)年度?[^，。；;,、：:！？!?\d]{0,30}?"
    r"三公[”\"]?经费(?:支出)?(?:决算)?(?:汇总)?(?:情况)?(?:公开)?(?:说明|情况)$"
)
_CURRENT_PARTS = re.compile(r"其中.*本年(?:度)?(?:财政拨款)?(?:收入|支出)")
# …决算同比下降的原因主要是: the cause of a change a narrative explains is the report year's change
_CHANGE_CAUSE = re.compile(r"(?:同比|(?:比|较)上年度?|与上年度?相比)[^。，,；;]{0,4}?(?:增长|下降|增加|减少|上升|降低)的?(?:主要)?原因")
_BUDGET_COMPARISON = re.compile(r"决算数?(?:大于|小于|等于|高于|低于|超过)(?:年初|全年)?预算数?|决算数?与预算数?持平")
# The year a statement opens with: a unit name (digits allowed: 12345热线) and the year, then
# 年度 or 年 before a word (2023年机关运行经费…, never 2023年12月31日).
_STATEMENT_YEAR = re.compile(r"(?P<pre>[^，。；;,：:、]{0,40}?)(?P<y>20\d\d)\s*年(?:\s*度|(?=\s*[^\d\s年]))")
_NOT_SUBJECT = re.compile(r"(?:与|比|较|对|在|于|从|自|至|到|及|和|同|截至|截止|上年|以前|以来)$")
_CAUSE_WORDS = re.compile(r"原因|由于|因为|导致")
_RELATIVE = re.compile(r"(?:比|较|与)上(?:一)?年度?")
_RELATIVE_OPENING = re.compile(r"^(?:与|比|较)上(?:一)?年度?(?:决算数?)?(?:相比)?")
_TITLE_IN_STATEMENT = re.compile(
    r"[ \t\u3000]*(?:\d{1,2}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)[^\n，。；;,：:]{1,40}\n\s*"
)
_BASIS = re.compile(r"(?:根据|按照|依据)[^，。；;,\n]{1,30}[，,]\s*")
# A discourse connective opening a sentence (比如，2023年度…; 经比较，2023年度…): the subject follows it
_CONNECTIVE = re.compile(r"(?:比如|例如|譬如|同时|此外|另外|其中|经比较|经对比|经汇总|经统计|据统计|总体来说|总的来说"
                         r"|总体来看|总体而言|综上所述|综上)[，,]\s*")
# 2024年年末在编人数为11人: a year, what it dates, and its value
_DATED_VALUE = re.compile(
    r"(?P<y>20\d\d)\s*年\s*度?(?P<what>[^，,。；;、\d]{2,24}?)(?:为|是|达到|达|有|共)\s*"
    r"(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<u>人|个|辆|台|套|项|家|万元|元)"
)
# Sentences of the city template that date the report year's own work (a 重点绩效评价 of earlier
# projects, or a cause, is worded otherwise): "编报绩效目标的2024年度项目X个", "2024年度预算绩效管理
# 工作开展情况如下", "2024年度政府采购金额…", "2024年度本部门面向中小企业预留政府采购项目预算金额…".
def _spaced(word: str) -> str:
    return r"\s*".join(word)  # PDF text breaks lines inside words


_YEAR_OF = r"(?P<y>20\d\d)\s*年\s*度\s*"
_CURRENT_WORK = [
    re.compile("(?:" + "|".join(_spaced(w) for w in ("编报绩效目标", "绩效跟踪评价", "绩效自评")) + r")\s*的\s*"
               + _YEAR_OF + _spaced("项目")),
    *(re.compile(_YEAR_OF + _spaced(phrase)) for phrase in (
        "预算绩效管理工作开展情况", "政府采购金额", "本部门面向中小企业预留政府采购项目")),
]
_ABSENCE = re.compile(r"^[^，。；;,]{0,30}?(?:无|没有|未发生|未安排|未使用)[^，。；;,]{0,40}?(?:收入|支出|经费)")


def report_year(ctx: Context) -> int | None:
    return ctx.year if ctx.year is not None else guess_year(ctx.text)


@register(
    "year.mismatch", "error", "年份与报告年度不一致（标题、截至日期、与上年相比、本年数和本年工作所在的句子）",
    title="年份与报告年度不一致", why="本年数所在句子写错年份，多是套用上年文本时未改。",
    should_flag=["2024年度收入合计10.00万元。2024年度支出合计10.00万元。截至2023年12月31日，共有车辆1辆。",
                 "2024年度三公经费支出8.00万元，同比下降20.00%。\n2023年本单位三公经费支出同比下降的原因主要是压减公务接待。",
                 "第二部分 2024年度部门决算说明\n2024年度收入合计10.00万元。\n第三部分 2023年度其他重要事项的情况说明\n",
                 "2023年度甲区本级“三公”经费公开说明\n2024年度甲区本级“三公”经费支出决算8.00万元，比上年减少1.00万元。"
                 "2024年度“三公”经费支出决算中，公务接待费8.00万元。",
                 "2017年度三公经费预算100万元。2017年度公务接待费预算20万元，较2015年下降4.0%。",
                 "2024年度支出合计100.00万元，与2022年度相比，增加5.00万元，增长5.26%。2024年度收入合计100.00万元。",
                 "第三部分 2023年度部门决算情况说明\n一、收入支出决算总体情况说明\n2024年度收入合计10.00万元。"
                 "2024年度支出合计10.00万元。",
                 "2024年度收入合计10.00万元。2024年度支出合计10.00万元。"
                 "2023年度比2023年度“三公”经费支出减少0.04万元，下降44.44%。",
                 "第三部分 2024年度部门决算情况说明\n2024年度收入合计10.00万元。\n2023年度支出总计10.00万元，其中：本年支出合计10.00万元。",
                 "第三部分 2024年度部门决算情况说明\n一、收入决算情况说明\n2024年度收入合计10.00万元。\n"
                 "二、支出决算情况说明\n2023年度支出合计10.00万元，其中：基本支出10.00万元，占100.00%。\n",
                 "第三部分 2024年度部门决算情况说明\n一、收入支出决算总体情况说明\n2024年度收入总计10.00万元。\n"
                 "二、“三公”经费支出决算情况说明\n2023年度财政拨款“三公”经费支出8.49万元，比上年增加3.63万元，增长74.69%。\n",
                 "第三部分 2024年度部门决算情况说明\n一、收入支出决算总体情况说明\n2024年度收入总计10.00万元。\n"
                 "二、政府性基金预算财政拨款收入支出决算情况说明\n本单位2023年度无政府性基金预算财政拨款收入和支出。\n",
                 "2024年度收入合计10.00万元。2024年度支出合计10.00万元。\n"
                 "贵阳市12345政务服务便民热线事务中心2023年度一般公共预算财政拨款支出合计672.13万元，占本年支出合计的100.00%。",
                 "2024年度收入合计672.13万元。2024年度支出合计672.13万元。主要原因是项目减少。"
                 "同时2023年年末在编人数为4人,2023年年末在编人数为11人,导致基本预算收入增加。",
                 "2024年度收入合计10.00万元。2024年度支出合计10.00万元。全过程绩效管理实施情况：编报绩效目标的"
                 "2024年度项目4个，涉及预算金额598.42万元；绩效自评\n的2023年度项目4个，涉及预算金额598.42万元。",
                 "2024年度收入合计10.00万元。2024年度支出合计10.00万元。\n十、预算绩效管理情况\n"
                 "上海市普陀区财政局2023年度预算绩效管理工作开展情况如下：本部门制定了预算绩效管理制度。",
                 "2024年度收入合计10.00万元。2024年度支出合计10.00万元。\n（二）政府采购支出情况\n"
                 "2024年度政府采购金额为93.24万元。\n2023 年度本部门面向中小企业预留政府采购项目预算金额\n246.47万元。",
                 "名称：甲单位2023年度部门决算情况说明\n2024年度收入合计10.00万元。2024年度支出合计10.00万元。",
                 "2024年度收入合计10.00万元。2024年度支出合计10.00万元。比如，2023年度三公经费预算为5.00万元，支出决算为4.00万元。",
                 "2024年度三公经费支出决算10.00万元，完成预算的80.00%。\n2023年度三公经费支出决算中，"
                 "公务接待费4.00万元，占40.00%；公务用车运行维护费6.00万元，占60.00%。",
                 "第三部分 2024年度部门决算情况说明\n公务接待费支出3.00万元，2023年度预算相比，减少1.00万元。"],
    should_pass=["2024年度支出合计100.00万元，与2023年度相比，增加5.00万元，增长5.26%。截至2024年12月31日，共有车辆1辆。",
                 "2010年三公经费决算520.00万元。2010年决算数为410.00万元。2011年预算数300.0万元，2011年预算数比2010年决算数减少。",
                 "2024年度收入合计672.13万元，2024年度支出合计672.13万元。2023年度收入合计2714.59万元。"
                 "与2023年度相比，减少2042.46万元，下降75.24%，主要原因是项目减少。",
                 "第三部分 2024年度部门决算情况说明\n2024年度收入合计10.00万元，主要原因是2023年存在补发2022年工资。",
                 "第三部分 2024年度部门决算情况说明\n一、收入支出决算总体情况说明\n2024年度收入总计10.00万元。\n"
                 "二、“三公”经费支出决算情况说明\n2023年度“三公”经费支出7.00万元。2024年度“三公”经费支出8.49万元，"
                 "比上年增加1.49万元，增长21.29%。\n",
                 "第三部分 2024年度部门决算情况说明\n一、收入支出决算总体情况说明\n2024年度收入总计10.00万元。\n"
                 "二、预算绩效管理情况\n本单位对2023年度项目开展重点绩效评价，涉及资金10.00万元。编报绩效目标的"
                 "2024年度项目4个，涉及预算金额598.42万元。\n",
                 "2024年度部门预算公开说明\n2024年度三公经费预算10.00万元，2023年度预算相比，减少1.00万元。",
                 "2024年度三公经费支出决算10.00万元。\n2023年度三公经费支出决算中，公务接待费4.00万元，占50.00%；"
                 "公务用车运行维护费4.00万元，占50.00%。"],
)
def mismatch(ctx: Context, check: Check):
    year = report_year(ctx)
    if year is None:
        yield from _unknown_year(ctx, check)
        return
    for match in _BALANCE.finditer(ctx.text):
        if int(match.group("y")) != year:
            yield _finding(ctx, check, match, f"截至日期应为{year}年12月31日", str(year))
    final = is_final_disclosure(ctx.text)
    for match in [*_COMPARE.finditer(ctx.text), *_BARE_COMPARE.finditer(ctx.text)]:
        stated = int(match.group("y"))
        tail = re.sub(r"\s", "", match.group("tail") or "")
        own = _compared_year(ctx, match) or year
        allowed = _compared_years(tail, own, final)
        if tail and stated not in allowed:
            expected = "或".join(f"{y}年" for y in sorted(allowed))
            yield _finding(ctx, check, match, f"对比年度应为{expected}", expected.replace("年", ""))
    yield from _current_work(ctx, check, year)
    yield from _titles(ctx, check, year)
    yield from _statement_years(ctx, check, year)
    yield from _same_year_twice(ctx, check, year)


def _unknown_year(ctx: Context, check: Check):
    """Two years named equally often and no title to tell them apart: said once, nothing judged."""
    tied = tied_years(ctx.text)
    first = _ANY_YEAR.search(ctx.text) if len(tied) > 1 else None
    if first is not None:
        years = "、".join(f"{y}年度" for y in tied)
        yield check.finding(ctx, first.start(), first.end(),
                            f"无法确定报告年度（{years}出现次数相同，标题未写明）：未核对年份，请人工核对",
                            stated=first.group("y"), formula="报告年度", severity="info")


def _compared_years(tail: str, own: int, final: bool) -> set[int]:
    """The years a comparison may name: the year before; with 预算, in a 决算 disclosure that year's
    own budget (与2024年预算相比), elsewhere also last year's (a 预算 disclosure: 比2023年预算)."""
    if "预算" not in tail:
        return {own - 1}
    return {own} if final else {own, own - 1}


def _compared_year(ctx: Context, match: re.Match[str]) -> int | None:
    """2011年预算数比2010年决算数增长: the year of what is compared, when its clause names one (a
    comparison is with the year before that, not before the report year)."""
    st = next((s for s in ctx.statements if s.start <= match.start() < s.end), None)
    if st is None:
        return None
    before = ctx.text[st.start:match.start()]
    years = [m for m in _ANY_YEAR.finditer(before) if not _NOT_SUBJECT.search(before[:m.start()].rstrip())]
    return int(years[-1].group("y")) if years else None


def _current_work(ctx: Context, check: Check, year: int):
    reported: set[int] = set()
    for pattern in _CURRENT_WORK:
        for match in pattern.finditer(ctx.text):
            if int(match.group("y")) != year and match.start("y") not in reported:
                reported.add(match.start("y"))
                yield check.finding(ctx, match.start(), match.end(),
                                    f"年份与报告年度不一致：此处说明的是{year}年度的工作（绩效管理、政府采购）",
                                    stated=match.group("y"), expected=str(year), formula="报告年度")


def _same_year_twice(ctx: Context, check: Check, year: int):
    """2023年年末在编人数为4人,2023年年末在编人数为11人: one thing, one year, two values in one
    sentence — the sentence compares two years (上年 and 本年) and one of them is wrong."""
    for st in ctx.statements:
        seen: dict[tuple[int, str], re.Match[str]] = {}
        for match in _DATED_VALUE.finditer(ctx.text, st.start, st.end):
            key = (int(match.group("y")), compact(match.group("what"))[0])
            first = seen.setdefault(key, match)
            if first is match or _value(first) == _value(match):
                continue
            stated = key[0]
            fix = f"后者应为{stated + 1}年" if stated < year else f"前者应为{stated - 1}年"
            yield check.finding(
                ctx, first.start("y"), match.end(),
                f"年份与报告年度不一致：同一句中{stated}年{key[1]}先后为{_value(first)}和{_value(match)}，"
                f"两数应分属上年与本年（{fix}）",
                stated=str(stated), expected=str(stated + 1 if stated < year else stated - 1), formula="报告年度")
            del seen[key]


def _titles(ctx: Context, check: Check, year: int):
    """Every title line of the document, wherever it stands (the narrative's own title included)."""
    offset = 0
    for line in ctx.text.splitlines(keepends=True):
        if "决" not in line and "部分" not in line and "三公" not in line:  # most lines are passed over cheaply
            offset += len(line)
            continue
        squeezed = squeeze(line)  # the offsets only for a title line
        label = _TITLE_LABEL.match(squeezed)
        shift = label.end() if label else 0  # ^ anchors the title at the label's end
        title = _TITLE_LINE.match(squeezed[shift:])
        group = next((g for g in ("y", "part", "three") if title and title.group(g)), "y")
        if title and int(title.group(group)) != year:
            index = compact(line)[1]
            start, end = offset + index[shift + title.start(group)], offset + index[len(squeezed) - 1] + 1
            yield check.finding(ctx, start, end, f"年份与报告年度不一致：标题年度应为{year}年度",
                                stated=title.group(group), expected=str(year), formula="报告年度")
        offset += len(line)


def _statement_years(ctx: Context, check: Check, year: int):
    """A statement dated with another year where the form fixes it to the report year."""
    for st in ctx.statements:
        opening = _opening_year(ctx, st)
        if opening is None or int(opening.group("y")) >= year:
            continue
        stated = int(opening.group("y"))
        message = _self_comparison(ctx, st, opening, stated) or _current_figures(ctx, st, opening, stated, year)
        severity = None
        if not message and _explains_change(ctx, st, opening):
            # a heading read from its words alone, with no figure of its own: a person confirms it
            message, severity = f"说明的是本年增减变化的原因，年度应为{year}年度", "warning"
        if message:
            yield check.finding(ctx, opening.start("y"), opening.end(), f"年份与报告年度不一致：{message}",
                                stated=str(stated), expected=str(year), formula="报告年度", severity=severity)


def _explains_change(ctx: Context, st, opening: re.Match[str]) -> bool:
    """2015年…支出决算同比下降的原因主要是：… in a 2016 report (a stale heading of the cause)."""
    return not ctx.by_statement.get(st.index) and bool(_CHANGE_CAUSE.search(compact(ctx.text[opening.end():st.end])[0]))


def _value(match: re.Match[str]) -> str:
    return match.group("n").replace(",", "") + match.group("u")


def _opening_year(ctx: Context, st) -> re.Match[str] | None:
    """The year a statement opens with (贵阳市12345…中心2024年度收入决算合计…): its subject's date.

    Not a year after a preposition (与2023年度相比, 对2023年度项目), in a cause, or after a
    number the statement already stated."""
    start = st.start
    title = _TITLE_IN_STATEMENT.match(ctx.text, st.start, st.end)
    if title is not None:  # 1、预算绩效管理工作的开展情况\n\n2024年二级项目…: the line after its title
        start = title.end()
    basis = _BASIS.match(ctx.text, start, st.end)
    if basis is not None:  # 根据预算绩效管理要求，本单位2024年度…: after the clause giving its basis
        start = basis.end()
    connective = _CONNECTIVE.match(ctx.text, start, st.end)
    if connective is not None:
        start = connective.end()
    opening = _STATEMENT_YEAR.match(ctx.text, start, st.end)
    if opening is None:
        return None
    before = compact(opening.group("pre"))[0]
    if _NOT_SUBJECT.search(before) or _CAUSE_WORDS.search(ctx.text, st.start, opening.start("y")):
        return None
    if any(c.number_start < opening.start("y") for c in ctx.by_statement.get(st.index, [])):
        return None
    return opening


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

    What the statement itself says makes its figures the current ones (本年 parts, a share of
    本年…, a comparison with 上年, its budget beside its 决算).  Else only when nothing of the
    report year was stated before it in its section: a prior-year total may stand after the
    current one (2024年度…。2023年度…。与2023年度相比).  A section that opens with it (its first
    statement of figures, or of none: 2023年度无政府性基金预算财政拨款收入和支出) is about
    the report year unless the report year follows at once.
    """
    rest = compact(ctx.text[opening.end():st.end])[0]
    claims = ctx.by_statement.get(st.index, [])
    if _CURRENT_PARTS.search(rest):
        return f"所述为本年数，年度应为{year}年度"
    if _BUDGET_COMPARISON.search(rest) or _budget_and_actual(claims):
        return f"决算数与预算数的比较是报告年度的，年度应为{year}年度"
    if any(c.metric == "share" and c.base and compact(c.base)[0].startswith("本年") for c in claims):
        return f"所述金额占本年数的比例，年度应为{year}年度"
    if _shares_of_current_whole(ctx, st, claims, year):
        return f"所述金额是前文{year}年度合计的组成部分（占比按该合计计算相符），年度应为{year}年度"
    if _RELATIVE.search(rest) and any(c.metric in ("change", "change_rate") for c in claims) \
            and _is_amount_first(claims) and not _names(ctx, st.start, st.end, year):
        return f"所述金额与上年相比，是本年数，年度应为{year}年度"
    absence = _ABSENCE.match(rest)
    if not claims and not absence:
        return ""
    first = _section_first(ctx, st.index)
    if _names(ctx, ctx.statements[first].start, st.start, year):
        return ""
    opens = ctx.statements[first].section_start and not any(ctx.by_statement.get(i) for i in range(first, st.index))
    if opens and not _names(ctx, st.start, st.end, year) and not _next_opens_with(ctx, st, year):
        what = "本年无此项收支" if absence and not claims else "本年数"
        return f"本节开头所述为{what}，年度应为{year}年度"
    if not claims:
        return ""
    for following in ctx.statements[st.index + 1:st.index + 3]:
        if following.section_start != st.section_start:
            break
        years = [int(m.group("y")) for m in _ANY_YEAR.finditer(ctx.text, following.start, following.end)]
        compared = _COMPARE.search(ctx.text, following.start, following.end)
        if compared is not None:
            if int(compared.group("y")) == stated and not (set(years) & {year}):
                return f"所述金额随后与{stated}年度相比，年度应为{year}年度"
            return ""
        relative = _RELATIVE_OPENING.match(compact(ctx.text[following.start:following.end])[0])
        if relative is not None and not (set(years) & {year}):
            return f"所述金额随后与上年相比，是本年数，年度应为{year}年度"
    return ""


def _shares_of_current_whole(ctx: Context, st, claims, year: int) -> bool:
    """…决算中，公务接待费3.90万元，占22.14%: parts whose shares fit a whole that an earlier statement
    dates with the report year are that year's parts (a share of zero proves nothing)."""
    for share in claims:
        if share.metric != "share" or share.stated is None:
            continue
        part = ctx.share_part(share)
        whole, sure = ctx.share_whole(share, part)
        if part is None or whole is None or not sure or whole.statement == st.index \
                or part.stated is None or whole.stated is None or part.stated.value == 0:
            continue
        ratio = ctx.interval(part).divide(ctx.interval(whole))
        if _dated_year(ctx, whole) == year and ratio is not None and percent_consistent(share.stated, ratio):
            return True
    return False


def _dated_year(ctx: Context, claim) -> int | None:
    """The year its statement dates an amount with: the last year written before it in the statement,
    not one after a preposition (与2023年度相比…)."""
    start = ctx.statements[claim.statement].start
    years = [m for m in _ANY_YEAR.finditer(ctx.text, start, claim.start)
             if not _NOT_SUBJECT.search(ctx.text[max(start, m.start() - 4):m.start()].rstrip())]
    return int(years[-1].group("y")) if years else None


def _budget_and_actual(claims) -> bool:
    """A budget beside its 决算 (预算为…，支出决算为…；完成预算的…): the report year's execution."""
    roles = {c.role for c in claims if c.metric == "amount"}
    metrics = {c.metric for c in claims}
    has_budget = bool(roles & {"budget", "full_year_budget"})
    return has_budget and ("actual" in roles or bool(metrics & {"completion", "variance", "execution"}))


def _is_amount_first(claims) -> bool:
    """The statement states an amount before its change (2023年度…支出8.49万元，比上年增加…)."""
    return bool(claims) and claims[0].metric == "amount" and not claims[0].is_percent


def _names(ctx: Context, start: int, end: int, year: int) -> bool:
    return any(int(m.group("y")) == year for m in _ANY_YEAR.finditer(ctx.text, start, end))


def _next_opens_with(ctx: Context, st, year: int) -> bool:
    """2023年度…X万元。2024年度…Y万元: the prior year first, the report year right after."""
    for following in ctx.statements[st.index + 1:st.index + 2]:
        if following.section_start != st.section_start:
            return False
        opening = _opening_year(ctx, following)
        if opening is None or int(opening.group("y")) != year:
            return False
        this, that = _first_amount(ctx, st.index), _first_amount(ctx, following.index)
        return this is None or that is None or _same_subject(this.subject, that.subject)
    return False


def _first_amount(ctx: Context, index: int):
    amounts = ctx.amounts(index)
    return amounts[0] if amounts else None


def _same_subject(a: str, b: str) -> bool:
    a, b = name_core(a), name_core(b)
    return bool(a and b) and (a.endswith(b) or b.endswith(a))


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
