"""One error hierarchy; only the CLI turns these into a message and an exit code."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    CLEAN = 0  # nothing at or above the fail level
    FINDINGS = 1  # findings at or above --fail-on
    USAGE = 2  # bad usage or bad input


class NarratorError(Exception):
    """A problem with the user's input or request: reported in one line, exit 2."""

    exit_code = ExitCode.USAGE


class InputError(NarratorError):
    """A file that cannot be read or understood."""


class FiguresError(InputError):
    """A figures file that does not validate; carries every problem at once."""

    def __init__(self, path: str, problems: list[tuple[str, str]]):
        self.path = path
        self.problems = problems
        detail = "；".join(f"{loc}: {msg}" for loc, msg in problems)
        super().__init__(f"{path}: 数据文件有 {len(problems)} 处错误 — {detail}")


class OutputError(NarratorError):
    """An output that would overwrite a file or cannot be written."""


class TemplateError(NarratorError):
    """A template set that is missing or broken."""
