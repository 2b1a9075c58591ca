"""The inline CSS and JavaScript of the HTML review report (no network, no external files).

The script filters findings by severity (checkboxes), check id (select), a
search text (document name, sentence, message) and whether accepted (baseline)
findings are shown; optionally hides documents without visible findings; re-counts
and hides the overview's rows with the same filters; sorts the overview (and the
document sections with it) by name in natural order (copy2 before copy10) or by
the visible errors, warnings or notes.  The filters and the sort are read from and
written to the address: ``report.html#severity=error,warning&check=rate.direction&q=…&hide=1&sort=error``.
After every change ``document.body.dataset.shown`` holds the number of visible
findings (a grouped item counts as many as it holds; tests read it).
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
table.summary th button { font:inherit; font-weight:600; border:0; background:none; padding:0; cursor:pointer; }
table.summary th button::after { content:" ⇅"; color:var(--muted); font-weight:400; }
table.summary th button[data-dir=asc]::after { content:" ▲"; color:#1f2933; }
table.summary th button[data-dir=desc]::after { content:" ▼"; color:#1f2933; }
.overview-wrap { max-height:45vh; overflow:auto; display:inline-block; min-width:60%; border:1px solid var(--line); }
.overview-wrap table.summary { margin:0; width:100%; }
.overview-wrap thead th { position:sticky; top:0; z-index:1; }
#search { font:inherit; padding:2px 8px; min-width:240px; border:1px solid var(--line); border-radius:4px; }
.head .title { font-size:13px; color:#1f2933; }
.head .count { font-size:12px; font-weight:700; padding:0 7px; border-radius:10px; background:#1f2933; color:#fff; }
.head .accepted-tag { font-size:12px; color:var(--muted); border:1px solid var(--line); padding:0 6px; border-radius:10px; }
.where a.page { color:var(--info); }
li.finding.accepted { opacity:.55; border-left-style:dashed; }
details.places { font-size:13px; color:var(--muted); margin:4px 0 0; }
details.places ul { margin:2px 0; padding-left:22px; columns:2; }
.totals .accepted, .num.accepted { color:var(--muted); font-weight:400; }
"""

JS = r"""
(function () {
  var form = document.getElementById('filters');
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name=severity]'));
  var select = document.getElementById('check-filter');
  var search = document.getElementById('search');
  var hideClean = document.getElementById('hide-clean');
  var showAccepted = document.getElementById('show-accepted');
  var main = document.querySelector('main');
  var tbody = document.querySelector('#overview tbody');
  var headers = Array.prototype.slice.call(document.querySelectorAll('#overview th button[data-sort]'));
  var collator = new Intl.Collator('zh-Hans-CN', {numeric: true, sensitivity: 'base'});
  var sort = {key: 'name', dir: 'asc'};
  var sections = Array.prototype.slice.call(document.querySelectorAll('section.doc'));
  var docs = sections.map(function (section) {
    var items = Array.prototype.slice.call(section.querySelectorAll('li.finding')).map(function (li) {
      return {li: li, severity: li.dataset.severity, check: li.dataset.check, accepted: li.dataset.accepted === '1',
              count: Number(li.dataset.count || 1), text: li.textContent.toLowerCase()};
    });
    return {section: section, name: section.dataset.name || '', lower: (section.dataset.name || '').toLowerCase(),
            row: tbody.querySelector('tr[data-doc="' + section.id + '"]'), items: items,
            unreadable: section.classList.contains('unreadable'), counts: {}};
  });
  var total = 0;
  docs.forEach(function (d) { d.items.forEach(function (it) { if (!it.accepted) total += it.count; }); });

  function fromHash() {
    var hash = location.hash.replace(/^#/, '');
    if (hash.indexOf('=') < 0) return;
    hash.split('&').forEach(function (pair) {
      var kv = pair.split('='), key = decodeURIComponent(kv[0]);
      var value = decodeURIComponent(kv.slice(1).join('=').replace(/\+/g, ' '));
      if (key === 'severity') {
        var wanted = value.split(',');
        boxes.forEach(function (b) { b.checked = wanted.indexOf(b.value) >= 0; });
      } else if (key === 'check') {
        select.value = value;
        if (select.value !== value) select.value = '';
      } else if (key === 'hide') {
        hideClean.checked = value === '1';
      } else if (key === 'q') {
        search.value = value;
      } else if (key === 'accepted' && showAccepted) {
        showAccepted.checked = value === '1';
      } else if (key === 'sort') {
        var parts = value.split('-');
        if (['name', 'error', 'warning', 'info'].indexOf(parts[0]) >= 0) {
          sort = {key: parts[0], dir: parts[1] === 'asc' || parts[1] === 'desc' ? parts[1] : defaultDir(parts[0])};
        }
      }
    });
  }

  function defaultDir(key) { return key === 'name' ? 'asc' : 'desc'; }

  function toHash() {
    var severities = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var parts = [];
    if (severities.length !== boxes.length) parts.push('severity=' + severities.join(','));
    if (select.value) parts.push('check=' + encodeURIComponent(select.value));
    if (search.value.trim()) parts.push('q=' + encodeURIComponent(search.value.trim()));
    if (hideClean.checked) parts.push('hide=1');
    if (showAccepted && showAccepted.checked) parts.push('accepted=1');
    if (sort.key !== 'name' || sort.dir !== 'asc') parts.push('sort=' + sort.key + '-' + sort.dir);
    var hash = parts.length ? '#' + parts.join('&') : '';
    if (hash !== location.hash && !(hash === '' && location.hash === '')) {
      history.replaceState(null, '', hash || location.pathname + location.search);
    }
  }

  function apply() {
    var severities = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var check = select.value, query = search.value.trim().toLowerCase();
    var withAccepted = showAccepted ? showAccepted.checked : false;
    var shown = 0, docsShown = 0;
    docs.forEach(function (d) {
      var nameHit = !query || d.lower.indexOf(query) >= 0;
      var counts = {error: 0, warning: 0, info: 0}, visible = 0;
      d.items.forEach(function (it) {
        var ok = severities.indexOf(it.severity) >= 0 && (!check || it.check === check) &&
                 (!it.accepted || withAccepted) && (nameHit || it.text.indexOf(query) >= 0);
        it.li.hidden = !ok;
        if (ok) visible += 1;
        if (ok && !it.accepted) { counts[it.severity] += it.count; shown += it.count; }
      });
      d.counts = counts;
      d.section.classList.toggle('filtered', d.items.length > 0 && visible === 0);
      var hide = (hideClean.checked && visible === 0 && !d.unreadable) || (!nameHit && visible === 0);
      d.section.hidden = hide;
      if (!hide) docsShown += 1;
      if (d.row) {
        d.row.hidden = hide;
        Array.prototype.forEach.call(d.row.querySelectorAll('td[data-severity]'), function (td) {
          td.textContent = String(counts[td.dataset.severity]);
        });
      }
    });
    document.getElementById('visible-count').textContent =
      '显示 ' + shown + ' / ' + total + ' 处问题，' + docsShown + ' / ' + docs.length + ' 份文档';
    document.body.dataset.shown = String(shown);
    document.body.dataset.docs = String(docsShown);
    order();
    toHash();
  }

  function order() {
    var sign = sort.dir === 'asc' ? 1 : -1;
    var sorted = docs.slice().sort(function (a, b) {
      if (sort.key !== 'name') {
        var byCount = sign * ((a.counts[sort.key] || 0) - (b.counts[sort.key] || 0));
        if (byCount) return byCount;
        return collator.compare(a.name, b.name);
      }
      return sign * collator.compare(a.name, b.name);
    });
    sorted.forEach(function (d) {
      if (d.row) tbody.appendChild(d.row);
      main.appendChild(d.section);
    });
    headers.forEach(function (h) {
      var active = h.dataset.sort === sort.key;
      if (active) h.dataset.dir = sort.dir; else delete h.dataset.dir;
      h.parentNode.setAttribute('aria-sort', active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none');
    });
  }

  headers.forEach(function (h) {
    h.addEventListener('click', function () {
      var key = h.dataset.sort;
      sort = sort.key === key ? {key: key, dir: sort.dir === 'asc' ? 'desc' : 'asc'} : {key: key, dir: defaultDir(key)};
      apply();
    });
  });
  var timer = null;
  search.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(apply, 150); });
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); apply(); });
  window.addEventListener('hashchange', function () { fromHash(); apply(); });
  fromHash();
  apply();
})();
"""
