#include "site/site_cache.h"

#include <fcntl.h>
#include <stdio.h>

#include <unordered_map>

#include "search/index_update.h"
#include "search/schema.h"
#include "site/build_keys.h"

namespace kb::site {
namespace fs = std::filesystem;

IncrementalPlan plan_build(const BuildCache* cache, const Config& config, bool search, const Corpus& corpus,
                           const LinkGraph& graph, const EmbedEdges& embeds, const render::SiteModel& model,
                           const render::NavOptions& nav) {
  IncrementalPlan plan;
  const size_t n = corpus.pages.size();
  plan.build = build_key(config, corpus.convention.describe() + (search ? "|search" : "|no search"));
  plan.kept.assign(n, nullptr);
  plan.to_render = n;
  if (!cache) return plan;
  plan.previous = cache->load(config.output_dir);
  std::error_code ec;
  if (plan.previous && (plan.previous->build != plan.build || plan.previous->search != search ||
                        (search && !fs::exists(config.output_dir / search::kIndexDir, ec))))
    plan.previous.reset();
  const uint64_t shape = shape_key(corpus, model), matrices = matrices_key(config, corpus, model);
  plan.keys = note_page_keys(plan.build, shape, matrices, corpus, graph, embeds, model, nav);
  plan.listing = listing_key(plan.build, shape, matrices, corpus, model);
  for (size_t i = 0; i < n; ++i)
    if (corpus.pages[i].is_index) plan.keys[i] = KeyHasher().add(plan.keys[i]).add(plan.listing).value();
  if (!plan.previous) return plan;
  // A page is kept when it, and everything it shows, is as it was.
  std::unordered_map<std::string_view, const CachedPage*> before;
  for (const auto& p : plan.previous->pages) before.emplace(p.source, &p);
  for (size_t i = 0; i < n; ++i) {
    auto it = before.find(corpus.pages[i].source);
    if (it == before.end() || it->second->url != corpus.pages[i].url || it->second->key != plan.keys[i]) continue;
    plan.kept[i] = it->second;
    --plan.to_render;
  }
  // Most of the site changed (the theme, a folder renamed): a full build
  // costs no more and holds less in memory.
  if (plan.to_render * 2 > n) {
    plan.previous.reset();
    plan.kept.assign(n, nullptr);
  }
  return plan;
}

bool update_site_index(const fs::path& dir, const search::Synonyms& synonyms, const Corpus& corpus,
                       const BuildManifest& previous, const std::vector<const CachedPage*>& kept,
                       const std::vector<std::optional<search::IndexEntry>>& entries,
                       const std::vector<std::string>& entry_bytes, const BuildCache& cache, std::string& error) {
  const size_t n = corpus.pages.size();
  bool same_pages = previous.pages.size() == n;
  for (size_t i = 0; same_pages && i < n; ++i) same_pages = previous.pages[i].source == corpus.pages[i].source;

  auto old_entry = [&](const CachedPage& p) -> std::optional<search::IndexEntry> {
    auto bytes = cache.read_entry(p);
    search::IndexEntry e;
    if (!bytes || content_hash(*bytes) != p.entry || !search::parse_entry(*bytes, e)) return std::nullopt;
    return e;
  };

  if (same_pages) {
    std::vector<search::IndexEntry> olds;
    olds.reserve(n);
    std::vector<search::EntryChange> changes;
    bool complete = true;
    for (size_t i = 0; i < n && complete; ++i) {
      if (kept[i] || !entries[i]) continue;
      const CachedPage& was = previous.pages[i];
      if (was.entry == content_hash(entry_bytes[i])) continue;
      auto e = old_entry(was);
      if (!e) { complete = false; break; }
      olds.push_back(std::move(*e));
      changes.push_back({static_cast<Xapian::docid>(i + 1), nullptr, &*entries[i]});
    }
    if (complete) {
      if (changes.empty()) return false;
      for (size_t c = 0; c < changes.size(); ++c) changes[c].before = &olds[c];
      return search::update_index(dir, synonyms, changes, error);
    }
  }

  // Written anew beside the site (never inside it, where a build that
  // stopped midway would leave it to be published), then swapped in.
  fs::path fresh = dir.parent_path();
  fresh += ".kb-index-new";
  auto writer = search::IndexWriter::create(fresh, synonyms, error, n);
  if (!writer) return false;
  for (size_t i = 0; i < n; ++i) {
    if (entries[i]) {
      writer->add(*entries[i], static_cast<Xapian::docid>(i + 1));
      continue;
    }
    std::optional<search::IndexEntry> e = kept[i] ? old_entry(*kept[i]) : std::nullopt;
    if (!e) {
      error = "search index: the build cache lost the entry of " + corpus.pages[i].source + "; run kb build --no-cache";
      return false;
    }
    writer->add(*e, static_cast<Xapian::docid>(i + 1));
  }
  if (!writer->finish(error)) return false;
  std::error_code ec;
  if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) != 0) {
    fs::remove_all(dir, ec);
    fs::rename(fresh, dir, ec);
    if (ec) {
      error = "search index: cannot move the new database into place: " + ec.message();
      return false;
    }
  }
  fs::remove_all(fresh, ec);  // the old one, after the exchange
  return true;
}

void save_cache(BuildCache& cache, uint64_t build, uint64_t listing, bool search, const Corpus& corpus,
                const std::vector<uint64_t>& keys, const std::vector<const CachedPage*>& kept,
                const std::vector<std::string>& entry_bytes, const SiteWriter& writer, const fs::path& output) {
  BuildManifest m;
  m.build = build;
  m.search = search;
  m.listing = listing;
  const size_t n = corpus.pages.size();
  std::vector<const std::string*> fresh;
  std::vector<size_t> fresh_pages;
  for (size_t i = 0; i < n; ++i)
    if (!kept[i] && i < entry_bytes.size()) {
      fresh.push_back(&entry_bytes[i]);
      fresh_pages.push_back(i);
    }
  std::vector<std::pair<uint64_t, uint64_t>> places;
  if (search && !cache.append_entries(fresh, !writer.incremental(), places)) return;  // no manifest: full next time
  m.pages.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const Page& p = corpus.pages[i];
    CachedPage& c = m.pages[i];
    c.source = p.source;
    c.url = p.url;
    c.key = i >= keys.size() ? 0 : keys[i];
    if (kept[i]) {
      c.entry = kept[i]->entry;
      c.entry_at = kept[i]->entry_at;
      c.entry_size = kept[i]->entry_size;
    }
  }
  for (size_t k = 0; k < fresh_pages.size() && search; ++k) {
    CachedPage& c = m.pages[fresh_pages[k]];
    c.entry = content_hash(*fresh[k]);
    c.entry_at = places[k].first;
    c.entry_size = places[k].second;
  }
  m.outputs = writer.outputs();
  cache.save(m, output);
}

}  // namespace kb::site
