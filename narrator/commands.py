"""Plain functions behind the CLI commands; each returns an ExitCode.

They take paths and options, do the work through the library, print results on
stdout and report on stderr through ``warn``.  Tests call them directly.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

from narrator.errors import ExitCode, NarratorError

Warn = Callable[[str], None]

DRAFT_FORMATS = ("md", "txt", "docx")


def run_draft(figures_path: Path, template: str, out: Path | None, fmt: str,
              force: bool, thousands: bool, warn: Warn) -> ExitCode:
    from narrator.draft import draft, load_template_set, write_draft
    from narrator.draft.output import as_text, check_writable
    from narrator.figures import load_figures

    if fmt not in DRAFT_FORMATS:
        raise NarratorError(f"--format 应为 {'、'.join(DRAFT_FORMATS)} 之一，而不是 {fmt!r}")
    if fmt == "docx" and out is None:
        raise NarratorError("docx 格式需要用 -o 指定输出文件")
    if out is not None:
        check_writable(out, force)  # fail before any work, and never overwrite silently
    figures = load_figures(figures_path)
    result = draft(figures, load_template_set(template), thousands=thousands)
    for message in result.warnings:
        warn(message)
    if out is None:
        sys.stdout.write(result.markdown if fmt == "md" else as_text(result.markdown))
    else:
        write_draft(result.markdown, out, fmt, force)  # type: ignore[arg-type]
        warn(f"已写出 {out}")
    return ExitCode.CLEAN


def run_template_xlsx(out: Path, force: bool) -> ExitCode:
    from narrator.draft.output import check_writable
    from narrator.figures.workbook import write_template

    check_writable(out, force)
    write_template(out)
    print(f"已写出空白数据工作簿 {out}", file=sys.stderr)
    return ExitCode.CLEAN


def run_validate(figures_path: Path) -> ExitCode:
    from narrator.figures import Facts, load_figures

    figures = load_figures(figures_path)
    facts = Facts(figures)
    print(f"{figures_path}: 有效（{figures.unit}，{figures.year}年度，{len(facts.keys())} 个指标）")
    return ExitCode.CLEAN
