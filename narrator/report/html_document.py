"""One document's section of the HTML review report: its counts, coverage, notes and findings.

Identical findings in one document (same check, text, stated and expected value
and message: one template PDF can repeat an XX placeholder two hundred times)
are one item with a count and the list of places; the first place is shown in
its sentence.  A finding with a page links the source file at that page
(``file.pdf#page=N``).  Every piece of text is escaped with ``html.escape``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import quote

from narrator.findings import SEVERITIES, Finding
from narrator.app.review import DocumentReview, SectionRef

LABEL = {"error": "错误", "warning": "警告", "info": "提示"}
_STOPS = "。；;！？!?"
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_WRAP = re.compile(f"(?<=[{_CJK}])[ \\t]*\\n[ \\t]*(?=[{_CJK}])")
_HEADING = re.compile(r"\s*(#|第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．](?!\d))")
_REACH = 90  # at most this many characters of context on either side of a span
_PLACES_SHOWN = 50  # a group lists at most this many places; the rest are counted


@dataclass(frozen=True)
class Group:
    """Identical findings of one document: the first is shown, the others are places."""

    findings: tuple[Finding, ...]
    accepted: bool = False  # matched by the baseline: shown greyed, not counted

    @property
    def first(self) -> Finding:
        return self.findings[0]


def grouped(findings: list[Finding], accepted: bool = False) -> list[Group]:
    """Findings with the same check, text, stated, expected and message, in document order of the first."""
    groups: dict[tuple[str, ...], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.id, f.severity, f.text, f.stated, f.expected, f.message), []).append(f)
    return [Group(tuple(items), accepted) for items in groups.values()]


class DocumentSection:
    """Renders the section of document number ``index``; ``report_dir`` is the report's folder (for links)."""

    def __init__(self, index: int, doc: DocumentReview, titles: dict[str, str], report_dir: Path | None = None):
        self.i, self.d, self.titles, self.report_dir = index, doc, titles, report_dir

    def html(self) -> str:
        d = self.d
        classes = "doc" if d.ok else "doc unreadable"
        parts = [f'<section class="{classes}" id="doc-{self.i}" data-name="{escape(d.path)}">',
                 f"<h2>{self.i}. {escape(d.path)}</h2>"]
        if not d.ok:
            parts.append(f'<p class="unreadable">未能检查：{escape(d.error or "")}</p>')
        else:
            parts += [self._counts(), self._coverage(), _notes(d.notes), self._findings()]
        parts.append("</section>")
        return "\n".join(p for p in parts if p)

    def _counts(self) -> str:
        nums = "".join(f'<b class="num {s}">{LABEL[s]} {self.d.count(s)}</b>' for s in SEVERITIES)
        accepted = len(self.d.accepted)
        extra = f'<b class="num accepted">已接受 {accepted}</b>' if accepted else ""
        return f'<p class="counts">{nums}{extra}</p>'

    def _coverage(self) -> str:
        """What was read and checked; the percentages not bound to their amounts, to check by hand."""
        read = self.d.coverage
        if read is None:
            return ""
        items = "".join(f"<li>{escape(flat(self.d.text[u.start:u.end]))}：{escape(u.why)}</li>" for u in read.unchecked)
        unchecked = (f'<details class="notes"><summary>未核对的百分比（{len(read.unchecked)} 个，请人工核对）</summary>'
                     f"<ul>{items}</ul></details>") if items else ""
        return f'<p class="coverage">{escape(read.line())}</p>{unchecked}'

    def _findings(self) -> str:
        groups = grouped(self.d.findings) + grouped(self.d.accepted, accepted=True)
        if not groups:
            return '<p class="none">未发现问题。</p>'
        groups.sort(key=lambda g: g.first.sort_key())
        items = "\n".join(self._group(g) for g in groups)
        return f'<p class="filtered-out">筛选条件下没有问题。</p>\n<ol class="findings">\n{items}\n</ol>'

    def _group(self, g: Group) -> str:
        f, n = g.first, len(g.findings)
        classes = f"finding {f.severity}" + (" accepted" if g.accepted else "")
        title = self.titles.get(f.id, "")
        count = f'<span class="count" title="同一问题出现 {n} 次">×{n}</span>' if n > 1 else ""
        tag = '<span class="accepted-tag">已接受（基线）</span>' if g.accepted else ""
        flag = ' data-accepted="1"' if g.accepted else ""
        parts = [f'<li class="{classes}" data-severity="{f.severity}" data-check="{escape(f.id)}" data-count="{n}"{flag}>',
                 f'<div class="head"><span class="badge {f.severity}">{LABEL[f.severity]}</span>'
                 f'<code>{escape(f.id)}</code><span class="title">{escape(title)}</span>{count}{tag}'
                 f'<span class="where">{self._where(f)}</span></div>',
                 f'<p class="msg">{escape(f.message)}</p>',
                 f'<blockquote class="sentence">{highlighted(self.d.text, f)}</blockquote>',
                 _stated_expected(f), _formula(f), self._places(g), "</li>"]
        return "\n".join(p for p in parts if p)

    def _where(self, f: Finding) -> str:
        where = f"第{line_of(self.d.text, f.start)}行"
        page = self._page_link(f)
        section = section_title(self.d.sections, f.start)
        return " · ".join(p for p in (page, escape(where), escape(section)) if p)

    def _page_link(self, f: Finding) -> str:
        if f.page is None:
            return ""
        return f'<a class="page" href="{escape(self._href())}#page={f.page}" target="_blank">第{f.page}页</a>'

    def _href(self) -> str:
        """The source file relative to the report's folder, so the link survives moving both together."""
        path = Path(self.d.path)
        if self.report_dir is not None:
            try:
                path = Path(os.path.relpath(path.resolve(), self.report_dir.resolve()))
            except ValueError:  # another drive (Windows): the absolute file URL
                return path.resolve().as_uri()
        return quote(path.as_posix())

    def _places(self, g: Group) -> str:
        if len(g.findings) < 2:
            return ""
        shown = "".join(f"<li>{self._where(f)}：{escape(flat(f.text)) or '‸'}</li>" for f in g.findings[:_PLACES_SHOWN])
        rest = len(g.findings) - _PLACES_SHOWN
        more = f"<li>……另有 {rest} 处</li>" if rest > 0 else ""
        return (f'<details class="places"><summary>全部 {len(g.findings)} 处位置</summary>'
                f"<ul>{shown}{more}</ul></details>")


def _notes(notes: list[str]) -> str:
    if not notes:
        return ""
    items = "".join(f"<li>{escape(n)}</li>" for n in notes)
    return f'<details class="notes"><summary>读取提示（{len(notes)} 条）</summary><ul>{items}</ul></details>'


def _stated_expected(f: Finding) -> str:
    if not f.expected:
        return f'<p class="fix">所述 <span class="stated">{escape(f.stated)}</span></p>' if f.stated else ""
    stated = escape(f.stated or "—")
    return (f'<p class="fix has-expected">所述 <span class="stated">{stated}</span>'
            f'<span class="arrow">→</span>应为 <span class="expected">{escape(f.expected)}</span></p>')


def _formula(f: Finding) -> str:
    return f'<p class="formula">算式：<code>{escape(f.formula)}</code></p>' if f.formula else ""


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


# ---------------------------------------------------------------- the sentence around a span


def highlighted(text: str, f: Finding) -> str:
    """The sentence around ``f`` (escaped, whitespace collapsed) with its span in a <mark>."""
    start, end = sentence_bounds(text, f.start, f.end)
    before, span, after = text[start:f.start], text[f.start:f.end], text[f.end:end]
    lead = "…" if start > 0 and not _is_stop(text, start - 1) else ""
    tail = "…" if end < len(text) and not _is_stop(text, end - 1) else ""
    mark = f'<mark class="hl {f.severity}">{escape(flat(span)) or "‸"}</mark>'
    return f"{lead}{escape(flat(before).lstrip())}{mark}{escape(flat(after).rstrip())}{tail}"


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """From the sentence stop before ``start`` to the one after ``end``, at most _REACH away.

    A line break inside a paragraph (PDF text wraps lines mid-sentence) is no
    stop; a blank line, a table row (tabs) or a heading next to it is.
    """
    low, high = max(0, start - _REACH), min(len(text), end + _REACH)
    left = next((i + 1 for i in range(start - 1, low - 1, -1) if _is_stop(text, i)), low)
    right = next((i + 1 for i in range(end, high) if _is_stop(text, i)), high)
    return left, right


def _is_stop(text: str, i: int) -> bool:
    if text[i] in _STOPS:
        return True
    return text[i] == "\n" and (_breaks(_line_before(text, i)) or _breaks(_line_after(text, i)))


def _line_before(text: str, i: int) -> str:
    return text[text.rfind("\n", 0, i) + 1:i]


def _line_after(text: str, i: int) -> str:
    stop = text.find("\n", i + 1)
    return text[i + 1:stop if stop >= 0 else len(text)]


def _breaks(line: str) -> bool:
    """A blank line, a table row or a heading ends whatever comes before or after it."""
    return not line.strip() or "\t" in line or bool(_HEADING.match(line))


def flat(s: str) -> str:
    """Display form: a line break between Chinese characters (PDF wrapping) vanishes, other whitespace is one space."""
    return re.sub(r"\s+", " ", _WRAP.sub("", s))


def section_title(sections: list[SectionRef], offset: int) -> str:
    """The deepest narrative heading whose span holds ``offset``; '' outside the narrative."""
    inside = [s for s in sections if s.start <= offset < s.end]
    return max(inside, key=lambda s: (s.level, s.start)).title if inside else ""
