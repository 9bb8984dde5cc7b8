// The vault written in Obsidian's own syntax (tests/sites/ok/obsidian),
// opened from file:// in light and dark: transclusions show the embedded
// notes' text, a block link lands on its block, and none of Obsidian's
// markup (`[!`, `%%`, `==`, `^block-id`) is left in the text a reader sees.
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
