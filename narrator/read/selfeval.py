"""The funds block of a 绩效自评表 (performance self-assessment form) printed as text.

The national 项目支出绩效自评表 (and the 部门整体 one) opens with a funds block: a header
年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 and the rows 年度资金总额, 其中：当年财政拨款,
上年结转资金, 其他资金.  Published pages flatten it: cells separated by ``|`` or tabs (one row a
line), or by single spaces and line ends (the whole block on one line, or one cell a line).

Fail closed: a block is read only under a header whose cells are one of the known layouts, cell for
cell and in order (``LAYOUTS``); a row only by a known row label.  Where bars or tabs separate the
cells, a cell's column is its position.  Where only spaces do, blank cells leave no trace, so a row
is read only when its count of cells fixes which is which: every column; or, the layout's rule that
blanks come last, the amounts alone (年初、全年、执行) — and for a 其中 row, which carries no 分值 or
得分 in the form, the amounts and its 执行率.  Any other count, a percentage in an amount column or a
word among the numbers: the row is not read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import re
from dataclasses import dataclass, field
from decimal import Decimal

from narrator.numbers import Interval, NumberError, nonnegative, parse_number

if TYPE_CHECKING:
    from narrator.read.context import Context

INITIAL, ANNUAL, ACTUAL, POINTS, RATE, SCORE = "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"
AMOUNTS = (INITIAL, ANNUAL, ACTUAL)
_TOTAL_ONLY = (POINTS, SCORE)  # the form leaves them blank on a 其中 row

# The header words each column is printed with (spaces dropped, brackets half-width).
_COLUMN_WORDS = {
    INITIAL: ("年初预算数", "年初预算"),
    ANNUAL: ("全年预算数", "全年预算数(A)", "全年预算", "调整后预算数"),
    ACTUAL: ("全年执行数", "全年执行数(B)", "全年执行", "预算执行数"),
    POINTS: ("分值", "权重"),
    RATE: ("执行率", "执行率(B/A)", "预算执行率"),
    SCORE: ("得分",),
}
_COLUMN_OF = {word: column for column, words in _COLUMN_WORDS.items() for word in words}

# The layouts a header is read in, each cell for cell in this order.
LAYOUTS = (
    (INITIAL, ANNUAL, ACTUAL, POINTS, RATE, SCORE),  # 财政部 standard
    (ANNUAL, ACTUAL, POINTS, RATE, SCORE),  # the standard without 年初预算数
    (INITIAL, ANNUAL, ACTUAL, RATE, POINTS, SCORE),  # 四川: 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分
)

TOTAL = "年度资金总额"
OTHER = "其他资金"  # the last row of the block: a block that reaches it lists every part
_ROW_LABELS = (
    (TOTAL, r"(?:年度)?资金总额|总额"),
    ("财政拨款", r"(?:其中[:：]?\s*)?(?:当年|本年)?财政拨款"),
    ("财政资金", r"(?:其中[:：]?\s*)?财政资金"),
    ("上年结转资金", r"(?:其中[:：]?\s*)?上年结转(?:资金)?"),
    ("财政专户管理资金", r"(?:其中[:：]?\s*)?财政专户管理资金"),
    ("单位资金", r"(?:其中[:：]?\s*)?单位资金"),
    (OTHER, r"(?:其中[:：]?\s*)?其他资金"),
)
_LABEL = re.compile("(?:" + "|".join(f"(?P<r{i}>{pattern})" for i, (_, pattern) in enumerate(_ROW_LABELS))
                    + r")(?:\s*[:：])?")
_TOKEN = re.compile(r"[^\s|]+")
_SEPARATOR = re.compile(r"[|\t]")
_VALUE = re.compile(r"(?P<n>-?\d[\d,]*(?:\.\d+)?)\s?(?P<pct>[%％])?$")
_BLANK = re.compile(r"^[/／\-—–]{0,2}$")  # an explicit blank (/ — -) or an empty cell
_SPACED_VALUE = re.compile(r"(?P<n>-?\d[\d,]*(?:\.\d+)?)(?P<pct>[%％])?(?=\s|$)|(?P<blank>[/／—–\-]{1,2})(?=\s|$)")
_INDENT = re.compile(r"\n[ \t\u3000]*")  # a line's indentation: no separator
_GAP = re.compile(r"[ \t\u3000\n]+")
_FORM_WORDS = ("执行率", "得分")  # a text without both holds no funds block (a cheap test before tokenising)


@dataclass(frozen=True)
class Value:
    number: Decimal
    places: int
    percent: bool  # written with a % sign
    start: int
    end: int
    written: str

    @property
    def interval(self) -> Interval:
        return nonnegative(Interval.of_rounded(self.number, self.places))


@dataclass(frozen=True)
class FundsRow:
    name: str  # the row's canonical label (年度资金总额, 财政拨款, 上年结转资金 …)
    start: int  # the label's start
    end: int  # the end of its last cell
    values: dict[str, Value] = field(default_factory=dict)  # by column; a blank cell is absent
    read: bool = True  # False: the cells could not be told apart (nothing in values)

    @property
    def is_total(self) -> bool:
        return self.name == TOTAL


@dataclass(frozen=True)
class FundsBlock:
    layout: tuple[str, ...]
    rows: tuple[FundsRow, ...]

    @property
    def total(self) -> FundsRow | None:
        return next((row for row in self.rows if row.is_total), None)

    @property
    def parts(self) -> tuple[FundsRow, ...]:
        return tuple(row for row in self.rows if not row.is_total)

    @property
    def lists_every_part(self) -> bool:
        """The rows run from the total to 其他资金, the form's last row, every one of them read."""
        return bool(self.rows) and self.rows[0].is_total and self.rows[-1].name == OTHER \
            and all(row.read for row in self.rows)


def funds_of(ctx: "Context") -> list[FundsBlock]:
    """The funds blocks of a Context's text, read once per document."""
    return ctx.remember("selfeval.funds", lambda: funds_blocks(ctx.text))


def computable_rates(blocks: list[FundsBlock]) -> list[Value]:
    """The 执行率 cells whose row gives both amounts they are computed from (what execution.selfeval
    checks; coverage counts them as checked)."""
    return [row.values[RATE] for block in blocks for row in block.rows
            if row.read and all(column in row.values for column in (RATE, ANNUAL, ACTUAL))]


def funds_blocks(text: str) -> list[FundsBlock]:
    """Every funds block of a 绩效自评表 printed in ``text`` whose header and rows can be read for sure."""
    if not all(word in text for word in _FORM_WORDS):
        return []
    blocks = []
    tokens = list(_TOKEN.finditer(text))
    i = 0
    while i < len(tokens):
        found = _header_at(text, tokens, i)
        if found is None:
            i += 1
            continue
        layout, last, barred = found
        block = _barred_rows(text, tokens[last].end(), layout) if barred else \
            _spaced_rows(text, tokens[last].end(), layout)
        if block.rows:
            blocks.append(block)
        i = last + 1
    return blocks


def _column(token: str) -> str | None:
    return _COLUMN_OF.get(token.replace("（", "(").replace("）", ")"))


def _header_at(text: str, tokens: list[re.Match[str]], i: int) -> tuple[tuple[str, ...], int, bool] | None:
    """The layout whose header starts at token ``i``, the index of its last token, and whether bars or
    tabs separate its cells (else spaces and line ends do; a mixture is no header read)."""
    if i and _column(tokens[i - 1].group(0)):
        return None  # a column word before it: the header starts earlier, in a layout not known here
    for layout in LAYOUTS:
        if i + len(layout) > len(tokens) or any(_column(tokens[i + k].group(0)) != column
                                                 for k, column in enumerate(layout)):
            continue
        gaps = [text[tokens[i + k].end():tokens[i + k + 1].start()] for k in range(len(layout) - 1)]
        barred = [("|" in gap or "\t" in gap) and "\n" not in gap for gap in gaps]
        if all(barred):
            return layout, i + len(layout) - 1, True
        if not any("|" in gap or "\t" in _INDENT.sub("\n", gap) for gap in gaps):
            return layout, i + len(layout) - 1, False  # spaces, or one cell a line (maybe indented)
    return None


def _label(cell: str) -> str | None:
    """The canonical name of a row label that is the whole cell."""
    found = _LABEL.fullmatch(cell.replace(" ", "").replace("\u3000", ""))
    return _name(found) if found else None


def _name(found: re.Match[str]) -> str:
    return next(_ROW_LABELS[int(key[1:])][0] for key, value in found.groupdict().items() if value is not None)


# ------------------------------------------------------------ cells separated by bars or tabs

def _barred_rows(text: str, after: int, layout: tuple[str, ...]) -> FundsBlock:
    """Rows on the lines after the header's line, each a label cell and its cells in the layout's order."""
    line_end = text.find("\n", after)
    offset = len(text) if line_end < 0 else line_end + 1
    rows = []
    while offset < len(text):
        end = text.find("\n", offset)
        end = len(text) if end < 0 else end
        row = _barred_row(text, offset, end, layout)
        if row is None:
            break
        rows.append(row)
        offset = end + 1
    return FundsBlock(layout, tuple(rows))


def _barred_row(text: str, start: int, end: int, layout: tuple[str, ...]) -> FundsRow | None:
    line = text[start:end]
    if "|" not in line and "\t" not in line:
        return None
    spans = _cell_spans(line, start)
    at = next((k for k, (cell, _, _) in enumerate(spans) if _label(cell)), None)
    if at is None:
        return None  # the block ends at the first line without a row label
    name = _label(spans[at][0])
    label_start = spans[at][1]
    cells = spans[at + 1:at + 1 + len(layout)]
    extra = spans[at + 1 + len(layout):]
    if any(_VALUE.match(cell.strip()) for cell, _, _ in extra[:1]):
        return FundsRow(name, label_start, spans[at][2], read=False)  # a number past the last column: shifted
    values = {}
    for column, (cell, cell_start, cell_end) in zip(layout, cells):
        if _BLANK.match(cell):
            continue
        value = _value(cell, cell_start, column)
        if value is None:
            return FundsRow(name, label_start, spans[at][2], read=False)
        values[column] = value
    if name != TOTAL and any(column in values for column in _TOTAL_ONLY):
        return FundsRow(name, label_start, spans[at][2], read=False)  # a 其中 row scores nothing: shifted
    last = max((v.end for v in values.values()), default=spans[at][2])
    return FundsRow(name, label_start, last, values)


def _cell_spans(line: str, offset: int) -> list[tuple[str, int, int]]:
    """The line's cells left to right, each its text (stripped) and span; blank cells between others kept,
    the blank ones before the first and after the last dropped (the bars around a row)."""
    spans, at = [], 0
    for bar in [*_SEPARATOR.finditer(line), None]:
        end = bar.start() if bar else len(line)
        raw = line[at:end]
        cell = raw.strip(" \u3000")
        begin = offset + at + (raw.index(cell) if cell else 0)
        spans.append((cell, begin, begin + len(cell)))
        at = bar.end() if bar else len(line)
    filled = [k for k, (cell, _, _) in enumerate(spans) if cell]
    return spans[filled[0]:filled[-1] + 1] if filled else []


def _value(cell: str, start: int, column: str) -> Value | None:
    """A numeric cell in its column; None for a word, or a percentage outside the 执行率 column."""
    found = _VALUE.match(cell.strip())
    if found is None or (found.group("pct") and column != RATE):
        return None
    try:
        parsed = parse_number(found.group("n"))
    except NumberError:
        return None
    begin = start + cell.index(found.group("n"))
    return Value(parsed.value, parsed.places, bool(found.group("pct")), begin, start + len(cell.rstrip()),
                 cell.strip())


# ------------------------------------------------------------ cells separated by spaces and line ends

def _after_gap(text: str, at: int, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """``pattern`` right after the spaces or line ends at ``at`` (None without a gap there)."""
    gap = _GAP.match(text, at)
    return pattern.match(text, gap.end()) if gap is not None else None


def _spaced_rows(text: str, after: int, layout: tuple[str, ...]) -> FundsBlock:
    rows, at = [], after
    while (found := _after_gap(text, at, _LABEL)) is not None:
        row, at = _spaced_row(text, found, layout)
        rows.append(row)
        if row is None or at >= len(text):
            break
    return FundsBlock(layout, tuple(r for r in rows if r is not None))


def _spaced_row(text: str, label: re.Match[str], layout: tuple[str, ...]) -> tuple[FundsRow | None, int]:
    name = _name(label)
    at = label.end()
    if at < len(text) and not _GAP.match(text, at):
        return None, at  # the label runs into what follows (年度资金总额:2020…): no cells to tell apart
    cells = []
    while (found := _after_gap(text, at, _SPACED_VALUE)) is not None:
        cells.append(found)
        at = found.end()
    columns = _spaced_columns(layout, len(cells), name == TOTAL)
    if columns is None:
        return FundsRow(name, label.start(), at, read=False), at
    values = {}
    for column, cell in zip(columns, cells):
        if cell.group("blank"):
            continue
        value = _value(cell.group(0), cell.start(), column)
        if value is None:
            return FundsRow(name, label.start(), at, read=False), at
        values[column] = value
    return FundsRow(name, label.start(), at, values), at


def _spaced_columns(layout: tuple[str, ...], count: int, total: bool) -> tuple[str, ...] | None:
    """Which columns ``count`` cells written with spaces stand for, when the count alone says so."""
    amounts = tuple(column for column in layout if column in AMOUNTS)
    part = tuple(column for column in layout if column not in _TOTAL_ONLY)
    if count == len(layout):
        return layout
    if count == 0:
        return ()
    if count == len(amounts) and layout[:count] == amounts:
        return amounts
    if not total and count == len(part) and layout[:len(amounts)] == amounts:
        return part
    return None


# ------------------------------------------------------------ indicator rows and 总分

_INDICATOR_WORDS = {"一级指标": "level1", "二级指标": "level2", "三级指标": "level3",
                    "分值": POINTS, "权重": POINTS, "指标分值": POINTS, "得分": SCORE, "自评得分": SCORE}
_LEVEL1 = re.compile(r"^(?:产出|效益|满意度)指标(?:[(（]\d+分[)）])?$|^成本指标[(（]\d+分[)）]$")
_LEVEL2 = re.compile(r"^(?:数量|质量|时效|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|经济成本|社会成本|"
                     r"生态环境成本)指标(?:[(（]\d+分[)）])?$")
_TOTAL_SCORE = re.compile(r"^总分$")
_REASON = re.compile(r"原因|改进措施")  # the last column: why a target was missed (text)


@dataclass(frozen=True)
class IndicatorRow:
    start: int
    end: int
    points: Value
    score: Value


@dataclass(frozen=True)
class Indicators:
    """The indicator rows of a form printed with bars or tabs, up to its 总分 row."""
    rows: tuple[IndicatorRow, ...]
    every_row_read: bool  # no line between the header and 总分 was left unread
    total_points: Value | None  # 总分: its 分值 and 得分
    total_score: Value | None
    total_start: int
    total_end: int


def indicator_tables(text: str) -> list[Indicators]:
    """Every indicator table printed with bars or tabs whose header names 一级/二级/三级指标, one 分值 and
    one 得分 column, read up to its 总分 row (a table without one gives rows and no total)."""
    if "三级指标" not in text:
        return []
    tables, offset = [], 0
    lines = text.split("\n")
    for number, line in enumerate(lines):
        header = _indicator_header(line)
        if header is not None:
            tables.append(_indicators(lines, number + 1, offset + len(line) + 1, header))
        offset += len(line) + 1
    return [table for table in tables if table is not None]


def _indicator_header(line: str) -> tuple[str, ...] | None:
    """The header's columns from 一级指标 on (the word each names, "" for another column), when it
    names the three levels in order, one 分值 and one 得分 column, the 得分 last but a reason."""
    if "|" not in line and "\t" not in line:
        return None
    cells = [cell.replace(" ", "") for cell, _, _ in _cell_spans(line, 0)]
    if "一级指标" not in cells:
        return None
    columns = tuple(_INDICATOR_WORDS.get(cell, "") for cell in cells[cells.index("一级指标"):])
    if columns[:3] != ("level1", "level2", "level3") or columns.count(POINTS) != 1 or columns.count(SCORE) != 1:
        return None
    tail = cells[cells.index("一级指标") + columns.index(SCORE) + 1:]
    if len(tail) > 1 or (tail and not _REASON.search(tail[0])):
        return None
    return columns


def _indicators(lines: list[str], first: int, offset: int, header: tuple[str, ...]) -> Indicators | None:
    rows: list[IndicatorRow] = []
    for line in lines[first:]:
        spans = _cell_spans(line, offset)
        offset += len(line) + 1
        if spans and _TOTAL_SCORE.match(spans[0][0].replace(" ", "")):
            numbers = [_value(cell, start, POINTS) for cell, start, _ in spans[1:] if cell]
            if len(numbers) == 2 and all(numbers):  # 总分 | 分值 | 得分: two numbers, in that order
                return Indicators(tuple(rows), bool(rows), numbers[0], numbers[1], spans[0][1], numbers[1].end)
            return Indicators(tuple(rows), False, None, None, 0, 0)
        row = _indicator_row(spans, header)
        if row is None:
            break  # a line that is no row ends what is read: the rows after it, if any, are not
        rows.append(row)
    return Indicators(tuple(rows), False, None, None, 0, 0) if rows else None


def _indicator_row(spans: list[tuple[str, int, int]], header: tuple[str, ...]) -> IndicatorRow | None:
    """A row's 分值 and 得分 where its cells line up with the header: the cells a merged 一级/二级 cell
    took from it are told by the names those levels have; a reason left blank drops the last cell."""
    if not spans or _label(spans[0][0]):
        return None  # a row of the funds block
    first = spans[0][0].replace(" ", "")
    if first == "成本指标" or _VALUE.match(first):
        return None  # 成本指标: a 一级 name in the 2021 form, a 二级 one before; a number: a 序号 column
    dropped = 0 if _LEVEL1.match(first) else 1 if _LEVEL2.match(first) else 2
    columns = header[dropped:]
    width = len(columns) - (1 if columns[-1] != SCORE else 0)  # without a blank reason
    if len(spans) not in (width, len(columns)) or POINTS not in columns:
        return None
    points = _value(*spans[columns.index(POINTS)][:2], POINTS)
    score = _value(*spans[columns.index(SCORE)][:2], SCORE)
    if points is None or score is None:
        return None
    return IndicatorRow(spans[0][1], spans[-1][2], points, score)
