// Benchmark (not a test): relevance of three searchers on the evaluation set
// tests/search/eval/queries.jsonl (even lines: the tuning half; odd lines:
// the held-out half), measured as search/bench/relevance.py does — the rank
// of the first expected note in the top 10; hit@1, hit@3 and MRR:
//   kb      `kb search --site SITE --json --limit 10 Q` (Xapian)
//   client  kb's static browser client (assets/search/engine.js) in node on
//           SITE/search/, loaded as tests/search/parity.test.mjs does:
//           engineFor(site).search(q), then engine.doc(docid).url
//   pagefind  Pagefind's own search code (pagefind.js + WASM, in headless
//           Chromium) over an index of SITE's note pages — the 234-or-so pages
//           kb's own index holds — with root selector `main` and the
//           navigation inside it excluded (see PF_EXCLUDE), so both engines
//           see the note's title, tags, body, quizzes and flashcards, not menus.
//   pagefind-site (with --whole-site)  Pagefind with its defaults over every
//           HTML page of SITE (tag pages, exam pages, ... included), as a
//           drop-in `pagefind --site SITE` would index it.
//
//   node search/bench/compare_relevance.mjs --site SITE [--kb KB]
//        [--pagefind /path/to/node_modules/.bin/pagefind] [--misses]
//        [--whole-site] [--pagefind-bundle DIR] [--notes DIR]
//        [--chromium /usr/bin/chromium] [--keep]
//
// SITE: a site built by `kb build` (e.g. kb build --out /tmp/site from the
// repository root). KB: the kb binary (default build/kb). Without --pagefind
// (and without --pagefind-bundle, an existing bundle folder — the `pagefind/`
// Pagefind wrote — to search instead of indexing) the Pagefind rows are
// skipped. Pagefind is never installed here: npm install pagefind outside the
// project (mkdir /tmp/pf && cd /tmp/pf && npm init -y && npm install
// --save-exact pagefind@1.6.0). Indexing goes to a temporary folder (removed
// at the end unless --keep); SITE is only read.
//
// Prints one table (searcher x {all, tune, held out} x {hit@1, hit@3, MRR}),
// per-domain lines, the queries with no result at all per searcher, the
// index sizes, the parity of the client with kb search (queries whose top 10
// differ in path order), and with --misses each searcher's queries whose
// expected note is not in its top 3.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// Navigation kb renders inside <main>: breadcrumbs, previous/next and the
// exam study paths (all <nav>), the tables of contents, backlinks, the local
// graph and "Back to top".
const PF_EXCLUDE = 'nav, .toc, .backlinks, .local-graph, .back-to-top';
const PF_ROOT = 'main';

function parseArgs(argv) {
  const a = { kb: path.join(root, 'build', 'kb'), notes: path.join(root, 'notes'), chromium: '/usr/bin/chromium',
    queries: path.join(root, 'tests/search/eval/queries.jsonl'), misses: false, wholeSite: false, keep: false };
  const flags = { '--misses': 'misses', '--whole-site': 'wholeSite', '--keep': 'keep' };
  const values = { '--site': 'site', '--kb': 'kb', '--pagefind': 'pagefind', '--pagefind-bundle': 'bundle',
    '--notes': 'notes', '--chromium': 'chromium', '--queries': 'queries' };
  for (let i = 0; i < argv.length; i++) {
    if (flags[argv[i]]) a[flags[argv[i]]] = true;
    else if (values[argv[i]] && i + 1 < argv.length) a[values[argv[i]]] = argv[++i];
    else {
      console.error(`unknown argument ${argv[i]}\nusage: node search/bench/compare_relevance.mjs --site SITE [--kb KB] ` +
        '[--pagefind PAGEFIND_BIN] [--misses] [--whole-site] [--pagefind-bundle DIR] [--notes DIR] [--chromium PATH] [--keep]');
      process.exit(2);
    }
  }
  if (!a.site) { console.error('--site SITE is required (a folder built by kb build)'); process.exit(2); }
  a.site = path.resolve(a.site);
  return a;
}

const args = parseArgs(process.argv.slice(2));
const queries = fs.readFileSync(args.queries, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

// ---- URLs of kb's indexed pages and their note paths ----
function readData(file) {
  let out = null;
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), { kbSearchData: (n, d) => { out = d; } });
  return out;
}
const indexedUrls = [];
for (const f of fs.readdirSync(path.join(args.site, 'search', 'd'))) {
  for (const d of Object.values(readData(path.join(args.site, 'search', 'd', f)))) indexedUrls.push(d.url);
}
// generator/core/text.cc url_slug, for ASCII names (the notes' names are).
function slug(name) {
  let out = '', dash = false;
  for (const ch of name.trim().toLowerCase()) {
    if (/[a-z0-9_.]/.test(ch) || ch.codePointAt(0) >= 0x80) { if (dash && out) out += '-'; dash = false; out += ch; }
    else dash = true;
  }
  out = out.replace(/\.+$/, '');
  return out || 'untitled';
}
function noteUrl(rel) {
  const parts = rel.replace(/\.md$/, '').split('/');
  const stem = parts.pop();
  const folder = parts.map((p) => slug(p) + '/').join('');
  return stem === 'index' ? `${folder}index.html` : `${folder}${slug(stem)}.html`;
}
const urlToPath = new Map();
const pathToUrl = new Map();
(function walk(dir, rel) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) walk(path.join(dir, e.name), r);
    else if (e.name.endsWith('.md')) { const u = noteUrl(r); urlToPath.set(u, r); pathToUrl.set(r, u); }
  }
})(args.notes, '');
const indexedSet = new Set(indexedUrls);
const expectedUnindexed = [...new Set(queries.flatMap((q) => q.expect))].filter((p) => !indexedSet.has(pathToUrl.get(p)));
const unmapped = indexedUrls.filter((u) => !urlToPath.has(u));
// kb search's JSON gives path and url side by side: trust it over the slug.
function learn(results) { for (const r of results) { urlToPath.set(r.url, r.path); pathToUrl.set(r.path, r.url); } }
const toPath = (url) => urlToPath.get(url) ?? url;

// ---- the searchers ----
function kbSearch(q) {
  const run = spawnSync(args.kb, ['search', '--site', args.site, '--json', '--limit', '10', q], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) { console.error(`kb search failed for ${JSON.stringify(q)}: ${run.stderr}`); process.exit(1); }
  const out = JSON.parse(run.stdout);
  learn(out.results);
  return { paths: out.results.map((r) => r.path), total: out.total, corrected: out.corrected };
}

const { engineFor } = await import(pathToFileURL(path.join(root, 'tests/search/site_loader.mjs')).href);
const engine = engineFor(args.site);
async function clientSearch(q) {
  const c = await engine.search(q);
  const top = c.ranked.slice(0, 10);
  const paths = [];
  for (const r of top) paths.push(toPath((await engine.doc(r.docid)).url));
  return { paths, total: c.total, corrected: c.corrected };
}

function dirBytes(dir, filter = () => true) {
  let raw = 0, gz = 0, files = 0;
  (function walk(d) {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (filter(path.relative(dir, p))) {
        const b = fs.readFileSync(p);
        raw += b.length; gz += zlib.gzipSync(b, { level: 9 }).length; files++;
      }
    }
  })(dir);
  return { raw, gz, files };
}

function pagefindIndex(bin, siteDir, outDir, extra) {
  const run = spawnSync(bin, ['--site', siteDir, '--output-path', outDir, '--keep-index-url', ...extra], { encoding: 'utf8' });
  if (run.status !== 0) { console.error(`pagefind failed:\n${run.stdout}\n${run.stderr}`); process.exit(1); }
  const pages = /Indexed (\d+) pages/.exec(run.stdout);
  const words = /Indexed (\d+) words/.exec(run.stdout);
  return { pages: pages ? +pages[1] : null, words: words ? +words[1] : null };
}

// Serves each bundle at /<name>/pagefind/ and an empty page at /.
function serveBundles(bundles) {
  const types = { '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.html': 'text/html' };
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (rel === '/') { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<!doctype html><title>bench</title>'); return; }
    const m = /^\/([^/]+)\/pagefind\/(.*)$/.exec(rel);
    const dir = m && bundles[m[1]];
    const file = dir && path.join(dir, m[2]);
    if (!file || !file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function pagefindRuns(bundles) {
  const { chromium } = await import(pathToFileURL(path.join(root, 'node_modules/playwright-core/index.mjs')).href);
  const server = await serveBundles(bundles);
  const browser = await chromium.launch({ executablePath: args.chromium, args: ['--no-sandbox'] });
  const out = {};
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    for (const name of Object.keys(bundles)) {
      out[name] = await page.evaluate(async ({ name, qs }) => {
        const pf = await import(`/${name}/pagefind/pagefind.js`);
        await pf.options({ baseUrl: '/' });  // else result URLs start with the bundle's folder
        await pf.init();
        const res = [];
        for (const q of qs) {
          const r = await pf.search(q);
          const top = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
          res.push({ urls: top.map((d) => d.url), total: r.results.length });
        }
        return res;
      }, { name, qs: queries.map((q) => q.q) });
    }
  } finally {
    await browser.close();
    server.close();
  }
  return out;
}

// ---- run ----
const runs = {};   // searcher -> [{paths, total}] per query
runs.kb = queries.map((q) => kbSearch(q.q));
runs.client = [];
for (const q of queries) runs.client.push(await clientSearch(q.q));

let pfInfo = null, tmp = null;
if (args.pagefind || args.bundle) {
  const bundles = {};
  pfInfo = {};
  if (args.bundle) {
    bundles.pagefind = path.resolve(args.bundle);
  } else {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-pagefind-'));
    // The pages kb's index holds, copied as they are into a site of their own.
    const notesSite = path.join(tmp, 'notes-site');
    for (const u of indexedUrls) {
      fs.mkdirSync(path.dirname(path.join(notesSite, u)), { recursive: true });
      fs.copyFileSync(path.join(args.site, u), path.join(notesSite, u));
    }
    bundles.pagefind = path.join(tmp, 'notes', 'pagefind');
    pfInfo.pagefind = pagefindIndex(args.pagefind, notesSite, bundles.pagefind,
      ['--root-selector', PF_ROOT, '--exclude-selectors', PF_EXCLUDE]);
    if (args.wholeSite) {
      bundles['pagefind-site'] = path.join(tmp, 'site', 'pagefind');
      pfInfo['pagefind-site'] = pagefindIndex(args.pagefind, args.site, bundles['pagefind-site'], []);
    }
  }
  const res = await pagefindRuns(bundles);
  for (const [name, list] of Object.entries(res)) {
    runs[name] = list.map((r) => ({ paths: r.urls.map((u) => toPath(decodeURI(u).replace(/^\//, ''))), total: r.total }));
    pfInfo[name] = { ...(pfInfo[name] || {}), bytes: dirBytes(bundles[name]),
      searchBytes: dirBytes(bundles[name], (f) => !/-ui\.|highlight|playground|component/.test(f)) };
  }
}

// ---- figures ----
const searchers = Object.keys(runs);
const rankOf = (q, paths) => { const k = paths.findIndex((p) => q.expect.includes(p)); return k < 0 ? 0 : k + 1; };
function stats(name, pick) {
  let h1 = 0, h3 = 0, rr = 0, n = 0;
  queries.forEach((q, i) => {
    if (!pick(q, i)) return;
    const r = rankOf(q, runs[name][i].paths);
    h1 += r === 1; h3 += r > 0 && r <= 3; rr += r ? 1 / r : 0; n++;
  });
  return { h1: h1 / n, h3: h3 / n, mrr: rr / n, n };
}
const pct = (x) => `${(100 * x).toFixed(1).padStart(5)}%`;
const halves = [['all', () => true], ['tune', (q, i) => i % 2 === 0], ['held out', (q, i) => i % 2 === 1]];

console.log(`Relevance on ${path.relative(root, args.queries)}: ${queries.length} queries ` +
  `(tune = even lines, n=${queries.filter((_, i) => i % 2 === 0).length}; held out = odd lines, n=${queries.filter((_, i) => i % 2 === 1).length}); ` +
  'rank of the first expected note in the top 10');
console.log(`site ${args.site}; kb ${args.kb}`);
if (!pfInfo) console.log('Pagefind skipped (no --pagefind PAGEFIND_BIN given).');
else if (args.pagefind) {
  const v = spawnSync(args.pagefind, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`${v}: pagefind = ${pfInfo.pagefind.pages} note pages, --root-selector '${PF_ROOT}' --exclude-selectors '${PF_EXCLUDE}'` +
    (pfInfo['pagefind-site'] ? `; pagefind-site = ${pfInfo['pagefind-site'].pages} pages of the whole site, Pagefind's defaults` : ''));
}
console.log('');
console.log(`${'searcher'.padEnd(14)}` + halves.map(([h]) => `| ${h.padEnd(8)} hit@1  hit@3   MRR `).join(''));
for (const s of searchers) {
  let line = s.padEnd(14);
  for (const [, pick] of halves) { const t = stats(s, pick); line += `| ${' '.repeat(8)}${pct(t.h1)} ${pct(t.h3)} ${t.mrr.toFixed(3)} `; }
  console.log(line);
}
console.log('');
console.log('Per domain (all queries): hit@1 / hit@3 / MRR');
const domains = [...new Set(queries.map((q) => q.domain))].sort();
console.log(`${'domain'.padEnd(28)}  n  ` + searchers.map((s) => (' ' + s).padEnd(21)).join(''));
for (const d of domains) {
  let line = `${d.padEnd(28)}${String(queries.filter((q) => q.domain === d).length).padStart(3)}  `;
  for (const s of searchers) { const t = stats(s, (q) => q.domain === d); line += `${pct(t.h1)} ${pct(t.h3)} ${t.mrr.toFixed(3)}  `; }
  console.log(line);
}
console.log('');
for (const s of searchers) {
  const zero = queries.filter((_, i) => runs[s][i].total === 0);
  const miss10 = queries.filter((q, i) => rankOf(q, runs[s][i].paths) === 0).length;
  console.log(`${s.padEnd(14)} no result at all: ${String(zero.length).padStart(3)}/${queries.length}; expected note not in top 10: ${miss10}` +
    (zero.length && s.startsWith('pagefind') ? `  (e.g. ${zero.slice(0, 3).map((q) => JSON.stringify(q.q)).join(', ')})` : ''));
}

console.log('');
const kbIdx = dirBytes(path.join(args.site, 'search'));
const kbCode = dirBytes(path.join(args.site, 'assets', 'search'), (f) => f.endsWith('.js'));
const kb = (b) => `${b.raw.toLocaleString('en')} B (${b.gz.toLocaleString('en')} B gzipped, ${b.files} files)`;
console.log(`Index size: kb static index ${path.join(args.site, 'search')}/: ${kb(kbIdx)}; its client code assets/search/*.js: ${kb(kbCode)}`);
if (pfInfo) for (const s of searchers.filter((x) => pfInfo[x])) {
  console.log(`            ${s} bundle: ${kb(pfInfo[s].bytes)}; without the UI files: ${kb(pfInfo[s].searchBytes)}` +
    ` (Pagefind's index files are gzipped already; ${pfInfo[s].words ?? '?'} words)`);
}

// Parity of the browser client with kb search: same paths in the same order.
console.log('');
const differ = queries.map((q, i) => [q, runs.kb[i], runs.client[i]])
  .filter(([, a, b]) => a.paths.length !== b.paths.length || a.paths.some((p, k) => p !== b.paths[k]));
console.log(`Parity: the client's top 10 differs from kb search's (path order) for ${differ.length}/${queries.length} queries`);
const sameTop1 = differ.filter(([, a, b]) => a.paths[0] === b.paths[0]).length;
const sameSet = differ.filter(([, a, b]) => a.paths.length === b.paths.length && a.paths.every((p) => b.paths.includes(p))).length;
console.log(`  of which: same first result ${sameTop1}, same set of 10 in another order ${sameSet}, ` +
  `different total ${differ.filter(([, a, b]) => a.total !== b.total).length}, different correction ${differ.filter(([, a, b]) => a.corrected !== b.corrected).length}`);
const ranked = (r) => `(total ${r.total}${r.corrected ? `, corrected ${JSON.stringify(r.corrected)}` : ''}) ${r.paths.map((p) => p.replace(/\.md$/, '')).join(' ')}`;
for (const [q, a, b] of differ.slice(0, 10)) {
  console.log(`  ${JSON.stringify(q.q)}\n    kb:     ${ranked(a)}\n    client: ${ranked(b)}`);
}
if (expectedUnindexed.length) console.log(`WARNING: expected notes not in kb's index: ${expectedUnindexed.join(' ')}`);
if (unmapped.length) console.log(`WARNING: indexed URLs with no note path: ${unmapped.join(' ')}`);

if (args.misses) {
  for (const s of searchers) {
    console.log(`\nMisses (expected note not in the top 3) of ${s}:`);
    queries.forEach((q, i) => {
      const r = rankOf(q, runs[s][i].paths);
      if (r > 0 && r <= 3) return;
      console.log(`  rank ${r || '>10'}: ${JSON.stringify(q.q)} wants ${q.expect[0]}; got ${JSON.stringify(runs[s][i].paths.slice(0, 3))}`);
    });
  }
}
if (tmp && !args.keep) fs.rmSync(tmp, { recursive: true, force: true });
else if (tmp) console.log(`\nkept ${tmp}`);
