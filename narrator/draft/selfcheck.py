"""Generate, then verify: a draft is read by the same checker as any published text.

Whatever the checker finds in narrator's own draft -- placeholders still to fill in, empty
lists, or a number that does not fit the figures it was drafted from -- is reported with
its line, so the drafter sees what ``narrator check`` will say about the document.
"""

from __future__ import annotations

from narrator.figures.facts import Facts
from narrator.figures.model import Figures
from narrator.findings import Finding

_LEVELS = {"error": "错误", "warning": "警告", "info": "提示"}


def self_check(markdown: str, figures: Figures) -> list[Finding]:
    from narrator.check import check_text

    return check_text(markdown, facts=Facts(figures))


def report_lines(markdown: str, findings: list[Finding]) -> list[str]:
    """One line per finding (第N行 [id] message), then a count; nothing for a clean draft."""
    if not findings:
        return []
    lines = [f"自检 第{markdown.count(chr(10), 0, f.start) + 1}行 {_LEVELS[f.severity]} [{f.id}] {f.message}"
             for f in findings]
    errors = sum(f.severity == "error" for f in findings)
    lines.append(f"自检：草稿有错误 {errors} 处、其他 {len(findings) - errors} 处（narrator check 会报告同样的问题）")
    return lines
