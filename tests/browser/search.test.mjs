// Search in the browser, on the search fixture (tests/sites/ok/search):
// from file:// (the static index, loaded with <script> tags) and from
// `kb serve` (its /api/search): "/" focuses the box, typing shows results,
// arrows and Enter open one, the words are highlighted there, and
// search.html?q= lists full results.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';

import {
  assertRequestsStayUnder, freePort, kbBinary, launchBrowser, newPage, recordRequests, screenshot, sourceDir, tempDir,
} from './helpers.mjs';

let out;
let browser;
let server;
let base;

function getJson(url) {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body }));
    }).on('error', reject);
  });
}

before(async () => {
  const work = tempDir('kb-search-browser-');
  out = path.join(work, 'site');
  const run = spawnSync(kbBinary, ['build', '-q', '--config', path.join(sourceDir, 'tests/sites/ok/search/site.toml'),
    '--out', out], { encoding: 'utf8' });
  assert.equal(run.status, 0, `kb build failed:\n${run.stdout}\n${run.stderr}`);
  browser = await launchBrowser();
  const port = await freePort();
  server = spawn(kbBinary, ['serve', '--site', out, '--port', String(port), '--host', '127.0.0.1'], { stdio: 'pipe' });
  base = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 15000;
  for (;;) {
    try {
      if ((await getJson(base)).status === 200) break;
    } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error('kb serve did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
});

// Type into the header box after pressing "/", wait for results, return their titles.
async function typeQuery(page, query) {
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.keyboard.press('/');
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('search-input')), '"/" did not focus the search box');
  await page.keyboard.type(query, { delay: 20 });
  // Results for a prefix typed on the way may show first: wait for the query's own.
  await page.waitForFunction((q) => {
    const popup = document.querySelector('.search-popup');
    return popup && !popup.hidden && popup.getAttribute('data-query') === q && popup.querySelector('.search-hit');
  }, query, { timeout: 10000 });
  return page.locator('.search-popup .hit-title').allTextContents();
}

async function walk(page, home, label) {
  await page.goto(home + 'modeling/metrics/f1-score.html');
  const titles = await typeQuery(page, 'kinesys fire');
  assert.equal(titles[0], 'Amazon Data Firehose', `${label}: first result ${titles}`);
  assert.match(await page.locator('.search-popup').textContent(), /kinesis/, `${label}: no "did you mean"`);
  await screenshot(page, `search-${label}-popup`);
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('.search-hit[aria-selected="true"] .hit-title').textContent(), 'Amazon Data Firehose');
  await page.keyboard.press('Enter');
  await page.waitForURL(/data-firehose\.html/);
  await page.waitForLoadState('load');
  const marks = await page.locator('mark.kb-hl').allTextContents();
  assert.ok(marks.some((m) => /firehose/i.test(m)), `${label}: nothing highlighted on the opened page (${marks})`);

  // Synonyms from the box: "sensitivity" finds recall.
  await page.goto(home + 'index.html');
  assert.equal((await typeQuery(page, 'sensitivity'))[0], 'Precision and recall', `${label}: sensitivity`);
  await page.keyboard.press('Escape');
  assert.ok(await page.locator('.search-popup').isHidden(), `${label}: Escape did not close the results`);

  // search.html reads ?q= and lists full results.
  await page.goto(home + 'search.html?q=rcf');
  await page.waitForSelector('.search-results li', { timeout: 10000 });
  assert.equal(await page.locator('.search-results .hit-title').first().textContent(), 'Random Cut Forest');
  assert.match(await page.locator('.search-status').textContent(), /1 note/);
  await screenshot(page, `search-${label}-page`);
}

test('search from file://: static index, no fetch, nothing leaves the site', async () => {
  const context = await browser.newContext();
  const requests = recordRequests(context);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const home = pathToFileURL(out).href + '/';
  await walk(page, home, 'file');
  assert.ok(requests.some((u) => u.includes('/search/meta.js')), 'the static index was not loaded');
  assert.ok(requests.some((u) => /\/search\/t\/ki\.js$/.test(u)), 'the shard of "kinesys" was not loaded');
  assert.ok(!requests.some((u) => /\/search\/t\/zz/.test(u)), 'unrelated shards were loaded');
  assert.ok(!requests.some((u) => /\/search\/p\//.test(u)), 'positions were loaded without a phrase');
  // A phrase reads its words' positions files, from file:// too.
  await page.goto(home + 'search.html?q=' + encodeURIComponent('"random cut forest"'));
  await page.waitForSelector('.search-results li', { timeout: 10000 });
  assert.equal(await page.locator('.search-results .hit-title').first().textContent(), 'Random Cut Forest');
  assert.ok(requests.some((u) => /\/search\/p\/ra-0\.js$/.test(u)), 'the positions of "random" were not loaded');
  assertRequestsStayUnder(requests, pathToFileURL(out).href + '/');
  assert.deepEqual(errors, []);
  await context.close();
});

test('search from kb serve: /api/search answers, the box uses it', async () => {
  const api = await getJson(base + 'api/search?q=kinesys+firehose&limit=3');
  assert.equal(api.status, 200);
  assert.match(api.type, /application\/json/);
  const j = JSON.parse(api.body);
  assert.equal(j.corrected, 'kinesis firehose');
  assert.equal(j.results[0].title, 'Amazon Data Firehose');
  assert.ok(j.results.length <= 3);
  for (const key of ['query', 'corrected', 'total', 'results', 'facets']) assert.ok(key in j, key);
  const bad = await getJson(base + 'api/search?q=%22unbalanced%01&limit=nope');
  assert.equal(bad.status, 200);
  assert.ok('results' in JSON.parse(bad.body));

  const context = await browser.newContext();
  const requests = recordRequests(context);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await walk(page, base, 'served');
  assert.ok(requests.some((u) => u.includes('/api/search?')), 'the served site did not use /api/search');
  assert.ok(!requests.some((u) => u.includes('/search/meta.js')), 'the served site loaded the static index');
  assertRequestsStayUnder(requests, base);
  assert.deepEqual(errors, []);
  await context.close();
});

test('search.html shows 50 results, then "Show more" the rest, the keyboard going on from the first new one', async () => {
  const fs = await import('node:fs');
  const work = tempDir('kb-search-more-');
  const notes = path.join(work, 'notes');
  fs.mkdirSync(notes, { recursive: true });
  for (let i = 0; i < 58; i++)
    fs.writeFileSync(path.join(notes, `n${String(i).padStart(2, '0')}.md`), `# Note ${i}\n\nAbout zebras, number ${i}.\n`);
  const site = path.join(work, 'site');
  const run = spawnSync(kbBinary, ['build', '-q', '--notes', notes, '--out', site], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const { context, page, errors } = await newPage(browser);
  await page.goto(pathToFileURL(path.join(site, 'search.html')).href + '?q=zebras');
  await page.waitForSelector('.search-results li');
  assert.equal(await page.locator('.search-results li').count(), 50);
  assert.match(await page.textContent('.search-status'), /58 notes .*\(50 shown\)/);
  assert.equal(await page.textContent('.search-more'), 'Show 8 more');
  await page.click('.search-more');
  await page.waitForFunction(() => document.querySelectorAll('.search-results li').length === 58);
  assert.ok(await page.evaluate(() => document.activeElement === document.querySelectorAll('.search-results li a')[50]));
  assert.equal(await page.isVisible('.search-more'), false);
  assert.deepEqual(errors, []);
  await context.close();
  fs.rmSync(work, { recursive: true, force: true });
});
