"""Write a draft as Markdown, plain text or DOCX without ever clobbering a file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from narrator.errors import OutputError

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


def write_text(out: Path, text: str, force: bool = False) -> None:
    check_writable(out, force)
    _atomic_write(out, text.encode("utf-8"))


def write_bytes(out: Path, data: bytes, force: bool = False) -> None:
    check_writable(out, force)
    _atomic_write(out, data)


def check_writable(out: Path, force: bool) -> None:
    """Refuse before any work is lost: existing file without --force, or no folder."""
    if out.exists() and out.is_dir():
        raise OutputError(f"{out}: 是目录，不能作为输出文件")
    if out.exists() and not force:
        raise OutputError(f"{out}: 文件已存在；如确需覆盖，请加 --force")
    if not out.parent.exists():
        raise OutputError(f"{out.parent}: 输出目录不存在")


def _atomic_write(out: Path, data: bytes) -> None:
    """Write beside the target and rename, so a failure never leaves half a file."""
    tmp = out.with_name(f".{out.name}.narrator-tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{out}: 无法写入 — {exc.strerror}") from None


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
