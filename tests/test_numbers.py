"""The arithmetic core: rounding, formatting, parsing, metrics, words, intervals."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from narrator import numbers as n

amounts = st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=2, allow_nan=False, allow_infinity=False)
fine = st.decimals(min_value=Decimal("-1e7"), max_value=Decimal("1e7"), places=6, allow_nan=False, allow_infinity=False)


def test_half_up_not_bankers():
    assert n.round_half_up(Decimal("0.005")) == Decimal("0.01")
    assert n.round_half_up(Decimal("0.015")) == Decimal("0.02")
    assert n.round_half_up(Decimal("-0.005")) == Decimal("-0.01")


def test_floats_are_refused():
    with pytest.raises(n.NumberError):
        n.to_decimal(0.1)


@pytest.mark.parametrize("text,value,places", [
    ("672. 13", "672.13", 2), ("1,677.60", "1677.60", 2), ("１２３．４", "123.4", 1),
    ("100", "100", 0), ("-58.63", "-58.63", 2), ("2 995.39", "2995.39", 2),
])
def test_parse_written_numbers(text, value, places):
    parsed = n.parse_number(text)
    assert parsed.value == Decimal(value) and parsed.places == places


@pytest.mark.parametrize("text", ["", ".", "abc", "1.2.3", "%", "XX"])
def test_parse_rejects_junk(text):
    with pytest.raises(n.NumberError):
        n.parse_number(text)


@given(amounts, st.booleans())
def test_format_parse_round_trip(value, thousands):
    text = n.format_amount(value, 2, thousands)
    assert n.parse_number(text).value == value
    assert n.format_amount(n.parse_number(text).value, 2, thousands) == text


@given(fine)
def test_interval_contains_every_value_that_rounds_to_it(value):
    shown = n.round_half_up(value, 2)
    assert value in n.Interval.of_rounded(shown, 2)


@given(amounts, amounts)
def test_direction_words_agree_with_sign(current, prior):
    delta = n.change(current, prior)
    word, rate_word = n.amount_word(delta), n.rate_word(delta)
    assert n.DIRECTION_SIGNS[word] == n.sign(delta)
    assert n.DIRECTION_SIGNS[rate_word] == n.sign(delta)
    assert n.BUDGET_WORDS[n.sign(delta)] == n.budget_word(current, prior)


def test_zero_base_has_no_rate():
    assert n.change_rate(Decimal("3.50"), Decimal(0)) is None
    assert n.completion_rate(Decimal("1"), Decimal(0)) is None
    assert n.share(Decimal("1"), Decimal(0)) is None


def test_metrics_of_seed_002():
    current, prior, budget = Decimal("672.13"), Decimal("2714.59"), Decimal("576.61")
    assert n.change(current, prior) == Decimal("-2042.46")
    assert n.format_percent(abs(n.change_rate(current, prior))) == "75.24"
    assert n.rate_word(n.change(current, prior)) == "下降"
    assert n.format_percent(n.completion_rate(current, budget)) == "116.57"
    assert n.format_percent(n.variance_rate(current, budget)) == "16.57"


def test_rounded_inputs_allow_seed_000_execution_rate():
    # 39.98/42.69 = 93.65%, yet 93.64% is consistent with the amounts' intervals.
    ratio = n.Interval.of_rounded(Decimal("39.98"), 2).divide(n.Interval.of_rounded(Decimal("42.69"), 2))
    assert n.percent_consistent(n.parse_number("93.64"), ratio)
    wrong = n.Interval.of_rounded(Decimal("15.51"), 2).divide(n.Interval.of_rounded(Decimal("100.00"), 2))
    assert not n.percent_consistent(n.parse_number("15.31"), wrong)


def test_interval_division_by_a_base_that_may_be_zero():
    assert n.Interval.of_rounded(Decimal("1"), 2).divide(n.Interval.of_rounded(Decimal("0.00"), 2)) is None


def test_units():
    assert n.yuan_to_wan(Decimal("3420434.19")) == Decimal("342.043419")
    assert n.convert(Decimal("1.5"), "亿元", "万元") == Decimal("15000")


def test_printed_parts_add_up_within_half_a_printed_place_each():
    D = Decimal
    from narrator.numbers import printed_adds_up

    parts = [D("33.33"), D("33.33"), D("33.33")]
    assert printed_adds_up(D("100.00"), parts)  # 0.01 apart: four halves of 0.01 allow 0.02
    assert not printed_adds_up(D("100.03"), parts)  # 0.04 apart: more than four halves
    assert not printed_adds_up(D("100.00"), [D("60.00"), D("39.97")])  # 0.03 apart: three halves allow 0.015
    assert printed_adds_up(D("100"), [D("60.00"), D("40.00")])  # a cell printed 100 stands for 100.00
    assert not printed_adds_up(D("1.0000"), [D("0.9990")])  # more decimals: narrower
