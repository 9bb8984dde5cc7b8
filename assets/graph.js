// graph.html: every note as a point and every link as a line, on a canvas.
// Positions come laid out from the build (site/site_graph.h writes
// assets/graph/site.js, loaded here by a <script> so file:// works): the
// first draw is a draw, not a simulation. Hover a note to light its
// neighbours, click to open it; drag to pan, wheel or pinch to zoom; filter
// by group and tag; "Find a note" centres one (the keyboard's way in).
(function () {
  'use strict';
  var me = document.currentScript;
  var canvas = document.getElementById('graph-canvas');
  if (!canvas || !me) return;
  var frame = document.getElementById('graph-frame');
  var statusEl = document.getElementById('graph-status');
  var tip = document.getElementById('graph-tip');
  var ctx = canvas.getContext('2d');
  var G = null;            // the data: groups, tags, x, y, g, t, u, tg, l
  var n = 0, adj, visible, radius;
  var view = { s: 1, x: 0, y: 0 };  // screen = (data - centre) * s + offset
  var width = 0, height = 0, dpr = 1;
  var hover = -1, picked = -1;
  var colours = [], edgeColour = '', textColour = '', haloColour = '';
  var pending = false;
  var grid = null, cell = 40;

  function readColours() {
    var cs = getComputedStyle(frame);
    colours = [];
    for (var i = 0; i < 8; i++) colours.push(cs.getPropertyValue('--graph-' + i).trim() || '#888');
    edgeColour = cs.getPropertyValue('--graph-edge').trim() || 'rgba(128,128,128,.3)';
    textColour = cs.getPropertyValue('--fg').trim() || '#222';
    haloColour = cs.getPropertyValue('--bg').trim() || '#fff';
  }

  function resize() {
    var r = frame.getBoundingClientRect();
    dpr = window.devicePixelRatio || 1;
    width = Math.max(1, Math.round(r.width));
    height = Math.max(1, Math.round(r.height));
    canvas.width = width * dpr;
    canvas.height = height * dpr;
    canvas.style.width = width + 'px';
    canvas.style.height = height + 'px';
    draw();
  }

  function toScreen(i) { return [(G.x[i] - view.x) * view.s + width / 2, (G.y[i] - view.y) * view.s + height / 2]; }
  function toData(px, py) { return [(px - width / 2) / view.s + view.x, (py - height / 2) / view.s + view.y]; }

  function fit() {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, any = false;
    for (var i = 0; i < n; i++) {
      if (!visible[i]) continue;
      any = true;
      x0 = Math.min(x0, G.x[i]); x1 = Math.max(x1, G.x[i]);
      y0 = Math.min(y0, G.y[i]); y1 = Math.max(y1, G.y[i]);
    }
    if (!any) { x0 = y0 = -1; x1 = y1 = 1; }
    view.x = (x0 + x1) / 2;
    view.y = (y0 + y1) / 2;
    view.s = Math.min(4, 0.92 * Math.min(width / Math.max(x1 - x0, 1), height / Math.max(y1 - y0, 1)));
    draw();
  }

  // Everything but the focus is drawn once per view on a layer of its own:
  // hovering then costs a copy of that layer and a few lines, not 10,000
  // circles. (Pan, zoom, filters, size and theme draw the layer again.)
  var base = document.createElement('canvas'), baseCtx = base.getContext('2d'), baseDirty = true;
  var baseView = null, settle = 0, moving = false;
  function draw(viewChanged) {
    if (viewChanged !== false) baseDirty = true;
    if (pending || !G) return;
    pending = true;
    requestAnimationFrame(paint);
  }
  // While a drag or a zoom goes on, the last layer moves and scales with it;
  // the layer is drawn anew once the gesture rests.
  function gesture() {
    moving = true;
    clearTimeout(settle);
    settle = setTimeout(function () { moving = false; draw(); }, 140);
    draw();
  }
  function hover_(i) { hover = i; draw(false); }

  function paintBase() {
    baseDirty = false;
    base.width = canvas.width;
    base.height = canvas.height;
    var c = baseCtx, s = view.s, ox = width / 2 - view.x * s, oy = height / 2 - view.y * s;
    c.setTransform(dpr, 0, 0, dpr, 0, 0);
    c.lineWidth = 1;
    c.strokeStyle = edgeColour;
    c.beginPath();
    var L = G.l, inPath = 0;
    for (var k = 0; k < L.length; k += 2) {
      var a = L[k], b = L[k + 1];
      if (!visible[a] || !visible[b]) continue;
      c.moveTo(G.x[a] * s + ox, G.y[a] * s + oy);
      c.lineTo(G.x[b] * s + ox, G.y[b] * s + oy);
      if (++inPath === 512) { c.stroke(); c.beginPath(); inPath = 0; }
    }
    c.stroke();
    // A colour at a time, a few hundred circles a path (one path of
    // thousands fills slower than several).
    var zoom = nodeZoom();
    for (var g = 0; g < 8; g++) {
      c.fillStyle = colours[g];
      c.beginPath();
      var inPath = 0;
      for (var i = 0; i < n; i++) {
        if (!visible[i] || G.g[i] % 8 !== g) continue;
        var x = G.x[i] * s + ox, y = G.y[i] * s + oy, r = radius[i] * zoom;
        if (x < -r || y < -r || x > width + r || y > height + r) continue;
        c.moveTo(x + r, y);
        c.arc(x, y, r, 0, 2 * Math.PI);
        if (++inPath === 256) { c.fill(); c.beginPath(); inPath = 0; }
      }
      c.fill();
    }
  }
  function nodeZoom() { return Math.max(0.6, Math.min(2.2, Math.sqrt(view.s))); }

  function paint() {
    pending = false;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (baseDirty && moving && baseView) {
      var k = view.s / baseView.s;
      ctx.setTransform(k, 0, 0, k, dpr * ((1 - k) * width / 2 + (baseView.x - view.x) * view.s),
                       dpr * ((1 - k) * height / 2 + (baseView.y - view.y) * view.s));
      ctx.drawImage(base, 0, 0);
      return;
    }
    if (baseDirty) {
      paintBase();
      baseView = { s: view.s, x: view.x, y: view.y };
    }
    ctx.drawImage(base, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    var focus = hover >= 0 ? hover : picked;
    var near = focus >= 0 ? adj[focus] : null;
    var zoom = nodeZoom();
    if (near) {
      // The rest fades behind a veil; the focus and its links are drawn again on top.
      ctx.globalAlpha = 0.7;
      ctx.fillStyle = haloColour;
      ctx.fillRect(0, 0, width, height);
      ctx.globalAlpha = 1;
      ctx.lineWidth = 1.6;
      ctx.strokeStyle = colours[G.g[focus] % 8];
      ctx.beginPath();
      var f = toScreen(focus);
      near.forEach(function (j) {
        if (!visible[j]) return;
        var q = toScreen(j);
        ctx.moveTo(f[0], f[1]);
        ctx.lineTo(q[0], q[1]);
      });
      ctx.stroke();
      near.concat([focus]).forEach(function (j) {
        if (!visible[j]) return;
        var q = toScreen(j);
        ctx.fillStyle = colours[G.g[j] % 8];
        ctx.beginPath();
        ctx.arc(q[0], q[1], radius[j] * zoom, 0, 2 * Math.PI);
        ctx.fill();
      });
    }
    // Labels: the focused note and its neighbours, and every note in view
    // once few enough are in view to read.
    ctx.font = '13px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.lineWidth = 3;
    ctx.strokeStyle = haloColour;
    ctx.fillStyle = textColour;
    function label(i) {
      var p = toScreen(i);
      if (p[0] < -80 || p[1] < -20 || p[0] > width + 80 || p[1] > height + 20) return;
      var t = G.t[i].length > 40 ? G.t[i].slice(0, 38) + '…' : G.t[i];
      var y = p[1] + radius[i] * zoom + 3;
      ctx.strokeText(t, p[0], y);
      ctx.fillText(t, p[0], y);
    }
    if (focus < 0) {
      var inView = [];
      for (var m = 0; m < n && inView.length <= 60; m++) {
        if (!visible[m]) continue;
        var sm = toScreen(m);
        if (sm[0] >= 0 && sm[1] >= 0 && sm[0] <= width && sm[1] <= height) inView.push(m);
      }
      if (inView.length <= 60) inView.forEach(label);
    } else {
      near.forEach(function (j) { if (visible[j]) label(j); });
      ctx.font = 'bold 14px system-ui, sans-serif';
      label(focus);
    }
    if (!canvas.dataset.drawn) {
      ctx.getImageData(0, 0, 1, 1);  // the canvas draws lazily: time the pixels, not the calls
      canvas.dataset.drawn = Math.round(performance.now());
      statusEl.textContent = n + ' notes and ' + (G.l.length / 2) + ' links';
    }
  }

  // A grid of the visible notes for hit tests, rebuilt when filters change.
  function index() {
    grid = {};
    for (var i = 0; i < n; i++) {
      if (!visible[i]) continue;
      var key = Math.floor(G.x[i] / cell) + ',' + Math.floor(G.y[i] / cell);
      (grid[key] = grid[key] || []).push(i);
    }
  }
  function hit(px, py) {
    var d = toData(px, py), best = -1, bestD = Infinity;
    var reach = Math.max(8, 12 / view.s);
    var cx = Math.floor(d[0] / cell), cy = Math.floor(d[1] / cell), span = Math.ceil(reach / cell);
    for (var gx = cx - span; gx <= cx + span; gx++)
      for (var gy = cy - span; gy <= cy + span; gy++) {
        var list = grid[gx + ',' + gy];
        if (!list) continue;
        for (var k = 0; k < list.length; k++) {
          var i = list[k], dx = G.x[i] - d[0], dy = G.y[i] - d[1], dd = dx * dx + dy * dy;
          if (dd < bestD) { bestD = dd; best = i; }
        }
      }
    return bestD <= reach * reach ? best : -1;
  }

  function showTip(i, px, py) {
    if (i < 0) { tip.hidden = true; return; }
    tip.textContent = G.t[i] + ' · ' + G.groups[G.g[i]] + ' · ' + adj[i].length + ' linked';
    tip.hidden = false;
    tip.style.left = Math.min(px + 12, width - tip.offsetWidth - 4) + 'px';
    tip.style.top = Math.max(4, py - 34) + 'px';
  }

  function open(i) { window.location.href = G.u[i]; }

  // Pointers: drag pans, two pointers pinch, a click (no drag) opens a note.
  var pointers = {}, dragged = false, last = null, pinch = 0;
  function pos(e) { var r = canvas.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; }
  canvas.addEventListener('pointerdown', function (e) {
    pointers[e.pointerId] = pos(e);
    canvas.setPointerCapture(e.pointerId);
    dragged = false;
    last = pos(e);
    var ids = Object.keys(pointers);
    if (ids.length === 2) {
      var a = pointers[ids[0]], b = pointers[ids[1]];
      pinch = Math.hypot(a[0] - b[0], a[1] - b[1]);
    }
  });
  canvas.addEventListener('pointermove', function (e) {
    var p = pos(e);
    if (pointers[e.pointerId]) {
      var ids = Object.keys(pointers);
      pointers[e.pointerId] = p;
      if (ids.length === 2) {
        var a = pointers[ids[0]], b = pointers[ids[1]], d = Math.hypot(a[0] - b[0], a[1] - b[1]);
        if (pinch > 0) zoomAt((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, d / pinch, true);
        pinch = d;
        dragged = true;
        return;
      }
      if (Math.abs(p[0] - last[0]) + Math.abs(p[1] - last[1]) > 3 || dragged) {
        dragged = true;
        view.x -= (p[0] - last[0]) / view.s;
        view.y -= (p[1] - last[1]) / view.s;
        last = p;
        tip.hidden = true;
        gesture();
      }
      return;
    }
    var i = hit(p[0], p[1]);
    if (i !== hover) hover_(i);
    canvas.style.cursor = i >= 0 ? 'pointer' : 'grab';
    showTip(i, p[0], p[1]);
  });
  function up(e) {
    var wasDrag = dragged;
    delete pointers[e.pointerId];
    pinch = 0;
    if (e.type === 'pointerup' && !wasDrag && Object.keys(pointers).length === 0) {
      var p = pos(e), i = hit(p[0], p[1]);
      if (i >= 0) open(i);
    }
  }
  canvas.addEventListener('pointerup', up);
  canvas.addEventListener('pointercancel', up);
  canvas.addEventListener('pointerleave', function () { if (hover >= 0) hover_(-1); tip.hidden = true; });
  function zoomAt(px, py, factor, smooth) {
    var before = toData(px, py);
    view.s = Math.max(0.02, Math.min(20, view.s * factor));
    var after = toData(px, py);
    view.x += before[0] - after[0];
    view.y += before[1] - after[1];
    if (smooth) gesture();
    else draw();
  }
  canvas.addEventListener('wheel', function (e) {
    e.preventDefault();
    var p = pos(e);
    zoomAt(p[0], p[1], Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015)), true);
  }, { passive: false });

  function setup() {
    var controls = document.getElementById('graph-controls');
    var groupsEl = document.getElementById('graph-groups');
    var tagEl = document.getElementById('graph-tag');
    var findEl = document.getElementById('graph-find');
    var titles = document.getElementById('graph-titles');
    var shownGroups = G.groups.map(function () { return true; });
    var counts = G.groups.map(function () { return 0; });
    for (var i = 0; i < n; i++) counts[G.g[i]]++;
    G.groups.forEach(function (name, k) {
      var l = document.createElement('label');
      l.className = 'graph-group';
      var box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = true;
      box.addEventListener('change', function () { shownGroups[k] = box.checked; filter(); });
      var dot = document.createElement('span');
      dot.className = 'graph-dot';
      dot.style.background = 'var(--graph-' + (k % 8) + ')';
      dot.setAttribute('aria-hidden', 'true');
      l.appendChild(box);
      l.appendChild(dot);
      l.appendChild(document.createTextNode(' ' + name + ' (' + counts[k] + ')'));
      groupsEl.appendChild(l);
    });
    G.tags.forEach(function (name, k) {
      var o = document.createElement('option');
      o.value = String(k);
      o.textContent = '#' + name;
      tagEl.appendChild(o);
    });
    tagEl.addEventListener('change', filter);
    // The datalist of titles, for up to a few thousand notes (a longer one
    // only slows typing); past that, the box matches by its text alone.
    if (n <= 3000)
      for (var t = 0; t < n; t++) {
        var o = document.createElement('option');
        o.value = G.t[t];
        titles.appendChild(o);
      }
    function find() {
      var q = findEl.value.trim().toLowerCase();
      if (!q) { picked = -1; draw(false); return; }
      var best = -1;
      for (var i = 0; i < n; i++) {
        var t = G.t[i].toLowerCase();
        if (t === q) { best = i; break; }
        if (best < 0 && t.indexOf(q) >= 0) best = i;
      }
      if (best < 0) { statusEl.textContent = 'No note titled “' + findEl.value + '”'; return; }
      picked = best;
      if (!visible[best]) { shownGroups[G.g[best]] = true; groupsEl.querySelectorAll('input')[G.g[best]].checked = true; tagEl.value = ''; filter(); }
      view.x = G.x[best];
      view.y = G.y[best];
      view.s = Math.max(view.s, 2);
      draw();
      statusEl.textContent = '';
      var a = document.createElement('a');
      a.href = G.u[best];
      a.textContent = 'Open ' + G.t[best];
      statusEl.appendChild(document.createTextNode(G.t[best] + ': ' + adj[best].length + ' linked notes. '));
      statusEl.appendChild(a);
    }
    findEl.addEventListener('change', find);
    findEl.addEventListener('keydown', function (e) { if (e.key === 'Enter') { e.preventDefault(); find(); } });
    function filter() {
      var tag = tagEl.value === '' ? -1 : Number(tagEl.value);
      var count = 0;
      for (var i = 0; i < n; i++) {
        visible[i] = shownGroups[G.g[i]] && (tag < 0 || G.tg[i].indexOf(tag) >= 0);
        if (visible[i]) count++;
      }
      index();
      hover = -1;
      fit();
      statusEl.textContent = count + ' of ' + n + ' notes shown';
    }
    document.getElementById('graph-in').addEventListener('click', function () { zoomAt(width / 2, height / 2, 1.5); });
    document.getElementById('graph-out').addEventListener('click', function () { zoomAt(width / 2, height / 2, 1 / 1.5); });
    document.getElementById('graph-fit').addEventListener('click', fit);
    controls.hidden = false;
  }

  window.kbGraphData = function (data) {
    G = data;
    n = G.x.length;
    adj = [];
    for (var i = 0; i < n; i++) adj.push([]);
    for (var k = 0; k < G.l.length; k += 2) {
      adj[G.l[k]].push(G.l[k + 1]);
      adj[G.l[k + 1]].push(G.l[k]);
    }
    radius = adj.map(function (a) { return Math.min(9, 2.5 + Math.sqrt(a.length)); });
    visible = new Array(n).fill(true);
    readColours();
    index();
    setup();
    resize();
    fit();
  };
  // Colours follow the theme (kb.js sets data-theme; the system may switch).
  new MutationObserver(function () { readColours(); draw(); })
    .observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  if (window.matchMedia) window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', function () { readColours(); draw(); });
  window.addEventListener('resize', resize);
  var s = document.createElement('script');
  s.src = me.getAttribute('data-src');
  s.onerror = function () { statusEl.textContent = 'The graph data (' + s.src + ') could not be loaded.'; };
  document.body.appendChild(s);
})();
