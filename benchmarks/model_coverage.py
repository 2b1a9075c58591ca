"""The dev corpus with the model tier on (a benchmark, not a test): precision and coverage.

    . .venv/bin/activate && python benchmarks/model_coverage.py [--local-model PATH.gguf]
        [--disable ID ...] [--out FILE]

Runs ``narrator check DOC --format json`` on every labelled document with whatever model is
configured (NARRATOR_BASE_URL / NARRATOR_MODEL, the config file, NARRATOR_LOCAL_MODEL, or
``--local-model``), keeping each document's JSON, stderr and wall time, then scores those outputs
with the corpus's own scorer (../shared/tools/score.py, through a wrapper that prints the kept
output, so score.py's 120 s limit a document does not cut a slow model short).  From the outputs it
adds up coverage — percentages read, checked against their amounts, checked because the model
quoted the amounts (``coverage.by_model``) —, the ``unbound.percent`` warnings, and the model's
calls and tokens (the line ``narrator check`` prints on stderr).  Run it without a model for the
rules-only figures.  Answers are not cached (a fresh NARRATOR_CACHE): every run asks the model.
The documents stay in ../shared; the JSON written (default benchmarks/results/model_coverage.json)
holds counts only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEV_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
SCORE = ROOT.parent / "shared" / "tools" / "score.py"
_USAGE = re.compile(r"模型调用 (\d+) 次，输入 (\d+) tokens，输出 (\d+) tokens")

# score.py runs NARRATOR as `NARRATOR check DOC --format json`; this wrapper prints what the real run printed.
_REPLAY = """#!{python}
import json, pathlib, sys
kept = json.loads((pathlib.Path({keep!r}) / (pathlib.Path(sys.argv[2]).name + ".json")).read_text(encoding="utf-8"))
sys.stdout.write(kept["stdout"])
sys.exit(kept["rc"])
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--local-model", type=Path)
    parser.add_argument("--disable", nargs="*", default=[])
    parser.add_argument("--cache", type=Path, help="answer cache to reuse (copied, never written back): the "
                        "answers of an earlier run for the same requests, so its seconds are not the model's")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "model_coverage.json")
    args = parser.parse_args()
    env = {**os.environ}
    if args.local_model:
        env["NARRATOR_LOCAL_MODEL"] = str(args.local_model)
    labels = yaml.safe_load((DEV_CORPUS / "labels.yaml").read_text(encoding="utf-8"))
    extra = [x for d in args.disable for x in ("--disable", d)]
    with tempfile.TemporaryDirectory() as tmp:
        keep = Path(tmp) / "runs"
        keep.mkdir()
        env["NARRATOR_CACHE"] = str(Path(tmp) / "cache")
        if args.cache:
            shutil.copytree(args.cache, Path(tmp) / "cache")
        start = time.monotonic()
        runs = [_run(DEV_CORPUS / entry["file"], extra, env, keep) for entry in labels]
        wall = time.monotonic() - start
        replay = Path(tmp) / "narrator"
        replay.write_text(_REPLAY.format(python=sys.executable, keep=str(keep)), encoding="utf-8")
        replay.chmod(0o755)
        scored = subprocess.run([sys.executable, str(SCORE), str(replay), str(DEV_CORPUS / "labels.yaml"),
                                 str(DEV_CORPUS)], capture_output=True, text=True, cwd=ROOT)
    result = {"score": scored.stdout.strip().splitlines()[-1] if scored.stdout.strip() else scored.stderr[-300:],
              "seconds": round(wall, 1), "model": str(args.local_model or env.get("NARRATOR_MODEL") or ""),
              "disable": args.disable, "reused_answers": bool(args.cache), **_totals(runs)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for key, value in result.items():
        print(f"{key}: {value}")


def _run(path: Path, extra: list[str], env: dict, keep: Path) -> dict:
    start = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "narrator.app.cli", "check", str(path), "--format", "json", *extra],
                         capture_output=True, text=True, env=env, cwd=ROOT)
    kept = {"stdout": run.stdout, "stderr": run.stderr, "rc": run.returncode,
            "seconds": round(time.monotonic() - start, 1)}
    (keep / (path.name + ".json")).write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
    print(f"{path.name}: {kept['seconds']} s", file=sys.stderr)
    return kept


def _totals(runs: list[dict]) -> dict:
    totals = {"documents": len(runs), "percentages": 0, "checked": 0, "checked_by_model": 0,
              "unbound_percent_warnings": 0, "model_calls": 0, "prompt_tokens": 0, "completion_tokens": 0,
              "documents_asking_the_model": 0, "slowest_document_seconds": 0.0, "model_failures": 0}
    for run in runs:
        report = json.loads(run["stdout"]) if run["rc"] in (0, 1) else None
        if report is None:
            continue
        coverage = report.get("coverage") or {}
        totals["percentages"] += coverage.get("percentages", 0)
        totals["checked"] += coverage.get("checked", 0)
        totals["checked_by_model"] += len(coverage.get("by_model", []))
        totals["unbound_percent_warnings"] += sum(f["id"] == "unbound.percent" for f in report["findings"])
        usage = _USAGE.search(run["stderr"])
        if usage:
            totals["documents_asking_the_model"] += int(usage.group(1)) > 0
            for key, value in zip(("model_calls", "prompt_tokens", "completion_tokens"), usage.groups()):
                totals[key] += int(value)
        totals["model_failures"] += run["stderr"].count("模型未能完成")
        totals["slowest_document_seconds"] = round(max(totals["slowest_document_seconds"], run["seconds"]), 1)
    totals["checked_share"] = round(totals["checked"] / totals["percentages"], 3) if totals["percentages"] else None
    return totals


if __name__ == "__main__":
    main()
