"""Findings as records and as reports: JSON is exactly one object with a stable shape."""

import io
import json

from narrator.check import check_text
from narrator.findings import Finding, sort_findings
from narrator.report.render import render_json, render_markdown, render_text

TEXT = "一、收入支出决算总体情况说明\n2024年度支出672.13万元，与上年相比，增加2042.46万元，下降75.24%，主要原因是项目减少。\n"


def test_json_is_one_object_with_the_documented_shape():
    findings = check_text(TEXT)
    payload = json.loads(render_json("doc.txt", findings))
    assert set(payload) == {"document", "findings", "summary"}
    assert payload["summary"]["error"] >= 1
    for item in payload["findings"]:
        assert set(item) == {"id", "severity", "start", "end", "text", "message", "stated", "expected", "formula", "page"}
        assert TEXT[item["start"]:item["end"]] == item["text"]


def test_fingerprint_ignores_offsets_and_sort_is_stable():
    a = Finding("rate.value", "error", 10, 15, "增长5%", "不符", "增长5%")
    b = Finding("rate.value", "error", 90, 95, "增长5%", "不符", "增长5%")
    assert a.fingerprint == b.fingerprint
    assert sort_findings([b, a]) == [a, b]


def test_text_and_markdown_mark_the_span():
    findings = check_text(TEXT)
    out = render_text("doc.txt", TEXT, findings, stream=io.StringIO())
    assert "【增加2042.46万元，下降75.24%】" in out and "rate.direction" in out
    assert "\x1b[" not in out
    md = render_markdown("doc.txt", TEXT, findings)
    assert "**增加2042.46万元，下降75.24%**" in md
