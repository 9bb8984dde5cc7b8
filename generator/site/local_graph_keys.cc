#include "site/local_graph_keys.h"

#include <map>
#include <mutex>

#include <tbb/parallel_for.h>

#include "core/key_hasher.h"

namespace kb::site {

const std::vector<uint64_t>& LocalGraphKeys::compute(const NoteGraph& g, const Corpus& corpus, uint64_t build) {
  const size_t n = corpus.pages.size();
  std::vector<uint64_t> own(n);
  tbb::parallel_for(size_t(0), n, [&](size_t i) {
    const Page& p = corpus.pages[i];
    KeyHasher h;
    h.add(p.url).add(p.title).add(g.groups[g.group_of[i]]);
    for (uint32_t next : g.adjacency[i]) h.add(static_cast<uint64_t>(next));
    own[i] = h.value();
  });
  bool same = build == build_ && urls_.size() == n && keys_.size() == n;
  for (size_t i = 0; same && i < n; ++i) same = urls_[i] == corpus.pages[i].url;
  // The pages whose key may change: all, or those within two links of a change.
  std::vector<char> todo(n, same ? 0 : 1);
  if (same) {
    for (size_t i = 0; i < n; ++i) {
      if (own[i] == own_[i]) continue;
      todo[i] = 1;
      for (uint32_t a : g.adjacency[i]) {
        todo[a] = 1;
        for (uint32_t b : g.adjacency[a]) todo[b] = 1;
      }
    }
  } else {
    urls_.clear();
    for (const Page& p : corpus.pages) urls_.push_back(p.url);
    build_ = build;
    keys_.assign(n, 0);
  }
  std::vector<uint32_t> pages;
  for (uint32_t i = 0; i < n; ++i)
    if (todo[i]) pages.push_back(i);
  tbb::parallel_for(size_t(0), pages.size(), [&](size_t k) {
    const uint32_t i = pages[k];
    keys_[i] = g.adjacency[i].empty() ? 0 : local_graph_key(g, corpus, i, build);
  });
  computed_ = pages.size();
  own_ = std::move(own);
  return keys_;
}

void LocalGraphKeys::remembered(const std::filesystem::path& out, const std::function<void(LocalGraphKeys&)>& use) {
  static std::mutex mutex;
  static auto* kept = new std::map<std::filesystem::path, LocalGraphKeys>();  // never destroyed: exit needs no order
  std::lock_guard<std::mutex> lock(mutex);
  use((*kept)[out]);
}

}  // namespace kb::site
