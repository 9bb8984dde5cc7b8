// The vault written in Obsidian's own syntax (tests/sites/ok/obsidian),
// opened from file:// in light and dark: transclusions show the embedded
// notes' text, a block link lands on its block, code is highlighted with a
// copy button, mermaid blocks become SVG (a malformed one keeps its source),
// and none of Obsidian's markup (`[!`, `%%`, `==`, `^block-id`) is left in
// the text a reader sees.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { buildFixture, launchBrowser, newPage, screenshot, tempDir } from './helpers.mjs';

let work;
let browser;
let site;

before(async () => {
  work = tempDir('kb-obsidian-vault-');
  browser = await launchBrowser();
  site = buildFixture('obsidian', path.join(work, 'site'));
});

after(async () => {
  await browser?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const url = (page) => pathToFileURL(path.join(site, page)).href;

for (const colorScheme of ['light', 'dark']) {
  test(`transclusions show their text, in ${colorScheme}`, { timeout: 60_000 }, async () => {
    const { context, page, errors } = await newPage(browser, { colorScheme });
    await page.goto(url('embeds.html'));
    const embeds = page.locator('.note-body > .transclusion');
    assert.ok((await embeds.count()) >= 6);
    // The glossary, its section, a block, a table and an embed inside an embed.
    assert.equal(await page.getByText('Error from sensitivity to the training sample.').isVisible(), true);
    assert.equal(await page.getByText('Gradient descent moves the weights').first().isVisible(), true);
    assert.equal(await page.locator('.transclusion table td', { hasText: 'adaptive moments' }).isVisible(), true);
    assert.equal(await page.locator('.transclusion .transclusion', { hasText: 'Error from wrong assumptions' }).count(), 1);
    // Framed apart from the page's own text.
    const border = await embeds.first().evaluate((e) => getComputedStyle(e).borderLeftWidth);
    assert.equal(border, '4px');
    // The source link goes where the text is written.
    await page.locator('.transclusion-source a', { hasText: 'Basic formatting › Lists' }).click();
    await page.waitForURL(/basic-formatting\.html#lists$/);
    await screenshot(page, `obsidian-embeds-${colorScheme}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

// WCAG contrast of two CSS colours "rgb(r, g, b)".
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

for (const colorScheme of ['light', 'dark']) {
  test(`code is highlighted and diagrams are drawn, in ${colorScheme}`, { timeout: 90_000 }, async () => {
    const { context, page, errors } = await newPage(browser, { colorScheme });
    await page.goto(url('code-and-diagrams.html'));
    // Every token colour passes WCAG AA on the code background, and tokens
    // differ from plain text.
    const colours = await page.evaluate(() => {
      const out = [];
      for (const t of document.querySelectorAll('pre.code [class^="hljs-"]')) {
        const pre = t.closest('pre');
        out.push([getComputedStyle(t).color, getComputedStyle(pre).backgroundColor, getComputedStyle(pre).color]);
      }
      return out;
    });
    assert.ok(colours.length > 50, `only ${colours.length} tokens`);
    let min = Infinity;
    for (const [fg, bg] of colours) min = Math.min(min, contrast(fg, bg));
    assert.ok(min >= 4.5, `a token colour has contrast ${min.toFixed(2)}`);
    assert.ok(colours.some(([fg, , plain]) => fg !== plain), 'tokens look like plain text');
    assert.equal(await page.locator('pre code.language-no-such-language').count(), 1);
    // A copy button per code block, reachable by keyboard; mermaid blocks have none.
    const codeBlocks = await page.locator('.note-body pre:not(.mermaid)').count();
    assert.equal(await page.locator('.copy-code').count(), codeBlocks);
    await page.locator('.copy-code').first().focus();
    // Shown when focused (it fades in).
    await page.waitForFunction(() => getComputedStyle(document.querySelector('.copy-code')).opacity === '1');
    await page.locator('.copy-code').first().click();
    await page.locator('.copy-code.copied').first().waitFor();
    // Mermaid: the good diagram becomes an SVG, the bad one keeps its source.
    const drawn = page.locator('pre.mermaid[data-drawn] svg');
    await drawn.first().waitFor({ timeout: 30_000 });
    assert.equal(await drawn.count(), 1);
    assert.equal(await page.locator('pre.mermaid[data-drawn] svg', { hasText: 'Preprocess' }).count(), 1);
    await page.locator('.mermaid-error').waitFor();
    assert.ok((await page.locator('pre.mermaid:not([data-drawn])').innerText()).includes('A -->'));
    await screenshot(page, `obsidian-code-${colorScheme}`);
    // An embedded diagram is drawn on the page that embeds it.
    await page.goto(url('embeds.html'));
    await page.locator('.transclusion pre.mermaid[data-drawn] svg').waitFor({ timeout: 30_000 });
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('without JavaScript, code shows its colours and diagrams their source', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(url('code-and-diagrams.html'));
  assert.equal(await page.locator('.copy-code').count(), 0);
  assert.ok((await page.locator('pre.code .hljs-keyword').count()) > 5);
  assert.ok((await page.locator('pre.mermaid').first().innerText()).includes('Data[Raw data] --> Prep'));
  await context.close();
});

test('pages without diagrams load no mermaid', { timeout: 60_000 }, async () => {
  for (const note of ['math.html', 'callouts.html', 'index.html']) {
    const html = fs.readFileSync(path.join(site, note), 'utf8');
    assert.ok(!html.includes('mermaid'), `${note} loads mermaid`);
  }
  assert.ok(fs.readFileSync(path.join(site, 'code-and-diagrams.html'), 'utf8').includes('assets/mermaid/mermaid.tiny.js'));
});

test('a block link lands on its block, which is marked', { timeout: 60_000 }, async () => {
  const { context, page, errors } = await newPage(browser, { colorScheme: 'light' });
  await page.goto(url('internal-links.html'));
  await page.locator('a[href="block-references.html#^lr-high"]').click();
  await page.waitForURL(/block-references\.html#\^lr-high$/);
  const item = page.locator('li', { has: page.locator('span.block-ref') });
  const bg = await item.evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.notEqual(bg, 'rgba(0, 0, 0, 0)');
  assert.deepEqual(errors, []);
  await context.close();
});

test('no Obsidian markup is left in the visible text of the vault', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  for (const note of fs.readdirSync(site).filter((f) => f.endsWith('.html'))) {
    await page.goto(url(note));
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    const body = page.locator('.note-body');
    if (!(await body.count())) continue;
    const text = await body.innerText();
    assert.ok(!text.includes('[!'), `${note}: "[!" shown`);
    assert.ok(!text.includes('%%'), `${note}: "%%" shown`);
    assert.ok(!text.includes('=='), `${note}: "==" shown`);
    // A link's label may name a block ("Note › ^id", as in Obsidian); the
    // text around links may not.
    const unlinked = await body.evaluate((e) => {
      const c = e.cloneNode(true);
      c.querySelectorAll('a').forEach((a) => a.remove());
      document.body.append(c);
      const t = c.innerText;
      c.remove();
      return t;
    });
    assert.ok(!/\^[A-Za-z0-9-]+\s*$/m.test(unlinked), `${note}: a block id shown`);
    assert.ok(!text.includes('![['), `${note}: "![[" shown`);
  }
  await context.close();
});
