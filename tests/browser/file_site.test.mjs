// The built site opened straight from disk (file://), as a learner offline
// would: navigation, relative links, theme memory, the phone menu, and no
// request leaving the site folder.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import {
  assertRequestsStayUnder, buildSite, fileUrlMapper, launchBrowser, newPage, screenshot, screenshotDir,
  walkSite,
} from './helpers.mjs';

let site;
let browser;
let homeUrl;
let toFile;

before(async () => {
  site = buildSite();
  homeUrl = pathToFileURL(path.join(site.out, 'index.html')).href;
  toFile = fileUrlMapper(site.out);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (site) fs.rmSync(site.work, { recursive: true, force: true });
});

test('a reader follows links from the home page to a note and a tag', { timeout: 120_000 }, async () => {
  const { context, page, requests, errors } = await newPage(browser);
  await walkSite(page, homeUrl, toFile);
  assertRequestsStayUnder(requests, pathToFileURL(site.out).href + '/');
  assert.deepEqual(errors, [], 'script or console errors');
  await context.close();
});

test('the dark theme is remembered after a reload', { timeout: 60_000 }, async () => {
  const { context, page, requests } = await newPage(browser);
  const { noteUrl } = await walkSite(page, homeUrl, toFile);
  await page.goto(noteUrl);
  const theme = () => page.evaluate(() => document.documentElement.getAttribute('data-theme'));
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(await theme(), 'dark', 'a light-scheme browser starts dark');
  const light = await background();

  await page.click('.theme-toggle');
  assert.equal(await theme(), 'dark');
  const dark = await background();
  assert.notEqual(dark, light, 'switching to dark did not change the page background');
  await page.reload();
  assert.equal(await theme(), 'dark', 'the dark choice was forgotten on reload');
  assert.equal(await background(), dark);

  // Remembered across pages too, and switching back sticks as well.
  await page.goto(homeUrl);
  assert.equal(await theme(), 'dark', 'the dark choice did not carry to another page');
  await page.click('.theme-toggle');
  await page.reload();
  assert.equal(await theme(), 'light');
  assert.equal(await background(), light);
  assertRequestsStayUnder(requests, pathToFileURL(site.out).href + '/');
  await context.close();
});

test('at phone width the menu button opens and closes the navigation', { timeout: 60_000 }, async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const { noteUrl } = await walkSite(page, homeUrl, toFile);
  await page.goto(noteUrl);
  const menu = page.locator('.menu-button');
  const nav = page.locator('#site-nav');
  assert.ok(await menu.isVisible(), 'no menu button at phone width');
  assert.ok(!(await nav.isVisible()), 'the navigation is not hidden at phone width');
  await menu.click();
  assert.ok(await nav.isVisible(), 'the menu button did not open the navigation');
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  // Links in the open panel work.
  assert.ok(await nav.locator('a[aria-current="page"]').isVisible());
  await page.keyboard.press('Escape');
  assert.ok(!(await nav.isVisible()), 'Escape did not close the navigation');
  await menu.click();
  assert.ok(await nav.isVisible());
  await menu.click();
  assert.ok(!(await nav.isVisible()), 'a second click did not close the navigation');
  // Nothing is wider than the phone's screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 390px`);
  await context.close();
});

test('screenshots of home, note and tag page', { timeout: 120_000, skip: !screenshotDir && 'KB_SCREENSHOTS not set' },
  async () => {
    const { context, page } = await newPage(browser);
    const pages = await walkSite(page, homeUrl, toFile);
    await context.close();
    for (const scheme of ['light', 'dark']) {
      for (const width of [1280, 390]) {
        const shot = await newPage(browser, { colorScheme: scheme, viewport: { width, height: width > 800 ? 900 : 844 } });
        for (const [name, url] of [['home', pages.homeUrl], ['note', pages.noteUrl], ['tag', pages.tagUrl]]) {
          await shot.page.goto(url);
          await screenshot(shot.page, `file-${name}-${scheme}-${width}`);
        }
        await shot.context.close();
      }
    }
  });
