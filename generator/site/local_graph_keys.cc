#include "site/local_graph_keys.h"

#include <tbb/parallel_for.h>

#include "core/bytes.h"
#include "core/key_hasher.h"

namespace kb::site {
namespace {

constexpr char kMagic[] = "kb-local-graph-keys-1";

}  // namespace

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

std::string LocalGraphKeys::serialize() const {
  bytes::ByteWriter w;
  w.str(kMagic);
  w.u64(build_);
  w.var(urls_.size());
  for (size_t i = 0; i < urls_.size(); ++i) {
    w.str(urls_[i]);
    w.u64(own_[i]);
    w.u64(keys_[i]);
  }
  return std::move(w.bytes());
}

std::optional<LocalGraphKeys> LocalGraphKeys::parse(std::string_view bytes) {
  bytes::ByteReader r(bytes);
  if (r.str() != kMagic || !r.ok()) return std::nullopt;
  LocalGraphKeys out;
  out.build_ = r.u64();
  const uint64_t n = r.var();
  if (!r.ok() || n > bytes.size()) return std::nullopt;
  out.urls_.resize(n);
  out.own_.resize(n);
  out.keys_.resize(n);
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    out.urls_[i] = r.str();
    out.own_[i] = r.u64();
    out.keys_[i] = r.u64();
  }
  if (!r.ok() || !r.done()) return std::nullopt;
  return out;
}

}  // namespace kb::site
