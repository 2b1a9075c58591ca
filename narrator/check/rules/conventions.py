"""Wording conventions: 持平, zero bases, template residue, malformed numbers, missing causes.

These are not arithmetic errors (the numbers may even agree) but a published
text should not say 增长0.00% or 增长100% from nothing; they are warnings.
"""

from __future__ import annotations

import re
from decimal import Decimal

from narrator.read.context import Context
from narrator.read.kind import government_level, level_of
from narrator.check.registry import Check, register
from narrator.read.rows import CELL, CELL_NUMBER
from narrator.check.rules import show
from narrator.check.rules.rates import rate_pairs
from narrator.check.rules.shares import share_triples
from narrator.check.rules.selfeval import zero_rates

_RESIDUE = re.compile(
    r"(?=[XＸ×增减大（(如。占第])"  # speed: the text is scanned whole, and most characters start no alternative
    r"(?:(?<![A-Za-z])[XＸ×]{2,}(?![A-Za-z])"
    # a blank left where the number goes: 占 %, 减少 万元, 第届
    r"|占\s*比?\s*(?:为|达)?[ \t\u3000]+[%％]"
    r"|(?:增\s*加|减\s*少|增\s*长|下\s*降)[ \t\u3000]+(?:万\s*元|亿\s*元|元|[%％])"
    r"|第届|大小于"
    r"|[（(]\s*\d+\s*字以内\s*[)）]"
    r"|增\s*加\s*[（(]\s*减\s*少\s*[)）]|增\s*长\s*[（(]\s*下\s*降\s*[)）]|大\s*于\s*[（(]\s*小\s*于\s*[)）]"
    r"|[（(]\s*如\s*持\s*平[^)）]{0,12}[)）]|[（(]\s*或\s*与\s*预\s*算\s*数?\s*持\s*平\s*[)）]"
    r"|如\s*[：:]\s*(?=[0-9一二三四五六七八九十]+\s*[.、．])"
    r"|。{3,})"  # 。。。 stands for rows still to be filled in (4 。。。 in a table of units)
)
_MALFORMED = re.compile(
    r"占\s*(?:比)?\s*(?:为|达)?\s*[.．]\d*\s*[%％]"
    r"|占(?:比)?(?:为|达)?[%％]"
    r"|占\s*比?\s*(?:为|达)?\s*\d+(?:[.．]\d+)?(?=\s*[，,；;。])"
    r"|\d+[.．]\d*[.．]\d+\s*(?:万元|元|%|％)"
    # a rate that lost its % sign ("增长 13.95。"): an amount would carry its unit
    r"|(?:增\s*长|下\s*降)\s*(?:了|为)?\s*\d+[.．]\d+(?=\s*[，,；;。])"
)
# The same mark twice (拨款。。), or a clause mark run into a full stop (，。): a typing slip.
# An ellipsis (……) and a dash (——) are doubled by nature and are not in the set.
_PUNCTUATION = re.compile(r"(?=[。，；：、！？,;])"  # speed: as _RESIDUE
                          r"(?:([。，；：、！？,;])[ \t\u3000]*\1|[，；、][ \t\u3000]*[。，；]|。[ \t\u3000]*[，；、])")


@register(
    "convention.flat", "warning", "增减额或增减率为0却写“增加/减少”，应表述为“持平”",
    title="增减为0应写持平", why="增减额或增减率四舍五入后为0时，惯例要求写“持平”，写“增加0.00万元”既不准确也不合规范。",
    should_flag=["支出决算数为0.23万元，比上年决算增加0.00万元，增长0.00%。",
                 "2024年度“三公”经费财政拨款支出决算数比2023年度减少0元，下降0%。"],
    should_pass=["支出决算数为0.23万元，与上年持平。", "支出决算数为3.73万元，比上年增加0.23万元，增长6.57%，主要原因是人员增加。"],
)
def flat(ctx: Context, check: Check):
    paired = set()
    for rate, change, _ in rate_pairs(ctx):
        zero_change = change is not None and change.stated is not None and change.stated.value == 0 and change.sign
        if zero_change or (change is None and rate.stated.value == 0 and rate.sign):
            start = change.start if change is not None else rate.start
            if change is not None:
                paired.add(change.start)
            yield _flat(ctx, check, start, rate.end)
    for claim in ctx.claims:
        if claim.metric == "change" and claim.start not in paired and claim.stated is not None \
                and claim.stated.value == 0 and claim.sign:
            yield _flat(ctx, check, claim.start, claim.end)


def _flat(ctx: Context, check: Check, start: int, end: int):
    return check.finding(ctx, start, end, "增减为0，应表述为“持平”（或“与上年持平”）",
                         stated=ctx.text[start:end], expected="持平", formula="本年数 − 上年数 = 0")


@register(
    "convention.zero_base", "warning", "基数为0时仍写增长率、完成率、差异率或占比（应表述为上年无此项/未安排预算）",
    title="基数为0写了比率", why="基数为0时比率没有数学意义，应写“上年无此项支出”“未安排预算”，而不是100%或0%。",
    should_flag=["支出决算数为3.50万元，比上年决算增加3.50万元，增长100.00%。",
                 "因公出国(境)费预算0.00万元,支出决算0.00万元,完成预算的100.00%。",
                 "因公出国（境）费全年预算数0.00万元，决算数0.00万元，预决算差异率0.00%。",
                 "政府采购工程支出0元。工程采购授予中小企业合同金额占工程支出金额的0%。",
                 "政府性基金预算项目0个，涉及资金0万元，占政府性基金项目支出总额的0%。",
                 "资金来源 | 年初预算数 | 全年预算数 | 全年执行数 | 执行率\n单位资金 | 0.00 | 0.00 | 0.00 | 0.00%\n",
                 "项目 | 2019年 | 2020年 | 增减率 |\n因公出国(境)费 |\n0 |\n0 |\n0% |\n公务接待费 |\n5 |\n4 |\n-20% |\n",
                 "项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 0 0 0 10 0 0 其他资金"],
    should_pass=["支出决算数为14.63万元，比上年决算增加10.30万元，增长237.88%。",
                 "公务接待费预算为2000元，支出决算为0元，完成预算的0%。",
                 "资金来源 | 年初预算数 | 全年预算数 | 全年执行数 | 执行率\n财政资金 | 0.00 | 5.20 | 5.20 | 100.00%\n"],
)
def zero_base(ctx: Context, check: Check):
    for rate, change, current in rate_pairs(ctx):
        if change is None or current is None or change.stated is None or current.stated is None:
            continue
        delta = show.value_yuan(change) * (-1 if change.sign == -1 else 1)
        if delta != 0 and show.value_yuan(current) - delta == 0:
            yield check.finding(ctx, change.start, rate.end, "上年数为0，增长率无意义，应表述为“上年无此项支出”",
                                stated=show.written(rate), expected="上年无此项支出",
                                formula=f"上年数 = {show.written(current)} − {show.written(change)} = 0")
    yield from _zero_budgets(ctx, check)
    yield from _zero_wholes(ctx, check)
    rows = list(_zero_rows(ctx, check))
    yield from rows
    yield from zero_rates(ctx, check, whole_text(ctx), {finding.start for finding in rows})  # 绩效自评表


def _zero_budgets(ctx: Context, check: Check):
    for claim in ctx.claims:
        if claim.metric not in ("completion", "variance", "execution") or claim.stated is None:
            continue
        budget, actual, near = ctx.budget_actual(claim)
        if budget is not None and near and budget.stated.value == 0:
            yield check.finding(ctx, claim.start, claim.end, "预算数为0，不宜计算完成率/差异率，应表述为“未安排预算”",
                                stated=show.written(claim), expected="未安排预算",
                                formula=f"预算数 = {show.written(budget)}")


def _zero_wholes(ctx: Context, check: Check):
    for share, part, whole, sure in share_triples(ctx):
        if whole is not None and sure and whole.stated.value == 0:
            yield check.finding(ctx, share.start, share.end, "整体金额为0，占比无意义",
                                stated=show.written(share), expected="（不列占比）",
                                formula=f"整体 = {show.written(whole)}")
        elif whole is None and share.base and _zero(part) and share.stated.value == 0:
            # 涉及资金0万元，占政府性基金项目支出总额的0%: the named whole is stated nowhere,
            # so it is most likely 0 too (no such projects); 0 of 0 is no ratio, and 不涉及的不列.
            yield check.finding(ctx, share.start, share.end,
                                f"金额为0且文中未列出“{share.base}”的金额（应也为0），占比无意义，不涉及的不列",
                                stated=show.written(share), expected="（不列占比）",
                                formula=f"部分 = {show.written(part)}")




def _zero_rows(ctx: Context, check: Check):
    """单位资金 | 0.00 | 0.00 | 0.00 | 0.00%: a table row whose amounts are all 0 still states a rate.

    The cells of table lines (| or tab separated) are read in order, also where a flattened table
    puts one cell on each line (因公出国(境)费 |⏎0 |⏎0 |⏎0% |); a word cell starts a new row."""
    start, end = whole_text(ctx)
    zeros: int | None = 0
    offset = start
    for line in ctx.text[start:end].split("\n"):
        if "|" not in line and "\t" not in line:
            zeros = 0
        else:
            for cell in CELL.finditer(line):
                number = CELL_NUMBER.match(cell.group(0))
                if number is None:
                    zeros = 0 if cell.group(0).strip() else zeros
                elif not number.group("pct"):
                    zero = Decimal(number.group("n").replace(",", "")) == 0
                    zeros = zeros + 1 if zero and zeros is not None else None  # None: the row has an amount
                else:
                    if zeros is not None and zeros >= 2:
                        at = offset + cell.start() + cell.group(0).index(number.group("n"))
                        yield check.finding(ctx, at, offset + cell.end(),
                                            "本行金额均为0，比率（执行率、完成率或占比）无意义，应不列或注明",
                                            stated=cell.group(0).strip(), expected="（不列比率）", formula="0 ÷ 0")
                    zeros = None  # one rate per row
        offset += len(line) + 1


def _zero(claim) -> bool:
    return claim is not None and claim.stated is not None and claim.stated.value == 0


@register(
    "convention.residue", "warning", "模板残留（XX、增加（减少）、(如持平作持平表述)、如：…、。。。）",
    title="模板残留", why="XX、增加（减少）、空着的数字等是模板未填写完的痕迹，公开前必须替换成实际内容。",
    should_flag=["公务接待费30万元，占 %，比上年减少 万元。", "区第届人民代表大会第三次会议", "决算数大小于预算数。",
                 "一、部门职责（100字以内）",
                 "纳入编制范围的单位包括：\n序号\t单位名称\n1\t上海市普陀区财政局\n2\t。。。\n","2024年度收入合计XX万元。", "比上年增加（减少）5.00万元。", "支出具体情况如下：如：1.工资福利支出10.00万元。",
                 "决算数大于预算数（或与预算数持平）。",
                 "甲县2024年“三公”经费决算情况\n纳入省级财政预决算管理的“三公”经费，是指省级部门用财政拨款安排的因公出国（境）费。"],
    should_pass=["2024年度收入合计10.00万元，比上年增加5.00万元，增长100.00%，主要原因是新增项目。",
                 "甲县2024年“三公”经费决算情况\n纳入县级财政预决算管理的“三公”经费，是指县级部门用财政拨款安排的因公出国（境）费。",
                 "乙省2024年“三公”经费决算情况\n纳入省级财政预决算管理的“三公”经费，是指省级部门用财政拨款安排的因公出国（境）费。"],
)
def residue(ctx: Context, check: Check):
    start, end = whole_text(ctx)
    yield from _each_match(ctx, check, _RESIDUE, (start, end), "模板残留：“{}”应删除或替换为实际内容")
    yield from _higher_level_scope(ctx, check, start, end)


def _each_match(ctx: Context, check: Check, pattern: re.Pattern[str], span: tuple[int, int], message: str):
    """A finding on each match of ``pattern`` within ``span``, its words put in ``message``."""
    for match in pattern.finditer(ctx.text, *span):
        yield check.finding(ctx, match.start(), match.end(), message.format(match.group(0).strip()),
                            stated=match.group(0))


# The 口径说明 of the 三公 template: 纳入省级财政预决算管理的“三公”经费，是指省级部门…, with each
# level's own word; a lower level's page that keeps a higher level's word copied the template unchanged.
_SCOPE = re.compile(r"纳入\s*(?P<level>中央|自治区|省|市|州|县|区)\s*(?:本\s*)?级?\s*财\s*政\s*预\s*决\s*算\s*管\s*理")


def _higher_level_scope(ctx: Context, check: Check, start: int, end: int):
    own = government_level(ctx.text)
    if own is None:
        return
    for match in _SCOPE.finditer(ctx.text, start, end):
        named = level_of(match.group("level"))
        if named is not None and named < own:
            yield check.finding(
                ctx, match.start(), match.end(),
                f"模板残留：本文为{_LEVEL_NAMES[own]}公开，口径说明却写“{match.group(0)}”，疑为照搬上级模板，请核对",
                stated=match.group(0))


_LEVEL_NAMES = {0: "中央", 1: "省级", 2: "市级", 3: "县级"}


@register(
    "convention.punctuation", "warning", "重复或连用的标点（。。、，，、；；、，。）",
    title="标点重复", why="重复或连用的标点多是编辑遗留，影响公开文本的规范性。",
    should_flag=["财政拨款收入：指单位本年度从本级财政部门取得的财政拨款。。",
                 "2024年度收入合计10.00万元，，其中：财政拨款收入10.00万元。", "基本支出8.00万元；；项目支出2.00万元。"],
    should_pass=["2024年度收入合计10.00万元，其中：财政拨款收入10.00万元。……详见附表。"],
)
def punctuation(ctx: Context, check: Check):
    start, end = whole_text(ctx)
    for match in _PUNCTUATION.finditer(ctx.text, start, end):
        if _in_run(ctx.text, match):
            continue  # 。。。 is a placeholder: convention.residue's
        yield check.finding(ctx, match.start(), match.end(), f"标点重复或连用：“{match.group(0)}”应只保留一个",
                            stated=match.group(0), expected=match.group(0)[-1 if match.group(0)[-1] == "。" else 0])


@register(
    "number.malformed", "error", "数字残缺或格式错误（占.000%、占%、占比缺%）",
    title="数字残缺", why="“占.000%”“占%”这类残缺数字是填写遗漏，公开文本中不应出现。",
    should_flag=["科学技术(类)0.00万元,占.000%。", "其他收入0.00万元，占%。", "基本支出278.49万元，占比55.37；",
                 "支出增加1193.20万元，增长13.95。"],
    should_pass=["科学技术(类)0.00万元,占0.00%。"],
)
def malformed(ctx: Context, check: Check):
    yield from _each_match(ctx, check, _MALFORMED, _span(ctx), "数字残缺或格式错误：“{}”")


_GARBLED = re.compile(
    # a character lost in transcoding right before a number: …?6210万元
    r"[?？\ufffd]\d[\d,]*(?:[.．]\d+)?\s*(?:万元|亿元|元|[%％])"
    # a percentage given a unit of money: 完成年初预算的108.3%万元
    r"|\d+(?:[.．]\d+)?\s*[%％]\s*(?:万元|亿元|元)"
    # a clause that is a bare number after an amount: …支出决算0万元,0; (a share that lost 占 and %)
    r"|(?<=[元%％])[，,]\s*\d+(?:[.．]\d+)?\s*(?=[；;。])"
)
_SPACED = re.compile(r"\d[ \t\u3000]+[.．]\d+\s*(?:万元|亿元|元|万|亿|[%％])|\d[.．][ \t\u3000]+\d+\s*(?:万元|亿元|元|[%％])")


@register(
    "number.garbled", "warning", "数字前后有乱码、百分数带金额单位或数字中间有空格，无法确定其值",
    title="数字无法辨认", why="乱码、百分数带金额单位或数字中间的空格使数值无法确定，读者也无法确定。",
    should_flag=["一般公共服务支出?6210萬元，较上年减支4100萬元。", "地方一般公共预算收入52,000万元，完成年初预算的108.3%万元。",
                 "比上年减少12 .30万元，下降40 .5%。", "因公出国（境）费支出决算0万元,0;公务接待费支出决算5.10万元。"],
    should_pass=["一般公共服务支出46210万元，较上年减支4100万元，下降8.2%。", "甲区5,310;乙区4,120;丙区2,650。"],
)
def garbled(ctx: Context, check: Check):
    start, end = _span(ctx)
    yield from _each_match(ctx, check, _GARBLED, (start, end),
                           "数字无法可靠读取：“{}”（乱码或单位错误），未据此核对，请核对原文")
    if ctx.from_pdf:
        return  # a PDF's text is rebuilt from character positions: its spaces are layout, not the author's
    for match in _SPACED.finditer(ctx.text, start, end):
        written = match.group(0)
        yield check.finding(ctx, match.start(), match.end(), f"数字中间有空格：“{written}”，请核对是否应为“{''.join(written.split())}”",
                            stated=written, expected="".join(written.split()))


# A date or a document number that lost its 年/月 or its brackets when it was copied: 2024628日 (2024年6月28日),
# a date line 2024619 at a document's foot, 〔202465 (〔2024〕65号), and a year run into the next word: 2021全区.
# Amounts never take these shapes: an amount has its unit, and 全/本/各/度 are no unit.
_BROKEN_DATE = re.compile(
    r"(?<![\d.．])20\d{2}(?:1[0-2]|0?[1-9])(?:[12]\d|3[01]|0?[1-9])(?=日)"
    r"|[〔\[［]20\d{2}(?=\d)"
    r"|(?<![\d.．])20\d{2}(?=[全本各该度]|我[局委办院部厅会]|我单位)"
)
# A date alone on its line (the foot of a 公文); a line of digits inside a table is a cell, not a date.
_DATE_LINE = re.compile(r"(?m)^[ \t\u3000]*(20\d{2}(?:1[0-2]|0?[1-9])(?:[12]\d|3[01]|0?[1-9]))[ \t\u3000]*$")
_TABLE_LINE = re.compile(r"[|\t]|^[ \t\u3000]*-?[\d,.]+[ \t\u3000]*$")


@register(
    "number.date", "warning", "日期、年份或文号缺少“年”“月”或括号（如“2024628日”“〔202465”“2021全区”）",
    title="日期或文号残缺", why="“2024628日”“〔202465”这类日期和文号丢了“年”“月”或括号，读者无法确定所指。",
    should_flag=["本决算于2025618日经局务会审议通过。", "甲财发〔202512号", "2024全区一般公共预算收入完成12.5亿元。",
                 "附件\n20250619\n"],
    should_pass=["本决算于2025年6月18日经局务会审议通过。", "甲财发〔2025〕12号", "2024年全区一般公共预算收入完成12.5亿元。",
                 "2024年支出2025万元，比上年增加2024万元。", "合计\n|\n2024619\n|\n", "合计\n2024619\n15.00\n"],
)
def broken_date(ctx: Context, check: Check):
    # dates and 文号 sit in a document's head and foot, outside the narrative: the whole text is read
    spans = [m.span() for m in _BROKEN_DATE.finditer(ctx.text)]
    spans += [m.span(1) for m in _DATE_LINE.finditer(ctx.text) if not _among_cells(ctx.text, *m.span())]
    for start, end in sorted(spans):
        written = ctx.text[start:end]
        yield check.finding(ctx, start, end, f"日期、年份或文号“{written}”缺少“年”“月”或括号，请核对原文",
                            stated=written)


def _among_cells(text: str, start: int, end: int) -> bool:
    """Whether the nearest non-blank line before or after is a table's (cells, or a bare number)."""
    before = [line for line in text[:start].split("\n")[-4:] if line.strip()]
    after = [line for line in text[end:].split("\n")[:4] if line.strip()]
    return any(_TABLE_LINE.search(lines[i]) for lines, i in ((before, -1), (after, 0)) if lines)


@register(
    "convention.direction_word", "warning", "比较后的增减用词无法识别（如“比上年增添3.8%”），该数未核对",
    title="无法识别的增减用词", why="增减用词写错（如“增添”“镌汰”）时规则读不出方向，这个数未被核对，需要人看。",
    should_flag=["2024年收入94.14亿元，比2023年增添3.8%。", "三公经费支出28.24万元，比预算数镌汰4.76万元。"],
    should_pass=["2024年收入94.14亿元，比2023年增长3.8%。", "支出28.24万元，比预算数少4.76万元。",
                 "支出28.24万元，同比增幅为3.8%。", "支出28.24万元，比上年增加了4.76万元。"],
)
def direction_word(ctx: Context, check: Check):
    for claim in ctx.claims:
        if claim.unread_direction:
            at = ctx.text.rfind(claim.unread_direction[0], ctx.statements[claim.statement].start, claim.number_start)
            start = at if at >= 0 else claim.number_start
            yield check.finding(ctx, start, claim.end,
                                f"“{claim.unread_direction}”不是规范的增减用词，无法判断增减方向，未核对此数；"
                                "请改为“增加/减少”“增长/下降”等并核对",
                                stated=claim.unread_direction)


@register(
    "number.unit", "warning", "金额缺少“元”（写成“X万”）",
    title="金额缺少单位“元”", why="“750.00万”缺少“元”，不符合金额的书写规范。",
    should_flag=["2021年三公经费决算数合计为750.00万，其中：公务接待费36.00万元。", "（2）公务用车购置费0万\n二、预算表"],
    should_pass=["2021年三公经费决算数合计为750.00万元。", "全区常住人口约35万，比上年增加。"],
)
def unit(ctx: Context, check: Check):
    for claim in ctx.claims:
        if claim.unit_missing:
            written = ctx.text[claim.number_start:claim.end]
            yield check.finding(ctx, claim.number_start, claim.end, f"金额“{written}”缺少单位“元”，应写作“{written}元”",
                                stated=written, expected=f"{written}元")


@register(
    "change.no_cause", "warning", "说明了增减变化却没有说明原因",
    title="增减变化未说明原因", why="公开口径要求对增减变化说明主要原因（持平的不用说明），漏写原因是常见的退回理由。",
    should_flag=["工资福利支出1795848.95元，较2023年度决算数增加379630.10元，增长26.81%。"],
    should_pass=["工资福利支出1795848.95元，较2023年度决算数增加379630.10元，增长26.81%，主要原因是人员调入。",
                 "机关运行经费支出125385.24元，比2023年度增加28697.24元，增长29.68%。主要原因是：人员调入费用增加。",
                 "收入支出总计增加1062.85万元，增长12.08%。主要原因：项目支出增加，较上年增加1133.95万元。"],
)
def no_cause(ctx: Context, check: Check):
    reported = set()
    for claim in ctx.claims:
        if claim.metric not in ("change", "change_rate") or not claim.sign or claim.stated is None:
            continue
        if claim.stated.value == 0 or claim.statement in reported or _has_cause(ctx, claim):
            continue
        reported.add(claim.statement)
        yield check.finding(ctx, claim.start, claim.end, "说明了增减变化，但未说明主要原因", stated=show.written(claim))


# The words that give a cause: after the change in its statement, or opening the next statement
_CAUSE = re.compile(r"原\s*因|由\s*于|系|因为|主要是")
_CAUSE_OPENING = re.compile(r"\s*(?:主\s*要\s*)?(?:原\s*因|是\s*由\s*于|由\s*于|因\s*为)")


def _has_cause(ctx: Context, claim) -> bool:
    st = ctx.statements[claim.statement]
    if _CAUSE.search(ctx.text, claim.end, st.end):
        return True
    if _CAUSE_OPENING.match(ctx.text, st.start):
        return True  # the change is itself part of an explanation ("主要原因：项目支出增加X万元")
    following = claim.statement + 1
    if following < len(ctx.statements):
        nxt = ctx.statements[following]
        if nxt.section_start == st.section_start and _CAUSE_OPENING.match(ctx.text, nxt.start):
            return True  # "主要原因：项目支出增加，较上年增加…": the cause may quote figures of its own
        no_numbers = not any(c.metric in ("change", "change_rate") for c in ctx.by_statement.get(following, []))
        return nxt.section_start == st.section_start and no_numbers and bool(_CAUSE.search(ctx.text, nxt.start, nxt.end))
    return False


def _in_run(text: str, match: re.Match[str]) -> bool:
    mark = match.group(0)[0]
    return (match.start() > 0 and text[match.start() - 1] == mark) or text[match.end():match.end() + 1] == mark


def whole_text(ctx: Context) -> tuple[int, int]:
    """Residue and typing slips are wrong anywhere in a published text, tables and glossary included:
    the whole text, unless the caller restricted the check to a span of a plain text."""
    if ctx.span is not None and ctx.document is None:
        return ctx.span
    return 0, len(ctx.text)


def _span(ctx: Context) -> tuple[int, int]:
    if not ctx.statements:
        return 0, 0
    return ctx.statements[0].start, ctx.statements[-1].end
