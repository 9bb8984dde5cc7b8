#!/usr/bin/env bash
# Configure once and build with CMake + Ninja (Release); quiet when nothing
# changed.   scripts/compile.sh [TARGET...]   (default: kb and every test)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build"
if [ ! -f "$build/build.ninja" ]; then
  echo "kb: configuring and compiling (the first build takes a few minutes)"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
# Ninja's "no work to do" is noise when nothing changed; compiler output stays.
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build "$build" "${targets[@]}" -- --quiet 2>&1 | { grep -v '^ninja: no work to do\.$' || true; }
