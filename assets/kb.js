/* kb: the theme's small enhancements; every page works without this file.
   In order: the theme switch, the mobile menu, code copy buttons, the
   sidebar's lazily loaded folders and its keys (a tree), wide content as
   scrollable regions, section permalinks, the contents' current section,
   back-to-top, and keeping the current note in view in the sidebar.
   The saved theme is applied by a tiny inline script in <head> before first
   paint; this file only wires the controls. */
(function () {
  'use strict';
  var root = document.documentElement;
  var KEY = 'kb-theme';
  var media = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

  function effectiveTheme() {
    var t = root.getAttribute('data-theme');
    if (t === 'light' || t === 'dark') return t;
    return media && media.matches ? 'dark' : 'light';
  }

  function describe(button) {
    var dark = effectiveTheme() === 'dark';
    var label = dark ? 'Switch to light theme' : 'Switch to dark theme';
    button.setAttribute('aria-label', label);
    button.setAttribute('title', label);
    button.setAttribute('aria-pressed', dark ? 'true' : 'false');
  }

  function setTheme(theme) {
    root.setAttribute('data-theme', theme);
    try { localStorage.setItem(KEY, theme); } catch (e) { /* private mode: not remembered */ }
  }

  var toggle = document.querySelector('.theme-toggle');
  if (toggle) {
    describe(toggle);
    toggle.addEventListener('click', function () {
      setTheme(effectiveTheme() === 'dark' ? 'light' : 'dark');
      describe(toggle);
    });
    if (media && media.addEventListener) {
      media.addEventListener('change', function () { describe(toggle); });
    }
    // Another tab changed the theme.
    window.addEventListener('storage', function (e) {
      if (e.key === KEY && (e.newValue === 'light' || e.newValue === 'dark')) {
        root.setAttribute('data-theme', e.newValue);
        describe(toggle);
      }
    });
  }

  // Mobile menu: without JS the button is a link to #site-nav (opened by
  // :target); with JS it is a real toggle that does not touch the URL.
  var menu = document.querySelector('.menu-button');
  var nav = document.getElementById('site-nav');
  function setOpen(open) {
    root.classList.toggle('nav-open', open);
    if (menu) menu.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (open && nav) {
      var first = nav.querySelector('[aria-current="page"]') || nav.querySelector('a');
      if (first) first.focus({ preventScroll: true });
    }
  }
  if (menu && nav) {
    menu.setAttribute('role', 'button');
    menu.setAttribute('aria-expanded', 'false');
    menu.addEventListener('click', function (e) {
      e.preventDefault();
      setOpen(!root.classList.contains('nav-open'));
    });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && root.classList.contains('nav-open')) {
        setOpen(false);
        menu.focus();
      }
    });
    // A click outside the open panel closes it.
    document.addEventListener('click', function (e) {
      if (root.classList.contains('nav-open') && !nav.contains(e.target) && !menu.contains(e.target)) {
        setOpen(false);
      }
    });
  }

  // A copy button on every code block: added here, so a page without
  // JavaScript has none. A live region says "Copied" to screen readers.
  var blocks = document.querySelectorAll('.note-body pre:not(.mermaid)');
  if (blocks.length) {
    var live = document.createElement('span');
    live.className = 'visually-hidden';
    live.setAttribute('aria-live', 'polite');
    document.body.appendChild(live);
    var copyText = function (text) {
      if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
      return new Promise(function (resolve, reject) {  // file:// in some browsers
        var area = document.createElement('textarea');
        area.value = text;
        area.setAttribute('readonly', '');
        area.style.position = 'fixed';
        area.style.opacity = '0';
        document.body.appendChild(area);
        area.select();
        var ok = false;
        try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
        area.remove();
        if (ok) resolve(); else reject(new Error('copy refused'));
      });
    };
    Array.prototype.forEach.call(blocks, function (pre) {
      var wrap = document.createElement('div');
      wrap.className = 'code-wrap';
      pre.parentNode.insertBefore(wrap, pre);
      wrap.appendChild(pre);
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy-code';
      button.textContent = 'Copy';
      button.setAttribute('aria-label', 'Copy code to the clipboard');
      button.addEventListener('click', function () {
        var code = pre.querySelector('code') || pre;
        copyText(code.textContent).then(function () {
          button.textContent = 'Copied';
          button.classList.add('copied');
          live.textContent = 'Code copied to the clipboard';
        }, function () {
          button.textContent = 'Select and copy';
          live.textContent = 'Could not copy: select the code and copy it';
        });
        setTimeout(function () {
          button.textContent = 'Copy';
          button.classList.remove('copied');
          live.textContent = '';
        }, 2000);
      });
      wrap.appendChild(button);
    });
  }

  // Big sites: a folder off the current path arrives closed, holding only
  // its Overview link (data-nav: its number); its contents are a
  // script-loaded shard (works from file://), fetched the first time the
  // reader opens it. Without JS, opening it shows the Overview link.
  var kbScript = document.querySelector('script[src$="assets/kb.js"]');
  var siteRoot = kbScript ? kbScript.getAttribute('src').replace(/assets\/kb\.js$/, '') : '';
  if (nav) {
    var pending = {};
    var link = function (href, text) {
      var a = document.createElement('a');
      a.href = siteRoot + href;
      a.textContent = text;
      return a;
    };
    window.kbNavFolder = function (id, data) {
      var details = pending[id];
      if (!details) return;
      delete pending[id];
      var list = details.querySelector('ul');
      // Everything but the Overview entry the page came with.
      Array.prototype.slice.call(list.children).forEach(function (li) {
        if (li.className !== 'nav-overview') list.removeChild(li);
      });
      data.folders.forEach(function (f) {
        var li = document.createElement('li');
        li.className = 'nav-folder';
        var d = document.createElement('details');
        d.setAttribute('data-nav', String(f.id));
        var summary = document.createElement('summary');
        var name = document.createElement('span');
        name.className = 'nav-name';
        name.textContent = f.name;
        var count = document.createElement('span');
        count.className = 'count';
        count.textContent = String(f.count);
        summary.appendChild(name);
        summary.appendChild(document.createTextNode(' '));
        summary.appendChild(count);
        d.appendChild(summary);
        var ul = document.createElement('ul');
        var overview = document.createElement('li');
        overview.className = 'nav-overview';
        overview.appendChild(link(f.url, 'Overview'));
        ul.appendChild(overview);
        d.appendChild(ul);
        li.appendChild(d);
        list.appendChild(li);
      });
      data.notes.forEach(function (n) {
        var li = document.createElement('li');
        li.appendChild(link(n.url, n.title));
        list.appendChild(li);
      });
      if (data.more) {
        var li = document.createElement('li');
        li.className = 'nav-more';
        li.appendChild(link(data.more.url, data.more.label + ' \u2192'));
        list.appendChild(li);
      }
    };
    nav.addEventListener('toggle', function (e) {
      var details = e.target;
      var id = details.getAttribute && details.getAttribute('data-nav');
      if (!details.open || !id || !/^\d+$/.test(id) || details.hasAttribute('data-nav-loaded')) return;
      details.setAttribute('data-nav-loaded', '');
      pending[id] = details;
      var script = document.createElement('script');
      script.src = siteRoot + 'assets/nav/' + id + '.js';
      script.onerror = function () { details.removeAttribute('data-nav-loaded'); delete pending[id]; };
      document.head.appendChild(script);
    }, true);  // toggle does not bubble: listen while it is captured
  }

  // A code block, table, display formula or plot wider than the page scrolls on its own: it takes
  // focus (a named region) so the keyboard can scroll it too; one that fits
  // is no extra Tab stop. Checked again when the window changes size.
  var main = document.getElementById('content');
  function markScrollers() {
    if (!main) return;
    Array.prototype.forEach.call(main.querySelectorAll('pre, table, .math.display, .demo-figure'), function (el) {
      var scrolls = el.scrollWidth > el.clientWidth + 1;
      if (scrolls && !el.hasAttribute('tabindex')) {
        el.setAttribute('tabindex', '0');
        el.setAttribute('role', 'region');
        var what = el.tagName === 'PRE' ? 'Code' : el.tagName === 'TABLE' ? 'Table' : el.matches('.demo-figure') ? 'Plot' : 'Formula';
        el.setAttribute('aria-label', what + ', scrolls sideways');
        el.setAttribute('data-kb-scroller', '');
      } else if (!scrolls && el.hasAttribute('data-kb-scroller')) {
        ['tabindex', 'role', 'aria-label', 'data-kb-scroller'].forEach(function (n) { el.removeAttribute(n); });
      }
    });
  }
  markScrollers();
  var resizing = 0;
  window.addEventListener('resize', function () { clearTimeout(resizing); resizing = setTimeout(markScrollers, 150); });

  // Headings of a note: a permalink each (shown on hover and focus), for
  // sharing a section.
  Array.prototype.forEach.call(document.querySelectorAll('.note-body :is(h2, h3, h4)[id]'), function (h) {
    var a = document.createElement('a');
    a.className = 'heading-anchor';
    a.href = '#' + encodeURIComponent(h.id);
    a.setAttribute('aria-label', 'Link to the section “' + h.textContent.trim() + '”');
    a.textContent = '#';
    h.appendChild(a);
  });

  // The table of contents marks the section being read.
  var toc = document.querySelector('.toc-side .toc-list');
  if (toc && window.requestAnimationFrame) {
    var entries = Array.prototype.map.call(toc.querySelectorAll('a[href^="#"]'), function (a) {
      var id = decodeURIComponent(a.getAttribute('href').slice(1));
      return { link: a, heading: document.getElementById(id) };
    }).filter(function (e) { return e.heading; });
    var marked = null, queued = false;
    var mark = function () {
      queued = false;
      var line = (parseFloat(getComputedStyle(root).getPropertyValue('--header-h')) || 3) * 16 + 24;
      var at = null;
      entries.forEach(function (e) { if (e.heading.getBoundingClientRect().top <= line) at = e; });
      if (at === marked) return;
      if (marked) marked.link.removeAttribute('aria-current');
      if (at) at.link.setAttribute('aria-current', 'location');
      marked = at;
    };
    window.addEventListener('scroll', function () {
      if (!queued) { queued = true; requestAnimationFrame(mark); }
    }, { passive: true });
    mark();
  }

  // Back to top: only where the page is long enough to want it.
  var backTop = document.querySelector(".back-to-top");
  if (backTop) backTop.hidden = document.documentElement.scrollHeight < 2.5 * window.innerHeight;

  // The sidebar as a tree for the keyboard: Up/Down move between the
  // entries shown, Right opens a folder (or enters it), Left closes it (or
  // goes up to its folder), Home/End go to the first and last entry.
  if (nav) {
    nav.addEventListener('keydown', function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      var t = e.target;
      if (!t || !/^(A|SUMMARY)$/.test(t.tagName) || !t.closest('.nav-tree')) return;
      var items = Array.prototype.filter.call(nav.querySelectorAll('.nav-tree a, .nav-tree summary'), function (el) {
        return !el.closest('details:not([open]) > ul');  // shown: not inside a closed folder
      });
      var i = items.indexOf(t), to = null;
      var folder = t.tagName === 'SUMMARY' ? t.parentElement : null;
      if (e.key === 'ArrowDown') to = items[i + 1];
      else if (e.key === 'ArrowUp') to = items[i - 1];
      else if (e.key === 'Home') to = items[0];
      else if (e.key === 'End') to = items[items.length - 1];
      else if (e.key === 'ArrowRight' && folder) {
        if (!folder.open) { folder.open = true; e.preventDefault(); return; }
        to = items[i + 1];
      } else if (e.key === 'ArrowLeft') {
        if (folder && folder.open) { folder.open = false; e.preventDefault(); return; }
        var up = (folder || t).parentElement.closest('details');
        to = up ? up.querySelector(':scope > summary') : null;
      } else return;
      e.preventDefault();
      if (to) to.focus();
    });
  }

  // Keep the current note visible in a long navigation column.
  if (nav) {
    var current = nav.querySelector('a[aria-current="page"]');
    if (current && nav.scrollHeight > nav.clientHeight) {
      var top = current.getBoundingClientRect().top - nav.getBoundingClientRect().top;
      if (top > nav.clientHeight * 0.6) nav.scrollTop = top - nav.clientHeight / 3;
    }
  }
})();
