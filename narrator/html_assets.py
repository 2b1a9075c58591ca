"""The inline CSS and JavaScript of the HTML review report (no network, no external files).

The script filters findings by severity (checkboxes) and check id (select),
optionally hides documents without visible findings, and reads an initial
filter from the address: ``report.html#severity=error,warning&check=rate.direction``.
After every change ``document.body.dataset.shown`` holds the number of visible
findings (tests read it).
"""

CSS = """
:root { --error:#b42318; --error-bg:#fde8e6; --warning:#a15c00; --warning-bg:#fff3d6;
        --info:#1d5fa8; --info-bg:#e5f0fb; --line:#d9dde3; --muted:#5f6b7a; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.7 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",
       "WenQuanYi Micro Hei",sans-serif; color:#1f2933; background:#f5f6f8; }
header.top { padding:20px 32px 8px; background:#fff; }
h1 { font-size:24px; margin:0 0 4px; }
.meta { color:var(--muted); margin:0; }
.totals span { display:inline-block; margin-right:14px; font-weight:600; }
.totals .error, .num.error { color:var(--error); }
.totals .warning, .num.warning { color:var(--warning); }
.totals .info, .num.info { color:var(--info); }
table.summary { border-collapse:collapse; margin:12px 0 4px; background:#fff; min-width:60%; }
table.summary th, table.summary td { border:1px solid var(--line); padding:4px 10px; text-align:left;
       vertical-align:top; }
table.summary th { background:#eef1f5; white-space:nowrap; }
table.summary td.num { text-align:right; font-variant-numeric:tabular-nums; }
table.summary td.ids { font-size:13px; color:var(--muted); }
table.summary tr.unreadable td { background:#fafafa; color:var(--muted); }
form.filters { position:sticky; top:0; z-index:5; display:flex; flex-wrap:wrap; gap:18px; align-items:center;
       padding:10px 32px; background:#fff; border-top:1px solid var(--line); border-bottom:1px solid var(--line);
       box-shadow:0 2px 4px rgba(0,0,0,.04); }
form.filters fieldset { border:0; padding:0; margin:0; display:flex; gap:10px; align-items:center; }
form.filters legend { float:left; font-weight:600; margin-right:6px; }
form.filters select { font:inherit; padding:2px 4px; max-width:320px; }
#visible-count { color:var(--muted); margin-left:auto; }
main { padding:8px 32px 40px; }
section.doc { background:#fff; border:1px solid var(--line); border-radius:6px; margin:18px 0; padding:14px 20px; }
section.doc h2 { font-size:18px; margin:0 0 4px; word-break:break-all; }
section.doc .counts { margin:0 0 8px; color:var(--muted); }
section.doc .counts b { margin-right:10px; }
p.unreadable { color:var(--error); background:var(--error-bg); padding:8px 12px; border-radius:4px; }
p.none, p.filtered-out { color:var(--muted); font-style:italic; }
section.doc:not(.filtered) p.filtered-out { display:none; }
details.notes { margin:6px 0 10px; color:var(--muted); font-size:13px; }
details.notes ul { margin:4px 0; padding-left:22px; }
ol.findings { list-style:none; margin:0; padding:0; }
li.finding { border-left:4px solid var(--line); padding:8px 12px; margin:10px 0; background:#fcfcfd; }
li.finding.error { border-left-color:var(--error); }
li.finding.warning { border-left-color:var(--warning); }
li.finding.info { border-left-color:var(--info); }
.head { display:flex; flex-wrap:wrap; gap:8px; align-items:baseline; }
.badge { font-size:12px; font-weight:700; padding:1px 8px; border-radius:10px; color:#fff; }
.badge.error { background:var(--error); } .badge.warning { background:var(--warning); }
.badge.info { background:var(--info); }
.head code { font-size:13px; background:#eef1f5; padding:0 6px; border-radius:3px; }
.where { color:var(--muted); font-size:13px; }
a.page { font-size:13px; font-weight:600; }
.msg { margin:4px 0; font-weight:600; }
blockquote.sentence { margin:6px 0; padding:6px 12px; background:#fff; border:1px dashed var(--line);
       border-radius:4px; }
mark.hl { padding:1px 2px; border-radius:2px; font-weight:600; }
mark.hl.error { background:var(--error-bg); color:var(--error); border-bottom:2px solid var(--error); }
mark.hl.warning { background:var(--warning-bg); color:var(--warning); border-bottom:2px solid var(--warning); }
mark.hl.info { background:var(--info-bg); color:var(--info); border-bottom:2px solid var(--info); }
.fix { margin:4px 0; }
.fix .stated { color:var(--muted); }
.fix.has-expected .stated { text-decoration:line-through; }
.fix .expected { color:#0a7a3b; font-weight:600; }
.fix .arrow { margin:0 6px; color:var(--muted); }
.formula { margin:2px 0; color:var(--muted); font-size:13px; }
.formula code { font-size:13px; }
footer { padding:0 32px 24px; color:var(--muted); font-size:12px; }
[hidden] { display:none !important; }
"""

JS = r"""
(function () {
  var form = document.getElementById('filters');
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name=severity]'));
  var select = document.getElementById('check-filter');
  var hideClean = document.getElementById('hide-clean');
  var total = document.querySelectorAll('li.finding').length;

  function fromHash() {
    var hash = decodeURIComponent(location.hash.replace(/^#/, ''));
    if (hash.indexOf('=') < 0) return;
    hash.split('&').forEach(function (pair) {
      var kv = pair.split('='), key = kv[0], value = kv.slice(1).join('=');
      if (key === 'severity') {
        var wanted = value.split(',');
        boxes.forEach(function (b) { b.checked = wanted.indexOf(b.value) >= 0; });
      } else if (key === 'check') {
        select.value = value;
        if (select.value !== value) select.value = '';
      } else if (key === 'hide') {
        hideClean.checked = value === '1';
      }
    });
  }

  function apply() {
    var severities = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var check = select.value, shown = 0;
    document.querySelectorAll('li.finding').forEach(function (li) {
      var visible = severities.indexOf(li.dataset.severity) >= 0 && (!check || li.dataset.check === check);
      li.hidden = !visible;
      if (visible) shown += 1;
    });
    document.querySelectorAll('section.doc').forEach(function (section) {
      var all = section.querySelectorAll('li.finding').length;
      var visible = section.querySelectorAll('li.finding:not([hidden])').length;
      section.classList.toggle('filtered', all > 0 && visible === 0);
      section.hidden = hideClean.checked && visible === 0 && !section.classList.contains('unreadable');
    });
    document.getElementById('visible-count').textContent = '显示 ' + shown + ' / ' + total + ' 处问题';
    document.body.dataset.shown = String(shown);
  }

  form.addEventListener('change', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  fromHash();
  apply();
})();
"""
