"""Hostile and odd inputs (issue 14): bounded, reported in one line, never silently misread.

Each case runs the command line in-process (``narrator.app.cli.main``) and asserts the
exit code, one line on stderr (no traceback, no 内部错误) and, where a case must not
change what narrator finds, the same findings as the plain input.  The big cases
(billion laughs at full size, a zip bomb, peak memory, a real /dev/full and pipe)
run in a subprocess in the heavy tier at the end of this file.
"""

import errno
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import DATA, ROOT
from fake_openai import FakeOpenAI
from narrator.app.cli import main
from narrator.redact import redact

SEED = DATA / "seeds" / "004_49a4c96b5f43f329.txt"  # a whole 决算 with ten tables
SHARES = "本年支出合计502.98万元，其中：基本支出278.49万元，占55.37%；项目支出224.49万元，占44.63%。\n"
BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n" for prev, name in zip("abcdefgh", "bcdefghi"))


def _run(capsys, *args: str) -> tuple[int, str, list[str]]:
    """Exit code, stdout and the stderr lines that are not the usual hints."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, [line for line in err.splitlines() if line.strip() and "提示" not in line]


def _one_error(code: int, lines: list[str], *words: str) -> bool:
    text = "\n".join(lines)
    return (code == 2 and len(lines) == 1 and "Traceback" not in text and "内部错误" not in text
            and all(word in text for word in words))


def _findings(capsys, path: Path) -> list[tuple[str, str]]:
    code, out, _ = _run(capsys, "check", str(path), "--format", "json", "--no-model")
    assert code in (0, 1)
    return [(f["id"], f["stated"]) for f in json.loads(out)["findings"]]


# --- figures files: bounded parsing, duplicate keys, numbers that are no amount -------------

@pytest.mark.parametrize("name,content,words", [
    ("laughs.yaml", BILLION_LAUGHS, ("别名",)),
    ("self.yaml", "a: &a [1, *a]\n", ("别名",)),
    ("deep.yaml", "a: " + "[" * 5000 + "]" * 5000 + "\n", ("嵌套",)),
    ("deep.json", '{"a": ' + "[" * 5000 + "]" * 5000 + "}", ("嵌套",)),
    ("wide-alias.yaml", "x: &x " + "[" * 40 + "]" * 40 + "\ny: &y " + "[" * 30 + "*x" + "]" * 30 + "\n", ("嵌套",)),
])
def test_figures_that_grow_are_refused(tmp_path, capsys, name, content, words):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, _, lines = _run(capsys, "validate", str(path))
    assert _one_error(code, lines, *words), lines


@pytest.mark.parametrize("name,content,path_word", [
    ("dup.yaml", "unit: 甲\nyear: 2024\nunit: 乙\n", "unit: 键重复（第 3 行）"),
    ("nested-dup.yaml", "summary:\n  income_total: 1\n  income_total: 2\n", "summary.income_total: 键重复"),
    ("dup.json", '{"unit": "甲", "summary": {"income_total": 1, "income_total": 2}}', "summary.income_total: 键重复"),
])
def test_duplicate_keys_are_named_by_path(tmp_path, capsys, name, content, path_word):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, _, lines = _run(capsys, "validate", str(path))
    assert _one_error(code, lines, path_word), lines


@pytest.mark.parametrize("written,suffix,said", [
    (".inf", "yaml", "不是有限的数字"), ("-.inf", "yaml", "不是有限的数字"), (".nan", "yaml", "不是有限的数字"),
    ("1.0e+400", "yaml", "数字过大"), ("9" * 5000, "yaml", "数字位数过多"), ("1:20:30.5", "yaml", "不是有限的数字"),
    ("Infinity", "json", "不是有限的数字"), ("NaN", "json", "不是有限的数字"), ("1e400", "json", "数字过大"),
    ("9" * 5000, "json", "数字位数过多"),
])
def test_numbers_that_are_no_amount(tmp_path, capsys, sample_figures, written, suffix, said):
    text = sample_figures.read_text(encoding="utf-8").replace("income_total: 465.34", f"income_total: {written}")
    assert written in text
    path = tmp_path / f"f.{suffix}"
    if suffix == "json":
        from narrator.figures.parse import parse_yaml

        data = parse_yaml(sample_figures.read_text(encoding="utf-8"), "sample")
        text = json.dumps(data, ensure_ascii=False, default=str).replace('"465.34"', written)
    path.write_text(text, encoding="utf-8")
    for args in (("validate", str(path)), ("draft", str(path))):
        code, _, lines = _run(capsys, *args)
        assert _one_error(code, lines, "summary.income_total", said), (args, lines)


# --- DOCX and XLSX whose members unpack past the limits -------------------------------------

def _padded_docx(path: Path, padding: int) -> Path:
    """A DOCX whose document.xml carries ``padding`` spaces in a comment, written in pieces (small memory)."""
    from docx import Document

    plain = io.BytesIO()
    document = Document()
    document.add_paragraph(SHARES)
    document.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename != "word/document.xml":
                out.writestr(item.filename, data)
                continue
            head, tail = data.split(b"<w:body>", 1)
            with out.open(item.filename, "w") as member:
                member.write(head + b"<w:body><!--")
                for start in range(0, padding, 1 << 20):
                    member.write(b" " * min(1 << 20, padding - start))
                member.write(b"-->" + tail)
    return path


@pytest.mark.parametrize("variable", ["NARRATOR_MAX_UNZIPPED_BYTES", "NARRATOR_MAX_XML_BYTES"])
def test_docx_that_unpacks_past_the_limit(tmp_path, capsys, monkeypatch, variable):
    small = _padded_docx(tmp_path / "small.docx", 0)
    padded = _padded_docx(tmp_path / "padded.docx", 3 * 1024 * 1024)
    monkeypatch.setenv(variable, str(2 * 1024 * 1024))
    assert padded.stat().st_size < 64 * 1024
    code, _, lines = _run(capsys, "check", str(padded), "--no-model")
    assert _one_error(code, lines, "解压后", variable), lines
    assert _findings(capsys, small) == _findings(capsys, _padded_docx(tmp_path / "p.docx", 1024 * 1024))


def test_xlsx_that_unpacks_past_the_limit(tmp_path, capsys, monkeypatch):
    book = tmp_path / "f.xlsx"
    assert _run(capsys, "template-xlsx", str(book))[0] == 0
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item.filename, source.read(item.filename))
        out.writestr("xl/media/padding.bin", b"\0" * (3 * 1024 * 1024))
    monkeypatch.setenv("NARRATOR_MAX_UNZIPPED_BYTES", str(2 * 1024 * 1024))
    code, _, lines = _run(capsys, "validate", str(bomb))
    assert _one_error(code, lines, "XLSX 解压后"), lines


def test_a_figures_file_past_the_size_limit(tmp_path, capsys, monkeypatch, sample_figures):
    monkeypatch.setenv("NARRATOR_MAX_BYTES", "1000")
    code, _, lines = _run(capsys, "validate", str(sample_figures))
    assert _one_error(code, lines, "文件过大", "NARRATOR_MAX_BYTES"), lines


def test_a_limit_set_to_nonsense_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("NARRATOR_MAX_BYTES", "lots")
    code, _, lines = _run(capsys, "check", str(SEED), "--no-model")
    assert _one_error(code, lines, "NARRATOR_MAX_BYTES"), lines


# --- honest decoding ---------------------------------------------------------------------

def test_big5_is_read_as_big5_and_said(tmp_path, capsys):
    import opencc

    traditional = opencc.OpenCC("s2t").convert(SEED.read_text(encoding="utf-8"))
    as_utf8, as_big5 = tmp_path / "utf8.txt", tmp_path / "big5.txt"
    as_utf8.write_text(traditional, encoding="utf-8")
    as_big5.write_bytes(traditional.encode("big5", errors="replace"))
    assert _findings(capsys, as_big5) == _findings(capsys, as_utf8)
    main(["check", str(as_big5), "--no-model"])
    assert "已按 Big5 解码" in capsys.readouterr().err
    main(["check", str(as_utf8), "--no-model"])
    assert "解码" not in capsys.readouterr().err  # UTF-8 is said by nobody


def test_gbk_is_said_and_a_tie_is_a_warning(tmp_path, capsys):
    whole, short = tmp_path / "gbk.txt", tmp_path / "short.txt"
    whole.write_bytes(SEED.read_text(encoding="utf-8").encode("gbk"))
    short.write_bytes("本年支出合计502.98万元".encode("gbk"))
    assert _findings(capsys, whole) == _findings(capsys, SEED)
    main(["check", str(whole), "--no-model"])
    err = capsys.readouterr().err
    assert "GB18030" in err and "把握不大" not in err
    main(["check", str(short), "--no-model"])
    assert "把握不大" in capsys.readouterr().err  # too short to be sure: said, not silent


@pytest.mark.parametrize("second_look", [True, False])
def test_a_decode_the_detector_is_unsure_of_is_said(monkeypatch, second_look):
    import charset_normalizer

    from narrator.extract.decoding import decode_text

    detect = charset_normalizer.from_bytes
    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda raw, threshold=0.2: (
        detect(raw, threshold=threshold) if second_look and threshold > 0.2 else []))
    text = SHARES * 3
    decoded = decode_text(text.encode("gbk"), Path("x.txt"))
    assert decoded.text == text and len(decoded.notes) == 2
    assert "GB18030" in decoded.notes[0] and "把握不大" in decoded.notes[1]


def test_zero_width_space_inside_numbers_hides_nothing(tmp_path, capsys):
    plain, marked = tmp_path / "plain.txt", tmp_path / "marked.txt"
    wrong = SHARES.replace("55.37%", "56.37%")
    plain.write_text(wrong, encoding="utf-8")
    marked.write_text(wrong.replace("278.49", "27\u200b8.49").replace("56.37", "56.3\u200b7"), encoding="utf-8")
    assert ("share.value", "56.37%") in _findings(capsys, plain)
    assert _findings(capsys, marked) == _findings(capsys, plain)
    correct = tmp_path / "correct.txt"
    correct.write_text(SHARES.replace("55.37", "55.3\u200b7").replace("502.98", "50\u2060\u202c2.98"), encoding="utf-8")
    assert _findings(capsys, correct) == []  # a correct share is not flagged


def test_bare_cr_line_ends_make_no_table_errors(tmp_path, capsys):
    mac = tmp_path / "cr.txt"
    mac.write_bytes(SEED.read_bytes().replace(b"\n", b"\r"))
    assert _findings(capsys, mac) == _findings(capsys, SEED)


# --- templates run sandboxed ---------------------------------------------------------------

def test_a_template_cannot_run_commands(tmp_path, capsys, sample_figures):
    evil = tmp_path / "evil"
    shutil.copytree(ROOT / "templates" / "national", evil)
    marker = tmp_path / "pwned"
    (evil / "01_overall.md.j2").write_text(
        f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}\n", encoding="utf-8")
    code, out, lines = _run(capsys, "draft", str(sample_figures), "-t", str(evil))
    assert _one_error(code, lines, "沙箱"), lines
    assert not marker.exists() and out == ""


def test_a_template_manifest_is_bounded_like_figures(tmp_path, capsys, sample_figures):
    bombed = tmp_path / "bombed"
    shutil.copytree(ROOT / "templates" / "national", bombed)
    with (bombed / "manifest.yaml").open("a", encoding="utf-8") as manifest:
        manifest.write(BILLION_LAUGHS.replace("a:", "x:", 1).replace("*a", "*x").replace("&a", "&x"))
    code, out, lines = _run(capsys, "draft", str(sample_figures), "-t", str(bombed))
    assert _one_error(code, lines, "别名") and out == "", lines


def test_prompts_render_sandboxed():
    from jinja2.sandbox import SandboxedEnvironment

    from narrator.llm.prompts import _environment

    assert isinstance(_environment(), SandboxedEnvironment)


# --- output: only new paths or regular files; stdout errors are one line -------------------

def test_output_is_never_a_device_directory_or_fifo(tmp_path, capsys, sample_figures):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for target in ("/dev/null", str(tmp_path), str(fifo)):
        before = os.stat(target).st_mode
        for args in (("draft", str(sample_figures)), ("extract", str(SEED)), ("fix", str(SEED)),
                     ("review", str(SEED), "--report")):
            code, _, lines = _run(capsys, *args, *([] if args[0] == "review" else ["-o"]), target, "--force")
            assert _one_error(code, lines, "不能作为输出文件"), (target, args, lines)
        assert os.stat(target).st_mode == before and not stat.S_ISREG(os.stat(target).st_mode)


def test_written_files_keep_ordinary_permissions(tmp_path, capsys, sample_figures):
    new, kept = tmp_path / "new.md", tmp_path / "kept.md"
    kept.write_text("旧稿", encoding="utf-8")
    kept.chmod(0o640)
    umask = os.umask(0o022)
    try:
        assert _run(capsys, "draft", str(sample_figures), "-o", str(new))[0] == 0
        assert _run(capsys, "draft", str(sample_figures), "-o", str(kept), "--force")[0] == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o644 and stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir() if "narrator-tmp" in p.name] == []


class _BrokenStdout(io.StringIO):
    def __init__(self, error: int):
        super().__init__()
        self.error = error

    def write(self, text):
        raise OSError(self.error, os.strerror(self.error))

    def fileno(self):
        raise io.UnsupportedOperation("no descriptor")


@pytest.mark.parametrize("error,said", [(errno.ENOSPC, "磁盘空间不足"), (errno.EPIPE, "管道已关闭")])
def test_stdout_errors_are_one_line(monkeypatch, capsys, sample_figures, error, said):
    monkeypatch.setattr(sys, "stdout", _BrokenStdout(error))
    code = main(["draft", str(sample_figures)])
    lines = [line for line in capsys.readouterr().err.splitlines() if "提示" not in line]
    assert _one_error(code, lines, "标准输出", said), lines


# --- secrets and the answer cache ----------------------------------------------------------

SECRET = "sk-live-0123456789abcdefSECRET"


def test_redactor_removes_keys_and_token_shapes(monkeypatch):
    monkeypatch.setenv("NARRATOR_API_KEY", "plain-key-without-shape")
    said = redact("401: key plain-key-without-shape; Authorization: Bearer abc.def.ghi-123456; sk-proj-ABCDEFGH123;"
                  " {'api_key': 'zzzzzzzzzzzz'} config-key", ["config-key"])
    for secret in ("plain-key-without-shape", "abc.def.ghi-123456", "sk-proj-ABCDEFGH123", "zzzzzzzzzzzz", "config-key"):
        assert secret not in said
    assert said.startswith("401: key ***")


def test_a_server_that_echoes_the_key_prints_no_key(tmp_path, capsys, monkeypatch):
    document = tmp_path / "d.txt"
    document.write_text("一般公共预算财政拨款支出100万元，比上年减少10万元，下降9.09%，主要原因是人员增加。\n", encoding="utf-8")
    with FakeOpenAI([("echo_key", 401)] * 6) as server:
        monkeypatch.setenv("NARRATOR_API_KEY", SECRET)
        code = main(["check", str(document), "--base-url", server.base_url, "--model", "m"])
        err = capsys.readouterr().err
    assert code in (0, 1) and "401" in err and SECRET not in err and SECRET[:12] not in err
    assert any(SECRET in json.dumps(headers) for headers in server.headers)  # it was sent, never shown


def _ask(server, store, model="m", retries=0):
    from narrator.llm.causes import CauseItem, judge_causes
    from narrator.llm.client import ModelClient
    from narrator.llm.settings import resolve_settings

    settings = resolve_settings({"base_url": server.base_url, "model": model, "max_retries": retries, "timeout": 20},
                                env={})
    return judge_causes(ModelClient(settings, store), [CauseItem(1, "一般公共预算财政拨款支出", "减少", "人员减少")])


GOOD = json.dumps({"1": "减少"}, ensure_ascii=False)


def test_cache_key_holds_server_and_model_and_only_valid_answers(tmp_path):
    from narrator.llm.client import ModelUnavailable
    from narrator.llm.exchanges import SCOPE_HEADER, ExchangeStore

    store = ExchangeStore(cache_dir=tmp_path / "cache")
    with FakeOpenAI([("answer", "{not json")]) as bad:
        with pytest.raises(ModelUnavailable):
            _ask(bad, store)
    assert not list((tmp_path / "cache").glob("*.json"))  # the invalid answer was not kept
    with FakeOpenAI([("answer", GOOD), ("answer", GOOD)]) as first, FakeOpenAI([("answer", GOOD)]) as second:
        _ask(first, store)
        _ask(first, store)  # from the cache
        _ask(first, store, model="other")  # another model: asked
        _ask(second, store)  # another server: asked
    assert (len(first.requests), len(second.requests)) == (2, 1)
    assert all(SCOPE_HEADER not in {k.lower() for k in headers} for headers in first.headers)


def test_cache_key_holds_the_schema_and_prompt():
    from narrator.llm.exchanges import cache_key, cache_scope

    scope = cache_scope("causes", "prompt v1", {"type": "object"})
    assert len({scope, cache_scope("causes", "prompt v2", {"type": "object"}),
                cache_scope("causes", "prompt v1", {"type": "array"})}) == 3
    assert cache_key("http://a/v1", b"{}", scope) != cache_key("http://b/v1", b"{}", scope)


# --- terminal: a document cannot steer it --------------------------------------------------

def test_stderr_escapes_what_a_file_name_carries(tmp_path, capsys):
    code, _, lines = _run(capsys, "check", str(tmp_path / "\x1b]0;PWNED\x07.txt"))
    assert _one_error(code, lines, "文件不存在", "\\x1b]0;PWNED\\x07") and "\x1b" not in lines[0], lines


def test_escape_sequences_are_shown_escaped(tmp_path, capsys):
    document = tmp_path / "esc.txt"
    document.write_text(SHARES.replace("55.37%", "56.37%。\x1b]0;PWNED\x07\x1b[2J\u202e"), encoding="utf-8")
    for fmt in ("text", "markdown"):
        code, out, _ = _run(capsys, "check", str(document), "--no-model", "--format", fmt)
        assert code == 1 and "\x1b" not in out and "\x07" not in out and "\u202e" not in out
        assert "\\x1b]0;PWNED\\x07" in out


def test_json_escapes_bidi_and_c1_controls_and_keeps_the_text(tmp_path, capsys):
    steering = "\u202e\u2066\x9b\x7f\x1b"  # right-to-left override, isolate, C1 CSI, DEL, ESC
    document = tmp_path / f"说明{steering}.txt"
    document.write_text(SHARES.replace("55.37%", f"56.37%。{steering}"), encoding="utf-8")
    for command in (["check", str(document), "--no-model"], ["review", str(tmp_path), "--no-cache"]):
        code, out, _ = _run(capsys, *command, "--format", "json")
        assert code == 1 and not any(c in out for c in steering), command
        assert "\\u202e\\u2066\\u009b\\u007f\\u001b" in out  # JSON's own escapes
        data = json.loads(out)
        documents = [data["document"]] if "document" in data else [d["document"] for d in data["documents"]]
        assert documents == [str(document)]  # a program reading the JSON gets the name unchanged


# --- heavy: the full-size cases in a subprocess, with peak memory ---------------------------

# The child's own peak (VmHWM, kB): getrusage's ru_maxrss may carry the parent's high-water mark over exec.
PEAK = ("import sys, narrator.app.cli as c; rc = c.main(sys.argv[1:]); "
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')), file=sys.stderr); "
        "sys.exit(rc)")


def _measured(*args: str, stdout=subprocess.PIPE) -> tuple[int, list[str], int]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, "-c", PEAK, *args], cwd=ROOT, stdout=stdout, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8", timeout=10, env=env)
    *messages, peak_kb = result.stderr.strip().splitlines()
    return result.returncode, [m for m in messages if "提示" not in m], int(peak_kb)


@pytest.mark.heavy
def test_billion_laughs_stays_small_and_fast(tmp_path):
    bomb = tmp_path / "laughs.yaml"
    bomb.write_text(BILLION_LAUGHS, encoding="utf-8")
    assert bomb.stat().st_size < 1024
    code, lines, peak_kb = _measured("validate", str(bomb))
    assert _one_error(code, lines, "别名") and peak_kb < 200 * 1024


@pytest.mark.heavy
def test_deep_nesting_stays_small_and_fast(tmp_path):
    for name, text in (("deep.yaml", "a: " + "[" * 100_000 + "]" * 100_000), ("deep.json", "[" * 100_000 + "]" * 100_000)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        code, lines, peak_kb = _measured("draft", str(path))
        assert _one_error(code, lines, "嵌套") and peak_kb < 200 * 1024


@pytest.mark.heavy
def test_zip_bomb_is_refused_in_bounded_memory(tmp_path):
    bomb = _padded_docx(tmp_path / "bomb.docx", 200 * 1024 * 1024)
    assert bomb.stat().st_size < 1024 * 1024
    for command in ("check", "extract", "readability"):
        code, lines, peak_kb = _measured(command, str(bomb))
        assert _one_error(code, lines, "解压后", "压缩炸弹") and peak_kb < 200 * 1024, (command, lines)


@pytest.mark.heavy
def test_real_dev_full_and_closed_pipe(sample_figures):
    with open("/dev/full", "w") as full:
        code, lines, _ = _measured("draft", str(sample_figures), stdout=full)
    assert _one_error(code, lines, "磁盘空间不足"), lines
    reader = subprocess.Popen(["true"], stdin=subprocess.PIPE)  # a reader that leaves at once (| head -0)
    reader.wait()
    writer = subprocess.run([sys.executable, "-m", "narrator.app.cli", "draft", str(sample_figures)], cwd=ROOT,
                            stdout=reader.stdin, stderr=subprocess.PIPE, text=True, encoding="utf-8", timeout=30)
    reader.stdin.close()
    lines = [line for line in writer.stderr.splitlines() if "提示" not in line]
    assert _one_error(writer.returncode, lines, "管道已关闭"), lines
