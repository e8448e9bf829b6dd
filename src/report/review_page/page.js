'use strict';
// The review page. Everything from documents is data: it is read from JSON blocks and put on screen with
// textContent, never as markup. See src/report/review_page.rs for the data layout.
(function () {
  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const I = JSON.parse($('lak-index').textContent);
  const F = I.f;
  const N = F.d.length;
  const docs = I.docs;
  const served = location.protocol === 'http:' || location.protocol === 'https:';
  const ROW = 46;
  const enc = new TextEncoder();
  const dec = new TextDecoder();

  // ---- document details, parsed on first use ----
  const cache = new Map();
  function details(di) {
    let v = cache.get(di);
    if (!v) {
      const b = $('d' + di);
      v = b ? JSON.parse(b.textContent) : [];
      cache.set(di, v);
    }
    return v;
  }
  const detailOf = (i) => details(F.d[i])[i - docs[F.d[i]].first] || {};

  // ---- decisions ----
  let decisions = [];
  let dirty = false;
  const act = Uint8Array.from(F.a); // effective action: 0 redact, 1 keep
  const norm = (s) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  let byValue = null;
  function valueIndex() {
    if (!byValue) {
      byValue = new Map();
      for (let i = 0; i < N; i++) {
        const k = norm(F.t[i]);
        const l = byValue.get(k);
        if (l) l.push(i); else byValue.set(k, [i]);
      }
    }
    return byValue;
  }
  const idIndex = new Map();
  function findingById(id) {
    if (idIndex.size === 0) {
      for (let di = 0; di < docs.length; di++) {
        const d = docs[di];
        if (!d.n) continue;
        const ds = details(di);
        for (let k = 0; k < ds.length; k++) idIndex.set(ds[k].id, d.first + k);
      }
    }
    return idIndex.get(id);
  }
  // Later decisions win; a finding decision wins over a value decision (the contract of decisions.json).
  function recompute() {
    act.set(F.a);
    const decided = new Set();
    for (const d of decisions) {
      if (d.kind !== 'value') continue;
      for (const i of valueIndex().get(norm(d.value)) || []) act[i] = d.action === 'keep' ? 1 : 0;
    }
    for (const d of decisions) {
      if (d.kind !== 'finding') continue;
      const i = findingById(d.finding);
      if (i !== undefined) { act[i] = d.action === 'keep' ? 1 : 0; decided.add(i); }
    }
    decidedSet = decided;
    for (const d of decisions) if (d.kind === 'value') for (const i of valueIndex().get(norm(d.value)) || []) decidedSet.add(i);
  }
  let decidedSet = new Set();

  function reviewer() {
    const box = $('reviewer');
    let name = box.value.trim();
    if (!name) {
      name = (window.prompt('Your name, recorded with every decision in decisions.json:') || '').trim();
      box.value = name;
      remember(name);
    }
    if (!name) { say('A decision needs your name: fill in Reviewer.'); box.focus(); }
    return name;
  }
  function remember(name) { try { localStorage.setItem('lak-reviewer', name); } catch (e) { /* storage off */ } }
  const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

  // The note, when there is one, goes with the next decision and is then cleared.
  function decide(d) {
    const note = $('note').value.trim();
    if (note) { d.note = note; $('note').value = ''; }
    decisions.push(d);
    changed();
  }
  function changed() {
    dirty = true;
    recompute();
    showDecisions();
    filter(true);
  }

  function flip(i) {
    const who = reviewer();
    if (!who) return;
    const d = detailOf(i);
    const target = act[i] ? 0 : 1;
    // An earlier decision on this finding goes; if that alone gives the new action, that is all.
    decisions = decisions.filter((x) => !(x.kind === 'finding' && x.finding === d.id));
    recompute();
    if (act[i] === target) { changed(); return; }
    const to = target ? 'keep' : 'redact';
    const x = { kind: 'finding', finding: d.id, action: to };
    if (to === 'redact') x.ground = I.grounds[F.g[i]];
    x.reviewer = who; x.time = now(); x.document = docs[F.d[i]].id; x.text = F.t[i];
    decide(x);
  }
  function everywhere(i) {
    const who = reviewer();
    if (!who) return;
    const v = norm(F.t[i]);
    decisions = decisions.filter((x) => !(x.kind === 'value' && norm(x.value) === v));
    const x = { kind: 'value', value: F.t[i], action: act[i] === 1 ? 'keep' : 'redact' };
    if (x.action === 'redact') x.ground = I.grounds[F.g[i]];
    x.reviewer = who; x.time = now();
    decide(x);
  }
  function addTerm() {
    const t = $('term').value.trim();
    if (!t) { say('Type the term to add.'); return; }
    const who = reviewer();
    if (!who) return;
    decide({ kind: 'value', value: t, action: 'redact', ground: $('term-ground').value, reviewer: who, time: now() });
    $('term').value = '';
    say('Added "' + t + '": redacted wherever it occurs in the dossier.');
  }

  function exportText() {
    return JSON.stringify({ lak_decisions: 1, decisions: decisions }, null, 2) + '\n';
  }
  function load(text, from) {
    let data;
    try { data = JSON.parse(text); } catch (e) { say(from + ': not JSON'); return; }
    if (!data || data.lak_decisions !== 1 || !Array.isArray(data.decisions)) { say(from + ': not a decisions.json of version 1'); return; }
    decisions = data.decisions;
    changed();
    dirty = false;
    say(decisions.length + ' decisions read from ' + from + '.');
  }
  function doExport() {
    const url = URL.createObjectURL(new Blob([exportText()], { type: 'application/json' }));
    const a = el('a');
    a.href = url; a.download = 'decisions.json';
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    dirty = false;
    say('Exported decisions.json (' + decisions.length + ' decisions): give it to lak redact --decisions.');
  }
  async function save() {
    try {
      const r = await fetch('decisions', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: exportText() });
      if (!r.ok) throw new Error(r.status + ' ' + (await r.text()));
      dirty = false;
      say('Saved decisions.json (' + decisions.length + ' decisions) in the review folder.');
    } catch (e) { say('Saving failed: ' + e.message); }
  }
  window.lak = { exportText: exportText, decisions: () => decisions };

  // ---- filters ----
  let shown = new Int32Array(0);
  let sel = -1;
  const lower = [];
  function band(p) { return p >= 90 ? 'high' : p >= 70 ? 'medium' : 'low'; }
  function filter(keep) {
    const fd = $('f-doc').value, fs = $('f-status').value, fc = $('f-category').value, fr = $('f-rule').value;
    const fp = $('f-conf').value, fa = $('f-action').value, q = $('search').value.trim().toLowerCase();
    const docOk = new Uint8Array(docs.length);
    for (let di = 0; di < docs.length; di++) {
      const d = docs[di];
      docOk[di] = (fd === '' || +fd === di) && (fs === '' || d.status === fs) ? 1 : 0;
      if (docOk[di] && q) docOk[di] = (d.name + ' ' + d.id).toLowerCase().includes(q) ? 2 : 1;
    }
    const c = fc === '' ? -1 : +fc, r = fr === '' ? -1 : +fr;
    if (q && lower.length === 0) for (let i = 0; i < N; i++) lower.push(F.t[i].toLowerCase());
    const out = new Int32Array(N);
    let n = 0;
    const cur = sel >= 0 && sel < shown.length ? shown[sel] : -1;
    for (let i = 0; i < N; i++) {
      const ok = docOk[F.d[i]];
      if (!ok) continue;
      if (c >= 0 && F.c[i] !== c) continue;
      if (r >= 0 && F.r[i] !== r) continue;
      if (fp && band(F.p[i]) !== fp) continue;
      if (fa === 'redact' && act[i] !== 0) continue;
      if (fa === 'keep' && act[i] !== 1) continue;
      if (fa === 'decided' && !decidedSet.has(i)) continue;
      if (q && ok !== 2 && !lower[i].includes(q)) continue;
      out[n++] = i;
    }
    shown = out.subarray(0, n);
    const was = sel;
    sel = -1;
    if (keep && cur >= 0) {
      for (let k = 0; k < n; k++) if (shown[k] === cur) { sel = k; break; }
      // A decided finding that left the filtered list: its successor takes its place.
      if (sel < 0 && n > 0) sel = Math.min(was, n - 1);
    }
    if (sel < 0 && n > 0) sel = 0;
    $('spacer').style.height = n * ROW + 'px';
    $('shown').textContent = n + ' of ' + N + ' findings';
    list.scrollTop = keep ? list.scrollTop : 0;
    render();
    showDetail();
  }

  // ---- the list: only the rows in view exist ----
  const list = $('list');
  const pool = [];
  function snippetParts(i, reveal) {
    // [text, class, unit byte offset of its start, is-real-text]
    const d = detailOf(i), t = F.t[i], cx = d.cx;
    if (!cx) return [[t, 'value', null, true]];
    const bytes = enc.encode(cx.before + t + cx.after);
    const vs = enc.encode(cx.before).length, ve = vs + enc.encode(t).length;
    const cuts = [[vs, ve, 'value']];
    for (const [a, b] of cx.others || []) cuts.push([a, b, reveal ? 'other' : 'masked']);
    cuts.sort((x, y) => x[0] - y[0]);
    const parts = [];
    let at = 0;
    for (const [a0, b, cls] of cuts) {
      const a = Math.max(a0, at);
      if (b <= a) continue;
      if (a > at) parts.push([dec.decode(bytes.subarray(at, a)), '', cx.start + at, true]);
      const s = dec.decode(bytes.subarray(a, b));
      parts.push(cls === 'masked' ? ['●●●', 'masked', cx.start + a, false, s] : [s, cls === 'value' ? 'value' : '', cx.start + a, true]);
      at = b;
    }
    if (at < bytes.length) parts.push([dec.decode(bytes.subarray(at)), '', cx.start + at, true]);
    return parts;
  }
  function fillRow(row, k) {
    const i = shown[k];
    const d = docs[F.d[i]];
    row.textContent = '';
    row.className = 'row' + (k === sel ? ' sel' : '') + (act[i] ? ' is-keep' : '');
    row.style.top = k * ROW + 'px';
    row.dataset.k = k;
    const l1 = el('div', 'l1');
    const b = el('span', 'badge ' + (act[i] ? 'keep' : 'redact') + (act[i] !== F.a[i] || decidedSet.has(i) ? ' flipped' : ''), act[i] ? 'keep' : 'redact');
    l1.append(b, ' ', el('span', 'doc', d.id + ' ' + d.name), ' · ' + I.categories[F.c[i]] + ' · ' + I.rules[F.r[i]] + ' · ' + I.grounds[F.g[i]] + ' · ' + (F.p[i] / 100).toFixed(2));
    const l2 = el('div', 'l2');
    for (const p of snippetParts(i, false)) l2.append(p[1] ? el('span', p[1], p[0]) : p[0]);
    row.append(l1, l2);
  }
  function render() {
    const first = Math.max(0, Math.floor(list.scrollTop / ROW) - 2);
    const last = Math.min(shown.length, Math.ceil((list.scrollTop + list.clientHeight) / ROW) + 2);
    let used = 0;
    for (let k = first; k < last; k++, used++) {
      let row = pool[used];
      if (!row) { row = el('div', 'row'); pool.push(row); $('spacer').appendChild(row); }
      row.hidden = false;
      fillRow(row, k);
    }
    for (let u = used; u < pool.length; u++) pool[u].hidden = true;
  }
  list.addEventListener('scroll', () => requestAnimationFrame(render));
  window.addEventListener('resize', () => requestAnimationFrame(render));
  list.addEventListener('click', (e) => {
    const row = e.target.closest('.row');
    if (row) { select(+row.dataset.k); list.focus(); }
  });
  function select(k) {
    if (shown.length === 0) return;
    sel = Math.max(0, Math.min(shown.length - 1, k));
    const top = sel * ROW;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + ROW > list.scrollTop + list.clientHeight) list.scrollTop = top + ROW - list.clientHeight;
    render();
    showDetail();
  }
  function nextDoc(dir) {
    if (shown.length === 0) return;
    const d = F.d[shown[Math.max(sel, 0)]];
    let k = Math.max(sel, 0);
    if (dir > 0) { while (k < shown.length && F.d[shown[k]] === d) k++; if (k >= shown.length) return; }
    else {
      while (k >= 0 && F.d[shown[k]] === d) k--;
      if (k < 0) return;
      const p = F.d[shown[k]];
      while (k > 0 && F.d[shown[k - 1]] === p) k--;
    }
    select(k);
  }

  // ---- the selected finding ----
  let reveal = false;
  function showDetail() {
    const box = $('detail');
    box.textContent = '';
    if (sel < 0 || sel >= shown.length) { box.append(el('p', 'hint', shown.length ? 'Select a finding.' : 'No finding matches the filters.')); return; }
    const i = shown[sel], di = F.d[i], d = docs[di], x = detailOf(i);
    box.append(el('h2', null, d.id + ' ' + d.name));
    const links = el('p');
    if (d.original) { const a = el('a', null, 'original'); a.href = served ? 'doc/' + di + '/original' : d.original; a.target = '_blank'; a.rel = 'noopener'; links.append(a, ' '); }
    if (d.redacted) { const a = el('a', null, 'redacted'); a.href = served ? 'doc/' + di + '/redacted' : d.redacted; a.target = '_blank'; a.rel = 'noopener'; links.append(a); }
    links.append(' ' + d.status + (d.format ? ', ' + d.format : ''));
    box.append(links);
    const t = el('table');
    const rowOf = (k, v) => { const tr = el('tr'); tr.append(el('th', null, k), el('td', null, v)); t.append(tr); };
    rowOf('value', F.t[i]);
    rowOf('category', I.categories[F.c[i]]);
    rowOf('rule', I.rules[F.r[i]]);
    rowOf('ground', I.grounds[F.g[i]]);
    rowOf('confidence', (F.p[i] / 100).toFixed(2));
    rowOf('why', x.why || '');
    rowOf('where', x.at || '');
    rowOf('lak decided', F.a[i] ? 'keep: ' + (x.keep || '') : 'redact');
    if (x.decided_by) rowOf('decided by', x.decided_by.by === 'reviewer' ? x.decided_by.reviewer + ' (' + x.decided_by.decision + ', ' + x.decided_by.time + ')' + (x.decided_by.note ? ': ' + x.decided_by.note : '') : x.decided_by.by);
    rowOf('now', (act[i] ? 'keep' : 'redact') + (decidedSet.has(i) ? ' (your decision)' : ''));
    rowOf('finding id', x.id || '');
    const sn = el('div', 'snippet');
    sn.id = 'snippet';
    for (const p of snippetParts(i, reveal)) {
      const s = el('span', p[1], p[0]);
      if (p[2] !== null) s.dataset.off = p[2];
      if (!p[3]) { s.dataset.real = p[4]; s.title = 'another value: click to reveal'; s.addEventListener('click', () => { reveal = true; showDetail(); }); }
      sn.append(s);
    }
    box.append(sn);
    const bar = el('div', 'actions');
    const btn = (label, f) => { const b = el('button', null, label); b.type = 'button'; b.addEventListener('click', f); bar.append(b); return b; };
    btn((act[i] ? 'Redact' : 'Keep') + ' this finding (x)', () => flip(i)).id = 'flip';
    btn((act[i] ? 'Keep' : 'Redact') + ' every occurrence of this value (a)', () => everywhere(i)).id = 'everywhere';
    btn(reveal ? 'Mask other values' : 'Reveal other values', () => { reveal = !reveal; showDetail(); });
    box.append(bar);
    if (x.cx) {
      const pb = el('div', 'actions');
      const g = groundSelect('passage-ground', '5.2');
      const b = el('button', null, 'Redact the marked passage');
      b.type = 'button'; b.id = 'passage';
      b.addEventListener('click', () => passage(i, g.value));
      pb.append(el('span', 'hint', 'Mark text in the context, then'), g, b);
      box.append(pb);
    }
    box.append(t);
  }
  // The unit byte offset of a point (node, offset) in the snippet.
  function offsetOf(node, off) {
    const span = node.nodeType === 1 ? node : node.parentElement;
    if (!span || span.dataset.off === undefined) return null;
    const start = +span.dataset.off;
    if (span.dataset.real !== undefined) return off === 0 ? start : start + enc.encode(span.dataset.real).length;
    return start + enc.encode(span.textContent.slice(0, off)).length;
  }
  function passage(i, ground) {
    const s = window.getSelection();
    const sn = $('snippet');
    if (!s || s.rangeCount === 0 || s.isCollapsed || !sn.contains(s.anchorNode) || !sn.contains(s.focusNode)) { say('Mark part of the context first.'); return; }
    const r = s.getRangeAt(0);
    let a = offsetOf(r.startContainer, r.startOffset), b = offsetOf(r.endContainer, r.endOffset);
    if (a === null || b === null || b <= a) { say('Mark part of the context first.'); return; }
    const cx = detailOf(i).cx;
    const bytes = enc.encode(cx.before + F.t[i] + cx.after);
    const text = dec.decode(bytes.subarray(a - cx.start, b - cx.start));
    const who = reviewer();
    if (!who) return;
    const d = docs[F.d[i]];
    decide({ kind: 'passage', sha256: d.sha256, unit: detailOf(i).unit, start: a, end: b, text: text, action: 'redact', ground: ground, reviewer: who, time: now() });
    s.removeAllRanges();
    say('Passage marked for redaction (' + ground + ').');
  }

  function groundSelect(id, preferred) {
    const g = el('select');
    g.id = id;
    for (const c of I.choices) { const o = el('option', null, c); o.value = c; g.append(o); }
    if (I.choices.includes(preferred)) g.value = preferred;
    return g;
  }

  function showDecisions() {
    const ol = $('decisions');
    ol.textContent = '';
    decisions.forEach((d, k) => {
      const li = el('li');
      const what = d.kind === 'finding' ? 'finding ' + d.finding + (d.text ? ' "' + d.text + '"' : '')
        : d.kind === 'value' ? 'every "' + d.value + '"' : 'passage "' + d.text + '"';
      li.append(d.action + (d.ground ? ' [' + d.ground + ']' : '') + ': ' + what + ' — ' + d.reviewer + ', ' + d.time + (d.note ? ' (' + d.note + ') ' : ' '));
      const b = el('button', null, 'undo');
      b.type = 'button';
      b.addEventListener('click', () => { decisions.splice(k, 1); changed(); });
      li.append(b);
      ol.append(li);
    });
    $('decided').textContent = decisions.length + (decisions.length === 1 ? ' decision' : ' decisions') + (dirty ? ' (not saved)' : '');
  }
  function say(s) { $('state').textContent = s; }

  // ---- the fixed parts ----
  function setup() {
    const c = I.meta.counts;
    $('summary').textContent = I.meta.command + ', mode ' + I.meta.mode + ', lak ' + I.meta.lak_version + ': ' + c.documents + ' documents, '
      + c.needs_manual + ' need manual handling; ' + c.findings_redacted + ' findings redacted, ' + c.findings_kept + ' kept.';
    const manual = docs.map((d, di) => [d, di]).filter(([d]) => d.status === 'needs_manual');
    if (manual.length) {
      $('manual').hidden = false;
      for (const [d] of manual.slice(0, 500)) {
        const li = el('li');
        li.append(el('strong', null, (d.id ? d.id + ' ' : '') + (d.name || d.path)), ' ', el('span', 'code', d.reason ? d.reason.code : ''), ' ' + (d.reason ? d.reason.reason : ''));
        if (d.reason) li.append(el('div', 'hint', 'What you can do: ' + d.reason.help));
        $('manual-list').append(li);
      }
      if (manual.length > 500) $('manual-list').append(el('li', null, (manual.length - 500) + ' more: filter by status "needs_manual".'));
    }
    if (Array.isArray(I.stale) && I.stale.length) {
      $('stale').hidden = false;
      for (const s of I.stale) $('stale-list').append(el('li', null, JSON.stringify(s.decision) + ' — ' + s.why));
    }
    if (I.names.length) {
      $('names').hidden = false;
      for (const n of I.names) $('names-list').append(el('li', null, 'folder "' + n.name + '" → "' + n.redacted + '": ' + n.text + ' (' + n.rule + ', ' + n.ground + ', ' + (n.keep === null ? 'redact' : 'keep: ' + n.keep) + ')'));
    }
    const opt = (s, v, t) => { const o = el('option', null, t); o.value = v; $(s).append(o); };
    docs.forEach((d, di) => { if (d.n) opt('f-doc', di, d.id + ' ' + d.name + ' (' + d.n + ')'); });
    [...new Set(docs.map((d) => d.status))].sort().forEach((s) => opt('f-status', s, s));
    I.categories.map((c, k) => [c, k]).sort().forEach(([c, k]) => opt('f-category', k, c));
    I.rules.map((r, k) => [r, k]).sort().forEach(([r, k]) => opt('f-rule', k, r));
    const tg = groundSelect('term-ground', '5.1.2e');
    $('term-ground').replaceWith(tg);
    for (const id of ['f-doc', 'f-status', 'f-category', 'f-rule', 'f-conf', 'f-action']) $(id).addEventListener('change', () => filter(false));
    $('search').addEventListener('input', () => filter(false));
    $('term-add').addEventListener('click', addTerm);
    $('term').addEventListener('keydown', (e) => { if (e.key === 'Enter') addTerm(); });
    $('export').addEventListener('click', doExport);
    $('save').addEventListener('click', save);
    $('save').hidden = !served;
    try { $('reviewer').value = localStorage.getItem('lak-reviewer') || ''; } catch (e) { /* storage off */ }
    $('reviewer').addEventListener('change', () => remember($('reviewer').value.trim()));
    $('load').addEventListener('change', () => {
      const f = $('load').files[0];
      if (f) f.text().then((s) => load(s, f.name));
    });
    document.addEventListener('keydown', (e) => {
      const tag = e.target.tagName;
      if (e.key === 'Escape') { e.target.blur(); list.focus(); return; }
      if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || e.ctrlKey || e.metaKey || e.altKey) return;
      const i = sel >= 0 && sel < shown.length ? shown[sel] : -1;
      switch (e.key) {
        case 'j': select(sel + 1); break;
        case 'k': select(sel - 1); break;
        case 'n': nextDoc(1); break;
        case 'p': nextDoc(-1); break;
        case 'x': if (i >= 0) flip(i); break;
        case 'a': if (i >= 0) everywhere(i); break;
        case '/': $('search').focus(); break;
        default: return;
      }
      e.preventDefault();
    });
    window.addEventListener('beforeunload', (e) => { if (dirty && decisions.length) e.preventDefault(); });
  }

  setup();
  filter(false);
  showDecisions();
  if (served) {
    fetch('decisions').then((r) => (r.ok ? r.text() : null)).then((s) => { if (s) load(s, 'the review folder'); }).catch(() => {});
  }
  document.documentElement.dataset.ready = '1';
})();
