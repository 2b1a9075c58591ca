"""``narrator checks``: every check a user can name in ``--disable``, with its severity and level.

The list is the registry's ``every_check()`` (rules and model tier alike), so it is never out of date; ``docs/checks.md`` is this module's Markdown output, and a test keeps it so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TextIO

from narrator.errors import ExitCode, NarratorError

FORMATS = ("text", "json", "markdown")
SEVERITY_WORDS = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(frozen=True)
class CheckRow:
    id: str
    title: str
    severity: str
    description: str
    needs: str


def check_rows() -> list[CheckRow]:
    from narrator.check.registry import every_check

    return [CheckRow(c.id, c.title, c.severity, c.description, c.needs) for c in every_check()]


def render(rows: list[CheckRow], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([row.__dict__ for row in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        lines = ["# 检查项一览", "",
                 "由 `narrator checks --format markdown` 生成；`--disable` 按编号前缀关闭检查（如 `rate`、`convention.flat`）。", "",
                 "| 编号 | 名称 | 级别 | 需要 | 说明 |", "| --- | --- | --- | --- | --- |"]
        lines += [f"| `{r.id}` | {r.title} | {SEVERITY_WORDS[r.severity]} | {r.needs} | {r.description} |" for r in rows]
        return "\n".join(lines) + "\n"
    width = max(len(r.id) for r in rows)
    return "".join(f"{r.id:<{width}}  {SEVERITY_WORDS[r.severity]}  {r.title}：{r.description}（需要：{r.needs}）\n" for r in rows)


def run_checks(fmt: str, out: TextIO) -> ExitCode:
    if fmt not in FORMATS:
        raise NarratorError(f"未知的输出格式 {fmt!r}：可选 {'、'.join(FORMATS)}")
    out.write(render(check_rows(), fmt))
    return ExitCode.CLEAN
