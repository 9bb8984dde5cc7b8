#include "site/site_index.h"

#include <mutex>
#include <unordered_map>

#include <tbb/enumerable_thread_specific.h>

#include "search/index_update.h"

namespace kb::site {
namespace fs = std::filesystem;

struct SiteIndex::Impl {
  search::Synonyms synonyms;
  std::vector<std::string> ids;
  std::optional<PreviousSearch> previous;
  std::unordered_map<std::string_view, const search::PageRecord*> before;  // previous pages by id
  tbb::enumerable_thread_specific<search::DocumentBuilder> builders;
  std::vector<std::string> bytes;  // each page's entry, serialized, when it changed
  std::vector<char> fresh;         // per page: its entry changed (or is new)
  std::mutex mutex;                // guards postings and tables
  search::BrowserIndex postings;
  std::unordered_map<const search::DocumentBuilder*, std::vector<uint32_t>> tables;

  explicit Impl(const search::Synonyms& s) : synonyms(s), builders([this] { return search::DocumentBuilder(&synonyms); }) {}
};

SiteIndex::SiteIndex(const search::Synonyms& synonyms, std::vector<std::string> ids,
                     std::optional<PreviousSearch> previous)
    : impl_(std::make_unique<Impl>(synonyms)) {
  Impl& m = *impl_;
  m.ids = std::move(ids);
  m.previous = std::move(previous);
  if (m.previous) {
    m.postings = std::move(m.previous->postings);
    for (const auto& p : m.previous->pages.pages) m.before.emplace(p.id, &p);
  }
  m.postings.reorder(m.ids);
  m.bytes.resize(m.ids.size());
  m.fresh.assign(m.ids.size(), 0);
}
SiteIndex::~SiteIndex() = default;

void SiteIndex::add(size_t page, const search::IndexEntry& entry) {
  Impl& m = *impl_;
  std::string bytes = search::serialize_entry(entry);
  if (m.previous) {
    auto it = m.before.find(m.ids[page]);
    if (it != m.before.end() && it->second->size == bytes.size() &&
        it->second->hash == std::hash<std::string_view>{}(bytes))
      return;  // as before: nothing changes
  }
  search::DocumentBuilder& builder = m.builders.local();
  search::DocumentBuilder::Terms terms = builder.terms(entry);
  {
    std::lock_guard<std::mutex> lock(m.mutex);
    std::vector<uint32_t>& table = m.tables[&builder];
    m.postings.intern(builder, table);
    m.postings.set(static_cast<uint32_t>(page + 1), m.ids[page], terms, table, search::card_of(entry));
  }
  m.bytes[page] = std::move(bytes);
  m.fresh[page] = 1;
}

search::BrowserIndex& SiteIndex::postings() { return impl_->postings; }

bool SiteIndex::finish(const fs::path& dir, search::BrowserIndex::Export& out, std::string& error) {
  Impl& m = *impl_;
  const size_t n = m.ids.size();
  const std::vector<std::string>& ids = m.ids;
  std::optional<PreviousSearch>& previous = m.previous;
  auto& before = m.before;
  std::vector<const std::string*> fresh(n, nullptr);
  for (size_t i = 0; i < n; ++i)
    if (m.fresh[i]) fresh[i] = &m.bytes[i];

  if (!previous) {
    if (!search::write_pages(dir, m.synonyms, ids, m.bytes, error)) return false;
  } else {
    // The database, when it holds the previous pages: the old entries of the
    // pages that changed or went, and the new ones.
    std::error_code ec;
    if (fs::exists(dir / "db", ec)) {
      std::vector<std::optional<search::IndexEntry>> olds, news;
      std::unordered_map<std::string_view, size_t> now;
      for (size_t i = 0; i < n; ++i) now.emplace(ids[i], i);
      bool complete = true;
      for (size_t i = 0; i < n && complete; ++i) {
        if (!fresh[i]) continue;
        auto it = before.find(ids[i]);
        olds.push_back(it == before.end() ? std::nullopt : search::read_entry(dir, *it->second));
        if (it != before.end() && !olds.back()) complete = false;
        search::IndexEntry e;
        if (!search::parse_entry(*fresh[i], e)) complete = false;
        news.push_back(std::move(e));
      }
      for (const auto& p : previous->pages.pages) {
        if (!complete || now.count(p.id)) continue;
        olds.push_back(search::read_entry(dir, p));
        news.push_back(std::nullopt);
        if (!olds.back()) complete = false;
      }
      if (complete) {
        std::vector<search::EntryChange> changes;
        for (size_t c = 0; c < olds.size(); ++c)
          changes.push_back({olds[c] ? &*olds[c] : nullptr, news[c] ? &*news[c] : nullptr});
        search::PageList next = search::next_pages(previous->pages, m.synonyms, ids, fresh);
        std::string ignored;  // a database not updated is rebuilt when next needed
        if (search::pages_stamp(next) != search::pages_stamp(previous->pages))
          search::update_database(dir, previous->pages, next, changes, ignored);
      }
    }
    search::PageList written;
    if (!search::append_pages(dir, previous->pages, m.synonyms, ids, fresh, written, error)) return false;
  }
  out = m.postings.export_files(m.synonyms);
  return true;
}

}  // namespace kb::site
