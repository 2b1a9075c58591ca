"""Render findings for people (text, markdown) and for programs (json).

JSON is one object: ``{"document", "findings": [...], "summary": {...}}``; its
finding shape is ``Finding.to_dict``.  Text output groups findings by the
section they fall in and shows the statement with the finding's span marked,
stated → expected and the formula; colours (rich) only when writing to a terminal.
Text and Markdown show control characters and bidi overrides from the document
escaped (narrator/terminal.py), JSON as ``\\uXXXX`` escapes: a published file must
not retitle, clear or reorder the reviewer's terminal.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Iterable, TextIO

from narrator.read.statements import Statement, statements
from narrator.findings import Finding, summarize
from narrator.terminal import printable, printable_json

if TYPE_CHECKING:
    from narrator.check.coverage import Coverage

_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render_json(document: str, findings: list[Finding], coverage: "Coverage | None" = None,
                accepted: list[Finding] | None = None) -> str:
    """``accepted`` (findings a --baseline accepts, not counted) is a key only when some were accepted."""
    payload = {"document": document, "findings": [f.to_dict() for f in findings], "summary": summarize(findings)}
    if coverage is not None:
        payload["coverage"] = coverage.to_dict()
    if accepted:
        payload["accepted"] = [f.to_dict() for f in accepted]
    return printable_json(payload, indent=2)


def render_markdown(document: str, text: str, findings: list[Finding], coverage: "Coverage | None" = None) -> str:
    lines = [f"# 检查结果：{document}", "", _summary_line(findings), ""]
    if coverage is not None:
        lines[-1:-1] = [coverage.line(), ""]
    for section, items in _grouped(text, findings):
        lines += [f"## {section or '（未分节）'}", ""]
        for f in items:
            lines.append(f"- **{_LABEL[f.severity]}** `{f.id}`（{where(text, f)}）{f.message}")
            lines.append(f"  - 原文：{_marked(text, f, '**', '**')}")
            if f.stated or f.expected:
                lines.append(f"  - 所述 → 应为：{f.stated or '—'} → {f.expected or '—'}")
            if f.formula:
                lines.append(f"  - 算式：{f.formula}")
        lines.append("")
    return printable("\n".join(lines).rstrip() + "\n")


def render_text(document: str, text: str, findings: list[Finding], stream: TextIO | None = None,
                color: bool | None = None, coverage: "Coverage | None" = None) -> str:
    """Plain text; when ``stream`` is a terminal (or color=True) it is also printed there in colour."""
    stream = stream or sys.stdout
    use_color = stream.isatty() if color is None else color
    blocks = [f"{document}：{_summary_line(findings)}"]
    if coverage is not None:
        blocks.append(coverage.line())
    for section, items in _grouped(text, findings):
        blocks.append(f"\n[{section or '未分节'}]")
        for f in items:
            blocks.append(_text_block(text, f))
    output = printable("\n".join(blocks) + "\n")
    if use_color:
        _print_rich(output, findings, stream)
    return output


def _text_block(text: str, f: Finding) -> str:
    lines = [f"  {_LABEL[f.severity]} {f.id}（{where(text, f)}）：{f.message}",
             f"    {_marked(text, f, '【', '】')}"]
    if f.stated or f.expected:
        lines.append(f"    {f.stated or '—'} → {f.expected or '—'}")
    if f.formula:
        lines.append(f"    算式：{f.formula}")
    return "\n".join(lines)


def _print_rich(output: str, findings: list[Finding], stream: TextIO) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, highlight=False)
    rendered = Text(output)
    for severity, style in _STYLE.items():
        rendered.highlight_words([f"{_LABEL[severity]} "], style=style)
    rendered.highlight_regex(r"【[^】]*】", style="bold")
    console.print(rendered, end="")


def _summary_line(findings: list[Finding]) -> str:
    counts = summarize(findings)
    return f"错误 {counts['error']} 处，警告 {counts['warning']} 处，提示 {counts['info']} 处"


def _grouped(text: str, findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    sts = statements(text)
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(_section_for(sts, f.start), []).append(f)
    return list(groups.items())


def _section_for(sts: list[Statement], offset: int) -> str:
    inside = [s for s in sts if s.start <= offset]
    return inside[-1].section if inside else ""


def _marked(text: str, f: Finding, left: str, right: str) -> str:
    """The sentence around the finding, its span between markers, on one line."""
    start = max(_sentence_start(text, f.start), f.start - 80)
    end = min(_sentence_end(text, f.end), f.end + 80)
    snippet = text[start:f.start] + left + text[f.start:f.end] + right + text[f.end:end]
    return " ".join(snippet.split())


def _sentence_start(text: str, offset: int) -> int:
    marks = [text.rfind(m, 0, offset) for m in "。；;\n"]
    return max(marks) + 1


def _sentence_end(text: str, offset: int) -> int:
    ends = [i for i in (text.find(m, offset) for m in "。；;\n") if i >= 0]
    return min(ends) + 1 if ends else len(text)


def where(text: str, f: Finding) -> str:
    """第N页第M行 (the page of the source file where known, the line of the text narrator read)."""
    line = f"第{_line_of(text, f.start)}行"
    return line if f.page is None else f"第{f.page}页{line}"


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
