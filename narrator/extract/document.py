"""Read a published document into one text: plain text, PDF, DOCX or another office format (office.py).

The format is recognised by content (``%PDF``, a ZIP holding ``word/document.xml``)
and a text file's encoding by a detector (extract/decoding.py), because published
files arrive renamed, re-encoded (GBK or Big5 from Windows tools) or with a BOM.
Tables come out as tab-separated rows, the same shape as the seed texts, so one
table reader serves every format.  Bad input is one ``InputError`` line, never a
traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from narrator import limits
from narrator.errors import InputError
from narrator.extract.decoding import decode_text
from narrator.extract.pages import PageMap


def read_document(path: str | Path) -> str:
    """The text of a document at ``path`` (text, PDF or DOCX)."""
    return read_document_as(path)[0]


@dataclass(frozen=True)
class Source:
    """A document as published: its text, its format as found by content, its pages where known,
    and notes on how it was read (the encoding when not UTF-8), which every command says on stderr."""

    text: str
    format: str  # "pdf", "docx", "office" (converted by LibreOffice), "spreadsheet" or "text"
    pages: PageMap | None = None
    notes: tuple[str, ...] = ()


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
    decoded = decode_text(raw, path)
    return Source(_non_empty(decoded.text, path), "text", notes=decoded.notes)


def max_document_bytes() -> int:
    """A published 决算 is a few MB at most; refusing a huge file up front keeps memory bounded."""
    return limits.DOCUMENT_BYTES.value()


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError(f"{path}: 文件不存在")
    if path.is_dir():
        raise InputError(f"{path}: 是目录，不是文档")
    limit = max_document_bytes()
    if path.stat().st_size > limit:
        raise InputError(f"{path}: 文件过大（{path.stat().st_size / limits.MIB:.1f} MB，上限 {limit / limits.MIB:.0f} MB）；"
                         f"{limits.DOCUMENT_BYTES.hint()}")
    try:
        with path.open("rb") as stream:  # a pipe reports no size: never read past the limit
            raw = stream.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{path}: 无法读取 — {exc.strerror}") from None
    if len(raw) > limit:
        raise InputError(f"{path}: 文件过大（上限 {limit / limits.MIB:.0f} MB）；{limits.DOCUMENT_BYTES.hint()}")
    if not raw.strip():
        raise InputError(f"{path}: 文件为空")
    return raw


def _is_docx(raw: bytes, path: Path) -> bool:
    """A ZIP within the unpacked-size limits (narrator.zipped) that holds ``word/document.xml``."""
    from narrator.zipped import checked_members

    return "word/document.xml" in checked_members(raw, path, "DOCX")


def _non_empty(text: str, path: Path) -> str:
    if not text.strip():
        raise InputError(f"{path}: 文档中没有可读的文字（扫描件需先做 OCR）")
    return text
