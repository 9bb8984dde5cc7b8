// The link graph: every link of every page resolved to a page, a file or
// nothing, with backlinks and the dependencies incremental builds need.
//
// Contract: build() is given the whole corpus and never throws.
// - Wikilinks and embeds: targets match titles, aliases and file names (stem
//   or folder/stem, or a partial path "b/Note" for a/b/Note.md),
//   case-insensitively; an embed that names no note names a file by
//   Obsidian's rule (path_index.h).
// - Markdown links and images, in this order: the path relative to the
//   linking note (an exact relative path always wins, as on GitHub); else,
//   unless written "./…" or "../…", the path from the notes root ("/x.md"
//   is from the root and nothing else), then a bare file name or partial
//   path, with or without ".md", among notes and then files (path_index.h).
// - Among several notes or files of one name, Obsidian's choice: one at
//   exactly the written path from the notes root, else the linking note's
//   own folder, then below it, then the shortest path (then path order).
// - A fragment "^id" names an Obsidian block id of the target (block_ref.h);
//   one the target does not have is a broken link, with a "did you mean".
// - A fragment must be an id the target page really has: a heading's (every
//   entry of Page::headings is rendered with its id, a heading shown as the
//   title included), matched by id, by slug or by heading text; else a
//   footnote's or raw HTML anchor's (page_anchors.h). A nested "A#B" names
//   the B inside A's section; if A is missing, or holds no B, the page's
//   first B, with a warning.
// Problems go to the Diagnostics at the link's file:line:col, with the line:
// a broken link or a fragment that names no id is a warning with a "did you
// mean" (for an embed, the closest file name when one is close) and counts
// in broken_count(); an ambiguous name is a warning naming
// every candidate and the one chosen, unless an exact path or the folder
// decided (one candidate in the linking note's folder, or none there and one
// below it).
// patch() gives what build() would for a corpus whose pages in `changed`
// were edited in place (kb serve --watch): their links resolve again, and,
// where an edit changed what others' links find (same_targets() false: a
// title, alias, heading, block id or anchor), the links to the page, the
// links that name what it was or is now called, and the broken links (their
// "did you mean" reads every title); the diagnostics are build()'s.
// The graph is immutable after build(); reading it from many threads is safe.
#pragma once

#include <cstdint>
#include <memory>
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

struct LinkMemo;  // links/link_memo.h

class LinkGraph {
 public:
  // With a `memo` of the last build whose key is names_key() of this corpus
  // (links/link_memo.h), the pages whose resolutions it still holds take
  // them from it (moved out) and the rest resolve again: the same graph.
  static LinkGraph build(const Corpus& corpus, Diagnostics& diags, LinkMemo* memo = nullptr);
  // This graph's resolutions, for the next process's build() (`key`: the
  // corpus's names_key()).
  LinkMemo memo(const Corpus& corpus, uint64_t key) const;
  // Pages whose resolutions build() took from a memo.
  size_t remembered() const { return remembered_; }
  // `previous` was built (or patched) for the same pages, in the same order,
  // with the same files and unpublished notes; the pages of `changed` (by
  // index) have since been edited, keeping their paths; `before` holds
  // them as they were, in the same order.
  static LinkGraph patch(LinkGraph previous, const Corpus& corpus, const std::vector<size_t>& changed,
                         const std::vector<Page>& before, Diagnostics& diags);
  // What the last patch() moved, for those who must follow it (site/
  // key_memo.h): the pages whose links were resolved again, and the pages
  // whose backlinks changed. Empty for a graph from build().
  struct Patched {
    std::vector<size_t> resolved;  // sorted
    std::vector<size_t> relinked;  // sorted
  };
  const Patched& patched() const { return patched_; }
  // Whether links anywhere resolve to `b` exactly as they did to `a`, an
  // earlier version of the same note: the same names, path, headings, block
  // ids and other anchors.
  static bool same_targets(const Page& a, const Page& b);

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
  struct Index;  // what links resolve against (link_graph.cc), kept for patch()
  void resolve_page(const Corpus& corpus, size_t page);
  std::vector<size_t> take_remembered(const Corpus& corpus, LinkMemo& memo);
  std::vector<size_t> targets_of(size_t page) const;  // distinct pages its resolutions name
  void finish(const Corpus& corpus, Diagnostics& diags);
  void count_and_report(const Corpus& corpus, Diagnostics& diags);
  void index_linkers(const Corpus& corpus);
  static std::vector<Diagnostic> duplicate_titles(const Corpus& corpus);

  std::shared_ptr<Index> index_;
  std::vector<std::vector<Diagnostic>> page_diags_;  // each page's links' problems
  std::vector<uint32_t> page_broken_;                // each page's broken links
  std::vector<std::vector<Resolution>> resolutions_;
  std::vector<std::vector<size_t>> backlinks_;
  std::vector<std::vector<size_t>> outlinks_;
  std::vector<uint64_t> digests_;  // each page's page_digest(), when a memo was read
  size_t broken_ = 0;
  size_t links_ = 0;
  size_t remembered_ = 0;
  Patched patched_;
};

}  // namespace kb
