"""The reviewer's outputs at scale (issue 16): N documents (the seeds copied as copy1…copyN, one unfilled
template among them), one core — review, HTML report, XLSX, baseline re-run.

    python benchmarks/report_scale.py [N]     # default 300; writes benchmarks/results/report-scale.json
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from narrator.app.baseline import baseline_json, load_baseline
from narrator.report.exports import xlsx_bytes
from narrator.report.html import render_html
from narrator.app.review import review
from narrator.app.review_outputs import apply_baseline, export_rows

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "data" / "seeds"
TEMPLATE = "一、收入支出决算总体情况说明\n" + "".join(f"{i}.某项支出XX万元，比上年增加XX万元，增长XX%。\n" for i in range(1, 40))


def timed(work):
    started = time.perf_counter()
    value = work()
    return value, round(time.perf_counter() - started, 3)


def main(n: int = 300) -> dict[str, object]:
    seeds = sorted(SEEDS.glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(1, n):
            shutil.copy(seeds[i % len(seeds)], folder / f"copy{i}.txt")
        (folder / "template.txt").write_text(TEMPLATE, encoding="utf-8")
        result, review_s = timed(lambda: review([folder], progress=False))
        html, html_s = timed(lambda: render_html(result, report_dir=folder))
        xlsx, xlsx_s = timed(lambda: xlsx_bytes(export_rows(result)))
        baseline = folder / "accepted.json"
        pairs = ((d.path, d.findings) for d in result.documents)
        baseline.write_text(baseline_json(pairs, baseline.parent), encoding="utf-8")
        again = review([folder], progress=False)
        apply_baseline(again, load_baseline(baseline))
    figures = {"documents": len(result.documents), "findings": len(result.findings),
               "review_s": review_s, "documents_per_s": round(len(result.documents) / review_s, 1),
               "html_render_s": html_s, "html_mb": round(len(html.encode("utf-8")) / 1e6, 2),
               "html_finding_items": html.count('<li class="finding '),
               "xlsx_s": xlsx_s, "xlsx_kb": round(len(xlsx) / 1e3), "xlsx_rows": len(export_rows(result)),
               "baseline_rerun_new": len(again.findings),
               "baseline_rerun_accepted": sum(len(d.accepted) for d in again.documents)}
    out = ROOT / "benchmarks" / "results" / "report-scale.json"
    out.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return figures


if __name__ == "__main__":
    for key, value in main(int(sys.argv[1]) if len(sys.argv) > 1 else 300).items():
        print(f"{key}: {value}")
