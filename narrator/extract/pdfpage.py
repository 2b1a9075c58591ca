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
        text_objects: set[int] = set()
        chars = _chars(textpage.raw, top, text_objects)
    finally:
        textpage.close()
    return PageContent(number, chars, _edges(page.raw, top, text_objects))


class _Handle(ctypes.c_void_p):
    """A handle as a ctypes object, for the bare calls (an int would be passed as a 32-bit int): as a
    result type it is returned as itself (ctypes turns a plain ``c_void_p`` result into an int), and
    an address is wrapped in it where a bare call needs it."""


@lru_cache(maxsize=1)
def _api() -> SimpleNamespace:
    """The PDFium calls made per character and per path segment, declared bare: without argument
    types, so that ctypes does not convert each argument (about 40 % of a call's cost, and there are
    a hundred thousand calls a document).  Bare calls take handles as ctypes objects only (the
    pypdfium2 object's ``raw``, or a ``_Handle`` another call returned), indexes as ints and
    out-parameters by reference (``ctypes.byref``); a float argument would need its ctypes type
    (FPDFFont_GetDescent is declared with its argument types for that)."""
    import pypdfium2.raw as raw
    from ctypes import POINTER, c_double, c_float, c_int, c_uint, c_ulong, c_void_p

    def bare(name: str, restype):
        return ctypes.CFUNCTYPE(restype)(ctypes.cast(getattr(raw, name), ctypes.c_void_p).value)

    def declared(name: str, restype, *argtypes):
        return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(getattr(raw, name), ctypes.c_void_p).value)

    return SimpleNamespace(
        raw=raw,
        count_chars=bare("FPDFText_CountChars", c_int),
        is_generated=bare("FPDFText_IsGenerated", c_int),
        unicode=bare("FPDFText_GetUnicode", c_uint),
        get_text=bare("FPDFText_GetText", c_int),
        font_size=bare("FPDFText_GetFontSize", c_double),
        origin=bare("FPDFText_GetCharOrigin", c_int),
        loose_box=bare("FPDFText_GetLooseCharBox", c_int),
        char_matrix=bare("FPDFText_GetMatrix", c_int),
        text_object=bare("FPDFText_GetTextObject", c_void_p),  # an address: compared per character
        font=declared("FPDFTextObj_GetFont", c_void_p, c_void_p),
        descent=declared("FPDFFont_GetDescent", c_int, _Handle, c_float, POINTER(c_float)),
        count_objects=bare("FPDFPage_CountObjects", c_int),
        page_object=bare("FPDFPage_GetObject", c_void_p),  # an address: most are text, only looked up
        count_form_objects=bare("FPDFFormObj_CountObjects", c_int),
        form_object=declared("FPDFFormObj_GetObject", _Handle, _Handle, c_ulong),
        object_type=bare("FPDFPageObj_GetType", c_int),
        object_matrix=bare("FPDFPageObj_GetMatrix", c_int),
        bounds=bare("FPDFPageObj_GetBounds", c_int),
        count_segments=bare("FPDFPath_CountSegments", c_int),
        segment=bare("FPDFPath_GetPathSegment", _Handle),
        segment_point=bare("FPDFPathSegment_GetPoint", c_int),
        segment_type=bare("FPDFPathSegment_GetType", c_int),
        segment_closes=bare("FPDFPathSegment_GetClose", c_int),
    )


def _chars(textpage, page_top: float, text_objects: set[int]) -> list[dict]:
    """The characters the content stream draws (PDFium's generated spaces and line ends left out).

    A text object is one show operation: one font, size, matrix and baseline for all its
    characters, so those are asked when the object changes (and the band they make is remembered
    by them: the objects of a line mostly share them); each character adds its advance box to a
    copy of its band.  The loop is written for speed, everything in locals, nothing called per
    character but PDFium: some generators make every character its own object.  Each text object's
    address is added to ``text_objects``."""
    api = _api()
    is_generated, text_object, loose_box = api.is_generated, api.text_object, api.loose_box
    char_matrix, origin, font_size, font_of = api.char_matrix, api.origin, api.font_size, api.font
    text = _page_text(textpage, api.count_chars(textpage))
    box, matrix, x, y = api.raw.FS_RECTF(), api.raw.FS_MATRIX(), ctypes.c_double(), ctypes.c_double()
    box_out, matrix_out, x_out, y_out = ctypes.byref(box), ctypes.byref(matrix), ctypes.byref(x), ctypes.byref(y)
    linear = (ctypes.c_char * 16).from_buffer(matrix)  # a, b, c, d: the matrix less its shift
    bands = _Bands(page_top)
    known = bands.known
    scale = _SCALE
    chars, current, band = [], -1, {}  # -1: no address, so the first object (even a null one) is read
    for i, char in enumerate(text):
        # PDFium adds spaces and line ends between words and lines; only blanks need asking
        if char.isspace() and is_generated(textpage, i):
            continue
        obj = text_object(textpage, i)
        if obj != current:
            current = obj
            text_objects.add(obj)
            char_matrix(textpage, i, matrix_out)
            origin(textpage, i, x_out, y_out)
            key = (linear.raw, y.value, font_size(textpage, i), font_of(obj) or 0 if obj else 0)
            band = known.get(key)
            if band is None:
                band = known[key] = bands.band(matrix, *key[1:])
        loose_box(textpage, i, box_out)  # left/right: the origin and the origin + the advance
        found = band.copy()
        found["text"] = char
        found["x0"] = round(box.left * scale) / scale
        found["x1"] = round(box.right * scale) / scale
        chars.append(found)
    return chars


# ``round(v * 10**4) / 10**4`` is ``round(v, 4)`` for a box side (a 32-bit float: times 10**4 it is exact,
# so both round the same exact value half to even, and both return the double nearest that decimal) at a
# fifth of the cost, which counts at a hundred thousand characters a batch.
_SCALE = 10.0 ** _PLACES


def _page_text(textpage, count: int) -> str:
    """Every character of the page in one call (one UTF-16 unit each), or character by character where
    a character is outside the Basic Multilingual Plane (two units, so the text no longer lines up)."""
    api = _api()
    buffer = ctypes.create_string_buffer(2 * (count + 1))
    written = api.get_text(textpage, 0, count, buffer)
    text = buffer.raw[:2 * max(written - 1, 0)].decode("utf-16-le", errors="replace")
    if len(text) == count:
        return text
    return "".join(chr(api.unicode(textpage, i)) for i in range(count))


class _Bands:
    """The vertical band, size and uprightness of a text object's characters: pdfminer's box, one font
    size tall, its bottom the font's descent below the baseline; ``known`` by what it is made of."""

    def __init__(self, page_top: float) -> None:
        self.page_top = page_top
        self.descents: dict[int, float] = {}
        self.known: dict[tuple, dict] = {}

    def band(self, matrix, y: float, font_size: float, font: int) -> dict:
        """``top``, ``bottom``, ``doctop``, ``size`` and ``upright`` (a dict to copy for each character)."""
        a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
        size = font_size * (b * b + d * d) ** 0.5
        descent = self.descents.get(font)
        if descent is None:
            out = ctypes.c_float()
            descent = self.descents[font] = out.value if font and _api().descent(_Handle(font), 1.0, out) else 0.0
        bottom = self.page_top - y - descent * size
        top = round(bottom - size, _PLACES)
        return {"top": top, "bottom": round(bottom, _PLACES), "doctop": top, "size": round(size, _PLACES),
                "upright": a * d > 0 and b * c <= 0}


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _edges(page, page_top: float, text_objects: set[int]) -> list[dict]:
    """Every horizontal or vertical side of every subpath, as a pdfplumber edge (a slanted one is no
    ruling)."""
    edges: list[dict] = []
    for (x0, y0), (x1, y1) in _sides(page, text_objects):
        if x0 == x1:
            orientation = "v"
        elif y0 == y1:
            orientation = "h"
        else:
            continue
        if x1 < x0:
            x0, x1 = x1, x0
        top, bottom = page_top - y0, page_top - y1
        if bottom < top:
            top, bottom = bottom, top
        edges.append({"object_type": "curve_edge", "orientation": orientation, "x0": x0, "x1": x1, "top": top,
                      "bottom": bottom, "doctop": top, "width": x1 - x0, "height": bottom - top})
    return edges


def _sides(page, text_objects: set[int]) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The sides of every subpath of every path, in page space (PDF coordinates): consecutive points,
    and the closing side of a closed subpath.  One loop with no call per segment but PDFium's (a
    table's grid is thousands of rectangles).  ``text_objects``: addresses of objects known to be text."""
    api = _api()
    count_segments, segment, segment_point, segment_type, segment_closes = (
        api.count_segments, api.segment, api.segment_point, api.segment_type, api.segment_closes)
    moveto = api.raw.FPDF_SEGMENT_MOVETO
    px, py = ctypes.c_float(), ctypes.c_float()
    x_out, y_out = ctypes.byref(px), ctypes.byref(py)
    sides = []
    for path, (a, b, c, d, e, f) in _paths(page, text_objects):
        first = previous = None
        for k in range(count_segments(path)):
            handle = segment(path, k)
            segment_point(handle, x_out, y_out)
            x, y = px.value, py.value
            point = (x * a + y * c + e, x * b + y * d + f)
            if segment_type(handle) == moveto:
                first = point
            elif previous is not None:
                sides.append((previous, point))
            previous = point
            if segment_closes(handle) and first is not None and point != first:
                sides.append((point, first))
                previous = first
    return sides


def _paths(page, text_objects: set[int]) -> list[tuple[_Handle, tuple[float, ...]]]:
    """(path object, its matrix to page space), descending into form XObjects.  A path on the page
    smaller than a point each way is left out (guihuaziyuan-2024.pdf draws its grid's corners as
    hundreds of tiny squares): no side of it is long enough to be a ruling (``pdftables._PREFILTER``).
    A plain loop, and an object the text page named (``text_objects``) is not asked its type: most
    objects are characters, one object each in some generators' PDFs."""
    api = _api()
    page_object, object_type, bounds = api.page_object, api.object_type, api.bounds
    path_kind, form_kind = api.raw.FPDF_PAGEOBJ_PATH, api.raw.FPDF_PAGEOBJ_FORM
    sides = [ctypes.c_float() for _ in range(4)]
    out = [ctypes.byref(side) for side in sides]
    left, bottom, right, top = sides
    matrix = _Matrix()
    found: list[tuple[_Handle, tuple[float, ...]]] = []
    for k in range(api.count_objects(page)):
        address = page_object(page, k)
        if address in text_objects or not address:
            continue
        obj = _Handle(address)
        kind = object_type(obj)
        if kind == path_kind:
            bounds(obj, *out)  # in page space for an object on the page itself
            if not (right.value - left.value < 1.0 and top.value - bottom.value < 1.0):
                found.append((obj, matrix.of(obj)))
        elif kind == form_kind:
            _form_paths(obj, matrix.of(obj), found, matrix)
    return found


def _form_paths(form, outer: tuple[float, ...], found: list, matrix: "_Matrix") -> None:
    """The paths inside a form XObject (each kept: its bounds are in the form's space)."""
    api = _api()
    for k in range(api.count_form_objects(form)):
        obj = api.form_object(form, k)
        kind = api.object_type(obj)
        if kind == api.raw.FPDF_PAGEOBJ_PATH:
            found.append((obj, _compose(matrix.of(obj), outer)))
        elif kind == api.raw.FPDF_PAGEOBJ_FORM:
            _form_paths(obj, _compose(matrix.of(obj), outer), found, matrix)


class _Matrix:
    """An object's matrix (a, b, c, d, e, f), read into one reused structure."""

    def __init__(self) -> None:
        api = _api()
        self.object_matrix, self.struct = api.object_matrix, api.raw.FS_MATRIX()
        self.out = ctypes.byref(self.struct)

    def of(self, obj) -> tuple[float, ...]:
        if not self.object_matrix(obj, self.out):
            return _IDENTITY
        m = self.struct
        return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix applying ``inner`` then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
