// The navigation tree of a big site: folders off the page's path arrive
// closed, holding only their Overview link, and load their contents when
// opened, from file:// as over HTTP; without JS opening one still shows
// the link to the folder's page.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';

import { kbBinary, launchBrowser, newPage, screenshot, tempDir } from './helpers.mjs';

let work;
let out;
let browser;

before(async () => {
  work = tempDir('kb-nav-');
  // 2 groups × 10 folders × 20 notes: more than the tree lists whole.
  for (let g = 0; g < 2; ++g)
    for (let f = 0; f < 10; ++f)
      for (let n = 0; n < 20; ++n) {
        const dir = path.join(work, 'notes', `group ${g}`, `folder ${g}${f}`);
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, `note ${g}-${f}-${n}.md`), `# Note ${g}-${f}-${n}\n\nText.\n`);
      }
  out = path.join(work, 'site');
  const run = spawnSync(kbBinary, ['build', '--notes', path.join(work, 'notes'), '--out', out], { cwd: work, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('a closed folder loads its folders and notes when opened, from file://', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(pathToFileURL(path.join(out, 'group-0', 'folder-00', 'note-0-0-0.html')).href);
  const group1 = page.locator('#site-nav details[data-nav]', { has: page.locator('summary > .nav-name', { hasText: /^group 1$/ }) });
  assert.equal(await group1.count(), 1);
  assert.equal(await group1.locator('li').count(), 1, 'of group 1 only its Overview link is in the page');
  await group1.locator('summary').click();
  const folder = group1.locator('details[data-nav]', { has: page.locator('summary > .nav-name', { hasText: 'folder 13' }) });
  await folder.waitFor();
  assert.equal(await group1.locator(':scope > ul > li.nav-folder').count(), 10);
  assert.equal(await group1.locator(':scope > ul > li.nav-overview').count(), 1, 'the Overview link stays');
  await folder.locator('summary').click();
  assert.equal(await folder.locator(':scope > ul > li.nav-overview a').getAttribute('href'), '../../group-1/folder-13/index.html');
  const note = folder.getByRole('link', { name: 'Note 1-3-7' });
  await note.waitFor();
  await screenshot(page, 'nav-tree-opened');
  await note.click();
  await page.waitForURL(/group-1\/folder-13\/note-1-3-7\.html$/);
  assert.equal(await page.locator('h1').first().textContent(), 'Note 1-3-7');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('without JS a closed folder opens to the link to its page', async () => {
  const { page } = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(pathToFileURL(path.join(out, 'group-0', 'folder-00', 'note-0-0-0.html')).href);
  const group1 = page.locator('#site-nav details[data-nav]', { has: page.locator('summary > .nav-name', { hasText: /^group 1$/ }) });
  await group1.locator('summary').click();
  await group1.getByRole('link', { name: 'Overview' }).click();
  await page.waitForURL(/group-1\/index\.html$/);
  assert.ok(await page.getByRole('link', { name: 'folder 13' }).count() > 0);
  await page.context().close();
});
