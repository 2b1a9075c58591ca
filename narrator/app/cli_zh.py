"""The command line's own words in Chinese: help pages and usage errors.

typer and click write "Usage:", "Options", "Show this message and exit." and
their usage errors ("No such option: --x") in English, and typer ≥ 0.2x vendors
its own click without a translation hook.  Two narrow seams cover every
version: the command classes' ``get_help``/``get_usage`` (``ZhGroup``,
``ZhCommand``; the help option, ``no_args_is_help`` and usage lines all go
through them), and ``usage_error`` for the exceptions ``cli.main`` catches.
Each table maps click's fixed English phrases; what they quote (option names,
values) is kept as typed.
"""

from __future__ import annotations

import re

from typer.core import TyperCommand, TyperGroup

_HELP = (
    (r"(?m)^Usage: ", "用法："),
    (r"(?m)^(\s*)Options:?$", r"\1选项："),
    (r"(?m)^(\s*)Arguments:?$", r"\1参数："),
    (r"(?m)^(\s*)Commands:?$", r"\1命令："),
    (r"Show this message and exit\.", "显示本帮助并退出。"),
    (r"Show the version and exit\.", "显示版本并退出。"),
    (r"\[default: ([^\]]*)\]", r"[默认：\1]"),
    (r"\[required\]", "[必填]"),
    (r"\[OPTIONS\]", "[选项]"),
    (r"COMMAND \[ARGS\]\.\.\.", "命令 [参数]..."),
    (r"\[ARGS\]\.\.\.", "[参数]..."),
    (r"<list\[path\]>|<list\[Path\]>", "<路径>..."),
    (r"<list\[str\]>", "<文本>..."),
    (r"<path>|<Path>|\bPATH\b", "<路径>"),
    (r"<str>|\bTEXT\b", "<文本>"),
    (r"<int>|\bINTEGER\b", "<整数>"),
    (r"<float>|\bFLOAT\b", "<数>"),
    (r"\bFILE\b", "<文件>"),
)

_ERRORS = (
    (r"^No such option: (\S+?)\s*\(Possible options: (.+)\)$", r"没有选项 \1（相近的选项：\2）"),
    (r"^No such option: (\S+?)\s*Did you mean (\S+?)\?$", r"没有选项 \1（是否想用 \2？）"),
    (r"^No such option: (\S+)$", r"没有选项 \1"),
    (r"^No such command '(.+)'\.?$", r"没有命令 \1"),
    (r"^Missing argument '(.+)'\.?$", r"缺少参数 \1"),
    (r"^Missing option '(.+)'\.?$", r"缺少选项 \1"),
    (r"^Missing parameter: (.+)$", r"缺少参数 \1"),
    (r"^Got unexpected extra arguments?(?:\(s\))? \((.+)\)$", r"多余的参数：\1"),
    (r"^Option '(.+)' requires an argument\.?$", r"选项 \1 需要一个值"),
    (r"^Option '(.+)' requires (\d+) arguments\.?$", r"选项 \1 需要 \2 个值"),
    (r"^Option '(.+)' does not take a value\.?$", r"选项 \1 不接受值"),
    (r"^Invalid value for (.+?): (.+)$", None),  # the reason is translated on its own
)

_REASONS = (
    (r"^'(.*)' is not a valid integer(?: range)?\.?$", r"“\1”不是整数"),
    (r"^'(.*)' is not a valid float(?: range)?\.?$", r"“\1”不是数字"),
    (r"^'(.*)' is not a valid boolean\.?$", r"“\1”不是是/否值"),
    (r"^'(.*)' is not one of (.+)\.$", r"“\1”不是可选值（\2）之一"),
    (r"^'?(.*?)'? is not (?:in the range|>=|<=) ?(.+)\.$", r"“\1”超出范围（\2）"),
    (r"^(?:File|Directory|Path) '(.*)' does not exist\.?$", r"“\1”不存在"),
    (r"^(?:File|Directory|Path) '(.*)' is a directory\.?$", r"“\1”是目录"),
    (r"^Input should be a valid integer.*$", "应为整数"),
    (r"^Input should be a valid (?:number|float|decimal).*$", "应为数字"),
    (r"^Input should be a valid boolean.*$", "应为是或否"),
    (r"^Input should be (.+)$", r"应为 \1"),
)


def help_zh(text: str) -> str:
    for pattern, chinese in _HELP:
        text = re.sub(pattern, chinese, text)
    return text


def usage_error(message: str) -> str:
    """click's usage error message in Chinese; a message no table knows keeps its quoted parts."""
    message = message.strip()
    for pattern, chinese in _ERRORS:
        found = re.match(pattern, message, re.S)
        if found and chinese is None:
            return f"{found.group(1).replace(chr(39), '')} 的值无效：{_reason(found.group(2))}"
        if found:
            return found.expand(chinese)
    if message.startswith("Usage:") or "\n" in message:  # no_args_is_help: the help page itself
        return help_zh(message)
    return f"命令行参数有误（{message}）"


def _reason(reason: str) -> str:
    for pattern, chinese in _REASONS:
        found = re.match(pattern, reason.strip(), re.S)
        if found:
            return found.expand(chinese)
    return f"不符合要求（{reason}）"


class ZhGroup(TyperGroup):
    """A command group whose help and usage are in Chinese."""

    def get_help(self, ctx) -> str:
        return help_zh(super().get_help(ctx))

    def get_usage(self, ctx) -> str:
        return help_zh(super().get_usage(ctx))


class ZhCommand(TyperCommand):
    """A command whose help and usage are in Chinese."""

    def get_help(self, ctx) -> str:
        return help_zh(super().get_help(ctx))

    def get_usage(self, ctx) -> str:
        return help_zh(super().get_usage(ctx))
