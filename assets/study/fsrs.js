/* FSRS-5 (Free Spaced Repetition Scheduler, open-spaced-repetition), the
   scheduler of kb's review page: each card's memory is a stability S (days
   until recall drops to 90%) and a difficulty D (1-10); a grade 1-4 (again,
   hard, good, easy) moves them and sets the next due date so that recall is
   at the requested retention. Default parameters, day granularity; a
   forgotten card (or a new one graded "again") comes back in ten minutes.
   Plain script: defines self.kbFsrs (and module.exports under node). */
(function (root) {
  'use strict';
  var W = [0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046, 1.54575, 0.1192,
           1.01925, 1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621];
  var DECAY = -0.5;
  var FACTOR = Math.pow(0.9, 1 / DECAY) - 1;  // 19/81: R(S, S) = 0.9
  var DAY = 86400000, RELEARN = 10 * 60000;

  function clamp(x, lo, hi) { return Math.min(hi, Math.max(lo, x)); }
  function initialDifficulty(g) { return clamp(W[4] - Math.exp(W[5] * (g - 1)) + 1, 1, 10); }
  function initialStability(g) { return W[g - 1]; }
  // Probability of recall t days after the last review.
  function retrievability(t, s) { return Math.pow(1 + FACTOR * t / s, DECAY); }
  // Days until recall falls to `retention`.
  function interval(s, retention, max) {
    var days = s / FACTOR * (Math.pow(retention, 1 / DECAY) - 1);
    return clamp(Math.round(days), 1, max || 36500);
  }
  function nextDifficulty(d, g) {
    var moved = d + (-W[6] * (g - 3)) * (10 - d) / 9;  // linear damping near 10
    return clamp(W[7] * initialDifficulty(4) + (1 - W[7]) * moved, 1, 10);  // mean reversion
  }
  function recallStability(d, s, r, g) {
    var hard = g === 2 ? W[15] : 1, easy = g === 4 ? W[16] : 1;
    return s * (1 + Math.exp(W[8]) * (11 - d) * Math.pow(s, -W[9]) * (Math.exp(W[10] * (1 - r)) - 1) * hard * easy);
  }
  function forgetStability(d, s, r) {
    return W[11] * Math.pow(d, -W[12]) * (Math.pow(s + 1, W[13]) - 1) * Math.exp(W[14] * (1 - r));
  }
  function shortTermStability(s, g) { return s * Math.exp(W[17] * (g - 3 + W[18])); }

  // The card after grade `g` (1-4) at time `now` (ms); `card` null for a new
  // one. A card: {stability, difficulty, due, last, reps, lapses}.
  function review(card, g, now, retention) {
    retention = retention || 0.9;
    var next = { reps: 1, lapses: g === 1 ? 1 : 0, last: now };
    if (!card || !card.last) {
      next.lapses = 0;
      next.stability = initialStability(g);
      next.difficulty = initialDifficulty(g);
    } else {
      var days = (now - card.last) / DAY;
      next.reps = card.reps + 1;
      next.lapses = card.lapses + (g === 1 ? 1 : 0);
      next.difficulty = nextDifficulty(card.difficulty, g);
      if (days < 1) {
        next.stability = shortTermStability(card.stability, g);
      } else {
        var r = retrievability(days, card.stability);
        next.stability = g === 1 ? Math.min(forgetStability(card.difficulty, card.stability, r), card.stability)
                                 : recallStability(card.difficulty, card.stability, r, g);
      }
    }
    next.due = g === 1 ? now + RELEARN : now + interval(next.stability, retention) * DAY;
    return next;
  }

  var api = {
    W: W, DECAY: DECAY, FACTOR: FACTOR, DAY: DAY,
    initialDifficulty: initialDifficulty, initialStability: initialStability, retrievability: retrievability,
    interval: interval, nextDifficulty: nextDifficulty, recallStability: recallStability,
    forgetStability: forgetStability, review: review
  };
  root.kbFsrs = api;
  if (typeof module === 'object' && module.exports) module.exports = api;
})(typeof self !== 'undefined' ? self : globalThis);
