"""基本支出明细 (by economic code), 三公经费 and 相关信息统计表 readers."""

from __future__ import annotations

import re
from decimal import Decimal

from narrator.extract.readers import Reading, close, labelled
from narrator.extract.tables import Table, is_label, maybe_amount, normal_label
from narrator.numbers import ZERO, NumberError, parse_number

_ECON = re.compile(r"^\d{3}(\d{2})?$")
_PERSONNEL = ("301", "303")  # 工资福利支出, 对个人和家庭的补助; all other classes are 公用经费
_TOTAL = r"{}\s*合\s*计[\s\-—–]*([0-9][0-9,. ]*)"


def read_basic_detail(table: Table) -> Reading:
    """(code, name, amount) triples side by side; 人员经费合计 / 公用经费合计 from their labels."""
    reading = Reading()
    for row in table.rows:
        cells = row.cells
        for i, cell in enumerate(cells[:-1]):
            if _ECON.match(cell) and is_label(cells[i + 1]):
                value = maybe_amount(cells[i + 2]) if i + 2 < len(cells) else None
                if value:
                    kind = "人员经费" if cell[:3] in _PERSONNEL else "公用经费"
                    name = re.sub(r"\s", "", cells[i + 1])
                    reading.rows.append({"code": cell, "name": name, "amount": value, "kind": kind})
        for key, word in (("personnel_total", "人员经费"), ("public_total", "公用经费")):
            match = re.search(_TOTAL.format(word), row.joined)
            if match and key not in reading.values:
                reading.values[key] = _number(match.group(1))
    _check_detail(table, reading)
    return reading


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


_THREE = ["total", "outbound", "vehicle", "vehicle_purchase", "vehicle_operation", "reception"]


def read_three_public(table: Table) -> Reading:
    """The one data row: 预算数 (合计, 出国, 车小计, 购置, 运行, 接待) then 决算数 the same."""
    reading = Reading()
    for row in table.rows:
        values = [maybe_amount(c) for c in row.cells]
        if any(is_label(c) for c in row.cells) or not any(v is not None for v in values):
            continue
        present = [v for v in values if v is not None]
        if present == [Decimal(i) for i in range(1, len(present) + 1)]:
            continue  # 栏次 1 2 3 … 12
        if len(values) < 12:
            reading.warn(table, f"数据行只有{len(values)}列（应为12列），按位置读取", row)
        values = (values + [None] * 12)[:12]
        for half, prefix in ((values[:6], "budget"), (values[6:], "actual")):
            for name, value in zip(_THREE, half):
                reading.values[f"{prefix}.{name}"] = value or ZERO
        _check_three(table, reading, row)
        break
    return reading


def _check_three(table: Table, reading: Reading, row) -> None:
    v = reading.values
    for prefix, word in (("budget", "预算数"), ("actual", "决算数")):
        car = v[f"{prefix}.vehicle_purchase"] + v[f"{prefix}.vehicle_operation"]
        if not close(v[f"{prefix}.vehicle"], car):
            reading.warn(table, f"{word}公务用车小计{v[f'{prefix}.vehicle']}与购置费+运行维护费{car}不符", row)
        items = v[f"{prefix}.outbound"] + car + v[f"{prefix}.reception"]
        if not close(v[f"{prefix}.total"], items):
            reading.warn(table, f"{word}合计{v[f'{prefix}.total']}与各项之和{items}不符", row)


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
