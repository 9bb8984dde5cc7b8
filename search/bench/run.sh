#!/usr/bin/env bash
# Search benchmarks (programs, not tests), for the figures of the search issue:
#   search/bench/run.sh BUILD_DIR PAGEFIND_BIN [NOTES=10000]
# BUILD_DIR: a CMake build of kb (Release); PAGEFIND_BIN: Pagefind from npm,
# installed outside the project (npm install pagefind in /tmp/pf, then
# /tmp/pf/node_modules/.bin/pagefind). Prints:
#  1. kb build against Hugo + Pagefind in one run (../shared/bench/compare.sh);
#  2. where kb build's time goes, with and without the search index, and
#     the index alone on one thread against Xapian's TermGenerator;
#  3. kb search latency over 1,000 queries in one process, and process start;
#  4. bytes a browser downloads for a cold first query, kb against Pagefind.
set -euo pipefail
build=$(realpath "$1"); pagefind=$(realpath "$2"); n=${3:-10000}
here=$(dirname "$(realpath "$0")")
shared=$(realpath "$here/../../../shared/bench")
ninja -C "$build" kb kb_bench_build kb_bench_index kb_bench_query >/dev/null
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 "$shared/make_corpus.py" "$work/notes" --notes "$n"

echo "== 1. kb build vs Hugo + Pagefind, same run ($n notes)"
"$shared/compare.sh" "$build/kb" "$n" "$pagefind"

echo "== 2. kb build through the library, without and with search (3 runs each)"
for opt in --no-search ""; do
  for i in 1 2 3; do
    rm -rf "$work/site"
    "$build/kb_bench_build" "$work/notes" "$work/site" $opt | tr '\n' ' ' | sed 's/ *(add[^)]*)//; s/ *(after[^)]*)//'
    echo
  done
done
echo "== 2b. the index alone, one thread"
"$build/kb_bench_index" "$work/notes" "$work/index-bench"

echo "== 3. kb search: 1,000 queries in one process"
"$build/kb_bench_query" "$work/site" 1000 10
echo "process start (20 runs each, mean):"
t0=$(date +%s.%N); for i in $(seq 20); do "$build/kb" --version >/dev/null; done; t1=$(date +%s.%N)
echo "kb --version: $(echo "($t1 - $t0) * 1000 / 20" | bc -l | cut -c1-6) ms"
t0=$(date +%s.%N); for i in $(seq 20); do "$build/kb" search --site "$work/site" --json "kinesis firehose" >/dev/null; done; t1=$(date +%s.%N)
echo "kb search --json 'kinesis firehose' (whole process): $(echo "($t1 - $t0) * 1000 / 20" | bc -l | cut -c1-6) ms"

echo "== 4. cold first query: bytes downloaded, kb vs Pagefind"
"$shared/hugo_baseline.sh" "$work/notes" "$work/hugo" "$pagefind" >/dev/null
node "$here/cold_bytes.mjs" "$work/site" "$work/hugo/public"
