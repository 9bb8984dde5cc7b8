#include "site/site_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unordered_set>

#include "core/file.h"
#include "search/schema.h"
#include "site/build_keys.h"
#include "site/search_location.h"

namespace kb::site {
namespace fs = std::filesystem;

namespace {

// A copied file is known by its size and modification time (reading every
// image of a vault on each build to hash it would cost more than copying).
std::optional<CachedOutput> file_identity(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return std::nullopt;
  KeyHasher h;
  h.add(std::string_view("file")).add(static_cast<uint64_t>(st.st_mtim.tv_sec)).add(static_cast<uint64_t>(st.st_mtim.tv_nsec));
  return CachedOutput{h.value(), static_cast<uint64_t>(st.st_size)};
}

}  // namespace

std::unique_ptr<SiteWriter> SiteWriter::staged(const fs::path& dest, std::string& error) {
  auto out = StagedOutput::open(dest, error);
  if (!out) return nullptr;
  std::unique_ptr<SiteWriter> w(new SiteWriter());
  w->dest_ = dest;
  w->staged_.emplace(std::move(*out));
  std::error_code ec;
  fs::remove_all(staging_index_dir(dest), ec);  // an earlier build of this process (kb serve --watch)
  return w;
}

std::unique_ptr<SiteWriter> SiteWriter::in_place(const fs::path& dest, const BuildManifest& previous) {
  std::unique_ptr<SiteWriter> w(new SiteWriter());
  remove_stale_folders(dest);  // what builds killed outright left beside it (site/output.h)
  w->dest_ = dest;
  w->dest_prefix_ = dest.string() + "/";
  w->previous_ = &previous;
  const int root = ::open(dest.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (root >= 0) {
    w->folders_.emplace(std::string_view(), root);
    // The outputs come sorted: a folder's files one after another.
    std::string_view last;
    for (const auto& [url, out] : previous.outputs) {
      const size_t slash = url.rfind('/');
      if (slash == std::string::npos) continue;
      std::string_view folder(url.data(), slash);
      if (folder == last) continue;
      last = folder;
      if (w->folders_.count(folder)) continue;
      const int fd = ::openat(root, std::string(folder).c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
      if (fd >= 0) w->folders_.emplace(folder, fd);
    }
  }
  return w;
}

SiteWriter::~SiteWriter() {
  for (const auto& [folder, fd] : folders_) ::close(fd);
  std::error_code ec;
  if (staged_ && !committed_) fs::remove_all(staging_index_dir(dest_), ec);
}

fs::path SiteWriter::index_dir() const {
  return staged_ ? staging_index_dir(dest_) : search_index_dir(dest_);
}

void SiteWriter::record(const std::string& url, CachedOutput out) {
  std::lock_guard<std::mutex> lock(mutex_);
  outputs_[url] = out;
  ++files_;
}

bool SiteWriter::still_there(const std::string& url, uint64_t size) const {
  struct stat st {};
  const size_t slash = url.rfind('/');
  const std::string_view folder = slash == std::string::npos ? std::string_view() : std::string_view(url).substr(0, slash);
  if (auto f = folders_.find(folder); f != folders_.end())
    return ::fstatat(f->second, url.c_str() + (slash == std::string::npos ? 0 : slash + 1), &st, 0) == 0 &&
           static_cast<uint64_t>(st.st_size) == size;
  // A folder the previous site did not have, or could not be opened.
  std::string path;
  path.reserve(dest_prefix_.size() + url.size());
  path += dest_prefix_;
  path += url;
  return ::stat(path.c_str(), &st) == 0 && static_cast<uint64_t>(st.st_size) == size;
}

bool SiteWriter::same_as_before(const std::string& url, const CachedOutput& out) const {
  auto it = previous_->outputs.find(url);
  return it != previous_->outputs.end() && it->second.hash == out.hash && it->second.size == out.size &&
         still_there(url, out.size);
}

bool SiteWriter::write(const std::string& url, std::string content, std::string& error) {
  CachedOutput out{content_hash(content), content.size()};
  if (staged_) {
    if (!staged_->write(url, content, error)) return false;
    ++changed_;
  } else if (!same_as_before(url, out)) {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_[url] = std::move(content);
  }
  record(url, out);
  return true;
}

bool SiteWriter::copy(const fs::path& from, const std::string& url, std::string& error) {
  auto out = file_identity(from);
  if (!out) {
    error = "cannot read " + from.string();
    return false;
  }
  if (staged_) {
    if (!staged_->copy(from, url, error)) return false;
    ++changed_;
  } else if (!same_as_before(url, *out)) {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_copies_[url] = from;
  }
  record(url, *out);
  return true;
}

bool SiteWriter::keep(const std::string& url) {
  if (staged_) return false;
  auto it = previous_->outputs.find(url);
  if (it == previous_->outputs.end() || !still_there(url, it->second.size)) return false;
  kept_.local().push_back(&*it);
  ++files_;
  return true;
}

std::map<std::string, CachedOutput> SiteWriter::outputs() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::map<std::string, CachedOutput> all = outputs_;
  for (const auto& list : kept_)
    for (KeptFile f : list) all.emplace(f->first, f->second);
  return all;
}

bool SiteWriter::commit(std::string& error) {
  if (staged_) {
    if (!staged_->commit(error)) return false;
    committed_ = true;
    return install_index(dest_, error);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  // Two steps, so that a full disk or a failed copy changes nothing: every
  // new file is written beside its target first (`.kb-new`), and only when
  // all are there are they renamed over their targets (a rename needs no
  // space). On failure the written ones are removed.
  std::vector<std::pair<fs::path, fs::path>> ready;  // temp, target
  auto undo = [&ready] {
    std::error_code ec;
    for (const auto& [temp, target] : ready) fs::remove(temp, ec);
  };
  for (const auto& [url, bytes] : pending_) {
    fs::path target = dest_ / url, temp = target;
    temp += ".kb-new";
    std::string why;
    if (!file::write_file_checked(temp, bytes, why)) {
      undo();
      error = "cannot write " + target.string() + ": " + why;
      return false;
    }
    ready.emplace_back(temp, target);
  }
  for (const auto& [url, from] : pending_copies_) {
    fs::path target = dest_ / url, temp = target;
    temp += ".kb-new";
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    fs::copy_file(from, temp, fs::copy_options::overwrite_existing, ec);
    if (ec) {
      fs::remove(temp, ec);
      undo();
      error = "cannot copy " + from.string() + " to the site: " + ec.message();
      return false;
    }
    ready.emplace_back(temp, target);
  }
  for (const auto& [temp, target] : ready) {
    std::error_code ec;
    fs::rename(temp, target, ec);
    if (ec) {
      error = "cannot move " + temp.string() + " to " + target.string() + ": " + ec.message();
      return false;
    }
    ++changed_;
  }
  // What the previous build wrote and this one did not: gone from the site,
  // with the folders it leaves empty.
  std::unordered_set<KeptFile> kept;
  for (const auto& list : kept_) kept.insert(list.begin(), list.end());
  for (const auto& entry : previous_->outputs) {
    const std::string& url = entry.first;
    if (kept.count(&entry) || outputs_.count(url)) continue;
    std::error_code ec;
    fs::path file = dest_ / url;
    if (fs::remove(file, ec)) ++removed_;
    for (fs::path dir = file.parent_path(); dir != dest_ && dir.native().size() > dest_.native().size();
         dir = dir.parent_path())
      if (!fs::remove(dir, ec)) break;  // not empty (or gone): stop climbing
  }
  pending_.clear();
  pending_copies_.clear();
  return true;
}

}  // namespace kb::site
