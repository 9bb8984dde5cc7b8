// review.html from file://: the flashcards fixture's cards in a review
// session (FSRS in assets/study/fsrs.js, state in localStorage), graded by
// keyboard and found scheduled after a reload; without JS, the list of
// cards with their answers in <details>.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { assertRequestsStayUnder, buildFixture, launchBrowser, newPage, screenshot, tempDir } from './helpers.mjs';

let work;
let out;
let browser;
let reviewUrl;

before(async () => {
  work = tempDir('kb-review-');
  out = buildFixture('flashcards', path.join(work, 'site'));
  reviewUrl = pathToFileURL(path.join(out, 'review.html')).href;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('a card is shown, answered with Space, graded with 3 and found scheduled after a reload', { timeout: 60_000 }, async () => {
  const { context, page, requests, errors } = await newPage(browser);
  await page.goto(reviewUrl);
  assert.ok(await page.isVisible('#review-app'), 'the session shows');
  assert.ok(await page.isHidden('#review-list'), 'the list hides behind it');
  const first = (await page.textContent('#review-q')).trim();
  assert.equal(first, 'Recall');
  assert.ok(await page.isHidden('#review-a'), 'the answer waits');
  await page.keyboard.press('Space');
  assert.ok(await page.isVisible('#review-a'));
  assert.match(await page.innerHTML('#review-a'), /<math/, 'the answer\'s formula is typeset');
  assert.match(await page.innerHTML('#review-a'), /href="precision\.html"/, 'its link leads to the note');
  assert.equal((await page.textContent('[data-grade="3"] span')).trim(), '3 days');
  await screenshot(page, 'review-answer-light');
  await page.keyboard.press('3');
  assert.notEqual((await page.textContent('#review-q')).trim(), first, 'the next card comes');

  await page.reload();
  const state = await page.evaluate(() => JSON.parse(localStorage.getItem('kb-review-v1')));
  const ids = Object.keys(state);
  assert.equal(ids.length, 1);
  const days = (state[ids[0]].due - state[ids[0]].last) / 86400000;
  assert.equal(days, 3, 'good on a new card: back in 3 days');
  const counts = await page.$$eval('#review-counts tr', (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
  assert.deepEqual(counts, [['Other', '0', '4', '1']], 'one learned, four new, none due');
  assert.notEqual((await page.textContent('#review-q')).trim(), first, 'the graded card is not asked again today');
  assertRequestsStayUnder(requests, pathToFileURL(out).href + '/');
  assert.deepEqual(errors, []);
  await context.close();
});

test('dark mode and phone width', { timeout: 60_000 }, async () => {
  const { context, page, errors } = await newPage(browser, { colorScheme: 'dark', viewport: { width: 390, height: 844 } });
  await page.goto(reviewUrl);
  await page.keyboard.press('Space');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no sideways scrolling (${overflow}px)`);
  await screenshot(page, 'review-answer-dark-phone');
  assert.deepEqual(errors, []);
  await context.close();
});

test('without JS every card is listed with its answer in <details>', { timeout: 60_000 }, async () => {
  const { context, page } = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(reviewUrl);
  assert.ok(await page.isHidden('#review-app'));
  const cards = await page.$$('#review-list details.review-card');
  assert.equal(cards.length, 5);
  await page.click('#review-list details.review-card summary');
  assert.ok(await page.isVisible('#review-list details.review-card .review-answer'));
  await context.close();
});
