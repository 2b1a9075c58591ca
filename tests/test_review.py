"""Batch review: the seeds' findings, unreadable files, parallel runs, summary output and exit codes."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from narrator.errors import ExitCode, NarratorError
from narrator.report.html import render_html
from narrator.app.review import collect, gather, review, run_review
from narrator.report.summary import print_summary, summary_dict

SEEDS = Path(__file__).parent / "data" / "seeds"


def seed(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


@pytest.fixture(scope="module")
def seeds_review():
    return review([SEEDS], jobs=1, progress=False)


def by_name(result, prefix: str):
    (doc,) = [d for d in result.documents if Path(d.path).name.startswith(prefix)]
    return doc


def errors(doc) -> set[str]:
    return {f.id for f in doc.findings if f.severity == "error"}


def test_batch_over_the_seeds_gives_their_known_findings(seeds_review):
    assert [Path(d.path).name[:3] for d in seeds_review.documents] == ["000", "001", "002", "003", "004"]
    assert {"rate.direction", "completion.value"} <= errors(by_name(seeds_review, "002"))
    assert errors(by_name(seeds_review, "004")) == set()
    assert all(d.ok for d in seeds_review.documents)


def test_offsets_point_into_each_document(seeds_review):
    for doc in seeds_review.documents:
        assert all(doc.text[f.start:f.end] == f.text for f in doc.findings)


def test_unreadable_file_is_reported_and_the_batch_goes_on(tmp_path):
    binary = tmp_path / "broken.pdf"
    binary.write_bytes(b"%PDF-1.7\n\x00\x01 truncated")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = review([binary, seed("002"), empty, tmp_path / "missing.txt"], progress=False)
    assert [d.ok for d in result.documents] == [False, True, False, False]
    assert "文件为空" in result.documents[2].error
    assert "文件不存在" in result.documents[3].error
    assert "rate.direction" in errors(result.documents[1])
    assert result.failed("error")


def test_two_jobs_give_the_same_result_as_one(tmp_path):
    paths = [SEEDS, tmp_path / "missing.txt"]
    one = review(paths, jobs=1, progress=False)
    two = review(paths, jobs=2, progress=False)
    assert [d.path for d in two.documents] == [d.path for d in one.documents]
    assert [d.findings for d in two.documents] == [d.findings for d in one.documents]
    assert [d.error for d in two.documents] == [d.error for d in one.documents]


def test_collect_searches_folders_recursively_and_drops_duplicates(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/x.txt", "a/b/y.md", "a/b/z.PDF", "a/w.docx", "a/skip.yaml", "a/.hidden.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = collect([tmp_path / "a", tmp_path / "a" / "x.txt"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a/b/y.md", "a/b/z.PDF", "a/w.docx", "a/x.txt"]


def test_files_found_but_not_checked_are_listed_with_why(tmp_path):
    (tmp_path / "a" / ".svn").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "a" / "link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    for name in ("a/x.txt", "a/skip.yaml", "a/.hidden.txt", "a/~$x.docx", "a/.svn/entries", "a/README"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found, skipped = gather([tmp_path / "a"])
    assert [p.name for p in found] == ["x.txt"]
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert set(reasons) == {".svn", "skip.yaml", ".hidden.txt", "~$x.docx", "README", "link"}
    assert "链接" in reasons["link"]
    assert "（.yaml）" in reasons["skip.yaml"] and "（无扩展名）" in reasons["README"]


def test_skipped_files_are_counted_and_listed_in_every_summary(tmp_path, capsys):
    shutil.copy(seed("002"), tmp_path / "a.txt")
    (tmp_path / "b.zip").write_bytes(b"PK")
    result = review([tmp_path], progress=False)
    assert result.files == 2 and [Path(s.path).name for s in result.skipped] == ["b.zip"]
    data = summary_dict(result)
    assert data["skipped"] == [{"document": str(tmp_path / "b.zip"), "reason": result.skipped[0].reason}]
    assert data["summary"]["files"] == 2 and data["summary"]["skipped"] == 1
    print_summary(result, "text", sys.stdout)
    out = capsys.readouterr().out
    assert "共 2 份" in out and "b.zip" in out and "未检查" in out
    page = render_html(result)
    assert "共 2 份文件" in page and "b.zip" in page and "未检查的文件（1 份）" in page
    from narrator.app.review_outputs import export_rows

    (last,) = [r for r in export_rows(result) if r.document.endswith("b.zip")]
    assert last.status == "未检查" and last.message == result.skipped[0].reason


def test_a_rerun_with_the_cache_rechecks_only_changed_files(tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    shutil.copytree(SEEDS, folder)
    cache = tmp_path / "cache"
    first = review([folder], progress=False, cache_dir=cache)
    assert first.reused == 0
    # every file now stalls its worker: a re-check would time out and show as an error
    monkeypatch.setenv("NARRATOR_TEST_STALL", "_")
    again = review([folder], progress=False, cache_dir=cache, timeout=20)
    assert again.reused == 5 and all(d.ok for d in again.documents)
    assert [d.findings for d in again.documents] == [d.findings for d in first.documents]
    monkeypatch.delenv("NARRATOR_TEST_STALL")
    changed = next(folder.glob("002_*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8").replace("下降", "增长", 1), encoding="utf-8")
    third = review([folder], progress=False, cache_dir=cache)
    assert third.reused == 4
    assert review([folder], progress=False, cache_dir=cache, disable=["rate"]).reused == 0  # other settings


def _entry(folder: Path, name: str, size: int, age_days: float) -> Path:
    import os
    import time

    path = folder / name[:2] / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    when = time.time() - age_days * 86400
    os.utime(path, (when, when))
    return path


def test_the_cache_is_trimmed_least_recently_used_first(tmp_path):
    from narrator.app.review_cache import trim_folder

    old, middle, new = (_entry(tmp_path, c * 64, 1000, age) for c, age in (("a", 30), ("b", 20), ("c", 1)))
    other = tmp_path / "notes" / "mine.txt"  # --cache may name a folder that holds other things
    other.parent.mkdir()
    other.write_text("keep", encoding="utf-8")
    assert trim_folder(tmp_path, 2500) == 1
    assert not old.exists() and middle.exists() and new.exists() and other.exists()
    assert trim_folder(tmp_path, 2500) == 0
    assert trim_folder(tmp_path, 0) == 2 and other.exists()


def test_a_run_keeps_the_cache_within_its_setting(tmp_path, monkeypatch):
    folder, cache = tmp_path / "docs", tmp_path / "cache"
    shutil.copytree(SEEDS, folder)
    review([folder], progress=False, cache_dir=cache)
    stale = _entry(cache, "f" * 64, 2 * 1024 * 1024, 400)  # an old version's result, 2 MB
    monkeypatch.setenv("NARRATOR_REVIEW_CACHE_MB", "1")
    changed = next(folder.glob("002_*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = review([folder], progress=False, cache_dir=cache)
    assert again.reused == 4 and not stale.exists()
    assert review([folder], progress=False, cache_dir=cache).reused == 5  # this run's entries were kept


def test_a_bad_cache_setting_is_refused_before_the_work(tmp_path, monkeypatch):
    monkeypatch.setenv("NARRATOR_REVIEW_CACHE_MB", "many")
    with pytest.raises(NarratorError, match="NARRATOR_REVIEW_CACHE_MB"):
        review([seed("002")], progress=False, cache_dir=tmp_path / "cache")


def test_the_command_says_how_many_results_it_reused(tmp_path, capsys):
    said = []
    paths, cache = [seed("002"), seed("004")], tmp_path / "cache"
    run_review(paths, fmt="json", cache_dir=cache, warn=said.append)
    run_review(paths, fmt="json", cache_dir=cache, warn=said.append)
    run_review(paths, fmt="json", cache_dir=cache, use_cache=False, warn=said.append)
    assert [line for line in said if "未改动" in line] == [said[0]]
    assert said[0].startswith("2 份文档未改动")
    last = json.loads(capsys.readouterr().out.split("\n}\n")[-2] + "\n}")
    assert last["summary"]["reused"] == 0 and last["summary"]["files"] == 2


def test_bounds_are_checked_before_the_work(tmp_path):
    for kwargs in ({"timeout": 0}, {"max_memory_mb": 10}, {"jobs": 0}):
        with pytest.raises(NarratorError):
            review([SEEDS], progress=False, **kwargs)


# ---------------------------------------------------------------- run_review: output and exit codes


def test_exit_1_when_findings_at_or_above_fail_on(capsys):
    assert run_review([SEEDS]) == ExitCode.FINDINGS
    assert run_review([seed("004")]) == ExitCode.CLEAN  # seed 004 has only an info
    assert run_review([seed("004")], fail_on="info") == ExitCode.FINDINGS


def test_unreadable_document_is_an_input_error_after_the_others_are_checked(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    assert run_review([seed("004"), tmp_path / "empty.txt"]) == ExitCode.USAGE
    captured = capsys.readouterr()
    assert "004_" in captured.out and "文件为空" in captured.out  # the batch went on and listed both
    assert "1 份文档无法读取" in captured.err


@pytest.mark.parametrize("kwargs", [{"fmt": "xml"}, {"fail_on": "fatal"}, {"jobs": 0}])
def test_bad_options_are_usage_errors(kwargs):
    with pytest.raises(NarratorError) as caught:
        run_review([SEEDS], **kwargs)
    assert caught.value.exit_code == ExitCode.USAGE


def test_no_documents_found_is_a_usage_error(tmp_path):
    (tmp_path / "notes.yaml").write_text("a: 1", encoding="utf-8")
    with pytest.raises(NarratorError, match="未找到可审核的文档"):
        run_review([tmp_path])
    with pytest.raises(NarratorError, match="未找到可审核的文档"):
        run_review([tmp_path / "missing.txt"])


def test_existing_report_needs_force(tmp_path, capsys):
    report = tmp_path / "r.html"
    report.write_text("keep me", encoding="utf-8")
    with pytest.raises(NarratorError, match="--force") as caught:
        run_review([seed("004")], report=report)
    assert caught.value.exit_code == ExitCode.USAGE
    assert report.read_text(encoding="utf-8") == "keep me"
    assert run_review([seed("004")], report=report, force=True) == ExitCode.CLEAN
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "已写出审核报告" in capsys.readouterr().err


def test_unwritable_report_path_fails_before_the_work(tmp_path):
    with pytest.raises(NarratorError, match="输出目录不存在"):
        run_review([SEEDS], report=tmp_path / "no" / "r.html")
    with pytest.raises(NarratorError, match="是目录"):
        run_review([SEEDS], report=tmp_path)


def test_text_summary_is_a_plain_table_when_not_a_terminal(capsys):
    run_review([SEEDS, seed("002")])
    out, err = capsys.readouterr()
    assert "\x1b[" not in out and err == ""  # no colour, no progress bar off a terminal
    assert "批量审核结果" in out and "共 5 份" in out
    row = next(line for line in out.splitlines() if "002_" in line)
    assert "rate.direction×2" in row and "completion.value×1" in row


def test_json_summary_is_one_object(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    run_review([seed("002"), tmp_path / "empty.txt"], fmt="json")
    payload = json.loads(capsys.readouterr().out)
    first, second = payload["documents"]
    assert first["status"] == "checked" and first["summary"]["by_id"]["rate.direction"] == 2
    assert {f["id"] for f in first["findings"]} >= {"rate.direction", "completion.value"}
    assert second["status"] == "unreadable" and "文件为空" in second["error"]
    assert payload["summary"]["documents"] == 2 and payload["summary"]["unreadable"] == 1



def test_disable_switches_checks_off_by_prefix():
    result = review([seed("002")], disable=["rate"], progress=False)
    ids = {f.id for f in result.documents[0].findings}
    assert "completion.value" in ids and not any(i.startswith("rate.") for i in ids)
