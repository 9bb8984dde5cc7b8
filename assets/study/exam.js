/* exam.html: a practice exam over the page's questions. The questions are
   the page's own list (what a reader without JS gets: each answer in a
   <details>); this script hides it and runs an attempt:
   - exam mode: questions drawn at random by the picked exam's domain
     weights (largest remainder, a domain short of questions made up from
     the others), answers checked at the end, an optional timer;
   - practice mode: one domain's questions, each answer and explanation
     shown as soon as it is checked.
   At the end: the score, the score per domain, the weakest domain with a
   link to its notes, every missed question with its explanation. Attempts
   stay in this browser's localStorage ('kb-exam-v1': {attempts: [...]},
   newest last), which the home page's study panel reads too.
   Keys: A-H pick an option, Enter goes on (checks first in practice). */
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var app = $('exam-app'), list = $('exam-list'), data = $('exam-data');
  if (!app || !list || !data) return;
  var exams;
  try { exams = JSON.parse(data.textContent); } catch (e) { return; }
  if (!exams.length) return;
  var KEY = 'kb-exam-v1', KEEP = 50;
  var store;
  try { store = JSON.parse(localStorage.getItem(KEY) || '{}') || {}; } catch (e) { store = {}; }
  if (!Array.isArray(store.attempts)) store.attempts = [];
  function save() {
    try { localStorage.setItem(KEY, JSON.stringify(store)); } catch (e) { /* private mode: this session only */ }
  }

  var questions = Array.prototype.map.call(list.querySelectorAll('.exam-item'), function (el) {
    var inExam = {};
    (el.getAttribute('data-exams') || '').split(' ').filter(Boolean).forEach(function (pair) {
      var at = pair.lastIndexOf(':');
      inExam[pair.slice(0, at)] = pair.slice(at + 1);
    });
    return {
      id: el.getAttribute('data-id'),
      answers: (el.getAttribute('data-answers') || '').split(',').filter(Boolean).map(Number),
      exams: inExam,
      stem: el.querySelector('.quiz-stem').innerHTML,
      options: Array.prototype.map.call(el.querySelectorAll('.quiz-options > li'), function (li) { return li.innerHTML; }),
      explanation: el.querySelector('.quiz-explanation').innerHTML,
      source: el.querySelector('.exam-source').innerHTML
    };
  });

  var pick = $('exam-pick'), mode = $('exam-mode'), domainSel = $('exam-domain');
  var lengthIn = $('exam-length'), timed = $('exam-timed'), minutes = $('exam-minutes');
  exams.forEach(function (e, i) {
    var o = document.createElement('option');
    o.value = String(i);
    o.textContent = e.title + (e.retired ? ' (retired)' : '');
    pick.appendChild(o);
  });
  function exam() { return exams[Number(pick.value) || 0]; }
  function letter(k) { return String.fromCharCode(65 + k); }
  function domainOf(q, e) { return q.exams[e.id] || ''; }
  function pool(e, domain) {
    return questions.filter(function (q) {
      var d = domainOf(q, e);
      return d && (!domain || d === domain);
    });
  }
  function shuffle(a) {
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1)), t = a[i];
      a[i] = a[j]; a[j] = t;
    }
    return a;
  }
  function text(el, s) { el.textContent = s; return el; }
  function make(tag, cls, content) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (content !== undefined) el.textContent = content;
    return el;
  }
  function pct(c, t) { return t ? Math.round(100 * c / t) : 0; }

  // The draw: each domain's share of `n` by weight (largest remainder),
  // capped by the questions it has; what a domain lacks comes from the rest.
  function draw(e, n) {
    var by = {}, total = 0;
    e.domains.forEach(function (d) { by[d.id] = shuffle(pool(e, d.id)); total += d.weight; });
    var quota = e.domains.map(function (d) {
      var exact = total ? n * d.weight / total : n / e.domains.length;
      return { id: d.id, n: Math.floor(exact), rest: exact - Math.floor(exact) };
    });
    var left = n - quota.reduce(function (s, q) { return s + q.n; }, 0);
    quota.slice().sort(function (a, b) { return b.rest - a.rest; }).forEach(function (q) {
      if (left > 0) { q.n++; left--; }
    });
    var chosen = [], spare = [];
    quota.forEach(function (q) {
      var have = by[q.id];
      chosen = chosen.concat(have.slice(0, q.n));
      spare = spare.concat(have.slice(q.n));
    });
    shuffle(spare);
    while (chosen.length < n && spare.length) chosen.push(spare.pop());
    return shuffle(chosen);
  }

  function refreshSetup() {
    var e = exam(), practice = mode.value === 'practice';
    $('exam-domain-label').hidden = !practice;
    domainSel.innerHTML = '';
    e.domains.forEach(function (d) {
      var o = make('option', '', d.title + ' (' + pool(e, d.id).length + ')');
      o.value = d.id;
      domainSel.appendChild(o);
    });
    var avail = pool(e, practice ? domainSel.value : '').length;
    lengthIn.max = String(avail);
    if (Number(lengthIn.value) > avail || !practice && Number(lengthIn.value) < 1) lengthIn.value = String(Math.min(65, avail));
    $('exam-avail').textContent = avail + ' questions available' + (practice ? ' in this domain.' : ' in this exam, drawn by its domain weights: ' +
      e.domains.map(function (d) { return d.title + ' ' + d.weight + '%'; }).join(', ') + '.');
    renderHistory();
  }

  function renderHistory() {
    var rows = $('exam-history-rows');
    rows.innerHTML = '';
    var shown = store.attempts.slice(-10).reverse();
    $('exam-history').hidden = !shown.length;
    shown.forEach(function (a) {
      var e = exams.filter(function (x) { return x.id === a.exam; })[0];
      var tr = document.createElement('tr');
      tr.appendChild(make('td', '', new Date(a.at).toLocaleString()));
      tr.appendChild(make('td', '', (e ? e.title : a.exam) + (a.mode === 'practice' ? ' · practice' : '')));
      tr.appendChild(make('td', '', a.correct + '/' + a.n + ' (' + pct(a.correct, a.n) + '%)'));
      var parts = [];
      (e ? e.domains : []).forEach(function (d) {
        var s = a.domains[d.id];
        if (s && s[1]) parts.push(d.title + ' ' + pct(s[0], s[1]) + '%');
      });
      tr.appendChild(make('td', '', parts.join(' · ')));
      rows.appendChild(tr);
    });
  }

  // The attempt being taken.
  var run = null, tick = null;
  function start(ev) {
    if (ev) ev.preventDefault();
    var e = exam(), practice = mode.value === 'practice';
    var n = Math.max(1, Math.floor(Number(lengthIn.value) || 65));
    var qs = practice ? shuffle(pool(e, domainSel.value)).slice(0, n) : draw(e, n);
    if (!qs.length) return;
    run = {
      exam: e, practice: practice, domain: practice ? domainSel.value : '', qs: qs, at: 0,
      chosen: qs.map(function () { return []; }), flagged: qs.map(function () { return false; }),
      checked: qs.map(function () { return false; }), started: Date.now(),
      ends: !practice && timed.checked ? Date.now() + 60000 * Math.max(1, Number(minutes.value) || 130) : 0,
      armed: false
    };
    $('exam-setup').hidden = true;
    $('exam-history').hidden = true;
    $('exam-result').hidden = true;
    $('exam-run').hidden = false;
    $('exam-flag').parentNode.hidden = practice;
    $('exam-grid').hidden = practice;
    if (tick) clearInterval(tick);
    tick = run.ends ? setInterval(clock, 1000) : null;
    clock();
    show(0);
    var first = $('exam-question').querySelector('input');
    if (first) first.focus();
  }

  function clock() {
    var el = $('exam-timer');
    if (!run || !run.ends) { el.textContent = ''; return; }
    var left = Math.max(0, run.ends - Date.now()), m = Math.floor(left / 60000), s = Math.floor(left / 1000) % 60;
    el.textContent = m + ':' + (s < 10 ? '0' : '') + s + ' left';
    if (left === 0) finish();
  }

  function show(i) {
    run.at = i;
    run.armed = false;
    var q = run.qs[i], box = $('exam-question'), multi = q.answers.length > 1;
    $('exam-progress').textContent = 'Question ' + (i + 1) + ' of ' + run.qs.length +
      (run.practice ? '' : ' · ' + run.chosen.filter(function (c) { return c.length; }).length + ' answered');
    box.innerHTML = '';
    var stem = make('div', 'quiz-stem');
    stem.id = 'exam-stem';
    stem.innerHTML = q.stem;
    box.appendChild(stem);
    var group = make('div', 'exam-options');
    group.setAttribute('role', multi ? 'group' : 'radiogroup');
    group.setAttribute('aria-labelledby', 'exam-stem');
    q.options.forEach(function (html, k) {
      var label = make('label', 'exam-option');
      var input = document.createElement('input');
      input.type = multi ? 'checkbox' : 'radio';
      input.name = 'exam-answer';
      input.value = String(k);
      input.checked = run.chosen[i].indexOf(k) >= 0;
      input.disabled = run.checked[i];
      input.addEventListener('change', function () { choose(k, input.checked); });
      label.appendChild(input);
      label.appendChild(make('span', 'exam-letter', letter(k)));
      var body = make('span', 'exam-option-text');
      body.innerHTML = html;
      label.appendChild(body);
      group.appendChild(label);
    });
    box.appendChild(group);
    if (multi) box.appendChild(make('p', 'exam-hint', 'Choose ' + q.answers.length + '.'));
    $('exam-flag').checked = run.flagged[i];
    $('exam-prev').disabled = i === 0;
    var last = i === run.qs.length - 1;
    $('exam-next').hidden = last && (!run.practice || run.checked[i]);
    $('exam-next').textContent = run.practice && !run.checked[i] ? 'Check' : 'Next';
    $('exam-feedback').hidden = true;
    if (run.practice && run.checked[i]) feedback(i);
    grid();
  }

  function choose(k, on) {
    var i = run.at, q = run.qs[i], c = run.chosen[i];
    if (run.checked[i]) return;
    if (q.answers.length > 1) {
      var at = c.indexOf(k);
      if (on && at < 0) c.push(k);
      if (!on && at >= 0) c.splice(at, 1);
      c.sort();
    } else {
      run.chosen[i] = [k];
    }
    if (!run.practice) $('exam-progress').textContent = 'Question ' + (i + 1) + ' of ' + run.qs.length + ' · ' +
      run.chosen.filter(function (x) { return x.length; }).length + ' answered';
    grid();
  }

  function right(i) {
    var a = run.qs[i].answers, c = run.chosen[i];
    return a.length === c.length && a.every(function (k) { return c.indexOf(k) >= 0; });
  }

  function explanation(q, chosen) {
    var div = make('div', 'exam-explain');
    var key = make('p', 'quiz-key');
    key.innerHTML = 'Answer: <strong>' + q.answers.map(letter).join(' and ') + '</strong>' +
      (chosen ? ' · yours: ' + (chosen.length ? chosen.map(letter).join(' and ') : 'none') : '');
    div.appendChild(key);
    var body = make('div', 'quiz-explanation');
    body.innerHTML = q.explanation;
    div.appendChild(body);
    var src = make('p', 'exam-source');
    src.innerHTML = q.source;
    div.appendChild(src);
    return div;
  }

  function feedback(i) {
    var box = $('exam-feedback'), ok = right(i);
    box.innerHTML = '';
    box.className = 'exam-feedback ' + (ok ? 'is-right' : 'is-wrong');
    box.appendChild(make('p', 'exam-verdict', ok ? 'Correct.' : 'Not quite.'));
    box.appendChild(explanation(run.qs[i], null));
    box.hidden = false;
  }

  function next() {
    var i = run.at;
    if (run.practice && !run.checked[i]) {
      if (!run.chosen[i].length) return;
      run.checked[i] = true;
      show(i);
      $('exam-feedback').focus();
      return;
    }
    if (i + 1 < run.qs.length) show(i + 1);
  }

  function grid() {
    var nav = $('exam-grid');
    if (run.practice) return;
    nav.innerHTML = '';
    run.qs.forEach(function (q, k) {
      var b = make('button', 'exam-cell' + (run.chosen[k].length ? ' is-answered' : '') + (run.flagged[k] ? ' is-flagged' : '') +
        (k === run.at ? ' is-current' : ''), String(k + 1));
      b.type = 'button';
      b.setAttribute('aria-label', 'Question ' + (k + 1) + (run.chosen[k].length ? ', answered' : ', not answered') +
        (run.flagged[k] ? ', flagged' : ''));
      if (k === run.at) b.setAttribute('aria-current', 'step');
      b.addEventListener('click', function () { show(k); });
      nav.appendChild(b);
    });
  }

  function finish() {
    if (!run) return;
    var open = run.chosen.filter(function (c) { return !c.length; }).length;
    var timeUp = run.ends && Date.now() >= run.ends;
    if (!run.practice && open && !run.armed && !timeUp) {
      run.armed = true;
      var box = $('exam-feedback');
      box.className = 'exam-feedback is-warning';
      box.textContent = open + (open === 1 ? ' question is' : ' questions are') + ' not answered. Press Finish again to end the attempt.';
      box.hidden = false;
      return;
    }
    if (tick) clearInterval(tick);
    tick = null;
    var e = run.exam, per = {}, correct = 0, missed = [];
    run.qs.forEach(function (q, i) {
      var d = domainOf(q, e);
      if (!per[d]) per[d] = [0, 0];
      per[d][1]++;
      if (right(i)) { correct++; per[d][0]++; } else missed.push(i);
    });
    store.attempts.push({
      at: new Date().toISOString(), exam: e.id, mode: run.practice ? 'practice' : 'exam', domain: run.domain,
      n: run.qs.length, correct: correct, seconds: Math.round((Date.now() - run.started) / 1000), domains: per
    });
    store.attempts = store.attempts.slice(-KEEP);
    save();
    $('exam-run').hidden = true;
    var result = $('exam-result');
    result.hidden = false;
    text($('exam-score'), correct + ' of ' + run.qs.length + ' correct (' + pct(correct, run.qs.length) + '%)' +
      (timeUp ? ', when the time ran out' : '') + '.');
    var rows = $('exam-domains'), weakest = null;
    rows.innerHTML = '';
    e.domains.forEach(function (d) {
      var s = per[d.id];
      if (!s) return;
      var tr = document.createElement('tr');
      tr.appendChild(make('th', '', d.title)).setAttribute('scope', 'row');
      tr.appendChild(make('td', '', s[0] + '/' + s[1]));
      tr.appendChild(make('td', '', pct(s[0], s[1]) + '%'));
      rows.appendChild(tr);
      if (!weakest || s[0] / s[1] < weakest.s[0] / weakest.s[1]) weakest = { d: d, s: s };
    });
    var weak = $('exam-weakest');
    weak.innerHTML = '';
    if (weakest && weakest.s[0] < weakest.s[1]) {
      weak.appendChild(document.createTextNode('Weakest domain: '));
      var a = make(weakest.d.url ? 'a' : 'strong', '', weakest.d.title);
      if (weakest.d.url) a.href = weakest.d.url;
      weak.appendChild(a);
      weak.appendChild(document.createTextNode(' (' + pct(weakest.s[0], weakest.s[1]) + '%): read its notes again.'));
    }
    var box = $('exam-missed');
    box.innerHTML = '';
    $('exam-missed-title').textContent = missed.length ? 'Missed questions (' + missed.length + ')' : 'No question missed';
    missed.forEach(function (i) {
      var q = run.qs[i], item = make('div', 'exam-missed-item quiz');
      var stem = make('div', 'quiz-stem');
      stem.innerHTML = q.stem;
      item.appendChild(stem);
      var ol = make('ol', 'quiz-options');
      ol.type = 'A';
      q.options.forEach(function (html, k) {
        var li = make('li', q.answers.indexOf(k) >= 0 ? 'is-correct' : run.chosen[i].indexOf(k) >= 0 ? 'is-chosen' : '');
        li.innerHTML = html;
        ol.appendChild(li);
      });
      item.appendChild(ol);
      item.appendChild(explanation(q, run.chosen[i]));
      box.appendChild(item);
    });
    run = null;
    result.focus();
  }

  function again() {
    $('exam-result').hidden = true;
    $('exam-setup').hidden = false;
    refreshSetup();
    pick.focus();
  }

  list.hidden = true;
  app.hidden = false;
  $('exam-setup').addEventListener('submit', start);
  pick.addEventListener('change', refreshSetup);
  mode.addEventListener('change', function () {
    lengthIn.value = mode.value === 'practice' ? '10' : '65';
    refreshSetup();
  });
  domainSel.addEventListener('change', function () {
    var keep = domainSel.value;
    refreshSetup();
    domainSel.value = keep;
    var avail = pool(exam(), keep).length;
    lengthIn.max = String(avail);
    if (Number(lengthIn.value) > avail) lengthIn.value = String(avail);
    $('exam-avail').textContent = avail + ' questions available in this domain.';
  });
  lengthIn.addEventListener('change', function () {
    minutes.value = String(Math.max(1, Math.round(2 * (Number(lengthIn.value) || 65))));
  });
  $('exam-prev').addEventListener('click', function () { if (run && run.at > 0) show(run.at - 1); });
  $('exam-next').addEventListener('click', function () { if (run) next(); });
  $('exam-submit').addEventListener('click', finish);
  $('exam-again').addEventListener('click', again);
  $('exam-flag').addEventListener('change', function () {
    if (!run) return;
    run.flagged[run.at] = $('exam-flag').checked;
    grid();
  });
  document.addEventListener('keydown', function (e) {
    if (!run || e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target;
    if (t && (/^(SELECT|TEXTAREA)$/.test(t.tagName) || (t.tagName === 'INPUT' && t.type !== 'radio' && t.type !== 'checkbox'))) return;
    if (t && (t.tagName === 'BUTTON' || t.tagName === 'A') && e.key === 'Enter') return;  // the control's own action
    var k = e.key.length === 1 ? e.key.toUpperCase().charCodeAt(0) - 65 : -1;
    var inputs = $('exam-question').querySelectorAll('input');
    if (k >= 0 && k < inputs.length && !inputs[k].disabled) {
      e.preventDefault();
      inputs[k].checked = inputs[k].type === 'checkbox' ? !inputs[k].checked : true;
      choose(k, inputs[k].checked);
      inputs[k].focus();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (run.at === run.qs.length - 1 && (!run.practice || run.checked[run.at])) finish();
      else next();
    }
  });
  $('exam-feedback').tabIndex = -1;
  refreshSetup();
})();
