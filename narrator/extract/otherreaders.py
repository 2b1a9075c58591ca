"""基本支出明细 (by economic code) and 相关信息统计表 readers (三公经费: threepublic)."""

from __future__ import annotations

import re
from decimal import Decimal

from narrator.extract.readers import Reading, _amount_or_warn, labelled_at
from narrator.extract.tables import Table, is_label, normal_label
from narrator.numbers import ZERO, NumberError, parse_number, printed_adds_up

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
        for code, name, cell, position in economic_cells(row.cells):
            value = None if is_label(cell) else _amount_or_warn(cell, table, row, reading)
            if value:
                kind = "人员经费" if code[:3] in _PERSONNEL else "公用经费"
                reading.rows.append({"code": code, "name": name, "amount": value, "kind": kind})
                reading.sources.append((row, {"amount": position}))
        for key, value, position in _detail_totals(row.cells):
            if key not in reading.values:
                reading.put(key, value, row, position)
        _grand_total(reading, row)
    # side-by-side blocks interleave; 301, 30101 … 302 …: sort, keeping each row's source beside it
    pairs = sorted(zip(reading.rows, reading.sources), key=lambda pair: pair[0]["code"])
    reading.rows, reading.sources = [r for r, _ in pairs], [s for _, s in pairs]
    _check_detail(table, reading)
    return reading


def economic_rows(cells: list[str]) -> list[tuple[str, str, str]]:
    """(code, name, amount cell) for each economic code in a row of side-by-side blocks."""
    return [(code, name, cell) for code, name, cell, _ in economic_cells(cells)]


def economic_cells(cells: list[str]) -> list[tuple[str, str, str, int | None]]:
    """Like ``economic_rows``, with the index of the amount cell (None where it was left out)."""
    found, index = [], 0
    while index < len(cells):
        parsed = _economic_at(cells, index)
        if parsed is None:
            index += 1
            continue
        code, name, index = parsed
        cell = cells[index] if index < len(cells) and not _starts_code(cells, index) else ""
        found.append((code, name, cell, index if cell else None))
        index += 1 if cell else 0
    return found


_GRAND_TOTAL = re.compile(r"^合\s*计$")


def _grand_total(reading: Reading, row) -> None:
    """The table's own 合计 line (人员经费 + 公用经费), when printed: kept for the checker only."""
    labels = [i for i, cell in enumerate(row.cells) if is_label(cell)]
    if len(labels) != 1 or not _GRAND_TOTAL.match(row.cells[labels[0]]):
        return
    for position in range(len(row.cells) - 1, labels[0], -1):
        value = _maybe(row.cells[position])
        if value is not None:
            reading.also_printed["total"] = value
            reading.at["total"] = (row, position)
            return


def _maybe(cell: str) -> Decimal | None:
    try:
        return parse_number(cell).value if cell.strip() else None
    except NumberError:
        return None


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


def _detail_totals(cells: list[str]) -> list[tuple[str, Decimal, int | None]]:
    """(key, amount, cell index) for 人员经费合计 / 公用经费合计, also split over cells; no amount is 0."""
    joined = "\t".join(cells)
    out = []
    for match in _TOTAL.finditer(joined):
        rest = _CJK_TEXT.split(joined[match.end():], 1)[0]
        number = re.match(r"[\s\-—–:：]*([0-9][0-9,. ]*)", rest)
        position = joined.count("\t", 0, match.end() + number.start(1)) if number else None
        out.append((_TOTALS[match.group(1)], _number(number.group(1)) if number else ZERO, position))
    return out


def _number(text: str) -> Decimal:
    try:
        return parse_number(text.strip()).value
    except NumberError:
        return ZERO


def _check_detail(table: Table, reading: Reading) -> None:
    for key, kind in (("personnel_total", "人员经费"), ("public_total", "公用经费")):
        parts = [r["amount"] for r in reading.rows if r["kind"] == kind and len(r["code"]) == 3]
        summed = sum(parts, ZERO)
        if key not in reading.values:
            reading.values[key] = summed
            reading.warn(table, f"未找到「{kind}合计」，按各类之和{summed}计")
        elif not printed_adds_up(reading.values[key], parts):
            reading.warn(table, f"{kind}合计{reading.values[key]}与各类之和{summed}不符")


_PROCUREMENT = {"货物": "goods", "工程": "works", "服务": "services"}


def read_stats(table: Table) -> Reading:
    """政府采购 (货物/工程/服务), 机关运行经费, 车辆 by kind and 大型设备 from the 统计表."""
    reading = Reading()
    part = ""
    for row in table.rows:
        for label, values, cell in labelled_at(row, table, reading):
            part = _part(label) or part
            value = values[-1] if values else None
            _stat(reading, part, label, value)
            if value is not None:
                _stat_cell(reading, part, label, value, (row, cell + len(values) - 1))
    return reading


def _stat_cell(reading: Reading, part: str, label: str, value: Decimal, where) -> None:
    """Where a procurement amount was printed; the printed 合计 is kept for the checker only."""
    if part != "procurement":
        return
    if label in _PROCUREMENT:
        reading.at[f"procurement.{_PROCUREMENT[label]}"] = where
    elif label == "合计":
        reading.also_printed["procurement.total"] = value
        reading.at["procurement.total"] = where


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
