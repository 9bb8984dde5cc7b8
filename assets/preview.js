/* Link previews: hover a link to another note (or focus it and wait) and a
   popover shows that note's title, summary and opening, or the section or
   block the link names. The data is in the note's script-loaded data file
   (site/note_data.h: assets/notes/<note>.js, so file:// works), fetched the
   first time a link to it is hovered. Esc closes; the popover takes no
   focus and is hidden from assistive technology (the link itself is the way
   there). A tap on a touch screen follows the link: no popover. */
(function () {
  'use strict';
  var me = document.currentScript;
  if (!me || !window.URL) return;
  var rootUrl = new URL('..', me.src);           // the site root (this file is in assets/)
  var rootHref = rootUrl.href;
  var here = new URL(location.href);
  here.hash = '';
  var HOVER_DELAY = 350, FOCUS_DELAY = 700, CLOSE_DELAY = 250;
  var cache = {};      // note URL (as the site names it) -> data, or false when it has none
  var waiting = {};    // note URL -> callbacks for its data
  var pop = null, popFor = null, openTimer = 0, closeTimer = 0, lastTouch = 0;

  // The note a link leads to, as {key, file, hash}, or null for links that
  // get no preview: other sites, files, this page, the site's own pages.
  function target(a) {
    if (!a.closest('#content') || a.closest('.heading-anchor, .back-to-top, .preview, [data-no-preview]')) return null;
    var href = a.getAttribute('href');
    if (!href || href.charAt(0) === '#') return null;
    var u;
    try { u = new URL(href, location.href); } catch (e) { return null; }
    if (u.href.indexOf(rootHref) !== 0 || u.search) return null;
    var hash = u.hash ? decodeURIComponent(u.hash.slice(1)) : '';
    u.hash = '';
    if (u.href === here.href) return null;
    var rel = u.href.slice(rootHref.length);
    if (rel === '' || rel.slice(-1) === '/') rel += 'index.html';
    if (!/\.html$/.test(rel)) return null;
    var key;
    try { key = decodeURIComponent(rel); } catch (e) { return null; }
    return { key: key, file: rootHref + 'assets/notes/' + rel.replace(/\.html$/, '.js'), hash: hash };
  }

  // Notes' data files call kbNoteData(url, {p: preview, g: local graph});
  // local-graph.js listens too.
  var handlers = window.kbNoteDataHandlers = window.kbNoteDataHandlers || [];
  window.kbNoteData = window.kbNoteData || function (url, data) { handlers.forEach(function (h) { h(url, data); }); };
  function arrived(key, data) {
    cache[key] = data;
    (waiting[key] || []).forEach(function (f) { f(data); });
    delete waiting[key];
  }
  handlers.push(function (key, data) { arrived(key, data && data.p); });
  function load(t, done) {
    if (t.key in cache) return done(cache[t.key]);
    if (waiting[t.key]) return waiting[t.key].push(done);
    waiting[t.key] = [done];
    var s = document.createElement('script');
    s.src = t.file;
    s.onerror = function () { arrived(t.key, false); };  // a note without links has no data file
    document.head.appendChild(s);
  }

  // Pages whose formulas are typeset at build time need the math styles
  // to show a preview's formulas.
  function needMath() {
    if (document.querySelector('link[href$="math/math.css"]')) return;
    var l = document.createElement('link');
    l.rel = 'stylesheet';
    l.href = rootHref + 'assets/math/math.css';
    document.head.appendChild(l);
  }

  function content(data, t) {
    var title = data.t, html = data.b, summary = data.s;
    if (t.hash && t.hash.charAt(0) === '^' && data.k && data.k[t.hash]) {
      html = data.k[t.hash];
      summary = '';
    } else if (t.hash && data.h && data.h[t.hash]) {
      title = data.t + ' › ' + data.h[t.hash][0];
      html = data.h[t.hash][1] || '';
      summary = '';
    }
    var box = document.createElement('div');
    var head = document.createElement('p');
    head.className = 'preview-title';
    head.textContent = title;
    box.appendChild(head);
    if (summary && html.indexOf(summary.slice(0, 40)) < 0) {
      var s = document.createElement('p');
      s.className = 'preview-summary';
      s.textContent = summary;
      box.appendChild(s);
    }
    // Parsed inert (a <template> loads no image), made relative to the
    // previewed note's page, ids dropped (they would repeat this page's).
    var tpl = document.createElement('template');
    tpl.innerHTML = html;
    var base = new URL(t.key.split('/').map(encodeURIComponent).join('/'), rootHref);
    tpl.content.querySelectorAll('[href], [src]').forEach(function (el) {
      ['href', 'src'].forEach(function (attr) {
        var v = el.getAttribute(attr);
        if (v === null) return;
        try { el.setAttribute(attr, new URL(v, base).href); } catch (e) { /* keep it */ }
      });
      if (el.tagName === 'A') el.setAttribute('tabindex', '-1');
    });
    tpl.content.querySelectorAll('[id]').forEach(function (el) { el.removeAttribute('id'); });
    tpl.content.querySelectorAll('[tabindex="0"], details, summary, button').forEach(function (el) { el.setAttribute('tabindex', '-1'); });
    if (tpl.content.querySelector('math, .math')) needMath();
    var body = document.createElement('div');
    body.className = 'preview-body note-body';
    body.appendChild(tpl.content);
    box.appendChild(body);
    return box;
  }

  function place(a) {
    var r = a.getBoundingClientRect();
    var w = Math.min(window.innerWidth - 16, 416);
    pop.style.width = w + 'px';
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + window.innerWidth - w - 8));
    pop.style.left = left + 'px';
    var below = window.innerHeight - r.bottom, h = pop.offsetHeight;
    var top = below >= h + 12 || below > r.top ? r.bottom + 8 : r.top - h - 8;
    pop.style.top = (top + window.scrollY) + 'px';
  }

  function show(a) {
    var t = target(a);
    if (!t) return;
    load(t, function (data) {
      if (!data || popFor !== a) return;
      if (!pop) {
        pop = document.createElement('div');
        pop.className = 'preview';
        pop.setAttribute('aria-hidden', 'true');
        pop.addEventListener('mouseenter', function () { clearTimeout(closeTimer); });
        pop.addEventListener('mouseleave', function () { scheduleClose(); });
        document.body.appendChild(pop);
      }
      pop.textContent = '';
      pop.appendChild(content(data, t));
      pop.hidden = false;
      place(a);
    });
  }

  function close() {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    popFor = null;
    if (pop) pop.hidden = true;
  }
  function scheduleClose() {
    clearTimeout(closeTimer);
    closeTimer = setTimeout(close, CLOSE_DELAY);
  }
  function schedule(a, delay) {
    if (popFor === a) { clearTimeout(closeTimer); return; }
    close();
    if (!target(a)) return;
    popFor = a;
    openTimer = setTimeout(function () { show(a); }, delay);
  }

  document.addEventListener('pointerdown', function (e) {
    if (e.pointerType !== 'mouse') lastTouch = Date.now();
    close();
  }, true);
  document.addEventListener('pointerover', function (e) {
    if (e.pointerType !== 'mouse') return;  // a touch's tap follows the link
    var a = e.target.closest && e.target.closest('a[href]');
    if (a) schedule(a, HOVER_DELAY);
  });
  document.addEventListener('pointerout', function (e) {
    if (e.pointerType !== 'mouse' || !popFor) return;
    var a = e.target.closest && e.target.closest('a[href]');
    if (a === popFor && !(e.relatedTarget && a.contains(e.relatedTarget))) scheduleClose();
  });
  document.addEventListener('focusin', function (e) {
    if (Date.now() - lastTouch < 800) return;
    var a = e.target.closest && e.target.closest('a[href]');
    if (a) schedule(a, FOCUS_DELAY);
  });
  document.addEventListener('focusout', function (e) {
    if (popFor && e.target === popFor) close();
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && popFor) close();
  });
  window.addEventListener('resize', close);
})();
