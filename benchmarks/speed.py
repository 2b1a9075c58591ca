"""How fast narrator checks (a benchmark, not a test).

    . .venv/bin/activate && python benchmarks/speed.py [--rounds 20] [--batch 20] [--cold 7]
        [--model-gguf PATH] [--out FILE]

1. rules-only ``check_text`` per document against one regex pass that finds every number in
   the same text (the least any checker must do), as a ratio measured in the same run;
   for the whole seed text and for its narrative alone;
   and ``check_document`` (levels 1 and 2: the narrative bound to the document's own tables, what
   ``narrator check`` runs on a document) on each extracted seed, with ``extract`` beside it;
   each also with narrator's memo caches (functools.lru_cache of pure helpers such as
   ``parse_number``, ``name_core``) emptied before every call, the cost of a first, unseen document;
2. batch throughput on one core: ``narrator.app.review.review(paths, jobs=1)`` (the library behind
   ``narrator review``; it extracts and checks each file like ``narrator check --no-model``) on
   the seeds repeated ``--batch`` times, documents per second; again with the memo caches emptied
   before each document, through ``review_one`` in this process (the seeds repeat, so a warm cache
   flatters the batch; a patch would not reach review's worker process);
3. cold start: ``narrator --help`` in a fresh subprocess (median of ``--cold``), and whether
   openai / instructor are imported by ``--help`` or by a rules-only check;
4. ``--pdf``: the PDF readers side by side on the Putuo PDFs (golden/putuo-*/document.pdf): the
   pdfplumber reader narrator used before (``benchmarks/pdfplumber_reader.py``) and the PDFium
   reader (``narrator.extract.pdftext.pdf_text``), each reading the same PDF again and again in a
   process of its own, the two taking turns ``--pdf-rounds`` times: median CPU (and wall) seconds
   per read, the ratio, whether both give the same text, the findings ``narrator check`` gives on
   it; and ``review`` of the Putuo PDFs (wall clock, jobs=1), documents per second
   (``--only-pdf`` runs this part alone);
5. with ``--model-gguf``: tokens the model tier spends on seed 004 (a real run with the local
   model, ``ExchangeStore.usage``) against the whole document and its tables in one prompt,
   counted with the same model's tokenizer (the llama.cpp server's /tokenize endpoint).

Prints the figures and writes JSON (default benchmarks/results/speed.json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "data" / "seeds"
PUTUO = sorted((ROOT / "golden").glob("putuo-*/document.pdf"))
NUMBER = re.compile(r"\d[\d,]*(?:\.\s?\d+)?\s*%?")
VENV_BIN = Path(sys.executable).parent


def _best(fn, rounds: int) -> float:
    """Median seconds of ``fn()`` over ``rounds`` runs (after one warm-up)."""
    fn()
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def clear_caches() -> None:
    """Empty every functools cache in narrator's modules (pure helpers memoised across documents)."""
    for name, module in list(sys.modules.items()):
        if name == "narrator" or name.startswith("narrator."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "") == name:
                    value.cache_clear()


def _cold(fn):
    """``fn`` preceded by emptying the caches (timed together; emptying them takes microseconds)."""
    def run():
        clear_caches()
        return fn()
    return run


def check_vs_regex(rounds: int) -> list[dict]:
    from narrator.check import check_text
    from narrator.extract.sections import narrative_span

    rows = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        span = narrative_span(text) or (0, len(text))
        for scope, body in (("whole text", text), ("narrative", text[span[0]:span[1]])):
            regex_s = _best(lambda: NUMBER.findall(body), rounds)
            check_s = _best(lambda: check_text(body), rounds)
            rows.append({"document": path.name[:3], "scope": scope, "chars": len(body),
                         "numbers": len(NUMBER.findall(body)), "check_ms": round(check_s * 1000, 3),
                         "regex_ms": round(regex_s * 1000, 4), "ratio": round(check_s / regex_s, 1)})
    return rows


def check_document_vs_regex(rounds: int) -> list[dict]:
    """``check_document`` (what ``narrator check`` runs on a document) and ``extract`` per seed."""
    from narrator.check import check_document
    from narrator.extract import extract

    rows = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        document = extract(path)
        regex_s = _best(lambda: NUMBER.findall(text), rounds)
        check_s = _best(lambda: check_document(document), rounds)
        check_cold_s = _best(_cold(lambda: check_document(document)), rounds)
        extract_s = _best(lambda: extract(path), rounds)
        extract_cold_s = _best(_cold(lambda: extract(path)), rounds)
        rows.append({"document": path.name[:3], "chars": len(text), "numbers": len(NUMBER.findall(text)),
                     "findings": len(check_document(document)),
                     "check_document_ms": round(check_s * 1000, 3),
                     "check_document_cold_caches_ms": round(check_cold_s * 1000, 3),
                     "extract_ms": round(extract_s * 1000, 3),
                     "extract_cold_caches_ms": round(extract_cold_s * 1000, 3),
                     "regex_ms": round(regex_s * 1000, 4), "ratio": round(check_s / regex_s, 1),
                     "ratio_cold_caches": round(check_cold_s / regex_s, 1)})
    return rows


def batch_throughput(repeat: int, cold_caches: bool = False) -> dict:
    """``review`` (its documents in a worker process); with ``cold_caches`` the same documents through
    ``review_one`` in this process, the caches emptied before each (a patch cannot reach the worker)."""
    from narrator.app.review import ReviewResult, review, review_one

    paths = sorted(SEEDS.glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i in range(repeat):  # distinct files, so nothing can be cached by path
            for p in paths:
                target = Path(tmp) / f"{i:03d}-{p.name}"
                target.write_bytes(p.read_bytes())
                files.append(target)
        review(files[:len(paths)], jobs=1)  # warm-up: the worker's fork server and its imports
        t = time.perf_counter()
        if cold_caches:
            result = ReviewResult([(clear_caches(), review_one(f))[1] for f in files])
        else:
            result = review(files, jobs=1)
        elapsed = time.perf_counter() - t
    per_doc = {}
    for d in result.documents:
        per_doc.setdefault(Path(d.path).name.split("-", 1)[1][:3], len(d.findings))
    return {"documents": len(files), "seconds": round(elapsed, 3), "docs_per_s": round(len(files) / elapsed, 1),
            "unreadable": len(result.unreadable), "findings_per_seed": per_doc, "jobs": 1,
            "caches": "emptied before each document (in process)" if cold_caches else "kept across documents"}


def pdf_readers(rounds: int) -> list[dict]:
    """Old (pdfplumber) and new (PDFium) reader on each Putuo PDF, each in a process of its own that
    reads the same PDF again and again (as a review worker does: its garbage, and only its own, is
    collected by Python as it goes), the two taking turns ``rounds`` times so that a change in the
    machine's load affects both alike.  In one process, interleaved call by call, pdfplumber's
    cyclic garbage was collected inside the PDFium reader's next call (doubling it in some rounds)."""
    from benchmarks.pdfplumber_reader import pdfplumber_text
    from narrator.check import check_document
    from narrator.extract import extract
    from narrator.extract.pdftext import pdf_text

    rows = []
    for path in PUTUO:
        raw = path.read_bytes()
        old_text, new_text = pdfplumber_text(raw), pdf_text(raw, path)
        old, new = [], []
        for _ in range(rounds):
            old += _reader_times("pdfplumber", path, calls=2)
            new += _reader_times("pdfium", path, calls=6)
        old_cpu, new_cpu = statistics.median(t[1] for t in old), statistics.median(t[1] for t in new)
        old_s, new_s = statistics.median(t[0] for t in old), statistics.median(t[0] for t in new)
        rows.append({"document": path.parent.name.removeprefix("putuo-"), "pages": len(new_text.pages.starts),
                     "kb": round(len(raw) / 1024), "pdfplumber_cpu_s": round(old_cpu, 3),
                     "pdfium_cpu_s": round(new_cpu, 3), "ratio_cpu": round(old_cpu / new_cpu, 1),
                     "pdfplumber_s": round(old_s, 3), "pdfium_s": round(new_s, 3), "ratio": round(old_s / new_s, 1),
                     "calls": {"pdfplumber": len(old), "pdfium": len(new)},
                     "same_text": old_text == new_text, "findings": len(check_document(extract(path)))})
    return rows


_READER_PROCESS = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[4])
reader, path, calls = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
raw = path.read_bytes()
if reader == "pdfplumber":
    from benchmarks.pdfplumber_reader import pdfplumber_text
    read = lambda: pdfplumber_text(raw)
else:
    from narrator.extract.pdftext import pdf_text
    read = lambda: pdf_text(raw, path)
read()  # warm-up: imports, first use
times = []
for _ in range(calls):
    wall, cpu = time.perf_counter(), time.process_time()
    read()
    times.append((time.perf_counter() - wall, time.process_time() - cpu))
print(json.dumps(times))
"""


def _reader_times(reader: str, path: Path, calls: int) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of ``calls`` reads of ``path`` by ``reader`` in a fresh process, after a warm-up."""
    done = subprocess.run([sys.executable, "-c", _READER_PROCESS, reader, str(path), str(calls), str(ROOT)],
                          capture_output=True, text=True, check=True)
    return [tuple(t) for t in json.loads(done.stdout.strip().splitlines()[-1])]


def _times(fn) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one call (CPU time is what a busy shared machine distorts least)."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def pdf_review(repeat: int) -> dict:
    """``review`` (extract + check, what ``narrator review`` runs) of the Putuo PDFs on one core."""
    from narrator.app.review import review

    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i in range(repeat):  # distinct files, so nothing is remembered by path
            for p in PUTUO:
                target = Path(tmp) / f"{i:02d}-{p.parent.name}.pdf"
                target.write_bytes(p.read_bytes())
                files.append(target)
        review(files[:1], jobs=1)  # warm-up: imports
        elapsed, _ = _times(lambda: review(files, jobs=1))
    # wall-clock only: the work is done in review's worker process, whose CPU time this process
    # never sees (benchmarks/review_speed.py measures review pinned to one core)
    return {"documents": len(files), "seconds": round(elapsed, 2), "docs_per_s": round(len(files) / elapsed, 2),
            "jobs": 1}


def _print_pdf(rows: list[dict], batch: dict) -> None:
    print(f"\n{'PDF':<31} {'pages':>5} {'KB':>5} {'pdfplumber CPU s':>16} {'PDFium CPU s':>12} {'ratio':>6} "
          f"{'(wall s: old / new / ratio)':>28} {'same text':>9} {'findings':>8}")
    for r in rows:
        wall = f"{r['pdfplumber_s']:.3f} / {r['pdfium_s']:.3f} / {r['ratio']:.1f}x"
        print(f"{r['document']:<31} {r['pages']:>5} {r['kb']:>5} {r['pdfplumber_cpu_s']:>16.3f} "
              f"{r['pdfium_cpu_s']:>12.3f} {r['ratio_cpu']:>5.1f}x {wall:>28} {str(r['same_text']):>9} "
              f"{r['findings']:>8}")
    print(f"review of the Putuo PDFs (jobs=1): {batch['documents']} documents in {batch['seconds']} s = "
          f"{batch['docs_per_s']} documents/s (wall clock)")


def _median_run(cmd: list[str], n: int) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


_PROBE_HELP = """
import sys
from narrator.app.cli import main
try:
    main(['--help'])
except SystemExit:
    pass
print(sorted(m for m in ('openai', 'instructor', 'httpx', 'httpx2', 'pdfplumber', 'pypdfium2', 'jieba') if m in sys.modules))
"""

_PROBE_CHECK = """
import sys
from pathlib import Path
from narrator.check.engine import ModelOptions, check_path
r = check_path(Path(sys.argv[1]), None, (), ModelOptions(use_model=False), lambda m: None)
print(sorted(m for m in ('openai', 'instructor', 'httpx', 'httpx2', 'pdfplumber', 'pypdfium2', 'jieba') if m in sys.modules))
"""


def cold_start(n: int) -> dict:
    exe = str(VENV_BIN / "narrator")
    seed = str(next(SEEDS.glob("004_*.txt")))
    env = {**os.environ}
    env.pop("NARRATOR_LOCAL_MODEL", None)
    out = {
        "narrator_help_s": round(_median_run([exe, "--help"], n), 3),
        "python_startup_s": round(_median_run([sys.executable, "-c", "pass"], n), 3),
        "check_cli_no_model_s": round(_median_run([exe, "check", seed, "--format", "json", "--no-model"], n), 3),
    }
    for name, probe, args in (("help", _PROBE_HELP, []), ("rules_only_check", _PROBE_CHECK, [seed])):
        r = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, env=env)
        lines = r.stdout.strip().splitlines()
        out[f"modules_after_{name}"] = lines[-1] if lines else r.stderr.strip()[-300:]
    r = subprocess.run([sys.executable, "-X", "importtime", "-c", _PROBE_CHECK, seed], capture_output=True,
                       text=True, env=env)
    heavy = [line for line in r.stderr.splitlines() if re.search(r"\|\s*(openai|instructor)(\.|$)", line)]
    out["importtime_openai_or_instructor_lines"] = len(heavy)
    return out


def model_tokens(gguf: str) -> dict:
    """Tokens of the model tier on seed 004 (a real run) against the whole document in one prompt."""
    import urllib.request

    from narrator.extract import extract
    from narrator.llm.cause_check import cause_sites, check_causes
    from narrator.llm.client import ModelClient
    from narrator.llm.exchanges import ExchangeStore
    from narrator.llm.local import LocalServer
    from narrator.llm.settings import ModelSettings

    path = next(SEEDS.glob("004_*.txt"))
    document = extract(path)
    with LocalServer(gguf) as server:
        settings = ModelSettings(base_url=server.base_url, model="local", timeout=900)
        store = ExchangeStore(record=None, replay=None, cache_dir=None)
        t = time.perf_counter()
        findings = check_causes(ModelClient(settings, store), document.text, document.narrative_span)
        elapsed = time.perf_counter() - t
        root = server.base_url.rsplit("/v1", 1)[0]

        def count(text: str) -> int:
            body = json.dumps({"content": text}).encode()
            request = urllib.request.Request(f"{root}/tokenize", data=body,
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=120) as response:
                return len(json.loads(response.read())["tokens"])

        whole = count(document.text)
        narrative = count(document.text[slice(*document.narrative_span)])
    usage = store.usage
    return {"document": path.name, "cause_sites": len(cause_sites(document.text, document.narrative_span)),
            "model_calls": usage.calls, "prompt_tokens": usage.prompt_tokens,
            "completion_tokens": usage.completion_tokens, "model_tier_tokens": usage.total_tokens,
            "whole_document_tokens": whole, "narrative_tokens": narrative,
            "share_of_whole_document": round(usage.prompt_tokens / whole, 4) if whole else None,
            "findings": [f.text for f in findings], "seconds": round(elapsed, 1),
            "tokenizer": "llama.cpp /tokenize of the same GGUF model"}


_PROMPT_PROBE_NOTE = ("the whole-document figure counts only the document text (all five parts, tables as "
                      "tab-separated rows); any instructions would add to it, so the share is an upper bound")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--batch", type=int, default=20, help="how many times the 5 seeds are repeated")
    parser.add_argument("--cold", type=int, default=7)
    parser.add_argument("--model-gguf")
    parser.add_argument("--only-model", action="store_true", help="skip the timings (run the token count alone)")
    parser.add_argument("--pdf", action="store_true", help="also time the PDF readers on the Putuo PDFs")
    parser.add_argument("--only-pdf", action="store_true", help="time the PDF readers alone")
    parser.add_argument("--pdf-rounds", type=int, default=3,
                        help="turns of the two PDF readers, each in a fresh process (2 and 6 reads a turn)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results" / "speed.json")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))

    result: dict = {"machine": machine()}
    print(f"machine: {result['machine']}")
    if args.only_model and args.model_gguf:
        result["model_tokens"] = m = model_tokens(args.model_gguf)
        m["note"] = _PROMPT_PROBE_NOTE
        print(f"\nmodel tokens: {json.dumps(m, ensure_ascii=False)}")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
        return 0
    if args.pdf or args.only_pdf:
        result["pdf_readers"] = rows = pdf_readers(args.pdf_rounds)
        result["pdf_review"] = batch = pdf_review(4)
        _print_pdf(rows, batch)
        if args.only_pdf:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
            print(f"\nwrote {args.out}")
            return 0
    result["check_vs_regex"] = rows = check_vs_regex(args.rounds)
    print(f"\n{'doc':<4} {'scope':<11} {'chars':>6} {'numbers':>7} {'check ms':>9} {'regex ms':>9} {'ratio':>7}")
    for r in rows:
        print(f"{r['document']:<4} {r['scope']:<11} {r['chars']:>6} {r['numbers']:>7} {r['check_ms']:>9.2f} "
              f"{r['regex_ms']:>9.3f} {r['ratio']:>6.0f}x")
    result["check_document"] = rows = check_document_vs_regex(args.rounds)
    print(f"\n{'doc':<4} {'chars':>6} {'numbers':>7} {'check_document ms':>18} {'(cold caches)':>13} "
          f"{'extract ms':>10} {'(cold)':>7} {'regex ms':>9} {'ratio':>7}")
    for r in rows:
        print(f"{r['document']:<4} {r['chars']:>6} {r['numbers']:>7} {r['check_document_ms']:>18.2f} "
              f"{r['check_document_cold_caches_ms']:>13.2f} {r['extract_ms']:>10.2f} {r['extract_cold_caches_ms']:>7.2f} "
              f"{r['regex_ms']:>9.3f} {r['ratio']:>6.0f}x")
    result["batch"] = b = batch_throughput(args.batch)
    print(f"\nbatch (review, jobs=1): {b['documents']} documents in {b['seconds']} s = {b['docs_per_s']} documents/s")
    result["batch_cold_caches"] = b = batch_throughput(args.batch, cold_caches=True)
    print(f"batch, caches emptied before each document: {b['documents']} documents in {b['seconds']} s = "
          f"{b['docs_per_s']} documents/s")
    result["cold_start"] = c = cold_start(args.cold)
    print(f"\ncold start: {json.dumps(c, ensure_ascii=False)}")
    if args.model_gguf:
        result["model_tokens"] = m = model_tokens(args.model_gguf)
        m["note"] = _PROMPT_PROBE_NOTE
        print(f"\nmodel tokens: {json.dumps(m, ensure_ascii=False)}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


def machine() -> dict:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "platform": platform.platform()}


if __name__ == "__main__":
    raise SystemExit(main())
