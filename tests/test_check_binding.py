"""Fail-closed binding: which amount a change, a list or a share is tied to, and how (sentences in
the forms real narratives use, written for these tests)."""

from narrator.check import check_text
from narrator.read.context import Context


def _change(ctx: Context, value: str):
    return next(c for c in ctx.claims if c.metric == "change" and str(c.stated.value) == value)


def test_a_change_is_bound_by_name_by_standing_after_its_amount_or_by_opening_its_sentence():
    ctx = Context("2024年度收入总计100.00万元。与上年相比，收入总计增加20.00万元，增长25.00%。")
    assert ctx.current_binding(_change(ctx, "20.00"))[1] == "named"
    ctx = Context("公务接待费支出8.30万元，占97.76%，比上年增加3.50万元，增长72.92%。")
    assert ctx.current_binding(_change(ctx, "3.50"))[1] == "adjacent"
    ctx = Context("社会保障和就业支出年初预算30.00万元，支出决算20.75万元，完成年初预算的69.17%。"
                  "较上年决算减少9.18万元，下降30.67%。")
    current, how = ctx.current_binding(_change(ctx, "9.18"))
    assert (how, str(current.stated.value)) == ("carried", "20.75")


def test_a_nearest_amount_in_another_sentence_is_a_guess_and_no_error_rests_on_it():
    text = "三公经费支出100.00万元，比上年减少5.00万元。其中：公务接待费支出决算减少6.00万元，下降30.00%。"
    ctx = Context(text)
    assert ctx.current_binding(_change(ctx, "6.00"))[1] == "positional"
    assert not [f for f in check_text(text) if f.severity == "error"]


def test_an_amount_dated_in_its_own_clause_is_prior_and_上年结转_is_current():
    ctx = Context("2024年度收入合计50.00万元，其中上年结转10.00万元。2023年度收入合计40.00万元。", year=2024)
    amounts = {str(c.stated.value): ctx.is_prior(c) for c in ctx.claims}
    assert amounts == {"50.00": False, "10.00": False, "40.00": True}


def test_a_list_head_needs_the_sentence_to_say_it():
    ctx = Context("2011年预算数260.0万元。2010年决算数包括购置费120.00万元、运行维护费300.00万元。")
    assert ctx.lists == []  # 包括 has its own subject (2010年决算数): not the parts of 260.0
    ctx = Context("财政支出1500.00亿元，比上年增支150.0亿元，增长11.1%，其中：省级支出300.00亿元，市县支出1200.00亿元。")
    (listed,) = ctx.lists  # the head's own change and rate stand between it and 其中
    assert str(listed.head.stated.value) == "1500.00"
    ctx = Context("财政支出1500.00亿元，增长11.1%。其中：省级支出300.00亿元，市县支出1200.00亿元。")
    assert ctx.lists == []  # across 。 the parts must be named after the head (省级支出 is not 财政…)


def test_the_base_stated_with_a_change_is_what_its_rate_is_over():
    wrong = check_text("三公经费预算1530万元，较2024年的1700万元减少170万元，下降11.1%。")
    assert [(f.id, f.expected) for f in wrong if f.severity == "error"] == [("rate.value", "下降10.00%")]


def test_three_amounts_that_disagree_give_one_error_not_two():
    found = check_text("公务接待费2016年预算6万元，2015年预算9.5万元；对比减少3.25万元；减少率34.21%。")
    assert [f.id for f in found if f.severity == "error"] == ["sum.difference"]


def test_a_year_compared_with_is_no_vote_for_the_report_year():
    from narrator.read.year import guess_year

    text = ("2024年度三公经费支出5.00万元，比2023年度减少1.00万元，下降16.67%。"
            "其中：公务接待费5.00万元，比2023年度减少1.00万元，下降16.67%。")
    assert guess_year(text) == 2024
    assert not [f for f in check_text(text) if f.id == "year.mismatch"]


def test_respective_runs_pair_by_place():
    ctx = Context("本年收入100.00万元、支出90.00万元，分别比上年增加10.00万元、减少5.00万元，分别增长11.11%、下降5.26%。")
    rates = [c for c in ctx.claims if c.metric == "change_rate"]
    assert [str(ctx.change_for(r).stated.value) for r in rates] == ["10.00", "5.00"]
    assert [str(ctx.current_binding(ctx.change_for(r))[0].stated.value) for r in rates] == ["100.00", "90.00"]
    uneven = Context("本年收入100.00万元、支出90.00万元，分别比上年增加10.00万元、减少5.00万元，分别增长11.11%。")
    (rate,) = [c for c in uneven.claims if c.metric == "change_rate"]
    assert uneven.change_for(rate) is None  # one rate for two changes: which is meant is not said


def test_rate_words_are_formed_from_direction_words_and_the_change_may_follow_its_rate():
    # 上升率/降低幅度: a direction word + 率 or 幅度; 增长额: a direction word + 额 names the change
    wrong = check_text("2024年度支出合计120.00万元，比上年增加20.00万元，上升率30.00%。")
    assert [f.id for f in wrong if f.severity == "error"] == ["rate.value"]
    assert not [f for f in check_text("2024年度支出合计120.00万元，比上年增加20.00万元，上升率20.00%。")
                if f.severity == "error"]
    wrong = check_text("2024年度支出合计80.00万元，同比下降25.00%，下降额20.00万元。")
    assert [f.id for f in wrong if f.severity == "error"] == ["rate.value"]


def test_a_list_opened_by_ju_ti_wei_gives_its_shares_a_whole():
    wrong = check_text("2024年度基本支出100.00万元，具体为：工资福利支出60.00万元，占50.00%；商品和服务支出40.00万元，占40.00%。")
    assert {f.id for f in wrong if f.severity == "error"} == {"share.value"}


def test_an_amount_dated_with_the_year_compared_with_is_never_the_current_one():
    # two years named as often: the report year is unknown, but 与2016年度相比 dates the prior amount
    text = "2017年度支出合计2221.81万元。2016年度支出合计5047.59万元。与2016年度相比，减少2825.78万元，下降55.98%。"
    ctx = Context(text)
    assert ctx.current_binding(_change(ctx, "2825.78")) == (None, "")
    assert not [f for f in check_text(text) if f.severity == "error"]
