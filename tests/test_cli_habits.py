"""What reviewers expect of a command-line tool: --version, explain, a settings file, stdin, Chinese help and errors."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

import narrator
from narrator.app.cli import main
from narrator.errors import ExitCode

SEEDS = Path(__file__).parent / "data" / "seeds"
FIGURES = Path(__file__).parent / "data" / "figures" / "sample.yaml"
WARNING_ONLY = "2024年度支出决算为10.00万元，比上年增加2.00万元，增长25.00%。\n"  # change.no_cause only
ENGLISH = re.compile(r"Usage|Options|Arguments|Commands|Show this|Error|Missing|No such|Invalid|required|default:")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.strip() == f"narrator {narrator.__version__}"


def test_explain_a_rule_shows_what_why_and_both_examples_from_its_record(capsys):
    from narrator.check import all_checks

    (check,) = [c for c in all_checks() if c.id == "rate.value"]
    code, out, _ = run(capsys, "explain", "rate.value")
    assert code == 0
    for part in (check.title, check.description, check.why, check.should_flag[0], check.should_pass[0]):
        assert part in out
    assert "→ 报出：" in out  # the should-flag example was run


def test_explain_a_model_check(capsys):
    code, out, _ = run(capsys, "explain", "cause.direction")
    assert code == 0 and "需配置模型" in out


def test_explain_an_unknown_id_is_one_line_with_the_nearest(capsys):
    code, out, err = run(capsys, "explain", "rate.valu")
    assert code == ExitCode.USAGE and out == ""
    assert len(err.strip().splitlines()) == 1 and "rate.value" in err


# ---------------------------------------------------------------- settings


def test_settings_file_sets_the_fail_level_and_the_command_line_wins(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.txt").write_text(WARNING_ONLY, encoding="utf-8")
    assert run(capsys, "check", "d.txt", "--no-model")[0] == ExitCode.CLEAN
    (tmp_path / "narrator.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    assert run(capsys, "check", "d.txt", "--no-model")[0] == ExitCode.FINDINGS
    assert run(capsys, "check", "d.txt", "--no-model", "--fail-on", "error")[0] == ExitCode.CLEAN
    assert run(capsys, "review", "d.txt")[0] == ExitCode.FINDINGS


def test_pyproject_tool_narrator_disables_checks_from_a_parent_folder(tmp_path, monkeypatch, capsys):
    (tmp_path / "pyproject.toml").write_text('[tool.narrator]\nfail-on = "warning"\ndisable = ["change"]\n',
                                             encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt").write_text(WARNING_ONLY, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "sub")
    code, out, _ = run(capsys, "check", "d.txt", "--no-model", "--format", "json")
    assert code == ExitCode.CLEAN and json.loads(out)["findings"] == []
    code, out, _ = run(capsys, "check", "d.txt", "--no-model", "--format", "json", "--disable", "rate")
    assert code == ExitCode.FINDINGS and {f["id"] for f in json.loads(out)["findings"]} == {"change.no_cause"}


def test_settings_file_picks_the_template_set(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    national = run(capsys, "draft", str(FIGURES))[1]
    (tmp_path / "narrator.toml").write_text('template = "guizhou"\n', encoding="utf-8")
    guizhou = run(capsys, "draft", str(FIGURES))[1]
    assert guizhou != national
    assert run(capsys, "draft", str(FIGURES), "-t", "national")[1] == national


@pytest.mark.parametrize("content, words", [
    ('fail-on = "fatal"\n', "fail-on"),
    ('disable = "rate"\n', "disable"),
    ('disable = ["rat"]\n', "rat"),
    ('colour = "red"\n', "未知的设置"),
    ("fail-on = \n", "TOML"),
])
def test_a_bad_setting_is_one_chinese_line_and_exit_2(tmp_path, monkeypatch, capsys, content, words):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "narrator.toml").write_text(content, encoding="utf-8")
    (tmp_path / "d.txt").write_text(WARNING_ONLY, encoding="utf-8")
    code, out, err = run(capsys, "check", "d.txt", "--no-model")
    assert code == ExitCode.USAGE and out == ""
    assert len(err.strip().splitlines()) == 1 and words in err and "narrator.toml" in err
    assert "Traceback" not in err and "line" not in err


# ---------------------------------------------------------------- stdin


def test_check_dash_reads_standard_input(monkeypatch, capsys):
    text = (SEEDS / next(p.name for p in SEEDS.iterdir() if p.name.startswith("002"))).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text), encoding="utf-8"))
    code, out, _ = run(capsys, "check", "-", "--no-model", "--format", "json")
    payload = json.loads(out)
    assert code == ExitCode.FINDINGS and payload["document"] == "标准输入"
    assert "rate.direction" in {f["id"] for f in payload["findings"]}


def test_check_dash_with_empty_input_names_standard_input(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8"))
    code, _, err = run(capsys, "check", "-", "--no-model")
    assert code == ExitCode.USAGE and "标准输入: 文件为空" in err and "/tmp" not in err


# ---------------------------------------------------------------- first contact: Chinese


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["review", "--help"], ["draft", "--help"],
                                  ["explain", "--help"], ["golden", "run", "--help"], ["model", "--help"]])
def test_help_pages_are_chinese(capsys, args):
    code, out, _ = run(capsys, *args)
    assert code == 0 and "用法：" in out and "显示本帮助并退出" in out
    assert not ENGLISH.search(out), out


@pytest.mark.parametrize("args, words", [
    (["check", "--bogus"], "没有选项 --bogus"),
    (["check"], "缺少参数"),
    (["review", "--jobs", "x", "d"], "应为整数"),
    (["nocmd"], "没有命令 nocmd"),
    (["check", "a", "b"], "多余的参数"),
    (["check", "--format"], "需要一个值"),
])
def test_usage_errors_are_one_chinese_line(capsys, args, words):
    code, out, err = run(capsys, *args)
    assert code == ExitCode.USAGE and out == ""
    assert len(err.strip().splitlines()) == 1 and words in err and "--help" in err
    assert not ENGLISH.search(err), err


def test_no_arguments_shows_the_chinese_help(capsys):
    code, _, err = run(capsys)
    assert code == ExitCode.USAGE and "用法：narrator" in err and not ENGLISH.search(err)
