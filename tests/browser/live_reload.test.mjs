// `kb serve --watch` as an author uses it: a page open in Chromium follows
// every save (keeping its scroll position), shows a broken note as an
// overlay while the last good site stays served, swaps a changed stylesheet
// without reloading, and the built site never carries the live script.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { freePort, kbBinary, launchBrowser, newPage, tempDir } from './helpers.mjs';

let work;
let server;
let log = '';
let base;
let port;
let browser;

const notes = () => path.join(work, 'notes');
const longBody = (extra) =>
  `---\ntitle: Long note\n---\n# Long note\n\n${Array.from({ length: 120 }, (_, i) => `Paragraph ${i} about shards and streams.`).join('\n\n')}\n\n${extra}\n`;

function write(rel, text) {
  const file = path.join(work, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Write-then-rename, as most editors save.
  fs.writeFileSync(`${file}.tmp`, text);
  fs.renameSync(`${file}.tmp`, file);
}

async function waitFor(what, check, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n--- kb log ---\n${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

before(async () => {
  work = tempDir('kb-watch-');
  fs.writeFileSync(path.join(work, 'site.toml'), 'title = "Watch test"\nnotes = "notes"\noutput = "_site"\n');
  write('notes/index.md', '# Home\n\nRead [[Long note]] and [[Other]].\n');
  write('notes/long.md', longBody('The end.'));
  write('notes/other.md', '# Other\n\nSee [[Long note]].\n');
  fs.mkdirSync(path.join(work, 'assets'));
  port = await freePort();
  base = `http://127.0.0.1:${port}/`;
  server = spawn(kbBinary, ['serve', '--watch', '--port', String(port)], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (d) => { log += d; });
  server.stderr.on('data', (d) => { log += d; });
  await waitFor('kb serve --watch to start', () => /Serving .* at http/.test(log), 60_000);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) server.kill('SIGKILL');
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('a saved note shows in the open page, scrolled where the reader was', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(`${base}long.html`);
  await page.evaluate(() => { window.scrollTo(0, 1500); window.kbMarker = 'old page'; });
  const t0 = Date.now();
  write('notes/long.md', longBody('Zanzibarquux was added.'));
  await page.waitForFunction(() => document.body?.textContent.includes('Zanzibarquux'), null, { timeout: 15_000 });
  const ms = Date.now() - t0;
  assert.equal(await page.evaluate(() => window.kbMarker), undefined, 'the page reloaded');
  await page.waitForFunction(() => Math.abs(window.scrollY - 1500) < 5, null, { timeout: 5000 });
  // The search API answers from the new index as soon as the page shows it.
  const res = await (await fetch(`${base}api/search?q=zanzibarquux`)).json();
  assert.equal(res.results[0]?.url, 'long.html', JSON.stringify(res));
  assert.deepEqual(errors, []);
  console.log(`edit to page: ${ms} ms`);
  await page.context().close();
});

test('a broken note shows as an overlay, the last good site stays, a fix clears it', async () => {
  const { page } = await newPage(browser);
  await page.goto(`${base}long.html`);
  write('notes/long.md', '---\ntitle: [unclosed\n---\nBroken now.\n');
  const overlay = page.locator('#kb-live-problem');
  await overlay.waitFor({ timeout: 15_000 });
  // A note left out by a problem is a warning for kb build; while serving,
  // the page being edited keeps its last good build instead.
  assert.match(await overlay.textContent(), /long\.md:\d+:\d+: warning: invalid YAML front matter/);
  assert.match(await overlay.textContent(), /long\.md: error: now left out of the site by the problem above/);
  assert.match(log, /long\.md:\d+:\d+: warning/);
  // Still the previous site, for this page and a new one.
  assert.match(await (await fetch(`${base}long.html`)).text(), /Zanzibarquux/);
  const fresh = await newPage(browser);
  await fresh.page.goto(`${base}other.html`);
  await fresh.page.locator('#kb-live-problem').waitFor({ timeout: 10_000 });
  await fresh.context.close();
  write('notes/long.md', longBody('Fixed again.'));
  await page.waitForFunction(() => document.body?.textContent.includes('Fixed again'), null, { timeout: 15_000 });
  assert.equal(await overlay.count(), 0);
  await page.context().close();
});

test('a stylesheet change is swapped in without a reload', async () => {
  const { page } = await newPage(browser);
  await page.goto(`${base}other.html`);
  await page.evaluate(() => { window.kbMarker = 'kept'; });
  write('assets/style.css', 'body { background: rgb(1, 2, 3); }\n');
  await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)', null,
    { timeout: 15_000 });
  assert.equal(await page.evaluate(() => window.kbMarker), 'kept', 'the page was not reloaded');
  fs.rmSync(path.join(work, 'assets', 'style.css'));
  await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor !== 'rgb(1, 2, 3)', null,
    { timeout: 15_000 });
  await page.context().close();
});

test('the built site never carries the live-reload script', () => {
  const out = path.join(work, '_site');
  const pages = fs.readdirSync(out, { recursive: true }).filter((f) => f.endsWith('.html'));
  assert.ok(pages.length >= 3);
  for (const f of pages) assert.doesNotMatch(fs.readFileSync(path.join(out, f), 'utf8'), /__kb\//, f);
});

test('a second watch on the same port says it is taken', () => {
  const second = spawnSync(kbBinary, ['serve', '--watch', '--port', String(port), '--out', path.join(work, 'other-site')],
    { cwd: work, encoding: 'utf8', timeout: 30_000 });
  assert.equal(second.status, 1, second.stderr);
  assert.match(second.stderr, /port \d+ is already in use/);
  assert.ok(!fs.existsSync(path.join(work, 'other-site')), 'nothing was left behind');
});

test('Ctrl-C stops the server cleanly', async () => {
  const exited = new Promise((r) => server.once('exit', (code) => r(code)));
  server.kill('SIGINT');
  const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 10_000))]);
  assert.equal(code, 0, log);
  assert.match(log, /Stopped\./);
});
