#include "links/path_index.h"

#include "core/text.h"

namespace kb {
namespace {

std::string_view file_name(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view folder_of(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

}  // namespace

void PathIndex::add(std::string path, size_t index) {
  std::string key = text::to_lower(path);
  size_t at = entries_.size();
  entries_.push_back({std::move(path), index});
  by_path_.emplace(key, at);
  by_name_[std::string(file_name(key))].push_back(at);
}

std::optional<PathIndex::Match> PathIndex::find_exact(const std::string& key) const {
  auto it = by_path_.find(key);
  if (it == by_path_.end()) return std::nullopt;
  return Match{&entries_[it->second], 1, false};
}

std::optional<PathIndex::Match> PathIndex::find(std::string_view written_in, std::string_view from_folder) const {
  std::string written = text::to_lower(written_in);
  bool rooted = !written.empty() && written.front() == '/';
  while (!written.empty() && written.front() == '/') written.erase(0, 1);
  if (written.empty()) return std::nullopt;
  std::string folder = text::to_lower(from_folder);

  for (const std::string& key : {written, written + ".md"}) {
    if (auto exact = find_exact(key)) return exact;
    if (rooted) continue;
    auto it = by_name_.find(std::string(file_name(key)));
    if (it == by_name_.end()) continue;
    const Entry* best = nullptr;
    const Entry* here = nullptr;
    size_t candidates = 0;
    for (size_t e : it->second) {
      const Entry& entry = entries_[e];
      std::string path = text::to_lower(entry.path);
      if (path != key && !(path.size() > key.size() && path.compare(path.size() - key.size(), key.size(), key) == 0 &&
                           path[path.size() - key.size() - 1] == '/'))
        continue;
      ++candidates;
      if (!here && folder_of(path) == folder) here = &entry;
      if (!best || entry.path.size() < best->path.size() ||
          (entry.path.size() == best->path.size() && entry.path < best->path))
        best = &entry;
    }
    if (here) return Match{here, candidates, true};
    if (best) return Match{best, candidates, false};
  }
  return std::nullopt;
}

}  // namespace kb
