"""基本支出明细 (by economic code) and 相关信息统计表 readers (三公经费: threepublic)."""

from __future__ import annotations

import re
from decimal import Decimal

from narrator.extract.readers import Reading, _amount_or_warn, close, labelled
from narrator.extract.tables import Table, is_label, normal_label
from narrator.numbers import ZERO, NumberError, parse_number

_ECON = re.compile(r"^\d{3}(\d{2})?$")
_PERSONNEL = ("301", "303")  # 工资福利支出, 对个人和家庭的补助; all other classes are 公用经费
_TOTALS = {"人员经费": "personnel_total", "公用经费": "public_total"}
_TOTAL = re.compile(r"(人员经费|公用经费)\s*合\s*计")
_CJK_TEXT = re.compile(r"[\u4e00-\u9fff]")


def read_basic_detail(table: Table) -> Reading:
    """(code, name, amount) triples side by side; 人员经费合计 / 公用经费合计 from their labels.

    Codes come whole ("30101") or as 类 and 款 in two cells ("301 | 01", Shanghai),
    with an empty 款 cell on a 类 row ("301 |  | 工资福利支出").
    """
    reading = Reading()
    for row in table.rows:
        for code, name, cell in economic_rows(row.cells):
            value = None if is_label(cell) else _amount_or_warn(cell, table, row, reading)
            if value:
                kind = "人员经费" if code[:3] in _PERSONNEL else "公用经费"
                reading.rows.append({"code": code, "name": name, "amount": value, "kind": kind})
        for key, value in _detail_totals(row.cells):
            reading.values.setdefault(key, value)
    reading.rows.sort(key=lambda r: r["code"])  # side-by-side blocks interleave; 301, 30101 … 302 …
    _check_detail(table, reading)
    return reading


def economic_rows(cells: list[str]) -> list[tuple[str, str, str]]:
    """(code, name, amount cell) for each economic code in a row of side-by-side blocks."""
    found, index = [], 0
    while index < len(cells):
        parsed = _economic_at(cells, index)
        if parsed is None:
            index += 1
            continue
        code, name, index = parsed
        cell = cells[index] if index < len(cells) and not _starts_code(cells, index) else ""
        found.append((code, name, cell))
        index += 1 if cell else 0
    return found


def _economic_at(cells: list[str], index: int) -> tuple[str, str, int] | None:
    """(code, name, index after the name) when an economic code starts at ``index``."""
    if not _ECON.match(cells[index]):
        return None
    code, probe = cells[index], index + 1
    if len(code) == 3 and probe < len(cells) and re.fullmatch(r"\d{2}", cells[probe]):
        code, probe = code + cells[probe], probe + 1
    while probe < len(cells) and cells[probe] == "":
        probe += 1
    if probe == len(cells) or not is_label(cells[probe]):
        return None
    return code, re.sub(r"\s", "", cells[probe]), probe + 1


def _starts_code(cells: list[str], index: int) -> bool:
    """Whether an economic code (not an amount) starts at ``index``: the amount cell was left out."""
    return _economic_at(cells, index) is not None


def _detail_totals(cells: list[str]) -> list[tuple[str, Decimal]]:
    """(key, amount) for 人员经费合计 / 公用经费合计, also split over cells; a label with no amount is 0."""
    joined = "\t".join(cells)
    out = []
    for match in _TOTAL.finditer(joined):
        rest = _CJK_TEXT.split(joined[match.end():], 1)[0]
        number = re.match(r"[\s\-—–:：]*([0-9][0-9,. ]*)", rest)
        out.append((_TOTALS[match.group(1)], _number(number.group(1)) if number else ZERO))
    return out


def _number(text: str) -> Decimal:
    try:
        return parse_number(text.strip()).value
    except NumberError:
        return ZERO


def _check_detail(table: Table, reading: Reading) -> None:
    for key, kind in (("personnel_total", "人员经费"), ("public_total", "公用经费")):
        summed = sum((r["amount"] for r in reading.rows if r["kind"] == kind and len(r["code"]) == 3), ZERO)
        if key not in reading.values:
            reading.values[key] = summed
            reading.warn(table, f"未找到「{kind}合计」，按各类之和{summed}计")
        elif not close(reading.values[key], summed):
            reading.warn(table, f"{kind}合计{reading.values[key]}与各类之和{summed}不符")


_PROCUREMENT = {"货物": "goods", "工程": "works", "服务": "services"}


def read_stats(table: Table) -> Reading:
    """政府采购 (货物/工程/服务), 机关运行经费, 车辆 by kind and 大型设备 from the 统计表."""
    reading = Reading()
    part = ""
    for row in table.rows:
        for label, values in labelled(row, table, reading):
            part = _part(label) or part
            value = values[-1] if values else None
            _stat(reading, part, label, value)
    return reading


def _part(label: str) -> str | None:
    for word, part in (("政府采购", "procurement"), ("机关运行经费", "operating"), ("国有资产", "assets")):
        if word in label:
            return part
    return None


def _stat(reading: Reading, part: str, label: str, value: Decimal | None) -> None:
    if value is None:
        return
    if part == "procurement" and label in _PROCUREMENT:
        reading.values[f"procurement.{_PROCUREMENT[label]}"] = value
    elif part == "operating" and ("行政单位" in label or "事业单位" in label):
        reading.values["operating_expenses"] = reading.values.get("operating_expenses", ZERO) + value
    elif part == "assets" and "设备" in label:
        reading.values["large_equipment"] = value
    elif part == "assets" and label.endswith("用车"):
        reading.values[f"vehicle.{normal_label(label)}"] = value
