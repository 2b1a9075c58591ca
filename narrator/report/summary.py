"""The summary of a batch review on stdout: a rich table for people, one JSON object for programs.

Per document: errors, warnings, infos and the counts by check id; documents
that could not be read say why.  JSON::

    {"documents": [{"document", "status": "checked"|"unreadable", "error",
                    "summary": {...summarize...}, "findings": [...], "accepted": [...],
                    "coverage": {...} | null}],
     "skipped": [{"document", "reason"}],
     "summary": {"files", "documents", "checked", "unreadable", "skipped", "reused",
                 "total", "error", "warning", "info", "by_id", "accepted"}}

``findings`` are the new ones (counted); ``accepted`` those the ``--baseline`` accepts.
``files`` counts every file given or found; ``skipped`` lists the files found in a folder that were
not checked (another type, hidden, a lock file) with why; ``reused`` counts unchanged documents whose
cached result was taken.
"""

from __future__ import annotations

from typing import TextIO

from narrator.findings import SEVERITY_RANK, Finding, summarize
from narrator.app.review import DocumentReview, ReviewResult
from narrator.terminal import printable_json


def summary_dict(result: ReviewResult) -> dict[str, object]:
    docs = [_document_dict(d) for d in result.documents]
    skipped = [{"document": s.path, "reason": s.reason} for s in result.skipped]
    overall = {"files": result.files, "documents": len(result.documents),
               "checked": len(result.documents) - len(result.unreadable), "unreadable": len(result.unreadable),
               "skipped": len(result.skipped), "reused": result.reused, **summarize(result.findings),
               "accepted": sum(len(d.accepted) for d in result.documents)}
    return {"documents": docs, "skipped": skipped, "summary": overall}


def _document_dict(d: DocumentReview) -> dict[str, object]:
    return {"document": d.path, "status": "checked" if d.ok else "unreadable", "error": d.error,
            "summary": summarize(d.findings), "findings": [f.to_dict() for f in d.findings],
            "accepted": [f.to_dict() for f in d.accepted],
            "coverage": d.coverage.to_dict() if d.coverage is not None else None}


def render_summary_json(result: ReviewResult) -> str:
    return printable_json(summary_dict(result), indent=2)


def by_id_counts(findings: list[Finding]) -> list[tuple[str, int]]:
    """(check id, count): most severe check first, then by id."""
    counts: dict[str, int] = {}
    rank: dict[str, int] = {}
    for f in findings:
        counts[f.id] = counts.get(f.id, 0) + 1
        rank[f.id] = min(rank.get(f.id, 9), SEVERITY_RANK[f.severity])
    return [(i, counts[i]) for i in sorted(counts, key=lambda i: (rank[i], i))]


def by_id_line(findings: list[Finding]) -> str:
    """``rate.direction×2、completion.value×1``: most severe check first, then by id."""
    return "、".join(f"{i}×{n}" for i, n in by_id_counts(findings))


def print_summary(result: ReviewResult, fmt: str, stream: TextIO) -> None:
    if fmt == "json":
        stream.write(render_summary_json(result) + "\n")
        return
    from rich.console import Console

    terminal = stream.isatty()
    console = Console(file=stream, width=None if terminal else 200, no_color=not terminal,
                      color_system="auto" if terminal else None, highlight=False, soft_wrap=False)
    console.print("批量审核结果")
    console.print(summary_table(result))


def summary_table(result: ReviewResult):
    from rich.table import Table

    table = Table(show_footer=True)
    total = summarize(result.findings)
    table.add_column("文档", footer=f"共 {result.files} 份", overflow="fold")
    table.add_column("错误", justify="right", style="red", footer=str(total["error"]))
    table.add_column("警告", justify="right", style="yellow", footer=str(total["warning"]))
    table.add_column("提示", justify="right", footer=str(total["info"]))
    table.add_column("已核对百分比", justify="right")
    table.add_column("按检查项", overflow="fold", footer=_footer_note(result))
    for d in result.documents:
        table.add_row(*_row(d))
    for skipped in result.skipped:
        table.add_row(skipped.path, "—", "—", "—", "—", f"未检查：{skipped.reason}")
    return table


def _row(d: DocumentReview) -> tuple[str, ...]:
    if not d.ok:
        return (d.path, "—", "—", "—", "—", f"未能检查：{d.error}")
    read = d.coverage
    checked = f"{read.checked}/{read.percentages}" if read is not None else "—"
    nothing_read = read is not None and not read.amounts and not read.percentages
    detail = by_id_line(d.findings) or ("未读到金额或百分比，未核对" if nothing_read else "无问题")
    if d.accepted:
        detail += f"（另有 {len(d.accepted)} 处已接受）"
    return (d.path, str(d.count("error")), str(d.count("warning")), str(d.count("info")), checked, detail)


def _footer_note(result: ReviewResult) -> str:
    bad, skipped = len(result.unreadable), len(result.skipped)
    accepted = sum(len(d.accepted) for d in result.documents)
    notes = [f"{bad} 份未能检查" if bad else "", f"{skipped} 份未检查（见上）" if skipped else "",
             f"{accepted} 处已接受（基线），不计入" if accepted else ""]
    return "；".join(n for n in notes if n)
