#include "site/build_cache.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <functional>
#include <fstream>
#include <optional>

#include "core/bytes.h"
#include "core/file.h"
#include "core/file_memo.h"
#include "core/text.h"
#include "math/katex_renderer.h"
#include "site/output.h"
#include "site/search_location.h"

namespace kb::site {
namespace fs = std::filesystem;

namespace {

constexpr uint32_t kMagic = 0x4B424D46;  // "KBMF"
constexpr uint32_t kFormat = 5;

}  // namespace

fs::path BuildCache::folder_for(const Config& config) {
  fs::path base = math::default_cache_dir();
  if (base.empty()) return {};
  std::error_code ec;
  std::string site = fs::weakly_canonical(fs::absolute(config.notes_dir, ec), ec).string() + "\n" +
                     fs::weakly_canonical(fs::absolute(config.output_dir, ec), ec).string();
  return base / "build" / text::hex16(text::fnv1a64(site));
}

// The caches of sites that are gone (a temporary output folder, a moved
// project) go with them, so the cache folder does not grow without end.
void prune_orphans(const fs::path& dir) {
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir.parent_path(), ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    if (it->path() == dir || !it->is_directory(ec)) continue;
    auto site = file::read_file(it->path() / "site");
    if (!site || site->empty() || fs::exists(*site, ec)) continue;
    int fd = ::open((it->path() / "lock").c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) continue;
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) fs::remove_all(it->path(), ec);  // nobody builds it now
    ::close(fd);
  }
}

std::unique_ptr<BuildCache> BuildCache::open(const Config& config) {
  fs::path dir = folder_for(config);
  if (dir.empty()) return nullptr;
  std::error_code ec;
  bool fresh = !fs::exists(dir, ec);
  fs::create_directories(dir, ec);
  int fd = ::open((dir / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return nullptr;
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {  // another build of this site is running
    ::close(fd);
    return nullptr;
  }
  if (fresh) {
    file::write_file_atomically(dir / "site", fs::weakly_canonical(fs::absolute(config.output_dir, ec), ec).string());
    prune_orphans(dir);
  }
  return std::unique_ptr<BuildCache>(new BuildCache(dir, fd));
}

BuildCache::~BuildCache() {
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the lock
}

namespace {

// A long-lived process (kb serve --watch) keeps the manifest it last saved,
// with the output's marker (core/file_memo.h): while the file is as it was
// written and the marker the same, the next build takes a copy rather than
// parsing ~2 MB of JSON.
using HeldManifest = std::pair<std::string, BuildManifest>;  // (marker, manifest)
file::FileMemo<HeldManifest>& held_manifests() {
  static file::FileMemo<HeldManifest> memo;
  return memo;
}

}  // namespace

std::optional<BuildManifest> BuildCache::load(const fs::path& output) const {
  if (auto held = held_manifests().get(manifest_file())) {
    std::string marker = marker_identity(output);
    if (!marker.empty() && marker == held->first) return std::move(held->second);
  }
  auto bytes = file::read_file(manifest_file());
  if (!bytes) return std::nullopt;
  bytes::ByteReader r(*bytes);
  if (r.u32() != kMagic || r.u32() != kFormat) return std::nullopt;
  std::string marker = marker_identity(output);
  if (marker.empty() || r.str() != marker) return std::nullopt;
  BuildManifest m;
  m.build = r.u64();
  m.search = r.flag();
  for (uint32_t n = r.count(12); n-- > 0 && r.ok();) {
    std::string url = r.str();
    m.lists[std::move(url)] = r.u64();
  }
  for (uint32_t n = r.count(16); n-- > 0 && r.ok();) {
    CachedPage p;
    p.source = r.str();
    p.url = r.str();
    p.key = r.u64();
    m.pages.push_back(std::move(p));
  }
  for (uint32_t n = r.count(20); n-- > 0 && r.ok();) {
    std::string url = r.str();
    CachedOutput o;
    o.hash = r.u64();
    o.size = r.u64();
    m.outputs.emplace_hint(m.outputs.end(), std::move(url), o);
  }
  if (!r.ok() || !r.done()) return std::nullopt;  // damaged: start over
  return m;
}

void BuildCache::forget() {
  std::error_code ec;
  fs::remove(manifest_file(), ec);
  drop_held();
}

void BuildCache::drop_held() const { held_manifests().forget(manifest_file()); }

void BuildCache::hold(BuildManifest m, const fs::path& output) {
  held_manifests().hold(manifest_file(), {marker_identity(output), std::move(m)});
}

bool BuildCache::flush() {
  return held_manifests().write_pending(manifest_file(),
                                        [&](const HeldManifest& h) { return write_manifest(h.second, h.first); });
}

std::optional<std::string> BuildCache::read_postings() const { return file::read_file(postings_file()); }

bool BuildCache::write_postings(std::string_view bytes) {
  // The journal goes first: a journal never extends postings it was not
  // written after.
  std::error_code ec;
  fs::remove(postings_journal_file(), ec);
  if (ec) return false;
  return file::write_file_atomically(postings_file(), bytes);
}

namespace {
constexpr uint32_t kJournalMagic = 0x4B424A31;  // "KBJ1"
}  // namespace

std::optional<std::vector<std::string>> BuildCache::read_postings_journal() const {
  std::vector<std::string> frames;
  auto bytes = file::read_file(postings_journal_file());
  if (!bytes) return frames;  // none
  bytes::ByteReader r(*bytes);
  while (!r.done()) {
    if (r.u32() != kJournalMagic) return std::nullopt;
    const uint64_t check = r.u64();
    std::string frame = r.str();
    if (!r.ok() || std::hash<std::string_view>{}(frame) != check) return std::nullopt;
    frames.push_back(std::move(frame));
  }
  return frames;
}

uint64_t BuildCache::postings_journal_size() const {
  std::error_code ec;
  const auto size = fs::file_size(postings_journal_file(), ec);
  return ec ? 0 : size;
}

bool BuildCache::append_postings_journal(std::string_view frame) {
  bytes::ByteWriter w;
  w.u32(kJournalMagic);
  w.u64(std::hash<std::string_view>{}(frame));
  w.str(frame);
  const std::string& out = w.bytes();
  int fd = ::open(postings_journal_file().c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::write(fd, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  return ::close(fd) == 0 && done == out.size();
}

bool BuildCache::save(BuildManifest m, const fs::path& output) {
  std::string marker = marker_identity(output);
  if (!write_manifest(m, marker)) return false;
  if (auto id = file::identify(manifest_file()))
    held_manifests().remember(manifest_file(), *id, {marker, std::move(m)});
  return true;
}

bool BuildCache::write_manifest(const BuildManifest& m, const std::string& marker) const {
  bytes::ByteWriter w;
  w.u32(kMagic);
  w.u32(kFormat);
  w.str(marker);
  w.u64(m.build);
  w.flag(m.search);
  w.u32(static_cast<uint32_t>(m.lists.size()));
  for (const auto& [url, key] : m.lists) {
    w.str(url);
    w.u64(key);
  }
  w.u32(static_cast<uint32_t>(m.pages.size()));
  for (const auto& p : m.pages) {
    w.str(p.source);
    w.str(p.url);
    w.u64(p.key);
  }
  w.u32(static_cast<uint32_t>(m.outputs.size()));
  for (const auto& [url, o] : m.outputs) {
    w.str(url);
    w.u64(o.hash);
    w.u64(o.size);
  }
  return file::write_file_atomically(manifest_file(), w.bytes());
}

}  // namespace kb::site
