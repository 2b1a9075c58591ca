"""The batch review as one self-contained HTML file (inline CSS and JS, nothing fetched).

At the top the totals and an overview table (one row per document, sortable by
errors, warnings or name in natural order), then the filters (severity, check
with its Chinese title, a search box, hide clean documents, show accepted
findings), then one section per document (``html_document``).  The filters act
on the overview and the findings together and are kept in the address
(``report.html#severity=error&check=rate.direction&q=…&sort=errors``).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from narrator.findings import SEVERITIES, Finding, summarize
from narrator.report.html_assets import CSS, JS
from narrator.report.html_document import LABEL, DocumentSection, flat, highlighted, section_title  # noqa: F401 (re-exported)
from narrator.app.review import DocumentReview, ReviewResult

TITLE = "情况说明批量审核报告"


def render_html(result: ReviewResult, title: str = TITLE, report_dir: Path | None = None) -> str:
    """The report; ``report_dir`` is the folder it is written to, so links to the source files are relative to it."""
    from narrator.check.registry import check_titles

    titles = check_titles()
    sections = (DocumentSection(i, d, titles, report_dir).html() for i, d in enumerate(result.documents, 1))
    body = "\n".join([_header(result, title, titles), _filters(result, titles), "<main>", *sections, "</main>",
                      _footer()])
    return ('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n"
            f"<body>\n{body}\n<script>{JS}</script>\n</body>\n</html>\n")


# ---------------------------------------------------------------- top of the page


def _header(result: ReviewResult, title: str, titles: dict[str, str]) -> str:
    n, bad, skipped = len(result.documents), len(result.unreadable), len(result.skipped)
    meta = (f"共 {result.files} 份文件，已检查 {n - bad} 份" + (f"，{bad} 份未能检查" if bad else "")
            + (f"，{skipped} 份未检查（列在总表下方）" if skipped else ""))
    return (f'<header class="top">\n<h1>{escape(title)}</h1>\n<p class="meta">{meta}</p>\n'
            f'<p class="totals">{_totals(result)}</p>\n{_overview(result, titles)}\n{_skipped(result)}</header>')


def _skipped(result: ReviewResult) -> str:
    """The files found in the folders that were not checked, each with why (never dropped silently)."""
    if not result.skipped:
        return ""
    items = "\n".join(f"<li>{escape(s.path)}：{escape(s.reason)}</li>" for s in result.skipped)
    return (f'<details class="skipped" open>\n<summary>未检查的文件（{len(result.skipped)} 份）</summary>\n'
            f"<ul>\n{items}\n</ul>\n</details>\n")


def _totals(result: ReviewResult) -> str:
    counts = summarize(result.findings)
    parts = [f'<span class="{s}">{LABEL[s]} {counts[s]} 处</span>' for s in SEVERITIES]
    accepted = sum(len(d.accepted) for d in result.documents)
    if accepted:
        parts.append(f'<span class="accepted">已接受（基线）{accepted} 处，不计入</span>')
    return "".join(parts)


_SORTS = (("name", "文档"), ("error", "错误"), ("warning", "警告"), ("info", "提示"))


def _overview(result: ReviewResult, titles: dict[str, str]) -> str:
    """One row per document; the JS re-counts its cells for the filters and sorts it by a header."""
    heads = "".join(f'<th class="{"num" if key != "name" else ""}"><button type="button" data-sort="{key}">'
                    f"{label}</button></th>" for key, label in _SORTS)
    head = f"<tr><th>#</th>{heads}<th>按检查项</th></tr>"
    rows = "\n".join(_overview_row(i, d, titles) for i, d in enumerate(result.documents, 1))
    return (f'<div class="overview-wrap"><table class="summary" id="overview">\n<thead>{head}</thead>\n'
            f"<tbody>\n{rows}\n</tbody>\n</table></div>")


def _overview_row(i: int, d: DocumentReview, titles: dict[str, str]) -> str:
    from narrator.report.summary import by_id_counts

    link = f'<a href="#doc-{i}">{escape(d.path)}</a>'
    attrs = f'data-doc="doc-{i}" data-name="{escape(d.path)}"'
    if not d.ok:
        reason = escape(d.error or "")
        return (f'<tr class="unreadable" {attrs}><td>{i}</td><td>{link}</td>'
                f'<td colspan="4">未能检查：{reason}</td></tr>')
    nums = "".join(f'<td class="num {s}" data-severity="{s}">{d.count(s)}</td>' for s in SEVERITIES)
    ids = "、".join(f'<span title="{escape(titles.get(c, ""))}">{escape(c)}×{n}</span>'
                   for c, n in by_id_counts(d.findings)) or "无问题"
    return f'<tr {attrs}><td>{i}</td><td>{link}</td>{nums}<td class="ids">{ids}</td></tr>'


def _filters(result: ReviewResult, titles: dict[str, str]) -> str:
    counts = summarize(result.findings)
    boxes = "".join(f'<label><input type="checkbox" name="severity" value="{s}" checked> {LABEL[s]}'
                    f"（{counts[s]}）</label>" for s in SEVERITIES)
    by_id = _by_id(result)
    options = "".join(f'<option value="{escape(i)}">{escape(i)} {escape(titles.get(i, ""))}（{n}）</option>'
                      for i, n in by_id.items())
    accepted = sum(len(d.accepted) for d in result.documents)
    show_accepted = (f'<label><input type="checkbox" id="show-accepted" name="accepted"> 显示已接受的问题'
                     f"（{accepted}）</label>\n") if accepted else ""
    return (f'<form id="filters" class="filters">\n<fieldset><legend>级别</legend>{boxes}</fieldset>\n'
            f'<fieldset><legend>检查项</legend><select id="check-filter" name="check">'
            f'<option value="">全部检查项</option>{options}</select></fieldset>\n'
            f'<input type="search" id="search" name="q" placeholder="搜索文档名、原文或说明" aria-label="搜索">\n'
            f'<label><input type="checkbox" id="hide-clean" name="hide"> 隐藏没有问题的文档</label>\n'
            f"{show_accepted}"
            f'<span id="visible-count"></span>\n</form>')


def _by_id(result: ReviewResult) -> dict[str, int]:
    """Counts by check id over the new and the accepted findings (the select offers both)."""
    every: list[Finding] = [f for d in result.documents for f in (*d.findings, *d.accepted)]
    return summarize(every)["by_id"]  # type: ignore[return-value]


def _footer() -> str:
    return ('<footer>由 narrator review 生成：只运行规则检查（不调用模型）。'
            '高亮处为检查所指的文字；“所述 → 应为”中的应为值由算式按四舍五入得出；'
            '相同的问题在同一文档中只列一次并注明次数。</footer>')
