"""Find prompts/ and templates/ in a checkout or inside an installed wheel.

The repository keeps both folders at the top level; the wheel force-includes
them as ``narrator/_data/``.  This is the single place that knows both layouts.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the folder ``name`` ('prompts' or 'templates')."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"narrator 安装不完整：找不到 {name}/ 目录")


def templates_dir() -> Path:
    return data_dir("templates")


def prompts_dir() -> Path:
    return data_dir("prompts")
