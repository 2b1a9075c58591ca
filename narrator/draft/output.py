"""Write a draft as Markdown, plain text or DOCX without ever clobbering a file (through narrator/writing.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from narrator.writing import check_writable, replace_atomically as _atomic_write, write_text

__all__ = ["DraftFormat", "as_text", "check_writable", "write_draft", "write_text"]

DraftFormat = Literal["md", "txt", "docx"]


def as_text(markdown: str) -> str:
    """Plain text: the Markdown heading marks removed, nothing else changed."""
    return re.sub(r"^#{1,6} ", "", markdown, flags=re.MULTILINE)


def write_draft(markdown: str, out: Path, fmt: DraftFormat, force: bool = False) -> None:
    check_writable(out, force)
    if fmt == "docx":
        _write_docx(markdown, out)
    else:
        content = markdown if fmt == "md" else as_text(markdown)
        _atomic_write(out, content.encode("utf-8"))


def _write_docx(markdown: str, out: Path) -> None:
    import io

    from docx import Document

    doc = Document()
    for block in markdown.split("\n\n"):
        block = block.strip()
        heading = re.match(r"^(#{1,6}) (.*)$", block)
        if heading:
            doc.add_heading(heading.group(2), level=min(len(heading.group(1)), 4))
        elif block:
            doc.add_paragraph(block)
    buffer = io.BytesIO()
    doc.save(buffer)
    _atomic_write(out, buffer.getvalue())
