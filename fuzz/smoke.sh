#!/usr/bin/env bash
# One fuzz smoke test (ctest fuzz.<target>; fuzz/README.md): run the
# target's regression inputs once each, then fuzz a fresh copy of its seed
# corpus for SECONDS. Fails on any crash, hang, leak or sanitizer report.
# Usage: fuzz/smoke.sh FUZZER SEED_CORPUS REGRESSIONS WORK_DIR SECONDS [DICT]
set -euo pipefail
[ $# -ge 5 ] || { echo "usage: $0 FUZZER SEED_CORPUS REGRESSIONS WORK_DIR SECONDS [DICT]" >&2; exit 2; }
fuzzer=$1 seeds=$2 regressions=$3 work=$4 seconds=$5
dict=()
[ $# -ge 6 ] && [ -n "$6" ] && dict=(-dict="$6")
rm -rf "$work"
mkdir -p "$work/corpus" "$work/artifacts"
if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
  echo "== regression inputs: $regressions"
  "$fuzzer" -timeout=10 -rss_limit_mb=2048 "$regressions"/*
fi
[ -d "$seeds" ] && cp -r "$seeds/." "$work/corpus/"
echo "== fuzzing for ${seconds}s"
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$work/artifacts/" "${dict[@]}" "$work/corpus"
