/* The home page's study panel: what is due and how the last exam went, from
   this browser's own records (review.js's 'kb-review-v1', exam.js's
   'kb-exam-v1'). Without JS, or with nothing recorded, the panel is its
   links and counts. (Cards due are counted from the schedule kept here:
   a card since deleted from the notes still counts until it is gone from it.) */
(function () {
  'use strict';
  var panel = document.getElementById('study-panel');
  if (!panel) return;
  function read(key) {
    try { return JSON.parse(localStorage.getItem(key) || 'null'); } catch (e) { return null; }
  }
  function make(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (text !== undefined) el.textContent = text;
    return el;
  }
  function pct(c, t) { return t ? Math.round(100 * c / t) : 0; }

  var due = document.getElementById('study-due');
  var cards = Number(panel.getAttribute('data-cards')) || 0;
  var review = read('kb-review-v1') || {};
  if (due) {
    var end = new Date();
    end.setHours(23, 59, 59, 999);
    var seen = 0, today = 0;
    Object.keys(review).forEach(function (id) {
      seen++;
      if (review[id] && review[id].due <= end.getTime()) today++;
    });
    if (seen) due.textContent = today + (today === 1 ? ' card' : ' cards') + ' due today · ' + Math.max(0, cards - seen) + ' new';
  }

  var domains = [];
  try { domains = JSON.parse(document.getElementById('study-domains').textContent) || []; } catch (e) { domains = []; }
  var store = read('kb-exam-v1');
  var exam = panel.getAttribute('data-exam') || '';
  var attempts = store && Array.isArray(store.attempts) ? store.attempts : [];
  var last = null;
  for (var i = attempts.length - 1; i >= 0 && !last; i--)
    if (attempts[i].mode === 'exam' && attempts[i].exam === exam) last = attempts[i];
  if (!last || !domains.length) return;
  var box = document.getElementById('study-scores');
  box.appendChild(make('p', 'study-last', 'Last practice exam, ' + new Date(last.at).toLocaleDateString() + ': ' +
    last.correct + ' of ' + last.n + ' (' + pct(last.correct, last.n) + '%)'));
  var list = make('ul', 'study-domains'), weakest = null;
  domains.forEach(function (d) {
    var s = last.domains && last.domains[d.id];
    if (!s || !s[1]) return;
    var li = make('li');
    var score = pct(s[0], s[1]);
    li.appendChild(make('span', 'study-domain', d.title));
    var bar = make('span', 'study-bar');
    bar.setAttribute('role', 'img');
    bar.setAttribute('aria-label', score + '%');
    var fill = make('span');
    fill.style.width = score + '%';
    bar.appendChild(fill);
    li.appendChild(bar);
    li.appendChild(make('span', 'study-score', score + '%'));
    list.appendChild(li);
    if (!weakest || s[0] / s[1] < weakest.s[0] / weakest.s[1]) weakest = { d: d, s: s };
  });
  box.appendChild(list);
  if (weakest && weakest.s[0] < weakest.s[1]) {
    var p = make('p', 'study-weakest', 'Weakest domain: ');
    var a = make(weakest.d.url ? 'a' : 'strong', '', weakest.d.title);
    if (weakest.d.url) a.href = weakest.d.url;
    p.appendChild(a);
    p.appendChild(document.createTextNode(' (' + pct(weakest.s[0], weakest.s[1]) + '%): read its notes again.'));
    box.appendChild(p);
  }
  box.hidden = false;
})();
