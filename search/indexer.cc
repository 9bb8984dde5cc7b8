#include "search/indexer.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <fstream>
#include <mutex>

#include <nlohmann/json.hpp>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/task_arena.h>

#include "search/schema.h"
#include "search/static_export.h"
#include "search/string_ids.h"
#include "search/tokenizer.h"

namespace kb::search {
namespace {

// One phrase of a synonym group, as keys (stem, else the word) to match.
struct SynonymPhrase {
  std::vector<std::string> keys;
  size_t group = 0;
};

constexpr size_t kFlushEvery = 500;

// CPU time of the calling thread: what indexing costs, whatever else runs.
int64_t thread_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

struct Occurrence {
  Xapian::termpos pos;
  Xapian::termcount inc;
};

}  // namespace

// Every distinct word and term a builder has seen is interned once (a
// thread's builder sees the same vocabulary page after page), so a page is
// gathered in flat vectors indexed by term id: no string is hashed twice and
// nothing is allocated per occurrence once the vocabulary is known.
struct DocumentBuilder::Impl {
  const Synonyms* synonyms = nullptr;
  Xapian::Stem stemmer{"english"};

  struct Word {
    uint32_t raw = 0;    // term id of the word itself
    int32_t z = -1;      // term id of "Z"+stem; -1 when not stemmed (starts with a digit)
    int32_t s = -1;      // "S"+word (title field), made on first use
    int32_t zs = -1;     // "ZS"+stem
    uint32_t count = 0;  // occurrences in titles, headings, text: spelling data
    uint32_t key() const { return z >= 0 ? static_cast<uint32_t>(z) : raw; }  // synonym matching
  };
  StringIds word_index;  // word -> index in `words`
  std::vector<Word> words;
  std::vector<std::string> stems;  // word index -> stem ("" when not stemmed)
  std::unordered_map<std::string, uint32_t> term_index;
  std::vector<std::string> term_names;

  std::vector<SynonymPhrase> phrases;                // keys as term ids (as text: unused)
  std::vector<std::vector<uint32_t>> phrase_keys;
  std::unordered_map<uint32_t, std::vector<size_t>> phrases_by_first;
  std::vector<uint32_t> group_terms;                 // group -> "XS"+id term

  // The page being built.
  struct Entry {
    uint32_t term = 0;
    Xapian::termcount wdf = 0;          // terms without positions
    std::vector<Occurrence> occ;        // terms with positions
  };
  std::vector<int32_t> slot_of;         // term id -> index in entries, -1
  std::vector<Entry> entries;
  size_t used = 0;
  Xapian::termpos pos = 0;
  std::vector<uint32_t> keys;           // synonym keys of the current field

  uint32_t term_id(const std::string& name) {
    auto it = term_index.find(name);
    if (it != term_index.end()) return it->second;
    uint32_t id = static_cast<uint32_t>(term_names.size());
    term_names.push_back(name);
    slot_of.push_back(-1);
    term_index.emplace(name, id);
    return id;
  }

  Word& word(const std::string& w) {
    if (uint32_t known = word_index.find(w); known != StringIds::kNone) return words[known];
    Word info;
    info.raw = term_id(w);
    std::string stem;
    if (should_stem(w)) stem = stemmer(w);
    if (!stem.empty()) info.z = static_cast<int32_t>(term_id("Z" + stem));
    word_index.intern(w);  // its id is words.size()
    words.push_back(info);
    stems.push_back(std::move(stem));
    return words.back();
  }

  Entry& entry(uint32_t term) {
    int32_t& slot = slot_of[term];
    if (slot < 0) {
      if (used == entries.size()) entries.emplace_back();
      slot = static_cast<int32_t>(used++);
      entries[slot].term = term;
    }
    return entries[slot];
  }

  void prepare_synonyms() {
    if (!synonyms) return;
    for (size_t g = 0; g < synonyms->groups.size(); ++g) {
      group_terms.push_back(term_id(kPrefixSynonym + synonyms->groups[g].id));
      for (const auto& phrase : synonyms->groups[g].phrases) {
        std::vector<uint32_t> k;
        for_each_term(phrase, [&](const std::string& t, size_t, size_t) { k.push_back(word(t).key()); });
        if (k.empty()) continue;
        phrases_by_first[k[0]].push_back(phrase_keys.size());
        SynonymPhrase p;
        p.group = g;
        phrases.push_back(std::move(p));
        phrase_keys.push_back(std::move(k));
      }
    }
  }

  // Index `text` as free text, or as the title field (`title_field`: "S"
  // terms), with positions.
  void index_text(std::string_view text, bool title_field, Xapian::termcount inc, bool spelling) {
    keys.clear();
    for_each_term(text, [&](const std::string& w, size_t, size_t) {
      ++pos;
      size_t index = &word(w) - words.data();
      Word* info = &words[index];
      if (title_field) {
        if (info->s < 0) {
          int32_t sid = static_cast<int32_t>(term_id(kPrefixTitle + w));
          int32_t zsid = info->z >= 0 ? static_cast<int32_t>(term_id(std::string("Z") + kPrefixTitle + stems[index])) : -1;
          info = &words[index];
          info->s = sid;
          info->zs = zsid;
        }
        // Same layout as free text: positions on the stemmed form.
        if (info->zs < 0) entry(info->s).occ.push_back({pos, inc});
        else {
          entry(info->s).wdf += inc;
          entry(info->zs).occ.push_back({pos, inc});
        }
        return;
      }
      // A word that is stemmed is found through its "Z" form in phrases (the
      // searcher lowercases queries, so QueryParser stems every word): its
      // own term needs no positions, only its wdf (wildcards, exact forms).
      if (info->z < 0) {
        entry(info->raw).occ.push_back({pos, inc});
      } else {
        entry(info->raw).wdf += inc;
        entry(info->z).occ.push_back({pos, inc});
        if (spelling) ++info->count;
      }
      if (!phrases.empty()) keys.push_back(info->key());
    });
    if (!phrases.empty() && !title_field) match_synonyms(inc);
    pos += kFieldGap;
  }

  void gather(const IndexEntry& e);
  void clear();

  void match_synonyms(Xapian::termcount inc) {
    for (size_t i = 0; i < keys.size(); ++i) {
      auto it = phrases_by_first.find(keys[i]);
      if (it == phrases_by_first.end()) continue;
      for (size_t p : it->second) {
        const auto& k = phrase_keys[p];
        if (i + k.size() > keys.size()) continue;
        bool match = true;
        for (size_t j = 1; j < k.size() && match; ++j) match = keys[i + j] == k[j];
        if (match) entry(group_terms[phrases[p].group]).wdf += inc;
      }
    }
  }
};

DocumentBuilder::DocumentBuilder(const Synonyms* synonyms) : impl_(std::make_unique<Impl>()) {
  impl_->synonyms = synonyms;
  impl_->prepare_synonyms();
}
DocumentBuilder::DocumentBuilder(DocumentBuilder&&) noexcept = default;
DocumentBuilder::~DocumentBuilder() = default;

std::unordered_map<std::string, uint32_t> DocumentBuilder::word_counts() const {
  std::unordered_map<std::string, uint32_t> out;
  for (uint32_t index = 0; index < impl_->word_index.size(); ++index)
    if (impl_->words[index].count) out.emplace(impl_->word_index.name(index), impl_->words[index].count);
  return out;
}

// Gathers a page's terms into `m.entries` (the first `m.used`).
void DocumentBuilder::Impl::gather(const IndexEntry& e) {
  Impl& m = *this;
  m.pos = 0;

  m.index_text(e.title, false, kWdfTitle, true);
  m.index_text(e.title, true, 1, false);
  for (const auto& a : e.aliases) {
    m.index_text(a, false, kWdfAlias, true);
    m.index_text(a, true, 1, false);
  }
  for (const auto& h : e.headings) m.index_text(h, false, kWdfHeading, true);
  if (!e.tags.empty()) {
    std::string tags;
    for (const auto& t : e.tags) tags += t + "\n";
    m.index_text(tags, false, kWdfTags, true);
  }
  if (e.index_summary && !e.summary.empty()) m.index_text(e.summary, false, kWdfSummary, true);
  m.index_text(e.text, false, kWdfBody, true);
}

void DocumentBuilder::Impl::clear() {
  for (size_t i = 0; i < used; ++i) {
    Entry& en = entries[i];
    slot_of[en.term] = -1;
    en.occ.clear();
    en.wdf = 0;
  }
  used = 0;
}

std::string exact_title_term(std::string_view title) {
  std::string key = title_key(title);
  if (key.empty() || key.size() > kMaxExactTitleBytes) return "";
  return kPrefixExactTitle + key;
}

DocumentBuilder::Terms DocumentBuilder::terms(const IndexEntry& e) {
  Impl& m = *impl_;
  m.gather(e);
  Terms out;
  out.terms.reserve(m.used);
  out.position_end.reserve(m.used);
  for (size_t i = 0; i < m.used; ++i) {
    const Impl::Entry& en = m.entries[i];
    uint32_t wdf = en.wdf;
    append_varint(out.positions, en.occ.size());
    Xapian::termpos prev = 0;
    for (const auto& o : en.occ) {
      wdf += o.inc;
      append_varint(out.positions, o.pos - prev);
      prev = o.pos;
    }
    out.terms.emplace_back(en.term, wdf);
    out.position_end.push_back(static_cast<uint32_t>(out.positions.size()));
    out.length += wdf;
  }
  m.clear();
  // The exact title's term: boolean, as build() adds it (wdf 0, no positions).
  if (std::string exact = exact_title_term(e.title); !exact.empty()) {
    out.terms.emplace_back(m.term_id(exact), 0);
    append_varint(out.positions, 0);
    out.position_end.push_back(static_cast<uint32_t>(out.positions.size()));
  }
  return out;
}

const std::string& DocumentBuilder::term_name(uint32_t id) const { return impl_->term_names[id]; }
size_t DocumentBuilder::term_count() const { return impl_->term_names.size(); }

Xapian::Document DocumentBuilder::build(const IndexEntry& e, const TextRef* text) {
  Impl& m = *impl_;
  m.gather(e);
  Xapian::Document doc;
  for (size_t i = 0; i < m.used; ++i) {
    const Impl::Entry& en = m.entries[i];
    const std::string& name = m.term_names[en.term];
    for (const auto& o : en.occ) doc.add_posting(name, o.pos, o.inc);
    if (en.wdf) doc.add_term(name, en.wdf);
  }
  m.clear();

  doc.add_boolean_term(kPrefixId + e.id);
  if (std::string exact = exact_title_term(e.title); !exact.empty()) doc.add_boolean_term(exact);
  for (const auto& t : e.tags) doc.add_boolean_term(kPrefixTag + t);
  if (!e.domain.empty()) doc.add_boolean_term(kPrefixDomain + e.domain);
  // `--domain mla-c01:model-development`, and the plain id in any exam.
  for (const auto& qualified : e.exams) {
    doc.add_boolean_term(kPrefixDomain + qualified);
    if (size_t colon = qualified.find(':'); colon != std::string::npos)
      doc.add_boolean_term(kPrefixDomain + qualified.substr(colon + 1));
  }
  std::string kind = e.kind.empty() ? "note" : e.kind;
  doc.add_boolean_term(kPrefixKind + kind);
  doc.add_value(kSlotDomain, e.domain);
  doc.add_value(kSlotKind, kind);

  nlohmann::json data = {{"title", e.title}, {"url", e.url}, {"path", e.id}, {"breadcrumb", e.breadcrumb},
                         {"summary", e.summary}};
  if (text) {
    data["text_file"] = text->file;
    data["text_at"] = text->at;
    data["text_size"] = text->size;
  } else {
    data["text"] = e.text;
  }
  doc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return doc;
}

std::vector<std::pair<std::string, std::string>> synonym_table(const Synonyms& synonyms) {
  std::vector<std::pair<std::string, std::string>> out;
  Xapian::Stem stemmer("english");
  for (const auto& g : synonyms.groups) {
    std::string value = kPrefixSynonym + g.id;
    for (const auto& phrase : g.phrases) {
      std::vector<std::string> words;
      for_each_term(phrase, [&](const std::string& t, size_t, size_t) { words.push_back(t); });
      if (words.empty()) continue;
      std::string key;
      for (const auto& w : words) key += (key.empty() ? "" : " ") + w;
      out.emplace_back(key, value);
      if (words.size() == 1 && should_stem(words[0])) {
        std::string s = stemmer(words[0]);
        if (!s.empty()) out.emplace_back("Z" + s, value);
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// One shard per thread that adds pages: each thread writes its own database
// (Xapian allows one writer per database, and its inverter is the costly part),
// and finish() merges the shards with Database::compact().
struct Shard {
  std::filesystem::path dir;
  std::string text_name;        // "text-<n>.txt", moved into the index folder by finish()
  std::filesystem::path text_path;
  std::ofstream text;
  uint64_t text_size = 0;
  Xapian::WritableDatabase db;
  DocumentBuilder builder;
  int64_t ns = 0;  // time spent in Xapian's add_document
  size_t pending = 0;  // documents since the last commit
  std::mutex mutex;    // numbered mode: threads share a shard
  Shard(std::filesystem::path d, const Synonyms* syn) : dir(std::move(d)), builder(syn) {}
};

struct IndexWriter::Impl {
  std::filesystem::path dir;
  Synonyms synonyms;
  std::mutex shards_mutex;
  std::vector<std::unique_ptr<Shard>> shards;
  tbb::enumerable_thread_specific<Shard*> local{nullptr};
  // Numbered mode (create() given `documents`): document d goes to shard
  // (d - 1) * ranges / documents, so each shard holds one run of ids.
  size_t documents = 0;
  std::vector<Shard*> ranges;
  std::atomic<bool> failed{false};
  std::mutex error_mutex;
  std::string error;
  int64_t finish_ns = 0;
  bool finished = false;

  void fail(const std::string& message) {
    std::lock_guard<std::mutex> lock(error_mutex);
    if (error.empty()) error = message;
    failed = true;
  }

  Shard* shard() {
    Shard*& mine = local.local();
    if (mine) return mine;
    std::lock_guard<std::mutex> lock(shards_mutex);
    mine = new_shard();
    return mine;
  }

  Shard* range_shard(Xapian::docid docid) {
    size_t k = (docid - 1) * ranges.size() / documents;
    std::lock_guard<std::mutex> lock(shards_mutex);
    if (!ranges[k]) ranges[k] = new_shard();
    return ranges[k];
  }

  // Under shards_mutex.
  Shard* new_shard() {
    auto path = dir;
    path += ".shard-" + std::to_string(shards.size());
    auto sh = std::make_unique<Shard>(path, &synonyms);
    sh->text_name = "text-" + std::to_string(shards.size()) + ".txt";
    sh->text_path = path;
    sh->text_path += "." + sh->text_name;
    sh->text.open(sh->text_path, std::ios::binary | std::ios::trunc);
    if (!sh->text) throw Xapian::DatabaseError("cannot write " + sh->text_path.string());
    sh->db = Xapian::WritableDatabase(path.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS |
                                                         Xapian::DB_NO_SYNC);
    shards.push_back(std::move(sh));
    return shards.back().get();
  }

  void remove_shards() {
    std::error_code ec;
    for (auto& sh : shards) {
      try { sh->db.close(); } catch (const Xapian::Error&) {}
      std::filesystem::remove_all(sh->dir, ec);
      sh->text.close();
      std::filesystem::remove(sh->text_path, ec);
    }
  }
};

IndexWriter::IndexWriter() : impl_(std::make_unique<Impl>()) {}

IndexWriter::~IndexWriter() {
  if (!impl_->finished) impl_->remove_shards();
}

std::unique_ptr<IndexWriter> IndexWriter::create(const std::filesystem::path& dir, Synonyms synonyms,
                                                 std::string& error, size_t documents) {
  std::unique_ptr<IndexWriter> w(new IndexWriter());
  Impl& m = *w->impl_;
  std::error_code ec;
  std::filesystem::create_directories(dir.parent_path(), ec);
  std::filesystem::remove_all(dir, ec);
  if (ec) {
    error = "cannot replace the search index at " + dir.string() + ": " + ec.message();
    return nullptr;
  }
  m.dir = dir;
  m.synonyms = std::move(synonyms);
  if (documents > 0) {
    m.documents = documents;
    size_t threads = static_cast<size_t>(std::max(1, tbb::this_task_arena::max_concurrency()));
    m.ranges.assign(std::min(threads, documents), nullptr);
  }
  return w;
}

void IndexWriter::add(const IndexEntry& entry, Xapian::docid docid) {
  Impl& m = *impl_;
  if (m.failed) return;
  const bool numbered = m.documents > 0 && docid >= 1 && docid <= m.documents;
  try {
    Shard* sh = numbered ? m.range_shard(docid) : m.shard();
    std::unique_lock<std::mutex> lock(sh->mutex, std::defer_lock);
    if (numbered) lock.lock();
    DocumentBuilder::TextRef ref{sh->text_name, sh->text_size, entry.text.size()};
    sh->text.write(entry.text.data(), static_cast<std::streamsize>(entry.text.size()));
    sh->text_size += entry.text.size();
    if (!sh->text) throw Xapian::DatabaseError("cannot write " + sh->text_path.string());
    Xapian::Document doc = sh->builder.build(entry, &ref);
    int64_t t0 = thread_cpu_ns();
    if (numbered) sh->db.replace_document(docid, doc);
    else sh->db.add_document(doc);
    // Xapian buffers 10,000 documents by default; flushing more often keeps
    // its inverter's maps small (measured: faster on the 10,000-note corpus).
    if (++sh->pending >= kFlushEvery) {
      sh->db.commit();
      sh->pending = 0;
    }
    sh->ns += thread_cpu_ns() - t0;
  } catch (const Xapian::Error& e) {
    m.fail("search index: " + entry.id + ": " + e.get_description());
  }
}

bool IndexWriter::finish(std::string& error) {
  Impl& m = *impl_;
  if (m.finished) { error = "search index: finish() called twice"; return false; }
  m.finished = true;
  if (m.failed) { error = m.error; m.remove_shards(); return false; }
  auto t0 = std::chrono::steady_clock::now();
  try {
    if (m.shards.empty()) m.shard();  // an empty site still gets an (empty) index
    // The shards in the order they are merged: by id run when every page came
    // with its id (so ids, and every file exported from them, do not depend
    // on which thread indexed what), else as they were made.
    std::vector<Shard*> order;
    for (Shard* sh : m.ranges)
      if (sh) order.push_back(sh);
    const bool numbered = !order.empty() && order.size() == m.shards.size();
    if (!numbered) {
      order.clear();
      for (auto& sh : m.shards) order.push_back(sh.get());
    }
    Shard& first = *order[0];
    std::unordered_map<std::string, uint32_t> words;
    for (auto& sh : m.shards)
      for (const auto& [w, n] : sh->builder.word_counts()) words[w] += n;
    for (const auto& [w, n] : words) first.db.add_spelling(w, n);
    for (const auto& [key, value] : synonym_table(m.synonyms)) first.db.add_synonym(key, value);
    first.db.set_metadata("kb:version", kSchemaVersion);
    for (auto& sh : m.shards) {
      sh->db.commit();
      sh->db.close();
    }
    std::error_code ec;
    for (auto& sh : m.shards) {
      sh->text.close();
      if (!sh->text) throw Xapian::DatabaseError("cannot write " + sh->text_path.string());
    }
    if (m.shards.size() == 1) {
      std::filesystem::rename(first.dir, m.dir, ec);
      if (ec) throw Xapian::DatabaseError("cannot move " + first.dir.string() + " into place: " + ec.message());
    } else {
      // Numbered: each shard holds one run of ids, kept as they are.
      Xapian::Database all;
      for (Shard* sh : order) all.add_database(Xapian::Database(sh->dir.string()));
      all.compact(m.dir.string(), numbered ? Xapian::DBCOMPACT_NO_RENUMBER : 0);
      all.close();
    }
    for (auto& sh : m.shards) {
      std::filesystem::rename(sh->text_path, m.dir / sh->text_name, ec);
      if (ec) throw Xapian::DatabaseError("cannot move " + sh->text_path.string() + ": " + ec.message());
    }
    if (m.shards.size() > 1) m.remove_shards();
  } catch (const Xapian::Error& e) {
    error = "search index: " + e.get_description();
    m.remove_shards();
    return false;
  }
  m.finish_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count();
  return true;
}

double IndexWriter::writer_seconds() const {
  int64_t ns = impl_->finish_ns;
  for (auto& sh : impl_->shards) ns += sh->ns;
  return ns / 1e9;
}

size_t IndexWriter::shard_count() const { return impl_->shards.size(); }

}  // namespace kb::search
