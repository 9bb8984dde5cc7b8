#!/bin/bash
# A build into a full disk (a small tmpfs): a clear error naming the path and
# the cause, the previous site exactly as it was, no staging folder or
# half-written file left; for a full build and for an incremental one.
#   full_disk.sh KB_BINARY SOURCE_DIR
# Mounting needs root or a user namespace (unshare -rm); where neither is
# allowed it prints "SKIPPED: ..." and ctest reports the test as skipped.
set -u
kb=$1 src=$2
# A mount namespace of its own where it can have one (in a chroot, / is no
# mount point and unshare -m cannot make it private: then the propagation is
# left as it is, or, failing that, the tmpfs is mounted here and unmounted by
# the trap below).
if [ "${KB_FULL_DISK_INNER:-}" != 1 ]; then
  export KB_FULL_DISK_INNER=1
  if [ "$(id -u)" != 0 ]; then
    unshare -rm true 2>/dev/null && exec unshare -rm "$0" "$@"
    echo "SKIPPED: cannot mount a tmpfs here (not root, no user namespaces)"; exit 0
  fi
  unshare -m true 2>/dev/null && exec unshare -m "$0" "$@"
  unshare -m --propagation unchanged true 2>/dev/null && exec unshare -m --propagation unchanged "$0" "$@"
fi

work=$(mktemp -d)
disk=$work/disk
trap 'umount "$disk" 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$disk"
if ! mount -t tmpfs -o size=3m tmpfs "$disk" 2>/dev/null; then
  echo "SKIPPED: cannot mount a tmpfs here"; exit 0
fi
fail() { echo "FAIL: $*"; exit 1; }
cp -r "$src/tests/sites/ok/search" "$work/notes-site"
cd "$work/notes-site" || exit 1
export XDG_CACHE_HOME=$work/cache
site=$disk/site
sums() { (cd "$site" && find . -type f | sort | xargs md5sum); }
# Leaves about $1 KB free on the disk.
fill() {
  rm -f "$disk/filler"
  local free; free=$(df -k --output=avail "$disk" | tail -1)
  [ "$free" -gt "$1" ] && dd if=/dev/zero of="$disk/filler" bs=1k count=$((free - $1)) status=none
  true
}

"$kb" build -q --out "$site" || fail "the first build did not fit in 3 MB"
before=$(sums)

# A full build, staged beside the site.
fill 100
out=$("$kb" build --no-cache --out "$site" 2>&1); rc=$?
[ $rc = 1 ] || fail "full build on a full disk exited $rc: $out"
grep -q "No space left on device" <<<"$out" || fail "no cause named: $out"
grep -q "$site" <<<"$out" || fail "no path named: $out"
grep -q "left unchanged" <<<"$out" || fail "not told the site is unchanged: $out"
[ "$(sums)" = "$before" ] || fail "the site changed after a failed full build"
ls -d "$disk"/site.kb-* 2>/dev/null && fail "a staging folder was left"

# An incremental build, writing in place.
rm -f "$disk/filler"
"$kb" build -q --out "$site" || fail "a build with room failed"
"$kb" build -q --out "$site" || fail "a second build with room failed"
before=$(sums)
note=$(ls notes/*/*.md | head -1)
{ printf '\n\nMore text '; yes word | head -n 60000 | tr '\n' ' '; echo; } >> "$note"
fill 60
out=$("$kb" build --out "$site" 2>&1); rc=$?
grep -q "Only what changed" <<<"$out" && [ $rc = 0 ] && fail "the change fit: make it bigger"
[ $rc = 1 ] || fail "incremental build on a full disk exited $rc: $out"
grep -q "kb-staging" <<<"$out" && fail "not an incremental build: $out"
grep -q "No space left on device" <<<"$out" || fail "no cause named: $out"
[ "$(sums)" = "$before" ] || fail "the site changed after a failed incremental build"
find "$disk" -name '*.kb-new' -o -name '*.tmp.*' | grep -q . && fail "half-written files were left"
ls -d "$disk"/site.kb-* 2>/dev/null && fail "a staging folder was left"
echo "PASS: full and incremental builds on a full disk leave the site as it was"
