"""Findings as rows for the office's own spreadsheets: CSV (``--format csv``) and XLSX (``--report x.xlsx``).

One row per finding — document, page, line, check, its Chinese title, severity,
stated, expected, message — plus its status: 新 (counted), 已接受 (matched by the
baseline, not counted), 无法读取 (a document that could not be checked: one row
with the reason, so no document is silently missing) or 未检查 (a file ``review`` found
in a folder and did not check: another type, hidden; one row with why).  CSV is UTF-8 with a BOM,
which is what Excel needs to read Chinese.
"""

from __future__ import annotations

import csv
import io
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Iterable

from narrator.findings import Finding

HEADER = ("文档", "页", "行", "检查项", "名称", "级别", "所述", "应为", "说明", "状态")
SEVERITY_WORDS = {"error": "错误", "warning": "警告", "info": "提示"}
NEW, ACCEPTED, UNREADABLE, SKIPPED = "新", "已接受", "无法读取", "未检查"
_WIDTHS = (36, 6, 6, 20, 20, 6, 24, 30, 60, 8)


@dataclass(frozen=True)
class Row:
    document: str
    page: int | None
    line: int | None
    check: str
    title: str
    severity: str
    stated: str
    expected: str
    message: str
    status: str


@dataclass(frozen=True)
class Source:
    """One document's part of an export: its text (for line numbers) and findings, or why it was not checked."""

    document: str
    text: str = ""
    findings: tuple[Finding, ...] = ()
    accepted: tuple[Finding, ...] = ()
    error: str | None = None


def rows(sources: Iterable[Source]) -> list[Row]:
    from narrator.check.registry import check_titles

    titles = check_titles()
    out: list[Row] = []
    for source in sources:
        if source.error is not None:
            out.append(Row(source.document, None, None, "", "", "", "", "", source.error, UNREADABLE))
            continue
        tagged = [(f, NEW) for f in source.findings] + [(f, ACCEPTED) for f in source.accepted]
        for f, status in sorted(tagged, key=lambda pair: pair[0].sort_key()):
            out.append(Row(source.document, f.page, source.text.count("\n", 0, f.start) + 1, f.id,
                           titles.get(f.id, ""), SEVERITY_WORDS[f.severity], f.stated, f.expected, f.message, status))
    return out


def skipped_row(path: str, reason: str) -> Row:
    """A file found but not checked, with why."""
    return Row(path, None, None, "", "", "", "", "", reason, SKIPPED)


def render_csv(table: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(("" if v is None else v for v in astuple(r)) for r in table)
    return "\ufeff" + buffer.getvalue()


def xlsx_bytes(table: list[Row]) -> bytes:
    """A workbook with one sheet 审核问题: a bold frozen header, an autofilter, readable column widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "审核问题"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r in table:
        sheet.append(astuple(r))
    for i, width in enumerate(_WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(HEADER))}{len(table) + 1}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_export(table: list[Row], out: Path, force: bool) -> None:
    """``.xlsx`` or ``.csv`` by the file's suffix (the caller has checked it is one of them)."""
    from narrator.writing import write_file as write_bytes

    data = xlsx_bytes(table) if out.suffix.lower() == ".xlsx" else render_csv(table).encode("utf-8")
    write_bytes(out, data, force)
