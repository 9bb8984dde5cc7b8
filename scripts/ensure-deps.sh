#!/usr/bin/env bash
# Installs what kb needs and the machine lacks, and nothing else: Debian 12
# packages through apt-get, front-end packages pinned in package-lock.json
# through npm. Quiet when everything is already there.
#   scripts/ensure-deps.sh build   # to compile kb and build a site
#   scripts/ensure-deps.sh test    # also what the tests need (Catch2, Chromium, Playwright)
set -euo pipefail
mode=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)

# Why each package is here: README.md, "Dependencies".
build_pkgs=(
  g++ cmake ninja-build pkg-config
  libcmark-gfm-dev libcmark-gfm-extensions-dev
  libxapian-dev libgit2-dev
  libtomlplusplus-dev libyaml-cpp-dev nlohmann-json3-dev
  libcli11-dev libfmt-dev libcpp-httplib-dev libkainjow-mustache-dev
  libeigen3-dev libtbb-dev libmimalloc-dev
  catch2
  nodejs npm
)
# catch2 is in the build set because CMake configures the tests too (a small
# header-only package); the browser is needed only to test.
test_pkgs=(chromium)

want=("${build_pkgs[@]}")
[ "$mode" = test ] && want+=("${test_pkgs[@]}")

missing=()
for p in "${want[@]}"; do
  # node may come from elsewhere (nodesource, nvm): a working node/npm is enough.
  if [ "$p" = nodejs ] && command -v node >/dev/null; then continue; fi
  if [ "$p" = npm ] && command -v npm >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "kb: installing missing Debian packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "kb: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    sudo=sudo
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  # Progress without apt's noise: the download size, then a count of the
  # packages set up (a first run fetches about 130 MB to build, 185 MB more
  # to test).
  if ! $sudo apt-get install -y -q --no-install-recommends -o Dpkg::Use-Pty=0 "${missing[@]}" 2>&1 |
      awk '/^(Need to get|E:)/ { print "kb:   " $0; fflush() }
         /^Setting up/ { if (++n % 40 == 0) { print "kb:   " n " packages set up..."; fflush() } }
         END { if (n) print "kb:   " n " packages set up" }'; then
    echo "kb: apt-get install failed (run it by hand to see why): ${missing[*]}" >&2
    exit 1
  fi
fi

# npm packages (KaTeX, Playwright): install when node_modules is missing or
# older than the lock file.
if [ -f "$root/package-lock.json" ]; then
  stamp="$root/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$root/package-lock.json" -nt "$stamp" ]; then
    echo "kb: installing npm packages from package-lock.json (KaTeX, the STIX Two Math font, highlight.js, mermaid, playwright-core, porter2; about 26 MB)"
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
fi
