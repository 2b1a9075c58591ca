"""A PDF's pages as characters and ruling edges, read through pypdfium2 (PDFium, in C).

Each character comes with its box in the shape pdfplumber gives (``text``, ``x0``,
``x1``, ``top``, ``bottom``, ``size``, ``upright``; top-down page coordinates), so the
reading-order rebuild and pdfplumber's table geometry work on it unchanged.  The
box is built as pdfminer builds it: from the character's origin, its font size
scaled by the text matrix, and the font's descent, a box one font size tall.  This
matters: in caizhengju-2024.pdf the digits use a font with a deep descent, so
their boxes sit a few points lower than the Chinese on the same baseline, and the
line rebuild in ``pdftext`` was tuned on those boxes.

Edges are every horizontal or vertical segment of every path object (lines,
rectangles, the sides of thin filled bars), as pdfplumber derives them from
pdfminer's lines, rects and curves.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from narrator.errors import InputError


@dataclass
class PageContent:
    """One page: its characters and ruling edges, pdfplumber-shaped (what its TableFinder reads)."""

    number: int  # 1-based
    chars: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)


def pdf_pages(raw: bytes, path: Path) -> list[PageContent]:
    """Every page of the PDF in ``raw``; an unreadable or password-protected file is an InputError."""
    import pypdfium2 as pdfium

    document = _open(raw, path)
    pages = []
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                pages.append(_page_content(page, index + 1))
            finally:
                page.close()
    except pdfium.PdfiumError as exc:
        raise InputError(f"{path}: PDF 文件已损坏或不完整，无法解析 — {exc}") from None
    finally:
        document.close()
    return pages


def _open(raw: bytes, path: Path):
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        return pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise InputError(f"{path}: PDF 文件已加密，需要密码才能打开；请提供未加密的文件") from None
        raise InputError(f"{path}: PDF 文件已损坏或不完整，无法解析") from None


def _page_content(page, number: int) -> PageContent:
    top = page.get_mediabox()[3]  # PDF y grows upwards; pdfplumber's ``top`` is measured down from here
    textpage = page.get_textpage()
    try:
        chars = _chars(textpage, top)
    finally:
        textpage.close()
    return PageContent(number, chars, _edges(page, top))


class _Fonts:
    """Each font's descent per unit of size, asked of PDFium once per font."""

    def __init__(self) -> None:
        self._descent: dict[int, float] = {}
        self._out = ctypes.c_float()

    def descent(self, font) -> float:
        import pypdfium2.raw as pdfium_c

        key = ctypes.cast(font, ctypes.c_void_p).value or 0
        value = self._descent.get(key)
        if value is None:
            ok = pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(1.0), self._out)
            value = self._descent[key] = self._out.value if ok else 0.0
        return value


def _chars(textpage, page_top: float) -> list[dict]:
    """The characters the content stream draws (PDFium's generated spaces and line ends left out)."""
    import pypdfium2.raw as pdfium_c

    count = pdfium_c.FPDFText_CountChars(textpage)
    x, y = ctypes.c_double(), ctypes.c_double()
    box, matrix, fonts = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX(), _Fonts()
    chars = []
    for i in range(count):
        if pdfium_c.FPDFText_IsGenerated(textpage, i):
            continue
        pdfium_c.FPDFText_GetCharOrigin(textpage, i, x, y)
        pdfium_c.FPDFText_GetLooseCharBox(textpage, i, box)  # left/right: origin and origin + advance
        pdfium_c.FPDFText_GetMatrix(textpage, i, matrix)
        font = pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(textpage, i))
        size = pdfium_c.FPDFText_GetFontSize(textpage, i) * _scale(matrix)
        bottom = page_top - y.value - fonts.descent(font) * size
        chars.append({
            "text": chr(pdfium_c.FPDFText_GetUnicode(textpage, i)),
            "x0": box.left, "x1": box.right, "top": bottom - size, "bottom": bottom, "doctop": bottom - size,
            "size": size, "upright": matrix.a * matrix.d > 0 and matrix.b * matrix.c <= 0,
        })
    return chars


def _scale(matrix) -> float:
    """How much the text matrix scales the font size vertically (pdfminer's box height / font size)."""
    return (matrix.b * matrix.b + matrix.d * matrix.d) ** 0.5


def _edges(page, page_top: float) -> list[dict]:
    import pypdfium2.raw as pdfium_c

    edges: list[dict] = []
    for obj, matrix in _path_objects(page):
        for start, end in _segments(obj, matrix):
            edge = _edge(start, end, page_top)
            if edge is not None:
                edges.append(edge)
    return edges


def _path_objects(page):
    """(path object, its matrix to page space), descending into form XObjects."""
    import pypdfium2.raw as pdfium_c

    def walk(count, get, outer):
        for k in range(count):
            obj = get(k)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                yield obj, _compose(_matrix(obj), outer)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                inner = _compose(_matrix(obj), outer)
                yield from walk(pdfium_c.FPDFFormObj_CountObjects(obj),
                                lambda j, form=obj: pdfium_c.FPDFFormObj_GetObject(form, j), inner)

    yield from walk(pdfium_c.FPDFPage_CountObjects(page),
                    lambda k: pdfium_c.FPDFPage_GetObject(page, k), (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))


def _matrix(obj) -> tuple[float, ...]:
    import pypdfium2.raw as pdfium_c

    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix applying ``inner`` then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _segments(obj, matrix) -> Iterator[tuple[tuple[float, float], tuple[float, float]]]:
    """Consecutive points of each subpath in page space, and the closing side of a closed one."""
    import pypdfium2.raw as pdfium_c

    a, b, c, d, e, f = matrix
    px, py = ctypes.c_float(), ctypes.c_float()
    first = previous = None
    for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        pdfium_c.FPDFPathSegment_GetPoint(segment, px, py)
        point = (px.value * a + py.value * c + e, px.value * b + py.value * d + f)
        if pdfium_c.FPDFPathSegment_GetType(segment) == pdfium_c.FPDF_SEGMENT_MOVETO:
            first = point
        elif previous is not None:
            yield previous, point
        previous = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and first is not None and point != first:
            yield point, first
            previous = first


def _edge(start: tuple[float, float], end: tuple[float, float], page_top: float) -> dict | None:
    """A horizontal or vertical segment as a pdfplumber edge; None for a slanted one."""
    if start[0] == end[0]:
        orientation = "v"
    elif start[1] == end[1]:
        orientation = "h"
    else:
        return None
    x0, x1 = sorted((start[0], end[0]))
    top, bottom = sorted((page_top - start[1], page_top - end[1]))
    return {"object_type": "curve_edge", "orientation": orientation, "x0": x0, "x1": x1, "top": top,
            "bottom": bottom, "doctop": top, "width": x1 - x0, "height": bottom - top}
