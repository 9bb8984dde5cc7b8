#include "search/indexer.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <fstream>
#include <mutex>

#include <nlohmann/json.hpp>
#include <tbb/enumerable_thread_specific.h>

#include "search/schema.h"
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

struct DocumentBuilder::Impl {
  const Synonyms* synonyms = nullptr;
  Xapian::Stem stemmer{"english"};
  // word -> "Z"+stem, or "" when the word is not stemmed (starts with a digit).
  std::unordered_map<std::string, std::string> stems;
  std::unordered_map<std::string, uint32_t> words;
  std::vector<SynonymPhrase> phrases;
  std::unordered_map<std::string, std::vector<size_t>> phrases_by_first;

  // The page being built.
  std::unordered_map<std::string, std::vector<Occurrence>> postings;
  std::unordered_map<std::string, Xapian::termcount> plain_terms;  // no positions (XS)
  Xapian::termpos pos = 0;
  std::vector<const std::string*> keys;  // match keys of the current field

  const std::string& stem_of(const std::string& word) {
    auto it = stems.find(word);
    if (it != stems.end()) return it->second;
    std::string z;
    if (should_stem(word)) {
      std::string s = stemmer(word);
      if (!s.empty()) z = "Z" + s;
    }
    return stems.emplace(word, std::move(z)).first->second;
  }

  void prepare_synonyms() {
    if (!synonyms) return;
    for (size_t g = 0; g < synonyms->groups.size(); ++g) {
      for (const auto& phrase : synonyms->groups[g].phrases) {
        SynonymPhrase p;
        p.group = g;
        for_each_term(phrase, [&](const std::string& t, size_t, size_t) {
          const std::string& z = stem_of(t);
          p.keys.push_back(z.empty() ? t : z);
        });
        if (p.keys.empty()) continue;
        phrases_by_first[p.keys[0]].push_back(phrases.size());
        phrases.push_back(std::move(p));
      }
    }
  }

  // Index `text` as free text (prefix "") or a field (prefix "S"), positional.
  void index_text(std::string_view text, const std::string& prefix, Xapian::termcount inc, bool spelling) {
    keys.clear();
    for_each_term(text, [&](const std::string& word, size_t, size_t) {
      ++pos;
      const std::string& z = stem_of(word);
      // A word that is stemmed is found through its "Z" form in phrases (the
      // searcher lowercases queries, so QueryParser stems every word): its
      // own term needs no positions, only its wdf (wildcards, exact forms).
      std::string raw = prefix.empty() ? word : prefix + word;
      if (z.empty()) postings[raw].push_back({pos, inc});
      else plain_terms[raw] += inc;
      if (!z.empty()) {
        if (prefix.empty()) postings[z].push_back({pos, inc});
        else postings["Z" + prefix + z.substr(1)].push_back({pos, inc});
      }
      if (spelling && !z.empty()) ++words[word];
      if (!phrases.empty() && prefix.empty()) {
        auto it = stems.find(word);  // stable address of the key
        keys.push_back(it->second.empty() ? &it->first : &it->second);
      }
    });
    if (!phrases.empty() && prefix.empty()) match_synonyms(inc);
    pos += kFieldGap;
  }

  void match_synonyms(Xapian::termcount inc) {
    for (size_t i = 0; i < keys.size(); ++i) {
      auto it = phrases_by_first.find(*keys[i]);
      if (it == phrases_by_first.end()) continue;
      for (size_t p : it->second) {
        const auto& ph = phrases[p];
        if (i + ph.keys.size() > keys.size()) continue;
        bool match = true;
        for (size_t k = 1; k < ph.keys.size() && match; ++k) match = *keys[i + k] == ph.keys[k];
        if (match) plain_terms[kPrefixSynonym + synonyms->groups[ph.group].id] += inc;
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

const std::unordered_map<std::string, uint32_t>& DocumentBuilder::word_counts() const { return impl_->words; }

Xapian::Document DocumentBuilder::build(const IndexEntry& e, const TextRef* text) {
  Impl& m = *impl_;
  m.postings.clear();
  m.plain_terms.clear();
  m.pos = 0;

  m.index_text(e.title, "", kWdfTitle, true);
  m.index_text(e.title, kPrefixTitle, 1, false);
  for (const auto& a : e.aliases) {
    m.index_text(a, "", kWdfAlias, true);
    m.index_text(a, kPrefixTitle, 1, false);
  }
  for (const auto& h : e.headings) m.index_text(h, "", kWdfHeading, true);
  if (!e.tags.empty()) {
    std::string tags;
    for (const auto& t : e.tags) tags += t + "\n";
    m.index_text(tags, "", kWdfTags, true);
  }
  if (e.index_summary && !e.summary.empty()) m.index_text(e.summary, "", kWdfSummary, true);
  m.index_text(e.text, "", kWdfBody, true);

  Xapian::Document doc;
  // Sorted, so the Document's own map is filled in order.
  std::vector<std::pair<const std::string*, const std::vector<Occurrence>*>> sorted;
  sorted.reserve(m.postings.size());
  for (const auto& [term, occ] : m.postings) sorted.emplace_back(&term, &occ);
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return *a.first < *b.first; });
  for (const auto& [term, occ] : sorted)
    for (const auto& o : *occ) doc.add_posting(*term, o.pos, o.inc);
  for (const auto& [term, wdf] : m.plain_terms) doc.add_term(term, wdf);

  doc.add_boolean_term(kPrefixId + e.id);
  for (const auto& t : e.tags) doc.add_boolean_term(kPrefixTag + t);
  if (!e.domain.empty()) doc.add_boolean_term(kPrefixDomain + e.domain);
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
  Shard(std::filesystem::path d, const Synonyms* syn) : dir(std::move(d)), builder(syn) {}
};

struct IndexWriter::Impl {
  std::filesystem::path dir;
  Synonyms synonyms;
  std::mutex shards_mutex;
  std::vector<std::unique_ptr<Shard>> shards;
  tbb::enumerable_thread_specific<Shard*> local{nullptr};
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
    mine = sh.get();
    shards.push_back(std::move(sh));
    return mine;
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
                                                 std::string& error) {
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
  return w;
}

void IndexWriter::add(const IndexEntry& entry) {
  Impl& m = *impl_;
  if (m.failed) return;
  try {
    Shard* sh = m.shard();
    DocumentBuilder::TextRef ref{sh->text_name, sh->text_size, entry.text.size()};
    sh->text.write(entry.text.data(), static_cast<std::streamsize>(entry.text.size()));
    sh->text_size += entry.text.size();
    if (!sh->text) throw Xapian::DatabaseError("cannot write " + sh->text_path.string());
    Xapian::Document doc = sh->builder.build(entry, &ref);
    int64_t t0 = thread_cpu_ns();
    sh->db.add_document(doc);
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
    Shard& first = *m.shards[0];
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
      Xapian::Database all;
      for (auto& sh : m.shards) all.add_database(Xapian::Database(sh->dir.string()));
      all.compact(m.dir.string());
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
