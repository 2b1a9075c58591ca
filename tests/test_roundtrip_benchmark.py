"""benchmarks/roundtrip.py counts distinct amounts and percentages of an original narrative found again in a redraft."""

import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.roundtrip import Stated, compare, reproduces, stated_numbers  # noqa: E402

# A made-up narrative: 120.50万元 twice (one distinct amount), 120.500万元 the same value written longer,
# 减少8.25万元 an amount without its sign, 6.4% written with one decimal, 300000元 in another unit.
ORIGINAL = """第一部分 部门概况
略。
第三部分 示例单位2024年度部门决算情况说明
一、收入支出决算总体情况说明
本年支出合计120.50万元，其中：基本支出80.20万元，占66.56%；项目支出40.30万元，占33.44%。
与上年相比，本年支出合计120.50万元，减少8.25万元，下降6.4%。其中会议费300000元，占24.90%。
本年收入合计120.500万元。
"""

REDRAFT = """# 第三部分 示例单位2024年度部门决算情况说明

## 一、收入支出决算总体情况说明

本年支出合计120.50万元，其中：基本支出80.20万元，占66.56%；项目支出40.30万元，占33.44%。与上年相比，\
减少8.25万元，下降6.41%。其中会议费30.00万元。
"""


def _span(text: str) -> tuple[int, int]:
    return text.index("第三部分"), len(text)


def test_counts_distinct_numbers_of_the_narrative_only():
    numbers = stated_numbers(ORIGINAL, _span(ORIGINAL))
    amounts = sorted((n.value, n.unit) for n in numbers if not n.is_percent)
    percents = sorted(n.value for n in numbers if n.is_percent)
    assert amounts == [(Decimal("8.25"), "万元"), (Decimal("40.3"), "万元"), (Decimal("80.2"), "万元"),
                       (Decimal("120.5"), "万元"), (Decimal("300000"), "元")]
    assert percents == [Decimal("6.4"), Decimal("24.9"), Decimal("33.44"), Decimal("66.56")]


def test_reproduced_missing_and_why():
    reasons = []

    def why(number, claim):
        reasons.append((number.value, number.unit))
        return "not_in_figures"

    result = compare(ORIGINAL, _span(ORIGINAL), REDRAFT, why, "example")
    # every amount comes back (300000元 as 30.00万元); 24.90% does not, 6.4% does as 6.41%
    assert (result.amounts.reproduced, result.amounts.distinct) == (5, 5)
    assert (result.percentages.reproduced, result.percentages.distinct) == (3, 4)
    assert result.percentages.exact == 2
    assert reasons == [(Decimal("24.9"), "%")]
    assert result.percentages.missing_values == [("24.90%", "not_in_figures")]
    assert result.ratio == Decimal("0.889")  # 8 of 9
    assert result.to_dict()["percentages"]["missing"] == {"not_in_figures": 1}


def test_no_narrative_counts_nothing():
    result = compare(ORIGINAL, None, REDRAFT, lambda number, claim: "not_in_figures")
    assert result.amounts.distinct == result.percentages.distinct == 0 and result.ratio is None


def test_a_number_is_reproduced_only_within_its_own_rounding():
    one_place = Stated(Decimal("6.4"), 1, "%")
    assert reproduces(Stated(Decimal("6.41"), 2, "%"), one_place)
    assert not reproduces(Stated(Decimal("6.46"), 2, "%"), one_place)
    wan = Stated(Decimal("502.98"), 2, "万元")
    assert reproduces(Stated(Decimal("5029812.34"), 2, "元"), wan)
    assert not reproduces(Stated(Decimal("5029912.34"), 2, "元"), wan)
    assert not reproduces(Stated(Decimal("502.98"), 2, "%"), wan)
