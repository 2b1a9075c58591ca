"""unbound.percent: the model quotes the two amounts of a percentage the rules left unchecked, code
computes — a fit counts as checked (by the model), a misfit is a warning, 不明 or a bad quote leaves
it unchecked.  The model path runs over real HTTP against the scripted server."""

import json

import pytest

from conftest import run_cli
from fake_openai import FakeOpenAI
from narrator.check.coverage import Coverage, ModelBound, Unchecked, coverage
from narrator.check.engine import ModelOptions, check_path
from narrator.llm.model_checks import MODEL_CHECKS
from narrator.llm.percent_check import PercentSite, judge, percent_sites
from narrator.llm.percents import PercentItem, Quotes, quote_problem
from narrator.read.context import Context
from narrator.report.render import render_json

CHECK = next(c for c in MODEL_CHECKS if c.id == "unbound.percent")
QUOTES = {"a": "278.49万元", "b": "502.98万元"}
RULES_ONLY = ("cause", "freeform")


def _check(tmp_path, text: str, script: list[tuple]) -> tuple[dict, str, FakeOpenAI]:
    """``narrator check --format json`` in-process (the engine, real HTTP to the scripted server)."""
    doc = tmp_path / "n.txt"
    doc.write_text(text, encoding="utf-8")
    warnings: list[str] = []
    with FakeOpenAI(script) as server:
        result = check_path(doc, None, RULES_ONLY, ModelOptions(base_url=server.base_url, model="m"),
                            warnings.append)
    report = json.loads(render_json(result.document, result.findings, result.coverage))
    return report, "\n".join(warnings), server


def _answer(quotes: dict) -> tuple[str, str]:
    return ("answer", json.dumps({"1": quotes}, ensure_ascii=False))


def test_the_examples_leave_their_percentage_to_the_model_under_the_rules():
    for text in CHECK.should_flag + CHECK.should_pass:
        rules = coverage(Context(text))
        assert len(rules.unchecked) == 1 and rules.by_model == ()


def test_a_percentage_that_fits_the_quotes_counts_as_checked_by_the_model(tmp_path):
    report, _, server = _check(tmp_path, CHECK.should_pass[0], [_answer(QUOTES)])
    coverage = report["coverage"]
    assert (coverage["percentages"], coverage["checked"], coverage["unchecked"]) == (1, 1, [])
    bound, = coverage["by_model"]
    assert bound["quotes"] == ["278.49万元", "502.98万元"] and bound["computed"] == "55.37%"
    assert bound["text"].endswith("55.37%")
    assert [f for f in report["findings"] if f["id"] == "unbound.percent"] == []
    assert "【55.37%】" in server.requests[0]["messages"][1]["content"]  # the percentage is marked


@pytest.mark.heavy  # a subprocess
def test_the_command_line_says_the_model_bound_it(tmp_path):
    doc = tmp_path / "n.txt"
    doc.write_text(CHECK.should_pass[0], encoding="utf-8")
    with FakeOpenAI([_answer(QUOTES)]) as server:
        result = run_cli("check", str(doc), "--base-url", server.base_url, "--model", "m",
                         "--disable", "cause", "--disable", "freeform")
    assert "其中 1 个百分比已与所依据的金额核对（其中 1 个由模型指出所依据的金额、程序核对）" in result.stdout


def test_a_percentage_that_does_not_fit_is_a_warning_naming_quotes_and_value(tmp_path):
    report, _, _ = _check(tmp_path, CHECK.should_flag[0], [_answer(QUOTES)])
    finding, = [f for f in report["findings"] if f["id"] == "unbound.percent"]
    assert finding["severity"] == "warning"
    assert "278.49万元" in finding["message"] and "502.98万元" in finding["message"] and "请人工核对" in finding["message"]
    assert (finding["stated"], finding["expected"]) == ("57.37%", "55.37%")
    assert report["coverage"]["checked"] == 0 and len(report["coverage"]["unchecked"]) == 1  # not counted as read


def test_unclear_leaves_the_percentage_unchecked(tmp_path):
    report, _, _ = _check(tmp_path, CHECK.should_pass[0], [_answer({"a": "不明", "b": "不明"})])
    assert report["coverage"]["checked"] == 0 and report["coverage"]["by_model"] == []
    assert not [f for f in report["findings"] if f["id"] == "unbound.percent"]


def test_a_quote_not_in_the_sentence_is_sent_back_and_then_given_up(tmp_path):
    invented = _answer({"a": "280.00万元", "b": "502.98万元"})
    report, stderr, server = _check(tmp_path, CHECK.should_pass[0], [invented] * 3)
    assert len(server.requests) >= 2  # retried with the reason
    assert "不是原句中的金额" in json.dumps(server.requests[-1], ensure_ascii=False)
    assert "模型未能完成 unbound.percent" in stderr
    assert report["coverage"]["checked"] == 0 and len(report["coverage"]["unchecked"]) == 1


def test_a_retry_with_the_right_quotes_is_taken(tmp_path):
    report, _, server = _check(tmp_path, CHECK.should_pass[0], [_answer({"a": "55.37%", "b": "502.98万元"}),
                                                                 _answer(QUOTES)])
    assert len(server.requests) == 2 and report["coverage"]["checked"] == 1


def test_nothing_is_asked_where_the_sentence_states_fewer_than_two_amounts(tmp_path):
    text = "全年一般公共预算支出1.2亿元，同比增长5.3%。"
    assert percent_sites(text) == []
    report, _, server = _check(tmp_path, text, [])
    assert server.requests == [] and len(report["coverage"]["unchecked"]) == 1


@pytest.mark.parametrize("a, b, problem", [
    ("278.49万元", "502.98万元", ""),
    ("78.49万元", "502.98万元", "不是原句中的金额"),  # cut out of 278.49万元
    ("278.49", "502.98万元", "带单位"),
    ("278.49万元、224.50万元", "502.98万元", "带单位"),
    ("502.98万元", "502.98万元", "同一个金额"),
    ("不明", "502.98万元", ""),
])
def test_quote_problems(a, b, problem):
    found = quote_problem(Quotes(a=a, b=b), CHECK.should_pass[0])
    assert (problem in found and found) if problem else found == ""


def test_the_same_amount_twice_is_a_quote_where_the_sentence_states_it_twice():
    text = "年初预算100.00万元，决算100.00万元，完成预算的100.00%。"
    assert quote_problem(Quotes(a="100.00万元", b="100.00万元"), text) == ""


def _rate_site(text: str) -> PercentSite:
    ctx = Context(text)
    claim, = [c for c in ctx.claims if c.metric == "change_rate"]
    amounts = tuple(c for c in ctx.claims if c.metric == "amount")
    return PercentSite(PercentItem(1, "change_rate", text, text), claim, amounts)


def test_a_decrease_is_computed_with_its_sign_across_units():
    site = _rate_site("本年支出90.00万元，较上年（100.00万元）下降10.00%。")
    bound = judge(site, Quotes(a="90.00万元", b="1,000,000元"), site.item.source)
    assert isinstance(bound, ModelBound) and bound.computed == "-10.00%"
    wrong = judge(_rate_site("本年支出90.00万元，较上年（100.00万元）下降12.00%。"),
                  Quotes(a="90.00万元", b="100.00万元"), site.item.source)
    assert wrong.id == "unbound.percent" and wrong.expected == "-10.00%"


def test_only_unchecked_percentages_can_be_bound_by_the_model():
    listed = Unchecked(10, 20, "占比为55.37%", "不能确定占比的部分或整体金额")
    rules = Coverage(True, 3, 2, (listed,))
    elsewhere = ModelBound(30, 40, "增长5.00%", ("1万元", "2万元"), "5.00%")
    same = ModelBound(10, 20, "占比为55.37%", ("278.49万元", "502.98万元"), "55.37%")
    assert rules.bound_by_model([elsewhere]) == rules
    both = rules.bound_by_model([elsewhere, same])
    assert (both.checked, both.unchecked, both.by_model) == (2, (), (same,))


def test_a_misfit_across_statements_is_no_warning():
    text = ("三公经费年初预算为683.51万元，支出决算为358.18万元，完成预算的52.40%。"
            "其中：公务接待费决算为12.60万元，完成预算的76.21%。")
    site, = percent_sites(text)
    assert judge(site, Quotes(a="358.18万元", b="683.51万元"), text) is None


def test_a_misfit_across_items_of_a_list_is_no_warning():
    text = "年初预算支出2,903.0亿元，总收入3,575.3亿元；全市一般公共预算支出3,004.5亿元，下降0.6%，完成预算的103.5%。"
    site, = [s for s in percent_sites(text) if s.item.metric == "completion"]
    assert judge(site, Quotes(a="3,575.3亿元", b="3,004.5亿元"), text) is None  # 3,575.3 is another item's
    assert judge(site, Quotes(a="3,004.5亿元", b="2,903.0亿元"), text).computed == "103.50%"  # a fit binds anyway


def test_a_percentage_of_the_budget_is_read_as_a_completion_and_bound(tmp_path):
    """为预算的124.6%: the reader calls it a completion, the model is asked for actual and budget,
    and code computes 12.46 ÷ 10.00 (issue 15: it had been reported as read as unknown)."""
    text = ("三、一般公共预算财政拨款支出情况\n"
            "2024年度支出决算12.46万元，比年初预算10.00万元增加2.46万元，为预算的124.6%。\n")
    site, = percent_sites(text)
    assert site.item.metric == "completion" and "为预算的【124.6%】" in site.item.sentence
    report, _, _ = _check(tmp_path, text, [_answer({"a": "12.46万元", "b": "10.00万元"})])
    bound, = report["coverage"]["by_model"]
    assert bound["computed"] == "124.60%" and bound["text"].endswith("124.6%")
