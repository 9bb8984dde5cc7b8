// Obsidian's syntax opened straight from disk (file://), light and dark:
// callouts fold and unfold (without JavaScript too: they are <details>), and
// no `[!`, `%%` or `==` of the source remains in the text a reader sees.
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
  work = tempDir('kb-obsidian-browser-');
  browser = await launchBrowser();
  site = buildFixture('obsidian-text', path.join(work, 'site'));
});

after(async () => {
  await browser?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

for (const colorScheme of ['light', 'dark']) {
  test(`callouts fold and unfold, in ${colorScheme}`, { timeout: 60_000 }, async () => {
    const { context, page, errors } = await newPage(browser, { colorScheme });
    await page.goto(pathToFileURL(path.join(site, 'callouts.html')).href);
    const callouts = page.locator('.note-body .callout');
    assert.equal(await callouts.count(), 6);
    const folded = page.locator('details.callout[data-callout="faq"]');
    const answer = folded.getByText('The answer, folded away');
    assert.equal(await answer.isVisible(), false);
    await folded.locator('summary').click();
    assert.equal(await answer.isVisible(), true);
    await folded.locator('summary').click();
    assert.equal(await answer.isVisible(), false);
    assert.equal(await page.locator('details.callout[data-callout="warning"]').getAttribute('open'), '');
    assert.equal(await page.getByText('Inside.').isVisible(), true);  // nested, in an open callout
    // The title is coloured by its type, and differs between types.
    const color = (sel) => page.locator(sel).evaluate((e) => getComputedStyle(e).color);
    assert.notEqual(await color('.callout-tip .callout-title'), await color('.callout-bug .callout-title'));
    await screenshot(page, `obsidian-callouts-${colorScheme}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('no Obsidian markup is left in the visible text', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  for (const note of ['callouts.html', 'remarks.html']) {
    await page.goto(pathToFileURL(path.join(site, note)).href);
    // Open every folded callout so its text counts too.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    const text = await page.locator('.note-body').innerText();
    assert.ok(!text.includes('[!'), `${note}: "[!" shown`);
    assert.ok(!text.replace(/%%code%%/, '').includes('%%'), `${note}: "%%" shown`);
    assert.ok(!text.includes('=='), `${note}: "==" shown`);
  }
  assert.ok(await page.locator('mark').count() >= 2);
  await context.close();
});
