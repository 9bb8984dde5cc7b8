#include "links/path_index.h"

#include <algorithm>

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

// `path` lies in `folder` or below it (folder "" is the root: everything).
// Both lowercase.
bool under(std::string_view path, std::string_view folder) {
  return folder.empty() ||
         (path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 && path[folder.size()] == '/');
}

// 0: in `folder` itself, 1: below it, 2: elsewhere. Both lowercase.
int rank(std::string_view path, std::string_view folder) {
  if (folder_of(path) == folder) return 0;
  return under(path, folder) ? 1 : 2;
}

}  // namespace

bool obsidian_prefers(std::string_view a, std::string_view b, std::string_view from_folder) {
  std::string folder = text::to_lower(from_folder);
  int ra = rank(text::to_lower(a), folder), rb = rank(text::to_lower(b), folder);
  if (ra != rb) return ra < rb;
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

bool folder_decides(const std::vector<std::string_view>& paths, std::string_view from_folder) {
  std::string folder = text::to_lower(from_folder);
  size_t here = 0, below = 0;
  for (std::string_view p : paths) {
    std::string path = text::to_lower(p);
    if (folder_of(path) == folder) ++here;
    if (under(path, folder)) ++below;
  }
  return here == 1 || (here == 0 && !folder.empty() && below == 1);
}

void PathIndex::add(std::string path, size_t index) {
  std::string key = text::to_lower(path);
  size_t at = entries_.size();
  entries_.push_back({std::move(path), index});
  by_path_.emplace(key, at);
  by_name_[std::string(file_name(key))].push_back(at);
}

std::optional<PathIndex::Match> PathIndex::find(std::string_view written_in, std::string_view from_folder) const {
  std::string written = text::to_lower(written_in);
  bool rooted = !written.empty() && written.front() == '/';
  while (!written.empty() && written.front() == '/') written.erase(0, 1);
  if (written.empty()) return std::nullopt;

  for (const std::string& key : {written, written + ".md"}) {
    if (auto it = by_path_.find(key); it != by_path_.end()) {
      const Entry* e = &entries_[it->second];
      return Match{e, {e}, false};
    }
    if (rooted) continue;
    auto it = by_name_.find(std::string(file_name(key)));
    if (it == by_name_.end()) continue;
    Match m;
    std::vector<std::string_view> paths;
    for (size_t e : it->second) {
      const Entry& entry = entries_[e];
      std::string path = text::to_lower(entry.path);
      if (path.size() > key.size() && path.compare(path.size() - key.size(), key.size(), key) == 0 &&
          path[path.size() - key.size() - 1] == '/') {
        m.candidates.push_back(&entry);
        paths.push_back(entry.path);
      }
    }
    if (m.candidates.empty()) continue;
    std::sort(m.candidates.begin(), m.candidates.end(), [&](const Entry* a, const Entry* b) {
      return obsidian_prefers(a->path, b->path, from_folder);
    });
    m.entry = m.candidates.front();
    m.ambiguous = m.candidates.size() > 1 && !folder_decides(paths, from_folder);
    return m;
  }
  return std::nullopt;
}

}  // namespace kb
