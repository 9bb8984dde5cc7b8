#include "site/site_code.h"

#include "math/katex_renderer.h"

namespace kb::site {

struct SiteCode::Impl {
  const Corpus* corpus = nullptr;
  std::vector<size_t> first;  // page -> index in the batch of its first block
  size_t blocks = 0;
  std::future<code::HighlightBatch> pending;
  code::HighlightBatch batch;
  // Reusing a last build's: its results and where each page's began, and
  // the pages highlighted again (the pending batch holds theirs, in order).
  std::unique_ptr<Impl> previous;
  std::vector<char> again;
};

SiteCode::SiteCode() : impl_(std::make_unique<Impl>()) {}
SiteCode::SiteCode(SiteCode&&) noexcept = default;
SiteCode::~SiteCode() {
  if (impl_ && impl_->pending.valid()) impl_->pending.wait();
}

SiteCode SiteCode::start(const Corpus& corpus, SiteCode* previous, const std::vector<size_t>& edited) {
  SiteCode c;
  Impl& impl = *c.impl_;
  impl.corpus = &corpus;
  const size_t n = corpus.pages.size();
  if (previous && previous->impl_ && previous->impl_->batch.highlighted && previous->impl_->first.size() == n) {
    impl.previous = std::move(previous->impl_);
    impl.again.assign(n, 0);
    for (size_t i : edited)
      if (i < n) impl.again[i] = 1;
  }
  std::vector<code::CodeRequest> requests;
  impl.first.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const Page& p = corpus.pages[i];
    impl.first.push_back(impl.blocks);
    impl.blocks += p.code_blocks.size();
    if (impl.previous && !impl.again[i]) continue;
    for (const auto& b : p.code_blocks) requests.push_back({b.language, b.source});
  }
  if (impl.blocks == 0) {
    impl.previous.reset();
    return c;
  }
  if (requests.empty()) return c;  // no block of an edited page: finish() takes the last build's
  code::HighlightOptions options;
  options.node = math::default_node();
  options.cache_dir = math::default_cache_dir();
  impl.pending = std::async(std::launch::async, [requests = std::move(requests), options] {
    return code::highlight_code(requests, options);
  });
  return c;
}

void SiteCode::finish(Diagnostics& diags) {
  Impl& impl = *impl_;
  if (impl.pending.valid()) impl.batch = impl.pending.get();
  else if (impl.previous) impl.batch.highlighted = true;  // no block of an edited page: nothing to run
  else return;
  if (impl.previous && impl.batch.highlighted) {
    // Every page's results where they now begin: the last build's, moved,
    // but for the pages highlighted again.
    std::vector<code::HighlightedCode> fresh = std::move(impl.batch.results), all(impl.blocks);
    size_t next = 0;
    Impl& was = *impl.previous;
    for (size_t i = 0; i < impl.first.size(); ++i) {
      const size_t count = impl.corpus->pages[i].code_blocks.size();
      for (size_t k = 0; k < count; ++k)
        all[impl.first[i] + k] = impl.again[i] ? std::move(fresh[next++]) : std::move(was.batch.results[was.first[i] + k]);
    }
    impl.batch.results = std::move(all);
  }
  impl.previous.reset();
  if (!impl.batch.highlighted)
    diags.warning("", 0, 0, "code: cannot highlight at build time: " + impl.batch.problem + "; code is shown plain");
}

markdown::CodeRenderer SiteCode::renderer(size_t page) const {
  const Impl& impl = *impl_;
  if (!impl.batch.highlighted || page >= impl.first.size() || impl.corpus->pages[page].code_blocks.empty())
    return nullptr;
  const size_t first = impl.first[page];
  const size_t count = impl.corpus->pages[page].code_blocks.size();
  const code::HighlightBatch* batch = &impl.batch;
  const std::vector<markdown::CodeBlock>* listed = &impl.corpus->pages[page].code_blocks;
  return [batch, first, count, listed](const markdown::CodeBlock& block, size_t k) -> std::string {
    // Matched by position, as the page listed them when loaded; a block that
    // is not the one highlighted (a different parse) is shown plain.
    if (k >= count || (*listed)[k].source != block.source || (*listed)[k].language != block.language)
      return std::string();
    const code::HighlightedCode& r = batch->results[first + k];
    return r.plain ? std::string() : r.html;
  };
}

const code::HighlightBatch& SiteCode::batch() const { return impl_->batch; }
size_t SiteCode::blocks() const { return impl_->blocks; }

}  // namespace kb::site
