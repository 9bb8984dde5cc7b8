// Embedded files and inline tags opened straight from disk (file://), light
// and dark, desktop and phone: sized images keep their size (and fit the
// phone's column), the PDF viewer, audio and video show, nothing overflows
// sideways; inline #tags lead to their tag pages, a nested tag's page leads
// up to its parent, and the tags index is indented as a tree.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { buildFixture, launchBrowser, newPage, screenshot, tempDir } from './helpers.mjs';

let work;
let browser;
let embeds;
let tags;

before(async () => {
  work = tempDir('kb-embeds-browser-');
  browser = await launchBrowser();
  embeds = buildFixture('obsidian-embeds', path.join(work, 'embeds'));
  tags = buildFixture('inline-tags', path.join(work, 'tags'));
});

after(async () => {
  await browser?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const sizes = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

async function noSidewaysScroll(page) {
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= inner, `the page scrolls sideways: ${scroll} > ${inner}`);
}

for (const colorScheme of ['light', 'dark']) {
  for (const [device, viewport] of Object.entries(sizes)) {
    test(`embedded files, ${colorScheme}, ${device}`, { timeout: 60_000 }, async () => {
      const { context, page, errors } = await newPage(browser, { colorScheme, viewport });
      await page.goto(pathToFileURL(path.join(embeds, 'embeds.html')).href);
      const body = page.locator('.note-body');
      // Every image loads, from the Attachments folder (not .trash/).
      const images = body.locator('img');
      assert.equal(await images.count(), 5);
      for (const src of await images.evaluateAll((all) => all.map((i) => i.getAttribute('src'))))
        assert.equal(src, 'attachments/diagram.png');
      await page.waitForFunction(() => [...document.querySelectorAll('.note-body img')].every((i) => i.complete));
      assert.ok(await images.evaluateAll((all) => all.every((i) => i.naturalWidth === 64)));
      // |300: 300 px wide, the aspect ratio kept (64x40); |300x200: a 300x200 box.
      const sized = await body.locator('img[width="300"]:not([height])').boundingBox();
      const boxed = await body.locator('img[width="300"][height="200"]').boundingBox();
      const column = await body.boundingBox();
      const expectWidth = Math.min(300, column.width);
      assert.ok(Math.abs(sized.width - expectWidth) < 1, `width ${sized.width}`);
      assert.ok(Math.abs(sized.height - (expectWidth * 40) / 64) < 1, `height ${sized.height}`);
      assert.ok(Math.abs(boxed.height - 200) < 1 && boxed.width <= column.width + 0.5);
      // PDF frames: the column's width, a reasonable height (the one written where written).
      const frames = body.locator('.embed-pdf iframe');
      assert.equal(await frames.count(), 3);
      const frame = await frames.first().boundingBox();
      assert.ok(Math.abs(frame.width - column.width) < 2 && frame.height >= 250, JSON.stringify(frame));
      assert.equal(Math.round((await frames.nth(2).boundingBox()).height), 300);
      assert.ok(await body.locator('.embed-download').first().isVisible());
      // Audio and video players, with controls.
      assert.equal(await body.locator('audio[controls]').count(), 2);
      assert.equal(await body.locator('video[controls]').count(), 1);
      assert.ok(await body.locator('audio').first().isVisible());
      assert.ok(await body.locator('a.embed-file[href="attachments/data.csv"]').isVisible());
      await noSidewaysScroll(page);
      await screenshot(page, `embeds-${colorScheme}-${device}`);
      assert.deepEqual(errors, []);
      await context.close();
    });

    test(`inline tags and tag pages, ${colorScheme}, ${device}`, { timeout: 60_000 }, async () => {
      const { context, page, errors } = await newPage(browser, { colorScheme, viewport });
      await page.goto(pathToFileURL(path.join(tags, 'metrics.html')).href);
      const inline = page.locator('.note-body a.tag');
      assert.deepEqual(await inline.allTextContents(), ['#ML', '#ml/evaluation', '#café', '#NotAHeading', '#done']);
      await noSidewaysScroll(page);
      await screenshot(page, `tags-note-${colorScheme}-${device}`);
      await inline.nth(1).click();
      await page.waitForLoadState();
      assert.match(page.url(), /\/tags\/ml\/evaluation\.html$/);
      assert.equal(await page.locator('h1').textContent(), '#ml/evaluation');
      assert.deepEqual(await page.locator('.tag-children .tag').allTextContents(), ['#ml/evaluation/cross-validation 1']);
      assert.deepEqual(await page.locator('.note-list > li > a').allTextContents(), ['Evaluation', 'Metrics']);
      await noSidewaysScroll(page);
      await screenshot(page, `tags-nested-${colorScheme}-${device}`);
      // Up to the parent, then to the index: a tree.
      await page.locator('.note-meta a.tag').click();
      await page.waitForLoadState();
      assert.match(page.url(), /\/tags\/ml\.html$/);
      await page.goto(pathToFileURL(path.join(tags, 'tags', 'index.html')).href);
      const x = async (name) => (await page.locator('.tag-tree a', { hasText: new RegExp(`^${name} `) }).boundingBox()).x;
      const top = await x('#ml'), child = await x('#ml/metrics'), grandchild = await x('#ml/evaluation/cross-validation');
      assert.ok(top < child && child < grandchild, `${top} ${child} ${grandchild}`);
      await noSidewaysScroll(page);
      await screenshot(page, `tags-index-${colorScheme}-${device}`);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}
