"""The figures workbook (XLSX): a documented layout, a blank template, a reader.

Layout (docs/figures.md):
- sheet ``字段``: one row per single value, columns 路径 | 说明 | 值; the path is the
  field path of the figures file (``summary.income.general_budget``).
- one sheet per row table (收入决算表, 支出决算表, 一般公共预算支出, 基本支出明细,
  政府性基金支出, 国有资本经营支出): the first row holds the Chinese column headers (科目编码,
  科目名称, 合计 …; the field names are read too); columns are found by their header.
- sheet ``按类支出``: 01表 expenditure by function class; ``车辆``: vehicles by kind.
- sheet ``上年预算原因``: per fact key, prior-year amount, budgets and causes.

Formula cells are read through the value Excel saved with them; one without (a workbook never
recalculated) is refused with its address.  Excel stores numbers as binary floats; a cell's number is read through its
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
    "绩效项目": ("performance.projects", ["name", "budget", "full_year_budget", "actual"]),
}
MAP_SHEETS = {  # sheet → (figures path of the mapping, key column, value column)
    "按类支出": ("summary.expenditure_by_class", "类级科目代码", "金额"),
    "车辆": ("assets.vehicles.by_kind", "车辆类型", "数量"),
}
KEYED_SHEET = "上年预算原因"
KEYED_COLUMNS = ["指标键", "上年决算数", "年初预算数", "全年预算数", "主要原因", "预决算差异原因"]

# What each part of a field path means, in Chinese; a part's meaning can depend on where it
# stands (``summary`` is 收入支出决算总表 at the top, 绩效管理情况文字 under ``performance``), so
# CONTEXT_LABELS (full path prefixes) are looked up before the plain LABELS of a part.
CONTEXT_LABELS = {
    "summary": "收入支出决算总表", "summary.income": "本年收入", "income": "收入决算表",
    "expenditure": "支出决算表", "fiscal": "财政拨款收入支出决算总表", "fiscal.income": "本年收入",
    "fiscal.expenditure": "本年支出", "fiscal.carried_forward_in": "年初财政拨款结转和结余",
    "fiscal.carried_forward_out": "年末财政拨款结转和结余", "non_fiscal": "非财政拨款收入支出决算总表",
    "non_fiscal.income": "本年收入", "non_fiscal.expenditure": "本年支出",
    "general_budget": "一般公共预算财政拨款支出决算表", "basic_detail": "一般公共预算财政拨款基本支出决算明细表",
    "government_fund": "政府性基金预算财政拨款支出决算表", "state_capital": "国有资本经营预算财政拨款支出决算表",
    "three_public": "“三公”经费支出决算表", "procurement": "政府采购", "assets": "国有资产占用",
    "performance": "预算绩效管理", "performance.summary": "绩效管理情况文字",
    "summary.income.operating": "经营收入", "income.totals.operating": "经营收入",
    "expenditure.totals.operating": "经营支出",
}
# Column headers that differ by table (经营收入 in 收入决算表, 经营支出 in 支出决算表).
SHEET_HEADERS = {
    "收入决算表": {"total": "本年收入合计", "operating": "经营收入"},
    "支出决算表": {"total": "本年支出合计", "operating": "经营支出"},
    "绩效项目": {"name": "项目名称", "budget": "年初预算数", "full_year_budget": "全年预算数", "actual": "全年执行数"},
}
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
    "goods": "政府采购货物支出", "works": "政府采购工程支出", "services": "政府采购服务支出",
    "sme": "授予中小企业合同金额", "small_micro": "其中授予小微企业合同金额",
    "reserved_sme": "面向中小企业预留项目预算金额", "reserved_small_micro": "面向小微企业预留项目预算金额",
    "sme_in_reserved": "中小企业预留项目中由中小企业成交金额",
    "small_micro_in_reserved": "小微企业预留项目中由小微企业成交金额", "sme_in_other": "其他项目中由中小企业成交金额",
    "stated_total": "政府采购支出总额（按表所列）", "large_equipment": "单价100万元（含）以上设备（台套）",
    "self_evaluated_projects": "绩效自评项目个数", "self_evaluated_funds": "绩效自评涉及资金",
    "target_projects": "编报绩效目标的项目个数", "target_funds": "编报绩效目标涉及预算金额",
    "tracked_projects": "绩效跟踪评价的项目个数", "tracked_funds": "绩效跟踪评价涉及预算金额",
    "average_score": "绩效自评平均得分", "rated_excellent": "评级为优的项目个数", "rated_good": "评级为良的项目个数",
    "rated_pass": "评级为合格的项目个数", "rated_fail": "评级为不合格的项目个数",
    "problems_found": "绩效自评发现问题个数", "problems_fixed": "已完成整改的问题个数", "problems_fixing": "正在整改的问题个数",
    "outbound": "因公出国（境）费", "vehicle_purchase": "公务用车购置费", "vehicle_operation": "公务用车运行维护费",
    "reception": "公务接待费", "vehicles": "车辆", "totals": "合计行",
    # row table columns
    "code": "科目编码", "name": "科目名称", "amount": "金额", "kind": "经费类别（人员经费/公用经费）",
}
_TRUE = {"是", "true", "TRUE", "True", "1", "y", "yes"}
_FALSE = {"否", "false", "FALSE", "False", "0", "n", "no"}


def scalar_paths(model: type[BaseModel] = Figures, prefix: str = "") -> Iterator[str]:
    """Every single-value field path of the figures model, in declaration order."""
    for name, info in model.model_fields.items():
        if _is_container(info.annotation):
            continue  # rows and mappings have sheets of their own
        sub = _submodel(info.annotation)
        if sub is not None:
            yield from scalar_paths(sub, f"{prefix}{name}.")
        else:
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
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = FIELDS_SHEET
    sheet.append(["路径", "说明", "值"])
    for path in scalar_paths():
        sheet.append([path, _label(path), None])
    _choice(sheet, "是,否", _value_cell(sheet, "administrative"))
    _choice(sheet, "元,万元", _value_cell(sheet, "amount_unit"))
    for title, (_, columns) in ROW_SHEETS.items():
        rows = book.create_sheet(title)
        rows.append([column_header(c, title) for c in columns])
        if "kind" in columns:
            letter = get_column_letter(columns.index("kind") + 1)
            _choice(rows, "人员经费,公用经费", f"{letter}2:{letter}1000")
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


def _choice(sheet: Any, options: str, cells: str) -> None:
    """A drop-down list (Excel data validation) on ``cells``."""
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True,
                                error=f"请从列表中选择：{options}", errorTitle="取值无效", showErrorMessage=True)
    sheet.add_data_validation(validation)
    validation.add(cells)


def _value_cell(sheet: Any, path: str) -> str:
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == path:
            return row[2].coordinate
    raise ValueError(path)


def _label(path: str) -> str:
    """"收入支出决算总表 / 本年收入 / 一般公共预算财政拨款" for summary.income.general_budget."""
    parts = path.split(".")
    return " / ".join(CONTEXT_LABELS.get(".".join(parts[:i + 1]), LABELS.get(part, part))
                      for i, part in enumerate(parts))


def column_header(column: str, sheet: str = "") -> str:
    return SHEET_HEADERS.get(sheet, {}).get(column) or LABELS.get(column, column)


def _field_of_header(header: Any, columns: list[str], sheet: str) -> str | None:
    """A header cell names its column by the Chinese header or, as older workbooks do, the field name."""
    text = str(header).strip() if header is not None else ""
    for column in columns:
        if text in (column, column_header(column, sheet)):
            return column
    return None


def read_workbook(path: Path) -> dict[str, Any]:
    """Read a figures workbook into the same nested data a YAML file gives."""
    from openpyxl import load_workbook

    from narrator.zipped import checked_members

    checked_members(path, path, "XLSX")
    try:
        book = load_workbook(path, read_only=True, data_only=True)
        formulas = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise InputError(f"{path}: 不是可读的 xlsx 工作簿 — {type(exc).__name__}") from None
    try:
        _refuse_uncomputed(path, book, formulas)
        if FIELDS_SHEET not in book.sheetnames:
            raise InputError(f"{path}: 缺少工作表“{FIELDS_SHEET}”（用 narrator template-xlsx 生成空白模板）")
        data: dict[str, Any] = {}
        for row in _data_rows(book[FIELDS_SHEET]):
            if row and row[0] and len(row) > 2 and _present(row[2]):
                _put(data, str(row[0]).strip(), _cell(row[2], str(row[0])))
        for title, (target, columns) in ROW_SHEETS.items():
            if title in book.sheetnames:
                rows = _table_rows(book[title], columns)
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
        formulas.close()


def _refuse_uncomputed(path: Path, values: Any, formulas: Any) -> None:
    """A formula cell the file holds no computed value for would read as empty: refuse it, by address.

    Excel saves each formula's last result beside it; a workbook written by a program (or
    saved without recalculating) has none, and narrator does not evaluate formulas."""
    from openpyxl.utils import get_column_letter

    missing = []
    for sheet in formulas.worksheets:
        cached = values[sheet.title].iter_rows(values_only=True)
        for row_number, (row, computed) in enumerate(zip(sheet.iter_rows(values_only=True), cached), start=1):
            for column, (cell, value) in enumerate(zip(row, computed), start=1):
                if isinstance(cell, str) and cell.startswith("=") and value is None:
                    missing.append(f"{sheet.title}!{get_column_letter(column)}{row_number}")
    if missing:
        shown = "、".join(missing[:5]) + (f" 等 {len(missing)} 处" if len(missing) > 5 else "")
        raise InputError(f"{path}: 公式单元格没有计算结果：{shown}；请在 Excel 或 WPS 中打开、重新计算并保存，或填入数值")


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


def _table_rows(sheet: Any, columns: list[str]) -> list[dict[str, Any]]:
    """Rows of a table sheet, each cell under the field its header names (unknown headers are skipped)."""
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, ())
    fields = [_field_of_header(h, columns, sheet.title) for h in header]
    return [{field: _cell(value, field) for field, value in zip(fields, row) if field and _present(value)}
            for row in rows if any(_present(c) for c in row)]


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
