// Accessibility, measured: axe-core (npm, pinned) with WCAG 2.0/2.1 A and
// AA and best practices finds no violation of any impact on every kind of
// page kb writes, in the light theme and the dark one, from file://: home,
// a note, a formula page and formulas.html, a demo page, a matrix page with
// its compare view open, search.html with results and the header's results
// open with one selected, a tag page, all notes, 404, the review page, the
// practice exam, a note with practice questions, graph.html and a note
// with its local graph and a link preview open. Also: the header's
// search box says which result is selected (aria-activedescendant), and a
// folder of the sidebar is one Tab stop.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { buildFixture, launchBrowser, newPage, sourceDir, tempDir } from './helpers.mjs';

const axeSource = fs.readFileSync(path.join(sourceDir, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

let work;
let browser;
const sites = {};

before(async () => {
  work = tempDir('kb-a11y-');
  for (const name of ['basic', 'math', 'demos', 'matrix', 'quizzes', 'flashcards'])
    sites[name] = buildFixture(name, path.join(work, name));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

function url(site, page) {
  const [file, rest] = page.split(/(?=[?#])/);
  return pathToFileURL(path.join(sites[site], file)).href + (rest ?? '');
}

// The page kinds, each with what makes it ready to scan.
const PAGES = [
  ['home', 'basic', 'index.html'],
  ['note', 'basic', 'metrics/precision.html'],
  ['formula page', 'math', 'metrics/precision.html'],
  ['formulas.html', 'math', 'formulas.html'],
  ['demo page', 'demos', 'clustering.html'],
  ['matrix compare view', 'matrix', 'matrices/stores.html#compare=ebs,efs', (p) => p.waitForSelector('.matrix-compare:not([hidden]) table')],
  ['search.html with results', 'basic', 'search.html?q=precision', (p) => p.waitForSelector('.search-results li')],
  ['tag page', 'basic', 'tags/metrics.html'],
  ['all notes', 'basic', 'all-notes.html'],
  ['404', 'basic', '404.html'],
  ['review.html', 'flashcards', 'review.html'],
  ['exam.html', 'quizzes', 'exam.html'],
  ['exam.html during an attempt', 'quizzes', 'exam.html', async (p) => { await p.fill('#exam-length', '3'); await p.click('.exam-start'); }],
  ['note with practice questions', 'quizzes', 'thresholds.html'],
  ['graph.html', 'basic', 'graph.html', (p) => p.waitForFunction(() => document.getElementById('graph-canvas').dataset.drawn)],
  ['note with its local graph and a link preview open', 'basic', 'metrics/precision.html', async (p) => {
    if (!(await p.$eval('.local-graph', (d) => d.open))) await p.click('.local-graph summary');
    await p.waitForSelector('.local-graph .lg');
    await p.hover('.note-body a[href*="recall"]');
    await p.waitForSelector('.preview:not([hidden])');
  }],
  ['header search results', 'basic', 'index.html', async (p) => {
    await p.fill('.search-input', 'precision');
    await p.waitForSelector('.search-popup .search-hit');
    await p.keyboard.press('ArrowDown');
  }],
];

async function violations(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (tags) => {
    // preload: false: axe would fetch the stylesheets again by XHR, which
    // file:// refuses (and says so on the console, late, on the next page).
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, preload: false });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.slice(0, 3).map((n) => `    ${n.target.join(' ')}: ${n.html.slice(0, 140)}`).join('\n'));
  }, TAGS);
}

for (const scheme of ['light', 'dark']) {
  test(`axe finds no violation on any page kind (${scheme})`, { timeout: 180_000 }, async () => {
    const { context, page, errors } = await newPage(browser, { colorScheme: scheme });
    const found = [];
    const pageErrors = [];
    for (const [kind, site, file, ready] of PAGES) {
      await page.goto(url(site, file));
      if (ready) await ready(page);
      await page.waitForTimeout(100);  // transitions settle (colors are read as drawn)
      const v = await violations(page);
      pageErrors.push(...errors.splice(0));
      if (v.length) found.push(`${kind} (${file}):\n  ${v.join('\n  ')}`);
    }
    assert.deepEqual(found, [], found.join('\n'));
    assert.deepEqual(pageErrors, []);
    await context.close();
  });
}

test('the search box announces the selected result, and a sidebar folder is one Tab stop', { timeout: 60_000 }, async () => {
  const { context, page } = await newPage(browser);
  await page.goto(url('basic', 'index.html'));
  const input = page.locator('.search-input');
  assert.equal(await input.getAttribute('role'), 'combobox');
  await input.fill('precision');
  await page.waitForSelector('.search-popup .search-hit');
  assert.equal(await input.getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('ArrowDown');
  const active = await input.getAttribute('aria-activedescendant');
  assert.ok(active, 'a result is announced');
  assert.equal(await page.getAttribute(`#${active}`, 'aria-selected'), 'true');
  assert.equal(await page.getAttribute(`#${active}`, 'role'), 'option');
  await page.keyboard.press('Escape');
  assert.equal(await input.getAttribute('aria-expanded'), 'false');
  assert.equal(await input.getAttribute('aria-activedescendant'), null);

  // Each closed folder of the sidebar: its <summary> alone (its page is the
  // Overview entry inside), so no control sits inside another.
  const folders = await page.$$eval('.nav-folder > details > summary', (ss) =>
    ss.map((s) => s.querySelectorAll('a, button, input, [tabindex]').length));
  assert.ok(folders.length > 0);
  assert.deepEqual(folders, folders.map(() => 0));
  const summary = await page.$('.nav-folder > details:not([open]) > summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  assert.equal(await summary.evaluate((s) => s.parentElement.open), true, 'Enter opens the folder');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Overview', 'its page comes next');
  await context.close();
});

test('a code block wider than the page takes focus and scrolls with the keyboard; one that fits does not', { timeout: 60_000 }, async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 390, height: 844 } });
  await page.goto(url('basic', 'metrics/precision.html'));
  // A wide block and a narrow one, as a note would have them.
  await page.evaluate(() => {
    const body = document.querySelector('.note-body');
    body.insertAdjacentHTML('beforeend', '<pre id="wide"><code>' + 'x'.repeat(400) + '</code></pre><pre id="narrow"><code>ok</code></pre>');
    window.dispatchEvent(new Event('resize'));
  });
  await page.waitForFunction(() => document.getElementById('wide').getAttribute('tabindex') === '0');
  assert.equal(await page.getAttribute('#wide', 'role'), 'region');
  assert.equal(await page.getAttribute('#narrow', 'tabindex'), null);
  await page.focus('#wide');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  // (Keyboard scrolling may be smooth: wait for it to move.)
  await page.waitForFunction(() => document.getElementById('wide').scrollLeft > 0, null, { timeout: 15000 });
  await context.close();
});

test('at 390 px every page kind fits the screen, its text is readable, and the menu reaches every header link', { timeout: 120_000 }, async () => {
  const { context, page, errors } = await newPage(browser, { viewport: { width: 390, height: 844 } });
  const found = [];
  for (const [kind, site, file, ready] of PAGES) {
    await page.goto(url(site, file));
    if (ready) await ready(page);
    await page.waitForTimeout(100);
    const r = await page.evaluate(() => {
      // Text set in HTML (plots' SVG text scales with the figure: not here).
      let min = Infinity;
      let where = '';
      for (const el of document.querySelectorAll('body *')) {
        if (el.closest('svg, [hidden], .visually-hidden')) continue;
        const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.nodeValue.trim());
        if (!own || !el.getClientRects().length) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < min) { min = size; where = el.tagName + '.' + el.className; }
      }
      // Plots and local graphs: their text as drawn (the SVG's scale applied).
      let svgMin = Infinity;
      for (const t of document.querySelectorAll('.demo-figure svg text, .local-graph svg text')) {
        const m = t.ownerSVGElement.getScreenCTM();
        if (!m || !t.textContent.trim() || !t.getClientRects().length) continue;
        const size = parseFloat(getComputedStyle(t).fontSize) * m.a;
        if (size < svgMin) { svgMin = size; if (size < min) where = 'svg text ' + t.textContent.slice(0, 20); }
      }
      return { over: document.documentElement.scrollWidth - window.innerWidth, min, where, svgMin };
    });
    if (r.over > 1) found.push(`${kind}: scrolls sideways by ${r.over}px`);
    if (r.min < 12) found.push(`${kind}: text of ${r.min}px (${r.where})`);
    if (r.svgMin < 8.5) found.push(`${kind}: plot or graph text of ${r.svgMin.toFixed(1)}px (${r.where})`);
  }
  assert.deepEqual(found, []);
  // The header shows menu, search and theme; its links are in the menu.
  await page.goto(url('matrix', 'index.html'));
  const box = await page.locator('.search-input').boundingBox();
  assert.ok(box.width >= 200, `the search box is ${box.width}px wide`);
  await page.click('.menu-button');
  const links = await page.locator('#site-nav .nav-site-links a').allTextContents();
  assert.deepEqual(links, ['All notes', 'Matrices', 'Tags', 'Graph']);
  assert.ok(await page.isVisible('#site-nav .nav-site-links a >> text=Matrices'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the sidebar works as a tree from the keyboard', { timeout: 60_000 }, async () => {
  const { context, page } = await newPage(browser);
  await page.goto(url('basic', 'index.html'));
  const focused = () => page.evaluate(() => document.activeElement.textContent.trim());
  await page.focus('.nav-home a');
  await page.keyboard.press('ArrowDown');
  assert.match(await focused(), /^data engineering/, 'down: the first folder');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.parentElement.open), true, 'right: it opens');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(), 'Overview', 'right again: into it');
  await page.keyboard.press('ArrowLeft');
  assert.match(await focused(), /^data engineering/, 'left: up to its folder');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.evaluate(() => document.activeElement.parentElement.open), false, 'left again: it closes');
  await page.keyboard.press('End');
  assert.match(await focused(), /^metrics/, 'end: the last entry shown');
  await page.keyboard.press('Home');
  assert.equal(await focused(), 'Home');
  await context.close();
});
