"""The figures workbook (XLSX): a documented layout, a blank template, a reader.

Layout (docs/figures.md):
- sheet ``字段``: one row per single value, columns 路径 | 说明 | 值; the path is the
  field path of the figures file (``summary.income.general_budget``).
- one sheet per row table (收入决算表, 支出决算表, 一般公共预算支出, 基本支出明细,
  政府性基金支出, 国有资本经营支出): first row holds the column field names.
- sheet ``按类支出``: 01表 expenditure by function class; ``车辆``: vehicles by kind.
- sheet ``上年预算原因``: per fact key, prior-year amount, budgets and causes.

Excel stores numbers as binary floats; a cell's number is read through its
shortest decimal text (``str``), which is what the person typed for any amount
with up to 15 significant digits.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator, get_args

from pydantic import BaseModel

from narrator.errors import InputError
from narrator.figures.model import Figures
from narrator.writing import replace_atomically

FIELDS_SHEET = "字段"
ROW_SHEETS = {  # sheet → (figures path of the list, columns)
    "收入决算表": ("income.rows", ["code", "name", "total", "fiscal", "superior_subsidy", "business", "operating", "affiliated", "other"]),
    "支出决算表": ("expenditure.rows", ["code", "name", "total", "basic", "project", "to_superior", "operating", "to_affiliated"]),
    "一般公共预算支出": ("general_budget.rows", ["code", "name", "total", "basic", "project"]),
    "基本支出明细": ("basic_detail.rows", ["code", "name", "amount", "kind"]),
    "政府性基金支出": ("government_fund.rows", ["code", "name", "total", "basic", "project"]),
    "国有资本经营支出": ("state_capital.rows", ["code", "name", "total", "basic", "project"]),
}
MAP_SHEETS = {  # sheet → (figures path of the mapping, key column, value column)
    "按类支出": ("summary.expenditure_by_class", "类级科目代码", "金额"),
    "车辆": ("assets.vehicles.by_kind", "车辆类型", "数量"),
}
KEYED_SHEET = "上年预算原因"
KEYED_COLUMNS = ["指标键", "上年决算数", "年初预算数", "全年预算数", "主要原因", "预决算差异原因"]

LABELS = {
    "unit": "部门（单位）名称", "year": "年度", "amount_unit": "金额单位（元 或 万元）",
    "administrative": "是否行政单位或参公事业单位（是/否）", "general_budget": "一般公共预算财政拨款",
    "government_fund": "政府性基金预算财政拨款", "state_capital": "国有资本经营预算财政拨款",
    "superior_subsidy": "上级补助收入", "business": "事业收入", "operating": "经营收入/经营支出",
    "affiliated": "附属单位上缴收入", "other": "其他收入", "income_total": "本年收入合计",
    "expenditure_total": "本年支出合计", "use_of_non_fiscal_balance": "使用非财政拨款结余",
    "carried_forward_in": "年初结转和结余", "balance_distribution": "结余分配",
    "carried_forward_out": "年末结转和结余", "total": "合计", "basic": "基本支出", "project": "项目支出",
    "fiscal": "财政拨款收入", "to_superior": "上缴上级支出", "to_affiliated": "对附属单位补助支出",
    "income": "收入", "expenditure": "支出", "personnel_total": "人员经费合计", "public_total": "公用经费合计",
    "budget": "预算数", "actual": "决算数", "groups": "团组数", "persons": "人次", "count": "购置车辆数",
    "fleet": "公务用车保有量", "batches": "接待批次", "foreign_actual": "其中外事接待费",
    "foreign_batches": "外事接待批次", "foreign_persons": "外事接待人次", "operating_expenses": "机关运行经费",
    "goods": "政府采购货物", "works": "政府采购工程", "services": "政府采购服务", "sme": "授予中小企业合同金额",
    "small_micro": "授予小微企业合同金额", "large_equipment": "单价100万元以上设备（台套）",
    "self_evaluated_projects": "绩效自评项目个数", "self_evaluated_funds": "绩效自评涉及资金",
    "summary": "绩效管理情况文字",
}
_TRUE = {"是", "true", "TRUE", "True", "1", "y", "yes"}
_FALSE = {"否", "false", "FALSE", "False", "0", "n", "no"}


def scalar_paths(model: type[BaseModel] = Figures, prefix: str = "") -> Iterator[str]:
    """Every single-value field path of the figures model, in declaration order."""
    for name, info in model.model_fields.items():
        sub = _submodel(info.annotation)
        if sub is not None:
            yield from scalar_paths(sub, f"{prefix}{name}.")
        elif not _is_container(info.annotation):
            yield f"{prefix}{name}"


def _submodel(annotation: Any) -> type[BaseModel] | None:
    for candidate in (annotation, *get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _is_container(annotation: Any) -> bool:
    origin = getattr(annotation, "__origin__", None)
    return origin in (list, dict)


def write_template(out: Path) -> None:
    """A blank workbook with every sheet and header of the layout."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = FIELDS_SHEET
    sheet.append(["路径", "说明", "值"])
    for path in scalar_paths():
        sheet.append([path, _label(path), None])
    for title, (_, columns) in ROW_SHEETS.items():
        book.create_sheet(title).append(columns)
    for title, (_, key_col, value_col) in MAP_SHEETS.items():
        book.create_sheet(title).append([key_col, value_col])
    book.create_sheet(KEYED_SHEET).append(KEYED_COLUMNS)
    for ws in book.worksheets:
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.column_dimensions["A"].width = 36
        ws.column_dimensions["B"].width = 28
    buffer = io.BytesIO()
    book.save(buffer)
    replace_atomically(out, buffer.getvalue())  # the caller checked ``out`` (narrator/writing.py)


def _label(path: str) -> str:
    return " / ".join(LABELS.get(part, part) for part in path.split("."))


def read_workbook(path: Path) -> dict[str, Any]:
    """Read a figures workbook into the same nested data a YAML file gives."""
    from openpyxl import load_workbook

    from narrator.zipped import checked_members

    checked_members(path, path, "XLSX")
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise InputError(f"{path}: 不是可读的 xlsx 工作簿 — {type(exc).__name__}") from None
    try:
        if FIELDS_SHEET not in book.sheetnames:
            raise InputError(f"{path}: 缺少工作表“{FIELDS_SHEET}”（用 narrator template-xlsx 生成空白模板）")
        data: dict[str, Any] = {}
        for row in _data_rows(book[FIELDS_SHEET]):
            if row and row[0] and len(row) > 2 and _present(row[2]):
                _put(data, str(row[0]).strip(), _cell(row[2], str(row[0])))
        for title, (target, columns) in ROW_SHEETS.items():
            if title in book.sheetnames:
                rows = [_row_dict(columns, r) for r in _data_rows(book[title]) if any(_present(c) for c in r)]
                if rows:
                    _put(data, target, rows)
        for title, (target, _, _) in MAP_SHEETS.items():
            if title in book.sheetnames:
                mapping = {str(r[0]).strip(): _cell(r[1]) for r in _data_rows(book[title]) if r and _present(r[0])}
                if mapping:
                    _put(data, target, mapping)
        if KEYED_SHEET in book.sheetnames:
            _read_keyed(book[KEYED_SHEET], data)
        return data
    finally:
        book.close()


def _read_keyed(sheet: Any, data: dict[str, Any]) -> None:
    targets = ["prior", "budget", "full_year_budget", "causes", "causes@budget"]
    for row in _data_rows(sheet):
        if not row or not _present(row[0]):
            continue
        key = str(row[0]).strip()
        for target, value in zip(targets, row[1:]):
            if not _present(value):
                continue
            if target == "causes@budget":
                data.setdefault("causes", {})[key + "@budget"] = str(value)
            else:
                data.setdefault(target, {})[key] = str(value) if target == "causes" else _cell(value)


def _data_rows(sheet: Any) -> Iterator[tuple[Any, ...]]:
    rows = sheet.iter_rows(values_only=True)
    next(rows, None)  # header
    yield from rows


def _row_dict(columns: list[str], row: tuple[Any, ...]) -> dict[str, Any]:
    return {col: _cell(value, col) for col, value in zip(columns, row) if _present(value)}


def _present(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def _cell(value: Any, field: str = "") -> Any:
    """Cell → YAML-like value: floats through their text, 是/否 as booleans, codes as text."""
    if isinstance(value, float):
        return Decimal(str(value))
    if field.endswith("administrative") and isinstance(value, str):
        if value.strip() in _TRUE:
            return True
        if value.strip() in _FALSE:
            return False
    if field == "code" and isinstance(value, (int, float)):
        return str(int(value))
    return value.strip() if isinstance(value, str) else value


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    node = data
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value
