// Loads the search client (assets/search/) into node and points it at a built
// site's static index, reading the data scripts the browser would load.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const sourceDir =
  process.env.KB_SOURCE_DIR || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const kbBinary = process.env.KB_BINARY || path.join(sourceDir, 'build', 'kb');

require(path.join(sourceDir, 'assets/search/porter2.js'));
require(path.join(sourceDir, 'assets/search/query.js'));
export const engineApi = require(path.join(sourceDir, 'assets/search/engine.js'));
export const porter2 = globalThis.kbPorter2;

export function dataFile(site, name) {
  const rel = name === 'meta' ? 'meta.js' : `${name[0]}/${name.slice(2)}.js`;  // "t:ab" -> t/ab.js (p:, d: alike)
  return path.join(site, 'search', rel);
}

export function readData(site, name) {
  const file = dataFile(site, name);
  if (!fs.existsSync(file)) return null;
  let out = null;
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), { kbSearchData: (n, d) => { if (n === name) out = d; } });
  return out;
}

export function engineFor(site) {
  return engineApi.createEngine((name) => Promise.resolve(readData(site, name)), porter2);
}
