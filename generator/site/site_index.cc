#include "site/site_index.h"

#include <unordered_map>

#include <tbb/enumerable_thread_specific.h>

#include "search/index_update.h"

namespace kb::site {
namespace fs = std::filesystem;

struct SiteIndex::Impl {
  search::Synonyms synonyms;
  tbb::enumerable_thread_specific<search::DocumentBuilder> builders;
  struct Added {
    std::string bytes;  // the entry, serialized
    search::DocumentBuilder::Terms terms;
    search::DocumentBuilder* builder = nullptr;
    search::DocCard card;
    bool set = false;
  };
  std::vector<Added> pages;
  search::BrowserIndex postings;

  explicit Impl(const search::Synonyms& s) : synonyms(s), builders([this] { return search::DocumentBuilder(&synonyms); }) {}
};

SiteIndex::SiteIndex(const search::Synonyms& synonyms, size_t pages) : impl_(std::make_unique<Impl>(synonyms)) {
  impl_->pages.resize(pages);
}
SiteIndex::~SiteIndex() = default;

void SiteIndex::add(size_t page, const search::IndexEntry& entry) {
  Impl::Added& a = impl_->pages[page];
  search::DocumentBuilder& builder = impl_->builders.local();
  a.bytes = search::serialize_entry(entry);
  a.terms = builder.terms(entry);
  a.builder = &builder;
  a.card = search::card_of(entry);
  a.set = true;
}

search::BrowserIndex& SiteIndex::postings() { return impl_->postings; }

namespace {

// A site's database that holds the previous pages is brought up to the new
// ones in place: the old entries of the pages that changed or went, and the
// new ones (search/site_search.h). A database not updated is rebuilt when
// next needed, so nothing here is an error.
void update_database_in_place(const fs::path& dir, const PreviousSearch& previous, const search::Synonyms& synonyms,
                              const std::vector<std::string>& ids, const std::vector<const std::string*>& fresh) {
  std::error_code ec;
  if (!fs::exists(dir / "db", ec)) return;
  std::unordered_map<std::string_view, const search::PageRecord*> before;
  for (const auto& p : previous.pages.pages) before.emplace(p.id, &p);
  std::unordered_map<std::string_view, size_t> now;
  for (size_t i = 0; i < ids.size(); ++i) now.emplace(ids[i], i);
  std::vector<std::optional<search::IndexEntry>> olds, news;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (!fresh[i]) continue;
    auto it = before.find(ids[i]);
    olds.push_back(it == before.end() ? std::nullopt : search::read_entry(dir, *it->second));
    search::IndexEntry e;
    if ((it != before.end() && !olds.back()) || !search::parse_entry(*fresh[i], e)) return;
    news.push_back(std::move(e));
  }
  for (const auto& p : previous.pages.pages) {
    if (now.count(p.id)) continue;
    olds.push_back(search::read_entry(dir, p));
    news.push_back(std::nullopt);
    if (!olds.back()) return;
  }
  std::vector<search::EntryChange> changes;
  for (size_t c = 0; c < olds.size(); ++c)
    changes.push_back({olds[c] ? &*olds[c] : nullptr, news[c] ? &*news[c] : nullptr});
  std::string ignored;
  search::update_database(dir, previous.pages, search::next_pages(previous.pages, synonyms, ids, fresh), changes,
                          ignored);
}

}  // namespace

bool SiteIndex::finish(const fs::path& dir, const std::vector<std::string>& ids, std::optional<PreviousSearch> previous,
                       search::BrowserIndex::Export& out, std::string& error) {
  Impl& m = *impl_;
  const size_t n = ids.size();
  std::unordered_map<std::string_view, const search::PageRecord*> before;
  if (previous) {
    m.postings = std::move(previous->postings);
    for (const auto& p : previous->pages.pages) before.emplace(p.id, &p);
  }
  m.postings.reorder(ids);
  std::unordered_map<const search::DocumentBuilder*, std::vector<uint32_t>> tables;
  for (auto& b : m.builders) m.postings.intern(b, tables[&b]);

  // Pages whose entry changed (or every page, in a full build).
  std::vector<const std::string*> fresh(n, nullptr);
  for (size_t i = 0; i < n; ++i) {
    Impl::Added& a = m.pages[i];
    if (!a.set) continue;
    if (previous) {
      auto it = before.find(ids[i]);
      if (it != before.end() && it->second->size == a.bytes.size() && it->second->hash == search::entry_hash(a.bytes))
        continue;
    }
    m.postings.set(static_cast<uint32_t>(i + 1), ids[i], a.terms, tables[a.builder], std::move(a.card));
    fresh[i] = &a.bytes;
  }

  if (previous) {
    update_database_in_place(dir, *previous, m.synonyms, ids, fresh);
    search::PageList written;
    if (!search::append_pages(dir, previous->pages, m.synonyms, ids, fresh, written, error)) return false;
  } else {
    std::vector<std::string> entries(n);
    for (size_t i = 0; i < n; ++i) entries[i] = std::move(m.pages[i].bytes);
    if (!search::write_pages(dir, m.synonyms, ids, entries, error)) return false;
  }
  out = m.postings.export_files(m.synonyms);
  return true;
}

}  // namespace kb::site
