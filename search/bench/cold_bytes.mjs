// Benchmark (not a test): bytes a browser downloads for a cold first query,
// kb's static search against Pagefind's default UI, on the same corpus.
//   node cold_bytes.mjs KB_SITE PAGEFIND_SITE [query ...]
// KB_SITE: a site built by kb build. PAGEFIND_SITE: Hugo's public/ folder
// indexed by Pagefind (../shared/bench/hugo_baseline.sh CORPUS WORK PAGEFIND).
// Both are served over HTTP by this script; each query runs in a fresh
// browser context (empty cache) on a page that already loaded, and every
// response from the moment the page starts loading its search code is
// counted: the search scripts (and Pagefind's WASM), the index data and the
// data of the results shown (kb's box shows 8, Pagefind's UI 5).
// Bytes are counted as served and as gzip would send them (GitHub Pages
// compresses text; Pagefind's index files are already gzipped).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);
const { chromium } = require(path.join(here, '..', '..', 'node_modules', 'playwright-core'));

const [kbSite, pfSite, ...rest] = process.argv.slice(2);
const queries = rest.length ? rest : ['kinesis firehose', 'random cut forest', 'gradient descent', 'auc', 'smote oversample'];

function serve(root) {
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, rel);
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) { res.writeHead(404); res.end(); return; }
    const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm' };
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function isSearchRequest(url, kind) {
  if (kind === 'kb') return /\/assets\/search\/.*\.js$|\/search\/(meta|t\/|d\/)/.test(url);
  return /\/pagefind\//.test(url);
}

async function measure(browser, base, kind, query) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const counted = [];
  page.on('response', async (r) => {
    if (!isSearchRequest(r.url(), kind)) return;
    try {
      const body = await r.body();
      counted.push({ url: r.url(), raw: body.length, gz: zlib.gzipSync(body, { level: 9 }).length });
    } catch { /* redirects */ }
  });
  if (kind === 'kb') {
    await page.goto(base + 'index.html');
    await page.keyboard.press('/');
    await page.keyboard.type(query);
    await page.waitForSelector('.search-popup:not([hidden]) .search-hit, .search-popup:not([hidden]) .search-note', { timeout: 30000 });
  } else {
    await page.goto(base + 'kb-bench-pagefind.html');
    await page.fill('.pagefind-ui__search-input', query);
    await page.waitForSelector('.pagefind-ui__result-title', { timeout: 30000 });
  }
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  const hits = kind === 'kb' ? await page.locator('.search-hit').count() : await page.locator('.pagefind-ui__result').count();
  await context.close();
  const sum = (k) => counted.reduce((a, c) => a + c[k], 0);
  return { requests: counted.length, raw: sum('raw'), gz: sum('gz'), hits };
}

fs.writeFileSync(path.join(pfSite, 'kb-bench-pagefind.html'),
  '<!doctype html><html><head><meta charset="utf-8"><link href="/pagefind/pagefind-ui.css" rel="stylesheet">' +
  '<script src="/pagefind/pagefind-ui.js"></script></head><body><div id="search"></div>' +
  '<script>window.addEventListener("DOMContentLoaded",()=>{new PagefindUI({element:"#search",showSubResults:false});});</script></body></html>');

const kbServer = await serve(path.resolve(kbSite));
const pfServer = await serve(path.resolve(pfSite));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const kbBase = `http://127.0.0.1:${kbServer.address().port}/`;
const pfBase = `http://127.0.0.1:${pfServer.address().port}/`;
// kb's pages use /api/search only under kb serve; this plain server makes them use the static index.
console.log('query | kb requests | kb bytes | kb gzip | kb hits | pagefind requests | pagefind bytes | pagefind gzip | pagefind hits');
let tk = 0, tp = 0, tkg = 0, tpg = 0;
for (const q of queries) {
  const k = await measure(browser, kbBase, 'kb', q);
  const p = await measure(browser, pfBase, 'pf', q);
  tk += k.raw; tp += p.raw; tkg += k.gz; tpg += p.gz;
  console.log(`${q} | ${k.requests} | ${k.raw} | ${k.gz} | ${k.hits} | ${p.requests} | ${p.raw} | ${p.gz} | ${p.hits}`);
}
console.log(`total | | ${tk} | ${tkg} | | | ${tp} | ${tpg} |`);
await browser.close();
kbServer.close();
pfServer.close();
