"""The one arithmetic core: parsing, rounding, formatting, ratios, direction words, intervals.

Drafting and checking both go through this module, so a number is computed and
rounded in exactly one way.  Every amount and ratio is a ``Decimal``; floats are
refused at the door (``to_decimal``) because a binary float cannot hold 0.01.

Rounding policy (documented in docs/architecture.md): amounts and percentages are
shown with two decimals, rounded **half up** (``ROUND_HALF_UP``), which is the
convention of Chinese public-finance tables (0.005 → 0.01).  Ratios are computed
from the exact stored amounts and rounded only when shown.  A shown value stands
for the half-open interval ``[v − h, v + h)`` with ``h`` half a unit of its last
digit; checks use the closed interval, which is never narrower.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal

HUNDRED = Decimal(100)
TEN_THOUSAND = Decimal(10000)
ZERO = Decimal(0)

AmountUnit = Literal["元", "万元"]


class NumberError(ValueError):
    """Text that should hold a number does not."""


def to_decimal(value: object) -> Decimal:
    """Turn an int, str or Decimal into a Decimal; refuse floats and junk."""
    if isinstance(value, bool):
        raise NumberError(f"不是数字: {value!r}")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        raise NumberError("金额不能是二进制浮点数（float）；请以字符串或 Decimal 传入")
    if isinstance(value, str):
        return parse_number(value).value
    raise NumberError(f"不是数字: {value!r}")


# ---------------------------------------------------------------- rounding

# Excel and its kin hold a number as a binary float and show at most 15 significant digits of it.
SPREADSHEET_DIGITS = 15


def from_spreadsheet(value: float) -> Decimal:
    """A spreadsheet cell's float as the decimal the program shows at full precision: 12.34 → 12.34,
    a formula's 0.1 + 0.2 → 0.3 (the float's own tail below 15 significant digits is not a digit anyone typed)."""
    return Decimal(format(value, f".{SPREADSHEET_DIGITS}g")).normalize()


def quantum(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


@lru_cache(maxsize=None)  # a handful of places (0 to 4) over and over
def half_unit(places: int) -> Decimal:
    """Half of the last written place: what a number rounded to ``places`` may be off by."""
    return quantum(places) / 2


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    return value.quantize(quantum(places), rounding=ROUND_HALF_UP)


def places_of(value: Decimal) -> int:
    """Number of decimal places a Decimal was written with (``Decimal('1.20')`` → 2)."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


# ---------------------------------------------------------------- units

def yuan_to_wan(yuan: Decimal) -> Decimal:
    return yuan / TEN_THOUSAND


def wan_to_yuan(wan: Decimal) -> Decimal:
    return wan * TEN_THOUSAND


_UNIT_FACTORS = {"元": Decimal(1), "万元": TEN_THOUSAND, "亿元": Decimal(100_000_000)}


def convert(value: Decimal, source: str, target: str) -> Decimal:
    """Convert between 元, 万元 and 亿元 without rounding."""
    try:
        return value * _UNIT_FACTORS[source] / _UNIT_FACTORS[target]
    except KeyError as exc:
        raise NumberError(f"未知金额单位: {exc.args[0]}") from None


# ---------------------------------------------------------------- formatting

def format_amount(value: Decimal, places: int = 2, thousands: bool = False) -> str:
    """``Decimal('1677.6')`` → ``'1677.60'`` (or ``'1,677.60'`` with thousands)."""
    rounded = round_half_up(value, places)
    if rounded == 0:
        rounded = abs(rounded)  # never print -0.00
    return f"{rounded:,.{places}f}" if thousands else f"{rounded:.{places}f}"


def format_percent(ratio: Decimal, places: int = 2) -> str:
    """A ratio (0.5537) shown as a percentage number without the sign (``'55.37'``)."""
    return format_amount(ratio * HUNDRED, places)


# ---------------------------------------------------------------- parsing

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")
# OCR and PDF extraction put spaces inside numbers ("672. 13", "1 677.60").
_NUMBER = re.compile(r"^[+-]?(\d[\d, ]*)?(\.\s*\d+)?$")
_SEPARATORS = re.compile(r"[,\s]")


@dataclass(frozen=True)
class ParsedNumber:
    """A number as written: its value and the decimal places it was written with."""

    value: Decimal
    places: int

    @property
    def interval(self) -> "Interval":
        return Interval.of_rounded(self.value, self.places)


@lru_cache(maxsize=8192)  # pure (an exact Decimal from a string), and tables repeat their cells
def parse_number(text: str) -> ParsedNumber:
    """Parse a written number: full-width digits, thousands separators, OCR spaces."""
    cleaned = text.strip().translate(_FULLWIDTH)
    if not cleaned or not _NUMBER.match(cleaned) or not any(c.isdigit() for c in cleaned):
        raise NumberError(f"无法识别的数字: {text!r}")
    compact = _SEPARATORS.sub("", cleaned)
    try:
        value = Decimal(compact)
    except InvalidOperation:
        raise NumberError(f"无法识别的数字: {text!r}") from None
    return ParsedNumber(value, places_of(value))


# ---------------------------------------------------------------- metrics

def _ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """Exact-enough ratio; ``None`` when the base is zero (no rate exists)."""
    if denominator == 0:
        return None
    return numerator / denominator


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """占比 = part / whole."""
    return _ratio(part, whole)


def change(current: Decimal, prior: Decimal) -> Decimal:
    """增减额 = current − prior."""
    return current - prior


def change_rate(current: Decimal, prior: Decimal) -> Decimal | None:
    """增减率 = (current − prior) / prior; None for a zero prior (上年无此项)."""
    return _ratio(current - prior, prior)


def completion_rate(actual: Decimal, budget: Decimal) -> Decimal | None:
    """完成率 = actual / budget; None when no budget was set (未安排预算)."""
    return _ratio(actual, budget)


def variance_rate(actual: Decimal, budget: Decimal) -> Decimal | None:
    """预决算差异率 = (actual − budget) / budget."""
    return _ratio(actual - budget, budget)


def execution_rate(actual: Decimal, full_year_budget: Decimal) -> Decimal | None:
    """执行率 = actual / full-year budget."""
    return _ratio(actual, full_year_budget)


# ---------------------------------------------------------------- direction words

AMOUNT_WORDS = {1: "增加", -1: "减少", 0: "持平"}
RATE_WORDS = {1: "增长", -1: "下降", 0: "持平"}
BUDGET_WORDS = {1: "大于", -1: "小于", 0: "等于"}

# Words a document may use, mapped to the sign they assert.
DIRECTION_SIGNS = {
    "增加": 1, "增长": 1, "上升": 1, "提高": 1, "上涨": 1, "增多": 1, "增收": 1, "增支": 1,
    "减少": -1, "下降": -1, "降低": -1, "减小": -1, "下滑": -1, "缩减": -1, "减收": -1, "减支": -1,
    "持平": 0, "相同": 0, "一致": 0,
}
COMPARISON_SIGNS = {"大于": 1, "高于": 1, "超过": 1, "小于": -1, "低于": -1, "等于": 0}


def sign(value: Decimal) -> int:
    return (value > 0) - (value < 0)


def amount_word(delta: Decimal, places: int = 2) -> str:
    """增加/减少/持平 for a change, judged on the value as it will be shown."""
    return AMOUNT_WORDS[sign(round_half_up(delta, places))]


def rate_word(delta: Decimal, places: int = 2) -> str:
    """增长/下降/持平 for a change rate (same sign as the change)."""
    return RATE_WORDS[sign(round_half_up(delta, places))]


def budget_word(actual: Decimal, budget: Decimal, places: int = 2) -> str:
    """大于/小于/等于: the actual compared with the budget, as shown."""
    return BUDGET_WORDS[sign(round_half_up(actual, places) - round_half_up(budget, places))]


# ---------------------------------------------------------------- intervals

@dataclass(frozen=True)
class Interval:
    """Closed interval [low, high] of values a rounded figure may stand for."""

    low: Decimal
    high: Decimal

    @classmethod
    def exact(cls, value: Decimal) -> "Interval":
        return cls(value, value)

    @classmethod
    def of_rounded(cls, value: Decimal, places: int) -> "Interval":
        """Every x with round_half_up(x, places) == value lies in this interval."""
        half = half_unit(places)
        return cls(value - half, value + half)

    def __contains__(self, value: Decimal) -> bool:
        return self.low <= value <= self.high

    def overlaps(self, other: "Interval") -> bool:
        return self.low <= other.high and other.low <= self.high

    def hull(self, other: "Interval") -> "Interval":
        """The values of either: two readings of one quantity, each admissible."""
        return Interval(min(self.low, other.low), max(self.high, other.high))

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.low + other.low, self.high + other.high)

    def __sub__(self, other: "Interval") -> "Interval":
        return Interval(self.low - other.high, self.high - other.low)

    def scale(self, factor: Decimal) -> "Interval":
        a, b = self.low * factor, self.high * factor
        return Interval(min(a, b), max(a, b))

    def divide(self, other: "Interval") -> "Interval | None":
        """Quotient interval; None when the divisor's interval contains 0 (base unknown)."""
        if other.low <= 0 <= other.high:
            return None
        quotients = [a / b for a in (self.low, self.high) for b in (other.low, other.high)]
        return Interval(min(quotients), max(quotients))


def share_interval(part: Interval, whole: Interval) -> Interval | None:
    return part.divide(whole)


def change_rate_interval(current: Interval, prior: Interval) -> Interval | None:
    ratio = current.divide(prior)
    return None if ratio is None else Interval(ratio.low - 1, ratio.high - 1)


def may_be_one(first: Interval, second: Interval) -> bool:
    """Could two rounded figures of one quantity stand for the same value?

    Rounding half up writes a value on the edge between two figures as the larger (995.5 → 996), so a
    figure stands for a half-open interval and two that only touch (995 and 996, both whole) cannot
    be one value.  An exact value (no rounding) is compared with the closed interval."""
    if first.low == first.high or second.low == second.high:
        return first.overlaps(second)
    return first.low < second.high and second.low < first.high


def percent_consistent(stated: ParsedNumber, ratio: Interval) -> bool:
    """Could a ratio in ``ratio`` be shown as ``stated`` percent?

    The stated percentage itself stands for an interval; the two must overlap.
    """
    shown = stated.interval
    return shown.overlaps(ratio.scale(HUNDRED))


def rate_cell_consistent(stated: ParsedNumber, ratio: Interval, percent_sign: bool) -> bool:
    """Could a table cell holding a rate show ``ratio``?  With a % sign it is a percentage; without
    one (a form's 执行率 column printed as ``100`` or ``1.00``) it may be either a percentage or the
    ratio itself, and only a value that fits neither reading is wrong."""
    if percent_consistent(stated, ratio):
        return True
    return not percent_sign and stated.interval.overlaps(ratio)


# ---------------------------------------------------------------- figures files: written values as intervals

# An amount above this (1万亿元) in one unit's final accounts is a slip of unit or decimal point.
PLAUSIBLE_MAX_YUAN = Decimal(10) ** 12


def written(value: Decimal) -> Interval:
    """The interval a value stands for as written in a figures file (465.34 → [465.335, 465.345])."""
    return Interval.of_rounded(value, places_of(value))


def written_sum(values: "list[Decimal]") -> Interval:
    total = Interval.exact(ZERO)
    for value in values:
        total = total + written(value)
    return total


def may_equal(a: Interval, b: Interval) -> bool:
    """Two rounded figures could stand for the same amount."""
    return a.overlaps(b)


def may_not_exceed(part: Interval, whole: Interval) -> bool:
    """A part could be at most its whole (its share at most 100%) within their rounding."""
    return part.low <= whole.high


def printed_places(value: Decimal) -> int:
    """Tables print two decimals; a cell printed with more stands for a narrower interval."""
    return max(2, places_of(value))


def printed_adds_up(total: Decimal, parts: "list[Decimal]") -> bool:
    """Whether a table's printed parts can add up to its printed total: the interval of the total
    and the interval of the parts' sum overlap (each cell within half its last printed place).
    Computed on plain Decimals, since tables have many cells."""
    gap = abs(total - sum(parts, ZERO))
    return gap <= half_unit(printed_places(total)) + sum((half_unit(printed_places(part)) for part in parts), ZERO)


# ---------------------------------------------------------------- checking helpers
# Added for the checker (narrator.check): a written amount as a non-negative
# interval, the rate implied by a stated change, and 百分之… in Chinese numerals.

def nonnegative(interval: Interval) -> Interval:
    """An amount written as 0.00 stands for [0, 0.005], never a negative value."""
    return Interval(max(interval.low, ZERO), max(interval.high, ZERO))


def rate_from_change(current: Interval, delta: Interval) -> Interval | None:
    """Every value of delta / (current − delta) the two rounded figures allow.

    The implied prior shares its rounding with the stated change, so the bounds
    are taken at the corners (the function is monotonic in each argument while
    the prior keeps its sign) instead of treating them as independent, which
    would widen the interval.  None when the implied prior may be zero.
    """
    prior = current - delta
    if prior.low <= 0 <= prior.high:
        return None
    values = [d / (c - d) for c in (current.low, current.high) for d in (delta.low, delta.high)]
    return Interval(min(values), max(values))


def in_yuan(amount: ParsedNumber, unit: str) -> Interval:
    """The interval a written amount stands for, in 元 (74261万元 → [742605000, 742615000])."""
    if unit not in _UNIT_FACTORS:
        raise NumberError(f"未知金额单位: {unit}")
    return amount.interval.scale(_UNIT_FACTORS[unit])


# A percentage's two inputs by its metric: (part or current or actual, whole or prior or budget).
_RATIOS = {"share": share, "completion": completion_rate, "execution": execution_rate,
           "change_rate": change_rate, "variance": variance_rate}


def metric_ratio(metric: str, first: Decimal, second: Decimal) -> Decimal | None:
    """The ratio a metric computes from its two amounts (same unit); None without a base."""
    return _RATIOS[metric](first, second)


def metric_interval(metric: str, first: Interval, second: Interval) -> Interval | None:
    """Every ratio the metric's two rounded amounts allow; None when the base may be zero."""
    if metric in ("change_rate", "variance"):  # (a − b) ÷ b
        return change_rate_interval(first, second)
    return share_interval(first, second)  # a ÷ b: share, completion, execution


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def parse_chinese_number(text: str) -> ParsedNumber:
    """百分之… numerals: 三十五点五 → 35.5, 一百 → 100, or plain digits (百分之50)."""
    text = text.strip()
    if any(c.isdigit() for c in text):
        return parse_number(text)
    whole, _, fraction = text.partition("点")
    if not whole and not fraction:
        raise NumberError(f"无法识别的数字: {text!r}")
    digits = "".join(str(_CN_DIGITS[c]) for c in fraction if c in _CN_DIGITS)
    if len(digits) != len(fraction):
        raise NumberError(f"无法识别的数字: {text!r}")
    value = Decimal(_chinese_integer(whole) if whole else 0)
    return ParsedNumber(value + (Decimal(f"0.{digits}") if digits else ZERO), len(digits))


def _chinese_integer(text: str) -> int:
    """一百零五 → 105, 十二 → 12 (numbers below ten thousand are enough for percentages)."""
    total, digit = 0, None
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        elif char in ("十", "百", "千"):
            unit = {"十": 10, "百": 100, "千": 1000}[char]
            total += (1 if digit is None else digit) * unit
            digit = None
        else:
            raise NumberError(f"无法识别的数字: {text!r}")
    return total + (digit or 0)
