// iransearch's page: one file, no build step, no library. The state lives in the URL
// (the same parameters as GET /api/search, plus article=PATH), so a search can be
// bookmarked and shared; the page is drawn from it on load and on back/forward.
'use strict';

const FACETS = [
  {name: 'country', title: 'Countries', join: 'all'},   // several: articles naming all
  {name: 'official', title: 'Officials', join: 'all'},
  {name: 'source', title: 'Sources', join: 'any'},      // several: from any of them
  {name: 'lang', title: 'Languages', join: 'any'},
];
const PAGE = 10;
const FACET_SHOWN = 8;
const RTL = new Set(['ar', 'fa']);

const $ = (id) => document.getElementById(id);
const labels = new Map();  // "country:QA" → "Qatar", learnt from facets and suggestions

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

// ---- state <-> URL ---------------------------------------------------------------

function readState() {
  const p = new URLSearchParams(location.search);
  const split = (name) => p.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const s = {
    q: p.get('q') || '', from: p.get('from') || '', to: p.get('to') || '', sort: p.get('sort') || '',
    offset: Math.max(0, parseInt(p.get('offset') || '0', 10) || 0), article: p.get('article') || '',
    any: p.get('any') === '1', like: p.get('like') || '',
  };
  for (const f of FACETS) s[f.name] = f.join === 'all' ? p.getAll(f.name).filter(Boolean) : split(f.name);
  return s;
}

// The API's parameters for a state: "all" facets repeat, "any" facets join with commas.
function searchParams(s) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const f of FACETS) {
    if (!s[f.name].length) continue;
    if (f.join === 'all') s[f.name].forEach((v) => p.append(f.name, v));
    else p.set(f.name, s[f.name].join(','));
  }
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.sort) p.set('sort', s.sort);
  if (s.any) p.set('any', '1');
  if (s.like) p.set('like', s.like);
  if (s.offset) p.set('offset', String(s.offset));
  return p;
}

function urlFor(s) {
  const p = searchParams(s);
  if (s.article) p.set('article', s.article);
  const qs = p.toString();
  return qs ? '?' + qs : location.pathname;
}

function go(s, {replace = false} = {}) {
  const url = urlFor(s);
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  render();
}

function change(update) {
  const s = readState();
  update(s);
  go(s);
}

// ---- fetching --------------------------------------------------------------------

let generation = 0;  // a newer render makes older answers stale

async function api(path, params) {
  const r = await fetch('api/' + path + '?' + params.toString(), {headers: {Accept: 'application/json'}});
  let body = null;
  try { body = await r.json(); } catch (e) { body = null; }
  if (!r.ok) {
    const message = body && body.error ? body.error : 'the server answered ' + r.status;
    const err = new Error(message);
    err.status = r.status;
    throw err;
  }
  return body;
}

function showStatus(message, kind = '') {
  const st = $('status');
  st.textContent = message;
  st.className = kind;
}

// ---- rendering -------------------------------------------------------------------

async function render() {
  const s = readState();
  const mine = ++generation;
  $('q').value = s.q;
  $('from').value = s.from;
  $('to').value = s.to;
  $('sort').value = ['relevance', 'newest', 'oldest'].includes(s.sort) ? s.sort : s.sort === 'date' ? 'newest' : '';
  $('any').checked = s.any;
  document.title = s.q ? s.q + ' — iransearch' : 'iransearch';
  renderChips(s);
  if (s.article) {
    $('results').hidden = true;
    $('article').hidden = false;
    await renderArticle(s, mine);
    return;
  }
  $('article').hidden = true;
  $('results').hidden = false;
  showStatus('Searching…', 'busy');
  const p = searchParams(s);
  p.set('limit', String(PAGE));
  p.set('facets', '1');
  p.set('histogram', 'month');
  let result;
  try {
    result = await api('search', p);
  } catch (e) {
    if (mine !== generation) return;
    clearResults();
    showStatus(e.status === 503 ? 'No index yet: run `iranidx build`, then search again. (' + e.message + ')'
                                : e.message, 'error');
    return;
  }
  if (mine !== generation) return;
  for (const f of FACETS)
    for (const v of (result.facets[f.name] || [])) labels.set(f.name + ':' + v.value, v.label);
  renderChips(s);
  renderResults(s, result);
}

function clearResults() {
  $('notes').replaceChildren();
  $('hits').replaceChildren();
  $('pages').replaceChildren();
  $('facets').replaceChildren();
  $('toolbar').hidden = true;
  $('histogram').hidden = true;
}

const LANG_NAMES = {en: 'English', ar: 'Arabic', fa: 'Persian'};

function labelOf(field, value) {
  return labels.get(field + ':' + value) || labels.get(field + ':' + value.toUpperCase()) ||
      (field === 'lang' && LANG_NAMES[value.toLowerCase()]) || value;
}

function renderChips(s) {
  const chips = [];
  for (const f of FACETS) {
    for (const v of s[f.name]) {
      const text = f.title.replace(/s$/, '').replace(/ie$/, 'y') + ': ' + labelOf(f.name, v);
      chips.push(el('button', {
        class: 'chip', type: 'button', 'aria-label': 'Remove ' + text, title: 'Remove this filter',
        onclick: () => change((st) => { st[f.name] = st[f.name].filter((x) => x !== v); st.offset = 0; st.article = ''; }),
      }, el('span', {dir: 'auto', text}), el('span', {class: 'x', 'aria-hidden': 'true', text: '×'})));
    }
  }
  if (s.like) {
    const text = 'Like: ' + (labels.get('article:' + s.like) || s.like);
    chips.push(el('button', {
      class: 'chip', type: 'button', 'aria-label': 'Remove ' + text,
      onclick: () => change((st) => { st.like = ''; st.offset = 0; st.article = ''; }),
    }, el('span', {dir: 'auto', text}), el('span', {class: 'x', 'aria-hidden': 'true', text: '×'})));
  }
  if (s.from || s.to) {
    const text = 'Dates: ' + (s.from || '…') + ' – ' + (s.to || '…');
    chips.push(el('button', {
      class: 'chip', type: 'button', 'aria-label': 'Remove ' + text,
      onclick: () => change((st) => { st.from = ''; st.to = ''; st.offset = 0; st.article = ''; }),
    }, el('span', {text}), el('span', {class: 'x', 'aria-hidden': 'true', text: '×'})));
  }
  if (chips.length > 1) {
    chips.push(el('button', {
      class: 'chip clear', type: 'button',
      onclick: () => change((st) => { for (const f of FACETS) st[f.name] = []; st.from = ''; st.to = ''; st.like = ''; st.offset = 0; st.article = ''; }),
    }, 'Clear all'));
  }
  $('chips').replaceChildren(...chips);
}

function renderResults(s, r) {
  const n = r.total;
  const first = n ? r.offset + 1 : 0;
  const last = r.offset + r.hits.length;
  showStatus(n ? '' : 'No article matches. Remove a filter or try other words.', n ? '' : 'empty');
  const notes = [];
  if (r.matched === 'any' && !s.any && n)
    notes.push(el('span', {text: 'No article has all the words: these have some of them.'}));
  if (r.suggestion) {
    notes.push(el('span', {}, 'Did you mean ', el('a', {
      href: urlFor({...s, q: r.suggestion, offset: 0}), dir: 'auto', class: 'suggested',
      onclick: (e) => { e.preventDefault(); change((st) => { st.q = r.suggestion; st.offset = 0; }); },
    }, r.suggestion), '?'));
  }
  $('notes').replaceChildren(...notes);
  if (r.copies_hidden) $('notes').append(el('span', {class: 'muted', text: `${r.copies_hidden} syndicated cop${r.copies_hidden === 1 ? 'y' : 'ies'} shown once, under “also in”.`}));
  $('toolbar').hidden = false;
  $('summary').textContent = n
      ? `${n.toLocaleString('en')} article${n === 1 ? '' : 's'}` + (n > r.hits.length ? ` · ${first}–${last}` : '')
      : 'No articles';
  renderFacets(s, r.facets);
  renderHistogram(s, r.histogram);
  $('hits').replaceChildren(...r.hits.map((h) => renderHit(s, h)));
  $('hits').setAttribute('start', String(first || 1));
  renderPages(s, r);
  // For the browser test and scripts/bench-serve: when the first results were drawn.
  if (!performance.getEntriesByName('iran-first-results').length) performance.mark('iran-first-results');
}

function renderFacets(s, facets) {
  const sections = [];
  for (const f of FACETS) {
    const values = facets[f.name] || [];
    const chosen = new Set(s[f.name].map((v) => v.toLowerCase()));
    if (!values.length && !chosen.size) continue;
    const list = el('ul', {class: 'facet-values'});
    values.forEach((v, i) => {
      const on = chosen.has(v.value.toLowerCase());
      const item = el('li', {class: i >= FACET_SHOWN && !on ? 'extra' : ''},
        el('button', {
          type: 'button', class: 'facet' + (on ? ' on' : ''), 'aria-pressed': on ? 'true' : 'false',
          'data-field': f.name, 'data-value': v.value,
          onclick: () => change((st) => {
            const has = st[f.name].some((x) => x.toLowerCase() === v.value.toLowerCase());
            st[f.name] = has ? st[f.name].filter((x) => x.toLowerCase() !== v.value.toLowerCase())
                             : [...st[f.name], v.value];
            st.offset = 0;
          }),
        }, el('span', {class: 'label', dir: 'auto', text: v.label}),
           el('span', {class: 'count', text: v.count.toLocaleString('en')})));
      list.append(item);
    });
    const section = el('section', {class: 'facet-group'}, el('h2', {text: f.title}), list);
    if (values.length > FACET_SHOWN) {
      const more = el('button', {type: 'button', class: 'more', 'aria-expanded': 'false', text: `Show all ${values.length}`});
      more.addEventListener('click', () => {
        const open = list.classList.toggle('open');
        more.setAttribute('aria-expanded', open ? 'true' : 'false');
        more.textContent = open ? 'Show fewer' : `Show all ${values.length}`;
      });
      section.append(more);
    }
    sections.push(section);
  }
  $('facets').replaceChildren(...sections);
}

// ---- the date histogram ------------------------------------------------------------

function renderHistogram(s, h) {
  const fig = $('histogram');
  if (!h || !h.buckets || h.buckets.length < 2) { fig.hidden = true; return; }
  let buckets = h.buckets;
  let unit = 'month';
  if (buckets.length > 120) {  // years read better than hundreds of thin bars
    const years = new Map();
    for (const b of buckets) {
      const y = b.period.slice(0, 4);
      years.set(y, (years.get(y) || 0) + b.count);
    }
    buckets = [...years].map(([period, count]) => ({period, count}));
    unit = 'year';
  }
  fig.hidden = false;
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const bars = $('bars');
  const inRange = (p) => (!s.from || p >= s.from.slice(0, p.length)) && (!s.to || p <= s.to.slice(0, p.length));
  const ranged = !!(s.from || s.to);
  let anchor = -1;   // where a drag or a Shift+arrow selection started
  let cursor = -1;
  const nodes = buckets.map((b, i) => {
    const bar = el('button', {
      type: 'button', class: 'bar' + (ranged && inRange(b.period) ? ' in' : ''), tabindex: '-1',
      'aria-label': `${b.period}: ${b.count} article${b.count === 1 ? '' : 's'}`, title: `${b.period}: ${b.count}`,
      'data-index': String(i),
    }, el('span', {class: 'fill'}));
    bar.firstChild.style.height = (b.count ? Math.max(3, Math.round(100 * b.count / max)) : 0) + '%';
    return bar;
  });
  bars.replaceChildren(...nodes);
  (nodes.find((n) => n.classList.contains('in')) || nodes[nodes.length - 1]).tabIndex = 0;

  const mark = (a, b) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    nodes.forEach((n, i) => n.classList.toggle('brush', i >= lo && i <= hi));
  };
  const choose = (a, b) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    // yyyy-mm and yyyy mean their whole span to the API.
    change((st) => { st.from = buckets[lo].period; st.to = buckets[hi].period; st.offset = 0; });
  };
  bars.onpointerdown = (e) => {
    const bar = e.target.closest('.bar');
    if (!bar) return;
    e.preventDefault();
    anchor = cursor = Number(bar.dataset.index);
    mark(anchor, cursor);
    bars.setPointerCapture && bars.setPointerCapture(e.pointerId);
  };
  bars.onpointermove = (e) => {
    if (anchor < 0) return;
    const hit = document.elementFromPoint(e.clientX, bars.getBoundingClientRect().top + bars.clientHeight / 2);
    const bar = hit && hit.closest && hit.closest('.bar');
    if (bar) { cursor = Number(bar.dataset.index); mark(anchor, cursor); }
  };
  bars.onpointerup = () => {
    if (anchor < 0) return;
    const a = anchor;
    anchor = -1;
    choose(a, cursor);
  };
  bars.onpointercancel = () => { anchor = -1; mark(1, 0); };
  bars.onclick = null;
  let keyAnchor = -1;
  bars.onkeydown = (e) => {
    const bar = e.target.closest('.bar');
    if (!bar) return;
    const i = Number(bar.dataset.index);
    let j = i;
    if (e.key === 'ArrowRight') j = Math.min(nodes.length - 1, i + 1);
    else if (e.key === 'ArrowLeft') j = Math.max(0, i - 1);
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = nodes.length - 1;
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      choose(keyAnchor >= 0 ? keyAnchor : i, i);
      return;
    } else if (e.key === 'Escape') { keyAnchor = -1; mark(1, 0); return; } else return;
    e.preventDefault();
    if (e.shiftKey) { if (keyAnchor < 0) keyAnchor = i; mark(keyAnchor, j); } else { keyAnchor = -1; mark(1, 0); }
    nodes[i].tabIndex = -1;
    nodes[j].tabIndex = 0;
    nodes[j].focus();
  };
  const apart = [];
  if (unit === 'month' && h.month_unknown) apart.push(`${h.month_unknown} dated by year only`);
  if (h.undated) apart.push(`${h.undated} undated`);
  $('histogram-caption').textContent = `Articles per ${unit}` + (apart.length ? ` (${apart.join(', ')})` : '');
  $('axis').replaceChildren(el('span', {text: buckets[0].period}), el('span', {text: buckets[buckets.length - 1].period}));
}

// ---- hits --------------------------------------------------------------------------

// Marks every occurrence of the highlighted words in text (the API gives the plain
// snippet and the words it highlighted), at word boundaries, in any script.
function highlighted(text, words) {
  const frag = document.createDocumentFragment();
  const uniq = [...new Set((words || []).filter((w) => w && w.trim()))].sort((a, b) => b.length - a.length);
  if (!uniq.length) { frag.append(text); return frag; }
  const escaped = uniq.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  let re;
  try {
    re = new RegExp('(?<![\\p{L}\\p{N}])(' + escaped.join('|') + ')(?![\\p{L}\\p{N}])', 'gu');
  } catch (e) {
    frag.append(text);
    return frag;
  }
  let at = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > at) frag.append(text.slice(at, m.index));
    frag.append(el('mark', {text: m[0]}));
    at = m.index + m[0].length;
  }
  if (at < text.length) frag.append(text.slice(at));
  return frag;
}

function langAttrs(lang) {
  if (RTL.has(lang)) return {dir: 'rtl', lang};
  if (lang) return {dir: 'ltr', lang};
  return {dir: 'auto'};
}

function entityButtons(field, ids, names, lang) {
  return ids.map((id, i) => el('button', {
    type: 'button', class: 'entity ' + field, dir: 'auto', title: `Only articles naming ${names[i] || id}`,
    onclick: () => change((st) => {
      if (!st[field].some((x) => x.toLowerCase() === id.toLowerCase())) st[field] = [...st[field], id];
      st.offset = 0; st.article = '';
    }),
  }, names[i] || id));
}

function renderHit(s, h) {
  const attrs = langAttrs(h.lang);
  const open = {...s, article: h.path};
  const title = el('a', {href: urlFor(open), class: 'title', onclick: (e) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button === 1) return;
    e.preventDefault();
    go(open);
  }}, h.title || h.path);
  if (h.source) labels.set('source:' + h.source, h.source_name || h.source);
  const meta = el('p', {class: 'meta', dir: 'ltr'},
    el('span', {class: 'date', text: h.date || 'undated'}), ' · ',
    el('span', {class: 'source', text: h.source_name || h.source || 'unknown source'}), ' · ',
    el('span', {class: 'lang', text: LANG_NAMES[h.lang] || h.lang || '?'}));
  const entities = el('p', {class: 'entities'},
    ...entityButtons('country', h.countries.slice(0, 8), h.country_names.slice(0, 8)),
    ...entityButtons('official', h.officials.slice(0, 6), h.official_names.slice(0, 6)));
  const snippet = el('p', {class: 'snippet'}, highlighted(h.snippet, h.highlights));
  labels.set('article:' + h.path, h.title || h.path);
  const more = el('p', {class: 'more-row', dir: 'ltr'},
    el('button', {type: 'button', class: 'link', title: 'Articles like this one', onclick: () => change((st) => {
      st.like = h.path; st.q = ''; st.offset = 0; st.article = '';
    })}, 'More like this'));
  if (h.also_in && h.also_in.length) {
    more.append(' · also in: ');
    h.also_in.forEach((copy, i) => {
      if (i) more.append(', ');
      more.append(el('a', {href: urlFor({...s, article: copy.path}), onclick: (e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey) return;
        e.preventDefault();
        go({...s, article: copy.path});
      }}, labels.get('source:' + copy.source) || copy.source || copy.path));
    });
  }
  return el('li', {class: 'hit', ...attrs}, el('h3', {}, title), meta, entities, snippet, more);
}

function renderPages(s, r) {
  const pages = Math.ceil(r.total / PAGE);
  const current = Math.floor(r.offset / PAGE);
  if (pages <= 1) { $('pages').replaceChildren(); return; }
  const link = (page, text, label) => {
    const st = {...s, offset: page * PAGE};
    if (page === current) return el('span', {class: 'page current', 'aria-current': 'page', text});
    return el('a', {class: 'page', href: urlFor(st), 'aria-label': label || `Page ${page + 1}`, onclick: (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey) return;
      e.preventDefault();
      go(st);
      $('results').focus();
      window.scrollTo(0, 0);
    }}, text);
  };
  const items = [];
  if (current > 0) items.push(link(current - 1, '‹ Previous', 'Previous page'));
  const shown = new Set([0, pages - 1]);
  for (let p = current - 2; p <= current + 2; p++) if (p >= 0 && p < pages) shown.add(p);
  let prev = -1;
  for (const p of [...shown].sort((a, b) => a - b)) {
    if (p - prev > 1) items.push(el('span', {class: 'gap', text: '…'}));
    items.push(link(p, String(p + 1)));
    prev = p;
  }
  if (current < pages - 1) items.push(link(current + 1, 'Next ›', 'Next page'));
  $('pages').replaceChildren(...items);
}

// ---- the article view --------------------------------------------------------------

async function renderArticle(s, mine) {
  const p = new URLSearchParams({path: s.article});
  if (s.q) p.set('q', s.q);
  $('article-title').textContent = 'Loading…';
  $('article-meta').replaceChildren();
  $('article-entities').replaceChildren();
  $('article-text').replaceChildren();
  let a;
  try {
    a = await api('article', p);
  } catch (e) {
    if (mine !== generation) return;
    $('article-title').textContent = e.message;
    return;
  }
  if (mine !== generation) return;
  const box = $('article');
  const attrs = langAttrs(a.lang);
  for (const part of ['article-title', 'article-text']) {
    $(part).setAttribute('dir', attrs.dir);
    if (attrs.lang) $(part).setAttribute('lang', attrs.lang); else $(part).removeAttribute('lang');
  }
  box.classList.toggle('rtl', attrs.dir === 'rtl');
  $('article-title').textContent = a.title || a.path;
  document.title = (a.title || a.path) + ' — iransearch';
  const meta = [a.date || 'undated', a.source_name || a.source || 'unknown source',
    LANG_NAMES[a.lang] || a.lang, a.path];
  $('article-meta').replaceChildren(meta.filter(Boolean).join(' · '));
  if (a.url && /^https?:\/\//i.test(a.url))
    $('article-meta').append(' · ', el('a', {href: a.url, rel: 'noopener noreferrer', target: '_blank', text: 'original'}));
  if (a.highlights) $('article-meta').append(' · ', el('span', {class: 'muted', text: `${a.highlights} highlighted`}));
  $('article-entities').replaceChildren(
    ...entityButtons('country', a.countries, a.country_names),
    ...entityButtons('official', a.officials, a.official_names));
  $('article-text').replaceChildren(...a.segments.map((seg) => seg.highlight ? el('mark', {text: seg.text}) : seg.text));
  box.focus();
  const firstMark = box.querySelector('mark');
  if (firstMark) firstMark.scrollIntoView({block: 'center'});
  else window.scrollTo(0, 0);
}

// ---- names as you type -------------------------------------------------------------

const suggest = {items: [], active: -1, timer: 0, asked: 0};

function currentWord() {
  const input = $('q');
  const upto = input.value.slice(0, input.selectionStart ?? input.value.length);
  const m = upto.match(/([^\s"()]+)$/u);
  return m ? m[1] : '';
}

function closeSuggestions() {
  suggest.items = [];
  suggest.active = -1;
  $('suggestions').hidden = true;
  $('suggestions').replaceChildren();
  $('q').setAttribute('aria-expanded', 'false');
  $('q').removeAttribute('aria-activedescendant');
}

function drawSuggestions() {
  const list = $('suggestions');
  list.replaceChildren(...suggest.items.map((sg, i) => el('li', {
    id: 'sg-' + i, role: 'option', class: 'suggestion' + (i === suggest.active ? ' active' : ''),
    'aria-selected': i === suggest.active ? 'true' : 'false',
    onmousedown: (e) => { e.preventDefault(); pickSuggestion(i); },
  }, el('span', {class: 'name', dir: 'auto', text: sg.name}),
     sg.name !== sg.label ? el('span', {class: 'label', dir: 'auto', text: sg.label}) : null,
     el('span', {class: 'kind', text: sg.field + (sg.count ? ' · ' + sg.count : '')}))));
  list.hidden = !suggest.items.length;
  $('q').setAttribute('aria-expanded', suggest.items.length ? 'true' : 'false');
  if (suggest.active >= 0) $('q').setAttribute('aria-activedescendant', 'sg-' + suggest.active);
  else $('q').removeAttribute('aria-activedescendant');
}

async function askSuggestions() {
  const word = currentWord();
  if (word.length < 2 || /^[a-z]+:/i.test(word)) { closeSuggestions(); return; }
  const mine = ++suggest.asked;
  let r;
  try {
    r = await api('suggest', new URLSearchParams({q: word, limit: '8'}));
  } catch (e) {
    closeSuggestions();
    return;
  }
  if (mine !== suggest.asked) return;
  suggest.items = r.suggestions;
  suggest.active = -1;
  for (const sg of r.suggestions) labels.set(sg.field + ':' + sg.id, sg.label);
  drawSuggestions();
}

// A picked name becomes a filter chip, and the word typed for it leaves the query.
function pickSuggestion(i) {
  const sg = suggest.items[i];
  if (!sg) return;
  const input = $('q');
  const word = currentWord();
  const end = input.selectionStart ?? input.value.length;
  const q = (input.value.slice(0, end - word.length) + input.value.slice(end)).replace(/\s+/g, ' ').trim();
  closeSuggestions();
  change((st) => {
    st.q = q;
    if (!st[sg.field].some((x) => x.toLowerCase() === sg.id.toLowerCase())) st[sg.field] = [...st[sg.field], sg.id];
    st.offset = 0;
    st.article = '';
  });
  input.focus();
}

// ---- saved searches ----------------------------------------------------------------

async function renderSaved() {
  let r;
  try {
    r = await api('saved', new URLSearchParams());
  } catch (e) {
    $('saved').replaceChildren(el('li', {class: 'muted', text: 'Unavailable: ' + e.message}));
    return;
  }
  if (!r.saved || !r.saved.length) {
    $('saved').replaceChildren(el('li', {class: 'muted', text: r.note || 'None yet (iransearch --save NAME QUERY)'}));
    return;
  }
  $('saved').replaceChildren(...r.saved.map((sv) => {
    const p = sv.params || {};
    const st = {q: sv.query || '', from: p.from || '', to: p.to || '', sort: p.sort || '', any: !!p.any,
                like: p.like || '', offset: 0, article: ''};
    for (const f of FACETS) st[f.name] = (p[f.name] || []).flatMap((v) => f.join === 'all' ? [v] : v.split(','));
    return el('li', {}, el('a', {href: urlFor(st), dir: 'auto', title: sv.query || '', onclick: (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey) return;
      e.preventDefault();
      go(st);
    }}, sv.name));
  }));
}

// ---- wiring ------------------------------------------------------------------------

function init() {
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (suggest.active >= 0) { pickSuggestion(suggest.active); return; }
    closeSuggestions();
    change((st) => { st.q = $('q').value.trim(); st.offset = 0; st.article = ''; });
  });
  $('date-form').addEventListener('submit', (e) => {
    e.preventDefault();
    change((st) => { st.from = $('from').value.trim(); st.to = $('to').value.trim(); st.offset = 0; st.article = ''; });
  });
  $('sort').addEventListener('change', () => change((st) => { st.sort = $('sort').value; st.offset = 0; }));
  $('any').addEventListener('change', () => change((st) => { st.any = $('any').checked; st.offset = 0; }));
  $('back').addEventListener('click', (e) => {
    e.preventDefault();
    change((st) => { st.article = ''; });
  });
  const input = $('q');
  input.addEventListener('input', () => {
    clearTimeout(suggest.timer);
    suggest.timer = setTimeout(askSuggestions, 120);
  });
  input.addEventListener('keydown', (e) => {
    if (!suggest.items.length) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = suggest.items.length;
      suggest.active = e.key === 'ArrowDown' ? (suggest.active + 1) % n : (suggest.active - 1 + n) % n;
      drawSuggestions();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      closeSuggestions();
    } else if (e.key === 'Tab' && suggest.active >= 0) {
      e.preventDefault();
      pickSuggestion(suggest.active);
    }
  });
  input.addEventListener('blur', () => setTimeout(closeSuggestions, 150));
  document.addEventListener('keydown', (e) => {
    const typing = e.target.closest && e.target.closest('input, select, textarea');
    if (e.key === '/' && !typing) { e.preventDefault(); input.focus(); input.select(); }
    else if (e.key === 'Escape' && !typing && readState().article) change((st) => { st.article = ''; });
  });
  window.addEventListener('popstate', render);
  render();
  renderSaved();
}

document.addEventListener('DOMContentLoaded', init);
