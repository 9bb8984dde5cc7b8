// What a LinkGraph resolves links against (the names, paths and anchors of
// every page), kept with the graph so patch() can re-resolve some pages
// without building it again. Private to links/link_graph*.cc.
#pragma once

#include <algorithm>
#include <cstring>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/text.h"
#include "links/link_graph.h"
#include "links/path_index.h"

namespace kb {

// "a/Note.md" -> "a/Note" (".md" and ".markdown", any case).
inline std::string strip_md(std::string s) {
  for (const char* ext : {".md", ".markdown"}) {
    size_t n = std::strlen(ext);
    if (s.size() > n && text::lookup_key(s.substr(s.size() - n)) == ext) return s.substr(0, s.size() - n);
  }
  return s;
}

// The keys a page answers to by name: its title, aliases, file name (an
// index page's is its folder's) and path, each once.
std::vector<std::string> name_keys(const Page& p, const std::string& source_key);
// Every title and alias, in page order: what "did you mean" chooses from.
std::vector<std::string> suggestion_names(const Corpus& corpus);

// Page `i` into, or out of, a sorted list of pages.
inline void insert_sorted(std::vector<size_t>& v, size_t i) { v.insert(std::lower_bound(v.begin(), v.end(), i), i); }
inline void erase_sorted(std::vector<size_t>& v, size_t i) {
  auto it = std::lower_bound(v.begin(), v.end(), i);
  if (it != v.end() && *it == i) v.erase(it);
}

// The line of a page's `title:` key, 0 without one: where a duplicate
// title is reported.
inline int title_line(const Page& p) {
  auto it = p.meta.key_lines.find("title");
  return it == p.meta.key_lines.end() ? 0 : it->second;
}

struct LinkGraph::Index {
  std::vector<std::string> source_keys;                            // each page's path as a lookup key
  std::unordered_map<std::string, std::vector<size_t>> by_name;    // lookup_key -> pages
  std::unordered_map<std::string, size_t> by_source;               // "a/b.md" -> page
  std::unordered_map<std::string, size_t> file_by_source;          // "a/img.png" -> file
  std::vector<std::string> names;                                  // every title and alias, for suggestions
  PathIndex page_paths, file_paths;                                // paths and bare names (Obsidian's rule)
  std::unordered_map<std::string, size_t> unpublished_by_key;      // drafts, by name and path
  std::vector<Diagnostic> duplicate_titles;                        // said again by a patch that keeps every title
  // Ids a page has besides its headings' (page_anchors.h), made when a
  // fragment names no heading.
  mutable std::vector<std::optional<std::vector<std::string>>> anchors;
  mutable std::mutex anchors_mutex;
  // Made by the first patch() that changes a name: each page's wikilink
  // names (link_keys) and the pages whose links look up each name.
  std::vector<std::vector<std::string>> link_keys;
  std::unordered_map<std::string, std::vector<size_t>> linkers;

  std::optional<size_t> unpublished_target(const markdown::LinkRef& link, const std::string& folder) const;
};

}  // namespace kb
