"""Exports and the baseline: CSV and XLSX with one row per finding; a re-run against its own baseline is clean."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from narrator.app.baseline import baseline_json, load_baseline
from narrator.app.cli import main
from narrator.errors import ExitCode, NarratorError
from narrator.report.exports import HEADER, Source, render_csv, rows
from narrator.findings import Finding
from narrator.app.review import review, run_review

SEEDS = Path(__file__).parent / "data" / "seeds"
TEXT = "2024年度支出100.00万元，比上年增加20.00万元，下降15.00%。\n公务接待费XX万元。\n"


@pytest.fixture(scope="module")
def seeds_review():
    return review([SEEDS], progress=False)


def write(folder: Path, name: str, text: str = TEXT) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_has_one_row_per_finding_with_line_page_and_title():
    start = TEXT.index("下降")
    on_page = Finding("rate.direction", "error", start, start + 2, "下降", "方向矛盾", "下降15.00%", "增长25.00%",
                      page=3)
    table = rows([Source("a.txt", TEXT, (on_page,)), Source("gone.txt", error="gone.txt: 文件不存在")])
    parsed = list(csv.reader(io.StringIO(render_csv(table).lstrip("\ufeff"))))
    assert parsed[0] == list(HEADER)
    assert parsed[1] == ["a.txt", "3", "1", "rate.direction", "增减方向矛盾", "错误", "下降15.00%", "增长25.00%",
                         "方向矛盾", "新"]
    assert parsed[2][0] == "gone.txt" and parsed[2][-1] == "无法读取" and "文件不存在" in parsed[2][-2]
    assert render_csv(table).startswith("\ufeff")  # Excel reads Chinese CSV only with the BOM


def test_review_xlsx_opens_in_openpyxl_with_one_row_per_finding(tmp_path, capsys):
    openpyxl = pytest.importorskip("openpyxl")
    report = tmp_path / "findings.xlsx"
    html = tmp_path / "report.html"
    run_review([SEEDS], report=[report, html])
    findings = review([SEEDS], progress=False).findings
    sheet = openpyxl.load_workbook(report, read_only=True).active
    table = list(sheet.iter_rows(values_only=True))
    assert table[0] == HEADER
    assert len(table) - 1 == len(findings) > 20
    assert {row[3] for row in table[1:]} == {f.id for f in findings}
    assert all(row[4] for row in table[1:])  # every check has its Chinese title
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    err = capsys.readouterr().err
    assert "已写出问题清单" in err and "已写出审核报告" in err


def test_review_csv_format_on_stdout(seeds_review, capsys):
    run_review([SEEDS], fmt="csv")
    out = capsys.readouterr().out
    parsed = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert len(parsed) - 1 == len(seeds_review.findings)


def test_check_csv_format(tmp_path, capsys):
    doc = write(tmp_path, "一.txt")
    assert main(["check", str(doc), "--format", "csv", "--no-model"]) == ExitCode.FINDINGS
    parsed = list(csv.reader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    assert parsed[0] == list(HEADER)
    assert {"rate.direction", "convention.residue"} <= {row[3] for row in parsed[1:]}


# ---------------------------------------------------------------- baseline


def test_review_rerun_against_its_own_baseline_shows_no_new_findings(tmp_path, capsys):
    accepted = tmp_path / "accepted.json"
    assert run_review([SEEDS], write_baseline=accepted) == ExitCode.FINDINGS
    capsys.readouterr()
    assert run_review([SEEDS], baseline=accepted, fmt="json") == ExitCode.CLEAN
    summary = json.loads(capsys.readouterr().out)
    total = sum(len(d["accepted"]) for d in summary["documents"])
    assert summary["summary"]["total"] == 0 and summary["summary"]["accepted"] == total > 20
    assert all(d["findings"] == [] for d in summary["documents"])


def test_a_new_finding_is_new_and_the_accepted_ones_stay_accepted(tmp_path, capsys):
    doc = write(tmp_path, "一.txt")
    accepted = tmp_path / "accepted.json"
    assert main(["check", str(doc), "--no-model", "--write-baseline", str(accepted)]) == ExitCode.FINDINGS
    doc.write_text("新增一段。\n" + TEXT + "收入总计50.00万元，比上年减少5.00万元，增长10.00%。\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(doc), "--no-model", "--baseline", str(accepted), "--format", "json"]) == ExitCode.FINDINGS
    captured = capsys.readouterr()
    payload = json.loads(captured.out)
    assert [f["text"] for f in payload["findings"] if f["id"] == "rate.direction"] == ["减少5.00万元，增长10.00%"]
    assert {f["id"] for f in payload["accepted"]} >= {"rate.direction", "convention.residue"}
    assert "已在基线" in captured.err


def test_a_baseline_matches_from_another_directory_and_paths_written_another_way(tmp_path, monkeypatch, capsys):
    work = tmp_path / "work"
    (work / "docs").mkdir(parents=True)
    doc = write(work / "docs", "一.txt")
    monkeypatch.chdir(work)
    assert run_review([Path("docs")], write_baseline=Path("accepted.json"), use_cache=False) == ExitCode.FINDINGS
    assert main(["check", "docs/一.txt", "--no-model", "--write-baseline", "one.json"]) == ExitCode.FINDINGS
    saved = json.loads((work / "accepted.json").read_text(encoding="utf-8"))
    assert {e["document"] for e in saved["accepted"]} == {"docs/一.txt"}  # relative to the baseline's folder
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    capsys.readouterr()
    for given in (Path("../work/docs"), work / "docs", Path("../work/./docs/../docs/一.txt")):
        assert run_review([given], baseline=Path("../work/accepted.json"), fmt="json", use_cache=False) == ExitCode.CLEAN
        summary = json.loads(capsys.readouterr().out)
        assert summary["summary"]["total"] == 0 and summary["summary"]["accepted"] > 0, given
    code = main(["check", str(doc), "--no-model", "--baseline", str(work / "one.json"), "--format", "json"])
    payload = json.loads(capsys.readouterr().out)
    assert code == ExitCode.CLEAN and payload["findings"] == [] and payload["accepted"]


def test_a_first_version_baseline_is_read_from_where_it_was_written(tmp_path, monkeypatch, capsys):
    doc = write(tmp_path, "一.txt")
    monkeypatch.chdir(tmp_path)
    result = review([Path("一.txt")], progress=False)
    entries = [{"document": "一.txt", "fingerprint": f.fingerprint} for f in result.findings]
    old = write(tmp_path, "old.json", json.dumps({"narrator_baseline": 1, "accepted": entries}))
    capsys.readouterr()
    assert main(["check", str(doc), "--no-model", "--baseline", str(old), "--format", "json"]) == ExitCode.CLEAN


def test_baseline_html_shows_accepted_findings_greyed_and_uncounted(tmp_path):
    from narrator.report.html import render_html
    from narrator.app.review_outputs import apply_baseline

    doc = write(tmp_path, "一.txt")
    result = review([doc], progress=False)
    baseline_file = write(tmp_path, "b.json", baseline_json([(str(doc), result.findings)], tmp_path))
    apply_baseline(result, load_baseline(baseline_file))
    html = render_html(result)
    assert result.findings == [] and result.documents[0].accepted
    assert 'data-accepted="1"' in html and "显示已接受的问题" in html and "不计入" in html


@pytest.mark.parametrize("content", ["{", '{"accepted": []}', '{"narrator_baseline": 1, "accepted": [1]}'])
def test_a_bad_baseline_is_one_line(tmp_path, content):
    bad = write(tmp_path, "b.json", content)
    with pytest.raises(NarratorError) as caught:
        run_review([SEEDS], baseline=bad)
    assert "基线文件" in str(caught.value) and "\n" not in str(caught.value)


def test_writing_a_baseline_never_overwrites_without_force(tmp_path):
    accepted = write(tmp_path, "accepted.json", "keep")
    with pytest.raises(NarratorError, match="--force"):
        run_review([SEEDS], write_baseline=accepted)
    assert accepted.read_text(encoding="utf-8") == "keep"
