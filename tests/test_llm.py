"""The model path over real HTTP against a scripted local server, and record/replay."""

import json

import pytest

from fake_openai import FakeOpenAI
from narrator.llm.causes import CauseItem, judge_causes
from narrator.llm.client import ModelClient, ModelUnavailable
from narrator.llm.exchanges import ExchangeStore
from narrator.llm.prompts import available_prompts, render_prompt
from narrator.llm.settings import resolve_settings

ITEMS = [
    CauseItem(1, "一般公共预算财政拨款支出", "减少", "人员增加导致支出增加"),
    CauseItem(2, "公务接待费", "减少", "公务接待人次减少"),
]
GOOD = json.dumps({"1": "增加", "2": "减少"}, ensure_ascii=False)
SECRET = "sk-test-very-secret-key-123"


def _client(server, store=None, timeout=20.0, retries=2):
    settings = resolve_settings({"base_url": server.base_url if server else "http://127.0.0.1:9/v1",
                                 "model": "fake", "api_key": SECRET, "timeout": timeout, "max_retries": retries},
                                env={})
    return ModelClient(settings, store or ExchangeStore())


def test_prompts_are_files_and_render():
    assert "causes" in available_prompts()
    system, user = render_prompt("causes", {"items": ITEMS})
    assert "不做计算" in system and "[2] 原因：公务接待人次减少" in user
    assert "减少" not in user.split("[1]")[1].split("[2]")[0].replace("人员增加导致支出增加", "")  # no computed direction leaks


def test_verdicts_over_http():
    with FakeOpenAI([("answer", GOOD)]) as server:
        verdicts = judge_causes(_client(server), ITEMS)
    assert verdicts[1].contradicts and not verdicts[2].contradicts
    assert server.requests[0]["temperature"] == 0


def test_garbage_json_is_retried():
    with FakeOpenAI([("answer", "{not json"), ("answer", GOOD)]) as server:
        verdicts = judge_causes(_client(server), ITEMS)
    assert len(server.requests) == 2 and verdicts[1].implied == "增加"


def test_an_unknown_or_missing_id_is_sent_back_with_the_error():
    bad = json.dumps({"1": "增加", "7": "减少"}, ensure_ascii=False)
    with FakeOpenAI([("answer", bad), ("answer", GOOD)]) as server:
        verdicts = judge_causes(_client(server), ITEMS)
    retry_messages = json.dumps(server.requests[1]["messages"], ensure_ascii=False)
    assert "7" in retry_messages and "2" in retry_messages and verdicts[2].implied == "减少"


def test_the_answer_is_compact_constrained_json_by_id():
    with FakeOpenAI([("answer", GOOD)]) as server:
        judge_causes(_client(server), ITEMS)
    request = server.requests[0]
    schema = request["response_format"]["json_schema"]["schema"]
    assert schema["required"] == ["1", "2"] and schema["additionalProperties"] is False
    assert set(schema["properties"]["1"]["enum"]) == {"增加", "减少", "不明"}
    assert "reason" not in json.dumps(schema) and request["max_tokens"] < 100


def test_only_a_cause_that_names_the_budget_may_be_read_as_a_budget_gap():
    items = [CauseItem(1, "支出", "增加", "年中追加预算"), CauseItem(2, "支出", "增加", "本年新增项目")]
    answer = json.dumps({"1": "与预算比较", "2": "增加"}, ensure_ascii=False)
    with FakeOpenAI([("answer", answer)]) as server:
        verdicts = judge_causes(_client(server), items)
    properties = server.requests[0]["response_format"]["json_schema"]["schema"]["properties"]
    assert "与预算比较" in properties["1"]["enum"] and "与预算比较" not in properties["2"]["enum"]
    assert not verdicts[1].contradicts


def test_causes_go_in_batches_of_ten_and_are_read_by_id_not_position():
    directions = ["增加", "减少"]
    items = [CauseItem(i, "支出", directions[i % 2], f"第{i}项经费{directions[(i + 1) % 2]}") for i in range(1, 16)]
    # each batch answers in reverse order, and every cause the opposite of its numbers
    answers = [{str(i): directions[(i + 1) % 2] for i in reversed(range(lo, hi))} for lo, hi in ((1, 11), (11, 16))]
    with FakeOpenAI([("answer", json.dumps(a, ensure_ascii=False)) for a in answers]) as server:
        verdicts = judge_causes(_client(server), items)
    assert len(server.requests) == 2
    assert [m["content"].count("原因：") for m in (r["messages"][-1] for r in server.requests)] == [10, 5]
    assert all(verdicts[i].contradicts and verdicts[i].implied != items[i - 1].direction for i in range(1, 16))


def test_only_a_clear_opposite_contradicts():
    items = ITEMS + [CauseItem(3, "公用经费", "增加", "统筹安排工作经费")]
    answer = json.dumps({"1": "不明", "2": "增加", "3": "减少"}, ensure_ascii=False)
    alone = json.dumps({"1": "不明"}, ensure_ascii=False)
    with FakeOpenAI([("answer", answer), ("answer", alone)]) as server:
        verdicts = judge_causes(_client(server), items)
    assert not verdicts[1].contradicts  # 不明 reports nothing, asked alone too (its words read against the numbers)
    assert len(server.requests) == 2 and server.requests[1]["messages"][-1]["content"].count("原因：") == 1
    assert not verdicts[2].contradicts  # read 增加, but its words say 人次减少
    assert not verdicts[3].contradicts  # read 减少, but no word of the cause says so


def test_a_cause_whose_words_oppose_its_numbers_is_read_again_alone():
    """The batch read it 不明; alone the model reads it the way its words point: a finding.
    A cause whose words fit its numbers (2) is never asked twice."""
    batch = json.dumps({"1": "不明", "2": "减少"}, ensure_ascii=False)
    with FakeOpenAI([("answer", batch), ("answer", json.dumps({"1": "增加"}))]) as server:
        verdicts = judge_causes(_client(server), ITEMS)
    assert verdicts[1].implied == "增加" and verdicts[1].contradicts and not verdicts[2].contradicts
    second = server.requests[1]["messages"][-1]["content"]
    assert len(server.requests) == 2 and "[1] 原因：人员增加导致支出增加" in second and "[2]" not in second


@pytest.mark.parametrize("script", [
    [("answer", "{not json")] * 3,
    [("status", 500)] * 3,
    [("refuse", "I can't help with that")] * 3,
    [("answer", json.dumps({"9": "增加"}))] * 3,
    [("answer", json.dumps({"1": "上升", "2": "减少"}, ensure_ascii=False))] * 3,
])
def test_misbehaving_server_gives_up_with_one_reason(script):
    with FakeOpenAI(script) as server:
        with pytest.raises(ModelUnavailable) as caught:
            judge_causes(_client(server), ITEMS)
    assert SECRET not in str(caught.value) and "\n" not in str(caught.value)


def test_stall_past_the_total_timeout():
    with FakeOpenAI([("stall", 5)] * 3) as server:
        with pytest.raises(ModelUnavailable, match="超时|Timeout|timed out"):
            judge_causes(_client(server, timeout=1.5, retries=1), ITEMS)


def test_a_server_that_drips_bytes_is_stopped_at_the_total_deadline():
    import time

    import instructor  # noqa: F401 - imported before the clock starts: the deadline is the call's
    import openai  # noqa: F401

    started = time.monotonic()
    with FakeOpenAI([("drip", 0.5)] * 3) as server:
        with pytest.raises(ModelUnavailable, match="超时"):
            judge_causes(_client(server, timeout=1, retries=2), ITEMS)
        elapsed = time.monotonic() - started
    assert elapsed < 2.5  # one deadline for every try, each chunk counted


def test_unreachable_server():
    with pytest.raises(ModelUnavailable):
        judge_causes(_client(None, timeout=2, retries=0), ITEMS)


def test_record_then_replay_offline(tmp_path):
    recording = tmp_path / "answers.jsonl"
    with FakeOpenAI([("answer", GOOD)]) as server:
        store = ExchangeStore(record=recording)
        first = judge_causes(_client(server, store), ITEMS)
    assert store.usage.calls == 1 and store.usage.total_tokens == 120
    assert SECRET not in recording.read_text(encoding="utf-8")
    assert SECRET in json.dumps(server.headers)  # it was sent, only never written
    replayed = judge_causes(_client(None, ExchangeStore(replay=recording)), ITEMS)  # no server running
    assert replayed == first
    with pytest.raises(ModelUnavailable, match="回放"):
        judge_causes(_client(None, ExchangeStore(replay=recording), retries=0), ITEMS[:1])


def test_cache_by_content_hash(tmp_path):
    with FakeOpenAI([("answer", GOOD)]) as server:
        store = ExchangeStore(cache_dir=tmp_path / "cache")
        judge_causes(_client(server, store), ITEMS)
        again = judge_causes(_client(server, store), ITEMS)
    assert len(server.requests) == 1 and again[2].implied == "减少"


def test_settings_precedence(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('[model]\nbase_url = "http://file/v1"\nmodel = "from-file"\ntimeout = 30\n', encoding="utf-8")
    env = {"NARRATOR_CONFIG": str(config), "NARRATOR_MODEL": "from-env", "OPENAI_API_KEY": "sk-env"}
    settings = resolve_settings({}, env)
    assert (settings.base_url, settings.model, settings.timeout) == ("http://file/v1", "from-env", 30.0)
    assert settings.api_key.get_secret_value() == "sk-env" and "sk-env" not in repr(settings)
    assert settings.mode == "json_schema"
    assert resolve_settings({"model": "flag"}, env).model == "flag"
    assert resolve_settings({}, {"NARRATOR_CONFIG": str(tmp_path / "none.toml")}) is None
    assert resolve_settings({"model": "gpt"}, {"NARRATOR_CONFIG": str(tmp_path / "none.toml")}).mode == "tools"


def test_free_claim_quotes_not_in_the_sentence_are_sent_back():
    from narrator.llm.freeform import Sentence, read_free_claims

    sentences = [Sentence(1, 0, 23, "与上年相比，一般公共预算财政拨款支出略有增长。")]
    invented = json.dumps({"claims": [{"sentence": 1, "subject": "一般公共预算财政拨款支出", "metric": "change_rate",
                                       "direction": "增加", "value": "百分之五"}]}, ensure_ascii=False)
    honest = invented.replace("百分之五", "")
    with FakeOpenAI([("answer", invented), ("answer", honest)]) as server:
        claims = read_free_claims(_client(server), sentences)
    retry = json.dumps(server.requests[1]["messages"], ensure_ascii=False)
    assert "不在第 1 句原文中" in retry and "百分之五" in retry
    assert claims[0].value == "" and claims[0].direction == "增加"
    with FakeOpenAI([("answer", invented)] * 3) as server:
        with pytest.raises(ModelUnavailable):
            read_free_claims(_client(server), sentences)


def test_a_cause_whose_words_point_both_ways_is_no_clear_opposite():
    items = [CauseItem(1, "工资福利支出", "减少", "退休人员增多，在职人员工资福利支出减少"),
             CauseItem(2, "工资福利支出", "减少", "在职人员增多，工资福利支出增加")]
    with FakeOpenAI([("answer", json.dumps({"1": "增加", "2": "增加"}, ensure_ascii=False))]) as server:
        verdicts = judge_causes(_client(server), items)
    assert not verdicts[1].contradicts and verdicts[2].contradicts
