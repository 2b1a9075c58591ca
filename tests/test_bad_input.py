"""The bad-input suite: every command answers bad input with exit 2 and one clear line.

No traceback, and nothing the user had is overwritten.
"""

import os
import subprocess
import sys

import pytest

from conftest import DATA, ROOT, run_cli

pytestmark = pytest.mark.heavy  # subprocesses, a wheel build or PDF redrafts: run by .ci/run with -m heavy

SEED = DATA / "seeds" / "004_49a4c96b5f43f329.txt"


def _one_line_error(result) -> bool:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    return result.returncode == 2 and "Traceback" not in result.stderr and len(lines) == 1


@pytest.fixture
def files(tmp_path):
    made = {
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "binary.txt",
        "truncated_pdf": tmp_path / "truncated.pdf",
        "missing": tmp_path / "missing.txt",
        "bad_docx": tmp_path / "bad.docx",
    }
    made["empty"].write_bytes(b"")
    made["binary"].write_bytes(bytes(range(256)) * 40)
    made["truncated_pdf"].write_bytes((DATA / "pdf" / "caizhengju-2024-planted-errors.pdf").read_bytes()[:5000])
    made["bad_docx"].write_bytes(b"PK\x03\x04 not really a zip")
    return made


@pytest.mark.parametrize("command", ["check", "extract", "fix", "readability"])
@pytest.mark.parametrize("kind", ["empty", "binary", "truncated_pdf", "missing", "bad_docx"])
def test_unreadable_documents(files, command, kind):
    result = run_cli(command, str(files[kind]))
    assert _one_line_error(result), (command, kind, result.returncode, result.stderr)


def test_gbk_text_is_read_like_utf8(tmp_path):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    assert run_cli("check", str(gbk), "--format", "json", "--no-model").stdout == \
        run_cli("check", str(SEED), "--format", "json", "--no-model").stdout.replace(str(SEED), str(gbk))


@pytest.mark.parametrize("content", ["unit: [unclosed\n", "- a list\n", "unit: x\nyear: 二〇二四\nsummary: {}\n"])
def test_bad_figures_files(tmp_path, content):
    path = tmp_path / "f.yaml"
    path.write_text(content, encoding="utf-8")
    for args in (("draft", str(path)), ("validate", str(path)), ("check", str(SEED), "--figures", str(path))):
        assert _one_line_error(run_cli(*args)), args


def test_unknown_flag_and_unknown_command():
    for args in (("check", str(SEED), "--no-such-flag"), ("no-such-command",), ("check",)):
        result = run_cli(*args)
        assert _one_line_error(result) and "用法错误" in result.stderr and "内部错误" not in result.stderr, args


def test_unwritable_output_path_leaves_nothing_behind(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        result = run_cli("draft", str(DATA / "figures" / "sample.yaml"), "-o", str(locked / "d.md"))
        assert _one_line_error(result) and list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_output_that_cannot_be_written_even_by_root():
    # /proc accepts no new files, whoever asks; the tmp file must not linger either.
    result = run_cli("draft", str(DATA / "figures" / "sample.yaml"), "-o", "/proc/narrator-draft.md")
    errors = [line for line in result.stderr.splitlines() if line.startswith("narrator: 错误")]  # not the self-check's 提示 lines
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(errors) == 1 and "无法写入" in errors[0]  # the draft's own warnings come first


def test_output_into_a_missing_folder(tmp_path):
    result = run_cli("extract", str(SEED), "-o", str(tmp_path / "no" / "f.yaml"))
    assert _one_line_error(result)


def test_50_mb_text_finishes_in_bounded_memory(tmp_path):
    big = tmp_path / "big.txt"
    line = SEED.read_bytes()
    with big.open("wb") as out:
        while out.tell() < 50 * 1024 * 1024:
            out.write(line)
    code = (
        "import resource, sys, narrator.app.cli as c; rc = c.main(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code, "check", str(big)], cwd=ROOT,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    *messages, peak_kb = result.stderr.strip().splitlines()
    assert result.returncode == 2 and "文件过大" in messages[0] and len(messages) == 1
    assert int(peak_kb) < 200 * 1024  # the 50 MB file is never read into memory
