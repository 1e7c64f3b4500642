/* dossier search: the header's search box becomes a combobox listing
   matching articles, actors and events as you type; search.html?q= shows
   every result. Nothing is sent anywhere: the index is static files built
   with the site, split so that a query fetches only what it needs.

   search/index.json names the other files: search/terms-KEY.json holds the
   postings of every term starting with KEY (its first two characters), and
   search/docs-K.json what results show. Query words are made into terms
   as the index's were (src/render/search.rs): a word in ASCII with
   elasticlunr.js's own tokenizer, trimmer, stop words and stemmer; any
   other word (Cyrillic, Greek, accented Latin) split into runs of letters
   and digits, in NFC and lower case, with ё as е; Chinese and Japanese two
   characters at a time, as text.rs's cjk_terms cuts them. They are ranked as
   elasticlunr ranks them: the weight the build stored (field boosts and
   lengths), times the inverse document frequency, times a penalty when the
   query word is only the start of a term, times the share of query words
   the document matched. A word outside ASCII also finds a term that differs
   from it only in its ending, so an inflected form ("Трампа",
   "Зеленського") finds the name, stemmed or not.

   The words this script writes come in index.json, in the site's language,
   with their plural forms chosen by Intl.PluralRules.

   Without JavaScript (or when the index cannot be fetched, e.g. from
   file://) the box is a plain form that opens search.html, which lists
   every page. Results are written with textContent, never as HTML: titles
   come from articles on the web. */
(function () {
  'use strict';

  var script = document.currentScript;
  var input = document.getElementById('site-search-q');
  var lunr = window.elasticlunr;
  if (!script || !input || !input.form || typeof lunr !== 'function') return;
  var form = input.form;
  var root = new URL('../', script.src); // this file is assets/search.js
  var KINDS = [['article', 'articles'], ['actor', 'actors'], ['event', 'events']];
  /* The script's words (index.json's `strings`), English until it loads. */
  var S = {
    articles: 'Articles', actors: 'Actors', events: 'Events', results: 'Search results',
    all_results: 'All results for “{query}”', no_match: 'No match in titles, text, actors or events',
    shown: { one: '{n} result shown; use the arrow keys to choose, Enter to open.', other: '{n} results shown; use the arrow keys to choose, Enter to open.' },
    none: 'No results.', type_something: 'Type a name, a place or a phrase in the search box above, or browse everything below.',
    results_for: { one: '{n} result for “{query}”.', other: '{n} results for “{query}”.' }
  };
  var plural = null;
  function say(key, args) {
    var text = S[key];
    args = args || {};
    if (text && typeof text === 'object') {
      var form = plural && args.n !== undefined ? plural.select(args.n) : (args.n === 1 ? 'one' : 'other');
      text = text[form] || text.other || '';
    }
    return String(text || '').replace(/\{(\w+)\}/g, function (all, name) { return args[name] !== undefined ? String(args[name]) : all; });
  }
  var PER_KIND = 4; // short enough to need no scrolling box (which the keyboard could not reach)
  var MAX_WORDS = 20;

  function fetchJson(path) {
    return fetch(new URL(path, root).href).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    });
  }

  /* Fetch each file once; a failed fetch may be tried again. */
  var cache = Object.create(null);
  function file(path) {
    if (!cache[path]) {
      cache[path] = fetchJson(path);
      cache[path].catch(function () { delete cache[path]; });
    }
    return cache[path];
  }

  function load() {
    return file('search/index.json').then(function (m) {
      if (!m.shardSet) {
        if (m.strings) Object.keys(m.strings).forEach(function (k) { S[k] = m.strings[k]; });
        try { plural = new Intl.PluralRules(m.lang || 'en'); } catch (e) { plural = null; }
        list.setAttribute('aria-label', say('results'));
        m.shardSet = Object.create(null);
        m.shards.forEach(function (k) { m.shardSet[k] = true; });
      }
      return m;
    });
  }

  /* The query's distinct terms, made as the index's were. */
  var ASCII = /^[\x00-\x7f]*$/;
  var CJK = /[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]/;
  var HIRAGANA = /[\u3040-\u309f]/;
  /* A run with Chinese characters or kana: each two of them in a row but
     two hiragana (endings, particles), and the other letters as stretches. */
  function cjkTerms(run, each) {
    var other = '', prev = null;
    Array.from(run).forEach(function (c) {
      if (!CJK.test(c)) { other += c; prev = null; return; }
      if (other) { each(other); other = ''; }
      if (prev !== null && !(HIRAGANA.test(prev) && HIRAGANA.test(c))) each(prev + c);
      prev = c;
    });
    if (other) each(other);
  }
  function terms(query) {
    var out = [];
    function add(t) { if (t && out.indexOf(t) < 0 && out.length < MAX_WORDS) out.push(t); }
    function english(t) {
      t = lunr.stopWordFilter(lunr.trimmer(t));
      if (t) add(lunr.stemmer(t));
    }
    function word(run) {
      if (ASCII.test(run)) english(run);
      else add(run.toLowerCase().replace(/ё/g, 'е'));
    }
    lunr.tokenizer(query).forEach(function (t) {
      if (ASCII.test(t)) return english(t);
      t.normalize('NFC').split(/[^\p{Alphabetic}\p{N}]+/u).forEach(function (run) {
        if (!run) return;
        if (CJK.test(run)) cjkTerms(run, word);
        else word(run);
      });
    });
    return out;
  }

  /* How well `term` answers the query word `w`: 1 for the word itself, less
     for a longer word it starts, and for a word outside ASCII, 0.5 for one
     that differs only in its ending (an inflected form: the last letter of
     a short word, two of a longer one, three from eight letters on:
     "Зеленського" finds "Зеленський"); 0 for no match. */
  function closeness(term, w) {
    if (term === w) return 1;
    if (term.lastIndexOf(w, 0) === 0) return 0.15 * (1 - (term.length - w.length) / term.length);
    if (ASCII.test(w)) return 0;
    var a = Array.from(w), b = Array.from(term);
    var stem = a.length - (a.length >= 8 ? 3 : a.length >= 5 ? 2 : 1);
    if (stem < 3 || b.length < stem || b.length > a.length + 2) return 0;
    for (var i = 0; i < stem; i++) if (a[i] !== b[i]) return 0;
    return 0.5;
  }

  /* The same key as the build's shard_key: the first two characters, any
     but a-z and 0-9 written as _ and six hex digits. */
  function shardKey(term) {
    var first = Array.from(term)[0] || '';
    if (CJK.test(first)) return '_cjk' + ('0' + (first.codePointAt(0) % 256).toString(16)).slice(-2);
    return Array.from(term).slice(0, 2).map(function (c) {
      return /^[a-z0-9]$/.test(c) ? c : '_' + ('000000' + c.codePointAt(0).toString(16)).slice(-6);
    }).join('');
  }

  function kindOf(m, n) {
    for (var i = 0; i < m.kinds.length; i++) {
      var k = m.kinds[i];
      if (n >= k[1] && n < k[1] + k[2]) return k[0];
    }
    return null;
  }

  function doc(m, n) {
    var k = Math.floor(n / m.docs_per_file);
    return file('search/docs-' + k + '.json').then(function (docs) {
      var d = docs[n - k * m.docs_per_file];
      return { kind: kindOf(m, n), title: d[0], url: d[1], meta: d[2], teaser: d[3] };
    });
  }

  /* Results grouped by kind, best first within each kind. */
  function search(m, query, perKind) {
    var groups = {};
    KINDS.forEach(function (k) { groups[k[0]] = []; });
    var words = query.trim().length < 2 ? [] : terms(query);
    var keys = words.map(shardKey);
    return Promise.all(keys.map(function (k) { return m.shardSet[k] ? file('search/terms-' + k + '.json') : null; })).then(function (tables) {
      var score = new Map(), matched = new Map(), last = new Map();
      words.forEach(function (w, i) {
        var table = tables[i];
        if (!table) return;
        Object.keys(table).forEach(function (term) {
          var penalty = closeness(term, w);
          if (!penalty) return;
          var list = table[term];
          var idf = 1 + Math.log(m.docs / (list.length / 2 + 1));
          for (var j = 0; j < list.length; j += 2) {
            var d = list[j];
            score.set(d, (score.get(d) || 0) + list[j + 1] / 1000 * idf * penalty);
            if (last.get(d) !== i) { last.set(d, i); matched.set(d, (matched.get(d) || 0) + 1); }
          }
        });
      });
      var hits = [];
      score.forEach(function (s, d) { hits.push([d, s * matched.get(d) / words.length]); });
      hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      var chosen = [];
      hits.forEach(function (h) {
        var kind = kindOf(m, h[0]);
        if (kind && groups[kind] && (!perKind || groups[kind].length < perKind)) {
          groups[kind].push(null);
          chosen.push([kind, groups[kind].length - 1, h[0]]);
        }
      });
      return Promise.all(chosen.map(function (c) { return doc(m, c[2]); })).then(function (docs) {
        docs.forEach(function (d, i) { groups[chosen[i][0]][chosen[i][1]] = d; });
        return groups;
      });
    });
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  }

  function count(groups) {
    return KINDS.reduce(function (n, k) { return n + groups[k[0]].length; }, 0);
  }

  function pageUrl(doc) { return new URL(doc.url, root).href; }
  function searchPageUrl(q) { return new URL('search.html?q=' + encodeURIComponent(q), root).href; }

  /* ---- The combobox in the header (ARIA 1.2 pattern with a grouped listbox). ---- */
  var popup = el('div', 'search-popup');
  var list = el('div', 'search-results');
  list.id = 'site-search-results';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Search results');
  var status = el('p', 'visually-hidden');
  status.setAttribute('role', 'status');
  popup.hidden = true;
  popup.appendChild(list);
  form.appendChild(popup);
  form.appendChild(status);
  form.classList.add('is-enhanced');
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);

  var options = [];
  var active = -1;

  function setActive(i) {
    if (active >= 0 && options[active]) options[active].removeAttribute('aria-selected');
    active = i;
    if (active >= 0 && options[active]) {
      options[active].setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', options[active].id);
      options[active].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function close() {
    popup.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
  }

  function option(id, href, title, meta, tag) {
    var li = el(tag || 'li', 'search-option');
    li.id = id;
    li.setAttribute('role', 'option');
    li.dataset.href = href;
    li.appendChild(el('span', 'search-option-title', title));
    if (meta) li.appendChild(el('span', 'search-option-meta', meta));
    return li;
  }

  function render(groups, query) {
    list.textContent = '';
    options = [];
    active = -1;
    input.removeAttribute('aria-activedescendant');
    var n = 0;
    KINDS.forEach(function (k) {
      var docs = groups[k[0]];
      if (!docs.length) return;
      var inner = el('ul', 'search-group');
      inner.setAttribute('role', 'group');
      var label = el('li', 'search-group-label', say(k[1]));
      label.setAttribute('role', 'presentation');
      label.id = 'site-search-g-' + k[0];
      inner.setAttribute('aria-labelledby', label.id);
      inner.appendChild(label);
      docs.forEach(function (doc) {
        var o = option('site-search-o' + n++, pageUrl(doc), doc.title, doc.meta);
        o.dataset.kind = doc.kind;
        inner.appendChild(o);
        options.push(o);
      });
      list.appendChild(inner);
    });
    var total = count(groups);
    var all = option('site-search-o' + n, searchPageUrl(query), total ? say('all_results', { query: query.trim() }) : say('no_match'), '', 'div');
    all.classList.add('search-all');
    if (!total) all.setAttribute('aria-disabled', 'true');
    else options.push(all);
    list.appendChild(all);
    popup.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    status.textContent = total ? say('shown', { n: total }) : say('none');
  }

  var pending = 0;
  function update() {
    var query = input.value;
    var ticket = ++pending;
    if (query.trim().length < 2) { close(); status.textContent = ''; return; }
    load().then(function (m) { return search(m, query, PER_KIND); }).then(function (groups) {
      if (ticket !== pending) return; // a newer keystroke won
      render(groups, query);
    }, function () { close(); });
  }

  function go(o) {
    if (o && o.getAttribute('aria-disabled') !== 'true') window.location.href = o.dataset.href;
  }

  input.addEventListener('focus', function () { load(); });
  input.addEventListener('input', update);
  input.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (popup.hidden) { update(); return; }
      if (!options.length) return;
      e.preventDefault();
      var step = e.key === 'ArrowDown' ? 1 : -1;
      setActive(active < 0 ? (step > 0 ? 0 : options.length - 1) : (active + step + options.length) % options.length);
    } else if (e.key === 'Enter') {
      if (!popup.hidden && active >= 0) { e.preventDefault(); go(options[active]); }
      // Otherwise the form submits: search.html?q= shows every result.
    } else if (e.key === 'Escape') {
      if (!popup.hidden) { e.preventDefault(); close(); }
      else if (input.value) { e.preventDefault(); input.value = ''; }
    }
  });
  // Keep the focus in the box while choosing with the pointer.
  list.addEventListener('mousedown', function (e) { e.preventDefault(); });
  list.addEventListener('click', function (e) {
    var o = e.target.closest('[role="option"]');
    if (o) go(o);
  });
  form.addEventListener('focusout', function (e) {
    if (!form.contains(e.relatedTarget)) close();
  });
  document.addEventListener('click', function (e) { if (!form.contains(e.target)) close(); });

  /* ---- search.html: every result for ?q=, as ordinary links. ---- */
  var page = document.querySelector('[data-search-page]');
  if (!page) return;
  var query = new URLSearchParams(window.location.search).get('q') || '';
  var intro = page.querySelector('.search-page-intro');
  if (!query.trim()) {
    if (intro) load().then(function () { intro.textContent = say('type_something'); }, function () {});
    return;
  }
  input.value = query;
  load().then(function (m) { return search(m, query, 0); }).then(function (groups) {
    var total = count(groups);
    if (intro) intro.textContent = say('results_for', { n: total, query: query.trim() });
    KINDS.forEach(function (k) {
      var docs = groups[k[0]];
      if (!docs.length) return;
      var section = el('section', 'search-page-group');
      var h = el('h2', '', say(k[1]) + ' (' + docs.length + ')');
      h.id = 'search-h-' + k[0];
      section.setAttribute('aria-labelledby', h.id);
      section.appendChild(h);
      var ul = el('ul', 'cards');
      docs.forEach(function (doc) {
        var li = el('li', 'card search-hit search-hit-' + doc.kind);
        if (doc.meta) li.appendChild(el('p', 'card-meta', doc.meta));
        var title = el('p', 'card-title');
        var a = el('a', '', doc.title);
        a.href = pageUrl(doc);
        title.appendChild(a);
        li.appendChild(title);
        if (doc.teaser) li.appendChild(el('p', 'card-summary', doc.teaser));
        ul.appendChild(li);
      });
      section.appendChild(ul);
      page.appendChild(section);
    });
    var listing = document.getElementById('search-listing');
    if (listing && total) listing.hidden = true;
  }, function () { /* keep the listing */ });
})();
