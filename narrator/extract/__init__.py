"""Read a published 部门决算 document (text, PDF, DOCX) into figures, narrative sections and warnings.

``extract(path)`` is the whole pipeline: read the text (document), find the
narrative and its sections (sections), read the tables before it (tables,
readers, build), harvest from the narrative what no table holds (harvest), and
validate the result like any figures file.  Nothing that fails to read is
dropped silently: it becomes a ``Warning`` with its location.
"""

from __future__ import annotations

from pathlib import Path

from narrator.errors import FiguresError
from narrator.extract.build import build_tables
from narrator.extract.document import read_source
from narrator.extract.harvest import harvest_current, harvest_keyed
from narrator.extract.meta import administrative, report_year, unit_name
from narrator.extract.projects import read_projects
from narrator.extract.sections import narrative_span, split_sections
from narrator.extract.tables import find_tables
from narrator.extract.types import Document, ExtractWarning, Provenance, Section, Warning
from narrator.figures.facts import Facts
from narrator.figures.load import validate_figures
from narrator.read import normalise

__all__ = ["Document", "ExtractWarning", "Provenance", "Section", "Warning", "extract", "extract_text"]


def extract(path: str | Path) -> Document:
    """Read ``path`` and return what narrator found in it; raises InputError only for unreadable files."""
    source = read_source(path)
    document = extract_text(source.text, str(path), source.format)
    document.pages = source.pages
    document.notes = source.notes
    return document


def extract_text(text: str, path: str = "<text>", found_format: str = "text") -> Document:
    """The same as ``extract`` for text already read (a check's examples, a pasted excerpt)."""
    reading = normalise(text)
    document = Document(path=path, text=reading.text, reading=reading, format=found_format)
    text = reading.text
    span = narrative_span(text)
    document.narrative_span = span
    if span is None:
        document.warnings.append(ExtractWarning("未找到情况说明部分（第三部分 情况说明）", "全文"))
    else:
        document.sections = split_sections(text, span)
    tables = find_tables(text, span[0] if span else None)
    document.tables = [table.kind for table in tables]
    if not tables:
        document.warnings.append(ExtractWarning("未找到任何决算表（第二部分 决算表），数值只取自情况说明", "全文"))
    built = build_tables(tables, text)
    document.printed = built.printed
    document.warnings.extend(built.warnings)
    _figures(document, built.data, bool(tables), built)
    return document


_UNKNOWN_YEAR = 2000  # the figures file needs a year; the lowest it accepts marks one not read


def _figures(document: Document, data: dict, tables_found: bool, built) -> None:
    text, span = document.text, document.narrative_span
    narrative = document.narrative
    data.setdefault("amount_unit", "万元")
    year = report_year(text)
    if year is None:
        document.warnings.append(ExtractWarning(
            f"未能确定报告年度（标题与正文均未写明），数据文件中的年度暂填{_UNKNOWN_YEAR}，请人工填写", "全文"))
    data.update(unit=unit_name(text), year=year or _UNKNOWN_YEAR, administrative=administrative(narrative))
    if span is not None:
        document.provenance.extend(harvest_current(data, text, span, data["amount_unit"], tables_found))
        projects = read_projects(text, document.sections, data["amount_unit"])
        if projects:
            data.setdefault("performance", {})["projects"] = projects
    if "summary" not in data:
        document.warnings.append(ExtractWarning("未能取得本年收入合计/本年支出合计，无法生成数据文件", "全文"))
        return
    base = _validate(document, data)
    if base is None or span is None:
        document.figures = base
        return
    harvest = harvest_keyed(Facts(base), document, data["amount_unit"], data["year"])
    document.provenance.extend(harvest.provenance)
    document.figures = _validate(document, {**data, **harvest.values}) or base


def _validate(document: Document, data: dict):
    try:
        return validate_figures(data, document.path)
    except FiguresError as exc:
        for location, message in exc.problems:
            document.warnings.append(ExtractWarning(f"数据文件校验未通过：{message}", location))
        return None
