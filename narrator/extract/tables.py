"""Find the 决算 tables in a document's text and cut them into rows of cells.

A table is recognised by its title, never its number (公开05表 is one thing in
宁夏 and another in 贵州).  Its block runs to the next title or the narrative.
Rows are the tab-separated lines every reader produces (seed texts, PDF, DOCX);
cells keep their positions, empty ones included, because a column's meaning is
its position.  金额单位 is read per table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache

from narrator.numbers import NumberError, parse_number

# normalised title → table kind (what it fills in Figures)
TITLES = {
    "收入支出决算总表": "summary",
    "收入决算表": "income",
    "支出决算表": "expenditure",
    "财政拨款收入支出决算总表": "fiscal",
    "非财政拨款收入支出决算总表": "non_fiscal",
    "一般公共预算财政拨款支出决算表": "general_budget",
    "一般公共预算财政拨款基本支出决算明细表": "basic_detail",
    "一般公共预算财政拨款基本支出决算表": "basic_detail",
    "财政拨款三公经费支出决算表": "three_public",
    "政府性基金预算财政拨款收入支出决算表": "government_fund",
    "国有资本经营预算财政拨款支出决算表": "state_capital",
    "国有资本经营预算财政拨款收入支出决算表": "state_capital",
    "部门决算公开相关信息统计表": "stats",
}
NAMES = {
    "summary": "收入支出决算总表", "income": "收入决算表", "expenditure": "支出决算表",
    "fiscal": "财政拨款收入支出决算总表", "non_fiscal": "非财政拨款收入支出决算总表",
    "general_budget": "一般公共预算财政拨款支出决算表", "basic_detail": "一般公共预算财政拨款基本支出决算明细表",
    "three_public": "财政拨款“三公”经费支出决算表", "government_fund": "政府性基金预算财政拨款收入支出决算表",
    "state_capital": "国有资本经营预算财政拨款支出决算表", "stats": "部门决算公开相关信息统计表",
}
# The tables every 部门决算 publishes (非财政拨款总表 and the 统计表 are regional extras).
STANDARD_KINDS = ("summary", "income", "expenditure", "fiscal", "general_budget", "basic_detail",
                  "three_public", "government_fund", "state_capital")
_NOISE = re.compile(r"[\s#*“”\"'‘’「」]|公开\d+表|^\d{4}年度?|[（(]公开\d+表[）)]")
_UNIT = re.compile(r"(?:金额)?单位\s*[：:]\s*(万元|元)")
_JUNK_CELL = re.compile(r"^[\s·.．\-—_–~]*$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LEADING_YEAR = re.compile(r"^\d{4}年度?")
_NUMBERING = re.compile(r"^([一二三四五六七八九十]+、|\d+[.．、]|[（(][一二三四五六七八九十\d]+[）)])")
_REMARK = re.compile(r"[（(][^）)]*[）)]")


@dataclass
class Row:
    """One line of a table: its offset into the text, its line number and its cells."""

    offset: int
    line_no: int
    cells: list[str]

    @property
    def joined(self) -> str:
        return "\t".join(self.cells)


@dataclass
class Table:
    kind: str
    title: str
    start: int
    end: int
    line_no: int
    unit: str | None
    rows: list[Row] = field(default_factory=list)

    @property
    def name(self) -> str:
        return NAMES[self.kind]

    @cached_property  # asked for every row the readers read; the rows are final once find_tables returns
    def has_row_numbers(self) -> bool:
        """Whether a 行次 column sits between each label and its amount."""
        return any("行次" in "".join(row.joined.split()) for row in self.rows[:24])

    @property
    def declared_empty(self) -> bool:
        return any("本表无数据" in row.joined or "为空表" in row.joined for row in self.rows)

    def where(self, row: Row | None = None) -> str:
        if row is None:
            return f"{self.name}（第{self.line_no}行）"
        return f"{self.name} 第{row.line_no}行"


def title_kind(line: str) -> str | None:
    """The kind of table a line announces, or None; '一、收入决算表' (a contents entry) is not a title."""
    normal = _NOISE.sub("", line)
    normal = _LEADING_YEAR.sub("", normal)
    return TITLES.get(normal)


def find_tables(text: str, limit: int | None = None) -> list[Table]:
    """Every titled table that starts before ``limit`` (the narrative), in document order."""
    limit = len(text) if limit is None else limit
    found: list[Table] = []
    offset = 0
    for line_no, line in enumerate(text.split("\n"), start=1):
        if offset >= limit:
            break
        kind = title_kind(line) if len(line) < 60 else None
        if kind is not None:
            if found:
                found[-1].end = offset
            found.append(Table(kind, line.strip(" #*"), offset, limit, line_no, None))
        elif found:
            found[-1].rows.append(Row(offset, line_no, [cell.strip() for cell in line.split("\t")]))
        offset += len(line) + 1
    for table in found:
        table.rows = [row for row in table.rows if row.offset < table.end]
        table.unit = _unit(table)
    return found


def _unit(table: Table) -> str | None:
    for row in table.rows[:12]:
        match = _UNIT.search(re.sub(r"[ \t]", "", row.joined))
        if match:
            return match.group(1)
    return None


def is_label(cell: str) -> bool:
    return bool(_CJK.search(cell))


def amount(cell: str) -> Decimal | None:
    """A cell's amount; None for an empty or junk cell ('', '·', '———'). Raises NumberError for text."""
    if _JUNK_CELL.match(cell):
        return None
    return parse_number(cell).value


def maybe_amount(cell: str) -> Decimal | None:
    """Like ``amount`` but text gives None: for cells that may be either."""
    try:
        return amount(cell)
    except NumberError:
        return None


@lru_cache(maxsize=4096)  # pure; every table repeats the same few dozen labels
def normal_label(cell: str) -> str:
    """A row label without spaces, numbering (一、 1. （一）) or parenthesised remarks."""
    label = "".join(cell.split())
    label = _NUMBERING.sub("", label)
    return _REMARK.sub("", label)
