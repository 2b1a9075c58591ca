"""Rounding by intervals: a stated percentage is judged against every value its rounded inputs allow."""

from decimal import Decimal as D

from narrator import numbers as n
from narrator.check import check_text


def ids(text, **kw):
    return [f.id for f in check_text(text, **kw) if f.severity == "error"]


def test_seed_000_execution_rate_passes():
    # 39.98 / 42.69 = 93.65% at face value, but amounts in [39.975, 39.985] / [42.685, 42.695] allow 93.64%.
    assert ids("邮政业安全保障经费全年预算 42.69 万元，实际支出 39.98 万元，执行率 93.64%。") == []


def test_a_fixed_tolerance_would_pass_this_but_intervals_do_not():
    text = "支出合计100.00万元，其中：基本支出15.51万元，占15.31%；项目支出84.49万元，占84.49%。"
    assert ids(text) == ["share.value"]


def test_ocr_spaces_thousands_and_yuan():
    text = "本年支出1,677.60万元，比上年减少132. 63万元，下降7.33%，主要原因是项目减少。"
    assert ids(text) == []
    assert ids("本年支出16776000元，比上年减少1326300元，下降7.33%，主要原因是项目减少。") == []


def test_percent_in_chinese_numerals():
    assert ids("支出合计100.00万元，其中：基本支出50.00万元，占百分之五十。") == []
    assert ids("支出合计100.00万元，其中：基本支出50.00万元，占百分之四十。") == ["share.value"]


def test_rate_from_change_corners():
    current = n.Interval.of_rounded(D("100.00"), 2)
    delta = n.Interval.of_rounded(D("20.00"), 2)
    rate = n.rate_from_change(current, delta)
    assert rate.low <= D("0.25") <= rate.high
    assert n.rate_from_change(n.Interval.of_rounded(D("3.50"), 2), n.Interval.of_rounded(D("3.50"), 2)) is None


def test_parse_chinese_number():
    assert n.parse_chinese_number("三十五点五") == n.ParsedNumber(D("35.5"), 1)
    assert n.parse_chinese_number("一百").value == 100
    assert n.parse_chinese_number("50").value == 50


def test_nonnegative():
    assert n.nonnegative(n.Interval.of_rounded(D("0.00"), 2)).low == 0


def test_unknown_base_is_info_not_error():
    findings = check_text("基本支出执行率97.69%。")
    assert all(f.severity == "info" for f in findings)


def test_a_share_or_rate_that_fits_the_parts_of_a_disputed_total_is_left_for_review():
    from narrator.check import check_text

    shares = "2024年度收入合计100.00万元，其中：财政拨款收入60.00万元，占54.55%；其他收入50.00万元，占45.45%。"
    rate = "2024年度支出合计100.00万元，比上年增加10.00万元，增长10.00%，其中：基本支出60.00万元，项目支出50.00万元。"
    for text, what in ((shares, "占比与100.00万元不符"), (rate, "增减率与本年数100.00万元不符")):
        findings = check_text(text)
        assert [f.id for f in findings if f.severity == "error"] == ["sum.parts"]  # the one error: the total
        review = [f for f in findings if f.severity == "info"]
        assert review and all(f.message.startswith(f"需人工复核：{what}，但与其各项之和110.00万元相符") for f in review)
