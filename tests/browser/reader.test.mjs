// What a reader expects of a page, from file://: a permalink on every
// section heading, the table of contents marking the section in view,
// back-to-top on a long page only, a compact backlinks section on a note
// that many notes link to, the recently updated notes on the home page (from
// git), and Open Graph / Twitter tags for shared links.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';

import { kbBinary, launchBrowser, newPage, tempDir } from './helpers.mjs';

let work;
let out;
let browser;

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}:\n${r.stdout}\n${r.stderr}`);
}

before(async () => {
  work = tempDir('kb-reader-');
  const notes = path.join(work, 'notes');
  fs.mkdirSync(notes, { recursive: true });
  const para = 'A paragraph of words that takes some room on the page. '.repeat(12);
  let long = '---\ntitle: Long note\n---\n# Long note\n\n';
  for (let s = 1; s <= 6; s++) long += `## Section ${s}\n\n${para}\n\n${para}\n\n`;
  fs.writeFileSync(path.join(notes, 'long.md'), long);
  fs.writeFileSync(path.join(notes, 'hub.md'), '---\ntitle: Hub\n---\nLinked from many notes.\n');
  for (let i = 1; i <= 12; i++)
    fs.writeFileSync(path.join(notes, `leaf-${String(i).padStart(2, '0')}.md`),
      `---\ntitle: Leaf ${String(i).padStart(2, '0')}\nsummary: Leaf number ${i}.\n---\nSee [[Hub]].\n`);
  // A repository, so pages have history (and the home page its recent notes).
  run('git', ['init', '-q'], work);
  run('git', ['add', '.'], work);
  run('git', ['-c', 'user.name=Reader', '-c', 'user.email=reader@example.org', 'commit', '-q', '-m', 'notes'], work);
  out = path.join(work, 'site');
  run(kbBinary, ['build', '--notes', notes, '--out', out, '--base-url', 'https://example.org/kb/'], work);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const at = (file) => pathToFileURL(path.join(out, file)).href;

test('headings have permalinks, the contents mark the section in view, and back-to-top shows on long pages only', async () => {
  const { context, page, errors } = await newPage(browser);
  await page.goto(at('long.html'));
  const anchors = await page.$$eval('.note-body h2 > .heading-anchor', (as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(anchors, ['#section-1', '#section-2', '#section-3', '#section-4', '#section-5', '#section-6']);
  assert.match(await page.getAttribute('#section-3 .heading-anchor', 'aria-label'), /Section 3/);
  await page.evaluate(() => document.getElementById('section-4').scrollIntoView());
  await page.waitForFunction(() => document.querySelector('.toc-side a[aria-current]')?.textContent === 'Section 4');
  assert.ok(await page.isVisible('.back-to-top a'));
  await page.goto(at('hub.html'));
  assert.ok(await page.isHidden('.back-to-top'), 'a short page has none');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a note linked from twelve shows eight with summaries and the rest folded, titles only', async () => {
  const { context, page } = await newPage(browser);
  await page.goto(at('hub.html'));
  assert.equal(await page.locator('.backlinks > .note-list > li').count(), 8);
  assert.equal((await page.textContent('.backlinks-rest summary')).trim(), '4 more');
  assert.deepEqual(await page.locator('.backlinks-compact a').allTextContents(), ['Leaf 09', 'Leaf 10', 'Leaf 11', 'Leaf 12']);
  // Previous and next come before the backlinks.
  const order = await page.evaluate(() => {
    const nav = document.querySelector('.prev-next'), back = document.querySelector('.backlinks');
    return nav.compareDocumentPosition(back) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  assert.ok(order);
  await context.close();
});

test('the home page lists the recently updated notes, and pages carry Open Graph and Twitter tags', async () => {
  const { context, page } = await newPage(browser);
  await page.goto(at('index.html'));
  const recent = await page.locator('.recent-list li a').allTextContents();
  assert.equal(recent.length, 8);
  assert.match(await page.getAttribute('.recent-list time', 'datetime'), /^\d{4}-\d{2}-\d{2}$/);
  await page.goto(at('leaf-03.html'));
  const meta = async (sel) => page.getAttribute(sel, 'content');
  assert.equal(await meta('meta[property="og:title"]'), 'Leaf 03');
  assert.equal(await meta('meta[property="og:type"]'), 'article');
  assert.equal(await meta('meta[property="og:description"]'), 'Leaf number 3.');
  assert.equal(await meta('meta[property="og:url"]'), 'https://example.org/kb/leaf-03.html');
  assert.equal(await page.getAttribute('link[rel="canonical"]', 'href'), 'https://example.org/kb/leaf-03.html');
  assert.equal(await meta('meta[name="twitter:card"]'), 'summary');
  await context.close();
});
