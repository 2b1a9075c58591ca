"""The batch review as one self-contained HTML file (inline CSS and JS, nothing fetched).

A summary at the top, filters (severity checkboxes, a check-id select), then
one section per document: each finding inside its sentence with the span
highlighted (from the finding's offsets into the document text), the message,
stated → expected and the formula.  Every piece of document text, path and
message is escaped with ``html.escape``.
"""

from __future__ import annotations

import os
import re
from html import escape
from pathlib import Path
from urllib.parse import quote

from narrator.findings import SEVERITIES, Finding, summarize
from narrator.html_assets import CSS, JS
from narrator.review import DocumentReview, ReviewResult, SectionRef

LABEL = {"error": "错误", "warning": "警告", "info": "提示"}
TITLE = "情况说明批量审核报告"
_STOPS = "。；;！？!?"
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_WRAP = re.compile(f"(?<=[{_CJK}])[ \\t]*\\n[ \\t]*(?=[{_CJK}])")
_HEADING = re.compile(r"\s*(#|第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．](?!\d))")
_REACH = 90  # at most this many characters of context on either side of a span


def render_html(result: ReviewResult, title: str = TITLE, report_dir: Path | None = None) -> str:
    """The report; ``report_dir`` (where it will be written) makes the links to the source files relative."""
    documents = (_document(i, d, source_href(d.path, report_dir)) for i, d in enumerate(result.documents, 1))
    body = "\n".join([_header(result, title), _filters(result), "<main>", *documents, "</main>", _footer()])
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n"
            f"<body>\n{body}\n<script>{JS}</script>\n</body>\n</html>\n")


# ---------------------------------------------------------------- top of the page


def _header(result: ReviewResult, title: str) -> str:
    n, bad, skipped = len(result.documents), len(result.unreadable), len(result.skipped)
    meta = (f"共 {result.files} 份文件，已检查 {n - bad} 份" + (f"，{bad} 份未能检查" if bad else "")
            + (f"，{skipped} 份未检查（列在总表下方）" if skipped else ""))
    return (f'<header class="top">\n<h1>{escape(title)}</h1>\n<p class="meta">{meta}</p>\n'
            f'<p class="totals">{_totals(result.findings)}</p>\n{_summary_table(result)}\n{_skipped(result)}</header>')


def _skipped(result: ReviewResult) -> str:
    """The files found in the folders that were not checked, each with why (never dropped silently)."""
    if not result.skipped:
        return ""
    items = "\n".join(f"<li>{escape(s.path)}：{escape(s.reason)}</li>" for s in result.skipped)
    return (f'<details class="skipped" open>\n<summary>未检查的文件（{len(result.skipped)} 份）</summary>\n'
            f"<ul>\n{items}\n</ul>\n</details>\n")


def _totals(findings: list[Finding]) -> str:
    counts = summarize(findings)
    return "".join(f'<span class="{s}">{LABEL[s]} {counts[s]} 处</span>' for s in SEVERITIES)


def _summary_table(result: ReviewResult) -> str:
    head = "<tr><th>#</th><th>文档</th><th>错误</th><th>警告</th><th>提示</th><th>按检查项</th></tr>"
    rows = [_summary_row(i, d) for i, d in enumerate(result.documents, 1)]
    return f'<table class="summary">\n<thead>{head}</thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody>\n</table>"


def _summary_row(i: int, d: DocumentReview) -> str:
    from narrator.review_summary import by_id_line

    link = f'<a href="#doc-{i}">{escape(d.path)}</a>'
    if not d.ok:
        reason = escape(d.error or "")
        return f'<tr class="unreadable"><td>{i}</td><td>{link}</td><td colspan="4">未能检查：{reason}</td></tr>'
    nums = "".join(f'<td class="num {s}">{d.count(s)}</td>' for s in SEVERITIES)
    ids = escape(by_id_line(d.findings)) or "无问题"
    return f"<tr><td>{i}</td><td>{link}</td>{nums}<td class=\"ids\">{ids}</td></tr>"


def _filters(result: ReviewResult) -> str:
    counts = summarize(result.findings)
    boxes = "".join(f'<label><input type="checkbox" name="severity" value="{s}" checked> {LABEL[s]}'
                    f"（{counts[s]}）</label>" for s in SEVERITIES)
    by_id: dict[str, int] = counts["by_id"]  # type: ignore[assignment]
    options = "".join(f'<option value="{escape(i)}">{escape(i)}（{n}）</option>' for i, n in by_id.items())
    return (f'<form id="filters" class="filters">\n<fieldset><legend>级别</legend>{boxes}</fieldset>\n'
            f'<fieldset><legend>检查项</legend><select id="check-filter" name="check">'
            f'<option value="">全部检查项</option>{options}</select></fieldset>\n'
            f'<label><input type="checkbox" id="hide-clean" name="hide"> 隐藏没有问题的文档</label>\n'
            f'<span id="visible-count"></span>\n</form>')


def _footer() -> str:
    return ('<footer>由 narrator review 生成：只运行规则检查（不调用模型）。'
            '高亮处为检查所指的文字；“所述 → 应为”中的应为值由算式按四舍五入得出。</footer>')


# ---------------------------------------------------------------- one document


def source_href(path: str, report_dir: Path | None) -> str:
    """A URL for the source file from the report's folder (relative when it can be)."""
    target = Path(path)
    if report_dir is not None:
        try:
            target = Path(os.path.relpath(target.resolve(), Path(report_dir).resolve()))
        except ValueError:  # another drive on Windows: keep the absolute path
            return target.resolve().as_uri()
    return quote(target.as_posix())


def _document(i: int, d: DocumentReview, href: str) -> str:
    classes = "doc" if d.ok else "doc unreadable"
    parts = [f'<section class="{classes}" id="doc-{i}">', f"<h2>{i}. {escape(d.path)}</h2>"]
    if not d.ok:
        parts.append(f'<p class="unreadable">未能检查：{escape(d.error or "")}</p>')
    else:
        parts += [_counts(d), _coverage(d), _notes(d.notes), _findings(d, href)]
    parts.append("</section>")
    return "\n".join(p for p in parts if p)


def _counts(d: DocumentReview) -> str:
    nums = "".join(f'<b class="num {s}">{LABEL[s]} {d.count(s)}</b>' for s in SEVERITIES)
    return f'<p class="counts">{nums}</p>'


def _coverage(d: DocumentReview) -> str:
    """What was read and checked; the percentages not bound to their amounts, to check by hand."""
    if d.coverage is None:
        return ""
    items = "".join(f"<li>{escape(flat(d.text[u.start:u.end]))}：{escape(u.why)}</li>" for u in d.coverage.unchecked)
    unchecked = (f'<details class="notes"><summary>未核对的百分比（{len(d.coverage.unchecked)} 个，请人工核对）</summary>'
                 f"<ul>{items}</ul></details>") if items else ""
    return f'<p class="coverage">{escape(d.coverage.line())}</p>{unchecked}'


def _notes(notes: list[str]) -> str:
    if not notes:
        return ""
    items = "".join(f"<li>{escape(n)}</li>" for n in notes)
    return f'<details class="notes"><summary>读取提示（{len(notes)} 条）</summary><ul>{items}</ul></details>'


def _findings(d: DocumentReview, href: str) -> str:
    if not d.findings:
        return '<p class="none">未发现问题。</p>'
    items = "\n".join(_finding(d, f, href) for f in d.findings)
    return f'<p class="filtered-out">筛选条件下没有问题。</p>\n<ol class="findings">\n{items}\n</ol>'


def _finding(d: DocumentReview, f: Finding, href: str) -> str:
    where = f"第{d.text.count(chr(10), 0, f.start) + 1}行"
    section = section_title(d.sections, f.start)
    where += f" · {section}" if section else ""
    parts = [f'<li class="finding {f.severity}" data-severity="{f.severity}" data-check="{escape(f.id)}">',
             f'<div class="head"><span class="badge {f.severity}">{LABEL[f.severity]}</span>'
             f'<code>{escape(f.id)}</code>{_page_link(f, href)}<span class="where">{escape(where)}</span></div>',
             f'<p class="msg">{escape(f.message)}</p>',
             f'<blockquote class="sentence">{highlighted(d.text, f)}</blockquote>',
             _stated_expected(f), _formula(f), "</li>"]
    return "\n".join(p for p in parts if p)


def _page_link(f: Finding, href: str) -> str:
    """第N页, linking the source file opened at that page (PDF viewers honour #page=N)."""
    if f.page is None:
        return ""
    return f'<a class="page" href="{escape(href)}#page={f.page}" target="_blank">第{f.page}页</a>'


def _stated_expected(f: Finding) -> str:
    if not f.expected:
        return f'<p class="fix">所述 <span class="stated">{escape(f.stated)}</span></p>' if f.stated else ""
    stated = escape(f.stated or "—")
    return (f'<p class="fix has-expected">所述 <span class="stated">{stated}</span>'
            f'<span class="arrow">→</span>应为 <span class="expected">{escape(f.expected)}</span></p>')


def _formula(f: Finding) -> str:
    return f'<p class="formula">算式：<code>{escape(f.formula)}</code></p>' if f.formula else ""


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
