"""The HTML review report: highlighted spans, escaping, filters; and a real render in headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from html import escape, unescape
from pathlib import Path

import pytest

from narrator.findings import Finding
from narrator.report.html_document import grouped
from narrator.report.html import flat, highlighted, render_html
from narrator.app.review import DocumentReview, ReviewResult, review

SEEDS = Path(__file__).parent / "data" / "seeds"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def seeds_result(tmp_path_factory) -> ReviewResult:
    missing = tmp_path_factory.mktemp("gone") / "missing.txt"
    return review([SEEDS, missing], progress=False)


@pytest.fixture(scope="module")
def seeds_html(seeds_result) -> str:
    return render_html(seeds_result)


def mark(f: Finding) -> str:
    return f'<mark class="hl {f.severity}">{escape(flat(f.text))}</mark>'


def test_every_finding_appears_highlighted_inside_its_sentence(seeds_result, seeds_html):
    groups = [(d, g) for d in seeds_result.documents for g in grouped(d.findings)]
    assert len(groups) > 20
    for doc, g in groups:
        assert mark(g.first) in seeds_html, g.first
        assert f'<blockquote class="sentence">{highlighted(doc.text, g.first)}</blockquote>' in seeds_html
    assert seeds_html.count('<li class="finding ') == len(groups)
    assert sum(len(g.findings) for _, g in groups) == len(seeds_result.findings)


def test_identical_findings_are_one_item_with_a_count_and_their_places():
    text = "".join(f"第{i}项XX万元。" for i in range(1, 204)) + "收入总计增加10.00万元，下降10.00%。"
    residue = [Finding("convention.residue", "warning", m, m + 2, "XX", "模板残留：XX")
               for m in (i for i in range(len(text)) if text.startswith("XX", i))]
    other = text.index("增加")
    direction = Finding("rate.direction", "error", other, other + 2, "增加", "方向矛盾")
    html = render_html(ReviewResult([DocumentReview("t.txt", text, [*residue, direction])]))
    assert len(residue) == 203
    assert html.count('<li class="finding ') == 2
    assert 'data-count="203"' in html and "×203" in html and "全部 203 处位置" in html
    assert "……另有 153 处" in html  # the first 50 places are listed
    assert "convention.residue</code><span class=\"title\">模板残留</span>" in html


def test_stated_expected_and_formula_are_shown(seeds_html):
    assert "完成年初预算的100%" in seeds_html
    assert '<span class="expected">116.57%</span>' in seeds_html
    assert "算式：<code>672.13万元 ÷ 576.61万元</code>" in seeds_html


def test_unreadable_document_has_its_own_section(seeds_html):
    assert re.search(r'<section class="doc unreadable" id="doc-6"[^>]*>.*?文件不存在', seeds_html, re.S)


def test_filters_for_every_severity_and_check_id(seeds_result, seeds_html):
    for severity in ("error", "warning", "info"):
        assert f'<input type="checkbox" name="severity" value="{severity}" checked>' in seeds_html
    ids = {f.id for f in seeds_result.findings}
    options = set(re.findall(r'<option value="([^"]+)">', seeds_html))
    assert options == ids
    assert 'id="hide-clean"' in seeds_html


def test_self_contained(seeds_html):
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", seeds_html)
    assert "<link" not in seeds_html and "@import" not in seeds_html


def test_document_text_paths_and_messages_are_escaped():
    text = ("一、收入支出决算总体情况说明\n与上年相比<script>alert('x')</script>，收入总计增加10.00万元，"
            "下降10.00%。\n")
    start = text.index("<script>")
    end = text.index("</script>") + len("</script>")
    planted = Finding("x.markup", "warning", start, end, text[start:end], "消息 <b>&</b>", "<i>", "</i>", "a<b")
    rate = text.index("增加10.00万元")
    direction = Finding("rate.direction", "error", rate, rate + 18, text[rate:rate + 18], "方向矛盾")
    doc = DocumentReview("<img src=x onerror=alert(1)>.txt", text, [planted, direction])
    html = render_html(ReviewResult([doc]))
    assert "<script>alert" not in html and "<img" not in html and "<b>&</b>" not in html
    assert html.count("<script>") == 1  # the report's own filter script
    assert '<mark class="hl warning">&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</mark>' in html
    assert "与上年相比&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;，" in html  # context of the other finding
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in html


def test_sentence_context_crosses_pdf_line_wraps_but_not_table_rows():
    text = "科目\t金额\n合计\t10.00\n年初预算576.61万元，支出决算672.13万元，完成年\n初预算的100%，其中基本支出119.54万元。下一句。"
    start = text.index("完成年")
    f = Finding("completion.value", "error", start, start + len("完成年\n初预算的100%"), text[start:start + 12], "m")
    assert highlighted(text, f) == ('年初预算576.61万元，支出决算672.13万元，<mark class="hl error">完成年初预算的100%</mark>'
                                    "，其中基本支出119.54万元。")


# ---------------------------------------------------------------- a real browser


def chromium(*args: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={profile}"]
        return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=120)


# A browser is the heavy tier's (run by .ci/run), skipped where chromium is not installed.
_no_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium 未安装（apt-get install chromium）：跳过浏览器渲染测试")


def needs_chromium(test):
    return pytest.mark.heavy(_no_chromium(test))


@pytest.fixture(scope="module")
def report_file(seeds_html, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "r.html"
    path.write_text(seeds_html, encoding="utf-8")
    return path


def visible_checks(dom: str) -> list[str]:
    items = re.findall(r"<li class=\"finding [^>]*>", dom)
    return [re.search(r'data-check="([^"]+)"', li).group(1) for li in items if "hidden" not in li]


@needs_chromium
def test_chromium_runs_the_filter_script(report_file, seeds_result):
    dom = chromium("--dump-dom", report_file.as_uri()).stdout
    total = len(seeds_result.findings)
    groups = sum(len(grouped(d.findings)) for d in seeds_result.documents)
    assert f'data-shown="{total}"' in dom and len(visible_checks(dom)) == groups
    assert f"显示 {total} / {total} 处问题" in dom
    filtered = chromium("--dump-dom", report_file.as_uri() + "#severity=error&check=rate.direction").stdout
    assert visible_checks(filtered) == ["rate.direction", "rate.direction"]
    assert 'data-shown="2"' in filtered
    hidden_docs = re.findall(r'<section class="doc[^"]*" id="doc-\d+" data-name="[^"]*" hidden', chromium(
        "--dump-dom", report_file.as_uri() + "#severity=error&hide=1").stdout)
    assert len(hidden_docs) == 3  # seeds 001, 003 and 004 have no error; the unreadable file stays


@needs_chromium
def test_chromium_screenshot_shows_the_highlights(report_file, tmp_path):
    image = pytest.importorskip("PIL.Image", reason="Pillow 未安装：无法读取截图像素")
    shot = tmp_path / "shot.png"
    chromium(f"--screenshot={shot}", "--window-size=1280,2000", "--hide-scrollbars", report_file.as_uri())
    assert shot.exists() and shot.stat().st_size > 50_000
    colors = {rgb for _, rgb in image.open(shot).convert("RGB").getcolors(maxcolors=1 << 20)}
    assert (0xFD, 0xE8, 0xE6) in colors  # the error highlight's background (--error-bg) is painted
    assert (0xB4, 0x23, 0x18) in colors  # the error badge / border colour


def test_each_document_says_what_it_read_and_lists_what_it_could_not_check(tmp_path):
    doc = tmp_path / "一.txt"
    doc.write_text("三公经费支出100.00万元。其中：公务接待费支出决算减少6.00万元，下降30.00%。", encoding="utf-8")
    page = render_html(review([doc]))
    assert "其中 0 个百分比已与所依据的金额核对" in page
    assert "未核对的百分比（1 个，请人工核对）" in page and "不能确定增减率所依据的本年数" in page


# ---------------------------------------------------------------- 300 documents in a real browser

# Runs after the report's own script: acts like a reviewer (sorts, picks a check, searches) and
# writes what the page then shows into data attributes of <body> that --dump-dom prints.
DRIVER = """<script>
(function () {
  var body = document.body, rows = function () {
    return Array.prototype.slice.call(document.querySelectorAll('#overview tbody tr:not([hidden])'))
      .map(function (tr) { return tr.dataset.name.split('/').pop(); });
  };
  body.dataset.initialOrder = rows().slice(0, 12).join(' ');
  document.querySelector('button[data-sort=error]').click();
  body.dataset.byErrors = rows().slice(0, 3).join(' ');
  body.dataset.firstErrors = document.querySelector('#overview tbody tr td.num.error').textContent;
  body.dataset.sortHash = location.hash;
  var select = document.getElementById('check-filter');
  select.value = 'rate.direction';
  document.getElementById('hide-clean').checked = true;
  select.form.dispatchEvent(new Event('change'));
  body.dataset.checkRows = String(rows().length);
  body.dataset.checkHash = decodeURIComponent(location.hash);
  var search = document.getElementById('search');
  select.value = '';
  document.getElementById('hide-clean').checked = false;
  search.value = 'copy17.';
  select.form.dispatchEvent(new Event('submit'));
  body.dataset.searchRows = rows().join(' ');
  body.dataset.searchHash = decodeURIComponent(location.hash);
})();
</script>"""


# A template submitted unfilled: every XX is the same convention.residue finding.
TEMPLATE = "一、收入支出决算总体情况说明\n" + "".join(f"{i}.某项支出XX万元，比上年增加XX万元，增长XX%。\n" for i in range(1, 40))


@pytest.fixture(scope="module")
def review_300(tmp_path_factory) -> tuple[ReviewResult, Path]:
    folder = tmp_path_factory.mktemp("batch")
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(1, 300):
        (folder / f"copy{i}.txt").write_bytes(seeds[i % len(seeds)].read_bytes())
    (folder / "template.txt").write_text(TEMPLATE, encoding="utf-8")
    return review([folder], progress=False), folder


@pytest.mark.heavy
@needs_chromium
def test_300_documents_sort_filter_and_search_in_chromium(review_300, tmp_path):
    result, folder = review_300
    assert len(result.documents) == 300
    page = render_html(result, report_dir=folder)
    path = tmp_path / "report.html"
    path.write_text(page.replace("</body>", DRIVER + "\n</body>"), encoding="utf-8")
    dom = chromium("--allow-file-access-from-files", "--dump-dom", path.as_uri()).stdout
    body = re.search(r"<body([^>]*)>", dom).group(1)
    data = {k: unescape(v) for k, v in re.findall(r'data-([a-z-]+)="([^"]*)"', body)}
    assert data["initial-order"].split() == [f"copy{i}.txt" for i in range(1, 13)]  # natural order
    most = max(d.count("error") for d in result.documents)
    assert data["first-errors"] == str(most)
    assert data["sort-hash"] == "#sort=error-desc"
    with_direction = [d for d in result.documents if any(f.id == "rate.direction" for f in d.findings)]
    assert 0 < len(with_direction) < 300 and data["check-rows"] == str(len(with_direction))
    assert data["check-hash"] == "#check=rate.direction&hide=1&sort=error-desc"
    assert data["search-rows"] == "copy17.txt"
    assert data["search-hash"] == "#q=copy17.&sort=error-desc"
    plain = tmp_path / "plain.html"
    plain.write_text(page, encoding="utf-8")
    residue = chromium("--dump-dom", plain.as_uri() + "#check=convention.residue&q=template").stdout
    (template,) = [d for d in result.documents if d.path.endswith("template.txt")]
    assert len(template.findings) > 100
    assert visible_checks(residue) == ["convention.residue"]  # one item for all of them
    assert f'data-shown="{len(template.findings)}"' in residue and 'data-docs="1"' in residue


@pytest.mark.heavy
@needs_chromium
def test_300_documents_screenshot(review_300, tmp_path):
    image = pytest.importorskip("PIL.Image", reason="Pillow 未安装：无法读取截图像素")
    result, folder = review_300
    path = folder / "report.html"
    path.write_text(render_html(result, report_dir=folder), encoding="utf-8")
    # NARRATOR_SCREENSHOT=/tmp/r.png keeps the screenshots (r.png, r-grouped.png) for a person to look at
    shot = Path(os.environ.get("NARRATOR_SCREENSHOT") or tmp_path / "shot.png")
    chromium(f"--screenshot={shot}", "--window-size=1280,1400", "--hide-scrollbars",
             path.as_uri() + "#sort=error-desc&severity=error,warning")
    colors = {rgb for _, rgb in image.open(shot).convert("RGB").getcolors(maxcolors=1 << 20)}
    assert (0xB4, 0x23, 0x18) in colors  # error counts and badges are painted
    grouped_shot = shot.with_name(shot.stem + "-grouped.png")
    chromium(f"--screenshot={grouped_shot}", "--window-size=1280,1100", "--hide-scrollbars",
             path.as_uri() + "#check=convention.residue&q=template")
    colors = {rgb for _, rgb in image.open(grouped_shot).convert("RGB").getcolors(maxcolors=1 << 20)}
    assert (0xFF, 0xF3, 0xD6) in colors  # the warning highlight of the grouped item is painted


def test_a_finding_with_a_page_links_the_source_file_at_that_page(tmp_path):
    text = "支出决算为100.00万元，比上年增加20.00万元，下降25.00%。"
    start = text.index("下降")
    on_page = Finding("rate.direction", "error", start, start + 2, "下降", "方向矛盾", page=7)
    no_page = Finding("rate.value", "error", start, start + 8, text[start:start + 8], "增减率不符")
    source = tmp_path / "决算" / "单位 一.pdf"
    html = render_html(ReviewResult([DocumentReview(str(source), text, [on_page, no_page])]), report_dir=tmp_path)
    assert '<a class="page" href="%E5%86%B3%E7%AE%97/%E5%8D%95%E4%BD%8D%20%E4%B8%80.pdf#page=7" target="_blank">第7页</a>' in html
    assert html.count('class="page"') == 1  # no page, no link
