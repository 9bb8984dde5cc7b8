#!/usr/bin/env bash
# Run every test: the Catch2 suites, the GFM conformance run, the fixture
# sites and the browser tests in headless Chromium, all through ctest.
#
# The tests' scratch folders and kb's caches go to one folder of this run
# (TMPDIR and XDG_CACHE_HOME for ctest; outside the repository, since some
# tests need a folder in no git repository), removed when every test passed
# and kept, with its path said, when one failed: a run starts from no
# leftovers and never fills /tmp or the user's ~/.cache (about 400 MB a run).
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-deps.sh test
scripts/compile.sh
scratch=$(mktemp -d "${TMPDIR:-/tmp}/kb-tests-XXXXXX")
mkdir -p "$scratch/cache"
status=0
TMPDIR="$scratch" XDG_CACHE_HOME="$scratch/cache" ctest --test-dir build --output-on-failure -j "$(nproc)" "$@" || status=$?
if [ "$status" -eq 0 ]; then
  rm -rf "$scratch"
else
  echo "test.sh: the failed run's files are kept in $scratch" >&2
fi
exit "$status"
