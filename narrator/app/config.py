"""Project settings for the checks: ``narrator.toml`` or ``pyproject.toml``'s ``[tool.narrator]``.

Looked for in the current folder and then its parents; the first folder with
either file wins (``narrator.toml`` before ``pyproject.toml``).  Keys::

    fail-on = "warning"                      # error | warning | info (check, review)
    disable = ["change.no_cause", "number"]  # check ids or prefixes, as --disable (check, review)
    template = "guizhou"                     # template set or folder, as -t (draft)

An option given on the command line replaces the setting (``--disable`` given
once replaces the whole list).  A relative template folder is relative to the
settings file.  An unknown key or a wrong value is one line and exit code 2.
The model's settings are not here: they live in ``~/.config/narrator/config.toml``
(``narrator.llm.settings``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from narrator.errors import InputError

FAIL_LEVELS = ("error", "warning", "info")
_KEYS = {"fail-on": "error、warning 或 info", "disable": "检查编号（或前缀）的列表", "template": "模板集名称或模板目录"}


@dataclass(frozen=True)
class ProjectSettings:
    fail_on: str | None = None
    disable: tuple[str, ...] = ()
    template: str | None = None
    source: Path | None = None  # the file they were read from; None when there is none

    def fail_level(self, given: str | None) -> str:
        return given or self.fail_on or "error"

    def disabled(self, given: list[str] | None) -> list[str]:
        return list(given) if given else list(self.disable)

    def template_set(self, given: str | None) -> str:
        if given:
            return given
        if self.template is None:
            return "national"
        relative = self.source.parent / self.template if self.source is not None else None
        return str(relative) if relative is not None and relative.is_dir() else self.template


def find_settings_file(start: Path | None = None) -> tuple[Path, dict] | None:
    """The first narrator.toml, or pyproject.toml with [tool.narrator], from ``start`` up; and its table."""
    folder = (start or Path.cwd()).resolve()
    for place in (folder, *folder.parents):
        own = place / "narrator.toml"
        if own.is_file():
            return own, _read_toml(own)
        project = place / "pyproject.toml"
        if project.is_file():
            table = _read_toml(project).get("tool", {}).get("narrator")
            if table is not None:
                return project, table
    return None


def load_project_settings(start: Path | None = None) -> ProjectSettings:
    found = find_settings_file(start)
    if found is None:
        return ProjectSettings()
    path, table = found
    where = f"{path}{' [tool.narrator]' if path.name == 'pyproject.toml' else ''}"
    if not isinstance(table, dict):
        raise InputError(f"{where}: 设置应为一个表（键 = 值）")
    for key in table:
        if key not in _KEYS:
            raise InputError(f"{where}: 未知的设置 {key!r}（可用：{'、'.join(_KEYS)}）")
    return ProjectSettings(_fail_on(table, where), _disable(table, where), _template(table, where), path)


def _fail_on(table: dict, where: str) -> str | None:
    value = table.get("fail-on")
    if value is not None and value not in FAIL_LEVELS:
        raise InputError(f"{where}: 设置 fail-on 应为 {_KEYS['fail-on']}，而不是 {value!r}")
    return value


def _disable(table: dict, where: str) -> tuple[str, ...]:
    value = table.get("disable", [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(f"{where}: 设置 disable 应为{_KEYS['disable']}，如 [\"change.no_cause\", \"number\"]")
    _known_prefixes(value, where)
    return tuple(value)


def _known_prefixes(prefixes: list[str], where: str) -> None:
    """A misspelt id would silently disable nothing: every entry must name at least one check."""
    from narrator.check.registry import check_titles, disabled

    ids = list(check_titles())
    for prefix in prefixes:
        if not any(disabled(i, [prefix]) for i in ids):
            raise InputError(f"{where}: 设置 disable 中的 {prefix!r} 不是任何检查的编号或前缀（narrator checks 可列出全部）")


def _template(table: dict, where: str) -> str | None:
    value = table.get("template")
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise InputError(f"{where}: 设置 template 应为{_KEYS['template']}")
    return value


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: 无法读取设置文件（{type(exc).__name__}）") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: 设置文件不是有效的 TOML（{_where_in_toml(str(exc))}有语法错误）") from None


def _where_in_toml(message: str) -> str:
    """tomllib says where in English ("… (at line 3, column 7)"); users get the place in Chinese."""
    found = re.search(r"line (\d+), column (\d+)", message)
    return f"第 {found.group(1)} 行第 {found.group(2)} 列" if found else "文件末尾"
