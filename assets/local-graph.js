/* A note's local graph (site/site_graph.h): the notes within two links of
   it, laid out at build time, in the note's script-loaded data file
   (site/note_data.h; file:// works), loaded when the panel first opens and
   drawn here as SVG. Open at once on wide
   screens; on phones it waits behind its summary. Hovering a note lights its
   links and names its neighbours. */
(function () {
  'use strict';
  var panel = document.querySelector('details.local-graph');
  if (!panel) return;
  var view = panel.querySelector('.local-graph-view');
  var summary = panel.querySelector('summary');
  var loaded = false;

  var NS = 'http://www.w3.org/2000/svg';
  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  // Phones draw the ring at half size with labels twice as large (style.css):
  // shorter labels keep them inside it.
  var narrow = window.matchMedia && window.matchMedia('(max-width: 40rem)').matches;
  function shortLabel(t) {
    var max = narrow ? 13 : 24;
    if (t.length <= max) return t;
    var cut = t.lastIndexOf(' ', max - 2);
    return t.slice(0, cut >= max / 2 ? cut : max - 2) + '\u2026';
  }
  // data.n: [x, y, depth, group, title, href] per note (the first is this
  // one); data.e: pairs of indices into data.n.
  function drawSvg(data) {
    var svg = el('svg', { 'class': 'lg', viewBox: '-330 -260 660 520', 'aria-hidden': 'true', focusable: 'false' });
    var edges = el('g', { 'class': 'lg-edges' }, svg);
    for (var k = 0; k < data.e.length; k += 2) {
      var a = data.n[data.e[k]], b = data.n[data.e[k + 1]];
      el('line', { x1: a[0], y1: a[1], x2: b[0], y2: b[1], 'data-a': data.e[k], 'data-b': data.e[k + 1] }, edges);
    }
    [2, 1, 0].forEach(function (depth) {  // the outer ring first: labelled notes on top
      data.n.forEach(function (m, i) {
        if (m[2] !== depth) return;
        var r = depth === 0 ? 9 : depth === 1 ? 6.5 : 4.5;
        var attrs = { 'class': 'lg-node d' + depth + ' g' + m[3], 'data-i': i };
        var node = depth === 0 ? el('g', attrs, svg) : el('a', Object.assign(attrs, { href: m[5], tabindex: '-1' }), svg);
        el('title', {}, node).textContent = m[4];
        el('circle', { cx: m[0], cy: m[1], r: r }, node);
        // Labels point away from the centre, so the ring's names do not stack.
        var side = depth === 1 && Math.abs(m[0]) > 40 ? (m[0] > 0 ? 1 : -1) : 0;
        var label = side ? { x: m[0] + side * (r + 5), y: m[1] + 5, 'text-anchor': side > 0 ? 'start' : 'end' }
                         : { x: m[0], y: m[1] + r + 15, 'text-anchor': 'middle' };
        el('text', label, node).textContent = depth === 2 ? m[4] : shortLabel(m[4]);
      });
    });
    return svg;
  }

  function show(data) {
    var notes = data.n.length - 1;
    view.textContent = '';
    view.appendChild(drawSvg(data));
    summary.textContent = 'Graph of links (' + notes + ' note' + (notes === 1 ? '' : 's') +
      (data.more ? ', ' + data.more + ' more not shown' : '') + ')';
    var svg = view.querySelector('svg');
    var lines = Array.prototype.slice.call(svg.querySelectorAll('line'));
    function light(node, on) {
      var i = node.getAttribute('data-i');
      svg.classList.toggle('hovering', on);
      node.classList.toggle('hover', on);
      lines.forEach(function (l) {
        var a = l.getAttribute('data-a'), b = l.getAttribute('data-b');
        var hit = on && (a === i || b === i);
        l.classList.toggle('on', hit);
        if (hit) {
          var other = svg.querySelector('.lg-node[data-i="' + (a === i ? b : a) + '"]');
          if (other) other.classList.add('on');
        }
      });
      if (on) node.classList.add('on');
      else svg.querySelectorAll('.lg-node.on').forEach(function (n) { n.classList.remove('on'); });
    }
    svg.querySelectorAll('.lg-node').forEach(function (node) {
      node.addEventListener('mouseenter', function () { light(node, true); });
      node.addEventListener('mouseleave', function () { light(node, false); });
    });
  }

  var handlers = window.kbNoteDataHandlers = window.kbNoteDataHandlers || [];
  window.kbNoteData = window.kbNoteData || function (url, data) { handlers.forEach(function (h) { h(url, data); }); };
  var src = panel.getAttribute('data-src') || '';
  // This note's URL, as its data file names it (the file is at
  // assets/notes/<its URL>, ".html" as ".js").
  var own = '';
  try { own = decodeURIComponent(src.slice(src.lastIndexOf('assets/notes/') + 13)).replace(/\.js$/, '.html'); } catch (e) { /* none */ }
  handlers.push(function (url, data) { if (data && data.g && url === own) show(data.g); });

  function load() {
    if (loaded) return;
    loaded = true;
    var s = document.createElement('script');
    s.src = src;
    s.onerror = function () { view.textContent = 'The graph could not be loaded.'; };
    document.body.appendChild(s);
  }
  panel.addEventListener('toggle', function () { if (panel.open) load(); });
  if (window.matchMedia && window.matchMedia('(min-width: 48rem)').matches) panel.open = true;
  if (panel.open) load();
})();
