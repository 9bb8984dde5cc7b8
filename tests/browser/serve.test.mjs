// `kb serve` on a built site: real HTTP requests (including traversal
// attempts that must not escape the site), then the reader's walk in Chromium.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  assertRequestsStayUnder, buildSite, fixtureDir, freePort, httpUrlMapper, kbBinary, launchBrowser,
  recordRequests, walkSite,
} from './helpers.mjs';

let site;
let server;  // the kb serve child process
let serverLog = '';
let base;    // "http://127.0.0.1:PORT/"
let browser;

// A raw GET: unlike fetch(), node:http sends the path byte for byte, without
// resolving "..", so traversal attempts reach the server as written.
function rawGet(port, requestPath, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: requestPath, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

// The serve command line for this kb: it names the site folder with --site,
// or takes --config/--out like build does (checked in `kb serve --help`).
function serveArgs(out, port) {
  const help = spawnSync(kbBinary, ['serve', '--help'], { encoding: 'utf8' });
  const text = `${help.stdout}${help.stderr}`;
  assert.match(text, /--port/, `kb serve --help does not offer --port:\n${text}`);
  const args = ['serve', '--port', String(port)];
  if (/--host/.test(text)) args.push('--host', '127.0.0.1');
  if (/--site/.test(text)) args.push('--site', out);
  else args.push('--config', path.join(fixtureDir, 'site.toml'), '--out', out);
  return args;
}

async function waitUntilServing(port, child) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`kb serve exited with ${child.exitCode}:\n${serverLog}`);
    try {
      const res = await rawGet(port, '/');
      if (res.status === 200) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`kb serve did not answer on port ${port} within 15 s:\n${serverLog}`);
}

before(async () => {
  site = buildSite();
  const port = await freePort();
  base = `http://127.0.0.1:${port}/`;
  server = spawn(kbBinary, serveArgs(site.out, port), { cwd: site.work, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (d) => { serverLog += d; });
  server.stderr.on('data', (d) => { serverLog += d; });
  await waitUntilServing(port, server);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGINT');
    const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  if (site) fs.rmSync(site.work, { recursive: true, force: true });
});

const port = () => Number(new URL(base).port);

test('serves the home page and notes with the right headers', { timeout: 30_000 }, async () => {
  const home = await rawGet(port(), '/');
  assert.equal(home.status, 200);
  assert.match(home.headers['content-type'], /^text\/html; charset=utf-8/i);
  assert.equal(home.headers['cache-control'], 'no-cache');
  assert.equal(home.body, fs.readFileSync(path.join(site.out, 'index.html'), 'utf8'));

  const css = await rawGet(port(), '/assets/style.css');
  if (fs.existsSync(path.join(site.out, 'assets', 'style.css'))) {
    assert.equal(css.status, 200);
    assert.match(css.headers['content-type'], /^text\/css/);
  }
  // Every .html file of the site is served as written.
  const pages = fs.readdirSync(site.out, { recursive: true }).filter((f) => f.endsWith('.html'));
  assert.ok(pages.length >= 3);
  for (const rel of pages) {
    const url = '/' + rel.split(path.sep).map(encodeURIComponent).join('/');
    const res = await rawGet(port(), url);
    assert.equal(res.status, 200, `${url}: ${res.status}`);
  }
  const head = await rawGet(port(), '/', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
});

test('never serves anything outside the site', { timeout: 30_000 }, async () => {
  for (const attempt of ['/../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc/passwd',
    '/../../../../../../etc/passwd', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/..%5c..%5cetc%5cpasswd']) {
    const res = await rawGet(port(), attempt);
    assert.ok([400, 403, 404].includes(res.status), `${attempt}: status ${res.status}`);
    assert.ok(!res.body.includes('root:'), `${attempt} leaked /etc/passwd`);
  }
  const missing = await rawGet(port(), '/no-such-page.html');
  assert.equal(missing.status, 404);
  const post = await rawGet(port(), '/index.html', 'POST');
  assert.equal(post.status, 405);
});

test('a folder without its slash redirects to the folder', { timeout: 30_000 }, async () => {
  const folder = fs.readdirSync(site.out, { withFileTypes: true })
    .find((d) => d.isDirectory() && /^[a-z0-9_-]+$/.test(d.name) &&
      fs.existsSync(path.join(site.out, d.name, 'index.html')));
  if (!folder) return;  // a site without folder pages has nothing to redirect
  const res = await rawGet(port(), '/' + folder.name + '?from=test');
  assert.equal(res.status, 301);
  assert.equal(res.headers.location, '/' + folder.name + '/?from=test');
});

test('a reader walks the served site in Chromium', { timeout: 120_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const requests = recordRequests(context);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await walkSite(page, base, httpUrlMapper(base, site.out));
  assertRequestsStayUnder(requests, base);
  assert.deepEqual(errors, []);
  await context.close();
  assert.match(serverLog, /GET \/ 200/, 'kb serve logged no request lines');
});

test('kb serve stops cleanly on Ctrl-C', { timeout: 30_000 }, async () => {
  const exited = new Promise((r) => server.once('exit', (code, signal) => r({ code, signal })));
  server.kill('SIGINT');
  const { code, signal } = await exited;
  assert.ok(code === 0 || signal === 'SIGINT', `kb serve ended with code ${code}, signal ${signal}:\n${serverLog}`);
});
