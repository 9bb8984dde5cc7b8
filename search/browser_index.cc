#include "search/browser_index.h"

#include <algorithm>

#include <nlohmann/json.hpp>
#include <tbb/parallel_for.h>
#include <xapian.h>

#include "core/bytes.h"
#include "search/schema.h"
#include "search/searcher.h"
#include "search/tokenizer.h"

namespace kb::search {
namespace {

constexpr double kK1 = kBm25K1, kK2 = kBm25K2, kK3 = kBm25K3, kB = kBm25B, kMinNormlen = kBm25MinNormlen;  // search/schema.h
constexpr char kMagic[] = "kb-browser-index-4";

// The next term's positions in a page's positions string (Kept's), from
// `at`, which moves past them. Empty, and `at` at the end, when the string
// holds no more: parse() and apply_journal() check those they read.
std::string_view next_positions(std::string_view s, size_t& at) {
  const size_t begin = at;
  uint64_t count = 0;
  if (!read_varint(s, at, count) || !skip_varints(s, at, count)) {
    at = s.size();
    return {};
  }
  return s.substr(begin, at - begin);
}

// Whether `s` is the positions of `terms` posting terms, and nothing more.
bool positions_fit(std::string_view s, size_t terms) {
  size_t at = 0;
  uint64_t count = 0;
  for (size_t i = 0; i < terms; ++i)
    if (!read_varint(s, at, count) || count > s.size() || !skip_varints(s, at, count)) return false;
  return at == s.size();
}

std::string script(const std::string& name, const nlohmann::json& data) {
  return "kbSearchData(" + nlohmann::json(name).dump() + "," +
         data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + ");\n";
}

}  // namespace

DocCard card_of(const IndexEntry& e) { return {e.title, e.url, e.breadcrumb, e.summary}; }

uint32_t BrowserIndex::term_id(const std::string& name) {
  auto it = term_ids_.find(name);
  if (it != term_ids_.end()) return it->second;
  Term t;
  t.name = name;
  // What the browser searches (static_export.h): stems, words without one
  // (numbers), synonym groups and exact titles have postings; a word with a
  // stem is listed with it; title-field, tag, domain, kind and id terms are
  // not sent.
  unsigned char c0 = name.empty() ? 0 : static_cast<unsigned char>(name[0]);
  bool upper = c0 >= 'A' && c0 <= 'Z';
  bool stem_term = name.size() > 1 && name[0] == 'Z' && !(name[1] >= 'A' && name[1] <= 'Z');
  bool synonym = name.rfind(kPrefixSynonym, 0) == 0;
  bool exact = name.rfind(kPrefixExactTitle, 0) == 0;
  if (name.empty() || (upper && !stem_term && !synonym && !exact)) t.kind = kSkip;
  else if (!upper && should_stem(name)) t.kind = kWord;
  else t.kind = kPosting;
  t.positional = t.kind == kPosting && !synonym && !exact;
  if (t.kind != kSkip) {
    std::string key = shard_key(name);
    auto [k, fresh] = key_ids_.emplace(key, static_cast<uint32_t>(keys_.size()));
    if (fresh) {
      keys_.push_back(key);
      key_terms_.emplace_back();
      dirty_keys_.push_back(1);
    }
    t.key = k->second;
    key_terms_[t.key].push_back(static_cast<uint32_t>(terms_.size()));
  }
  uint32_t id = static_cast<uint32_t>(terms_.size());
  terms_.push_back(std::move(t));
  term_ids_.emplace(name, id);
  return id;
}

void BrowserIndex::intern(const DocumentBuilder& builder, std::vector<uint32_t>& table) {
  for (size_t i = table.size(); i < builder.term_count(); ++i)
    table.push_back(term_id(builder.term_name(static_cast<uint32_t>(i))));
}

void BrowserIndex::reorder(const std::vector<std::string>& ids) {
  // Most builds add, remove and move no page: nothing to do.
  if (ids.size() == docs_.size() &&
      std::equal(ids.begin(), ids.end(), docs_.begin(), [](const std::string& id, const Doc& d) { return id == d.id; }))
    return;
  std::unordered_map<std::string, size_t> old;
  for (size_t i = 0; i < docs_.size(); ++i) old.emplace(docs_[i].id, i);
  std::vector<Doc> docs(ids.size());
  bool same = ids.size() == docs_.size();
  for (size_t i = 0; i < ids.size(); ++i) {
    auto it = old.find(ids[i]);
    if (it != old.end()) {
      same = same && it->second == i;
      docs[i] = std::move(docs_[it->second]);
      old.erase(it);
    } else {
      same = false;
      docs[i].id = ids[i];
    }
  }
  for (const auto& [id, i] : old)
    for (const auto& [t, wdf] : docs_[i].terms) --terms_[t].df;
  docs_ = std::move(docs);
  if (!same) {
    all_dirty_ = renumbered_ = true;
    inverted_ = false;
    term_docs_.clear();
    positions_known_ = false;
  }
}

void BrowserIndex::invert() {
  term_docs_.assign(terms_.size(), {});
  for (uint32_t t = 0; t < terms_.size(); ++t) term_docs_[t].reserve(terms_[t].df);
  for (uint32_t d = 0; d < docs_.size(); ++d)
    for (const auto& [t, wdf] : docs_[d].terms) term_docs_[t].emplace_back(d, wdf);
  inverted_ = true;
}

void BrowserIndex::set(uint32_t docid, const std::string& id, const DocumentBuilder::Terms& terms,
                       const std::vector<uint32_t>& table, DocCard card) {
  set(docid, id, kept_terms(terms, table), terms.length, std::move(card));
}

BrowserIndex::Kept BrowserIndex::kept_terms(const DocumentBuilder::Terms& terms,
                                            const std::vector<uint32_t>& table) const {
  std::vector<std::pair<uint32_t, uint32_t>> order;  // (term, index in `terms`)
  order.reserve(terms.terms.size());
  for (uint32_t i = 0; i < terms.terms.size(); ++i) {
    uint32_t t = table[terms.terms[i].first];
    if (terms_[t].kind != kSkip) order.emplace_back(t, i);
  }
  std::sort(order.begin(), order.end());
  Kept kept;
  kept.terms.reserve(order.size());
  for (const auto& [t, i] : order) {
    // A word's own wdf is not sent (the browser finds it through its stem).
    kept.terms.emplace_back(t, terms_[t].kind == kWord ? 0 : terms.terms[i].second);
    if (terms_[t].kind != kPosting) continue;
    const uint32_t begin = i == 0 ? 0 : terms.position_end[i - 1];
    kept.positions.append(terms.positions, begin, terms.position_end[i] - begin);
  }
  return kept;
}

namespace {

// A term's pages as term_docs_ keeps them: (page, wdf), by page.
using TermDocs = std::vector<std::pair<uint32_t, uint32_t>>;

TermDocs::iterator find_doc(TermDocs& docs, uint32_t d) {
  return std::lower_bound(docs.begin(), docs.end(), std::make_pair(d, uint32_t(0)));
}

void put_doc(TermDocs& docs, uint32_t d, uint32_t wdf) {
  auto it = find_doc(docs, d);
  if (it != docs.end() && it->first == d) it->second = wdf;
  else docs.insert(it, {d, wdf});
}

void erase_doc(TermDocs& docs, uint32_t d) {
  auto it = find_doc(docs, d);
  if (it != docs.end() && it->first == d) docs.erase(it);
}

}  // namespace

void BrowserIndex::set(uint32_t docid, const std::string& id, Kept kept, uint64_t length, DocCard card) {
  if (docid == 0) return;
  if (docid > docs_.size()) docs_.resize(docid), renumbered_ = true;
  if (parsed_) set_since_parse_.push_back(docid);
  Doc& d = docs_[docid - 1];
  if (inverted_ && term_docs_.size() < terms_.size()) term_docs_.resize(terms_.size());
  // What changed: a term's postings or positions, so its shard.
  const auto& now = kept.terms;
  size_t a = 0, b = 0, pa = 0, pb = 0;  // pa, pb: in the positions, old and new
  auto skip = [&](uint32_t t, const std::string& s, size_t& at) {
    if (terms_[t].kind == kPosting) next_positions(s, at);
  };
  while (a < d.terms.size() || b < now.size()) {
    if (b == now.size() || (a < d.terms.size() && d.terms[a].first < now[b].first)) {
      --terms_[d.terms[a].first].df;
      if (inverted_) erase_doc(term_docs_[d.terms[a].first], docid - 1);
      skip(d.terms[a].first, d.positions, pa);
      mark(d.terms[a++].first, docid);
    } else if (a == d.terms.size() || now[b].first < d.terms[a].first) {
      ++terms_[now[b].first].df;
      if (inverted_) put_doc(term_docs_[now[b].first], docid - 1, now[b].second);
      skip(now[b].first, kept.positions, pb);
      mark(now[b++].first, docid);
    } else {
      bool moved = false;
      if (terms_[now[b].first].kind == kPosting)
        moved = next_positions(d.positions, pa) != next_positions(kept.positions, pb);
      // Words moved (an edit moves every word after it): only the
      // positions file of this page's range changes, not the term's shard.
      if (d.terms[a].second != now[b].second) {
        if (inverted_) put_doc(term_docs_[now[b].first], docid - 1, now[b].second);
        mark(now[b].first, docid);
      } else if (moved) {
        mark_positions(now[b].first, docid);
      }
      ++a, ++b;
    }
  }
  size_t chunk = (docid - 1) / kDocsPerFile;
  if (dirty_chunks_.size() <= chunk) dirty_chunks_.resize(chunk + 1, 1);
  if (d.id != id || !(d.card == card)) dirty_chunks_[chunk] = 1;
  d.id = id;
  d.card = std::move(card);
  d.length = length;
  d.terms = std::move(kept.terms);
  d.positions = std::move(kept.positions);
}

void BrowserIndex::set_positions_pages(uint32_t pages) {
  if (pages == 0 || pages == positions_pages_) return;
  // Every positions file changes, and a journal would replay onto the
  // ranges the cache was written with: a whole export and a whole cache.
  positions_pages_ = pages;
  all_dirty_ = renumbered_ = true;
}

void BrowserIndex::mark_positions(uint32_t term, uint32_t docid) {
  if (terms_[term].positional)
    dirty_positions_.push_back(uint64_t(terms_[term].key) << 32 | ((docid - 1) / positions_pages_));
}

std::string BrowserIndex::positions_url(uint32_t key, uint32_t range) const {
  return std::string(kStaticDir) + "/p/" + keys_[key] + "-" + std::to_string(range) + ".js";
}

void BrowserIndex::export_positions(Export& out) {
  const uint32_t per = positions_pages_;
  const size_t ranges = (docs_.size() + per - 1) / per;
  // Which files exist is not known after parse() or a renumbering: every
  // range is looked at for it (its pages' terms, not their positions).
  const bool look_all = all_dirty_ || !positions_known_;
  std::vector<std::vector<char>> want(ranges);  // [range][key]: write p/<key>-<range>.js
  if (all_dirty_) {
    for (auto& w : want) w.assign(keys_.size(), 1);
  } else {
    for (uint64_t pair : dirty_positions_) {
      const uint32_t k = static_cast<uint32_t>(pair >> 32), r = static_cast<uint32_t>(pair);
      if (r >= ranges) continue;  // (a page past the end: renumbered, so all_dirty_)
      want[r].resize(keys_.size());
      want[r][k] = 1;
    }
  }
  positions_present_.resize(ranges);
  std::vector<uint32_t> todo;
  for (uint32_t r = 0; r < ranges; ++r)
    if (look_all || !want[r].empty()) todo.push_back(r);
  std::vector<std::vector<StaticFile>> files(todo.size());
  tbb::parallel_for(size_t(0), todo.size(), [&](size_t i) {
    const uint32_t r = todo[i];
    const std::vector<char>& wanted = want[r];
    std::vector<char> now(keys_.size(), 0);  // keys with a term on a page of the range
    std::unordered_map<uint32_t, std::vector<std::string_view>> lists;  // wanted term -> positions, by page
    for (size_t d = size_t(r) * per; d < std::min(docs_.size(), size_t(r + 1) * per); ++d) {
      const Doc& doc = docs_[d];
      size_t at = 0;
      for (const auto& [t, wdf] : doc.terms) {
        const Term& term = terms_[t];
        if (term.kind != kPosting) continue;
        std::string_view positions = wanted.empty() ? std::string_view() : next_positions(doc.positions, at);
        if (!term.positional) continue;
        now[term.key] = 1;
        if (!wanted.empty() && wanted[term.key]) lists[t].push_back(positions);
      }
    }
    // A file per wanted key with terms here, its terms by name (as
    // nlohmann::json orders an object's keys, so the bytes do not depend on
    // the order terms were met in).
    std::vector<uint32_t> here;
    here.reserve(lists.size());
    for (const auto& [t, l] : lists) here.push_back(t);
    std::sort(here.begin(), here.end(), [&](uint32_t a, uint32_t b) {
      return terms_[a].key != terms_[b].key ? terms_[a].key < terms_[b].key : terms_[a].name < terms_[b].name;
    });
    for (size_t j = 0; j < here.size();) {
      const uint32_t k = terms_[here[j]].key;
      std::string body;
      for (; j < here.size() && terms_[here[j]].key == k; ++j) {
        body += body.empty() ? "{" : ",";
        body += nlohmann::json(terms_[here[j]].name).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        body += ":\"";
        for (std::string_view one : lists[here[j]]) body += one;  // varints: nothing to escape
        body += '"';
      }
      files[i].push_back({positions_url(k, r),
                          "kbSearchData(\"p:" + keys_[k] + "-" + std::to_string(r) + "\"," + body + "});\n"});
    }
    std::vector<char>& present = positions_present_[r];
    if (look_all) {
      present = std::move(now);
    } else {
      present.resize(keys_.size(), 0);
      for (size_t k = 0; k < wanted.size(); ++k)
        if (wanted[k]) present[k] = now[k];
    }
  });
  for (auto& row : positions_present_) row.resize(keys_.size(), 0);
  for (auto& range : files)
    for (auto& f : range) {
      out.stats.position_bytes += f.content.size();
      out.files.push_back(std::move(f));
    }
  positions_known_ = true;
  dirty_positions_.clear();
}

BrowserIndex::Export BrowserIndex::export_files(const Synonyms& synonyms) {
  Export out;
  // The shards to write, and the terms whose postings they hold.
  std::vector<uint32_t> keys, wanted_terms;
  uint64_t wanted = 0;
  for (uint32_t k = 0; k < keys_.size(); ++k) {
    if (!all_dirty_ && !dirty_keys_[k]) continue;
    keys.push_back(k);
    for (uint32_t t : key_terms_[k])
      if (terms_[t].kind == kPosting && terms_[t].df) wanted_terms.push_back(t), wanted += terms_[t].df;
  }
  if (exports_++ > 0 && !all_dirty_ && !inverted_) invert();
  uint64_t all = 0;  // every page's postings
  for (const Doc& d : docs_) all += d.terms.size();
  // The wanted terms' postings. A few terms: each term's pages as kept
  // (term_docs_). Else one pass over the pages, in docid order, so each list
  // comes sorted.
  std::vector<TermDocs> gathered;
  std::vector<uint32_t> slot(terms_.size(), UINT32_MAX);  // term -> its list in `gathered`
  for (uint32_t i = 0; i < wanted_terms.size(); ++i) slot[wanted_terms[i]] = i;
  const bool by_term = inverted_ && wanted * 16 < all;
  if (!by_term) {
    gathered.resize(wanted_terms.size());
    for (size_t d = 0; d < docs_.size(); ++d)
      for (const auto& [t, wdf] : docs_[d].terms)
        if (slot[t] != UINT32_MAX) gathered[slot[t]].emplace_back(static_cast<uint32_t>(d), wdf);
    out.pages_read = docs_.size();
  }
  auto postings_of = [&](uint32_t t) -> const TermDocs& { return by_term ? term_docs_[t] : gathered[slot[t]]; };

  std::vector<std::string> shard_files(keys.size());
  std::vector<size_t> shard_postings(keys.size()), shard_words(keys.size());
  tbb::parallel_for(size_t(0), keys.size(), [&](size_t i) {
    Xapian::Stem stemmer("english");
    nlohmann::json p = nlohmann::json::object(), w = nlohmann::json::object();
    for (uint32_t t : key_terms_[keys[i]]) {
      const Term& term = terms_[t];
      if (!term.df) continue;
      if (term.kind == kWord) {
        std::string stem = stemmer(term.name);
        nlohmann::json value = stem;
        if (term.name.compare(0, stem.size(), stem) == 0) value = stem.size();
        w[term.name] = std::move(value);
        ++shard_words[i];
        continue;
      }
      std::string list;
      uint32_t prev = 0;
      for (const auto& [d, wdf] : postings_of(t)) {
        append_varint(list, d + 1 - prev);  // docids count from 1
        append_varint(list, wdf);
        prev = d + 1;
      }
      p[term.name] = std::move(list);
      ++shard_postings[i];
    }
    if (!p.empty() || !w.empty()) shard_files[i] = script("t:" + keys_[keys[i]], {{"p", p}, {"w", w}});
  });
  for (size_t i = 0; i < keys.size(); ++i) {
    if (shard_files[i].empty()) continue;
    out.stats.terms += shard_postings[i];
    out.stats.words += shard_words[i];
    out.files.push_back({std::string(kStaticDir) + "/t/" + keys_[keys[i]] + ".js", std::move(shard_files[i])});
  }
  export_positions(out);

  // Every shard that has a term, in key order (the client looks keys up).
  // A key's terms changed pages only if it is dirty: only those are looked at.
  // (An index just parsed has not looked at any: it looks at all.)
  const bool look_all = present_.empty();
  bool listed_changed = look_all || present_.size() != keys_.size();
  present_.resize(keys_.size(), 0);
  auto look = [&](uint32_t k) {
    char has = 0;
    for (uint32_t t : key_terms_[k])
      if (terms_[t].df > 0) has = 1;
    if (has != present_[k]) present_[k] = has, listed_changed = true;
  };
  if (look_all)
    for (uint32_t k = 0; k < keys_.size(); ++k) look(k);
  else
    for (uint32_t k : keys) look(k);
  if (listed_changed) {
    listed_keys_.clear();
    for (uint32_t k = 0; k < keys_.size(); ++k)
      if (present_[k]) listed_keys_.push_back(k);
    std::sort(listed_keys_.begin(), listed_keys_.end(), [&](uint32_t a, uint32_t b) { return keys_[a] < keys_[b]; });
  }
  nlohmann::json shard_keys = nlohmann::json::array();
  for (uint32_t k : listed_keys_) {
    shard_keys.push_back(keys_[k]);
    out.urls.push_back(std::string(kStaticDir) + "/t/" + keys_[k] + ".js");
    for (uint32_t r = 0; r < positions_present_.size(); ++r)
      if (positions_present_[r][k]) out.urls.push_back(positions_url(k, r));
  }
  out.stats.shards = listed_keys_.size();

  std::string dl;
  uint64_t total = 0;
  for (const Doc& d : docs_) {
    append_varint(dl, d.length);
    total += d.length;
  }
  nlohmann::json syn = nlohmann::json::object();
  for (const auto& [key, value] : synonym_table(synonyms)) {
    auto& list = syn[key];
    if (list.is_null()) list = nlohmann::json::array();
    list.push_back(value);
  }
  nlohmann::json meta = {{"v", 1},
                         {"n", docs_.size()},
                         {"total", total},
                         {"last", docs_.size()},
                         {"k1", kK1},
                         {"k2", kK2},
                         {"k3", kK3},
                         {"b", kB},
                         {"min_normlen", kMinNormlen},
                         {"shards", shard_keys},
                         {"stop", stop_words()},
                         {"syn", syn},
                         {"dl", dl},
                         {"docs_per_file", kDocsPerFile},
                         {"positions_pages", positions_pages_}};
  out.files.push_back({std::string(kStaticDir) + "/meta.js", script("meta", meta)});
  out.urls.push_back(std::string(kStaticDir) + "/meta.js");

  // What a result shows, kDocsPerFile pages to a file: one file per page
  // made the build create 10,000 more files (costly on ext4 right after the
  // previous site was deleted), for a few KB saved per query.
  size_t chunks = (docs_.size() + kDocsPerFile - 1) / kDocsPerFile;
  dirty_chunks_.resize(chunks, 1);
  std::vector<size_t> todo;
  for (size_t c = 0; c < chunks; ++c) {
    out.urls.push_back(std::string(kStaticDir) + "/d/" + std::to_string(c) + ".js");
    if (all_dirty_ || dirty_chunks_[c]) todo.push_back(c);
  }
  size_t first = out.files.size();
  out.files.resize(first + todo.size());
  tbb::parallel_for(size_t(0), todo.size(), [&](size_t i) {
    size_t c = todo[i];
    nlohmann::json docs = nlohmann::json::object();
    for (size_t d = c * kDocsPerFile; d < std::min(docs_.size(), (c + 1) * kDocsPerFile); ++d) {
      const DocCard& card = docs_[d].card;
      docs[std::to_string(d + 1)] = {
          {"title", card.title}, {"url", card.url}, {"breadcrumb", card.breadcrumb}, {"summary", card.summary}};
    }
    out.files[first + i] = {std::string(kStaticDir) + "/d/" + std::to_string(c) + ".js",
                            script("d:" + std::to_string(c), docs)};
  });
  for (const auto& f : out.files) out.stats.bytes += f.content.size();
  std::fill(dirty_keys_.begin(), dirty_keys_.end(), 0);
  std::fill(dirty_chunks_.begin(), dirty_chunks_.end(), 0);
  all_dirty_ = false;
  return out;
}

std::string BrowserIndex::serialize() const {
  bytes::ByteWriter w;
  w.str(kMagic);
  w.var(positions_pages_);
  // Terms in id order (re-interned in the same order, ids stay).
  w.var(terms_.size());
  for (const Term& t : terms_) w.str(t.name);
  w.var(docs_.size());
  // The pages in chunks, on every core, joined in order (about 10 MB for
  // 10,000 notes, written after every build).
  constexpr size_t kChunk = 256;
  std::vector<std::string> parts((docs_.size() + kChunk - 1) / kChunk);
  tbb::parallel_for(size_t(0), parts.size(), [&](size_t c) {
    bytes::ByteWriter pw;
    for (size_t k = c * kChunk; k < std::min(docs_.size(), (c + 1) * kChunk); ++k) {
      const Doc& d = docs_[k];
      pw.str(d.id);
      pw.str(d.card.title);
      pw.str(d.card.url);
      pw.str(d.card.breadcrumb);
      pw.str(d.card.summary);
      pw.var(d.length);
      pw.var(d.terms.size());
      uint32_t prev = 0;
      for (const auto& [t, wdf] : d.terms) {
        pw.var(t - prev);
        pw.var(wdf);
        prev = t;
      }
      pw.str(d.positions);
    }
    parts[c] = std::move(pw.bytes());
  });
  std::string out = std::move(w.bytes());
  size_t size = out.size();
  for (const auto& p : parts) size += p.size();
  out.reserve(size);
  for (const auto& p : parts) out += p;
  return out;
}

std::optional<BrowserIndex> BrowserIndex::parse(std::string_view bytes) {
  bytes::ByteReader r(bytes);
  if (r.str() != kMagic || !r.ok()) return std::nullopt;
  BrowserIndex index;
  const uint64_t positions_pages = r.var();
  if (!r.ok() || positions_pages == 0 || positions_pages > UINT32_MAX) return std::nullopt;
  index.positions_pages_ = static_cast<uint32_t>(positions_pages);
  uint64_t terms = r.var();
  if (!r.ok() || terms > bytes.size()) return std::nullopt;
  for (uint64_t i = 0; i < terms && r.ok(); ++i)
    if (index.term_id(r.str()) != i) return std::nullopt;  // a name twice: damaged
  uint64_t docs = r.var();
  if (!r.ok() || docs > bytes.size()) return std::nullopt;
  // Counted and checked in arrays of a few hundred KB that stay in cache, not
  // in the terms themselves, a cache miss for nearly every posting.
  std::vector<uint32_t> df(index.terms_.size());
  std::vector<char> skip(index.terms_.size()), posting(index.terms_.size());
  for (size_t t = 0; t < skip.size(); ++t) {
    skip[t] = index.terms_[t].kind == kSkip;
    posting[t] = index.terms_[t].kind == kPosting;
  }
  index.docs_.resize(docs);
  for (Doc& d : index.docs_) {
    d.id = r.str();
    d.card.title = r.str();
    d.card.url = r.str();
    d.card.breadcrumb = r.str();
    d.card.summary = r.str();
    d.length = r.var();
    uint64_t n = r.var();
    if (!r.ok() || n > bytes.size()) return std::nullopt;
    d.terms.resize(n);
    // Three million numbers on a 10,000-note site: decoded in one tight loop.
    const std::string_view rest = r.rest();
    const char *p = rest.data(), *const end = p + rest.size();
    uint64_t t = 0;
    size_t postings = 0;
    for (uint64_t i = 0; i < n; ++i) {
      uint64_t step = 0, wdf = 0;
      if (!bytes::decode_var(p, end, step) || !bytes::decode_var(p, end, wdf)) return std::nullopt;
      if (step >= terms) return std::nullopt;  // (so that t cannot wrap)
      t += step;
      if (t >= terms || (i > 0 && step == 0) || skip[t]) return std::nullopt;
      d.terms[i] = {static_cast<uint32_t>(t), static_cast<uint32_t>(wdf)};
      ++df[t];
      postings += posting[t];
    }
    r.skip(static_cast<size_t>(p - rest.data()));
    d.positions = r.str();
    if (!r.ok() || !positions_fit(d.positions, postings)) return std::nullopt;
  }
  if (!r.ok() || !r.done()) return std::nullopt;
  for (size_t t = 0; t < df.size(); ++t) index.terms_[t].df = df[t];
  // As serialized: right after the export whose files the site has.
  index.parsed_ = true;
  index.all_dirty_ = false;
  std::fill(index.dirty_keys_.begin(), index.dirty_keys_.end(), 0);
  index.dirty_positions_.clear();
  index.dirty_chunks_.assign((index.docs_.size() + kDocsPerFile - 1) / kDocsPerFile, 0);
  return index;
}

std::optional<std::string> BrowserIndex::journal() const {
  if (!parsed_ || renumbered_) return std::nullopt;
  std::vector<uint32_t> pages = set_since_parse_;
  std::sort(pages.begin(), pages.end());
  pages.erase(std::unique(pages.begin(), pages.end()), pages.end());
  bytes::ByteWriter w;
  w.var(pages.size());
  for (uint32_t docid : pages) {
    const Doc& d = docs_[docid - 1];
    w.var(docid);
    w.str(d.id);
    w.str(d.card.title);
    w.str(d.card.url);
    w.str(d.card.breadcrumb);
    w.str(d.card.summary);
    w.var(d.length);
    // Terms by name: the replaying index may number new ones otherwise.
    w.var(d.terms.size());
    for (const auto& [t, wdf] : d.terms) {
      w.str(terms_[t].name);
      w.var(wdf);
    }
    w.str(d.positions);
  }
  return std::move(w.bytes());
}

bool BrowserIndex::apply_journal(std::string_view bytes) {
  bytes::ByteReader r(bytes);
  const uint64_t pages = r.var();
  if (!r.ok() || pages > bytes.size()) return false;
  for (uint64_t k = 0; k < pages; ++k) {
    const uint64_t docid = r.var();
    if (!r.ok() || docid == 0 || docid > docs_.size()) return false;
    std::string id = r.str();
    DocCard card;
    card.title = r.str();
    card.url = r.str();
    card.breadcrumb = r.str();
    card.summary = r.str();
    const uint64_t length = r.var();
    const uint64_t n = r.var();
    if (!r.ok() || n > bytes.size()) return false;
    struct Read {
      uint32_t term, wdf;
      std::string_view positions;
    };
    std::vector<Read> read;
    read.reserve(n);
    size_t postings = 0;
    for (uint64_t i = 0; i < n; ++i) {
      const uint32_t t = term_id(r.str());
      const uint64_t wdf = r.var();
      if (!r.ok() || terms_[t].kind == kSkip) return false;
      read.push_back({t, static_cast<uint32_t>(wdf), {}});
      postings += terms_[t].kind == kPosting;
    }
    const std::string positions = r.str();
    if (!r.ok() || !positions_fit(positions, postings)) return false;
    size_t at = 0;
    for (Read& one : read)
      if (terms_[one.term].kind == kPosting) one.positions = next_positions(positions, at);
    // In this index's term order, which new terms may have made another.
    std::sort(read.begin(), read.end(), [](const Read& x, const Read& y) { return x.term < y.term; });
    Kept kept;
    kept.terms.reserve(n);
    for (size_t i = 0; i < read.size(); ++i) {
      if (i > 0 && read[i].term == read[i - 1].term) return false;  // a term twice: damaged
      kept.terms.emplace_back(read[i].term, read[i].wdf);
      kept.positions += read[i].positions;
    }
    set(static_cast<uint32_t>(docid), id, std::move(kept), length, std::move(card));
  }
  if (!r.ok() || !r.done()) return false;
  // As parse() leaves it: the site has these pages' files, and the journal
  // already has these pages.
  set_since_parse_.clear();
  std::fill(dirty_keys_.begin(), dirty_keys_.end(), 0);
  dirty_positions_.clear();
  std::fill(dirty_chunks_.begin(), dirty_chunks_.end(), 0);
  all_dirty_ = false;
  return true;
}

}  // namespace kb::search
