// Math opened straight from disk (file://): formulas typeset by KaTeX at
// build time show as typeset math with JavaScript off, with KaTeX's own fonts
// and no error; a site built without node typesets them in the browser.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import {
  assertRequestsStayUnder, buildFixture, checkLinks, fileUrlMapper, launchBrowser, recordRequests, screenshot,
  sourceDir, tempDir,
} from './helpers.mjs';

let work;
let browser;

// Builds the math fixture into `name`, with a cache of its own; `env` adds
// to the environment (KB_NODE to take node away).
function buildMathSite(name, env = {}) {
  return buildFixture('math', path.join(work, name), { env: { XDG_CACHE_HOME: path.join(work, `cache-${name}`), ...env } });
}

before(async () => {
  work = tempDir('kb-math-browser-');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('typeset math shows with JavaScript off, from file://, in KaTeX fonts', { timeout: 120_000 }, async () => {
  const out = buildMathSite('site');
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const requests = recordRequests(context);
  const page = await context.newPage();
  for (const note of ['metrics/precision.html', 'index.html', 'metrics/index.html']) {
    await page.goto(pathToFileURL(path.join(out, note)).href);
    const katex = await page.locator('.katex').count();
    assert.ok(katex >= 1, `${note}: no .katex element`);
    assert.equal(await page.locator('.katex-error').count(), 0, `${note}: KaTeX error shown`);
    // Typeset, not TeX waiting for a script.
    const tex = await page.locator('.math').evaluateAll((els) => els.filter((e) => /^\\[([]/.test(e.textContent)).length);
    assert.equal(tex, 0, `${note}: formulas left as TeX`);
    await checkLinks(page, fileUrlMapper(out));
  }
  // On the formula page: display math is laid out as a block, and the
  // formulas are drawn in KaTeX's fonts (loaded from assets/katex/fonts).
  await page.goto(pathToFileURL(path.join(out, 'metrics/precision.html')).href);
  assert.equal(await page.locator('.math.display .katex-display').count(), 2);
  const display = await page.locator('.katex-display').first().evaluate((e) => getComputedStyle(e).display);
  assert.equal(display, 'block', 'KaTeX CSS not applied');
  const family = await page.locator('.katex').first().evaluate((e) => getComputedStyle(e).fontFamily);
  assert.match(family, /KaTeX_Main/);
  const fonts = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, ''));
  });
  assert.ok(fonts.includes('KaTeX_Main'), `KaTeX_Main did not load from file:// (loaded: ${fonts})`);
  assert.ok(fonts.includes('KaTeX_Math'), `KaTeX_Math did not load from file:// (loaded: ${fonts})`);
  assert.ok(requests.some((u) => u.endsWith('/assets/katex/katex.min.css')));
  assert.ok(!requests.some((u) => u.endsWith('katex.min.js')), 'KaTeX JS requested by a typeset site');
  assertRequestsStayUnder(requests, pathToFileURL(out).href + '/');
  await screenshot(page, 'math-precision-nojs');

  // A page without math does not even load the CSS.
  const before = requests.length;
  await page.goto(pathToFileURL(path.join(out, 'plain.html')).href);
  assert.ok(!requests.slice(before).some((u) => u.includes('katex')), 'a page without math loads KaTeX');
  await context.close();
});

test('without node at build time, KaTeX typesets the formulas in the browser', { timeout: 120_000 }, async () => {
  const out = buildMathSite('browser-site', { KB_NODE: path.join(work, 'no-node-here') });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const requests = recordRequests(context);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(path.join(out, 'metrics/precision.html')).href);
  await page.waitForLoadState('load');
  assert.ok(await page.locator('.math .katex').count() >= 9, 'the browser did not typeset the formulas');
  assert.equal(await page.locator('.katex-error').count(), 0);
  // The site's macros reached the browser: \TP became an upright TP.
  assert.match(await page.locator('.math').first().innerText(), /TP/);
  assert.deepEqual(errors, [], 'script errors');
  assertRequestsStayUnder(requests, pathToFileURL(out).href + '/');
  await context.close();
});
