"""How numbers are shown in messages: in the unit the document wrote, two decimals, half up."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from narrator.read.claims import Claim
from narrator.numbers import HUNDRED, Interval, ParsedNumber, amount_word, convert, format_amount, format_percent, quantum, round_half_up


def amount(value_yuan: Decimal, unit: str) -> str:
    return f"{format_amount(convert(value_yuan, '元', unit))}{unit}"


def change(delta_yuan: Decimal, unit: str) -> str:
    """增加2.00万元 / 减少2.00万元 / 持平, in the unit the document wrote."""
    return f"{amount_word(delta_yuan)}{amount(abs(delta_yuan), unit)}" if delta_yuan else "持平"


def written(claim: Claim) -> str:
    """The claim's number as the document wrote it, e.g. "2042.46万元", "75.24%"."""
    if claim.stated is None:
        return ""
    return f"{claim.direction or ''}{claim.stated.value}{claim.unit}"


def value_yuan(claim: Claim) -> Decimal:
    assert claim.stated is not None
    return convert(claim.stated.value, claim.unit, "元")


def percent(ratio: Decimal) -> str:
    return f"{format_percent(ratio)}%"


def percent_range(ratio: Interval) -> str:
    low, high = format_percent(ratio.low), format_percent(ratio.high)
    return f"{low}%" if low == high else f"{low}%～{high}%"


def truncation_note(stated: ParsedNumber, ratio: Decimal) -> str:
    """"（疑为截断而非四舍五入）" when the stated percentage is one unit of its last place below the
    half-up value and is exactly the ratio cut off (44.44% for 0.4444999…): a rounding slip, not a wrong figure."""
    exact = abs(ratio) * HUNDRED
    places = stated.places
    cut = exact.quantize(quantum(places), rounding=ROUND_DOWN)
    rounded = round_half_up(exact, places)
    if abs(stated.value) == cut and rounded - cut == quantum(places):
        return "（疑为截断而非四舍五入）"
    return ""


def ratio_of(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    return None if denominator == 0 else numerator / denominator


__all__ = ["amount", "written", "value_yuan", "percent", "percent_range", "truncation_note", "ratio_of", "HUNDRED"]
