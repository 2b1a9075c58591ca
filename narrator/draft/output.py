"""Write a draft as Markdown, plain text or DOCX without ever clobbering a file (through narrator/writing.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from narrator.errors import NarratorError as UsageError
from narrator.writing import check_writable, replace_atomically as _atomic_write, write_text

__all__ = ["DraftFormat", "FORMATS", "as_text", "check_writable", "output_format", "write_draft", "write_fixed",
           "write_text"]

DraftFormat = Literal["md", "txt", "docx"]


_FORMAT_OF_SUFFIX: dict[str, DraftFormat] = {".md": "md", ".markdown": "md", ".txt": "txt", ".docx": "docx"}
FORMATS: tuple[DraftFormat, ...] = ("md", "txt", "docx")


def output_format(out: Path | None, fmt: str | None, default: DraftFormat = "md") -> DraftFormat:
    """The format to write: ``-o``'s extension decides (x.docx → docx); an explicit ``--format``
    must agree with it. Without ``-o`` (stdout) only md and txt can be written."""
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"--format 应为 {'、'.join(FORMATS)} 之一，而不是 {fmt!r}")
    by_suffix = _FORMAT_OF_SUFFIX.get(out.suffix.lower()) if out is not None else None
    if out is not None and out.suffix and by_suffix is None and fmt is None:
        raise UsageError(f"{out}: 无法从扩展名 {out.suffix} 判断输出格式；请用 .md、.txt 或 .docx，或用 --format 指定")
    if fmt is not None and by_suffix is not None and fmt != by_suffix:
        raise UsageError(f"--format {fmt} 与输出文件 {out.name} 的扩展名不符；请去掉 --format 或改用 .{fmt} 文件")
    chosen: DraftFormat = by_suffix or fmt or default  # type: ignore[assignment]
    if chosen == "docx" and out is None:
        raise UsageError("docx 格式需要用 -o 指定输出文件（如 -o 情况说明.docx）")
    return chosen


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


def write_fixed(text: str, out: Path, fmt: DraftFormat, force: bool = False) -> None:
    """A corrected narrative (plain text, one paragraph a line) in the chosen format."""
    if fmt == "docx":
        check_writable(out, force)
        from narrator.draft.official_docx import official_docx

        paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
        _atomic_write(out, official_docx("\n\n".join(paragraphs)))
    else:
        write_text(out, text, force)


def _write_docx(markdown: str, out: Path) -> None:
    from narrator.draft.official_docx import official_docx

    _atomic_write(out, official_docx(markdown))
