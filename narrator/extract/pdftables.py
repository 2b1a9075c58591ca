"""Ruled tables of a PDF page, from its ruling edges and characters (``pdfpage.PageContent``).

This is pdfplumber's "lines" table finder with its default settings (snap and join
rulings within 3 pt, drop rulings shorter than 3 pt, intersect them within 3 pt, take
the smallest rectangle at each intersection as a cell, group cells touching at a
corner into tables) and its cell text (lines within 3 pt, a word break where the
gap exceeds 3 pt or at a blank character).  pdfplumber's own implementation is pure
Python over dictionaries and quadratic in the intersections; on the Putuo PDFs it
took longer than PDFium's whole reading, so the same steps are done here with
indexes and tuples.  ``tests/test_pdf_reader.py`` checks that both give the same
tables, cell for cell, on every page of the Putuo PDFs.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from operator import itemgetter

from narrator.extract.pdfpage import PageContent

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
Edge = tuple[float, float, float]  # horizontal: (y, x0, x1); vertical: (x, top, bottom)
Point = tuple[float, float]

_SNAP = 3.0  # rulings this close are one ruling (pdfplumber's snap_tolerance)
_JOIN = 3.0  # collinear pieces with a gap this small are one ruling (join_tolerance)
_MIN_LENGTH = 3.0  # shorter rulings are no table border (edge_min_length)
_PREFILTER = 1.0  # … and before snapping, shorter than this are dropped (edge_min_length_prefilter)
_CROSS = 3.0  # a vertical and a horizontal ruling this close meet (intersection_tolerance)
_TEXT = 3.0  # cell text: the x and y tolerance of pdfplumber's extract_text


def ruled_tables(content: PageContent) -> list[tuple[Box, list[list[str | None]]]]:
    """Each ruled table on the page, top to bottom: its box and its rows of cell texts
    (None where a merged cell covers the slot, "" for an empty cell)."""
    horizontal, vertical = _rulings(content.edges)
    if not horizontal or not vertical:
        return []
    points = _intersections(horizontal, vertical)
    tables = _group(_cells(points))
    if not tables:
        return []
    centres = [((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2, c) for c in content.chars]
    return [(_box(cells), _rows(cells, centres)) for cells in tables]


# ------------------------------------------------------------------ rulings

def _rulings(edges: list[dict]) -> tuple[list[Edge], list[Edge]]:
    horizontal = [(e["top"], e["x0"], e["x1"]) for e in edges
                  if e["orientation"] == "h" and e["x1"] - e["x0"] >= _PREFILTER]
    vertical = [(e["x0"], e["top"], e["bottom"]) for e in edges
                if e["orientation"] == "v" and e["bottom"] - e["top"] >= _PREFILTER]
    return _merged(horizontal), _merged(vertical)


def _merged(edges: list[Edge]) -> list[Edge]:
    """Snapped to their cluster's mean position, collinear pieces joined, short ones dropped."""
    at = _snap([edge[0] for edge in edges])
    by_line: dict[float, list[tuple[float, float]]] = defaultdict(list)
    for position, start, end in edges:
        by_line[at[position]].append((start, end))
    merged = []
    for position in sorted(by_line):
        pieces = sorted(by_line[position])
        start, end = pieces[0]
        for piece_start, piece_end in pieces[1:]:
            if piece_start <= end + _JOIN:
                end = max(end, piece_end)
            else:
                merged.append((position, start, end))
                start, end = piece_start, piece_end
        merged.append((position, start, end))
    return [edge for edge in merged if edge[2] - edge[1] >= _MIN_LENGTH]


def _snap(positions: list[float]) -> dict[float, float]:
    """Each position → the mean of its cluster (values chained within _SNAP, mean over every edge)."""
    counts: dict[float, int] = defaultdict(int)
    for position in positions:
        counts[position] += 1
    snapped: dict[float, float] = {}
    cluster: list[float] = []
    for value in sorted(counts):
        if cluster and value > cluster[-1] + _SNAP:
            _settle(cluster, counts, snapped)
            cluster = []
        cluster.append(value)
    if cluster:
        _settle(cluster, counts, snapped)
    return snapped


def _settle(cluster: list[float], counts: dict[float, int], snapped: dict[float, float]) -> None:
    total = sum(value * counts[value] for value in cluster)
    mean = total / sum(counts[value] for value in cluster)
    for value in cluster:
        snapped[value] = mean


# ------------------------------------------------------------------ cells

class _Points:
    """Intersections and the rulings through each, indexed by column and by row."""

    def __init__(self) -> None:
        self.vertical: dict[Point, set[Edge]] = defaultdict(set)
        self.horizontal: dict[Point, set[Edge]] = defaultdict(set)
        self.below: dict[float, list[float]] = defaultdict(list)  # x → ys of the points in that column
        self.right: dict[float, list[float]] = defaultdict(list)  # y → xs of the points in that row

    def add(self, point: Point, vertical: Edge, horizontal: Edge) -> None:
        self.vertical[point].add(vertical)
        self.horizontal[point].add(horizontal)

    def index(self) -> list[Point]:
        points = sorted(self.vertical)
        for x, y in points:
            self.below[x].append(y)
            self.right[y].append(x)
        return points


def _intersections(horizontal: list[Edge], vertical: list[Edge]) -> _Points:
    points = _Points()
    horizontal = sorted(horizontal)
    ys = [edge[0] for edge in horizontal]
    for v in sorted(vertical):
        x, top, bottom = v
        for h in horizontal[bisect_left(ys, top - _CROSS):bisect_right(ys, bottom + _CROSS)]:
            if h[1] - _CROSS <= x <= h[2] + _CROSS:
                points.add((x, h[0]), v, h)
    return points


def _cells(points: _Points) -> list[Box]:
    """The smallest ruled rectangle whose top-left corner is each intersection, in point order."""
    cells = []
    for point in points.index():
        cell = _smallest_cell(points, point)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(points: _Points, point: Point) -> Box | None:
    """The nearest corner below and to the right joined to ``point`` by rulings on all four sides."""
    x, y = point
    vertical, horizontal = points.vertical, points.horizontal
    column, row = points.below[x], points.right[y]
    down, across = vertical[point], horizontal[point]
    right = row[bisect_right(row, x):]
    for below_y in column[bisect_right(column, y):]:
        if down.isdisjoint(vertical[(x, below_y)]):
            continue
        bottom_side = horizontal[(x, below_y)]
        for right_x in right:
            if across.isdisjoint(horizontal[(right_x, y)]):
                continue
            corner = (right_x, below_y)
            if (corner in vertical and not vertical[corner].isdisjoint(vertical[(right_x, y)])
                    and not horizontal[corner].isdisjoint(bottom_side)):
                return (x, y, right_x, below_y)
    return None


def _group(cells: list[Box]) -> list[list[Box]]:
    """Cells touching at a corner, as pdfplumber groups them (each table the cells connected to its
    first cell through shared corners, tables by their top-left cell); single cells dropped.  Walked
    through an index of corners rather than pdfplumber's repeated sweeps over every cell left."""
    corners = [_corners(cell) for cell in cells]
    at_corner: dict[Point, list[int]] = defaultdict(list)
    for index, four in enumerate(corners):
        for corner in four:
            at_corner[corner].append(index)
    seen, tables = [False] * len(cells), []
    for first in range(len(cells)):
        if seen[first]:
            continue
        seen[first] = True
        table, queue = [], [first]
        while queue:
            index = queue.pop()
            table.append(cells[index])
            for corner in corners[index]:
                for other in at_corner[corner]:
                    if not seen[other]:
                        seen[other] = True
                        queue.append(other)
        if len(table) > 1:
            tables.append(table)
    tables.sort(key=lambda table: min(table, key=_TOP_LEFT)[1::-1])
    return tables


_TOP_LEFT = itemgetter(1, 0)


def _corners(cell: Box) -> tuple[Point, Point, Point, Point]:
    x0, top, x1, bottom = cell
    return ((x0, top), (x0, bottom), (x1, top), (x1, bottom))


def _box(cells: list[Box]) -> Box:
    return (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))


# ------------------------------------------------------------------ cell text

def _rows(cells: list[Box], centres: list[tuple[float, float, dict]]) -> list[list[str | None]]:
    """Rows by top, columns by every cell's left edge; a slot no cell starts in is None."""
    inside = _chars_by_cell(cells, centres)
    columns = sorted({cell[0] for cell in cells})
    by_top: dict[float, dict[float, Box]] = defaultdict(dict)
    for cell in sorted(cells, key=lambda c: (c[1], c[0])):
        by_top[cell[1]][cell[0]] = cell  # as pdfplumber's Table.rows: the last cell at a slot
    rows = []
    for top in sorted(by_top):
        row = by_top[top]
        rows.append([None if x not in row else _text(inside.get(row[x], [])) for x in columns])
    return rows


def _chars_by_cell(cells: list[Box], centres: list[tuple[float, float, dict]]) -> dict[Box, list[dict]]:
    """Each cell's characters (their centre inside it, the right and bottom sides open), in page order;
    ``centres`` holds each character of the page with the centre of its box."""
    xs = sorted({v for cell in cells for v in (cell[0], cell[2])})
    ys = sorted({v for cell in cells for v in (cell[1], cell[3])})
    column_of = {x: i for i, x in enumerate(xs)}
    row_of = {y: j for j, y in enumerate(ys)}
    slots: dict[tuple[int, int], list[Box]] = defaultdict(list)
    for cell in cells:
        for i in range(column_of[cell[0]], column_of[cell[2]]):
            for j in range(row_of[cell[1]], row_of[cell[3]]):
                slots[(i, j)].append(cell)
    left, top, right, bottom = xs[0], ys[0], xs[-1], ys[-1]
    inside: dict[Box, list[dict]] = defaultdict(list)
    for x, y, char in centres:
        if left <= x < right and top <= y < bottom:
            for cell in slots.get((bisect_right(xs, x) - 1, bisect_right(ys, y) - 1), ()):
                inside[cell].append(char)
    return inside


def _text(chars: list[dict]) -> str:
    """Lines top to bottom, words left to right joined by a space (pdfplumber's extract_text): a
    word ends at a blank, where the next character starts left of the last one or more than 3 pt
    right of its end, or more than 3 pt above or below it."""
    if not chars:
        return ""
    words: list[tuple[float, str]] = []  # (the top of its highest character, its text)
    for line in _clustered(chars):
        line.sort(key=_X0)
        word: list[str] = []
        word_top, last = 0.0, None
        for char in line:
            text = char["text"]
            if text.isspace():
                if word:
                    words.append((word_top, "".join(word)))
                    word = []
                continue
            x0, top = char["x0"], char["top"]
            if word and (x0 < last["x0"] or x0 > last["x1"] + _TEXT or abs(top - last["top"]) > _TEXT):
                words.append((word_top, "".join(word)))
                word = []
            if word:
                word.append(text)
                if top < word_top:
                    word_top = top
            else:
                word, word_top = [text], top
            last = char
        if word:
            words.append((word_top, "".join(word)))
    return "\n".join(" ".join(text for _, text in line) for line in _clustered(words, key=0))


_X0 = itemgetter("x0")


def _clustered(items: list, key="top") -> list[list]:
    """Items grouped by their ``key`` value (values chained within 3 pt), groups in value order,
    items in their given order within a group."""
    values = sorted({item[key] for item in items})
    if len(values) == 1:
        return [list(items)]
    group_of, group, last = {}, -1, None
    for value in values:
        if last is None or value > last + _TEXT:
            group += 1
        group_of[value] = group
        last = value
    groups: list[list] = [[] for _ in range(group + 1)]
    for item in items:
        groups[group_of[item[key]]].append(item)
    return groups
