#include "site/search_location.h"
#include "site/site_cache.h"


#include "core/by_position.h"
#include "core/file.h"
#include "core/file_memo.h"
#include "search/site_search.h"
#include "search/schema.h"
#include "site/build_keys.h"

namespace kb::site {
namespace fs = std::filesystem;
namespace {

// A long-lived process (kb serve --watch) keeps the postings it last saved
// (core/file_memo.h): while the file is as it was written, or they are not
// written yet, the next build takes them back instead of parsing ~1 KB per
// note again.
file::FileMemo<search::BrowserIndex>& held_postings() {
  // Never destroyed: a process that exits has no use for freeing it.
  static auto* memo = new file::FileMemo<search::BrowserIndex>();
  return *memo;
}

// The postings as the last build left them: the whole file, then what the
// builds since wrote in the journal.
std::optional<search::BrowserIndex> read_postings(const BuildCache& cache) {
  auto bytes = cache.read_postings();
  auto journal = cache.read_postings_journal();
  if (!bytes || !journal) return std::nullopt;
  auto postings = search::BrowserIndex::parse(*bytes);
  for (const auto& frame : *journal)
    if (postings && !postings->apply_journal(frame)) postings.reset();
  return postings;
}

// A build's postings in the journal, when they can go there and it is still
// small beside the whole file (an eighth of it, some 300 one-note edits on
// 10,000 notes: replaying it stays cheap beside parsing the whole).
bool journal_postings(BuildCache& cache, const search::BrowserIndex& postings) {
  auto frame = postings.journal();
  if (!frame) return false;
  std::error_code ec;
  const uint64_t whole = fs::file_size(cache.postings_file(), ec);
  if (ec || (cache.postings_journal_size() + frame->size()) * 8 > whole) return false;
  return cache.append_postings_journal(*frame);
}

std::optional<search::BrowserIndex> take_postings(const BuildCache& cache) {
  bool pending = false;
  if (auto postings = held_postings().take(cache.postings_file(), &pending)) {
    // Now in this build only: should it fail, the next may not trust a held
    // manifest, whose postings the disk does not have.
    if (pending) cache.drop_held();
    // Remembered as written whole, they are still what the disk has unless
    // another build journaled since.
    if (pending || cache.postings_journal_size() == 0) return postings;
  }
  return read_postings(cache);
}

}  // namespace

PostingsAhead read_postings_ahead(const BuildCache& cache) {
  return std::async(std::launch::async, [&cache] { return read_postings(cache); });
}

IncrementalPlan plan_build(const BuildCache* cache, const Config& config, bool search, const Corpus& corpus,
                           const LinkGraph& graph, const EmbedEdges& embeds, const render::SiteModel& model,
                           const render::NavOptions& nav, std::optional<KeyPatch> patch, PostingsAhead* ahead) {
  IncrementalPlan plan;
  const size_t n = corpus.pages.size();
  // A full build: nothing kept from before.
  auto full = [&] {
    plan.previous.reset();
    plan.kept.assign(n, nullptr);
    plan.to_render = n;
  };
  full();
  if (!cache) return plan;
  plan.memo = patch ? update_keys(std::move(patch->held), patch->edited, patch->before, config, search, corpus, graph,
                                  embeds, model, nav)
                    : compute_keys(config, search, corpus, graph, embeds, model, nav);
  plan.build = plan.memo.build;
  plan.previous = cache->load(config.output_dir);
  std::error_code ec;
  if (plan.previous && (plan.previous->build != plan.build || plan.previous->search != search ||
                        (search && !index_problem(config.output_dir).empty())))
    plan.previous.reset();
  plan.keys = plan.memo.pages;
  const KeyMemo& m = plan.memo;
  plan.lists.emplace(m.build, m.shape, m.matrices, m.listing, corpus, model, nav);
  for (size_t i = 0; i < n; ++i)
    if (corpus.pages[i].is_index) plan.keys[i] = KeyHasher().add(plan.keys[i]).add(plan.lists->index_page(i)).value();
  if (!plan.previous) return plan;
  // A page is kept when it, and everything it shows, is as it was.
  // The manifest lists the pages in the order of the build that wrote it:
  // the same order, but after a note was added or removed.
  ByPosition<CachedPage, &CachedPage::source> was(plan.previous->pages);
  for (size_t i = 0; i < n; ++i) {
    const CachedPage* c = was.find(i, corpus.pages[i].source);
    if (!c || c->url != corpus.pages[i].url || c->key != plan.keys[i]) continue;
    plan.kept[i] = c;
    --plan.to_render;
  }
  // Most of the site changed (the theme, a folder renamed): a full build
  // costs no more and holds less in memory.
  if (plan.to_render * 2 > n) {
    full();
    return plan;
  }
  if (search) {
    // The postings and page list the next search files are patched from.
    auto postings = ahead && ahead->valid() ? ahead->get() : take_postings(*cache);
    auto pages = search::read_pages(search_index_dir(config.output_dir));
    if (!postings || !pages) {
      full();
      return plan;
    }
    plan.search = PreviousSearch{std::move(*postings), std::move(*pages)};
  }
  return plan;
}

void save_cache(BuildCache& cache, uint64_t build, std::map<std::string, uint64_t> lists, bool search, const Corpus& corpus,
                const std::vector<uint64_t>& keys, search::BrowserIndex* postings, const SiteWriter& writer,
                const fs::path& output, bool defer) {
  BuildManifest m;
  m.build = build;
  m.search = search;
  m.lists = std::move(lists);
  const size_t n = corpus.pages.size();
  m.pages.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const Page& p = corpus.pages[i];
    m.pages[i] = {p.source, p.url, i >= keys.size() ? 0 : keys[i]};
  }
  m.outputs = writer.outputs();
  if (search && !postings) return;  // no manifest: full next time
  if (defer) {
    cache.hold(std::move(m), output);
    if (search) {
      postings->keep_term_pages();  // here, after the pages were told, not on the next edit's way
      held_postings().hold(cache.postings_file(), std::move(*postings));
    }
    return;
  }
  const bool journaled = search && journal_postings(cache, *postings);
  if (search && !journaled && !cache.write_postings(postings->serialize())) return;
  if (!cache.save(std::move(m), output) || !search) return;
  if (journaled) held_postings().forget(cache.postings_file());  // the disk has them as whole + journal
  else if (auto id = file::identify(cache.postings_file()))
    held_postings().remember(cache.postings_file(), *id, std::move(*postings));
}

bool flush_cache(const Config& config) {
  std::unique_ptr<BuildCache> cache = BuildCache::open(config);
  if (!cache) return false;
  // The postings first: a manifest on disk promises them.
  return held_postings().write_pending(cache->postings_file(),
                                       [&](const search::BrowserIndex& p) { return cache->write_postings(p.serialize()); }) &&
         cache->flush();
}

}  // namespace kb::site
