// The review page's scheduler (assets/study/fsrs.js, FSRS-5 with its default
// parameters) against values computed by hand from the published formulas
// (independently, in Python: see the numbers below), and the intervals a
// learner sees.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import vm from 'node:vm';

const source = process.env.KB_SOURCE_DIR || path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const context = {};
vm.runInNewContext(fs.readFileSync(path.join(source, 'assets/study/fsrs.js'), 'utf8'), { self: context });
const F = context.kbFsrs;
const DAY = 86400000;
const close = (a, b, what) => assert.ok(Math.abs(a - b) < 1e-6, `${what}: ${a} != ${b}`);

test('FACTOR makes recall 90% after S days', () => {
  close(F.FACTOR, 19 / 81, 'FACTOR');
  close(F.retrievability(10, 10), 0.9, 'R(S, S)');
});

test('a new card: stability w[g-1], difficulty w4 - e^(w5 (g-1)) + 1', () => {
  const expected = [[0.40255, 7.1949], [1.18385, 6.488305], [3.173, 5.282434], [15.69105, 3.224502]];
  for (let g = 1; g <= 4; ++g) {
    close(F.initialStability(g), expected[g - 1][0], `S0(${g})`);
    assert.ok(Math.abs(F.initialDifficulty(g) - expected[g - 1][1]) < 1e-6, `D0(${g})`);
  }
  const t0 = Date.UTC(2026, 11, 6);
  assert.equal((F.review(null, 3, t0).due - t0) / DAY, 3);   // good: back in 3 days
  assert.equal((F.review(null, 4, t0).due - t0) / DAY, 16);  // easy: 15.69 days, rounded
  assert.equal((F.review(null, 2, t0).due - t0) / DAY, 1);
  assert.equal(F.review(null, 1, t0).due - t0, 10 * 60000);  // again: ten minutes
});

test('reviews after a delay move stability and difficulty as the formulas say', () => {
  const t0 = Date.UTC(2026, 11, 6);
  const first = F.review(null, 3, t0);
  const second = F.review(first, 3, t0 + 3 * DAY);  // good, on time
  close(F.retrievability(3, 3.173), 0.9046982108893272, 'R after 3 days');
  close(second.stability, 10.73892584613159, 'S after good');
  close(second.difficulty, 5.272967931287446, 'D after good');
  assert.equal((second.due - second.last) / DAY, 11);
  assert.equal(second.reps, 2);
  const third = F.review(second, 1, second.last + 11 * DAY);  // forgotten
  close(third.stability, 2.185775232039225, 'S after again');
  close(third.difficulty, 6.790567694566929, 'D after again');
  assert.equal(third.lapses, 1);
  assert.equal(third.due - third.last, 10 * 60000);
  const easy = F.review(first, 4, t0 + 3 * DAY), hard = F.review(first, 2, t0 + 3 * DAY);
  close(easy.stability, 25.79360509476422, 'S after easy');
  close(easy.difficulty, 4.510985606964673, 'D after easy');
  close(hard.stability, 4.924511833379462, 'S after hard');
  close(hard.difficulty, 6.0349502556102195, 'D after hard');
});

test('a second grade the same day uses the short-term stability', () => {
  const t0 = Date.UTC(2026, 11, 6);
  const first = F.review(null, 1, t0);
  const again = F.review(first, 3, t0 + 10 * 60000);
  close(again.stability, 0.40255 * Math.exp(0.51655 * (0 + 0.6621)), 'S same day');
  assert.equal((again.due - again.last) / DAY, 1);
});
