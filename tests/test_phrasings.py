"""The ways a 情况说明 says one thing, drawn at random: consistent figures in any of them give no error,
and a percentage made wrong in any of them is either reported or listed as unread, never passed as
checked.  The phrasings are the team's own, in the forms real narratives use (比上年/较上年/同比/与上年
相比，, a stated prior, a rate in brackets or before its change, 增长额/上升率, completion with the
budget before or inside, shares with 占/占比/占…的 under 其中/主要用于/包括/具体为)."""

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings, strategies as st

from narrator.check import review_document
from narrator.extract import extract_text

CENT = Decimal("0.01")
SUBJECTS = ["收入合计", "支出合计", "基本支出", "项目支出", "一般公共预算财政拨款支出", "“三公”经费支出",
            "公务接待费", "公务用车运行维护费", "机关运行经费", "工资福利支出"]
COMPARISONS = ["比上年", "较上年", "同比", "与上年相比，", "比2023年度", "较2023年", "比上年决算数", "较上年度"]
UP, DOWN = ["增加", "增长", "上升"], ["减少", "下降", "降低"]


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


@st.composite
def two_amounts(draw):
    """A base (prior or budget) and a current amount that differs from it, both in 万元 with cents."""
    base = Decimal(draw(st.integers(1_000, 9_999_999))) / 100
    factor = Decimal(draw(st.sampled_from([st.integers(30, 99), st.integers(101, 250)]).flatmap(lambda s: s))) / 100
    return _cents(base * factor), base


@st.composite
def change_statement(draw):
    current, prior = draw(two_amounts())
    change = current - prior
    rate = _cents(abs(change) / prior * 100)
    words = UP if change > 0 else DOWN
    amount_word, rate_word = draw(st.sampled_from(words)), draw(st.sampled_from(words))
    subject, compared = draw(st.sampled_from(SUBJECTS)), draw(st.sampled_from(COMPARISONS))
    forms = [f"2024年度{subject}{current}万元，{compared}{amount_word}{abs(change)}万元，{rate_word}{rate}%。",
             f"2024年度{subject}{current}万元，{compared}{amount_word}{abs(change)}万元（{rate}%）。",
             f"2024年度{subject}{current}万元，上年{prior}万元，{amount_word}{abs(change)}万元，{rate_word}{rate}%。",
             f"2024年度{subject}{current}万元，较上年{prior}万元{amount_word}{abs(change)}万元，{rate_word}{rate}%。",
             f"2024年度{subject}为{current}万元，{compared}{amount_word}了{abs(change)}万元，{rate_word}幅度为{rate}%。",
             f"2024年度{subject}{current}万元，{compared}{amount_word}{rate}%，{amount_word}额{abs(change)}万元。",
             f"2024年度{subject}{current}万元，{compared}{amount_word}{abs(change)}万元，{rate_word}率{rate}%。"]
    return draw(st.sampled_from(forms))


@st.composite
def completion_statement(draw):
    actual, budget = draw(two_amounts())
    rate = _cents(actual / budget * 100)
    subject = draw(st.sampled_from(SUBJECTS))
    forms = [f"2024年度{subject}年初预算为{budget}万元，支出决算为{actual}万元，完成年初预算的{rate}%。",
             f"2024年度{subject}年初预算{budget}万元，决算{actual}万元，完成预算{rate}%。",
             f"2024年度{subject}全年预算数{budget}万元，实际支出{actual}万元，执行率{rate}%。",
             f"2024年度{subject}支出决算{actual}万元，完成年初预算{budget}万元的{rate}%。",
             f"2024年度{subject}年初预算{budget}万元，支出决算{actual}万元，是年初预算的{rate}%。",
             f"2024年度{subject}预算数{budget}万元，决算数{actual}万元，相当于预算的{rate}%。"]
    return draw(st.sampled_from(forms))


@st.composite
def share_statement(draw):
    whole = Decimal(draw(st.integers(10_000, 99_999_999))) / 100
    cuts = sorted(draw(st.sets(st.integers(1, 99), min_size=1, max_size=3)))
    percents = [b - a for a, b in zip([0, *cuts], [*cuts, 100])]
    amounts = [_cents(whole * p / 100) for p in percents[:-1]]
    amounts.append(whole - sum(amounts))
    names = draw(st.permutations(["工资福利支出", "商品和服务支出", "对个人和家庭的补助", "资本性支出"]))
    total = draw(st.sampled_from(["支出合计", "基本支出", "本年支出合计"]))
    share = draw(st.sampled_from(["占{p}%", "占比{p}%", "占{w}的{p}%", "占比为{p}%"]))
    lead = draw(st.sampled_from(["其中：", "主要用于：", "包括：", "具体为："]))
    items = "；".join(f"{name}{amount}万元，{share.format(p=_cents(amount / whole * 100), w=total)}"
                     for name, amount in zip(names, amounts))
    return f"2024年度{total}{whole}万元，{lead}{items}。"


RELAXED = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def list_statement(draw):
    """Lists that need not add up to their head (其中 names some categories) and lists that must (the 三公
    items and the car items, joined by 、 inside a sentence whose items are joined by ；)."""
    money = st.integers(1, 999_999).map(lambda cents: Decimal(cents) / 100)
    outbound, reception, purchase, running = draw(money), draw(money), draw(money), draw(money)
    cars = purchase + running
    total = outbound + reception + cars
    named = draw(st.permutations(["财政拨款收入", "事业收入", "其他收入", "上级补助收入"]))
    some = [draw(money), draw(money)]
    forms = [f"2024年度收入合计{sum(some) + draw(money)}万元，其中：{named[0]}{some[0]}万元，{named[1]}{some[1]}万元。",
             f"2024年度“三公”经费支出{total}万元。因公出国（境）费支出{outbound}万元；公务用车购置及运行维护费支出"
             f"{cars}万元，其中公务用车购置费{purchase}万元、公务用车运行维护费{running}万元；公务接待费支出{reception}万元。",
             f"2024年度“三公”经费支出{total}万元，其中：因公出国（境）费{outbound}万元，公务接待费{reception}万元，"
             f"公务用车购置及运行维护费{cars}万元（其中：公务用车购置费{purchase}万元，公务用车运行维护费{running}万元）。"]
    return draw(st.sampled_from(forms))


STATEMENTS = st.one_of(change_statement(), completion_statement(), share_statement())


@RELAXED
@given(list_statement())
def test_lists_that_add_up_or_need_not_give_no_error(text):
    assert not [f for f in review_document(extract_text(text))[0] if f.severity == "error"], text


@RELAXED
@given(STATEMENTS)
def test_consistent_figures_give_no_error_in_any_phrasing(text):
    findings, read = review_document(extract_text(text))
    assert not [f for f in findings if f.severity == "error"], text
    assert read.checked == read.percentages, (text, read.unchecked)


@RELAXED
@given(STATEMENTS, st.data())
def test_a_wrong_percentage_is_reported_in_any_phrasing(text, data):
    percents = [i for i, char in enumerate(text) if char == "%"]
    end = data.draw(st.sampled_from(percents))
    start = end
    while text[start - 1].isdigit() or text[start - 1] == ".":
        start -= 1
    wrong = f"{text[:start]}{Decimal(text[start:end]) + Decimal('7.31')}{text[end:]}"
    findings = review_document(extract_text(wrong))[0]
    assert [f for f in findings if f.severity == "error" and f.start <= end + 5 and f.end >= start], wrong


@st.composite
def dated_text(draw):
    """A year's figures beside last year's, dated as narratives date them (a heading or none, 与2023年度相比,
    截至…12月31日, the prior year's total stated on its own, a cause naming the prior year)."""
    year = draw(st.integers(2016, 2025))
    current, prior = draw(two_amounts())
    change = current - prior
    word, rate_word = ("增加", "增长") if change > 0 else ("减少", "下降")
    rate = _cents(abs(change) / prior * 100)
    subject = draw(st.sampled_from(SUBJECTS))
    heading = draw(st.sampled_from([f"第三部分 {year}年度部门决算情况说明\n", f"甲单位{year}年度部门决算\n", ""]))
    sentences = [f"{year}年度{subject}{current}万元，与{year - 1}年度相比，{word}{abs(change)}万元，{rate_word}{rate}%。",
                 f"{year}年度{subject}{current}万元。{year - 1}年度{subject}{prior}万元。与{year - 1}年度相比，"
                 f"{word}{abs(change)}万元，{rate_word}{rate}%。",
                 f"截至{year}年12月31日，本单位共有车辆2辆。",
                 f"{year}年度{subject}{current}万元，上年{prior}万元，{word}{abs(change)}万元，主要原因是{year - 1}年度有一次性项目。",
                 f"本单位{year}年度无政府性基金预算财政拨款收入和支出。"]
    chosen = draw(st.lists(st.sampled_from(sentences), min_size=1, max_size=3, unique=True))
    return heading + "".join(chosen)


@RELAXED
@given(dated_text())
def test_dated_figures_give_no_error(text):
    assert not [f for f in review_document(extract_text(text))[0] if f.severity == "error"], text
