"""The draft → check loop: a complete figures file drafts clean; gaps draft as placeholders check reports."""

from pathlib import Path

import yaml

from narrator.check import check_text
from narrator.app.cli import main
from narrator.draft import draft, load_template_set
from narrator.figures import load_figures
from narrator.placeholders import PLACEHOLDER

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "changzhi-2024.yaml"


def load_figures_facts():
    from narrator.figures import Facts

    return Facts(load_figures(EXAMPLE))


def _with_gaps(tmp_path: Path) -> Path:
    """The example with one change cause, one budget cause and one prior amount taken out."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    del data["causes"]["general_budget.total"], data["causes"]["general_budget.201@budget"]
    del data["prior"]["grand_total.income"]
    path = tmp_path / "gaps.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_complete_figures_draft_clean(capsys):
    assert main(["draft", str(EXAMPLE)]) == 0
    out, err = capsys.readouterr()
    assert not PLACEHOLDER.search(out)
    assert "自检" not in err and "占位符" not in err
    assert check_text(out, facts=load_figures_facts()) == []


def test_figures_with_gaps_draft_placeholders_that_check_reports(tmp_path, capsys):
    gaps = _with_gaps(tmp_path)
    assert main(["draft", str(gaps), "-o", str(tmp_path / "draft.md")]) == 0
    err = capsys.readouterr().err
    text = (tmp_path / "draft.md").read_text(encoding="utf-8")
    placeholders = PLACEHOLDER.findall(text)
    assert len(placeholders) == 3  # the two causes and the prior amount
    assert err.count("[unfinished.placeholder]") == 3  # draft checks its own text
    assert main(["check", str(tmp_path / "draft.md"), "--no-model", "--format", "json"]) == 1
    import json

    report = json.loads(capsys.readouterr().out)
    found = [f for f in report["findings"] if f["id"] == "unfinished.placeholder"]
    assert sorted(f["text"] for f in found) == sorted(placeholders)
    assert all(f["severity"] == "error" for f in found)


def test_an_empty_list_is_reported():
    figures = load_figures(EXAMPLE)
    text = draft(figures, load_template_set("national")).markdown
    emptied = text.replace("其中：", "其中：。", 1)
    ids = [f.id for f in check_text(emptied)]
    assert "unfinished.empty_list" in ids and "unfinished.empty_list" not in [f.id for f in check_text(text)]

