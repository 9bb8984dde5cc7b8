#!/usr/bin/env bash
# Run every test: the Catch2 suites, the GFM conformance run, the fixture
# sites and the browser tests in headless Chromium, all through ctest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-deps.sh test
scripts/compile.sh
ctest --test-dir build --output-on-failure -j "$(nproc)" "$@"
