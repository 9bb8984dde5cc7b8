// The site model: everything the templates need to know about the whole site
// (navigation tree, reading order, tags, folders), derived once from the
// corpus and the link graph, then read by many render threads.
//
// Contract: build_site_model() is pure; the model keeps pointers to the
// config, corpus and graph, which must outlive it. Immutable after build.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "content/page.h"
#include "links/link_graph.h"

namespace kb::render {

// Site paths of the generated index pages (every other URL comes from the
// content: Page::url, Folder::url, Tag::url).
inline constexpr const char* kTagsIndexUrl = "tags/index.html";
inline constexpr const char* kAllNotesUrl = "all-notes.html";

struct Folder {
  std::string path;                 // "modeling/metrics" ("" for the root)
  std::string name;                 // last segment, or the folder's index page title
  std::string url;                  // "modeling/metrics/index.html"
  std::vector<size_t> pages;        // pages in this folder (not index.md), reading order
  std::vector<size_t> children;     // indices into SiteModel::folders, sorted by name
  std::optional<size_t> index_page; // its index.md, if any
  size_t parent = 0;                // index of the parent folder (the root is its own)
  size_t depth = 0;                 // 0 for the root, 1 for its sub-folders...
  size_t total_notes = 0;           // notes here and in every folder below
};

struct Tag {
  std::string name;                 // as used in front matter (lowercase)
  std::string url;                  // "tags/<slug>.html"
  std::vector<size_t> pages;        // by title
};

struct SiteModel {
  const Config* config = nullptr;
  const Corpus* corpus = nullptr;
  const LinkGraph* graph = nullptr;
  std::vector<Folder> folders;      // folders[0] is the root
  std::vector<size_t> reading_order;   // every non-index page, depth-first through folders
  std::vector<size_t> position;        // page -> index in reading_order (npos for index pages)
  std::map<std::string, Tag> tags;     // by name
  std::map<std::string, size_t> folder_by_path;
  // Site paths of the generated index pages (the site stage writes them there).
  std::string tags_url = "tags/index.html";     // every tag with its count
  std::string all_notes_url = "all-notes.html"; // every note, A to Z
};

// Title order used in every list: ASCII case-insensitive, then bytewise.
bool title_less(const std::string& a, const std::string& b);

SiteModel build_site_model(const Config& config, const Corpus& corpus, const LinkGraph& graph);

}  // namespace kb::render
