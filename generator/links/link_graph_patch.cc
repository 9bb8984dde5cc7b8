// LinkGraph::patch(): re-resolving the pages an edit can move (link_graph.h).
#include <tbb/parallel_for.h>

#include <algorithm>
#include <set>

#include "links/link_graph.h"
#include "links/link_graph_index.h"
#include "links/page_anchors.h"

namespace kb {

using markdown::LinkKind;

namespace {

// The names a page's wikilinks and embeds look up ("b/note" also as "note").
std::vector<std::string> link_keys(const Page& p) {
  std::vector<std::string> keys;
  for (const auto& link : p.links) {
    if (link.kind != LinkKind::kWiki && link.kind != LinkKind::kEmbed) continue;
    std::string key = text::lookup_key(strip_md(link.target));
    if (key.find('/') != key.npos) keys.push_back(key.substr(key.rfind('/') + 1));
    keys.push_back(std::move(key));
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

}  // namespace

void LinkGraph::index_linkers(const Corpus& corpus) {
  Index& x = *index_;
  if (!x.link_keys.empty() || corpus.pages.empty()) return;
  x.link_keys.resize(corpus.pages.size());
  tbb::parallel_for(size_t(0), corpus.pages.size(), [&](size_t i) { x.link_keys[i] = link_keys(corpus.pages[i]); });
  for (size_t i = 0; i < corpus.pages.size(); ++i)
    for (const auto& key : x.link_keys[i]) x.linkers[key].push_back(i);
}

LinkGraph LinkGraph::patch(LinkGraph g, const Corpus& corpus, const std::vector<size_t>& changed,
                           const std::vector<Page>& before, Diagnostics& diags) {
  Index& x = *g.index_;
  // Every title as it was, on the same line: the same duplicates (a scan of
  // every title, on a big site the longest part of a body edit's patch).
  const bool same_titles = std::equal(changed.begin(), changed.end(), before.begin(), [&](size_t i, const Page& was) {
    const Page& p = corpus.pages[i];
    return p.title == was.title && p.is_index == was.is_index && title_line(p) == title_line(was);
  });
  if (!same_titles) x.duplicate_titles = duplicate_titles(corpus);
  for (const auto& d : x.duplicate_titles) diags.add(d);
  std::set<size_t> again(changed.begin(), changed.end());  // pages whose links resolve again
  std::set<std::string> moved;                              // names that now answer otherwise
  bool names_changed = false;
  for (size_t k = 0; k < changed.size(); ++k) {
    const size_t i = changed[k];
    const Page &old = before[k], &now = corpus.pages[i];
    if (same_targets(old, now)) continue;
    // Links to it show its title and point into its headings and blocks.
    again.insert(g.backlinks_[i].begin(), g.backlinks_[i].end());
    names_changed = names_changed || old.title != now.title || old.meta.aliases != now.meta.aliases;
    const std::vector<std::string> was = name_keys(old, x.source_keys[i]), is = name_keys(now, x.source_keys[i]);
    for (const auto& key : was)
      if (std::find(is.begin(), is.end(), key) == is.end()) {
        if (auto it = x.by_name.find(key); it != x.by_name.end()) {
          erase_sorted(it->second, i);
          if (it->second.empty()) x.by_name.erase(it);
        }
        moved.insert(key);
      }
    for (const auto& key : is)
      if (std::find(was.begin(), was.end(), key) == was.end()) {
        insert_sorted(x.by_name[key], i);  // page order, as build() adds them
        moved.insert(key);
      }
  }
  // The pages' links as they are now, for the next patch.
  if (!x.link_keys.empty())
    for (size_t i : changed) {
      for (const auto& key : x.link_keys[i]) erase_sorted(x.linkers[key], i);
      x.link_keys[i] = link_keys(corpus.pages[i]);
      for (const auto& key : x.link_keys[i]) insert_sorted(x.linkers[key], i);
    }
  if (names_changed || !moved.empty()) {
    // Links that name what changed hands, and broken ones, whose "did you
    // mean" reads every title and alias.
    g.index_linkers(corpus);
    for (const auto& key : moved)
      if (auto it = x.linkers.find(key); it != x.linkers.end()) again.insert(it->second.begin(), it->second.end());
    for (size_t i = 0; i < corpus.pages.size(); ++i)
      if (g.page_broken_[i] > 0) again.insert(i);
    x.names = suggestion_names(corpus);
  }
  {
    std::lock_guard<std::mutex> lock(x.anchors_mutex);
    for (size_t i : changed) x.anchors[i].reset();
  }
  const std::vector<size_t> pages(again.begin(), again.end());
  tbb::parallel_for(size_t(0), pages.size(), [&](size_t k) { g.resolve_page(corpus, pages[k]); });
  std::set<size_t> relinked;
  for (size_t i : pages) {
    const std::vector<size_t> was = std::move(g.outlinks_[i]);
    g.outlinks_[i] = g.targets_of(i);
    const std::vector<size_t>& now = g.outlinks_[i];
    for (size_t t : was)
      if (!std::binary_search(now.begin(), now.end(), t)) erase_sorted(g.backlinks_[t], i), relinked.insert(t);
    for (size_t t : now)
      if (!std::binary_search(was.begin(), was.end(), t)) insert_sorted(g.backlinks_[t], i), relinked.insert(t);
  }
  g.digests_.clear();  // memo() makes them again
  g.remembered_ = 0;
  g.patched_.resolved = pages;
  g.patched_.relinked.assign(relinked.begin(), relinked.end());
  g.count_and_report(corpus, diags);
  return g;
}

namespace {

bool same_headings(const std::vector<markdown::Heading>& a, const std::vector<markdown::Heading>& b) {
  if (a.size() != b.size()) return false;
  for (size_t k = 0; k < a.size(); ++k)
    if (a[k].level != b[k].level || a[k].text != b[k].text || a[k].id != b[k].id) return false;
  return true;
}

bool same_block_ids(const std::vector<markdown::BlockId>& a, const std::vector<markdown::BlockId>& b) {
  if (a.size() != b.size()) return false;
  for (size_t k = 0; k < a.size(); ++k)
    if (a[k].id != b[k].id || a[k].duplicate != b[k].duplicate) return false;
  return true;
}

}  // namespace

bool LinkGraph::same_targets(const Page& a, const Page& b) {
  return a.source == b.source && a.file == b.file && a.folder == b.folder && a.stem == b.stem &&
         a.is_index == b.is_index && a.title == b.title && a.meta.aliases == b.meta.aliases &&
         same_headings(a.headings, b.headings) && same_block_ids(a.block_ids, b.block_ids) &&
         (a.body == b.body || page_anchors(a.body) == page_anchors(b.body));
}

}  // namespace kb
