#include "site/site_code.h"

#include "math/katex_renderer.h"

namespace kb::site {

struct SiteCode::Impl {
  const Corpus* corpus = nullptr;
  std::vector<size_t> first;  // page -> index in the batch of its first block
  size_t blocks = 0;
  std::future<code::HighlightBatch> pending;
  code::HighlightBatch batch;
};

SiteCode::SiteCode() : impl_(std::make_unique<Impl>()) {}
SiteCode::SiteCode(SiteCode&&) noexcept = default;
SiteCode::~SiteCode() {
  if (impl_ && impl_->pending.valid()) impl_->pending.wait();
}

SiteCode SiteCode::start(const Corpus& corpus) {
  SiteCode c;
  Impl& impl = *c.impl_;
  impl.corpus = &corpus;
  std::vector<code::CodeRequest> requests;
  for (const Page& p : corpus.pages) {
    impl.first.push_back(requests.size());
    for (const auto& b : p.code_blocks) requests.push_back({b.language, b.source});
  }
  impl.blocks = requests.size();
  if (requests.empty()) return c;
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
  if (!impl.pending.valid()) return;
  impl.batch = impl.pending.get();
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
