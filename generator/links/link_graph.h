// The link graph: every link of every page resolved to a page, a file or
// nothing, with backlinks and the dependencies incremental builds need.
//
// Contract: build() is given the whole corpus and never throws. Wikilink
// targets match titles, aliases and file names (stem or folder/stem, or a
// partial path "b/Note" for a/b/Note.md), case-insensitively; among several
// notes of one name Obsidian's choice wins (the linking note's folder, else
// the shortest path). Markdown links resolve as paths relative to the linking
// page, else (unless written "./…" or "../…") as a vault path or a bare file
// name by Obsidian's rule (path_index.h); "/x.md" is from the notes root.
// A fragment must name a heading the target page shows with its id; a nested
// "A#B" names the B inside A's section. Problems go to the Diagnostics at the
// link's file:line:col: a broken link or heading anchor is a warning (with
// "did you mean"), an ambiguous name a warning naming every candidate and
// the one chosen (not when one candidate is in the linking note's folder).
// The graph is immutable after build(); reading it from many threads is safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "content/page.h"
#include "core/diagnostic.h"

namespace kb {

struct Resolution {
  // kUnpublished: a note left out as a draft (Corpus::unpublished); a warning
  // says so and the link shows as plain text. It is not counted as broken.
  enum class Status { kPage, kFile, kSamePage, kBroken, kUnpublished };
  Status status = Status::kBroken;
  size_t index = 0;          // page index (kPage), file index (kFile) or Corpus::unpublished index
  std::string fragment;      // heading id to link to, checked against the target
};

class LinkGraph {
 public:
  static LinkGraph build(const Corpus& corpus, Diagnostics& diags);

  // Resolution of pages[page].links[link], same order as the page's links.
  const Resolution& resolution(size_t page, size_t link) const { return resolutions_[page][link]; }
  // Distinct pages that link to / are linked from `page`, in corpus order.
  const std::vector<size_t>& backlinks(size_t page) const { return backlinks_[page]; }
  const std::vector<size_t>& outlinks(size_t page) const { return outlinks_[page]; }
  // Page a name resolves to (title, alias, stem or folder/stem), if any.
  std::optional<size_t> find(std::string_view name) const;
  // Pages whose output must be re-rendered when `page` changes its title,
  // aliases or headings: the page itself, pages linking to it (their link
  // text and anchors) and pages it links to (their backlink lists).
  std::vector<size_t> affected_by(size_t page) const;
  size_t broken_count() const { return broken_; }
  size_t link_count() const { return links_; }

 private:
  std::unordered_map<std::string, std::vector<size_t>> by_name_;  // lookup_key -> pages
  std::vector<std::vector<Resolution>> resolutions_;
  std::vector<std::vector<size_t>> backlinks_;
  std::vector<std::vector<size_t>> outlinks_;
  size_t broken_ = 0;
  size_t links_ = 0;
};

}  // namespace kb
