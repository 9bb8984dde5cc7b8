#!/usr/bin/env python3
"""Relevance of `kb search` on the evaluation set (tests/search/eval/queries.jsonl).

Prints hit@1, hit@3 and MRR (reciprocal rank of the first expected note in
the top 10) overall, per domain and per half (even / odd lines: the halves
for tuning and for reporting), and the queries that miss the top 3.
  python3 search/bench/relevance.py [--kb build/kb] [--site _site] [--misses]
Run `./build.sh` (or `kb build`) first: kb search reads the site's index.
"""
import argparse, json, pathlib, subprocess, sys

root = pathlib.Path(__file__).resolve().parents[2]
ap = argparse.ArgumentParser()
ap.add_argument('--kb', default=str(root / 'build' / 'kb'))
ap.add_argument('--site', help='built site to search (default: kb search\'s own, the output folder)')
ap.add_argument('--misses', action='store_true')
args = ap.parse_args()
queries = [json.loads(l) for l in (root / 'tests/search/eval/queries.jsonl').read_text().splitlines() if l.strip()]

def ranks(q):
    out = subprocess.run([args.kb, 'search', '--json', '--limit', '10', *(['--site', args.site] if args.site else []), q['q']], cwd=root, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f'kb search failed for {q["q"]!r}: {out.stderr}')
    paths = [r['path'] for r in json.loads(out.stdout)['results']]
    return paths

stats = {}
def add(key, rank):
    s = stats.setdefault(key, [0, 0, 0.0, 0])
    s[0] += rank == 1; s[1] += 0 < rank <= 3; s[2] += 1 / rank if rank else 0; s[3] += 1

misses = []
for i, q in enumerate(queries):
    got = ranks(q)
    rank = next((k + 1 for k, p in enumerate(got) if p in q['expect']), 0)
    for key in ('all', q['domain'], 'tune (even lines)' if i % 2 == 0 else 'held out (odd lines)'):
        add(key, rank)
    if not 0 < rank <= 3:
        misses.append((rank, q['q'], q['expect'][0], got[:3]))
for key, (h1, h3, rr, n) in stats.items():
    print(f'{key:28} n={n:3}  hit@1 {h1 / n:6.1%}  hit@3 {h3 / n:6.1%}  MRR {rr / n:.3f}')
if args.misses:
    for rank, q, want, got in misses:
        print(f'  rank {rank or ">10"}: {q!r} wants {want}; got {got}')
