// Shared by the browser tests: build a site with the kb binary, drive the
// Debian chromium through playwright-core, and check a page the way a reader
// (and a link checker) would.
//
// Environment: KB_BINARY (the kb executable; default <source>/build/kb),
// KB_SOURCE_DIR (the repository; default two folders up from here),
// KB_SCREENSHOTS (a folder for screenshots; none are taken if unset).
// Never downloads a browser: playwright-core drives /usr/bin/chromium.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const sourceDir =
  process.env.KB_SOURCE_DIR || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const kbBinary = process.env.KB_BINARY || path.join(sourceDir, 'build', 'kb');
export const screenshotDir = process.env.KB_SCREENSHOTS || '';
export const fixtureDir = path.join(sourceDir, 'tests', 'sites', 'ok', 'basic');

export const CHROMIUM = process.env.KB_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

export async function launchBrowser() {
  assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export function tempDir(prefix) {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

// Notes of our own, for when the shared fixture site is not there: two
// folders, wikilinks both ways, tags and headings (so a TOC), an index page.
function writeOwnNotes(root) {
  const notes = path.join(root, 'notes');
  const files = {
    'index.md': '# Welcome\n\nStart with [[F1 score]] or [[Amazon Kinesis Data Streams]].\n',
    'metrics/f1.md':
      '---\ntitle: F1 score\naliases: [F1]\ntags: [metrics, classification]\ndomain: modeling\n---\n' +
      'Balances [[Precision]] and recall.\n\n## Worked example\n\nP = 0.5, R = 1 gives 0.667.\n\n' +
      '## Exam traps\n\nUse it on imbalanced data.\n',
    'metrics/precision.md':
      '---\ntitle: Precision\ntags: [metrics]\ndomain: modeling\n---\nSee [[F1 score#Worked example]].\n',
    'streaming/kinesis.md':
      '---\ntitle: Amazon Kinesis Data Streams\ntags: [streaming]\ndomain: data-engineering\n---\n' +
      'Shards carry records. Models are scored by [[F1 score|F1]].\n\n## Shards\n\nOne MB/s in.\n',
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(notes, name)), { recursive: true });
    fs.writeFileSync(path.join(notes, name), text);
  }
  return notes;
}

// Build the fixture site (or our own notes) into a fresh folder; returns its path.
export function buildSite() {
  const work = tempDir('kb-browser-');
  const out = path.join(work, 'site');
  const args = fs.existsSync(path.join(fixtureDir, 'site.toml'))
    ? ['build', '--config', path.join(fixtureDir, 'site.toml'), '--out', out]
    : ['build', '--notes', writeOwnNotes(work), '--out', out];
  const run = spawnSync(kbBinary, args, { cwd: work, encoding: 'utf8' });
  assert.equal(run.status, 0, `kb ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
  assert.ok(fs.existsSync(path.join(out, 'index.html')), 'the build wrote no index.html');
  return { work, out };
}

// Builds the fixture tests/sites/ok/<name> into `out` with `kb build [...flags]`
// (run in `cwd`, with `env` added to the environment); fails the test with
// kb's output when the build fails. Returns `out`.
export function buildFixture(name, out, { flags = [], env = {}, cwd } = {}) {
  const config = path.join(sourceDir, 'tests', 'sites', 'ok', name, 'site.toml');
  const run = spawnSync(kbBinary, ['build', ...flags, '--config', config, '--out', out], {
    cwd: cwd ?? path.dirname(out),
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  assert.equal(run.status, 0, `kb build failed:\n${run.stdout}\n${run.stderr}`);
  return out;
}

// A fresh page in its own context (1280×900, light unless `options` say
// otherwise), with the URLs it requests and the script errors it reports.
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light', ...options });
  const requests = recordRequests(context);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return { context, page, requests, errors };
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Record every request a page makes, to prove none leaves the site.
export function recordRequests(context) {
  const urls = [];
  context.on('request', (request) => urls.push(request.url()));
  return urls;
}

export function assertRequestsStayUnder(urls, prefix) {
  const outside = urls.filter((u) => !u.startsWith(prefix) && !u.startsWith('data:'));
  assert.deepEqual(outside, [], `requests left the site (expected all under ${prefix})`);
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

// Check every href/src on the page: relative (no scheme, no leading '/'),
// leading to an existing file, and where it has a #fragment, to an element
// with that id. `toFile` maps an absolute URL of the site to the file it
// names, or null for a URL outside the site. Returns the number checked.
export async function checkLinks(page, toFile) {
  const refs = await page.evaluate(() =>
    [...document.querySelectorAll('a[href], link[href], script[src], img[src]')].map((el) => ({
      tag: el.tagName.toLowerCase(),
      raw: el.getAttribute(el.hasAttribute('href') ? 'href' : 'src'),
      // (An SVG <a>'s href is no string: resolve the attribute.)
      abs: new URL(el.getAttribute(el.hasAttribute('href') ? 'href' : 'src'), document.baseURI).href,
    })),
  );
  const problems = [];
  const idCache = new Map();
  const idsOf = (file) => {
    if (!idCache.has(file)) {
      const html = fs.readFileSync(file, 'utf8');
      idCache.set(file, new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => decodeHtml(m[1]))));
    }
    return idCache.get(file);
  };
  for (const { tag, raw, abs } of refs) {
    const where = `<${tag}> "${raw}" on ${page.url()}`;
    if (SCHEME.test(raw) || raw.startsWith('/')) {
      problems.push(`${where}: not relative`);
      continue;
    }
    const [target, fragment = ''] = abs.split('#');
    const file = toFile(target);
    if (!file) { problems.push(`${where}: leads outside the site (${abs})`); continue; }
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      problems.push(`${where}: ${file} does not exist`);
      continue;
    }
    if (fragment && file.endsWith('.html')) {
      const id = decodeURIComponent(fragment);
      if (!idsOf(file).has(id)) problems.push(`${where}: no element with id "${id}" in ${file}`);
    }
  }
  assert.deepEqual(problems, [], 'broken or absolute links');
  return refs.length;
}

function decodeHtml(s) {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

// file:// URL -> path, only under `root`.
export function fileUrlMapper(root) {
  return (url) => {
    if (!url.startsWith('file://')) return null;
    const file = fileURLToPath(url);
    return file === root || file.startsWith(root + path.sep) ? file : null;
  };
}

// http://host:port/... -> path under `root` (folders mean their index.html).
export function httpUrlMapper(base, root) {
  return (url) => {
    if (!url.startsWith(base)) return null;
    let rel = decodeURIComponent(new URL(url).pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, rel);
    return file.startsWith(root + path.sep) ? file : null;
  };
}

export async function screenshot(page, name) {
  if (!screenshotDir) return;
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

// The reader's walk shared by the file:// and the served test: home -> the
// F1 note (nav tree, breadcrumbs, TOC, backlinks, links) -> one of its tags.
// Returns the URLs of the three pages.
export async function walkSite(page, homeUrl, toFile) {
  await page.goto(homeUrl);
  await assertChrome(page, 'home');
  await checkLinks(page, toFile);

  const noteLink = page.locator('#content a', { hasText: 'F1 score' }).first();
  await noteLink.click();
  await page.waitForLoadState('load');
  const noteUrl = page.url();
  assert.notEqual(noteUrl, homeUrl, 'following the note link did not navigate');
  assert.equal((await page.locator('h1').first().textContent()).trim(), 'F1 score');
  await assertChrome(page, 'note');
  assert.ok(await page.locator('.breadcrumbs a').count() >= 1, 'the note has no breadcrumbs');
  assert.ok(await page.locator('.site-nav a[aria-current="page"]').count() >= 1,
    'the nav tree does not mark the current note');
  const tocLinks = await page.locator('.toc-list a').allTextContents();
  assert.ok(tocLinks.some((t) => t.includes('Worked example')), `TOC lacks "Worked example": ${tocLinks}`);
  assert.ok(await page.locator('.backlinks a').count() >= 1, 'the note has no backlinks');
  await checkLinks(page, toFile);

  const tag = page.locator('.tags a.tag').first();
  assert.ok(await tag.count() === 1, 'the note shows no tags');
  await tag.click();
  await page.waitForLoadState('load');
  const tagUrl = page.url();
  assert.ok(await page.locator('.tag-page .note-list a').count() >= 1, 'the tag page lists no notes');
  await assertChrome(page, 'tag');
  await checkLinks(page, toFile);
  return { homeUrl, noteUrl, tagUrl };
}

async function assertChrome(page, what) {
  assert.ok(await page.locator('#site-nav .nav-tree a').count() >= 1, `${what}: no navigation tree`);
  assert.ok(await page.locator('.theme-toggle').count() === 1, `${what}: no theme switch`);
}
