"""Where the pages of a source file start in its text (PDF pages; a DOCX's explicit page breaks)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True)
class PageMap:
    """Where each page of the source file starts in the text as published (PDF pages, DOCX page breaks)."""

    starts: tuple[int, ...]  # starts[i]: offset of page i + 1; starts[0] == 0

    def page_at(self, offset: int) -> int | None:
        """The 1-based page that the character at ``offset`` of the published text is on."""
        page = bisect_right(self.starts, offset)
        return page or None
