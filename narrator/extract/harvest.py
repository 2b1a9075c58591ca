"""Harvest from the narrative the values no table holds: prior-year amounts, budgets, causes, counts.

The tables hold only the current year.  The narrative says "比上年增加X万元"
(so prior = current − change), "上年决算数为X", "年初预算为X万元" and "主要原因是…":
``harvest_keyed`` takes those as the narrative reader reads them (``read/harvested.py``:
its statements, claims and bindings, the checker's own).  Every value taken is recorded
as a Provenance with the statement it was read in.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from narrator.catalogue.stated import AMOUNTS, COUNTS
from narrator.extract.types import Document, Provenance
from narrator.figures.facts import Facts
from narrator.numbers import ZERO, Interval, convert

if TYPE_CHECKING:
    from narrator.read.current import CurrentReading, Stated

_CLASS_NAMED = r"([\u4e00-\u9fff]{2,20}?)(?:支出)?[（(]类[）)]"  # 住房保障支出（类）


class Harvest:
    """Collects harvested values and their provenance for one document."""

    def __init__(self, text: str, unit: str):
        self.text, self.unit = text, unit
        self.values: dict[str, dict[str, Decimal | str]] = {"prior": {}, "budget": {}, "full_year_budget": {}, "causes": {}}
        self.provenance: list[Provenance] = []

    def note(self, field: str, value, start: int, end: int) -> None:
        self.provenance.append(Provenance(field, str(value), self.text[start:end], start, end))


# ---------------------------------------------------------------- current values

def harvest_current(data: dict, text: str, span: tuple[int, int], unit: str, tables_found: bool) -> list[Provenance]:
    """Fill figures fields no table gave from the narrative's own statements, as the reader reads them."""
    from narrator.read.current import CurrentReading  # the reader imports extract's sections: not at import time

    harvest = Harvest(text, unit)
    reading = CurrentReading(text, span)
    for path, words in AMOUNTS:
        if tables_found and not path.startswith(("procurement.", "operating_expenses", "performance.")):
            continue
        if _get(data, path) not in (None, ZERO):
            continue
        found = reading.amount(path, words)
        if found is not None:
            _take(data, harvest, found, convert(found.value, found.unit, unit))
    _keep_procurement_total(data, harvest)
    for path, pattern in COUNTS:
        found = reading.count(path, pattern)
        if found is not None and not _get(data, path):
            _take(data, harvest, found, found.value)
    if not tables_found:
        _classes_from_narrative(data, reading, harvest)
        if _get(data, "summary.expenditure_total") is not None:
            _set(data, "expenditure.totals.total", data["summary"]["expenditure_total"])
    return harvest.provenance


def _take(data: dict, harvest: Harvest, found: "Stated", value) -> None:
    _set(data, found.path, value)
    harvest.note(found.path, value, found.start, found.end)


def _keep_procurement_total(data: dict, harvest: Harvest) -> None:
    """A stated 总额 is kept only where rounding explains its gap to the parts.

    Equal to the parts it adds nothing; outside the interval the three parts stand for as the
    tables print them (two decimals: half a unit of the last place either side, each) it is the
    narrative's error, which the checker reports.
    """
    procurement = data.get("procurement") or {}
    stated = procurement.get("stated_total")
    if stated is None:
        return
    parts = [procurement.get(k) or ZERO for k in ("goods", "works", "services")]
    printed = sum((Interval.of_rounded(part, 2) for part in parts), Interval.exact(ZERO))
    if stated == sum(parts, ZERO) or stated not in printed:
        del procurement["stated_total"]
        harvest.provenance[:] = [p for p in harvest.provenance if p.field != "procurement.stated_total"]


def _classes_from_narrative(data: dict, reading: "CurrentReading", harvest: Harvest) -> None:
    """一般公共服务支出（类）120.00万元: a 类's amount, when no table gave any."""
    from narrator.extract.readers import CLASS_BY_NAME

    for match, found in reading.amounts_named(_CLASS_NAMED):
        name = match.group(1) if match.group(1).endswith("支出") else match.group(1) + "支出"
        code = CLASS_BY_NAME.get(name)
        value = convert(found.value, found.unit, harvest.unit)
        by_class = data.setdefault("summary", {}).setdefault("expenditure_by_class", {})
        if code and code not in by_class:
            by_class[code] = value
            harvest.note(f"summary.expenditure_by_class.{code}", value, found.start, found.end)


def _get(data: dict, path: str):
    node = data
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _set(data: dict, path: str, value) -> None:
    *parents, last = path.split(".")
    node = data
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value


# ---------------------------------------------------------------- prior, budget, causes

def harvest_keyed(facts: Facts, document: Document, unit: str, year: int | None = None) -> Harvest:
    """prior/budget/full_year_budget/causes by fact key, as the narrative reader reads them."""
    from narrator.read.context import Context  # the reader imports extract's sections: not at import time
    from narrator.read.harvested import harvested

    harvest = Harvest(document.text, unit)
    ctx = Context(document.text, facts=facts, year=year, span=document.narrative_span, document=document)
    for found in harvested(ctx, unit):
        if found.key.partition("@")[0] in facts:
            _put(harvest, found.field, found.key, found.value, found.statement.start, found.statement.end)
    return harvest


def _put(harvest: Harvest, field: str, key: str, value, start: int, end: int) -> None:
    if value is None or key in harvest.values[field]:
        return
    harvest.values[field][key] = value
    harvest.note(f"{field}.{key}", value, start, end)
