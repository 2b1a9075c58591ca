"""Load and validate a figures file (YAML, JSON or XLSX) into ``Figures``.

Numbers never pass through float: YAML floats and JSON numbers are read as
``Decimal`` from their text (figures/parse.py, which also bounds what the text may
grow into and rejects duplicate keys and numbers that are no amount).  Every validation problem is collected and reported
at once, each with its field path and what was expected.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, BinaryIO

import yaml
from pydantic import ValidationError

from narrator import limits
from narrator.errors import FiguresError, InputError
from narrator.figures.facts import Facts, UnknownFactKeys
from narrator.figures.model import Figures
from narrator.figures.parse import _DecimalLoader, check_data, parse_json, parse_yaml

__all__ = ["_DecimalLoader", "figures_from_yaml", "load_figures", "read_figures_data", "validate_figures"]

# Pydantic's English messages, said in Chinese with what was expected.
_MESSAGES = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段（拼写错误？该位置不允许此字段）",
    "decimal_parsing": "应为数字金额",
    "decimal_type": "应为数字金额",
    "value_error": "取值无效",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "string_type": "应为文字",
    "string_pattern_mismatch": "格式不符",
    "literal_error": "取值不在允许范围内",
    "greater_than_equal": "取值过小",
    "less_than_equal": "取值过大",
    "model_type": "应为一组字段（映射）",
    "dict_type": "应为映射（键: 值）",
    "list_type": "应为列表",
    "string_too_short": "不能为空",
}


def load_figures(path: str | Path) -> Figures:
    """Read, validate and cross-check a figures file; raise FiguresError listing every problem."""
    path = Path(path)
    data = read_figures_data(path)
    return validate_figures(data, str(path))


def figures_from_yaml(text: str, source: str) -> Figures:
    """A figures file given as YAML text (a check's examples, a test), validated like a file."""
    return validate_figures(_parse_text(text.encode("utf-8"), Path(source), ".yaml"), source)


def validate_figures(data: Any, source: str) -> Figures:
    if not isinstance(data, dict):
        raise FiguresError(source, [("(文件)", "顶层应为映射（unit、year、summary …）")])
    try:
        figures = Figures.model_validate(_stringify_keys(data))
    except ValidationError as exc:
        raise FiguresError(source, [_describe(error) for error in exc.errors()]) from None
    try:
        Facts(figures)
    except UnknownFactKeys as exc:
        raise FiguresError(source, exc.problems) from None
    return figures


def read_figures_data(path: Path) -> Any:
    if str(path) == "-":  # narrator extract DOC | narrator draft -
        return _parse_text(_read_bounded(sys.stdin.buffer, path), path, ".yaml")
    if not path.exists():
        raise InputError(f"{path}: 文件不存在")
    if path.is_dir():
        raise InputError(f"{path}: 是目录，不是数据文件")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from narrator.figures.workbook import read_workbook

        data = read_workbook(path)
        check_data(data, str(path))
        return data
    if suffix not in (".json", ".yaml", ".yml", ""):  # no suffix: a pipe such as /dev/stdin
        raise InputError(f"{path}: 不支持的数据文件类型 {suffix}；应为 .yaml/.yml/.json/.xlsx")
    try:
        with path.open("rb") as stream:
            raw = _read_bounded(stream, path)
    except OSError as exc:
        raise InputError(f"{path}: 无法读取 — {exc.strerror}") from None
    return _parse_text(raw, path, suffix or ".yaml")


def _read_bounded(stream: BinaryIO, path: Path) -> bytes:
    """At most the size limit and one byte: a pipe (``-``, /dev/stdin) reports no size beforehand."""
    limit = limits.DOCUMENT_BYTES.value()
    raw = stream.read(limit + 1)
    if len(raw) > limit:
        raise InputError(f"{path}: 文件过大（上限 {limit / limits.MIB:.0f} MB）；{limits.DOCUMENT_BYTES.hint()}")
    return raw


def _parse_text(raw: bytes, path: Path, suffix: str) -> Any:
    text = _decode(raw, path)
    try:
        if suffix == ".json":
            data = parse_json(text, str(path))
        else:
            data = parse_yaml(text, str(path))  # YAML reads JSON too
    except (yaml.YAMLError, ValueError) as exc:  # json.JSONDecodeError is a ValueError
        raise InputError(f"{path}: 无法解析 — {_one_line(exc)}") from None
    check_data(data, str(path))
    return data


def _decode(raw: bytes, path: Path) -> str:
    if not raw.strip():
        raise InputError(f"{path}: 文件为空")
    if b"\x00" in raw[:4096]:
        raise InputError(f"{path}: 是二进制文件，不是 YAML/JSON 文本")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path}: 无法识别文件编码（应为 UTF-8 或 GBK）")


def _stringify_keys(value: Any) -> Any:
    """YAML reads ``201:`` as an int key; function codes are text."""
    if isinstance(value, dict):
        return {str(k) if isinstance(k, int) else k: _stringify_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stringify_keys(v) for v in value]
    return value


def _describe(error: dict[str, Any]) -> tuple[str, str]:
    loc = ".".join(str(part) for part in error["loc"]) or "(文件)"
    message = _MESSAGES.get(error["type"], error["msg"])
    given = error.get("input")
    if error["type"] not in ("missing",) and not isinstance(given, (dict, list)):
        message += f"（实际为 {given!r}）"
    return loc, message


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())
