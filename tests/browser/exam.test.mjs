// exam.html from file://: the quizzes fixture's 12 questions (5 of domain
// "data", 7 of "models" in the active exam; all "modeling" in the retired
// one) as a practice exam (assets/study/exam.js): a 10-question attempt drawn
// by the domain weights (40/60: 4 and 6), answered by keyboard, scored per
// domain, the missed ones explained, the attempt kept in localStorage; a
// per-domain practice run; dark mode at phone width; and without JS, the
// list of questions with each answer in a <details>.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { assertRequestsStayUnder, buildFixture, launchBrowser, newPage, screenshot, tempDir } from './helpers.mjs';

let work;
let out;
let browser;
let examUrl;

before(async () => {
  work = tempDir('kb-exam-');
  out = buildFixture('quizzes', path.join(work, 'site'));
  examUrl = pathToFileURL(path.join(out, 'exam.html')).href;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

// The correct option indexes of the question shown, from the page's own
// list (what a reader without JS sees), matched by its text.
async function answersShown(page) {
  return page.evaluate(() => {
    const stem = document.querySelector('#exam-question .quiz-stem').textContent.trim();
    const item = [...document.querySelectorAll('#exam-list .exam-item')].find(
      (el) => el.querySelector('.quiz-stem').textContent.trim() === stem);
    return item.getAttribute('data-answers').split(',').map(Number);
  });
}

test('a 10-question exam is drawn by the domain weights, answered by keyboard, scored per domain and kept', { timeout: 90_000 }, async () => {
  const { context, page, requests, errors } = await newPage(browser);
  await page.goto(examUrl);
  assert.ok(await page.isVisible('#exam-app'), 'the exam app shows');
  assert.ok(await page.isHidden('#exam-list'), 'the list hides behind it');
  assert.match(await page.$eval('#exam-pick', (s) => s.options[s.selectedIndex].textContent), /^New exam/);
  assert.equal(await page.inputValue('#exam-length'), '12', 'the default 65 is capped at what there is');
  await page.fill('#exam-length', '10');
  await page.dispatchEvent('#exam-length', 'change');
  assert.equal(await page.inputValue('#exam-minutes'), '20', 'the timer follows the length');
  await page.click('.exam-start');
  assert.match(await page.textContent('#exam-timer'), /^(20:00|19:5\d) left$/);
  const letters = 'ABCDE';
  for (let i = 0; i < 10; i++) {
    assert.match(await page.textContent('#exam-progress'), new RegExp(`^Question ${i + 1} of 10`));
    const right = await answersShown(page);
    const count = await page.$$eval('#exam-question input', (els) => els.length);
    // The first six right; the last four wrong (the first option that is not an answer).
    const pick = i < 6 ? right : [[...Array(count).keys()].find((k) => !right.includes(k))];
    for (const k of pick) await page.keyboard.press(letters[k].toLowerCase());
    if (i < 9) await page.keyboard.press('Enter');
  }
  await page.click('#exam-submit');
  assert.ok(await page.isVisible('#exam-result'));
  assert.equal((await page.textContent('#exam-score')).trim(), '6 of 10 correct (60%).');
  const rows = await page.$$eval('#exam-domains tr', (trs) => trs.map((r) => [...r.cells].map((c) => c.textContent)));
  assert.deepEqual(rows.map((r) => r[0]), ['Data', 'Models']);
  assert.deepEqual(rows.map((r) => Number(r[1].split('/')[1])), [4, 6], 'drawn 40/60 by weight');
  assert.equal(rows.reduce((s, r) => s + Number(r[1].split('/')[0]), 0), 6);
  assert.equal((await page.textContent('#exam-missed-title')).trim(), 'Missed questions (4)');
  const missed = await page.$$('#exam-missed .exam-missed-item');
  assert.equal(missed.length, 4);
  assert.match(await page.innerHTML('#exam-missed .exam-missed-item .quiz-explanation'), /href="precision\.html(#[^"]*)?"/,
    'each missed question explains, with its links');
  assert.match(await page.textContent('#exam-weakest'), /^Weakest domain: (Data|Models) \(\d+%\)/);
  await screenshot(page, 'exam-result-light');

  await page.reload();
  const store = await page.evaluate(() => JSON.parse(localStorage.getItem('kb-exam-v1')));
  assert.equal(store.attempts.length, 1);
  assert.equal(store.attempts[0].exam, 'new');
  assert.equal(store.attempts[0].n, 10);
  assert.equal(store.attempts[0].correct, 6);
  assert.ok(await page.isVisible('#exam-history'), 'the attempt is listed after a reload');
  assert.match(await page.textContent('#exam-history-rows'), /6\/10 \(60%\)/);
  assertRequestsStayUnder(requests, pathToFileURL(out).href + '/');
  assert.deepEqual(errors, []);
  await context.close();
});

test('practice mode checks each answer at once, in one domain, and a retired exam draws from its own map', { timeout: 60_000 }, async () => {
  const { context, page, errors } = await newPage(browser);
  await page.goto(examUrl);
  await page.selectOption('#exam-pick', { label: 'Old exam (retired)' });
  assert.match(await page.textContent('#exam-avail'), /^12 questions available/);
  await page.selectOption('#exam-pick', { index: 0 });
  await page.selectOption('#exam-mode', 'practice');
  assert.ok(await page.isVisible('#exam-domain'));
  await page.selectOption('#exam-domain', 'data');
  assert.match(await page.textContent('#exam-avail'), /^5 questions available in this domain/);
  await page.fill('#exam-length', '2');
  await page.click('.exam-start');
  const right = await answersShown(page);
  const wrong = [0, 1, 2, 3, 4].find((k) => !right.includes(k));
  await page.keyboard.press('abcde'[wrong]);
  assert.equal((await page.textContent('#exam-next')).trim(), 'Check');
  await page.click('#exam-next');
  assert.ok(await page.isVisible('#exam-feedback'));
  assert.equal((await page.textContent('#exam-feedback .exam-verdict')).trim(), 'Not quite.');
  assert.match(await page.innerHTML('#exam-feedback'), /href="precision\.html(#[^"]*)?"/);
  assert.ok(await page.$eval('#exam-question input', (i) => i.disabled), 'a checked answer is final');
  await page.click('#exam-next');
  assert.match(await page.textContent('#exam-progress'), /^Question 2 of 2/);
  await page.click('#exam-submit');
  const store = await page.evaluate(() => JSON.parse(localStorage.getItem('kb-exam-v1')));
  assert.equal(store.attempts.at(-1).mode, 'practice');
  assert.equal(store.attempts.at(-1).domain, 'data');
  assert.deepEqual(errors, []);
  await context.close();
});

test('dark mode and phone width', { timeout: 60_000 }, async () => {
  const { context, page, errors } = await newPage(browser, { colorScheme: 'dark', viewport: { width: 390, height: 844 } });
  await page.goto(examUrl);
  const overflow = async () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(await overflow() <= 1, 'no sideways scrolling on the setup');
  await page.fill('#exam-length', '3');
  await page.click('.exam-start');
  await page.keyboard.press('a');
  assert.ok(await overflow() <= 1, 'no sideways scrolling during the attempt');
  await screenshot(page, 'exam-question-dark-phone');
  await page.click('#exam-submit');
  await page.click('#exam-submit');  // the second press ends it with questions open
  assert.ok(await page.isVisible('#exam-result'));
  assert.ok(await overflow() <= 1, 'no sideways scrolling on the result');
  await screenshot(page, 'exam-result-dark-phone');
  assert.deepEqual(errors, []);
  await context.close();
});

test('without JS every question is listed with its answer in <details>', { timeout: 60_000 }, async () => {
  const { context, page } = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(examUrl);
  assert.ok(await page.isHidden('#exam-app'));
  assert.equal((await page.$$('#exam-list .exam-item')).length, 12);
  assert.ok(await page.isHidden('#exam-list .exam-item .quiz-explanation'));
  await page.click('#exam-list .exam-item summary');
  assert.ok(await page.isVisible('#exam-list .exam-item .quiz-explanation'));
  assert.match(await page.textContent('#exam-list .exam-item .quiz-key'), /^Answer: [A-E]/);
  await context.close();
});

test('the home page panel says what is due and how the last exam went, with the weakest domain linked', { timeout: 60_000 }, async () => {
  const { context, page, errors } = await newPage(browser);
  const home = pathToFileURL(path.join(out, 'index.html')).href;
  await page.goto(home);
  assert.equal((await page.textContent('#study-due')).trim(), '1 card', 'nothing recorded: the count');
  assert.ok(await page.isHidden('#study-scores'));
  const now = Date.now();
  await page.evaluate((t) => {
    localStorage.setItem('kb-review-v1', JSON.stringify({ someid: { due: t - 1000, last: t - 86400000 } }));
    localStorage.setItem('kb-exam-v1', JSON.stringify({ attempts: [
      { at: new Date(t).toISOString(), exam: 'new', mode: 'exam', n: 10, correct: 6, domains: { data: [1, 4], models: [5, 6] } },
      { at: new Date(t).toISOString(), exam: 'new', mode: 'practice', domain: 'data', n: 2, correct: 2, domains: { data: [2, 2] } },
    ] }));
  }, now);
  await page.reload();
  assert.equal((await page.textContent('#study-due')).trim(), '1 card due today · 0 new');
  assert.ok(await page.isVisible('#study-scores'));
  assert.match(await page.textContent('#study-scores .study-last'), /: 6 of 10 \(60%\)$/, 'the last exam, not the practice run after it');
  const scores = await page.$$eval('#study-scores .study-domains li', (lis) => lis.map((li) => li.textContent));
  assert.deepEqual(scores, ['Data25%', 'Models83%']);
  assert.equal(await page.getAttribute('#study-scores .study-weakest a', 'href'), 'exams/new/data.html');
  await screenshot(page, 'home-study-panel');
  assert.deepEqual(errors, []);
  await context.close();
});
