#!/usr/bin/env bash
# How a full build grows with the site (a benchmark program: it prints
# figures and checks nothing). For each size it makes a synthetic corpus
# (../shared/bench/make_corpus.py), builds it once with `kb build --no-cache`
# and prints wall time, CPU per note, peak memory and the published bytes
# (the site without kb's own search database); with hugo installed, Hugo's
# render of the same notes and its bytes too (+ Pagefind's when given).
#   bench/scale.sh [KB_BINARY] [SIZES...]      e.g. bench/scale.sh build/kb 1000 10000 30000
#   PAGEFIND=/path/to/pagefind bench/scale.sh ...
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
kb=$(realpath "${1:-$here/../build/kb}"); shift || true
sizes=("${@:-1000 10000 30000}")
maker=$here/../../shared/bench/make_corpus.py
[ -f "$maker" ] || { echo "needs $maker (the shared benchmark corpus)" >&2; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME=$work/cache
printf '%-8s %9s %12s %10s %12s %12s %9s\n' notes wall_s cpu_ms/note peak_MiB kb_bytes hugo_bytes ratio
for n in ${sizes[@]}; do
  python3 "$maker" "$work/notes-$n" --notes "$n" >/dev/null
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$kb" build -q --no-cache --notes "$work/notes-$n" --out "$work/site-$n" >/dev/null
  read -r wall user sys peak < "$work/time"
  bytes=$(du -sb --exclude=.kb-index "$work/site-$n" | cut -f1)
  hugo_bytes=-; ratio=-
  if command -v hugo >/dev/null; then
    "$here/../../shared/bench/hugo_baseline.sh" "$work/notes-$n" "$work/hugo-$n" ${PAGEFIND:-} >/dev/null
    hugo_bytes=$(du -sb "$work/hugo-$n/public" | cut -f1)
    ratio=$(echo "scale=2; $bytes / $hugo_bytes" | bc)
  fi
  printf '%-8s %9s %12.2f %10d %12s %12s %9s\n' "$n" "$wall" "$(echo "($user + $sys) * 1000 / $n" | bc -l)" \
    $((peak / 1024)) "$bytes" "$hugo_bytes" "$ratio"
  rm -rf "$work/notes-$n" "$work/site-$n" "$work/hugo-$n" "$work/cache"
done
