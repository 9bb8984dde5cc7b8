#!/usr/bin/env bash
# Fill BUILD_DIR/fuzz-corpus/<target>/ with seed inputs for the libFuzzer
# targets (fuzz/README.md), from the repository's notes, fixture sites,
# site.toml files, ```demo blocks and the search relevance set's queries.
# Existing corpora are replaced. Usage: fuzz/seed.sh BUILD_DIR
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
out=$build/fuzz-corpus
rm -rf "$out"
mkdir -p "$out"/{front_matter,markdown,query,site_toml,demo_toml,static_index}

# Every note of the guide and of the fixture sites, as a list.
mapfile -d '' notes < <(cd "$src" && find notes tests/sites -name '*.md' -type f -print0 | sort -z)

n=0
for f in "${notes[@]}"; do
  n=$((n + 1))
  name=$(printf '%s' "$f" | tr -c 'A-Za-z0-9._-' '_')
  cp "$src/$f" "$out/front_matter/$name"
  # markdown: one option byte (markdown_fuzz.cc) before the note, varied.
  { printf "\\$(printf '%03o' $(((n * 37) % 256)))"; cat "$src/$f"; } > "$out/markdown/$name"
done

# site.toml: every site's, the repository's own, and kb's other TOML files
# (synonyms, matrix schemas: TOML syntax the parser must survive).
while IFS= read -r -d '' f; do
  cp "$src/$f" "$out/site_toml/$(printf '%s' "$f" | tr -c 'A-Za-z0-9._-' '_')"
done < <(cd "$src" && find site.toml tests/sites notes/data -name '*.toml' -type f -print0)

# demo_toml: the content of every ```demo block in the notes and fixtures.
for f in "${notes[@]}"; do
  awk -v dir="$out/demo_toml" -v base="$(printf '%s' "$f" | tr -c 'A-Za-z0-9._-' '_')" '
    /^[ \t]*```demo[ \t]*$/ { inside = 1; k++; file = dir "/" base "." k; printf "" > file; next }
    inside && /^[ \t]*```/ { inside = 0; close(file); next }
    inside { print >> file }' "$src/$f"
done

# query: one option byte (0) and a query; the relevance set's, and syntax.
python3 - "$src/tests/search/eval/queries.jsonl" "$out/query" <<'PY'
import json, sys
out = sys.argv[2]
qs = [json.loads(l)["q"] for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
qs += ['"area under the curve"', 'title:kinesis', 'tag:metrics AND domain:modeling', 'kind:formula',
       'kines*', 'recall NOT precision', '+firehose -glue', 'f1 OR auc', 'kinesis NEAR firehose',
       'a ADJ b', 'rcf', 'KINESIS Firehose', 'café naïve', '(roc OR auc) AND curve', 'xgbost']
for i, q in enumerate(qs):
    flags = bytes([i % 32])
    extra = b"\nd:modeling" if i % 7 == 3 else (b"\nt:metrics" if i % 7 == 5 else b"")
    open(f"{out}/q{i:03d}", "wb").write(flags + q.encode("utf-8") + extra)
PY

# static_index: valid serialized indexes, journals and entries, written by
# the target itself (KB_FUZZ_WRITE_SEEDS), when it is built.
if [ -x "$build/static_index_fuzz" ]; then
  KB_FUZZ_WRITE_SEEDS="$out/static_index" "$build/static_index_fuzz" -runs=0 >/dev/null 2>&1 || true
fi
printf '\003kinesis' > "$out/static_index/key0"
printf '\003Zfirehose' > "$out/static_index/key1"
printf '\003XSrandom_cut_forest' > "$out/static_index/key2"

for d in "$out"/*; do echo "$(basename "$d"): $(ls "$d" | wc -l) seeds"; done
