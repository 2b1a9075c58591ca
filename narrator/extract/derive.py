"""Stand in for a missing 支出决算表 when the other tables determine it.

caizhengju-2024-planted-errors.pdf lists 三、支出决算表 in its contents but prints
no such table (its pages go from 收入决算表 straight to 财政拨款收入支出决算总表).
When the summary's 本年支出合计 equals the 财政拨款 spending of the fund tables
(一般公共预算, 政府性基金, 国有资本经营), every yuan spent was 财政拨款, so the
支出决算表 is their sum by function code: 基本支出 and 项目支出 only.  Otherwise
nothing is derived.  Either way a warning names the missing table.
"""

from __future__ import annotations

from decimal import Decimal

from narrator.extract.readers import Reading
from narrator.extract.types import ExtractWarning
from narrator.numbers import ZERO, printed_adds_up

_FUNDS = ("general_budget", "government_fund", "state_capital")
_PARTS = ("total", "basic", "project")
_WHERE = "第二部分 决算表"


def derive_expenditure(readings: dict[str, Reading]) -> tuple[Reading | None, ExtractWarning]:
    """(the derived 支出决算表 reading or None, the warning that says which)."""
    stated = readings["summary"].values.get("expenditure_total") if "summary" in readings else None
    funds = [readings[kind] for kind in _FUNDS if kind in readings]
    fiscal = [reading.values.get("total", ZERO) for reading in funds]
    if stated is None or "general_budget" not in readings or not printed_adds_up(stated, fiscal):
        return None, ExtractWarning("未找到「支出决算表」，该表数据按0处理", _WHERE)
    reading = Reading(values={part: _sum(funds, part) for part in _PARTS}, rows=_rows(funds))
    message = (f"未找到「支出决算表」（文档中没有这张表）；本年支出合计{stated}等于财政拨款支出之和，"
               "按各财政拨款支出决算表推算基本支出和项目支出")
    return reading, ExtractWarning(message, _WHERE)


def _sum(funds: list[Reading], part: str) -> Decimal:
    return sum((reading.values.get(part, ZERO) for reading in funds), ZERO)


def _rows(funds: list[Reading]) -> list[dict]:
    """Rows by function code, each fund's amounts added; names from the first table that has them."""
    merged: dict[str, dict] = {}
    for reading in funds:
        for row in reading.rows:
            into = merged.setdefault(row["code"], {"code": row["code"], "name": row["name"],
                                                   **{part: ZERO for part in _PARTS}})
            into["name"] = into["name"] or row["name"]
            for part in _PARTS:
                into[part] += row.get(part, ZERO)
    return [merged[code] for code in sorted(merged)]
