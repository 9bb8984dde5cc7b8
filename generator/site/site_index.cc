#include "site/site_index.h"

#include <cstdlib>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include "core/by_position.h"
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

// A page's record in the last page list: at its place, else by name.
using RecordFinder = ByPosition<search::PageRecord, &search::PageRecord::id>;

// What the site's Xapian database must change to hold the new pages: the old
// and new entries of the pages whose entry changed or that went. The old
// ones are read from pages.bin now, before the new page list replaces them.
// Empty (nothing to update: the database is rebuilt when next needed) when
// there is no database, or an entry cannot be read.
struct DatabaseChanges {
  std::vector<std::optional<search::IndexEntry>> olds, news;
};

std::optional<DatabaseChanges> database_changes(const fs::path& dir, const PreviousSearch& previous,
                                                const std::vector<std::string>& ids,
                                                const std::vector<const std::string*>& fresh) {
  std::error_code ec;
  if (!fs::exists(dir / "db", ec)) return std::nullopt;
  RecordFinder before(previous.pages.pages);
  DatabaseChanges c;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (!fresh[i]) continue;
    const search::PageRecord* was = before.find(i, ids[i]);
    c.olds.push_back(was ? search::read_entry(dir, *was) : std::nullopt);
    search::IndexEntry e;
    if ((was && !c.olds.back()) || !search::parse_entry(*fresh[i], e)) return std::nullopt;
    c.news.push_back(std::move(e));
  }
  if (!before.same_order(ids)) {
    std::unordered_set<std::string_view> now(ids.begin(), ids.end());
    for (const auto& p : previous.pages.pages) {
      if (now.count(p.id)) continue;
      c.olds.push_back(search::read_entry(dir, p));
      c.news.push_back(std::nullopt);
      if (!c.olds.back()) return std::nullopt;
    }
  }
  return c;
}

// Brings the database that holds `before` up to `after` (search/
// site_search.h update_database()); a database not updated is rebuilt when
// next needed, so nothing here is an error.
void update_database(const fs::path& dir, const DatabaseChanges& c, const search::PageList& before,
                     const search::PageList& after) {
  std::vector<search::EntryChange> changes;
  for (size_t k = 0; k < c.olds.size(); ++k)
    changes.push_back({c.olds[k] ? &*c.olds[k] : nullptr, c.news[k] ? &*c.news[k] : nullptr});
  std::string ignored;
  search::update_database(dir, before, after, changes, ignored);
}

}  // namespace

bool SiteIndex::finish(const fs::path& dir, const std::vector<std::string>& ids, std::optional<PreviousSearch> previous,
                       search::BrowserIndex::Export& out, std::string& error, std::function<void()>* database) {
  Impl& m = *impl_;
  const size_t n = ids.size();
  std::optional<RecordFinder> before;
  if (previous) {
    m.postings = std::move(previous->postings);
    before.emplace(previous->pages.pages);
  }
  m.postings.reorder(ids);
  // KB_POSITIONS_PAGES: a test's hook, to give a small site several ranges
  // of positions files (static_export.h).
  if (const char* per = std::getenv("KB_POSITIONS_PAGES"); per && std::atoi(per) > 0)
    m.postings.set_positions_pages(static_cast<uint32_t>(std::atoi(per)));
  else
    m.postings.set_positions_pages(search::kPagesPerPositionsFile);
  std::unordered_map<const search::DocumentBuilder*, std::vector<uint32_t>> tables;
  for (auto& b : m.builders) m.postings.intern(b, tables[&b]);

  // Pages whose entry changed (or every page, in a full build); their terms
  // in the postings' ids on every thread, then given to the postings in order.
  std::vector<const std::string*> fresh(n, nullptr);
  for (size_t i = 0; i < n; ++i) {
    Impl::Added& a = m.pages[i];
    if (!a.set) continue;
    if (before) {
      const search::PageRecord* was = before->find(i, ids[i]);
      if (was && was->size == a.bytes.size() && was->hash == search::entry_hash(a.bytes)) continue;
    }
    fresh[i] = &a.bytes;
  }
  std::vector<search::BrowserIndex::Kept> kept(n);
  tbb::parallel_for(size_t(0), n, [&](size_t i) {
    if (!fresh[i]) return;
    kept[i] = m.postings.kept_terms(m.pages[i].terms, tables.at(m.pages[i].builder));
    // Copied into `kept`: a page's positions are not held twice.
    std::string().swap(m.pages[i].terms.positions);
  });
  for (size_t i = 0; i < n; ++i)
    if (fresh[i])
      m.postings.set(static_cast<uint32_t>(i + 1), ids[i], std::move(kept[i]), m.pages[i].terms.length,
                     std::move(m.pages[i].card));

  if (previous) {
    std::optional<DatabaseChanges> changes = database_changes(dir, *previous, ids, fresh);
    search::PageList written;
    if (!search::append_pages(dir, previous->pages, m.synonyms, ids, fresh, written, error)) return false;
    if (changes) {
      std::function<void()> update = [dir, c = std::move(*changes), was = std::move(previous->pages),
                                       now = std::move(written)] { update_database(dir, c, was, now); };
      if (database) *database = std::move(update);
      else update();
    }
  } else {
    std::vector<std::string> entries(n);
    for (size_t i = 0; i < n; ++i) entries[i] = std::move(m.pages[i].bytes);
    if (!search::write_pages(dir, m.synonyms, ids, entries, error)) return false;
  }
  out = m.postings.export_files(m.synonyms);
  return true;
}

}  // namespace kb::site
