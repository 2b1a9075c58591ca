"""Every golden case, collected by pytest; and the runner's own behaviour."""

import shutil

import pytest

from conftest import ROOT, run_cli
from narrator.app.golden import find_cases, run_case

CASES = find_cases(ROOT / "golden")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_case(case):
    outcomes = run_case(case)
    assert outcomes, f"{case.name}: case.yaml names no output"
    problems = [f"{o.case}/{o.output}: {o.status}\n{o.diff}" for o in outcomes if not o.passed]
    assert not problems, "\n".join(problems)


def test_changed_template_fails_with_a_diff_and_update_restores(tmp_path, sample_figures):
    templates = tmp_path / "mine"
    shutil.copytree(ROOT / "templates" / "national", templates)
    case = tmp_path / "golden" / "demo"
    case.mkdir(parents=True)
    shutil.copy(sample_figures, case / "figures.yaml")
    (case / "case.yaml").write_text(
        f"description: demo\ndraft: {{figures: figures.yaml, template: '{templates}'}}\n", encoding="utf-8")
    root = str(tmp_path / "golden")

    missing = run_cli("golden", "run", "--root", root)
    assert missing.returncode == 1 and "缺少期望文件" in missing.stderr
    assert run_cli("golden", "run", "--root", root, "--update").returncode == 0
    assert run_cli("golden", "run", "--root", root).returncode == 0

    overall = templates / "02_income.md.j2"
    overall.write_text(overall.read_text(encoding="utf-8").replace("本年收入合计", "本年收入总额"), encoding="utf-8")
    changed = run_cli("golden", "run", "--root", root)
    assert changed.returncode == 1
    assert "demo/draft.md" in changed.stdout and "-2024年度本年收入合计" in changed.stdout and "+2024年度本年收入总额" in changed.stdout
    assert run_cli("golden", "run", "--root", root, "--update").returncode == 0
    assert run_cli("golden", "run", "--root", root).returncode == 0


def test_unknown_case_is_a_usage_error():
    result = run_cli("golden", "run", "no-such-case")
    assert result.returncode == 2 and "no-such-case" in result.stderr


def test_a_model_request_the_recording_lacks_fails_the_case(tmp_path):
    # what a changed causes prompt does: its requests are no longer in the recording
    case = tmp_path / "seed-002"
    shutil.copytree(ROOT / "golden" / "seed-002", case)
    recording = (case / "model.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (case / "model.jsonl").write_text("".join(line for line in recording if 'CauseAnswers' not in line),
                                      encoding="utf-8")
    (check,) = [o for o in run_case(case) if o.output == "findings.json"]
    assert check.status == "differs"
    assert '+    "cause.direction",' in check.diff
