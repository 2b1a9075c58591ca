"""Change rates against the change and current amount stated beside them.

"2024年度支出100.00万元，比上年增加20.00万元，增长25.00%" implies a prior of
80.00, so the rate must be 20/80.  Both the current and the change are
rounded; the rate is judged against every value their intervals allow
(numbers.rate_from_change), never against a fixed tolerance.  A current amount its own
parts contradict (sum.parts' error) is the one error: a rate that agrees with the
parts' sum is told as "needs review" only.
"""

from __future__ import annotations

import re

from narrator.read.claims import Claim, squeeze
from narrator.read.context import BOUND_BY_WORDS, Context
from narrator.read.words import FLAT_WORDS, unbracketed
from narrator.check.registry import Check, register
from narrator.check.rules import show, sums
from narrator.numbers import (DIRECTION_SIGNS, HUNDRED, Interval, ParsedNumber, amount_word, change_rate_interval, percent_consistent,
                              rate_from_change, rate_word)


def rate_pairs(ctx: Context, guesses: bool = False):
    """(rate, change or None, current or None) for every stated change rate.

    The current amount is given only when the sentence ties it to the change (its subject is
    named, it is the amount right before the change, or the change's statement opens with the
    comparison and carries the previous statement's subject): a nearest amount found further away is
    a guess, and no error rests on a guess (``guesses`` keeps it, for a suggested wording only)."""
    for claim in ctx.claims:
        if claim.metric == "change_rate" and claim.stated is not None:
            change = ctx.change_for(claim)
            current, how = ctx.current_binding(change) if change is not None else (None, "")
            yield claim, change, current if guesses or how in BOUND_BY_WORDS else None


def consistent_sign(ctx: Context, rate: Claim, change: Claim, current: Claim) -> int | None:
    """Which direction (+1/−1) makes the change, current and rate agree; None when neither does."""
    for sign in (1, -1):
        implied = rate_from_change(ctx.interval(current), ctx.signed_interval(change, sign))
        stated = ParsedNumber(rate.stated.value * sign, rate.stated.places)
        if implied is not None and percent_consistent(stated, implied):
            return sign
    return None


@register(
    "rate.direction", "error", "方向词自相矛盾（如“增加…下降”），或与同句所述本年数、上年数的大小相反",
    title="增减方向矛盾", why="“增加…下降”自相矛盾，或方向与同句本年数、上年数的大小相反，读者无法判断实际变化。",
    should_flag=["2024年度支出672.13万元，与上年相比，增加2042.46万元，下降75.24%。",
                 "一般公共预算财政拨款支出672.13万元，比上年降低2042.46万元，增长75.24%。",
                 "本年支出80.00万元，上年支出100.00万元，比上年增加20.00万元。",
                 "公务接待费本年支出3.00万元，上年支出2.00万元，与上年持平。",
                 "公务接待费2.30万元，较上年增加0.50万元（27.78%），减少的主要原因是压缩接待批次。"],
    should_pass=["公务接待费2.30万元，较上年减少1.50万元（39.47%），减少的主要原因是压缩接待批次。",
                 "会议费减少8.75万元，培训费增加0.46万元，增加的原因是培训批次增多。","2024年度支出672.13万元，与上年相比，减少2042.46万元，下降75.24%。",
                 "本年支出80.00万元，上年支出100.00万元，比上年减少20.00万元。",
                 "公务接待费本年支出2.00万元，上年支出2.00万元，与上年持平。"],
    fixable=True,
)
def direction(ctx: Context, check: Check):
    yield from _against_stated_amounts(ctx, check)
    yield from _flat_against_stated_amounts(ctx, check)
    yield from _against_cause_word(ctx, check)
    for rate, change, current in rate_pairs(ctx, guesses=True):
        if change is None or not change.sign or not rate.sign or change.sign == rate.sign:
            continue
        expected = ""
        if current is not None and change.stated is not None:
            sign = consistent_sign(ctx, rate, change, current)
            if sign is not None:
                words = ("增加", "增长") if sign > 0 else ("减少", "下降")
                expected = f"{words[0]}{change.stated.value}{change.unit}，{words[1]}{rate.stated.value}%"
        yield check.finding(
            ctx, change.start, rate.end,
            f"方向矛盾：增减额写“{change.direction}”，增减率写“{rate.direction}”",
            stated=f"{show.written(change)}，{show.written(rate)}", expected=expected,
            formula="增减额与增减率同号（本年数 − 上年数）",
        )


# 减少的主要原因 / 下降原因: a cause introduced with a direction word of its own
_CAUSE_WORD = re.compile(rf"(?P<word>{'|'.join(w for w, v in DIRECTION_SIGNS.items() if v)})的?主要原因|"
                         rf"(?P<word2>{'|'.join(w for w, v in DIRECTION_SIGNS.items() if v)})的?原因")


_BRACKETS = re.compile(r"[()（）]")


def _against_cause_word(ctx: Context, check: Check):
    """比上年增加1.50万元，减少的主要原因是…: the cause right after a change names the other direction."""
    for st in ctx.statements:
        for match in _CAUSE_WORD.finditer(ctx.text, st.start, st.end):
            before = [c for c in ctx.by_statement.get(st.index, []) if c.end <= match.start()]
            last = before[-1] if before else None
            if last is None or last.metric not in ("change", "change_rate") or not last.sign \
                    or _BRACKETS.sub("", squeeze(unbracketed(ctx.text[last.end:match.start()]))) not in ("，", ","):
                continue
            word = match.group("word") or match.group("word2")
            if DIRECTION_SIGNS[word] == last.sign:
                continue
            change = ctx.change_for(last) if last.metric == "change_rate" else None
            yield check.finding(ctx, (change or last).start, match.end(),
                                f"方向矛盾：增减写“{last.direction}”，原因却说“{word}的原因”",
                                stated=f"{show.written(last)}，{word}的原因",
                                formula="增减的方向与“…的原因”的方向一致")


def _flat_against_stated_amounts(ctx: Context, check: Check):
    """本年支出3.00万元，上年支出2.00万元，与上年持平: 持平 where the two amounts stated with it differ."""
    for st in ctx.statements:
        for match in FLAT_WORDS.finditer(ctx.text, st.start, st.end):
            pair = ctx.pair_before(st.index, match.start())
            if pair is None or any(c.start > pair[1].start and c.start < match.start()
                                   for c in ctx.by_statement[st.index] if c not in pair):
                continue
            current, prior = pair
            if ctx.interval(current).overlaps(ctx.interval(prior)):
                continue
            delta = show.value_yuan(current) - show.value_yuan(prior)
            yield check.finding(
                ctx, match.start(), match.end(),
                f"方向矛盾：{show.written(current)}与上年数{show.written(prior)}不等，却写“{match.group(0)}”",
                stated=match.group(0), expected=f"{amount_word(delta)}{show.amount(abs(delta), current.unit)}",
                formula=f"{show.written(current)} − {show.written(prior)}",
            )


def _against_stated_amounts(ctx: Context, check: Check):
    """本年80.00万元，上年100.00万元，比上年增加20.00万元: the size fits, the direction word does not."""
    for change in ctx.claims:
        if change.metric != "change" or change.stated is None or not change.sign or change.stated.value == 0:
            continue
        pair = ctx.stated_pair(change)
        if pair is None or sums.difference_agrees(ctx, change, pair) \
                or not sums.difference_agrees(ctx, change, pair, -change.sign):
            continue
        current, prior = pair
        word = amount_word(show.value_yuan(current) - show.value_yuan(prior))
        yield check.finding(
            ctx, change.start, change.end,
            f"方向矛盾：{show.written(current)}{'小于' if change.sign > 0 else '大于'}上年数{show.written(prior)}，"
            f"却写“{change.direction}”",
            stated=show.written(change), expected=f"{word}{change.stated.value}{change.unit}",
            formula=f"{show.written(current)} − {show.written(prior)}",
        )


@register(
    "rate.value", "error", "增减率与同句的本年数、增减额不符（按舍入区间判断）",
    title="增减率", why="增减率 = 增减额 ÷ (本年数 − 增减额)，由同句的金额即可复算；按舍入区间判断，不用固定容差。",
    should_flag=["本年支出100.00万元，上年支出80.00万元，增长30.00%。",
                 "公务接待费支出100.00万元，较上年减少20.00万元，下降幅度为20.00%。",
                 "2024年度支出100.00万元，比上年增加20.00万元，增长15.00%。",
                 "本年支出1,677.60万元，比上年减少132.63万元，下降15.31%。",
                 "三公经费预算1530万元，较2024年的1700万元减少170万元，下降11.1%。",
                 "公务接待费3.20万元，较上年减少0.8万元（25.00%），主要原因是压缩接待。",
                 "公务接待费预算3.30万元，较上年预算3.00万元增长12.0%。",
                 "本年收入100.00万元、支出90.00万元，分别比上年增加10.00万元、减少5.00万元，分别增长12.00%、下降5.26%。",
                 "一般公共预算收入完成25,300万元，同比增长12.0%，增收3,300万元。",
                 "公务接待费支出9.00万元，完成预算的90.00%；较上年增加4.00万元，增长15.50%。"],
    should_pass=["一般公共预算财政拨款支出100.00万元，占总支出125.00万元的80.00%，比上年增加20.00万元，增长25.00%。",
                 "公务接待费支出9.00万元，完成预算的90.00%；较上年增加4.00万元，增长80.00%。",
                 "公务接待费支出9.00万元；公务用车运行维护费支出5.00万元，较上年增加1.00万元，增长25.00%。",
                 "收入从2015年的2000万元上升到2020年的2400万元，年均增长3.71%。",
                 "本年支出100.00万元，上年支出80.00万元，增长25.00%。",
                 "公务接待费支出100.00万元，较上年减少20.00万元，下降幅度为16.67%。",
                 "2024年度支出100.00万元，比上年增加20.00万元，增长25.00%。",
                 "本年支出1,677.60万元，比上年减少132.63万元，下降7.33%。",
                 "支出决算数为0.00万元，比上年决算减少0.01万元，下降100.00%。",
                 "三公经费预算1530万元，较2024年的1700万元减少170万元，下降10.0%。",
                 "公务接待费3.20万元，较上年减少0.8万元（20.00%），主要原因是压缩接待。",
                 "公务接待费预算3.30万元，较上年预算3.00万元增长10.0%。",
                 "本年收入100.00万元、支出90.00万元，分别比上年增加10.00万元、减少5.00万元，分别增长11.11%、下降5.26%。",
                 "一般公共预算收入完成25,300万元，同比增长15.00%，增收3,300万元。",
                 "三公经费支出100.00万元。其中：公务接待费支出决算减少6.00万元，下降30.00%。",
                 "2024年度支出总计1,560.17万元，其中：本年支出合计1,677.60万元，结余分配0.00万元，年末结转和结余0.00万元。"
                 "与上年相比，支出总计减少132.63万元，下降7.33%。"],
    fixable=True,
)
def value(ctx: Context, check: Check):
    yield from _rates_over_a_stated_base(ctx, check)
    for rate, change, current in rate_pairs(ctx):
        base = ctx.stated_base(change) if change is not None and change.stated is not None else None
        pair = ctx.stated_pair(change) if change is not None and change.stated is not None else None
        if base is None and pair is not None:
            if not sums.difference_agrees(ctx, change, pair):
                continue  # the amounts disagree among themselves: sum.difference's one error
            base = pair[1]
        if base is not None:
            yield from _judge_against_base(ctx, check, rate, change, base)
            continue
        if change is None or current is None or change.stated is None or current.stated is None:
            continue
        if change.sign is None or rate.sign is None or change.sign * rate.sign < 0:
            continue  # a contradiction is rate.direction's finding
        if change.stated.value == 0 or show.value_yuan(current) - change_value(change) == 0:
            continue  # 持平 and zero base are conventions
        disputed = sums.disputed_total(ctx, current)
        if disputed is not None and _agrees(ctx, rate, change, disputed.parts_sum) \
                and not _agrees(ctx, rate, change, ctx.interval(current)):
            yield sums.fits_the_parts(ctx, check, rate, f"增减率与本年数{show.written(current)}", current, disputed)
            continue
        yield from _judge(ctx, check, rate, change, current)


def _agrees(ctx: Context, rate: Claim, change: Claim, current: Interval) -> bool:
    implied = rate_from_change(current, ctx.signed_interval(change, -1 if change.sign == -1 else 1))
    return implied is not None and percent_consistent(rate.signed, implied)


def change_value(change: Claim):
    return show.value_yuan(change) * (-1 if change.sign == -1 else 1)


def _judge(ctx: Context, check: Check, rate: Claim, change: Claim, current: Claim):
    sign = -1 if change.sign == -1 else 1
    implied = rate_from_change(ctx.interval(current), ctx.signed_interval(change, sign))
    prior = show.value_yuan(current) - change_value(change)
    formula = (f"{show.amount(change_value(change), change.unit)} ÷ "
               f"({show.amount(show.value_yuan(current), current.unit)} − "
               f"{show.amount(change_value(change), change.unit)})")
    if implied is None:
        yield check.finding(ctx, change.start, rate.end, "需人工复核：推算的上年数可能为0，无法判断增减率",
                            stated=show.written(rate), formula=formula, severity="info")
        return
    if percent_consistent(rate.signed, implied):
        return
    if current.stated.value == 0 or prior < 0:
        yield _impossible_current(ctx, check, rate, change, current, prior, formula)
        return
    expected_ratio = change_value(change) / prior
    word = "增长" if expected_ratio > 0 else "下降"
    yield check.finding(
        ctx, rate.start, rate.end,
        f"增减率与金额不符：按本年数与增减额推算，上年数为{show.amount(prior, current.unit)}，"
        f"增减率应为{word}{show.percent(abs(expected_ratio))}（舍入区间内可取 {show.percent_range(implied)}）"
        f"{show.truncation_note(rate.stated, expected_ratio)}",
        stated=show.written(rate), expected=f"{word}{show.percent(abs(expected_ratio))}", formula=formula,
    )


def _rates_over_a_stated_base(ctx: Context, check: Check):
    """预算10.00万元，较上年预算8.00万元增长25.00%: (current − base) ÷ base, with no change stated."""
    for rate in ctx.claims:
        if rate.metric != "change_rate" or rate.stated is None or rate.sign is None:
            continue
        pair = ctx.rate_base(rate)
        if pair is None or ctx.change_for(rate) is not None:
            continue
        current, base = pair
        implied = change_rate_interval(ctx.interval(current), ctx.interval(base))
        if implied is None or percent_consistent(rate.signed, implied):
            continue
        delta = show.value_yuan(current) - show.value_yuan(base)
        expected = delta / show.value_yuan(base)
        word = rate_word(expected, places=6)
        yield check.finding(
            ctx, rate.start, rate.end,
            f"增减率与金额不符：按{show.written(current)}与所比金额{show.written(base)}，应为"
            f"{word}{show.percent(abs(expected))}（舍入区间内可取 {show.percent_range(implied)}）",
            stated=show.written(rate), expected=f"{word}{show.percent(abs(expected))}",
            formula=f"({show.written(current)} − {show.written(base)}) ÷ {show.written(base)}",
        )


def _judge_against_base(ctx: Context, check: Check, rate: Claim, change: Claim, base: Claim):
    """较2024年的1700万元减少170万元，下降10.0%: the rate is the change over the base stated with it."""
    if change.sign is None or rate.sign is None or change.sign * rate.sign < 0 or base.stated.value == 0:
        return  # a contradiction is rate.direction's; a zero base a convention
    implied = ctx.interval(change).divide(ctx.interval(base))
    if implied is None or percent_consistent(rate.stated, implied):
        return
    expected = show.value_yuan(change) / show.value_yuan(base)
    yield check.finding(
        ctx, rate.start, rate.end,
        f"增减率与金额不符：增减额{show.written(change)}与所比金额{show.written(base)}之比应为"
        f"{show.percent(expected)}（舍入区间内可取 {show.percent_range(implied)}）"
        f"{show.truncation_note(rate.stated, expected)}",
        stated=show.written(rate), expected=f"{rate.direction}{show.percent(expected)}",
        formula=f"{show.written(change)} ÷ {show.written(base)}",
    )


def _impossible_current(ctx: Context, check: Check, rate: Claim, change: Claim, current: Claim, prior, formula: str):
    """收入支出总计0万元…减少56.95万元，下降1.87%: the rate is not what is wrong, the current amount is.

    A current of 0 makes any decrease 100% and a negative prior makes no rate at all;
    the change and the rate agree with each other, so the reviewer is told which
    current amount they imply, and no drop-in correction of the rate is offered.
    """
    delta = change_value(change)
    message = f"所述本年数{show.written(current)}与增减额、增减率不能同时成立"
    if rate.stated.value != 0:
        implied_prior = abs(delta) / (rate.stated.value / HUNDRED)
        message += (f"：按{show.written(change)}、{show.written(rate)}推算，上年数约为"
                    f"{show.amount(implied_prior, current.unit)}，本年数应约为"
                    f"{show.amount(implied_prior + delta, current.unit)}")
    if prior < 0:
        message += f"（按所述本年数推算，上年数为{show.amount(prior, current.unit)}，不可能为负）"
    return check.finding(ctx, min(current.start, rate.start), rate.end, message + "，请核对本年数",
                         stated=show.written(current), formula=formula)


@register(
    "rate.no_amount", "warning", "只写增减率、未写增减额",
    title="只写增减率未写增减额", why="公开口径要求同时说明增减额和增减率，只写百分比不便读者核对。",
    should_flag=["2024年度收入、支出决算总计672.13万元。与2023年度相比，下降75.24%，主要原因是项目减少。"],
    should_pass=["2024年度收入、支出决算总计672.13万元。与2023年度相比，减少2042.46万元，下降75.24%，主要原因是项目减少。"],
)
def no_amount(ctx: Context, check: Check):
    for rate, change, _ in rate_pairs(ctx):
        if change is None and rate.sign and rate.stated.value != 0:
            yield check.finding(ctx, rate.start, rate.end, "只说明了增减率，未说明增减额（应写明增加/减少多少金额）",
                                stated=show.written(rate))
