"""The local model's failure modes and laziness, without a real model: a wrong path, a file that
is no GGUF model and a missing xllamacpp each end in one line, and the rules' results still print."""

import json
import sys

import pytest

from conftest import run_cli
from narrator.llm.cause_check import check_causes
from narrator.llm.client import ModelClient, ModelUnavailable
from narrator.llm.exchanges import ExchangeStore
from narrator.llm.settings import default_threads, resolve_settings

CONTRADICTS = "机关运行经费支出71.20万元，比上年增加48.48万元，增长213.38%，主要原因是严格执行过紧日子要求，压缩公用经费。"
WRONG_RATE = "公务接待费支出10.00万元，比上年减少2.00万元，下降30.00%，主要原因是接待批次减少。"


def _local_client(path, started):
    settings = resolve_settings({}, {"NARRATOR_LOCAL_MODEL": str(path), "NARRATOR_CONFIG": "/nonexistent.toml"})
    return ModelClient(settings, ExchangeStore(), on_start=lambda: started.append(True))


def test_local_settings_take_threads_and_the_model_from_the_environment(tmp_path):
    env = {"NARRATOR_LOCAL_MODEL": str(tmp_path / "m.gguf"), "NARRATOR_THREADS": "1", "NARRATOR_TIMEOUT": "7",
           "NARRATOR_CONFIG": str(tmp_path / "none.toml")}
    settings = resolve_settings({}, env)
    assert settings.is_local and settings.threads == 1 and settings.timeout == 7 and settings.mode == "json_schema"
    assert not resolve_settings({"base_url": "http://x/v1"}, env).is_local  # a named server wins
    assert 1 <= default_threads() <= 8


def test_nothing_to_ask_never_starts_the_model(tmp_path):
    started: list = []
    client = _local_client(tmp_path / "missing.gguf", started)
    assert check_causes(client, "本年度收入合计100.00万元。") == []
    assert started == []


@pytest.mark.parametrize("kind", ["missing", "not_gguf", "no_xllamacpp"])
def test_a_local_model_that_cannot_start_is_one_line(tmp_path, monkeypatch, kind):
    path = tmp_path / "model.gguf"
    if kind != "missing":
        path.write_bytes(b"GGUF" if kind == "no_xllamacpp" else b"<html>not a model</html>")
    if kind == "no_xllamacpp":
        monkeypatch.setitem(sys.modules, "xllamacpp", None)  # import fails as when the extra is missing
    started: list = []
    client = _local_client(path, started)
    with pytest.raises(ModelUnavailable) as caught:
        check_causes(client, CONTRADICTS)
    reason = str(caught.value)
    assert caught.value.unreachable and "\n" not in reason and started == [True]
    assert {"missing": "不存在", "not_gguf": "不是 GGUF", "no_xllamacpp": "xllamacpp"}[kind] in reason


@pytest.mark.heavy  # a subprocess: the command line as a user runs it
def test_check_with_a_broken_model_file_prints_the_rules_results(tmp_path, monkeypatch):
    model = tmp_path / "broken.gguf"
    model.write_bytes(b"PK\x03\x04 a zip, not a model")
    doc = tmp_path / "n.txt"
    doc.write_text(WRONG_RATE, encoding="utf-8")
    monkeypatch.setenv("NARRATOR_LOCAL_MODEL", str(model))
    for name in ("NARRATOR_BASE_URL", "NARRATOR_MODEL"):
        monkeypatch.delenv(name, raising=False)
    result = run_cli("check", str(doc), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    assert "rate.value" in {f["id"] for f in json.loads(result.stdout)["findings"]}
    failures = [line for line in result.stderr.splitlines() if "模型未能完成" in line]
    assert len(failures) == 1 and "不是 GGUF" in failures[0]
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr


class _FakeXllamacpp:
    """Stands in for xllamacpp: records the parameters the server was started with."""

    def __init__(self):
        from types import SimpleNamespace

        self.started = []
        self.CommonParams = lambda: SimpleNamespace(
            model=SimpleNamespace(path=None), cpuparams=SimpleNamespace(n_threads=0, poll=50),
            cpuparams_batch=SimpleNamespace(n_threads=0, poll=50), sampling=SimpleNamespace(temp=1.0),
            verbosity=3)
        fake = self

        class Server:
            listening_address = "http://127.0.0.1:1"

            def __init__(self, params):
                fake.started.append(params)

        self.Server = Server


@pytest.mark.parametrize("verbose, level", [(False, 0), (True, 3)])
def test_the_local_server_is_silent_passive_and_takes_its_threads(tmp_path, monkeypatch, verbose, level):
    from narrator.llm.local import LocalServer

    model = tmp_path / "m.gguf"
    model.write_bytes(b"GGUF\x03\x00\x00\x00")
    fake = _FakeXllamacpp()
    monkeypatch.setitem(sys.modules, "xllamacpp", fake)
    monkeypatch.setenv("OMP_WAIT_POLICY", "unset")  # recorded, so the test leaves the variable as it found it
    monkeypatch.delenv("OMP_WAIT_POLICY")
    with LocalServer(model, threads=1, verbose=verbose) as server:
        assert server.base_url == "http://127.0.0.1:1/v1"
    params, = fake.started
    assert params.verbosity == level and params.cpuparams.n_threads == params.cpuparams_batch.n_threads == 1
    assert params.cpuparams.poll == 0 and params.sampling.temp == 0
    import os

    assert os.environ["OMP_WAIT_POLICY"] == "PASSIVE"
