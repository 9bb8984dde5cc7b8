#include "site/build_cache.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/file.h"
#include "core/file_memo.h"
#include "core/text.h"
#include "math/katex_renderer.h"
#include "site/output.h"

namespace kb::site {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr int kFormat = 4;

// Which build of the site is there now: the marker is written anew by every
// full build (into a new folder), so its identity names that build.
std::string marker_identity(const fs::path& output) {
  struct stat st {};
  if (::stat((output / StagedOutput::kMarker).c_str(), &st) != 0) return "";
  return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino) + ":" + std::to_string(st.st_mtim.tv_sec) +
         "." + std::to_string(st.st_mtim.tv_nsec);
}

}  // namespace

fs::path BuildCache::folder_for(const Config& config) {
  fs::path base = math::default_cache_dir();
  if (base.empty()) return {};
  std::error_code ec;
  std::string site = fs::weakly_canonical(fs::absolute(config.notes_dir, ec), ec).string() + "\n" +
                     fs::weakly_canonical(fs::absolute(config.output_dir, ec), ec).string();
  return base / "build" / text::hex16(text::fnv1a64(site));
}

namespace {

// The caches of sites that are gone (a temporary output folder, a moved
// project) go with them, so the cache folder does not grow without end.
void prune_siblings(const fs::path& dir) {
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

}  // namespace

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
    prune_siblings(dir);
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
  if (auto held = held_manifests().get(dir_ / "manifest.json")) {
    std::string marker = marker_identity(output);
    if (!marker.empty() && marker == held->first) return std::move(held->second);
  }
  auto bytes = file::read_file(dir_ / "manifest.json");
  if (!bytes) return std::nullopt;
  try {
    json j = json::parse(*bytes);
    if (j.at("format").get<int>() != kFormat) return std::nullopt;
    std::string marker = marker_identity(output);
    if (marker.empty() || j.at("marker").get<std::string>() != marker) return std::nullopt;
    BuildManifest m;
    m.build = j.at("build").get<uint64_t>();
    m.search = j.at("search").get<bool>();
    for (const auto& [url, key] : j.at("lists").items()) m.lists[url] = key.get<uint64_t>();
    for (const auto& p : j.at("pages")) {
      m.pages.push_back({p.at(0).get<std::string>(), p.at(1).get<std::string>(), p.at(2).get<uint64_t>()});
    }
    for (const auto& [url, o] : j.at("outputs").items()) m.outputs[url] = {o.at(0).get<uint64_t>(), o.at(1).get<uint64_t>()};
    return m;
  } catch (const std::exception&) {
    return std::nullopt;  // damaged: start over
  }
}

void BuildCache::forget() {
  std::error_code ec;
  fs::remove(dir_ / "manifest.json", ec);
  drop_held();
}

void BuildCache::drop_held() const { held_manifests().forget(dir_ / "manifest.json"); }

void BuildCache::hold(BuildManifest m, const fs::path& output) {
  held_manifests().hold(dir_ / "manifest.json", {marker_identity(output), std::move(m)});
}

bool BuildCache::flush() {
  return held_manifests().write_pending(dir_ / "manifest.json",
                                        [&](const HeldManifest& h) { return write_manifest(h.second, h.first); });
}

std::optional<std::string> BuildCache::read_postings() const { return file::read_file(postings_file()); }

bool BuildCache::write_postings(std::string_view bytes) { return file::write_file_atomically(postings_file(), bytes); }

bool BuildCache::save(const BuildManifest& m, const fs::path& output) {
  std::string marker = marker_identity(output);
  if (!write_manifest(m, marker)) return false;
  if (auto id = file::identify(dir_ / "manifest.json")) held_manifests().remember(dir_ / "manifest.json", *id, {marker, m});
  return true;
}

bool BuildCache::write_manifest(const BuildManifest& m, const std::string& marker) const {
  json pages = json::array();
  for (const auto& p : m.pages) pages.push_back({p.source, p.url, p.key});
  json outputs = json::object();
  for (const auto& [url, o] : m.outputs) outputs[url] = {o.hash, o.size};
  json j = {{"format", kFormat}, {"build", m.build}, {"search", m.search}, {"lists", m.lists}, {"marker", marker},
            {"pages", std::move(pages)}, {"outputs", std::move(outputs)}};
  return file::write_file_atomically(dir_ / "manifest.json", j.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace kb::site
