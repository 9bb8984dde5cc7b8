#!/usr/bin/env node
// The authoring loop, measured (a benchmark program: it prints figures and
// asserts nothing). On a synthetic corpus (../shared/bench/make_corpus.py, or
// --corpus DIR) it times:
//   1. kb serve --watch: an edit to one note's body until the served page
//      shows it (p50/p95 over --edits edits);
//   2. kb serve --watch: a new title on a note 50 others link to until all
//      50 pages carry it;
//   3. kb build in a new process after one body edit, against a full build
//      (medians of --runs runs each, alternated);
//   4. memory of the watch session after --long-edits edits against its
//      peak after the first build;
//   5. hugo server on the same notes, the same body edit until its page
//      shows it (when hugo is installed; --no-hugo skips it).
// Usage: node bench/authoring_bench.mjs [--kb build/kb] [--notes 10000]
//        [--corpus DIR] [--edits 50] [--long-edits 200] [--runs 3] [--no-hugo]
//        [--log FILE] (the watch session's output; with KB_TIMING=1, its stages)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const flag = (name) => args.includes(`--${name}`);
const kb = path.resolve(opt('kb', path.join(here, '..', 'build', 'kb')));
const notesCount = Number(opt('notes', '10000'));
const edits = Number(opt('edits', '50'));
const longEdits = Number(opt('long-edits', '200'));
const runs = Number(opt('runs', '3'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-authoring-'));
const cacheHome = path.join(work, 'cache');
const env = { ...process.env, XDG_CACHE_HOME: cacheHome };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]; };
const ms = (x) => `${x.toFixed(0)} ms`;

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function get(port, urlPath) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
  });
}

// Write-then-rename, as editors save.
function save(file, text) {
  fs.writeFileSync(`${file}.tmp`, text);
  fs.renameSync(`${file}.tmp`, file);
}

async function until(check, timeoutMs = 120_000) {
  const start = performance.now();
  for (;;) {
    if (await check()) return performance.now() - start;
    if (performance.now() - start > timeoutMs) return NaN;
    await sleep(2);
  }
}

function rssOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key) => Number((status.match(new RegExp(`${key}:\\s+(\\d+)`)) || [0, 0])[1]);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

// The corpus: notes/<folder>/note-NNNNN.md with a `title:` line.
let corpus = opt('corpus', '');
if (!corpus) {
  corpus = path.join(work, 'notes');
  const maker = path.join(here, '..', '..', 'shared', 'bench', 'make_corpus.py');
  const made = spawnSync('python3', [maker, corpus, '--notes', String(notesCount)], { stdio: 'inherit' });
  if (made.status !== 0) { console.error(`cannot make the corpus with ${maker}: pass --corpus DIR`); process.exit(2); }
} else {
  const copy = path.join(work, 'notes');
  fs.cpSync(corpus, copy, { recursive: true });
  corpus = copy;
}
const files = fs.readdirSync(corpus, { recursive: true }).filter((f) => f.endsWith('.md')).sort();
const pick = (i) => path.join(corpus, files[(i * 7919) % files.length]);
const urlOf = (file) => `/${path.relative(corpus, file).replace(/\.md$/, '.html')}`;
const titleOf = (file) => (fs.readFileSync(file, 'utf8').match(/^title:\s*"?([^"\n]+)"?/m) || [])[1];

// 50 notes link to one target, by its title (resolved through its alias
// after the rename, as Obsidian vaults link).
const target = pick(1);
const targetTitle = titleOf(target);
const linkers = [];
for (let i = 2; linkers.length < 50; ++i) {
  const f = pick(i);
  if (f === target || linkers.includes(f)) continue;
  fs.appendFileSync(f, `\nAlso see [[${targetTitle}]].\n`);
  linkers.push(f);
}
console.log(`corpus: ${files.length} notes in ${corpus}`);

// 3. kb build in a new process: full against after one body edit.
const out = path.join(work, 'site');
const build = (extra = []) => {
  const t0 = performance.now();
  const r = spawnSync(kb, ['build', '-q', '--notes', corpus, '--out', out, ...extra], { env, encoding: 'utf8' });
  if (r.status !== 0) { console.error(r.stderr); process.exit(1); }
  return performance.now() - t0;
};
build();
const full = [], incremental = [];
for (let r = 0; r < runs; ++r) {  // --runs 0 skips this part
  full.push(build(['--no-cache']));
  build();  // the cache now describes the site
  fs.appendFileSync(pick(100 + r), `\nOne more line ${r}.\n`);
  incremental.push(build());
}
if (runs > 0) {
  console.log(`kb build, full: median ${ms(median(full))} (${full.map(ms).join(', ')})`);
  console.log(`kb build after one body edit: median ${ms(median(incremental))} (${incremental.map(ms).join(', ')})`);
  console.log(`ratio edit/full: ${(median(incremental) / median(full)).toFixed(3)}`);
}

// 1, 2, 4. kb serve --watch.
const port = await freePort();
const watchStart = performance.now();
// A new output folder: the session's first build is a full one, the
// baseline its memory is held to.
const watchOut = path.join(work, 'site-watch');
const watch = spawn(kb, ['serve', '--watch', '--port', String(port), '--notes', corpus, '--out', watchOut],
  { env, stdio: ['ignore', 'pipe', 'pipe'] });
let log = '';
watch.stdout.on('data', (d) => { log += d; });
watch.stderr.on('data', (d) => { log += d; });
await until(() => /Serving .* at http/.test(log), 600_000);
console.log(`kb serve --watch: serving after ${ms(performance.now() - watchStart)}`);
// The session's start: the first build and the search database made after it.
await until(() => /Search database ready/.test(log), 600_000);
console.log(`kb serve --watch: search database ready after ${ms(performance.now() - watchStart)}`);
const firstPeak = rssOf(watch.pid).peak;

const bodyTimes = [];
for (let e = 0; e < edits; ++e) {
  const file = pick(200 + e);
  const token = `zqxedit${e}x`;
  save(file, `${fs.readFileSync(file, 'utf8')}\nThe word ${token} is new.\n`);
  const t = await until(async () => (await get(port, urlOf(file))).body.includes(token));
  bodyTimes.push(t);
}
console.log(`watch, body edit -> page shows it: p50 ${ms(median(bodyTimes))}, p95 ${ms(pct(bodyTimes, 0.95))} over ${edits} edits`);
if (flag('all')) console.log(`  each: ${bodyTimes.map((t) => t.toFixed(0)).join(' ')}`);

{
  const renamed = `${targetTitle} renamed`;
  const text = fs.readFileSync(target, 'utf8').replace(/^title:.*$/m, `title: "${renamed}"`);
  save(target, text);
  const attr = `title="${renamed}"`;
  const t = await until(async () => {
    for (const f of linkers) if (!(await get(port, urlOf(f))).body.includes(attr)) return false;
    return true;
  });
  console.log(`watch, new title on a note 50 link to -> all 50 pages updated: ${ms(t)}`);
}

for (let e = 0; e < longEdits; ++e) {
  const file = pick(1000 + e);
  const token = `zqxlong${e}x`;
  save(file, `${fs.readFileSync(file, 'utf8')}\nThe word ${token} is new.\n`);
  await until(async () => (await get(port, urlOf(file))).body.includes(token));
}
const after = rssOf(watch.pid);
console.log(`watch memory: peak after the first build ${firstPeak.toFixed(0)} MiB; after ${longEdits} more edits ` +
  `resident ${after.rss.toFixed(0)} MiB, peak ${after.peak.toFixed(0)} MiB (${((after.peak / firstPeak - 1) * 100).toFixed(1)}% over)`);
watch.kill('SIGINT');
await new Promise((r) => watch.once('exit', r));
if (opt('log', '')) fs.writeFileSync(opt('log', ''), log);  // the session's own account (KB_TIMING=1 adds stages)

// 5. hugo server on the same notes.
if (!flag('no-hugo') && spawnSync('hugo', ['version']).status === 0) {
  const site = path.join(work, 'hugo');
  fs.mkdirSync(path.join(site, 'layouts', '_default'), { recursive: true });
  fs.writeFileSync(path.join(site, 'hugo.toml'), 'baseURL = "/"\ntitle = "bench"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n');
  fs.writeFileSync(path.join(site, 'layouts', '_default', 'baseof.html'),
    '<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>\n');
  fs.writeFileSync(path.join(site, 'layouts', '_default', 'single.html'),
    '{{ define "main" }}<h1>{{ .Title }}</h1><article>{{ .Content }}</article>{{ end }}\n');
  fs.writeFileSync(path.join(site, 'layouts', '_default', 'list.html'),
    '{{ define "main" }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n');
  fs.symlinkSync(corpus, path.join(site, 'content'));
  const hport = await freePort();
  const hugo = spawn('hugo', ['server', '--source', site, '--port', String(hport), '--bind', '127.0.0.1',
    '--disableLiveReload'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let hlog = '';
  hugo.stdout.on('data', (d) => { hlog += d; });
  hugo.stderr.on('data', (d) => { hlog += d; });
  if (Number.isNaN(await until(() => /Web Server is available/.test(hlog), 600_000))) {
    console.log(`hugo server did not start:\n${hlog}`);
    process.exit(1);
  }
  const hugoTimes = [];
  // Hugo's URLs: the lowercased path without .md, as a folder.
  const hugoUrl = (file) => `/${path.relative(corpus, file).replace(/\.md$/, '/').toLowerCase()}`;
  for (let e = 0; e < Math.min(edits, 20); ++e) {
    const file = pick(3000 + e);
    const token = `zqxhugo${e}x`;
    save(file, `${fs.readFileSync(file, 'utf8')}\nThe word ${token} is new.\n`);
    hugoTimes.push(await until(async () => (await get(hport, hugoUrl(file))).body.includes(token)));
  }
  const reported = [...hlog.matchAll(/Total in (\d+) ms/g)].map((m) => Number(m[1])).slice(1);
  console.log(`hugo server, body edit -> page shows it: p50 ${ms(median(hugoTimes))} over ${hugoTimes.length} edits` +
    (reported.length ? `; its log's rebuild times: median ${ms(median(reported))}` : ''));
  console.log(`ratio kb/hugo (edit to page, p50): ${(median(bodyTimes) / median(hugoTimes)).toFixed(3)}`);
  hugo.kill('SIGINT');
  await new Promise((r) => hugo.once('exit', r));
}
fs.rmSync(work, { recursive: true, force: true });
