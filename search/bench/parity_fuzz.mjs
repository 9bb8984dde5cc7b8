// Random queries against both engines: how often the browser's engine
// (assets/search/, run in node on SITE/search/) and `kb search` (Xapian)
// disagree on a query built at random from operators, phrases, brackets,
// signs, stray quotes and a few words (stop words and a misspelling among
// them). Prints each query that differs (correction, total, order or a
// score beyond 1e-6) and the count. A program that prints figures, not a
// test: tests/search/parity.test.mjs holds the queries that must agree.
//
//   node search/bench/parity_fuzz.mjs SITE [COUNT=300] [SEED=1]
import { spawnSync } from 'node:child_process';
import { engineFor, kbBinary } from '../../tests/search/site_loader.mjs';

const [site, countArg, seedArg] = process.argv.slice(2);
if (!site) {
  console.error('usage: node search/bench/parity_fuzz.mjs SITE [COUNT] [SEED]');
  process.exit(2);
}
const count = Number(countArg) || 300;
let seed = Number(seedArg) || 1;
const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const pick = (list) => list[Math.floor(random() * list.length)];

const WORDS = ['kinesis', 'firehose', 'data', 'streams', 'the', 'of', 'random', 'cut', 'forest', 'glue', 'crawler',
  'auc', 'curve', 'area', 'under', 'rate', 'kinesys', 'shard', '1', 'mb', 'sagemaker', 'endpoint', 'a', 'model',
  'xgboost', 'learning'];

function query(depth) {
  const parts = [];
  const n = 1 + Math.floor(random() * 4);
  for (let i = 0; i < n; i++) {
    const r = random();
    if (r < 0.45) parts.push(pick(WORDS));
    else if (r < 0.6) parts.push(`"${Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(WORDS)).join(' ')}"`);
    else if (r < 0.7) parts.push(pick(['+', '-']) + pick(WORDS));
    else if (r < 0.78 && depth < 2) parts.push(`(${query(depth + 1)})`);
    else if (r < 0.95) parts.push(pick(['AND', 'OR', 'NOT']));
    else parts.push(pick(['(', ')', '"']));
  }
  return parts.join(' ');
}

const engine = engineFor(site);
let differ = 0;
for (let i = 0; i < count; i++) {
  const q = query(0);
  const run = spawnSync(kbBinary, ['search', '--site', site, '--json', '--limit', '10', '--', q], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`kb search ${q}: ${run.stderr}`);
  const x = JSON.parse(run.stdout);
  const c = await engine.search(q);
  let why = null;
  if (c.corrected !== x.corrected) why = `corrected ${c.corrected} / ${x.corrected}`;
  else if (c.total !== x.total) why = `total ${c.total} / ${x.total}`;
  const top = c.ranked.slice(0, 10);
  for (let k = 0; k < top.length && !why; k++) {
    const url = (await engine.doc(top[k].docid)).url;
    const close = Math.abs(top[k].score - x.results[k].score) <= 1e-6 * Math.abs(x.results[k].score);
    if (!close) why = `result ${k + 1}: score ${top[k].score} / ${x.results[k].score}`;
    else if (url !== x.results[k].url && Math.abs(top[k].score - x.results[k].score) > 1e-9) why = `result ${k + 1}: ${url} / ${x.results[k].url}`;
  }
  if (why) {
    differ++;
    console.log(`${JSON.stringify(q)}: ${why} (browser / kb search)`);
  }
}
console.log(`${differ} of ${count} random queries differ (seed ${seedArg || 1})`);
