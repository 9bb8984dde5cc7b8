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
# Progress as ninja's "[done/total]" lines, so a first build of several
# minutes is not silent; "no work to do" is noise when nothing changed.
targets=()
for t in "$@"; do targets+=(--target "$t"); done
export NINJA_STATUS="kb: compiling [%f/%t] "
cmake --build "$build" "${targets[@]}" 2>&1 | { grep -v '^ninja: no work to do\.$' || true; }
