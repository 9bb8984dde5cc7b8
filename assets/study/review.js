/* review.html: a review session over the page's flashcards, scheduled by
   FSRS (fsrs.js). The cards are the page's own <details> list (what a
   reader without JS gets); this script hides the list and shows one card at
   a time. State stays in this browser's localStorage, keyed by card id:
   {stability, difficulty, due, last, reps, lapses}. Keys: Space shows the
   answer, 1-4 grade it (again, hard, good, easy). */
(function () {
  'use strict';
  var F = window.kbFsrs;
  var app = document.getElementById('review-app');
  var list = document.getElementById('review-list');
  if (!F || !app || !list) return;
  var KEY = 'kb-review-v1';
  var NEW_PER_SESSION = 20;
  var state = {};
  try { state = JSON.parse(localStorage.getItem(KEY) || '{}') || {}; } catch (e) { state = {}; }
  function save() {
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode: this session only */ }
  }
  var cards = Array.prototype.map.call(list.querySelectorAll('.review-card'), function (el) {
    return {
      id: el.getAttribute('data-id'),
      domain: el.getAttribute('data-domain') || '',
      domainTitle: el.getAttribute('data-domain-title') || 'Other',
      tags: (el.getAttribute('data-tags') || '').split(' ').filter(Boolean),
      front: el.querySelector('summary').innerHTML,
      back: el.querySelector('.review-answer').innerHTML
    };
  });
  var $ = function (id) { return document.getElementById(id); };
  var domainSel = $('review-domain'), tagSel = $('review-tag');
  var current = null, shown = false, newSeen = 0;

  function inScope(c) {
    return (!domainSel.value || c.domain === domainSel.value) && (!tagSel.value || c.tags.indexOf(tagSel.value) >= 0);
  }
  function isDue(c, now) { var s = state[c.id]; return s && s.due <= now; }
  function counts() {
    var now = Date.now(), rows = {}, order = [];
    cards.forEach(function (c) {
      if (!inScope(c)) return;
      if (!rows[c.domainTitle]) { rows[c.domainTitle] = { due: 0, fresh: 0, learned: 0 }; order.push(c.domainTitle); }
      var s = state[c.id], r = rows[c.domainTitle];
      if (!s) r.fresh++; else if (s.due <= now) r.due++; else r.learned++;
    });
    // The exam's domain order, as the select lists it; cards of no domain last.
    var rank = {};
    Array.prototype.forEach.call(domainSel.options, function (o, i) { rank[o.textContent] = i; });
    order.sort(function (a, b) { return (rank[a] === undefined ? 1e9 : rank[a]) - (rank[b] === undefined ? 1e9 : rank[b]); });
    var body = $('review-counts');
    body.textContent = '';
    order.forEach(function (name) {
      var tr = document.createElement('tr');
      [name, rows[name].due, rows[name].fresh, rows[name].learned].forEach(function (v, i) {
        var cell = document.createElement(i ? 'td' : 'th');
        if (!i) cell.setAttribute('scope', 'row');
        cell.textContent = String(v);
        tr.appendChild(cell);
      });
      body.appendChild(tr);
    });
  }
  // Due cards first (oldest due first), then new ones, a few per session.
  function pick() {
    var now = Date.now(), due = null, fresh = null;
    cards.forEach(function (c) {
      if (!inScope(c) || (current && c.id === current.id)) return;
      var s = state[c.id];
      if (s && s.due <= now && (!due || s.due < state[due.id].due)) due = c;
      if (!s && !fresh) fresh = c;
    });
    return due || (newSeen < NEW_PER_SESSION ? fresh : null);
  }
  function days(ms) {
    var d = ms / F.DAY;
    return d < 1 ? Math.max(1, Math.round(ms / 60000)) + ' min' : Math.round(d) + (Math.round(d) === 1 ? ' day' : ' days');
  }
  function show(c) {
    current = c;
    shown = false;
    $('review-done').hidden = !!c;
    $('review-current').hidden = !c;
    if (!c) return;
    $('review-where').textContent = c.domainTitle;
    $('review-q').innerHTML = c.front;
    $('review-a').innerHTML = c.back;
    $('review-a').hidden = true;
    $('review-grades').hidden = true;
    $('review-show').hidden = false;
    var now = Date.now();
    Array.prototype.forEach.call($('review-grades').querySelectorAll('button'), function (b) {
      var next = F.review(state[c.id] || null, Number(b.getAttribute('data-grade')), now);
      b.querySelector('span').textContent = days(next.due - now);
    });
  }
  function reveal() {
    if (!current || shown) return;
    shown = true;
    $('review-a').hidden = false;
    $('review-grades').hidden = false;
    $('review-show').hidden = true;
    $('review-grades').querySelector('[data-grade="3"]').focus();
  }
  function grade(g) {
    if (!current || !shown) return;
    if (!state[current.id]) newSeen++;
    state[current.id] = F.review(state[current.id] || null, g, Date.now());
    save();
    counts();
    show(pick());
  }
  function restart() { current = null; counts(); show(pick()); }

  list.hidden = true;
  app.hidden = false;
  $('review-show').addEventListener('click', reveal);
  $('review-grades').addEventListener('click', function (e) {
    var b = e.target.closest('button[data-grade]');
    if (b) grade(Number(b.getAttribute('data-grade')));
  });
  domainSel.addEventListener('change', restart);
  tagSel.addEventListener('change', restart);
  document.addEventListener('keydown', function (e) {
    if (e.target && /^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName)) return;
    if (e.key === ' ' && current && !shown) { e.preventDefault(); reveal(); }
    else if (/^[1-4]$/.test(e.key) && shown) { e.preventDefault(); grade(Number(e.key)); }
  });
  restart();
})();
