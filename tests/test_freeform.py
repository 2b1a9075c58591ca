"""Free-form claims: quotes meet the sentence in normalised form (四十八点四二 = 48.42), ``bind``
names a subject's fact as the reader's binding does (in the sentence's section), and sentences the
rules cannot read reach the model."""

import json
from pathlib import Path

import pytest

from fake_openai import FakeOpenAI
from narrator.figures import load_figures
from narrator.figures.facts import Facts
from narrator.llm.client import ModelClient
from narrator.llm.exchanges import ExchangeStore
from narrator.llm.freeform import bind, check_free_claims, unread_sentences
from narrator.llm.quotes import normalise_quote, quoted_in
from narrator.llm.settings import ModelSettings
from narrator.read.context import Context

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "changzhi-2024.yaml"

SENTENCE = "机关运行经费比上年减少四十八点四二万元。"


@pytest.mark.parametrize("quote, sentence, meets", [
    ("48.42万元", "比上年减少四十八点四二万元", True),
    ("四十八点四二万元", "比上年减少48.420万元", True),
    ("百分之十二点五", "下降12.5%", True),
    ("1234.5万元", "支出1,234.50万元", True),
    ("48.43万元", "比上年减少四十八点四二万元", False),
    ("一般公共预算财政拨款支出", "与上年相比，一般公共预算财政拨款支出略有增长", True),
    ("一般公共预算支出", "与上年相比，一般公共预算财政拨款支出略有增长", False),
])
def test_quotes_meet_in_normalised_form(quote, sentence, meets):
    assert quoted_in(quote, sentence) is meets


def test_normalised_form_keeps_the_unit_words():
    assert normalise_quote("减少四十八点四二万元") == "减少48.42万元"
    assert normalise_quote("增长百分之五") == "增长5%"


@pytest.fixture(scope="module")
def example_facts():
    return Facts(load_figures(EXAMPLE))


def _client(server):
    return ModelClient(ModelSettings(base_url=server.base_url, model="fake", max_retries=1), ExchangeStore())


def test_a_chinese_numeral_quoted_as_digits_is_kept_and_checked(example_facts):
    run = example_facts["operating_expenses"]
    assert run.current > run.prior  # an increase, which the sentence calls 减少 by another amount
    claim = {"sentence": 1, "subject": "机关运行经费", "metric": "change", "direction": "减少", "value": "48.42万元"}
    with FakeOpenAI([("answer", json.dumps({"claims": [claim]}, ensure_ascii=False))]) as server:
        findings = check_free_claims(_client(server), SENTENCE, example_facts)
    assert len(server.requests) == 1  # accepted at the first answer: no retry
    assert {f.id for f in findings} == {"freeform.direction", "freeform.value"}


def test_a_doubling_in_words_is_sent_to_the_model():
    sentences = unread_sentences("机关运行经费增幅超过一倍。本年度无其他说明事项。")
    assert [s.text for s in sentences] == ["机关运行经费增幅超过一倍。"]


def test_a_subject_is_named_as_the_reader_names_it_in_its_section(example_facts):
    text = "三、支出决算情况说明\n一般公共服务支出略有增长。\n五、一般公共预算财政拨款支出决算情况说明\n一般公共服务支出略有增长。"
    ctx = Context(text, facts=example_facts)
    spending, general_budget = unread_sentences(text, ctx=ctx)
    assert bind(ctx, spending, "一般公共服务支出").key == "expenditure.201"
    assert bind(ctx, general_budget, "一般公共服务支出").key == "general_budget.201"
    # a change needs the prior year: 支出决算表's row carries none, so nothing is checked against it
    assert example_facts["expenditure.201"].prior is None
    assert bind(ctx, spending, "一般公共服务支出", needs_prior=True) is None
    assert bind(ctx, general_budget, "一般公共服务支出", needs_prior=True).key == "general_budget.201"


def test_an_excerpt_without_headings_names_its_family_in_the_subject(example_facts):
    text = "与上年相比，一般公共预算财政拨款支出略有增长。"
    ctx = Context(text, facts=example_facts)
    (sentence,) = unread_sentences(text, ctx=ctx)
    assert bind(ctx, sentence, "一般公共预算财政拨款支出", needs_prior=True).key == "general_budget.total"
    assert bind(ctx, sentence, "略有增长") is None
