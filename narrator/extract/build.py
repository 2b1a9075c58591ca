"""Assemble a Figures from the tables found, in one amount unit, validated like any figures file.

Each table kind fills its part of the figures file; a table that is missing
leaves its part at the model's default and says so in a warning.  Tables in a
different 金额单位 from the summary are converted, never silently mixed.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from narrator.extract.coderows import fill_names, read_code_table
from narrator.extract.derive import derive_expenditure
from narrator.extract.printed import printed_table
from narrator.extract.otherreaders import read_basic_detail, read_stats
from narrator.extract.readers import Reading, read_fiscal, read_non_fiscal, read_summary
from narrator.extract.tables import NAMES, STANDARD_KINDS, Table
from narrator.extract.threepublic import read_three_public
from narrator.extract.types import ExtractWarning, PrintedTable
from narrator.figures.facts import CLASS_NAMES
from narrator.numbers import ZERO, convert

_READERS = {
    "summary": read_summary, "fiscal": read_fiscal, "non_fiscal": read_non_fiscal,
    "basic_detail": read_basic_detail, "three_public": read_three_public, "stats": read_stats,
}
_EXPECTED = list(STANDARD_KINDS)


class Built:
    """The figures data (a plain dict for validate_figures) and what was said while building it."""

    def __init__(self) -> None:
        self.data: dict = {}
        self.warnings: list[ExtractWarning] = []
        self.readings: dict[str, Reading] = {}
        self.printed: list[PrintedTable] = []  # each table read, as printed (before unit conversion)


def build_tables(tables: list[Table], text: str) -> Built:
    built = Built()
    chosen = _choose(tables, built)
    unit = _document_unit(chosen, text, built)
    built.data["amount_unit"] = unit
    reference = None
    for kind in ("summary", "fiscal", "non_fiscal", "basic_detail", "three_public", "stats",
                 "income", "expenditure", "general_budget", "government_fund", "state_capital"):
        table = chosen.get(kind)
        if table is None:
            continue
        if kind in _READERS:
            reading = _READERS[kind](table)
        else:
            reading = read_code_table(table, reference if kind == "income" else None)
        built.printed.append(printed_table(table, reading, text))
        _convert(reading, table, unit, built)
        built.readings[kind] = reading
        built.warnings.extend(reading.warnings)
        if kind == "summary":
            reference = _income_reference(reading)
    built.printed.sort(key=lambda printed: printed.start)
    if chosen and "expenditure" not in chosen:
        _stand_in_expenditure(built)
    _assemble(built)
    return built


def _stand_in_expenditure(built: Built) -> None:
    reading, warning = derive_expenditure(built.readings)
    built.warnings.append(warning)
    if reading is not None:
        built.readings["expenditure"] = reading


def _choose(tables: list[Table], built: Built) -> dict[str, Table]:
    chosen: dict[str, Table] = {}
    for table in tables:
        if table.kind in chosen:
            built.warnings.append(ExtractWarning(f"「{table.name}」出现多次，只读取第一张", table.where(), table.start))
            continue
        chosen[table.kind] = table
    if not chosen:
        return chosen
    for kind in _EXPECTED:
        if kind not in chosen and kind != "expenditure":  # derive: maybe computed from the fund tables
            built.warnings.append(ExtractWarning(f"未找到「{NAMES[kind]}」，该表数据按0处理", "第二部分 决算表"))
    return chosen


def _document_unit(chosen: dict[str, Table], text: str, built: Built) -> str:
    """The summary table's unit, else the tables' most common, else what the narrative uses."""
    units = [t.unit for t in chosen.values() if t.unit]
    if chosen.get("summary") is not None and chosen["summary"].unit:
        unit = chosen["summary"].unit
    elif units:
        unit = Counter(units).most_common(1)[0][0]
    else:
        unit = "万元" if text.count("万元") >= len(re.findall(r"\d\s*元", text)) / 2 else "元"
    if not units and chosen:
        built.warnings.append(ExtractWarning(f"各表均未找到金额单位，按正文用语推定为{unit}", "第二部分 决算表"))
    for table in chosen.values():
        if table.unit is None:
            table.unit = unit
            if units:
                built.warnings.append(ExtractWarning(f"未找到金额单位，按{unit}读取", table.where(), table.start))
    return unit


def _convert(reading: Reading, table: Table, unit: str, built: Built) -> None:
    if table.unit == unit:
        return
    built.warnings.append(ExtractWarning(f"金额单位为{table.unit}，已换算为{unit}", table.where(), table.start))
    for key, value in reading.values.items():
        if not key.startswith(("vehicle.", "large_equipment")):
            reading.values[key] = convert(value, table.unit, unit)
    for row in reading.rows:
        for key, value in row.items():
            if isinstance(value, Decimal):
                row[key] = convert(value, table.unit, unit)


def _income_reference(reading: Reading) -> dict[str, Decimal]:
    return {k.split(".", 1)[1]: v for k, v in reading.values.items() if k.startswith("income.")}


def _assemble(built: Built) -> None:
    r, data = built.readings, built.data
    names = {}
    for kind in ("income", "expenditure", "general_budget", "government_fund", "state_capital"):
        if kind in r:
            fill_names(r[kind].rows, names)
    for kind in ("general_budget", "government_fund", "state_capital"):  # second pass: names read later
        if kind in r:
            fill_names(r[kind].rows, names)
            _fill_class_names(r[kind].rows)
    if "summary" in r:
        data["summary"] = _summary(r["summary"].values)
    for kind, key in (("income", "totals"), ("expenditure", "totals")):
        if kind in r:
            data[kind] = {key: r[kind].values or {"total": ZERO}, "rows": r[kind].rows}
    if "fiscal" in r:
        data["fiscal"] = _nested(r["fiscal"].values)
    if "non_fiscal" in r:
        data["non_fiscal"] = r["non_fiscal"].values
    for kind in ("general_budget", "government_fund", "state_capital"):
        if kind in r:
            data[kind] = _basic_project(r[kind])
    if "basic_detail" in r:
        data["basic_detail"] = {**r["basic_detail"].values, "rows": r["basic_detail"].rows}
    if "three_public" in r:
        data["three_public"] = _three_public(r["three_public"].values)
    if "stats" in r:
        _stats(r["stats"].values, data)


def _fill_class_names(rows: list[dict]) -> None:
    for row in rows:
        if not row["name"]:
            row["name"] = CLASS_NAMES.get(row["code"], "")


def _summary(values: dict[str, Decimal]) -> dict:
    out: dict = {"income": {}, "expenditure_by_class": {}}
    for key, value in values.items():
        if key.startswith("income."):
            out["income"][key.split(".", 1)[1]] = value
        elif key.startswith("class."):
            out["expenditure_by_class"][key.split(".", 1)[1]] = value
        else:
            out[key] = value
    out.setdefault("income_total", ZERO)
    out.setdefault("expenditure_total", ZERO)
    return out


def _nested(values: dict[str, Decimal]) -> dict:
    out: dict = {}
    for key, value in values.items():
        side, fund = key.split(".", 1)
        out.setdefault(side, {})[fund] = value
    return out


def _basic_project(reading: Reading) -> dict:
    keep = ("total", "basic", "project")
    totals = {k: v for k, v in reading.values.items() if k in keep}
    rows = [{"code": r["code"], "name": r["name"], **{k: r.get(k, ZERO) for k in keep}} for r in reading.rows]
    return {**totals, "rows": rows}


def _three_public(values: dict[str, Decimal]) -> dict:
    items = ("outbound", "vehicle_purchase", "vehicle_operation", "reception")
    return {item: {"budget": values.get(f"budget.{item}", ZERO), "actual": values.get(f"actual.{item}", ZERO)}
            for item in items}


def _stats(values: dict[str, Decimal], data: dict) -> None:
    procurement = {k.split(".", 1)[1]: v for k, v in values.items() if k.startswith("procurement.")}
    if procurement:
        data["procurement"] = procurement
    if "operating_expenses" in values:
        data["operating_expenses"] = values["operating_expenses"]
    vehicles = {k.split(".", 1)[1]: int(v) for k, v in values.items() if k.startswith("vehicle.") and v}
    assets: dict = {"vehicles": {"by_kind": vehicles}}
    if "large_equipment" in values:
        assets["large_equipment"] = int(values["large_equipment"])
    data["assets"] = assets
