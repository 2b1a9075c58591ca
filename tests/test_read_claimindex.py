"""narrator.read.claimindex and the claim reader's search from the end: the same answers as a scan, found faster."""

import random
import re

import pytest

from narrator.read import claims as claims_module
from narrator.read.claimindex import ClaimIndex
from narrator.read.claims import Claim
from narrator.read.context import Context

SENTENCE = ("本年支出合计100.00万元，占总支出125.00万元的80.00%，比上年增加20.00万元，增长25.00%；"
            "完成年初预算数90.00万元的111.11%，其中：基本支出60.00万元，项目支出40.00万元。")


def _claims(seed: int) -> list[Claim]:
    """Claims in the order of their numbers, some with a phrase reaching back over earlier numbers."""
    rng, made, at = random.Random(seed), [], 0
    for i in range(60):
        at += rng.randint(1, 9)
        number = at
        start = number - rng.choice([0, 0, 0, 2, rng.randint(0, 40)])
        at += rng.randint(1, 4)
        made.append(Claim("amount", "", None, "万元", max(start, 0), at, number, 0))
    return made


@pytest.mark.parametrize("seed", range(6))
def test_every_lookup_gives_what_a_scan_in_order_gives(seed):
    claims = _claims(seed)
    index = ClaimIndex(claims)
    end = claims[-1].end + 3
    for position in range(0, end, 3):
        assert index.before(position) == [c for c in claims if c.start < position]
        assert list(index.backwards_before(position)) == [c for c in claims if c.start < position][::-1]
        assert index.tail_before(position, 2) == [c for c in claims if c.start < position][-2:]
        assert index.after(position, 2) == [c for c in claims if c.start > position][:2]
        assert index.ended_by(position) == [c for c in claims if c.end <= position]
        assert list(index.ended_backwards(position)) == [c for c in claims if c.end <= position][::-1]
        assert index.numbered_before(position) == len([c for c in claims if c.number_start < position])
        for high in range(position, min(end, position + 50), 7):
            assert index.between(position, high) == [c for c in claims if position < c.start < high]
            assert index.inside(position, high) == [c for c in claims if position <= c.start and c.end <= high]
            assert index.enclosing(position, high) == [c for c in claims if c.start <= position and high <= c.number_start]
    assert all(index.place(c) == i for i, c in enumerate(claims))


def test_a_context_reads_a_sentence_through_the_index_as_before():
    ctx = Context(SENTENCE)
    share = next(c for c in ctx.claims if c.metric == "share")
    whole = next(c for c in ctx.claims if c.stated is not None and c.stated.value == 125)
    assert ctx.is_base(whole) and not ctx.is_base(ctx.claims[0])  # the whole inside 占…的 is the share's base
    change = next(c for c in ctx.claims if c.metric == "change")
    assert ctx.current_binding(change) == (ctx.claims[0], "adjacent")
    rate = next(c for c in ctx.claims if c.metric == "change_rate")
    assert ctx.change_for(rate) is change
    assert ctx.share_whole(share, ctx.share_part(share))[0] is whole


_BOUNDED = ("_DIRECTION_AT_END", "_SHARE_NAMED", "_SHARE_NAMED_BARE", "_SHARE", "_VARIANCE", "_EXECUTION",
            "_AVERAGED", "_COMPARED_WORD")


@pytest.mark.parametrize("name", _BOUNDED)
def test_each_pattern_searched_from_the_end_matches_at_most_the_window(name):
    pattern = getattr(claims_module, name)
    assert pattern.pattern.endswith("$")
    assert re._parser.parse(pattern.pattern).getwidth()[1] <= claims_module._WINDOW


WORDS = ["支出", "增加", "减少", "增长", "下降", "占", "总支出", "的", "比例", "为", "完成", "年初", "预算", "数",
         "45000.00万元", "12.5万元", "元", "（", "比上年", "年均", "差异率", "执行率", "，", "三公经费", "\t"]


@pytest.mark.parametrize("name", _BOUNDED + ("_COMPLETION", "_BRACKETED_RATE"))
def test_a_search_from_the_end_finds_what_a_whole_search_finds(name):
    pattern, rng = getattr(claims_module, name), random.Random(name)
    for _ in range(3000):
        words = "".join(rng.choice(WORDS) for _ in range(rng.randint(0, 60)))
        found, expected = claims_module._at_end(pattern, words), pattern.search(words)
        assert (found and (found.span(), found.groupdict())) == (expected and (expected.span(), expected.groupdict()))


def test_a_part_is_in_a_nested_list_when_a_span_opened_before_it_closes_after_it():
    from narrator.read.lists import _Spans

    starts, ends = [10, 20, 25, 60], [30, 22, 50, 61]
    spans = _Spans(starts, ends)
    for offset in range(0, 70):
        assert spans.holds(offset) == any(a < offset < b for a, b in zip(starts, ends))


def test_a_completion_without_an_amount_inside_matches_at_most_the_window():
    """The one unbounded part of _COMPLETION is the amount inside, which only words ending in 元的 can hold."""
    amount = r"(?:[\d.,]+(?:万元|亿元|元))?"
    pattern = claims_module._COMPLETION.pattern
    assert amount in pattern
    assert re._parser.parse(pattern.replace(amount, "")).getwidth()[1] <= claims_module._WINDOW
