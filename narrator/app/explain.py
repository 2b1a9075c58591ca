"""``narrator explain ID``: one check in full — what it does, why, and an example that it flags and one it passes.

Everything comes from the check's record (``check.registry`` for the rules,
``llm.model_checks`` for the model tier), so the explanation cannot drift from
the check.  For a rule, the should-flag example is run and the finding it gives is
shown; the model's examples are shown as written (running them needs a model).
"""

from __future__ import annotations

import difflib
from typing import TextIO

from narrator.errors import ExitCode, NarratorError

SEVERITY_WORDS = {"error": "错误", "warning": "警告", "info": "提示"}


def find_check(check_id: str):
    """The rule or model check with this id; an unknown id is one line naming the nearest ids."""
    from narrator.check.registry import every_check

    checks = {c.id: c for c in every_check()}
    if check_id in checks:
        return checks[check_id]
    near = difflib.get_close_matches(check_id, list(checks), n=3, cutoff=0.5)
    hint = f"；是否想查 {'、'.join(near)}？" if near else "；narrator checks 可列出全部编号"
    raise NarratorError(f"没有编号为 {check_id!r} 的检查{hint}")


def explain(check_id: str) -> str:
    check = find_check(check_id)
    lines = [f"{check.id}　{check.title}（{SEVERITY_WORDS[check.severity]}）", "",
             f"检查什么：{check.description}", f"为什么：{check.why}", f"需要：{check.needs}", "",
             "会报出的例子：", *_example(check.should_flag[0]), *_flagged(check), "",
             "不会报出的例子：", *_example(check.should_pass[0]), "",
             f"关闭这项检查：--disable {check.id}（或在 narrator.toml 中写 disable = [\"{check.id}\"]）"]
    if getattr(check, "figures", ""):
        lines[-1:-1] = ["（这项检查的例子是对照一份示例数据文件核对的。）", ""]
    return "\n".join(lines) + "\n"


def _example(text: str) -> list[str]:
    return [f"  {line}" for line in text.splitlines()]


def _flagged(check) -> list[str]:
    """What the rule reports on its own example (model checks need a model: nothing is run)."""
    from narrator.check.registry import Check

    if not isinstance(check, Check):
        return ["  （由模型判读：需配置模型才能运行）"]
    from narrator.check import check_example

    found = [f for f in check_example(check.should_flag[0], check.figures) if f.id == check.id]
    if not found:
        return []
    f = found[0]
    detail = f"（所述 {f.stated} → 应为 {f.expected}）" if f.expected else ""
    return [f"  → 报出：{f.message}{detail}"]


def run_explain(check_id: str, out: TextIO) -> ExitCode:
    out.write(explain(check_id))
    return ExitCode.CLEAN
