#!/usr/bin/env bash
# Set up (installing only what is missing), compile kb (CMake, Release) into
# build/kb, and build the site from notes/ into _site/.
#   ./build.sh [extra kb build flags, e.g. --strict]
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-deps.sh build
scripts/compile.sh kb
build/kb build "$@"
