// Demos opened straight from disk (file://): the default variant shows with
// JavaScript off and the controls stay hidden; with JavaScript the slider and
// the select switch between the precomputed variants, one shown at a time;
// the plots take their colours from plot.css in both themes.
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
let out;
let browser;

before(async () => {
  work = tempDir('kb-demos-browser-');
  out = buildFixture('demos', path.join(work, 'site'), { env: { KB_DEMO_CACHE: path.join(work, 'cache') } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const visibleVariants = (page, demo) =>
  page.locator(`${demo} .demo-variant`).evaluateAll((els) =>
    els.filter((e) => !e.hidden && e.offsetParent !== null).map((e) => e.getAttribute('aria-label')));

test('without JavaScript the default variant shows and the controls stay hidden', { timeout: 120_000 }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const requests = recordRequests(context);
  const page = await context.newPage();
  await page.goto(pathToFileURL(path.join(out, 'clustering.html')).href);
  assert.deepEqual(await visibleVariants(page, '#demo-1'), ['k = 4']);
  assert.equal(await page.locator('#demo-1 .demo-controls').isVisible(), false);
  assert.ok(await page.locator('#demo-1 .demo-variant:not([hidden]) svg').first().isVisible());
  await checkLinks(page, fileUrlMapper(out));
  assertRequestsStayUnder(requests, pathToFileURL(out).href + '/');
  await context.close();
});

test('the slider switches between the precomputed variants', { timeout: 120_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(path.join(out, 'clustering.html')).href);
  const slider = page.locator('#demo-1 input[type=range]');
  assert.ok(await slider.isVisible(), 'controls not shown with JavaScript');
  assert.equal(await page.locator('#demo-1 output').textContent(), '4');
  assert.deepEqual(await visibleVariants(page, '#demo-1'), ['k = 4']);
  await slider.fill('0');
  assert.deepEqual(await visibleVariants(page, '#demo-1'), ['k = 2']);
  assert.equal(await page.locator('#demo-1 output').textContent(), '2');
  assert.equal(await slider.getAttribute('aria-valuetext'), '2');
  await slider.fill('3');
  assert.deepEqual(await visibleVariants(page, '#demo-1'), ['k = 5']);
  // The plot is drawn with the theme's colours (plot.css loaded).
  const fill = await page.locator('#demo-1 .demo-variant:not([hidden]) svg path.kb-plot-points.s0').first()
    .evaluate((e) => getComputedStyle(e).fill);
  assert.notEqual(fill, 'rgb(0, 0, 0)', 'plot.css not applied: series drawn in black');
  await screenshot(page, 'demo-kmeans-light');
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  const darkFill = await page.locator('#demo-1 .demo-variant:not([hidden]) svg path.kb-plot-points.s0').first()
    .evaluate((e) => getComputedStyle(e).fill);
  assert.notEqual(darkFill, fill, 'the plot does not follow the dark theme');
  await screenshot(page, 'demo-kmeans-dark');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an overlay demo is one figure with every variant, and phones fit it', { timeout: 120_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(pathToFileURL(path.join(out, 'distributions.html')).href);
  const demo = page.locator('figure[data-demo=binomial]');
  assert.equal(await demo.locator('.demo-controls').count(), 0);
  assert.equal(await demo.locator('.demo-variant').count(), 1);
  const text = await demo.locator('svg').first().textContent();
  for (const label of ['p = 0.2', 'p = 0.5', 'p = 0.8']) assert.ok(text.includes(label), `legend lacks ${label}`);
  // Nothing wider than the screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page overflows the phone by ${overflow}px`);
  await screenshot(page, 'demo-binomial-phone');
  await context.close();
});
