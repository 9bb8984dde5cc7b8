// Parity: the static search client (assets/search/engine.js, run here under
// node on a built site's search/ files) returns the same top 10 as Xapian
// (`kb search --json`), with scores equal within 1e-6 relative, for a fixed
// set of queries over the repository's notes and the search fixture, and for
// every question of the evaluation set. Also:
// the vendored Porter2 stemmer is the npm package's file, and it stems every
// word of both indexes exactly as Xapian did.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';

import { dataFile, engineApi, engineFor, kbBinary, porter2, readData, sourceDir } from './site_loader.mjs';

const FIXTURE_QUERIES = [
  'auc', 'sensitivity', 'rcf', 'random cut forest', 'kinesis firehose', 'streams', 'parquet csv json',
  'area under the curve', 'true positive rate', 'forest forest', 'auc auc', 'the', 'centroid elbow', 'shards',
  'lambda consumers', 'k means', 'eta depth rounds', 'endpoint variants', '365 days', '1 mb', 'tp fp fn',
  'anomaly score', 'Kinesis', 'RECALL precision', 'tpr', 'managed service for apache flink',
];

const REPO_QUERIES = [
  'auc', 'roc curve', 'kinesis firehose', 'kinesis data streams', 'random cut forest', 'precision recall',
  'sensitivity', 'rcf', 'gradient descent', 'learning rate', 'overfitting', 'regularization', 'dropout',
  'cross validation', 'confusion matrix', 'f1 score', 'imputation missing values', 'feature scaling',
  'normalization standardization', 'one hot encoding', 'parquet', 's3 data lake', 'glue crawler', 'athena',
  'spark', 'xgboost', 'k means clustering', 'pca', 'tf idf', 'smote', 'class imbalance',
  'sagemaker endpoint', 'batch transform', 'hyperparameter tuning', 'normal distribution', 'poisson',
  'binomial', 'bernoulli', 'outliers', 'correlation', 'seasonality', 'reinforcement learning',
  'bagging boosting', 'accuracy', 'logistic regression', 'the', 'Kinesis', 'shard', 'latency',
  'specificity', 'entropy', 'variance', 'amazon kinesis data streams', 'kinesis data streams',
  'area under the roc curve', 'Modeling', 'Amazon Data Firehose', 'true positive rate', 'random cut forest anomaly',
];

// Boolean queries: AND, OR, NOT (with and without a left side), +must and
// -mustnot, in the precedence Xapian's QueryParser gives them.
const BOOLEAN_QUERIES = [
  'kinesis AND firehose', 'kinesis NOT firehose', '+kinesis firehose', '+kinesis +firehose',
  'kinesis firehose AND glue', 'kinesis AND glue firehose', 'kinesis OR firehose AND glue',
  'glue NOT kinesis firehose', 'kinesis firehose -glue', 'NOT glue', 'NOT glue kinesis', 'kinesis AND NOT glue',
  'kinesys AND firehose', 'auc OR roc AND curve', 'area under the curve AND precision', 'the AND of',
  'precision AND recall NOT f1', '+sagemaker endpoint -serverless',
];

// Phrases (the browser reads the index's positions for them) and brackets,
// alone and with operators, signs, stop words, synonyms and misspellings.
const PHRASE_QUERIES = [
  '"random cut forest"', '"kinesis data streams"', '"area under the curve"', '"true positive rate" recall',
  '"rate positive true"', '"learning rate', '"random forest" OR xgboost', '"data streams" -firehose',
  '+"data streams" kinesis', '"kinesis firehose" AND glue', 'kinesis NOT "data streams"', '"forest"', '"rcf" forest',
  '"the curse of dimensionality"', 'the "of" curve', '"kinesis firehose" "data streams"', '"random forst"',
  '"1 mb" shard', '"OR kinesis" streams', 'kinesis"firehose"', '-"random cut forest" anomaly',
  '(kinesis OR glue) AND streams', 'kinesis (firehose OR streams)', '(the) kinesis', 'kinesis (the streams)',
  '+(glue crawler) athena', '-(glue crawler) athena', 'NOT (kinesis OR glue) streams', '(kinesis', 'kinesis)',
  'kinesis () streams', 'kinesis(firehose)', '(kinesis AND "data streams") OR (glue NOT crawler)',
  '("area under the curve" OR auc) precision', '(kinesys OR glue) AND streams',
  // Operators without an operand and stray brackets: read as plain words.
  'AND kinesis', 'kinesis AND', 'kinesis OR', 'glue AND OR kinesis', 'kinesis OR NOT glue', 'kinesis firehose)',
  '"random forest" forest)', 'kinesis NOT', '(kinesis OR) glue',
];

let sites;

function build(args, out, env = {}) {
  const run = spawnSync(kbBinary, ['build', '-q', ...args, '--out', out], { encoding: 'utf8', env: { ...process.env, ...env } });
  assert.equal(run.status, 0, `kb build ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
  return out;
}

before(() => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-parity-'));
  sites = {
    fixture: build(['--config', path.join(sourceDir, 'tests/sites/ok/search/site.toml')], path.join(work, 'fixture')),
    repo: build(['--config', path.join(sourceDir, 'site.toml')], path.join(work, 'repo')),
    // The notes with positions files of 16 pages (a big site's layout: a
    // phrase reads the ranges of the pages having its words).
    ranges: build(['--config', path.join(sourceDir, 'site.toml')], path.join(work, 'ranges'), { KB_POSITIONS_PAGES: '16' }),
  };
});

function xapian(site, query) {
  const run = spawnSync(kbBinary, ['search', '--site', site, '--json', '--limit', '10', '--', query], { encoding: 'utf8' });
  assert.equal(run.status, 0, `kb search ${query}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

async function compare(site, query) {
  const x = xapian(site, query);
  const c = await engineFor(site).search(query);
  const where = `query "${query}" on ${path.basename(site)}`;
  assert.equal(c.corrected, x.corrected, `${where}: corrected`);
  assert.equal(c.total, x.total, `${where}: total`);
  const top = c.ranked.slice(0, 10);
  assert.equal(top.length, x.results.length, `${where}: number of results`);
  for (let i = 0; i < top.length; i++) {
    const doc = await engineFor(site).doc(top[i].docid);
    assert.equal(doc.url, x.results[i].url, `${where}: result ${i + 1}`);
    const rel = Math.abs(top[i].score - x.results[i].score) / Math.max(Math.abs(x.results[i].score), 1e-300);
    assert.ok(rel <= 1e-6, `${where}: result ${i + 1} score ${top[i].score} vs Xapian ${x.results[i].score}`);
  }
  return x.results.length;
}

test('at least 40 queries in the parity set', () => {
  assert.ok(FIXTURE_QUERIES.length + REPO_QUERIES.length >= 40);
});

test('the fixture: same top 10 and scores as Xapian', async () => {
  let found = 0;
  for (const q of FIXTURE_QUERIES) found += await compare(sites.fixture, q);
  assert.ok(found > FIXTURE_QUERIES.length, 'the fixture queries found almost nothing');
});

test("the repository's notes: same top 10 and scores as Xapian", async () => {
  let found = 0;
  for (const q of REPO_QUERIES) found += await compare(sites.repo, q);
  assert.ok(found > REPO_QUERIES.length, 'the repository queries found almost nothing');
});

test('boolean operators: same top 10 and scores as Xapian', async () => {
  let found = 0;
  for (const q of BOOLEAN_QUERIES) found += await compare(sites.repo, q);
  assert.ok(found > BOOLEAN_QUERIES.length * 3, 'the boolean queries found almost nothing');
});

test('phrases and brackets: same top 10 and scores as Xapian', async () => {
  let found = 0;
  for (const q of PHRASE_QUERIES) found += await compare(sites.repo, q);
  for (const q of ['"random cut forest"', '"area under the curve"', '"kinesis firehose" -streams', '(auc OR rcf) forest'])
    found += await compare(sites.fixture, q);
  assert.ok(found > PHRASE_QUERIES.length * 3, 'the phrase queries found almost nothing');
  // A phrase finds its words side by side only: fewer pages than its words.
  const phrase = await engineFor(sites.repo).search('"random cut forest"');
  const words = await engineFor(sites.repo).search('random cut forest');
  assert.ok(phrase.total > 0 && phrase.total < words.total, `phrase ${phrase.total}, words ${words.total}`);
});

test('phrases over positions files of 16 pages: the same as Xapian, and only the ranges of their pages load', async () => {
  let found = 0;
  for (const q of PHRASE_QUERIES) found += await compare(sites.ranges, q);
  assert.ok(found > PHRASE_QUERIES.length * 3, 'the phrase queries found almost nothing');
  const meta = readData(sites.ranges, 'meta');
  assert.equal(meta.positions_pages, 16);
  const ranges = Math.ceil(meta.n / 16);
  assert.ok(ranges > 10, `${ranges} ranges`);
  const loaded = [];
  const engine = engineApi.createEngine((name) => {
    if (name.startsWith('p:')) loaded.push(name);
    return Promise.resolve(readData(sites.ranges, name));
  }, porter2);
  const r = await engine.search('"random cut forest"');
  assert.ok(r.total > 0);
  const keys = new Set(loaded.map((n) => n.slice(2, n.lastIndexOf('-'))));
  assert.deepEqual([...keys].sort(), ['cu', 'fo', 'ra']);
  // The pages having all three words are in a few ranges, not all of them.
  assert.ok(loaded.length < 3 * ranges, `loaded ${loaded.length} positions files: ${loaded}`);
  for (const n of loaded) assert.ok(fs.existsSync(dataFile(sites.ranges, n)), `${n} does not exist`);
});

// The questions learners type (tests/search/eval/queries.jsonl): long,
// punctuated, misspelt, with hyphenated and slashed words.
test("the evaluation set's questions: same corrections, top 10 and scores as Xapian", async () => {
  const queries = fs.readFileSync(path.join(sourceDir, 'tests/search/eval/queries.jsonl'), 'utf8')
    .split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l).q);
  assert.ok(queries.length >= 150);
  let found = 0;
  for (const q of queries) found += await compare(sites.repo, q);
  assert.ok(found > queries.length * 5, 'the evaluation queries found almost nothing');
});

test('the vendored porter2 is the npm package, and stems every indexed word as Xapian did', () => {
  const pkg = path.join(sourceDir, 'node_modules/porter2/dist/index.js');
  if (fs.existsSync(pkg)) {
    const vendored = fs.readFileSync(path.join(sourceDir, 'assets/search/porter2.js'), 'utf8');
    assert.ok(vendored.includes(fs.readFileSync(pkg, 'utf8')), 'assets/search/porter2.js differs from node_modules/porter2');
  }
  let words = 0;
  const wrong = [];
  for (const site of Object.values(sites)) {
    const meta = readData(site, 'meta');
    for (const key of meta.shards) {
      const shard = readData(site, `t:${key}`);
      for (const [word, stem] of Object.entries(shard.w)) {
        const expected = typeof stem === 'number' ? word.slice(0, stem) : stem;
        words++;
        if (porter2(word) !== expected) wrong.push(`${word}: Xapian ${expected}, porter2 ${porter2(word)}`);
      }
    }
  }
  assert.ok(words > 500, `only ${words} words indexed`);
  assert.deepEqual(wrong, [], 'porter2 and Xapian disagree');
});

test('as you type, a last word no indexed word starts with is corrected, by kb serve and the browser alike', async () => {
  const engine = engineFor(sites.fixture);
  const typing = await engine.search('kinesis firehouse', { prefix: true });
  assert.equal(typing.corrected, 'kinesis firehose');
  const partial = await engine.search('kinesis fireh', { prefix: true });
  assert.equal(partial.corrected, null);  // still being typed: a prefix of "firehose"
  assert.ok(partial.total > 0);
  // kb serve's /api/search with prefix=1 answers the same.
  const port = 20000 + Math.floor(Math.random() * 20000);
  const serve = spawn(kbBinary, ['serve', '--site', sites.fixture, '--port', String(port)], { stdio: 'ignore' });
  try {
    let body = null;
    for (let i = 0; i < 50 && !body; i++) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/api/search?q=${encodeURIComponent('kinesis firehouse')}&prefix=1`);
        body = await r.json();
      } catch { await new Promise((res) => setTimeout(res, 100)); }
    }
    assert.ok(body, 'kb serve did not answer');
    assert.equal(body.corrected, 'kinesis firehose');
    // Words being typed, alone, after others, in brackets, quotes, signed:
    // the same results served and in the browser.
    for (const q of ['kines', 'kinesis fire', '(kines', '"random cut fo', '-kines', 'firehose +kines', 'k', 'é']) {
      const r = await fetch(`http://127.0.0.1:${port}/api/search?q=${encodeURIComponent(q)}&prefix=1&limit=10`);
      const served = await r.json();
      const c = await engine.search(q, { prefix: true });
      assert.equal(c.total, served.total, `"${q}" as typed: total`);
      const urls = [];
      for (const hit of c.ranked.slice(0, 10)) urls.push((await engine.doc(hit.docid)).url);
      assert.deepEqual(urls, served.results.map((x) => x.url), `"${q}" as typed: results`);
    }
  } finally {
    serve.kill('SIGINT');
  }
});
