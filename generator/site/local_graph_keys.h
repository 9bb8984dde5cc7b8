// Every note's local graph key (site_graph.h local_graph_key()), for a
// build that knows the keys of the build before: a `kb serve --watch`
// session holds them, a new process reads them from the build cache
// (serialize()/parse()), and an edit then computes the keys of the notes
// within two links of a note whose URL, title, group or links changed, not
// all of them (on 10,000 notes, every key was most of an edit's time:
// 0.2-0.3 s).
//
// A key depends on the notes within two links only (graph/neighbourhood.h
// reads their URLs, titles, groups and links), so a note none of whose
// notes within two links changed keeps its key. Each note's own part (its
// URL, title, group and links) is hashed; the notes whose hash changed, and
// those within two links of them in the new graph, get a new key. (An edge
// that went is a change of both its ends, so their old neighbours are
// within one link of one of them still, or changed themselves.)
//
// Contract: compute() gives exactly local_graph_key(g, corpus, i, build)
// for every page i with a link (0 for others), whatever the keys before.
// Keys before are used only when the build key and the pages (their URLs,
// in order) are the same, so any keys before, even another site's, give
// the right keys. parse() of damaged bytes gives nullopt. Not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/page.h"
#include "site/site_graph.h"

namespace kb::site {

class LocalGraphKeys {
 public:
  const std::vector<uint64_t>& compute(const NoteGraph& g, const Corpus& corpus, uint64_t build);
  size_t computed() const { return computed_; }  // keys the last compute() made anew

  std::string serialize() const;
  static std::optional<LocalGraphKeys> parse(std::string_view bytes);

 private:
  uint64_t build_ = 0;
  std::vector<std::string> urls_;
  std::vector<uint64_t> own_;   // per page: its URL, title, group and links
  std::vector<uint64_t> keys_;  // per page: its local graph key (0 without links)
  size_t computed_ = 0;
};

}  // namespace kb::site
