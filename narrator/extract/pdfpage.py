"""A PDF's pages as characters and ruling edges, read through pypdfium2 (PDFium, in C).

Each character comes with its box in the shape pdfplumber gives (``text``, ``x0``,
``x1``, ``top``, ``bottom``, ``size``, ``upright``; top-down page coordinates), so the
reading-order rebuild (``pdftext``) and the table finder (``pdftables``, pdfplumber's
algorithm) read it as they read pdfplumber's, and pdfplumber itself can be run on it in
the tests that compare the two.  The
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
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

from narrator.errors import InputError


# PDFium gives positions as 32-bit floats (about 5 significant digits on a page): rounded to a
# ten-thousandth of a point, they meet pdfminer's doubles, so a gap that is exactly the space threshold
# (a quarter of the font size) falls the same way as before (guihuaziyuan-2024.pdf, template-2024.pdf).
_PLACES = 4


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
    except pdfium.PdfiumError:
        raise InputError(f"{path}: PDF 文件已损坏或不完整，无法解析") from None
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
        chars = _chars(_handle(textpage), top)
    finally:
        textpage.close()
    return PageContent(number, chars, _edges(_handle(page), top))


def _handle(obj) -> int:
    return ctypes.cast(obj.raw, ctypes.c_void_p).value or 0


@lru_cache(maxsize=1)
def _api() -> SimpleNamespace:
    """The PDFium calls read per character and per path segment, declared with plain addresses as
    handles: pypdfium2's own bindings wrap every returned handle in a ctypes pointer object, which
    costs more than the call itself when made a hundred thousand times a document."""
    import pypdfium2.raw as raw
    from ctypes import POINTER, c_double, c_float, c_int, c_uint, c_ushort, c_void_p

    def declare(name: str, restype, *argtypes):
        address = ctypes.cast(getattr(raw, name), c_void_p).value
        return ctypes.CFUNCTYPE(restype, *argtypes)(address)

    handle, index = c_void_p, c_int
    return SimpleNamespace(
        raw=raw,
        count_chars=declare("FPDFText_CountChars", c_int, handle),
        is_generated=declare("FPDFText_IsGenerated", c_int, handle, index),
        unicode=declare("FPDFText_GetUnicode", c_uint, handle, index),
        get_text=declare("FPDFText_GetText", c_int, handle, index, index, POINTER(c_ushort)),
        font_size=declare("FPDFText_GetFontSize", c_double, handle, index),
        origin=declare("FPDFText_GetCharOrigin", c_int, handle, index, POINTER(c_double), POINTER(c_double)),
        loose_box=declare("FPDFText_GetLooseCharBox", c_int, handle, index, POINTER(raw.FS_RECTF)),
        char_matrix=declare("FPDFText_GetMatrix", c_int, handle, index, POINTER(raw.FS_MATRIX)),
        text_object=declare("FPDFText_GetTextObject", c_void_p, handle, index),
        font=declare("FPDFTextObj_GetFont", c_void_p, handle),
        descent=declare("FPDFFont_GetDescent", c_int, handle, c_float, POINTER(c_float)),
        count_objects=declare("FPDFPage_CountObjects", c_int, handle),
        page_object=declare("FPDFPage_GetObject", c_void_p, handle, index),
        count_form_objects=declare("FPDFFormObj_CountObjects", c_int, handle),
        form_object=declare("FPDFFormObj_GetObject", c_void_p, handle, c_uint),
        object_type=declare("FPDFPageObj_GetType", c_int, handle),
        object_matrix=declare("FPDFPageObj_GetMatrix", c_int, handle, POINTER(raw.FS_MATRIX)),
        bounds=declare("FPDFPageObj_GetBounds", c_int, handle, POINTER(c_float), POINTER(c_float),
                       POINTER(c_float), POINTER(c_float)),
        count_segments=declare("FPDFPath_CountSegments", c_int, handle),
        segment=declare("FPDFPath_GetPathSegment", c_void_p, handle, index),
        segment_point=declare("FPDFPathSegment_GetPoint", c_int, handle, POINTER(c_float), POINTER(c_float)),
        segment_type=declare("FPDFPathSegment_GetType", c_int, handle),
        segment_closes=declare("FPDFPathSegment_GetClose", c_int, handle),
    )


def _chars(textpage: int, page_top: float) -> list[dict]:
    """The characters the content stream draws (PDFium's generated spaces and line ends left out).

    A text object is one show operation: one font, size, matrix and baseline for all its
    characters, so those are asked when the object changes; each character adds its advance box.
    The loop is written for speed: some generators make every character its own object."""
    api = _api()
    is_generated, text_object, loose_box = api.is_generated, api.text_object, api.loose_box
    count = api.count_chars(textpage)
    text = _page_text(textpage, count)
    box = api.raw.FS_RECTF()
    band = _Band(textpage, page_top)
    chars, current = [], None
    for i in range(count):
        # PDFium adds spaces and line ends between words and lines; only blanks need asking
        if (not text or text[i].isspace()) and is_generated(textpage, i):
            continue
        obj = text_object(textpage, i)
        if obj != current:
            current = obj
            band.read(i, obj)
        loose_box(textpage, i, box)  # left/right: the origin and the origin + the advance
        chars.append({"text": text[i] if text else chr(api.unicode(textpage, i)),
                      "x0": round(box.left, _PLACES), "x1": round(box.right, _PLACES), "top": band.top,
                      "bottom": band.bottom, "doctop": band.top, "size": band.size, "upright": band.upright})
    return chars


def _page_text(textpage: int, count: int) -> str | None:
    """Every character of the page in one call, when it is one UTF-16 unit per character."""
    api = _api()
    buffer = ctypes.create_string_buffer(2 * (count + 1))
    written = api.get_text(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[:2 * max(written - 1, 0)].decode("utf-16-le", errors="replace")
    return text if len(text) == count else None


class _Band:
    """The vertical band, size and uprightness of a text object's characters: pdfminer's box, one font
    size tall, its bottom the font's descent below the baseline."""

    def __init__(self, textpage: int, page_top: float) -> None:
        api = _api()
        self.textpage, self.page_top = textpage, page_top
        self.matrix, self.x, self.y, self.out = api.raw.FS_MATRIX(), ctypes.c_double(), ctypes.c_double(), ctypes.c_float()
        self.descents: dict[int, float] = {}
        self.top = self.bottom = self.size = 0.0
        self.upright = True

    def read(self, i: int, obj: int | None) -> None:
        api, m = _api(), self.matrix
        api.char_matrix(self.textpage, i, m)
        api.origin(self.textpage, i, self.x, self.y)
        size = api.font_size(self.textpage, i) * (m.b * m.b + m.d * m.d) ** 0.5
        font = (api.font(obj) or 0) if obj else 0
        descent = self.descents.get(font)
        if descent is None:
            descent = self.descents[font] = self.out.value if font and api.descent(font, 1.0, self.out) else 0.0
        bottom = self.page_top - self.y.value - descent * size
        self.bottom, self.top, self.size = round(bottom, _PLACES), round(bottom - size, _PLACES), round(size, _PLACES)
        self.upright = m.a * m.d > 0 and m.b * m.c <= 0


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _edges(page: int, page_top: float) -> list[dict]:
    edges: list[dict] = []
    for path, matrix in _paths(page):
        for start, end in _segments(path, matrix):
            edge = _edge(start, end, page_top)
            if edge is not None:
                edges.append(edge)
    return edges


def _paths(page: int):
    """(path object, its matrix to page space), descending into form XObjects.  A path on the page
    smaller than a point each way is left out (guihuaziyuan-2024.pdf draws its grid's corners as
    hundreds of tiny squares): no side of it is long enough to be a ruling (``pdftables._PREFILTER``)."""
    api = _api()
    kinds = api.raw
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))

    def tiny(obj) -> bool:  # its bounds are in page space for an object on the page itself
        api.bounds(obj, left, bottom, right, top)
        return right.value - left.value < 1.0 and top.value - bottom.value < 1.0

    def walk(count, get, outer):
        for k in range(count):
            obj = get(k)
            kind = api.object_type(obj)
            if kind == kinds.FPDF_PAGEOBJ_PATH:
                if outer is not _IDENTITY or not tiny(obj):
                    yield obj, _compose(_matrix(obj), outer)
            elif kind == kinds.FPDF_PAGEOBJ_FORM:
                yield from walk(api.count_form_objects(obj), lambda j, form=obj: api.form_object(form, j),
                                _compose(_matrix(obj), outer))

    yield from walk(api.count_objects(page), lambda k: api.page_object(page, k), _IDENTITY)


def _matrix(obj: int) -> tuple[float, ...]:
    api = _api()
    m = api.raw.FS_MATRIX()
    if not api.object_matrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix applying ``inner`` then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _segments(path: int, matrix) -> Iterator[tuple[tuple[float, float], tuple[float, float]]]:
    """Consecutive points of each subpath in page space, and the closing side of a closed one."""
    api = _api()
    moveto = api.raw.FPDF_SEGMENT_MOVETO
    a, b, c, d, e, f = matrix
    px, py = ctypes.c_float(), ctypes.c_float()
    first = previous = None
    for k in range(api.count_segments(path)):
        segment = api.segment(path, k)
        api.segment_point(segment, px, py)
        point = (px.value * a + py.value * c + e, px.value * b + py.value * d + f)
        if api.segment_type(segment) == moveto:
            first = point
        elif previous is not None:
            yield previous, point
        previous = point
        if api.segment_closes(segment) and first is not None and point != first:
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
