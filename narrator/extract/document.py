"""Read a published document into one text: plain text, PDF, DOCX or another office format (office.py).

The format is recognised by content (``%PDF``, a ZIP holding ``word/document.xml``)
and a text file's encoding by decoding, because published files arrive renamed,
re-encoded (GBK from Windows tools) or with a BOM.  Tables come out as
tab-separated rows, the same shape as the seed texts, so one table reader serves
every format.  Bad input is one ``InputError`` line, never a traceback.
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from narrator.errors import InputError
from narrator.extract.pages import PageMap

_TEXT_ENCODINGS = ("utf-8-sig", "gb18030")


def read_document(path: str | Path) -> str:
    """The text of a document at ``path`` (text, PDF or DOCX)."""
    return read_document_as(path)[0]


@dataclass(frozen=True)
class Source:
    """A document as published: its text, its format as found by content, and its pages where known."""

    text: str
    format: str  # "pdf", "docx", "office" (converted by LibreOffice), "spreadsheet" or "text"
    pages: PageMap | None = None


def read_document_as(path: str | Path) -> tuple[str, str]:
    """The text of a document at ``path`` and its format as found by content (see ``Source.format``)."""
    source = read_source(path)
    return source.text, source.format


def read_source(path: str | Path) -> Source:
    """The text of a document at ``path``, its format and, for a PDF or a DOCX with page breaks, its pages."""
    path = Path(path)
    raw = _read_bytes(path)
    if raw.startswith(b"%PDF"):
        from narrator.extract.pdftext import pdf_text

        read = pdf_text(raw, path)
        return Source(_non_empty(read.text, path), "pdf", read.pages)
    if raw.startswith(b"PK\x03\x04") and _is_docx(raw, path):
        from narrator.extract.docxtext import docx_text

        text, pages = docx_text(raw, path)
        return Source(_non_empty(text, path), "docx", pages)
    from narrator.extract.office import office_kind, office_source

    kind = office_kind(raw, path)
    if kind is not None:  # .doc .wps .odt .rtf through LibreOffice; .xlsx .xls .et .ods as tables
        text, pages = office_source(raw, path, kind)
        return Source(_non_empty(text, path), "spreadsheet" if kind == "sheet" else "office", pages)
    if raw.startswith(b"PK\x03\x04"):
        raise InputError(f"{path}: 是 ZIP 压缩包，不是 DOCX/XLSX/ODT 文档")
    return Source(_non_empty(decode_text(raw, path), path), "text")


# A published 决算 is a few MB at most; refusing a huge file up front keeps memory bounded.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def max_document_bytes() -> int:
    try:
        return int(os.environ.get("NARRATOR_MAX_BYTES", DEFAULT_MAX_BYTES))
    except ValueError:
        return DEFAULT_MAX_BYTES


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError(f"{path}: 文件不存在")
    if path.is_dir():
        raise InputError(f"{path}: 是目录，不是文档")
    limit = max_document_bytes()
    if path.stat().st_size > limit:
        raise InputError(f"{path}: 文件过大（{path.stat().st_size / 1048576:.1f} MB，上限 {limit / 1048576:.0f} MB）；"
                         "可设置 NARRATOR_MAX_BYTES 放宽")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: 无法读取 — {exc.strerror}") from None
    if not raw.strip():
        raise InputError(f"{path}: 文件为空")
    return raw


def decode_text(raw: bytes, path: Path) -> str:
    """Decode by trying UTF-8 (BOM or not), then GB18030 (a superset of GBK), then detection."""
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path}: 是二进制文件，不是文本、PDF 或办公文档")
    for encoding in _TEXT_ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return _detected(raw, path)


def _detected(raw: bytes, path: Path) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None or best.encoding is None:
        raise InputError(f"{path}: 无法识别文件编码（应为 UTF-8 或 GBK/GB18030）")
    return str(best)


def _is_docx(raw: bytes, path: Path) -> bool:
    try:
        names = zipfile.ZipFile(io.BytesIO(raw)).namelist()
    except zipfile.BadZipFile:
        raise InputError(f"{path}: ZIP/DOCX 文件已损坏或不完整") from None
    return "word/document.xml" in names


def _non_empty(text: str, path: Path) -> str:
    if not text.strip():
        raise InputError(f"{path}: 文档中没有可读的文字（扫描件需先做 OCR）")
    return text
