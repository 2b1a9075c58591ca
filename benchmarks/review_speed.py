"""How fast ``narrator review`` goes through a year's submissions, on one core (a benchmark, not a test).

    . .venv/bin/activate && python benchmarks/review_speed.py [--pdfs DIR] [--texts DIR] [--repeat 3]
        [--rounds 3] [--office] [--out FILE]

The whole process tree is pinned to one CPU (``sched_setaffinity``; the worker
processes inherit it) and ``review`` runs with ``jobs=1``: documents per second
on one core, as the CLI runs them (each document in a bounded worker process).

1. the Putuo PDFs (``../shared/corpus/shanghai-putuo``), read and checked;
2. text documents: the dev corpus texts (``../shared/corpus/dev``, excerpts), ``--repeat`` times,
   and the five seeds (whole documents with every table) ten times;
3. the same texts again with the result cache filled (a re-run where nothing changed);
4. with ``--office``: one DOCX converted to .doc by LibreOffice and reviewed (conversion included).

The corpus is read where it lies (never copied into the repository).  Prints the
figures and writes JSON (default benchmarks/results/review_speed.json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEEDS = ROOT / "tests" / "data" / "seeds"


def _shown(folder: Path) -> str:
    return os.path.relpath(folder, ROOT)


def timed_review(files: list[Path], cache_dir: Path | None = None, rounds: int = 1) -> dict:
    """The best of ``rounds`` runs (the machine is shared: the best run is the least disturbed)."""
    from narrator.app.review import review

    seconds = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        result = review(files, jobs=1, progress=False, cache_dir=cache_dir)
        seconds = min(seconds, time.perf_counter() - start)
    return {"documents": len(result.documents), "unreadable": len(result.unreadable), "reused": result.reused,
            "findings": len(result.findings), "seconds": round(seconds, 3),
            "documents_per_second": round(len(result.documents) / seconds, 2)}


def copies(files: list[Path], repeat: int, folder: Path) -> list[Path]:
    """``repeat`` copies of each file under distinct names (review drops a path given twice)."""
    folder.mkdir(parents=True)
    made = []
    for i in range(repeat):
        for source in files:
            made.append(folder / f"{i}-{source.name}")
            shutil.copy(source, made[-1])
    return made


def office_round(work: Path) -> dict:
    """One seed as DOCX → .doc (LibreOffice), then reviewed: the conversion is most of the cost."""
    sys.path.insert(0, str(ROOT / "tests"))
    from office_files import seed_docx, soffice_convert

    seed = next(SEEDS.glob("002_*.txt"))
    doc = soffice_convert(seed_docx(seed, work / "seed.docx"), "doc", work / "doc")
    copies = []
    for i in range(3):
        copies.append(work / f"copy{i}.doc")
        shutil.copy(doc, copies[-1])
    return timed_review(copies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfs", type=Path, default=CORPUS / "shanghai-putuo")
    parser.add_argument("--texts", type=Path, default=CORPUS / "dev")
    parser.add_argument("--repeat", type=int, default=3, help="how many times the texts are reviewed in one batch")
    parser.add_argument("--rounds", type=int, default=3, help="batches are timed this many times, best kept")
    parser.add_argument("--office", action="store_true", help="also time .doc conversions (needs LibreOffice)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "review_speed.json")
    args = parser.parse_args()

    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, for this process and its workers
    from narrator.app.review import review

    pdfs = sorted(args.pdfs.glob("*.pdf"))
    results: dict = {"machine": {"cores_used": 1, "nproc": os.cpu_count(), "python": platform.python_version()}}
    with tempfile.TemporaryDirectory() as tmp:
        texts = copies(sorted(args.texts.glob("*.txt")), args.repeat, Path(tmp) / "texts")
        review(texts[:2], jobs=1, progress=False)  # warm-up: the fork server and its imports
        results["pdf"] = {"folder": _shown(args.pdfs), **timed_review(pdfs, rounds=args.rounds)}
        results["text"] = {"folder": _shown(args.texts), "repeat": args.repeat, **timed_review(texts, rounds=args.rounds)}
        seeds = copies(sorted(SEEDS.glob("*.txt")), 10, Path(tmp) / "seeds")
        results["seeds_x10"] = timed_review(seeds, rounds=args.rounds)
        cache = Path(tmp) / "cache"
        timed_review(texts, cache)
        results["text_cached_rerun"] = timed_review(texts, cache, rounds=args.rounds)
        if args.office:
            results["office_doc"] = office_round(Path(tmp))
    for name, row in results.items():
        if name != "machine":
            print(f"{name:18} {row['documents']:4} documents  {row['seconds']:8.2f} s  "
                  f"{row['documents_per_second']:8.2f} documents/s  (unreadable {row['unreadable']}, reused {row['reused']})")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
