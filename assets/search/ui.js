/* kb search UI: the header box on every page ("/" focuses it; results as you
   type; arrows move, Enter opens, Escape closes), the full results of
   search.html?q=..., and the matched words highlighted on a page opened from
   a result (?hl=...).
   Where results come from: served by `kb serve`, its /api/search (Xapian);
   anywhere else (file://, GitHub Pages) the static index in search/, loaded
   with <script> tags (fetch is blocked on file://) and ranked by engine.js. */
(function () {
  'use strict';
  var api = window.kbSearchEngine;
  if (!api) return;
  var script = document.currentScript;
  var root = (script && script.getAttribute('data-root')) || '';
  var escapeHtml = api.escapeHtml;

  // ---- Static index: data scripts, each calling kbSearchData(name, data).
  var cache = {};
  var waiting = {};
  function settle(name, data) {
    cache[name] = data;
    var list = waiting[name] || [];
    delete waiting[name];
    list.forEach(function (f) { f(data); });
  }
  window.kbSearchData = function (name, data) { settle(name, data); };
  function fileOf(name) {
    if (name === 'meta') return 'meta.js';
    var i = name.indexOf(':');
    return name.slice(0, i) + '/' + name.slice(i + 1) + '.js';  // "t:ab" -> t/ab.js (p:, d: alike)
  }
  function load(name) {
    if (name in cache) return Promise.resolve(cache[name]);
    return new Promise(function (resolve) {
      if (waiting[name]) { waiting[name].push(resolve); return; }
      waiting[name] = [resolve];
      var s = document.createElement('script');
      s.src = root + 'search/' + fileOf(name);
      s.async = true;
      s.onload = function () { if (!(name in cache)) settle(name, null); s.remove(); };
      s.onerror = function () { settle(name, null); s.remove(); };
      document.head.appendChild(s);
    });
  }
  var engine = api.createEngine(load, window.kbPorter2);

  // ---- Served: kb serve's /api/search, probed once a visit: a plain static
  // host (GitHub Pages) answers 404 once, not for every query on every page.
  var NO_API = 'kb-search-no-api';
  var served = /^https?:$/.test(location.protocol) ? null : false;  // null: not known yet
  var site = new URL(root || './', location.href).href;  // the same on every page of the site
  try { if (served === null && sessionStorage.getItem(NO_API) === site) served = false; } catch (e) { /* no storage */ }
  function serverSearch(q, limit, prefix) {
    return fetch(root + 'api/search?q=' + encodeURIComponent(q) + '&limit=' + limit + (prefix ? '&prefix=1' : ''),
      { headers: { Accept: 'application/json' } })
      .then(function (r) {
        if (!r.ok || (r.headers.get('content-type') || '').indexOf('json') < 0) throw new Error('no search API');
        return r.json();
      });
  }

  function wordsOf(q) {
    return api.tokenize(api.normalizeQuery(q)).map(function (t) { return t.word; })
      .filter(function (w) { return !/^(and|or|not|title|tag|domain|kind)$/.test(w); });
  }

  // One search, whichever way: {corrected, total, hits: [{title, url, crumb,
  // snippet (HTML)}], words: what to highlight on a page opened from a hit
  // (words, "word*" prefixes, or "Z"-stemmed terms)}.
  // `stale()`: true once a newer query replaced this one (as you type): its
  // results' files are then not fetched.
  function run(q, limit, asYouType, stale) {
    function fromStatic() {
      return engine.search(q, { prefix: asYouType }).then(function (r) {
        var top = stale && stale() ? [] : r.ranked.slice(0, limit);
        return Promise.all(top.map(function (x) { return engine.doc(x.docid); })).then(function (docs) {
          return {
            corrected: r.corrected, total: r.total,
            words: r.terms.filter(function (t) { return t.indexOf('XS') !== 0; }),
            hits: docs.filter(Boolean).map(function (d) {
              return { title: d.title, url: d.url, crumb: d.breadcrumb, snippet: engine.highlight(d.summary || '', r.terms) };
            }),
          };
        });
      });
    }
    if (served === false) return fromStatic();
    // As you type, the server takes the word being typed as a prefix too.
    var prefix = asYouType && /[\p{L}\p{N}]{2}$/u.test(q);
    return serverSearch(q, limit, prefix).then(function (j) {
      served = true;
      var corrected = j.corrected;
      var words = wordsOf(corrected || q);
      if (prefix && words.length) words[words.length - 1] += '*';
      return {
        corrected: corrected, total: j.total, words: words,
        hits: j.results.map(function (x) { return { title: x.title, url: x.url, crumb: x.breadcrumb, snippet: x.snippet }; }),
      };
    }, function () {
      if (served === true) throw new Error('the search server stopped answering');
      served = false;
      try { sessionStorage.setItem(NO_API, site); } catch (e) { /* no storage */ }
      return fromStatic();
    });
  }

  function hitHref(hit, words) {
    return root + hit.url + (words.length ? '?hl=' + encodeURIComponent(words.join(' ')) : '');
  }
  // `option`: the id of a listbox option (the header box), else a plain link.
  function hitHtml(hit, words, tag, option) {
    return '<' + tag + ' class="search-hit" href="' + escapeHtml(hitHref(hit, words)) + '"' +
      (option ? ' id="' + option + '" role="option" aria-selected="false"' : '') + '>' +
      '<span class="hit-title">' + escapeHtml(hit.title) + '</span>' +
      (hit.crumb ? '<span class="hit-crumb">' + escapeHtml(hit.crumb) + '</span>' : '') +
      (hit.snippet ? '<span class="hit-snippet">' + hit.snippet + '</span>' : '') + '</' + tag + '>';
  }

  // ---- The header box.
  var form = document.querySelector('.site-search');
  var input = form && form.querySelector('.search-input');
  var popup = form && form.querySelector('.search-popup');
  var listbox = form && form.querySelector('.search-listbox');
  var selected = -1;
  var seq = 0;
  var timer = 0;

  function hits() { return listbox ? listbox.querySelectorAll('.search-hit') : []; }
  function select(i) {
    var list = hits();
    if (!list.length) { selected = -1; return; }
    selected = (i + list.length) % list.length;
    for (var k = 0; k < list.length; k++) list[k].setAttribute('aria-selected', k === selected ? 'true' : 'false');
    list[selected].scrollIntoView({ block: 'nearest' });
    input.setAttribute('aria-activedescendant', list[selected].id);
  }
  function close() {
    if (!popup) return;
    popup.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    selected = -1;
  }
  // Notes (a correction, no match, all results) above and below the
  // listbox, which holds only the options.
  function show(before, options, after) {
    popup.innerHTML = '';
    popup.insertAdjacentHTML('beforeend', before);
    listbox.innerHTML = options;
    popup.appendChild(listbox);
    popup.insertAdjacentHTML('beforeend', after);
    popup.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    input.removeAttribute('aria-activedescendant');
    selected = -1;
  }
  function update() {
    var q = input.value;
    var mine = ++seq;
    if (!q.trim()) { close(); return; }
    run(q, 8, true, function () { return mine !== seq; }).then(function (r) {
      if (mine !== seq) return;
      var before = '', after = '';
      if (r.corrected) before += '<div class="search-note">Showing results for <strong>' + escapeHtml(r.corrected) + '</strong></div>';
      if (!r.hits.length) before += '<div class="search-note">No notes match “' + escapeHtml(q) + '”.</div>';
      var options = r.hits.map(function (h, k) { return hitHtml(h, r.words, 'a', 'search-hit-' + k); }).join('');
      if (r.total > r.hits.length) {
        after += '<div class="search-note"><a href="' + escapeHtml(root + 'search.html?q=' + encodeURIComponent(q)) + '">All ' + r.total + ' results →</a></div>';
      }
      show(before, options, after);
      popup.setAttribute('data-query', q);  // which query the shown results answer
    }, function (e) {
      if (mine !== seq) return;
      show('<div class="search-note">Search is unavailable: ' + escapeHtml(e.message) + '</div>', '', '');
    });
  }

  if (form && input && popup && listbox) {
    form.classList.add('search-ready');
    // A pause in typing, not each key, asks for results: "random cut
    // forest" typed steadily is one search, not fifteen.
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(update, 120);
    });
    input.addEventListener('focus', function () {
      if (input.value.trim() && popup.innerHTML) { popup.hidden = false; input.setAttribute('aria-expanded', 'true'); }
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown') { e.preventDefault(); if (popup.hidden && input.value.trim()) update(); else select(selected + 1); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); select(selected - 1); }
      else if (e.key === 'Escape') { close(); }
      else if (e.key === 'Enter') {
        var list = hits();
        if (!popup.hidden && selected >= 0 && list[selected]) { e.preventDefault(); location.href = list[selected].href; }
        // Otherwise the form goes to search.html?q=... (full results).
      }
    });
    document.addEventListener('click', function (e) { if (!form.contains(e.target)) close(); });
    document.addEventListener('keydown', function (e) {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      var t = e.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      e.preventDefault();
      input.focus();
      input.select();
    });
  }

  var params = new URLSearchParams(location.search);

  // ---- search.html: full results for ?q=.
  var page = document.querySelector('.search-page');
  if (page) {
    var q = params.get('q') || '';
    var pageInput = page.querySelector('.search-page-input');
    var status = page.querySelector('.search-status');
    var list = page.querySelector('.search-results');
    if (pageInput) pageInput.value = q;
    if (input) input.value = q;
    // 50 results at a time; "Show more" adds the next 50 (focus moves to
    // the first new one, so the keyboard goes on from there).
    var PAGE = 50;
    var more = document.createElement('button');
    more.type = 'button';
    more.className = 'search-more';
    more.hidden = true;
    list.insertAdjacentElement('afterend', more);
    var showResults = function (limit) {
      return run(q, limit, false).then(function (r) {
        var shown = r.corrected || q;
        status.innerHTML = (r.corrected ? 'No good match for “' + escapeHtml(q) + '”; showing results for <strong>' + escapeHtml(r.corrected) + '</strong>. ' : '') +
          r.total + (r.total === 1 ? ' note' : ' notes') + ' for “' + escapeHtml(shown) + '”' +
          (r.total > r.hits.length ? ' (' + r.hits.length + ' shown)' : '');
        list.innerHTML = r.hits.map(function (h) { return '<li>' + hitHtml(h, r.words, 'a') + '</li>'; }).join('');
        var left = r.total - r.hits.length;
        more.hidden = left <= 0;
        more.textContent = 'Show ' + Math.min(PAGE, left) + ' more';
        more.onclick = function () {
          more.disabled = true;
          showResults(limit + PAGE).then(function () {
            more.disabled = false;
            var next = list.children[limit] && list.children[limit].querySelector('a');
            if (next) next.focus();
          });
        };
      });
    };
    if (q.trim()) {
      status.textContent = 'Searching…';
      showResults(PAGE).catch(function (e) {
        status.textContent = 'Search is unavailable: ' + e.message;
      });
    } else {
      status.textContent = 'Type a word, a "phrase", or prefix* above.';
      if (pageInput) pageInput.focus();
    }
  }

  // ---- A page opened from a result: highlight the words searched (?hl=).
  var hl = params.get('hl');
  var body = document.querySelector('.note-body') || document.querySelector('main');
  if (hl && body) {
    var stem = window.kbPorter2 || function (w) { return w; };
    var termOf = function (w) { return /^[\p{Ll}\p{Lt}\p{Lm}\p{Lo}]/u.test(w) ? 'Z' + stem(w) : w; };
    var wanted = {};
    var prefixes = [];
    hl.split(/\s+/).forEach(function (w) {
      if (/^Z/.test(w)) wanted[w] = true;
      else if (/\*$/.test(w)) prefixes.push(w.slice(0, -1).toLowerCase());
      else wordsOf(w).forEach(function (x) { wanted[termOf(x)] = true; });
    });
    var matches = function (word) {
      return wanted[termOf(word)] || prefixes.some(function (p) { return p && word.indexOf(p) === 0; });
    };
    var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentNode && /^(SCRIPT|STYLE|MARK|CODE|PRE)$/.test(n.parentNode.nodeName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      },
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    var first = null;
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      var toks = api.tokenize(text).filter(function (t) { return matches(t.word); });
      if (!toks.length) return;
      var frag = document.createDocumentFragment();
      var at = 0;
      toks.forEach(function (t) {
        frag.appendChild(document.createTextNode(text.slice(at, t.start)));
        var m = document.createElement('mark');
        m.className = 'kb-hl';
        m.textContent = text.slice(t.start, t.end);
        frag.appendChild(m);
        if (!first) first = m;
        at = t.end;
      });
      frag.appendChild(document.createTextNode(text.slice(at)));
      node.parentNode.replaceChild(frag, node);
    });
    if (first && !location.hash) first.scrollIntoView({ block: 'center' });
  }
})();
