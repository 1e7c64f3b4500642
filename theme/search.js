/* dossier search: the header's search box becomes a combobox listing
   matching articles, actors and events as you type; search.html?q= shows
   every result. The index (search-index.json) is built with the site and
   searched here with elasticlunr.js; nothing is sent anywhere.

   Without JavaScript (or when the index cannot be fetched, e.g. from
   file://) the box is a plain form that opens search.html, which lists
   every page. Results are written with textContent, never as HTML: titles
   come from articles on the web. */
(function () {
  'use strict';

  var script = document.currentScript;
  var input = document.getElementById('site-search-q');
  if (!script || !input || !input.form || typeof window.elasticlunr !== 'function') return;
  var form = input.form;
  var root = new URL('../', script.src); // this file is assets/search.js
  var KINDS = [['article', 'Articles'], ['actor', 'Actors'], ['event', 'Events']];
  var PER_KIND = 4; // short enough to need no scrolling box (which the keyboard could not reach)
  var CONFIG = { fields: { title: { boost: 3 }, names: { boost: 2 }, body: { boost: 1 } }, bool: 'OR', expand: true };

  var loading = null;
  function load() {
    if (!loading) {
      loading = fetch(new URL('search-index.json', root).href)
        .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
        .then(function (data) { return { index: window.elasticlunr.Index.load(data.index), docs: data.docs }; });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  /* Results grouped by kind, best first within each kind. */
  function search(db, query, perKind) {
    var groups = {};
    KINDS.forEach(function (k) { groups[k[0]] = []; });
    var q = query.trim();
    if (q.length < 2) return groups;
    db.index.search(q, CONFIG).forEach(function (hit) {
      var doc = db.docs[hit.ref];
      if (doc && groups[doc.kind] && (!perKind || groups[doc.kind].length < perKind)) groups[doc.kind].push(doc);
    });
    return groups;
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
      var label = el('li', 'search-group-label', k[1]);
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
    var all = option('site-search-o' + n, searchPageUrl(query), total ? 'All results for “' + query.trim() + '”' : 'No match in titles, text, actors or events', '', 'div');
    all.classList.add('search-all');
    if (!total) all.setAttribute('aria-disabled', 'true');
    else options.push(all);
    list.appendChild(all);
    popup.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    status.textContent = total ? total + ' result' + (total === 1 ? '' : 's') + ' shown; use the arrow keys to choose, Enter to open.' : 'No results.';
  }

  var pending = 0;
  function update() {
    var query = input.value;
    var ticket = ++pending;
    if (query.trim().length < 2) { close(); status.textContent = ''; return; }
    load().then(function (db) {
      if (ticket !== pending) return; // a newer keystroke won
      render(search(db, query, PER_KIND), query);
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
    if (intro) intro.textContent = 'Type a name, a place or a phrase in the search box above, or browse everything below.';
    return;
  }
  input.value = query;
  load().then(function (db) {
    var groups = search(db, query, 0);
    var total = count(groups);
    if (intro) intro.textContent = total + ' result' + (total === 1 ? '' : 's') + ' for “' + query.trim() + '”.';
    KINDS.forEach(function (k) {
      var docs = groups[k[0]];
      if (!docs.length) return;
      var section = el('section', 'search-page-group');
      var h = el('h2', '', k[1] + ' (' + docs.length + ')');
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
