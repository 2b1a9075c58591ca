"""What ``narrator review`` writes besides its summary: reports by suffix, the baseline, the CSV summary.

``--report`` may be given more than once; its suffix picks the kind: ``.xlsx`` and
``.csv`` are one row per finding (``narrator.report.exports``), anything else is the HTML
report.  Every output is checked before the batch runs, so a file that exists
(without ``--force``) or a missing folder stops the command before any work.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, TextIO

from narrator.errors import OutputError
from narrator.app.review import ReviewResult

if TYPE_CHECKING:
    from narrator.app.baseline import Baseline

Warn = Callable[[str], None]
TABLE_SUFFIXES = (".xlsx", ".csv")


def check_outputs(paths: Iterable[Path | None], force: bool) -> None:
    from narrator.writing import check_writable

    for path in paths:
        if path is None:
            continue
        check_writable(path, force)
        if not os.access(path.parent, os.W_OK):
            raise OutputError(f"{path.parent}: 输出目录不可写")


def load(baseline_path: Path | None) -> "Baseline | None":
    """The baseline, read before the batch runs so a bad file stops the command at once."""
    from narrator.app.baseline import load_baseline

    return load_baseline(baseline_path) if baseline_path is not None else None


def apply_baseline(result: ReviewResult, baseline: "Baseline | None") -> None:
    """Move every finding the baseline accepts from ``findings`` to ``accepted`` (not counted, not failing)."""
    if baseline is None:
        return
    for doc in result.documents:
        doc.findings, doc.accepted = baseline.split(doc.path, doc.findings)


def export_rows(result: ReviewResult):
    from narrator.report.exports import Source, rows, skipped_row

    checked = rows(Source(d.path, d.text, tuple(d.findings), tuple(d.accepted), d.error) for d in result.documents)
    return checked + [skipped_row(s.path, s.reason) for s in result.skipped]


def print_csv(result: ReviewResult, stream: TextIO) -> None:
    from narrator.report.exports import render_csv

    stream.write(render_csv(export_rows(result)))


def write_reports(result: ReviewResult, reports: Iterable[Path], force: bool, warn: Warn) -> None:
    for report in reports:
        if report.suffix.lower() in TABLE_SUFFIXES:
            from narrator.report.exports import write_export

            write_export(export_rows(result), report, force)
            warn(f"已写出问题清单 {report}")
        else:
            from narrator.writing import write_text
            from narrator.report.html import render_html

            write_text(report, render_html(result, report_dir=report.parent), force)
            warn(f"已写出审核报告 {report}")


def write_run_baseline(result: ReviewResult, path: Path | None, force: bool, warn: Warn) -> None:
    """Every finding of the run (new and already accepted) becomes the baseline."""
    if path is None:
        return
    from narrator.app.baseline import write_baseline

    write_baseline(path, ((d.path, [*d.findings, *d.accepted]) for d in result.documents if d.ok), force)
    warn(f"已写出基线 {path}（{sum(len(d.findings) + len(d.accepted) for d in result.documents)} 处问题）")
