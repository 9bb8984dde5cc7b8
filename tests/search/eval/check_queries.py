#!/usr/bin/env python3
"""Checks tests/search/eval/queries.jsonl, the search relevance evaluation set.

Each line: {"q": query, "expect": [note source paths under notes/, best first], "domain": top folder}
- every expected note exists; the domain is the first expected note's top folder;
- at least 150 queries, at least 30 per domain (the four exam domains);
- at least half are paraphrases: no word of any expected note's title (stop
  words aside, compared by lowercase stem prefix of 5 letters) appears in the query;
- no duplicate queries.
Prints counts; exits 1 with the problems otherwise.
"""
import json, re, sys, pathlib

root = pathlib.Path(__file__).resolve().parents[3]
notes = root / 'notes'
path = pathlib.Path(__file__).with_name('queries.jsonl')
STOP = set('a an the of and or for to in on with by from at is are be as vs versus its it into how what when why which use using'.split())
DOMAINS = ['data-engineering', 'exploratory-data-analysis', 'modeling', 'ml-operations']

def title_of(rel):
    text = (notes / rel).read_text(encoding='utf-8')
    m = re.search(r'^title:\s*(.+)$', text, re.M)
    if m:
        return m.group(1).strip().strip('"\'')
    m = re.search(r'^# (.+)$', text, re.M)
    return m.group(1) if m else pathlib.Path(rel).stem

def words(s):
    return {w[:5] for w in re.findall(r'[a-z0-9]+', s.lower()) if w not in STOP}

problems, seen, per_domain, para = [], set(), {d: 0 for d in DOMAINS}, 0
lines = [l for l in path.read_text(encoding='utf-8').splitlines() if l.strip()]
for n, line in enumerate(lines, 1):
    try:
        e = json.loads(line)
    except json.JSONDecodeError as err:
        problems.append(f'line {n}: not JSON ({err})'); continue
    q, expect, domain = e.get('q', ''), e.get('expect', []), e.get('domain', '')
    if not q or not expect:
        problems.append(f'line {n}: needs "q" and a non-empty "expect"'); continue
    if q.lower() in seen:
        problems.append(f'line {n}: duplicate query {q!r}')
    seen.add(q.lower())
    missing = [x for x in expect if not (notes / x).is_file()]
    if missing:
        problems.append(f'line {n}: no such note {missing}'); continue
    top = expect[0].split('/')[0]
    if domain != top or domain not in DOMAINS:
        problems.append(f'line {n}: domain {domain!r} should be {top!r}')
    else:
        per_domain[domain] += 1
    titles = set().union(*(words(title_of(x)) for x in expect))
    if not (words(q) & titles):
        para += 1
print(f'{len(lines)} queries, {para} paraphrases (no title word), per domain {per_domain}')
if len(lines) < 150: problems.append(f'only {len(lines)} queries (need 150)')
if para * 2 < len(lines): problems.append(f'only {para} paraphrases (need half)')
for d, c in per_domain.items():
    if c < 30: problems.append(f'only {c} queries for {d} (need 30)')
if problems:
    print('\n'.join(problems)); sys.exit(1)
