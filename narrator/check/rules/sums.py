"""Parts against their stated total: 其中 A + B (+ …) must make the head amount, within rounding.

Parts above the total are always wrong.  Parts below it are wrong only when
the list is complete (it names 其他…, or is a known composition such as
基本支出 + 项目支出 or 货物 + 工程 + 服务, or 总计 = 本年… + 结转和结余 (+ 使用非财政拨款结余
or 结余分配 outside 财政拨款), or the parts' own shares of the head add up to 100%);
主要用于/主要包括 lists may leave items out.  A 总计 of 本年 and 结转和结余 that does not name
使用非财政拨款结余/结余分配 may be short by them: a warning.
A list nested in an item of another (人员经费X万元，主要包括：…；公用经费…) is read by read/context.py
as its own list, ending at the item's ；.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from narrator.catalogue.items import IDENTITIES
from narrator.read.items import row_item, stated_items
from narrator.read.claims import Claim
from narrator.read.context import Context, is_amount, name_core
from narrator.read.lists import AmountList
from narrator.check.registry import Check, register
from narrator.check.rules import show
from narrator.numbers import Interval, amount_word, convert
from narrator.read.rows import children


@register(
    "sum.parts", "error", "各组成部分之和与所述合计不符（按舍入区间判断）",
    title="各项之和与合计不符", why="列举的各组成部分之和应等于其合计（按舍入区间判断）。",
    should_flag=["2024年度本部门政府采购支出总额27955元。其中：政府采购货物支出2955.60元、政府采购工程支出0元、政府采购服务支出25000元。",
                 "2024年度收入合计3420434.19元，其中：财政拨款收入3401234.19元，占99.44%；其他收入0元，占0.56%。",
                 "基本支出278.49万元，其中：人员经费217.29万元，主要包括：基本工资59.81万元、津贴补贴36.74万元；"
                 "公用经费71.20万元，主要包括：办公费3.68万元、差旅费4.17万元。",
                 "财政拨款支出总计1,813.15万元，其中：年末财政拨款结转和结余0.00万元，本年财政拨款支出1,590.48万元。",
                 "2024年度一般公共预算财政拨款支出578.43万元，主要用于以下方面：\n一般公共服务支出(类)448.64万元，占比89.20%；\n"
                 "社会保障和就业支出(类)27.44万元，占比5.46%；\n卫生健康支出(类)7.76万元，占比1.54%；\n"
                 "住房保障支出(类)18.87万元，占比3.75%；\n教育支出(类)0.27万元，占比0.05%。",
                 "三公经费支出决算为900.00万元，其中：因公出国（境）费支出决算为0.00万元；公务用车购置及运行费支出决算为"
                 "900.00万元（其中：公务用车购置费0万元，本年无预算；公务用车运行维护费950.00万元）。",
                 "公务用车购置及运行维护支出3.215万元，比上年增长20.00%。\n\n"
                 "其中：公务用车购置支出1,200万元；公务用车运行维护支出2,015万元。",
                 "公务用车购置及运行费支出决算为90.00万元（其中：公务用车购置费0万元，本年无预算；公务用车运行维护费85.00万元）。",
                 "三公经费支出决算为90.00万元。其中：因公出国（境）费支出决算为0.00万元；公务用车购置及运行费支出决算为"
                 "80.00万元，完成预算的80.00%（其中：公务用车购置费0万元；公务用车运行维护费85.00万元）；公务接待费支出决算为10.00万元。",
                 "公共财政预算总支出完成250万元，其中：一般公共预算支出240万元，上解支出20万元。"],
    should_pass=["财政支出1500.00亿元，完成调整预算的95.00%，比上年增支150.0亿元，增长11.1%。"
                 "其中：省级支出300.00亿元，市县支出1200.00亿元。",
                 "2011年预算数260.0万元。2010年决算数包括公务用车购置费120.00万元、运行维护费300.00万元。",
                 "2024年收入1,200万元，其中：税收收入800万元，非税收入400万元；支出1,000万元。",
                 "2024年度收入合计100.00万元，其中：财政拨款收入80.00万元，其他收入10.00万元。",
                 "运行维护费支出6.60万元，主要包括：购置费0万元；公务车保有量4辆，运行维护费支出6.60万元，平均每辆1.65万元。",
                 "总支出50.00亿元。其中，基本支出20.00亿元，专项支出27.00亿元（含市拨专款5.00亿元），基建支出3.00亿元。",
                 "非税收入完成12000万元，完成全年预算的105.00%。\n其中：\n地方本级一般公共预算收入40000万元。",
"财政拨款支出总计1,590.48万元，其中：年末财政拨款结转和结余0.00万元，本年财政拨款支出1,590.48万元。",
                 "2024年度一般公共预算财政拨款支出502.98万元，主要用于以下方面：\n一般公共服务支出(类)448.64万元，占比89.20%；\n"
                 "社会保障和就业支出(类)27.44万元，占比5.46%；\n卫生健康支出(类)7.76万元，占比1.54%；\n"
                 "住房保障支出(类)18.87万元，占比3.75%；\n教育支出(类)0.27万元，占比0.05%。",
                 "2024年度一般公共预算财政拨款支出600.00万元，主要用于以下方面：一般公共服务支出(类)448.64万元，占比74.77%；"
                 "社会保障和就业支出(类)27.44万元，占比4.57%。",
                 "2024年度收入总计1,677.60万元，其中：本年收入合计1,592.71万元，使用非财政拨款结余（含专用结余）84.89万元，"
                 "年初结转和结余0.00万元。",
                 "2024年度支出合计502.98万元，其中：基本支出278.49万元，占比55.37%；项目支出224.50万元，占比44.63%。",
                 "2024年度政府采购支出总额339.28万元，其中：政府采购货物支出7.37万元、政府采购工程支出5.09万元、政府采购服务支出326.83万元。",
                 "人员经费207.29万元，主要包括基本工资59.81万元、津贴补贴36.74万元。",
                 "公务用车购置及运行费支出决算为90.00万元（其中：公务用车运行维护费85.00万元）。",
                 "基本支出278.49万元，其中：人员经费207.29万元，主要包括：基本工资59.81万元、津贴补贴36.74万元；"
                 "公用经费71.20万元，主要包括：办公费3.68万元、差旅费4.17万元。"],
)
def parts(ctx: Context, check: Check):
    for mismatch in mismatches(ctx):
        head, items = mismatch.list.head, mismatch.list.parts
        severity = None if mismatch.sure else "warning"
        stated_sum = mismatch.stated_sum
        difference = stated_sum - show.value_yuan(head)
        yield check.finding(
            ctx, head.start, items[-1].end,
            f"各项之和{show.amount(stated_sum, head.unit)}与合计{show.written(head)}不符"
            f"（{'多' if mismatch.over else '少'}{show.amount(abs(difference), head.unit)}）"
            + ("" if mismatch.sure else "；若有未列出的使用非财政拨款结余或结余分配，请一并列出"),
            stated=show.written(head), expected=show.amount(stated_sum, head.unit),
            formula=" + ".join(show.written(p) for p in items), severity=severity,
        )


@dataclass(frozen=True)
class Mismatch:
    list: AmountList
    parts_sum: Interval  # in 元: what the parts allow the head to be
    stated_sum: Decimal  # in 元: the parts as written, added
    over: bool
    sure: bool  # an error (False: the parts may leave out 使用非财政拨款结余/结余分配)


def mismatches(ctx: Context) -> list[Mismatch]:
    """The lists whose parts do not make their head (computed once per context)."""
    return ctx.remember("sums.mismatches", lambda: _mismatches(ctx))


def _mismatches(ctx: Context) -> list[Mismatch]:
    found = []
    for amount_list in ctx.lists:
        items = amount_list.parts
        total = ctx.interval(amount_list.head)
        combined = sum((ctx.interval(p) for p in items[1:]), ctx.interval(items[0]))
        over = combined.low > total.high
        complete = "" if over else completeness(ctx, amount_list)
        if over or (complete and combined.high < total.low):
            stated = sum((show.value_yuan(p) for p in items), Decimal(0))
            found.append(Mismatch(amount_list, combined, stated, over, complete != _CARRYOVER_OPEN))
    return found


def disputed_total(ctx: Context, claim: Claim) -> Mismatch | None:
    """The mismatch when ``claim`` is a head its own parts contradict (sum.parts reports it as an
    error): a share or rate computed from the total the parts make agrees with ``parts_sum``, and
    is the same error seen again, not a second one."""
    for mismatch in mismatches(ctx):
        if mismatch.sure and mismatch.list.head.start == claim.start:
            return mismatch
    return None


def fits_the_parts(ctx: Context, check: Check, claim: Claim, disagrees: str, total: Claim, mismatch: Mismatch):
    """An info finding on ``claim`` (a share, a rate) that ``disagrees`` with ``total`` but fits the sum of
    its parts: the total's own sum.parts error says which of the two is wrong."""
    return check.finding(
        ctx, claim.start, claim.end,
        f"需人工复核：{disagrees}不符，但与其各项之和{show.amount(mismatch.stated_sum, total.unit)}相符"
        "（合计与各项之和不符，见该合计的提示）",
        stated=show.written(claim), severity="info")


_CARRYOVER_OPEN = "carryover without 使用非财政拨款结余/结余分配"


def completeness(ctx: Context, amount_list: AmountList) -> str:
    """Why the list names every part of its head ("" when it may leave some out)."""
    if amount_list.exhaustive:
        return "composition"
    subjects = [re.sub(r"^其中", "", compact_subject(p)) for p in amount_list.parts]
    head = name_core(amount_list.head.subject)
    if "总计" in compact_subject(amount_list.head) and any(s.startswith("本年") for s in subjects) \
            and any("结转" in s for s in subjects):
        if "财政拨款" in head and not re.search(r"非财政拨款", head):
            return "财政拨款总计 = 结转和结余 + 本年"
        if any("使用非财政拨款结余" in s or "结余分配" in s for s in subjects):
            return "总计 = 本年 + 结转和结余 + 使用非财政拨款结余/结余分配"
        return _CARRYOVER_OPEN
    if _shares_complete(ctx, amount_list):
        return "shares add to 100%"
    if _names_an_identity(amount_list):
        return "identity"
    return ""


def _names_an_identity(amount_list: AmountList) -> bool:
    """公务用车购置及运行费…（其中：购置费…；运行维护费…）: the parts are, by name, every part of an identity
    of the head's item (catalogue/items.py), each once."""
    parts = IDENTITIES.get(row_item(amount_list.head.subject) or "")
    keys = [row_item(p.subject) for p in amount_list.parts]
    return parts is not None and len(keys) == len(parts) and set(keys) == set(parts)


def compact_subject(claim) -> str:
    return "".join(claim.subject.split())


def _part_shares(ctx: Context) -> dict[int, Claim]:
    """An amount's start → the share stated right after it (占X%, no whole named), once per document."""
    return ctx.remember("sums.part_shares", lambda: {
        part.start: claim for claim in ctx.claims
        if claim.metric == "share" and claim.stated is not None and not claim.base
        for part in [ctx.share_part(claim)] if part is not None})


def _shares_complete(ctx: Context, amount_list: AmountList) -> bool:
    """Every part carries its share of the head, and the shares add up to 100% within rounding."""
    every = _part_shares(ctx)
    shares = {p.start: every[p.start] for p in amount_list.parts if p.start in every}
    if len(amount_list.parts) < 2 or len(shares) != len(amount_list.parts):
        return False
    for part in amount_list.parts:
        whole, _ = ctx.share_whole(shares[part.start], part)
        if whole is not None and whole != amount_list.head:
            return False
    total = sum((s.stated.interval for s in shares.values()), Interval.exact(Decimal(0)))
    return total.low <= Decimal(100) <= total.high


def interval_sum(intervals: list[Interval]) -> Interval:
    return sum(intervals[1:], intervals[0])


@register(
    "sum.changes", "error", "各组成部分的增减额之和与合计的增减额不符（按舍入区间、分方向判断）",
    title="各项增减额之和不符", why="各组成部分的增减额之和应等于合计的增减额。",
    should_flag=["三公经费支出100.00万元，比上年减少20.00万元，其中：公务接待费40.00万元，比上年减少5.00万元；"
                 "公务用车运行维护费60.00万元，比上年减少5.00万元。",
                 "公务用车购置及运行费420.00万元，同比减少60.00万元（公务用车购置费0万元，同比减少0万元；"
                 "公务用车运行维护费420.00万元，同比减少0万元）。"],
    should_pass=["三公经费支出100.00万元，比上年减少20.00万元，其中：公务接待费40.00万元，比上年减少15.00万元；"
                 "公务用车运行维护费60.00万元，比上年减少5.00万元。",
                 "三公经费支出100.00万元，比上年减少10.00万元，其中：公务接待费40.00万元，比上年增加5.00万元；"
                 "公务用车运行维护费60.00万元，比上年减少15.00万元。",
                 "三公经费支出100.00万元，比上年减少20.00万元，其中：公务接待费40.00万元，比上年减少5.00万元。"],
)
def changes(ctx: Context, check: Check):
    """The parts of a total add up to it (so the list is complete) and each states its change: then
    the parts' changes must add up to the total's change, each taken with its direction word."""
    for amount_list in ctx.lists:
        head_change = _own_change(ctx, amount_list.head)
        part_changes = [_own_change(ctx, part) for part in amount_list.parts]
        if head_change is None or len(part_changes) < 2 or any(c is None for c in part_changes):
            continue
        amounts = interval_sum([ctx.interval(p) for p in amount_list.parts])
        if not amounts.overlaps(ctx.interval(amount_list.head)):
            continue  # parts that do not make the total: sum.parts' finding, and the list may be incomplete
        stated = interval_sum([ctx.signed_interval(c) for c in part_changes])
        total = ctx.signed_interval(head_change)
        if stated.overlaps(total):
            continue
        written = sum((show.value_yuan(c) * c.sign for c in part_changes), Decimal(0))
        yield check.finding(
            ctx, amount_list.head.start, part_changes[-1].end,
            f"各项增减额之和{show.amount(written, head_change.unit)}与合计的增减额{show.written(head_change)}不符",
            stated=show.written(head_change), expected=show.amount(written, head_change.unit),
            formula=" + ".join(show.written(c) for c in part_changes),
        )


def _own_change(ctx: Context, amount: Claim) -> Claim | None:
    """The change stated right after an amount (…420.00万元，同比减少60.00万元)."""
    following = ctx.indexed(amount.statement).after(amount.start, 1)
    if not following or following[0].metric != "change" or following[0].stated is None or not following[0].sign:
        return None
    return following[0] if ctx.adjacent(amount, following[0]) else None



_ITEMS_REACH = 8  # statements: an item stated further from its total is read as another account of it


@register(
    "sum.items", "error", "合计（如“三公”经费）的增减额与文中分别说明的各项增减额之和不符（各项金额之和等于合计时；按舍入区间、分方向判断）",
    title="各项增减额之和与合计不符", why="合计（如“三公”经费）的增减额应等于文中分别说明的各项增减额之和，对不上说明其中一个数写错。",
    should_flag=["三公经费支出合计58.50万元，同比减少14.50万元。\n其中：因公出国（境）费0万元，同比减少0万元。"
                 "公务用车购置及运行费58.50万元，同比减少14.50万元。公务接待费0.00万元，同比减少0.11万元。"],
    should_pass=["三公经费支出合计60.00万元，比上年减少1.00万元。\n其中：因公出国（境）费5.00万元，比上年减少1.00万元。"
                 "公务用车购置及运行费40.00万元，比上年减少1.00万元。公务接待费10.00万元，比上年减少1.00万元。","三公经费支出合计58.50万元，同比减少14.61万元。\n其中：因公出国（境）费0万元，同比减少0万元。"
                 "公务用车购置及运行费58.50万元，同比减少14.50万元。公务接待费0.00万元，同比减少0.11万元。",
                 "三公经费支出合计60.00万元。\n其中：因公出国（境）费5.00万元。公务用车购置及运行费50.00万元。",
                 "三公经费支出合计65.00万元。\n其中：因公出国（境）费5.00万元。公务用车购置及运行费50.00万元。"
                 "公务接待费10.00万元，比预算减少2.00万元。"],
)
def items(ctx: Context, check: Check):
    """A total and each of its parts named in statements of their own (the parts need not be one list):
    when the parts' amounts make the total (so none is left out and all are of one scope), their
    changes must make its change, each with its direction word."""
    stated = stated_items(ctx)
    for total_key, part_keys in IDENTITIES.items():
        if total_key not in stated or any(key not in stated for key in part_keys):
            continue
        total, total_change = stated[total_key]
        parts = [stated[key] for key in part_keys]
        if not _near(ctx, total, [amount for amount, _ in parts]) or any(total is l.head for l in ctx.lists):
            continue  # a list of its own: sum.parts and sum.changes judge it
        if not interval_sum([ctx.interval(a) for a, _ in parts]).overlaps(ctx.interval(total)):
            continue  # not the whole of it (another scope, an item left out): nothing is sure
        changes = [change for _, change in parts]
        if total_change is None or any(change is None for change in changes):
            continue
        if interval_sum([ctx.signed_interval(c) for c in changes]).overlaps(ctx.signed_interval(total_change)):
            continue
        written = sum((show.value_yuan(c) * c.sign for c in changes), Decimal(0))
        expected = f"{amount_word(written)}{show.amount(abs(written), total_change.unit)}" if written else "持平"
        # the span runs over the total's change and every part's: any of them may be the wrong one
        yield check.finding(
            ctx, min(c.start for c in [total_change, *changes]), max(c.end for c in [total_change, *changes]),
            f"各项增减额之和（{expected}）与合计的增减额“{show.written(total_change)}”不符，其中至少一个数有误",
            stated=show.written(total_change), expected=expected,
            formula=" + ".join(show.written(c) for c in changes))


def _near(ctx: Context, total: Claim, parts: list[Claim]) -> bool:
    """Parts stated after their total, in its section, within a few statements."""
    section = ctx.statements[total.statement].section_start
    return all(total.statement <= p.statement <= total.statement + _ITEMS_REACH
               and ctx.statements[p.statement].section_start == section for p in parts)


@register(
    "sum.difference", "error", "增减额与同句所述本年数、上年数之差不符（按舍入区间、分方向判断）",
    title="增减额与本年数、上年数之差不符", why="增减额应等于同句所述本年数与上年数之差。",
    should_flag=["公务接待费2016年预算6万元，2015年预算9.5万元；对比减少3.25万元；减少率34.21%。",
                 "本年支出120.00万元，上年支出100.00万元，比上年增加30.00万元。",
                 "2022年三公经费决算数合计为900.00万元。2021年三公经费决算数合计为750.00万元。\n"
                 "2022年三公经费决算数相较于上年增加200.00万元，主要原因是车辆更新。"],
    should_pass=["公务接待费2016年预算6万元，2015年预算9.25万元；对比减少3.25万元；减少率35.14%。",
                 "本年支出120.00万元，上年支出100.00万元，比上年增加20.00万元，增长20.00%。",
                 "本年支出120.00万元，其中上年结转100.00万元，比上年增加20.00万元。",
                 "2022年三公经费决算数合计为900.00万元。2021年三公经费决算数合计为750.00万元。\n"
                 "2022年三公经费决算数相较于上年增加150.00万元，主要原因是车辆更新。"],
)
def difference(ctx: Context, check: Check):
    for change in ctx.claims:
        if change.metric != "change" or change.stated is None or not change.sign:
            continue
        pair = ctx.stated_pair(change) or ctx.named_pair(change)
        if pair is None or difference_agrees(ctx, change, pair) or difference_agrees(ctx, change, pair, -change.sign):
            continue  # agrees, or agrees but for its direction word: rate.direction's finding
        current, prior = pair
        delta = show.value_yuan(current) - show.value_yuan(prior)
        start, end = min(current.start, prior.start), change.end
        expected = f"{amount_word(delta)}{show.amount(abs(delta), change.unit)}" if delta else "持平"
        yield check.finding(
            ctx, start, end,
            f"增减额与所述两数不符：{show.written(current)} − {show.written(prior)} = "
            f"{show.amount(delta, change.unit)}，文中写“{show.written(change)}”；其中至少一个数有误，请核对",
            stated=show.written(change), expected=expected,
            formula=f"{show.written(current)} − {show.written(prior)}",
        )


def difference_agrees(ctx: Context, change: Claim, pair: tuple[Claim, Claim], sign: int | None = None) -> bool:
    """The stated change is the current minus the prior, within rounding, with its direction (or ``sign``)."""
    current, prior = pair
    return (ctx.interval(current) - ctx.interval(prior)).overlaps(ctx.signed_interval(change, sign))


_FUND = re.compile(r"一般公共预算|政府性基金(?:预算)?|国有资本经营(?:预算)?")
_TOTAL = re.compile(r"(?P<scope>财政拨款)?(?P<side>收入|支出|收、?支|收入、?支出|收支)(?:决算|预算)?总计(?:均)?(?:为|是|达|共)?$")


@register(
    "sum.balance", "error", "收入总计与支出总计不相等（总计的收支必然平衡）",
    title="收支总计不平衡", why="收入总计与支出总计按定义相等，不等说明其中一个数有误。",
    should_flag=["2024年度收入总计1,677.60万元，其中：本年收入合计1,592.71万元。2024年度支出总计1,667.60万元。",
                 "2024年度财政拨款收入总计100.00万元。2024年度财政拨款支出总计90.00万元。"],
    should_pass=["2024年度收入总计1,677.60万元。2024年度支出总计1,677.60万元。",
                 "2024年度收入、支出总计均为3525498.85元。2023年度收入总计3961721.51元。",
                 "2024年度收入总计100.00万元。2024年度财政拨款支出总计90.00万元。",
                 "2024年度财政拨款收入总计100.00万元。2024年度一般公共预算财政拨款支出总计90.00万元。"],
)
def balance(ctx: Context, check: Check):
    """收入总计 = 支出总计 by construction (总计 includes 结转和结余 on both sides), per scope (all funds,
    or 财政拨款 only); judged only where each side is stated with one value."""
    sides: dict[tuple[str, str], list[Claim]] = {}
    for claim in ctx.claims:
        if not is_amount(claim) or ctx.is_prior(claim):
            continue
        words = ctx.clause_words(claim)
        found = _TOTAL.search(words)
        if found is None or "非财政拨款" in words:
            continue
        # 一般公共预算财政拨款收入总计 is not 财政拨款收入总计: a fund named before it is part of the scope
        fund = _FUND.search(words[:found.start()])
        scope, side = (fund.group(0) if fund else "") + (found.group("scope") or ""), found.group("side")
        for name in (("收入", "支出") if "收" in side and "支" in side else (side,)):
            sides.setdefault((scope, name), []).append(claim)
    for scope in {scope for scope, _ in sides}:
        incomes, spendings = sides.get((scope, "收入"), []), sides.get((scope, "支出"), [])
        if not incomes or not spendings or not _one_value(ctx, incomes) or not _one_value(ctx, spendings):
            continue
        income, spending = incomes[0], spendings[0]
        if ctx.interval(income).overlaps(ctx.interval(spending)):
            continue
        earlier, later = sorted((income, spending), key=lambda c: c.start)
        yield check.finding(  # the span holds both totals: either may be the wrong one
            ctx, earlier.start, later.end,
            f"{scope}收入总计{show.written(income)}与{scope}支出总计{show.written(spending)}不相等；"
            "两者按定义相等（总计含结转和结余），至少一个有误",
            stated=show.written(later), expected=show.written(income if later is spending else spending),
            formula=f"{scope}收入总计 = {scope}支出总计",
        )


def _one_value(ctx: Context, claims: list[Claim]) -> bool:
    first = ctx.interval(claims[0])
    return all(ctx.interval(c).overlaps(first) for c in claims[1:])


@register(
    "sum.unit", "error", "某一项的单位写错（元与万元混用）：改正该项单位后各项之和恰等于合计",
    title="元与万元混用", why="某一项单位写错时，各项之和与合计恰好差一个单位换算；改正单位即可相符。",
    should_flag=["民生支出累计完成100000万元，占一般公共预算支出60%。其中：教育支出25000元；社会保障和就业支出40000万元；"
                 "卫生健康支出35000万元。"],
    should_pass=["民生支出累计完成75002.5万元。其中：教育支出25000元；社会保障和就业支出40000万元；卫生健康支出35000万元。",
                 "民生支出累计完成100000万元。其中：教育支出25000万元；社会保障和就业支出40000万元；卫生健康支出35000万元。"],
)
def unit(ctx: Context, check: Check):
    """One part written in 元 among parts in 万元 (or the reverse): the parts miss the total as written,
    and make it exactly once that part takes the others' unit.  The exact sum is the evidence, so
    the list's head may be the nearest amount before it."""
    for listed in ctx.all_lists:
        odd = [p for p in listed.parts if p.unit != listed.head.unit]
        if len(odd) != 1 or len(listed.parts) < 3 or any(p.unit != listed.head.unit for p in listed.parts if p is not odd[0]):
            continue
        part = odd[0]
        total = ctx.interval(listed.head)
        as_written = interval_sum([ctx.interval(p) for p in listed.parts])
        mended = replace(part, unit=listed.head.unit)
        mended_interval = ctx.interval(part).scale(convert(Decimal(1), listed.head.unit, part.unit))
        fixed = interval_sum([mended_interval if p is part else ctx.interval(p) for p in listed.parts])
        if as_written.overlaps(total) or not fixed.overlaps(total):
            continue
        yield check.finding(
            ctx, part.start, part.end,
            f"单位疑误：{show.written(part)}应为{part.stated.value}{listed.head.unit}——按此各项之和恰为合计"
            f"{show.written(listed.head)}，按原文则相差{show.amount(abs(show.value_yuan(listed.head) - sum((show.value_yuan(p) for p in listed.parts), Decimal(0))), listed.head.unit)}",
            stated=show.written(part), expected=f"{part.stated.value}{listed.head.unit}",
            formula=" + ".join(show.written(mended) if p is part else show.written(p) for p in listed.parts),
        )


@register(
    "sum.rows", "error", "表格中“其中”各行之和超过其上一行（按舍入区间判断）",
    title="“其中”各行之和超过上一行", why="表格中“其中”各行是上一行的一部分，其和不能超过上一行。",
    should_flag=["项目 | 本年预算数 | 其中:财政拨款 |\n合计 | 20.00 | 20.00 |\n1.公务接待费 | 2.00 | 2.00 |\n"
                 "2.公务用车费 | 0 | 0 |\n其中:(1)公务用车运行维护费 | 18.00 | 18.00 |\n(2)公务用车购置 | 0 | 0 |\n"],
    should_pass=["项目 | 本年预算数 | 其中:财政拨款 |\n合计 | 20.00 | 20.00 |\n1.公务接待费 | 2.00 | 2.00 |\n"
                 "2.公务用车费 | 18.00 | 18.00 |\n其中:(1)公务用车运行维护费 | 18.00 | 18.00 |\n(2)公务用车购置 | 0 | 0 |\n"],
)
def rows(ctx: Context, check: Check):
    """A row's 其中 rows are its parts: in each column their sum cannot exceed it."""
    for parent, kids in children(ctx.table_rows):
        for column, cell in enumerate(parent.cells):
            parts = [kid.cells[column] for kid in kids if len(kid.cells) == len(parent.cells)]
            if len(parts) != len(kids):
                break  # rows of different shapes: the columns cannot be matched
            total = Interval.of_rounded(cell.value, cell.places)
            summed = interval_sum([Interval.of_rounded(p.value, p.places) for p in parts])
            if summed.low <= total.high:
                continue
            written = sum((p.value for p in parts), Decimal(0))
            yield check.finding(
                ctx, parent.start, parent.end,
                f"“{parent.label}”为{cell.value}，而其下“其中”各行之和为{written}，超过了它",
                stated=str(cell.value), expected=f"≥{written}", formula=" + ".join(str(p.value) for p in parts))
            break  # one finding per row
