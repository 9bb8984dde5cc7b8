// Math opened straight from disk (file://): formulas typeset by KaTeX at
// build time show as MathML drawn in the shipped math font with JavaScript
// off, and no error; a site built without node typesets them in the browser.
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

test('typeset math shows with JavaScript off, from file://, in the shipped math font', { timeout: 120_000 }, async () => {
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
  // On the formula page: display math is laid out as a block, drawn as
  // MathML (a fraction has the height of two rows), in STIX Two Math loaded
  // from assets/math/.
  await page.goto(pathToFileURL(path.join(out, 'metrics/precision.html')).href);
  assert.equal(await page.locator('.math.display .katex-display math[display=block]').count(), 2);
  const display = await page.locator('.katex-display').first().evaluate((e) => getComputedStyle(e).display);
  assert.equal(display, 'block', 'math CSS not applied');
  const frac = await page.locator('.math.display mfrac').first().boundingBox();
  const line = await page.locator('.note-body p').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(frac && frac.height > 1.6 * line, `a displayed fraction is ${frac?.height}px high: MathML not laid out`);
  const family = await page.locator('math').first().evaluate((e) => getComputedStyle(e).fontFamily);
  assert.match(family, /STIX Two Math/);
  const fonts = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, ''));
  });
  assert.ok(fonts.includes('STIX Two Math'), `STIX Two Math did not load from file:// (loaded: ${fonts})`);
  assert.ok(requests.some((u) => u.endsWith('/assets/math/math.css')));
  assert.ok(!requests.some((u) => u.includes('/assets/katex/')), 'KaTeX files requested by a typeset site');
  assertRequestsStayUnder(requests, pathToFileURL(out).href + '/');
  await screenshot(page, 'math-precision-nojs');

  // A page without math does not even load the CSS.
  const before = requests.length;
  await page.goto(pathToFileURL(path.join(out, 'plain.html')).href);
  assert.ok(!requests.slice(before).some((u) => u.includes('/assets/math/')), 'a page without math loads the math CSS');
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
