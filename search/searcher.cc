#include "search/searcher.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <xapian.h>

#include "search/schema.h"
#include "core/text.h"
#include "search/snippet.h"
#include "search/indexer.h"
#include "search/tokenizer.h"

namespace kb::search {
namespace fs = std::filesystem;

namespace {

bool is_operator(std::string_view token) {
  while (!token.empty() && token.front() == '(') token.remove_prefix(1);
  while (!token.empty() && token.back() == ')') token.remove_suffix(1);
  if (token.substr(0, 5) == "NEAR/" || token.substr(0, 4) == "ADJ/") return true;
  return token == "AND" || token == "OR" || token == "NOT" || token == "XOR" || token == "NEAR" || token == "ADJ";
}

std::string lower_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (Xapian::Utf8Iterator it(s.data(), s.size()); it != Xapian::Utf8Iterator(); ++it)
    Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(*it));
  return out;
}

}  // namespace

// The common English list (core/text.h), without the particles that
// change a technical verb's meaning ("scale up" against "scale out", "shut
// down"), and with the words a learner's question is made of ("need",
// "want", "every"), chosen on the tuning half of the evaluation set. More
// stop words in a question leave its rarer content words to rank by
// ("during", "too", "own" weighed as much as "gpu").
const std::vector<std::string>& stop_words() {
  static const std::vector<std::string> words = [] {
    const std::set<std::string> particles = {"down", "off", "out", "over", "under", "up"};
    std::vector<std::string> w = {"also", "every", "need", "us", "want"};
    for (const std::string& x : text::english_stop_words())
      if (!particles.count(x)) w.push_back(x);
    std::sort(w.begin(), w.end());
    w.erase(std::unique(w.begin(), w.end()), w.end());
    return w;
  }();
  return words;
}

// Words joined by '-', '/', '\\' or ':' ("x-recordio-protobuf", "a/b",
// "iam:passrole") read as words side by side, outside quotes: the
// QueryParser would make each a phrase, which the browser's index (no
// positions) cannot match, and both must rank alike. A field's colon
// ("title:x") and NEAR/n, ADJ/n stay; any other colon after a word goes,
// and so does sentence punctuation (, ; ! ? and a word's final '.').
static std::string split_joined_words(const std::string& q) {
  auto word_byte = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; };
  std::string out = q;
  bool quoted = false, field = false;
  size_t word_begin = 0;
  for (size_t k = 0; k < q.size(); ++k) {
    const char c = q[k];
    if (c == '"') quoted = !quoted;
    // Sentence punctuation ends one of the QueryParser's term groups, and a
    // group of stop words alone is kept ("fraud, what can" looked for
    // "can"): read as a space. A '.' only at a word's end ("3.14" stays).
    if (!quoted && (c == ',' || c == ';' || c == '!' || c == '?' ||
                    (c == '.' && (k + 1 == q.size() || q[k + 1] == ' ')))) {
      out[k] = ' ';
      word_begin = k + 1;
      continue;
    }
    if (c == ' ') field = false;
    if (!word_byte(c) && c != '-' && c != '/' && c != '\\' && c != ':') word_begin = k + 1;
    if (field) continue;  // a field's value stays whole ("domain:data-engineering")
    // A colon after a word is a field's or nothing ("auditing: which").
    const bool joins = k + 1 < q.size() && word_byte(q[k + 1]);
    if (quoted || (c != '-' && c != '/' && c != '\\' && c != ':') || k == 0 || !word_byte(q[k - 1]) ||
        (!joins && c != ':'))
      continue;
    std::string before = lower_utf8(std::string_view(q).substr(word_begin, k - word_begin));
    if (c == ':' && (before == "title" || before == "tag" || before == "domain" || before == "kind")) {
      field = true;
      continue;
    }
    if (c == '/' && (before == "near" || before == "adj")) continue;
    out[k] = ' ';
    word_begin = k + 1;
  }
  return out;
}

std::string normalize_query(const std::string& query) {
  size_t end = std::min(query.size(), kMaxQueryBytes);
  // Do not cut a UTF-8 sequence in two.
  while (end > 0 && end < query.size() && (static_cast<unsigned char>(query[end]) & 0xC0) == 0x80) --end;
  std::string q = query.substr(0, end);
  for (char& c : q)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  // The QueryParser leaves a word unstemmed when '"' or '(' follows it, so
  // the last word of a phrase would look for its exact form, which is not
  // positional in our index (schema.h): a space before lets it stem.
  std::string spaced;
  for (size_t k = 0; k < q.size(); ++k) {
    unsigned char prev = k ? static_cast<unsigned char>(q[k - 1]) : ' ';
    if ((q[k] == '"' || q[k] == '(') && (std::isalnum(prev) || prev >= 0x80)) spaced += ' ';
    spaced += q[k];
  }
  q = split_joined_words(spaced);
  // A ')' that closes nothing would make the QueryParser read the whole
  // query again without synonyms or operators: it is a space.
  int depth = 0;
  bool quoted = false;
  for (char& c : q) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '(') ++depth;
    else if (c == ')' && depth > 0) --depth;
    else if (c == ')') c = ' ';
  }
  std::string out;
  size_t i = 0;
  while (i < q.size()) {
    if (q[i] == ' ') { out += ' '; ++i; continue; }
    size_t j = q.find(' ', i);
    if (j == std::string::npos) j = q.size();
    std::string_view token(q.data() + i, j - i);
    out += is_operator(token) ? std::string(token) : lower_utf8(token);
    i = j;
  }
  return out;
}

static std::u32string to_u32(std::string_view s) {
  std::u32string out;
  for (Xapian::Utf8Iterator it(s.data(), s.size()); it != Xapian::Utf8Iterator(); ++it) out += char32_t(*it);
  return out;
}

// How far a correction may be from a word of `chars` characters: one edit
// below 8 characters, two from 8. A short word two edits from a word of the
// notes is more often an English word the notes never use ("shopper") than
// a typo of theirs ("shipped"); long words take two ("multicolinearity").
static size_t max_edits(size_t chars) { return chars < 8 ? 1 : 2; }

// Edit distance with adjacent transpositions counting one (Xapian's
// spelling correction, and the browser engine's editDistance()); `limit` + 1
// as soon as it must exceed `limit`.
static size_t edit_distance(const std::u32string& a, const std::u32string& b, size_t limit) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
  std::vector<size_t> pp(b.size() + 1), p(b.size() + 1), c(b.size() + 1);  // rows i-2, i-1, i
  for (size_t j = 0; j <= b.size(); ++j) p[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    c[0] = i;
    size_t best = i;
    for (size_t k = 1; k <= b.size(); ++k) {
      size_t v = std::min({p[k] + 1, c[k - 1] + 1, p[k - 1] + (a[i - 1] == b[k - 1] ? 0 : 1)});
      if (k > 1 && i > 1 && a[i - 1] == b[k - 2] && a[i - 2] == b[k - 1]) v = std::min(v, pp[k - 2] + 1);
      c[k] = v;
      best = std::min(best, v);
    }
    if (best > limit) return limit + 1;
    std::swap(pp, p);
    std::swap(p, c);
  }
  return p[b.size()];
}

constexpr size_t kSnippetTextBytes = 8 * 1024;

struct Searcher::Impl {
  fs::path dir;
  Xapian::Database db;

  // What a result shows of a page, from its document data (schema.h), read
  // once per Searcher: Xapian inflates the data and the JSON is parsed at
  // every read, a tenth of a served search. A changed database is a new
  // Searcher (searcher_pool.h), so none is stale. Null for data that is
  // not a JSON object.
  struct Shown {
    std::string title, url, path, breadcrumb, summary;
    std::optional<std::string> text;       // the text, when the data holds it
    std::string text_file;                 // else where it is
    uint64_t text_at = 0, text_size = 0;
  };
  std::vector<std::unique_ptr<const Shown>> shown;  // by docid
  std::vector<char> shown_read;

  const Shown* shown_of(const Xapian::MSetIterator& it) {
    const Xapian::docid did = *it;
    if (did >= shown.size()) {
      shown.resize(std::max<size_t>(did + 1, db.get_lastdocid() + 1));
      shown_read.resize(shown.size());
    }
    if (shown_read[did]) return shown[did].get();
    shown_read[did] = 1;
    nlohmann::json data = nlohmann::json::parse(it.get_document().get_data(), nullptr, false);
    if (!data.is_object()) return nullptr;
    auto page = std::make_unique<Shown>();
    page->title = data.value("title", "");
    page->url = data.value("url", "");
    page->path = data.value("path", "");
    page->breadcrumb = data.value("breadcrumb", "");
    page->summary = data.value("summary", "");
    if (data.contains("text")) page->text = data.value("text", "");
    page->text_file = data.value("text_file", "");
    page->text_at = data.value("text_at", uint64_t(0));
    page->text_size = data.value("text_size", uint64_t(0));
    shown[did] = std::move(page);
    return shown[did].get();
  }

  // At most `limit` bytes of a page's text, cut where no character
  // continues: the document data's, or from the text files beside the
  // database (indexer.h), read with one pread() from a file kept open
  // (text files are replaced whole by a rebuild, which reopens the Searcher).
  std::string text_of(const Shown& page, size_t limit) {
    // Three bytes more than wanted, to cut where no character continues.
    std::string text;
    size_t keep = 0;
    if (page.text) {
      text = page.text->substr(0, limit + 3);
      keep = text.size();
    } else {
      const std::string& name = page.text_file;
      if (name.empty() || name.find('/') != std::string::npos || name.find("..") != std::string::npos) return "";
      auto& file = text_files[name];
      if (!file) file = std::make_unique<TextFile>(::open((dir / name).c_str(), O_RDONLY | O_CLOEXEC));
      if (file->fd < 0) return "";
      text.assign(std::min<uint64_t>(page.text_size, limit + 3), '\0');
      ssize_t got = ::pread(file->fd, text.data(), text.size(), static_cast<off_t>(page.text_at));
      keep = got > 0 ? static_cast<size_t>(got) : 0;
    }
    if (keep > limit)
      for (keep = limit; keep > 0 && (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80;) --keep;
    text.resize(keep);
    return text;
  }
  struct TextFile {
    explicit TextFile(int f) : fd(f) {}
    ~TextFile() { if (fd >= 0) ::close(fd); }
    TextFile(const TextFile&) = delete;
    TextFile& operator=(const TextFile&) = delete;
    int fd;
  };
  std::map<std::string, std::unique_ptr<TextFile>> text_files;
  Xapian::Stem stemmer{"english"};
  Xapian::SimpleStopper stopper;

  Xapian::QueryParser parser() {
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(stemmer);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME_FULL_POS);
    qp.set_stopper(&stopper);
    qp.set_default_op(Xapian::Query::OP_OR);
    // "s*" on a big site: the most frequent 256 words, not thousands.
    qp.set_max_expansion(256, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    qp.add_prefix("title", kPrefixTitle);
    qp.add_boolean_prefix("tag", kPrefixTag);
    qp.add_boolean_prefix("domain", kPrefixDomain);
    qp.add_boolean_prefix("kind", kPrefixKind);
    return qp;
  }

  static constexpr unsigned kFlags =
      Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
      Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_AUTO_SYNONYMS;

  // Parse `q`; when an operator lacks an operand ("kinesis AND", as one
  // types), again as its other words, with their synonyms (the browser's
  // engine does the same: query.js flat()).
  Xapian::Query parse(const std::string& q) {
    Xapian::Query parsed;
    try {
      parsed = parser().parse_query(q, kFlags);
    } catch (const Xapian::QueryParserError&) {
      std::string words;
      size_t at = 0;
      while (at <= q.size()) {
        size_t end = std::min(q.find(' ', at), q.size());
        std::string_view token(q.data() + at, end - at);
        if (!token.empty() && !is_operator(token)) words.append(words.empty() ? "" : " ").append(token);
        at = end + 1;
      }
      parsed = parser().parse_query(words, Xapian::QueryParser::FLAG_AUTO_SYNONYMS);
    }
    return with_phrase_synonyms(parsed, q);
  }

  // Synonyms of phrases ("kinesis data streams" = ["kds"]): Xapian's
  // FLAG_AUTO_MULTIWORD_SYNONYMS made the phrase's words and its synonyms
  // one OP_SYNONYM, weighted as rare as the union of "kinesis", "data" and
  // "streams", nearly every page: the note titled "Amazon Kinesis Data
  // Streams" fell out of the top 10 for its own title. Instead the words
  // stay words and the synonym group's term (XS…, on every page using any
  // phrase of the group) is one more: a query of plain words (no operator,
  // no +word; the browser's engine does the same in leaves()) gets, for each
  // longest run of its words that is a synonym key, left to right, that
  // key's synonyms ORed in as one OP_SYNONYM.
  Xapian::Query with_phrase_synonyms(const Xapian::Query& parsed, const std::string& q) {
    std::vector<std::string> words;
    size_t at = 0;
    while (at < q.size()) {
      size_t end = q.find(' ', at);
      if (end == std::string::npos) end = q.size();
      std::string_view token(q.data() + at, end - at);
      at = end + 1;
      if (token.empty()) continue;
      if (is_operator(token) || token.find_first_of("()") != std::string_view::npos ||
          (token[0] == '+' && token.size() > 1))
        return parsed;  // a query with operators: none added
      if (token[0] == '-') continue;
      size_t field = 0;
      while (field < token.size() && ((token[field] >= 'a' && token[field] <= 'z') || token[field] == '_')) ++field;
      if (field > 0 && field < token.size() && token[field] == ':') token.remove_prefix(field + 1);
      for_each_term(token, [&](const std::string& t, size_t, size_t) { words.push_back(t); });
    }
    std::vector<Xapian::Query> extra;
    for (size_t i = 0; i < words.size();) {
      size_t longest = 0;
      std::string key;
      for (size_t j = words.size(); j >= i + 2 && !longest; --j) {
        std::string k;
        for (size_t w = i; w < j; ++w) k += (w > i ? " " : "") + words[w];
        if (db.synonyms_begin(k) != db.synonyms_end(k)) {
          longest = j;
          key = k;
        }
      }
      if (!longest) {
        ++i;
        continue;
      }
      std::vector<Xapian::Query> terms;
      for (auto it = db.synonyms_begin(key); it != db.synonyms_end(key); ++it) terms.emplace_back(*it);
      extra.emplace_back(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
      i = longest;
    }
    if (extra.empty()) return parsed;
    extra.insert(extra.begin(), parsed);
    return Xapian::Query(Xapian::Query::OP_OR, extra.begin(), extra.end());
  }

  // `q` with each word the index does not know replaced by the spelling
  // data's suggestion ("" when nothing changed). Xapian's own
  // FLAG_SPELLING_CORRECTION also "corrects" known words into more frequent
  // ones ("true" -> "tree"), so only unknown words are looked up here; field
  // names, operators and wildcards are left alone.
  std::string correct(const std::string& q, size_t keep_from = std::string::npos) {
    std::string out;
    size_t at = 0;
    bool changed = false;
    for_each_term(q, [&](const std::string& word, size_t b, size_t e) {
      if (b >= keep_from) return;
      if (e < q.size() && (q[e] == ':' || q[e] == '*')) return;
      if (is_operator(std::string_view(q).substr(b, e - b)) || !should_stem(word)) return;
      if (stopper(word) || db.term_exists(word) || in_spelling_data(word)) return;
      std::string suggestion = suggest(word);
      if (suggestion.empty() || suggestion == word) return;
      out.append(q, at, b - at);
      out += suggestion;
      at = e;
      changed = true;
    });
    if (!changed) return "";
    out.append(q, at, std::string::npos);
    return out;
  }

  // The closest word of the spelling data that starts with the same two
  // characters (the browser's engine holds those in the word's shard, so
  // both correct alike): edit distance at most max_edits(), adjacent
  // transpositions counting one; on a tie the stem on most pages, then the first word in
  // byte order. Xapian's get_spelling_suggestion() looks further, so the
  // two disagreed ("french" -> "reach" here, "fresh" there).
  bool in_spelling_data(const std::string& word) {
    auto it = db.spellings_begin();
    it.skip_to(word);
    return it != db.spellings_end() && *it == word;
  }

  std::string suggest(const std::string& word) {
    const std::string head = word.substr(0, text::utf8_prefix_bytes(word, 2));
    const std::u32string w = to_u32(word);
    std::string best;
    const size_t limit = max_edits(w.size());
    size_t best_d = limit + 1;
    Xapian::doccount best_f = 0;
    auto it = db.spellings_begin();
    for (it.skip_to(head); it != db.spellings_end(); ++it) {
      const std::string candidate = *it;
      if (candidate.compare(0, head.size(), head) != 0) break;
      size_t d = edit_distance(w, to_u32(candidate), limit);
      if (d > limit) continue;
      Xapian::doccount f = db.get_termfreq("Z" + stemmer(candidate));
      if (d < best_d || (d == best_d && f > best_f)) {
        best = candidate;
        best_d = d;
        best_f = f;
      }
    }
    return best;
  }

  Xapian::Query filtered(Xapian::Query q, const SearchOptions& o) {
    if (!o.domains.empty()) {
      std::vector<Xapian::Query> ds;
      for (const auto& d : o.domains) ds.emplace_back(kPrefixDomain + d);
      q = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(Xapian::Query::OP_OR, ds.begin(), ds.end()));
    }
    for (const auto& t : o.tags)
      q = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(kPrefixTag + lower_utf8(t)));
    return q;
  }

  // Facets: every page's domain and kind, read once from the value slots
  // (a docid-indexed table), so counting a match is two array lookups;
  // Xapian's ValueCountMatchSpy reads both values of every matching document
  // (measured: 0.9 ms of a 2.1 ms match on the 10,000-note corpus).
  struct FacetTable {
    std::vector<std::string> names;     // value -> index
    std::vector<uint16_t> of;           // docid -> index + 1 (0: none)
  };
  FacetTable domain_table, kind_table;
  bool tables_loaded = false;

  void load_tables() {
    if (tables_loaded) return;
    tables_loaded = true;
    Xapian::docid last = db.get_lastdocid();
    for (auto [slot, table] : {std::pair{kSlotDomain, &domain_table}, std::pair{kSlotKind, &kind_table}}) {
      table->of.assign(last + 1, 0);
      std::map<std::string, uint16_t> index;
      for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
        if ((*v).empty()) continue;
        auto [it, added] = index.emplace(*v, static_cast<uint16_t>(table->names.size()));
        if (added) {
          if (table->names.size() >= 65534) continue;
          table->names.push_back(*v);
        }
        if (v.get_docid() <= last) table->of[v.get_docid()] = it->second + 1;
      }
    }
  }

  class FacetSpy : public Xapian::MatchSpy {
   public:
    FacetSpy(const FacetTable& domains, const FacetTable& kinds)
        : d_(domains), k_(kinds), dc_(domains.names.size() + 1), kc_(kinds.names.size() + 1) {}
    void operator()(const Xapian::Document& doc, double) override {
      Xapian::docid did = doc.get_docid();
      if (did < d_.of.size()) ++dc_[d_.of[did]];
      if (did < k_.of.size()) ++kc_[k_.of[did]];
    }
    void add_to(std::map<std::string, std::map<std::string, size_t>>& facets) const {
      for (size_t i = 1; i < dc_.size(); ++i)
        if (dc_[i]) facets["domain"][d_.names[i - 1]] = dc_[i];
      for (size_t i = 1; i < kc_.size(); ++i)
        if (kc_[i]) facets["kind"][k_.names[i - 1]] = kc_[i];
    }

   private:
    const FacetTable& d_;
    const FacetTable& k_;
    std::vector<size_t> dc_, kc_;
  };

  struct Run {
    Xapian::MSet mset;
    std::unique_ptr<FacetSpy> facets;
  };

  // An enquire for `q`, weighted as kb weighs (schema.h).
  Xapian::Enquire enquire_for(const Xapian::Query& q) {
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BM25Weight(kBm25K1, kBm25K2, kBm25K3, kBm25B, kBm25MinNormlen));
    enquire.set_query(q);
    return enquire;
  }

  void run(const Xapian::Query& q, const SearchOptions& o, Run& r) {
    load_tables();
    Xapian::Enquire enquire = enquire_for(q);
    r.facets = std::make_unique<FacetSpy>(domain_table, kind_table);
    enquire.add_matchspy(r.facets.get());
    // Every match is counted, for an exact total and facets.
    r.mset = enquire.get_mset(0, std::min(o.limit, kMaxLimit), db.get_doccount());
  }

  // The matches of `q` whose exact title term (schema.h XE) is `term`, with
  // the weights `q` gives them.
  Xapian::MSet exact_titles(const Xapian::Query& q, const std::string& term, size_t limit) {
    return enquire_for(Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(term))).get_mset(0, limit);
  }
};

Searcher::Searcher() : impl_(std::make_unique<Impl>()) {}
Searcher::~Searcher() = default;

std::unique_ptr<Searcher> Searcher::open(const fs::path& index_dir, std::string& error) {
  std::error_code ec;
  if (!fs::is_directory(index_dir, ec)) {
    error = "no search index at " + index_dir.string() + ": run kb build first, or pass --site DIR of a built site";
    return nullptr;
  }
  std::unique_ptr<Searcher> s(new Searcher());
  try {
    s->impl_->db = Xapian::Database(index_dir.string());
    s->impl_->dir = index_dir;
  } catch (const Xapian::Error& e) {
    error = "cannot open the search index at " + index_dir.string() + ": " + e.get_description() +
            " (rebuild the site with kb build)";
    return nullptr;
  }
  for (const auto& w : stop_words()) s->impl_->stopper.add(w);
  return s;
}

SearchResponse Searcher::search(const SearchOptions& options) {
  SearchResponse out;
  out.query = options.query;
  Impl& m = *impl_;
  try {
    std::string q = normalize_query(options.query);
    if (q.find_first_not_of(' ') == std::string::npos) return out;
    size_t keep_from = std::string::npos;
    std::string suffix;
    if (options.prefix_last) {
      std::string last;
      size_t last_begin = 0, last_end = 0;
      for_each_term(q, [&](const std::string& t, size_t b, size_t e) { last = t; last_begin = b; last_end = e; });
      // A word no indexed term starts with is not being typed further: a
      // finished word, perhaps misspelt, which correction then takes
      // ("kinesis firehouse"), as the browser's engine does. Only a word
      // that starts a token, outside quotes, with no sign or field name.
      const char before = last_begin ? q[last_begin - 1] : ' ';
      const bool quoted = std::count(q.begin(), q.begin() + last_begin, '"') % 2 == 1;
      // At least two characters (not bytes: the browser counts characters).
      const bool two_chars = text::utf8_prefix_bytes(last, 1) < last.size();
      if (last_end == q.size() && two_chars && (before == ' ' || before == '(') && !quoted &&
          m.db.allterms_begin(last) != m.db.allterms_end(last)) {
        keep_from = last_begin;
        suffix = " " + last + "*";
        q += suffix;
      }
    }
    Xapian::Query parsed = m.parse(q);  // the query whose results are shown (marks come from it)
    Xapian::Query query = m.filtered(parsed, options);
    std::string corrected = m.correct(q, keep_from);
    auto run = std::make_unique<Impl::Run>();
    m.run(query, options, *run);
    // A word the index does not know was corrected: the query as typed finds
    // nothing for that word, so run the corrected one and show its results
    // unless it finds fewer pages.
    if (!corrected.empty() && corrected != q) {
      Xapian::Query corrected_parsed = m.parse(corrected);
      Xapian::Query cq = m.filtered(corrected_parsed, options);
      auto second = std::make_unique<Impl::Run>();
      m.run(cq, options, *second);
      if (second->mset.get_matches_estimated() >= std::max<Xapian::doccount>(run->mset.get_matches_estimated(), 1)) {
        run = std::move(second);
        parsed = std::move(corrected_parsed);
        query = std::move(cq);
        // Shown as words one space apart (punctuation read as spaces leaves runs).
        std::string shown;
        for (char c : corrected.substr(0, corrected.size() - suffix.size()))
          if (c != ' ' || (!shown.empty() && shown.back() != ' ')) shown += c;
        while (!shown.empty() && shown.back() == ' ') shown.pop_back();
        out.corrected = shown;
      }
    }
    const Xapian::MSet& mset = run->mset;
    out.total = mset.get_matches_estimated();
    // The words to mark: the query's (the corrected one's when its results
    // are shown), and the word being typed as a prefix.
    std::vector<SnippetTerm> marks = snippet_terms(parsed, m.db, m.stemmer);
    if (!suffix.empty()) marks.push_back({q.substr(keep_from, suffix.size() - 2), 1, true});
    // The results in order, a result titled exactly as the query first.
    struct Hit {
      const Impl::Shown* page;
      double weight;
    };
    std::vector<Hit> hits;
    const size_t limit = std::min(options.limit, kMaxLimit);
    // Wherever it ranks: the index has each page's exact title as a term.
    std::vector<Xapian::docid> exact;
    const std::string exact_term =
        title_key(options.query).empty() ? "" : exact_title_term(out.corrected ? *out.corrected : options.query);
    if (!exact_term.empty() && m.db.term_exists(exact_term)) {
      const Xapian::MSet first = m.exact_titles(query, exact_term, limit);
      for (auto it = first.begin(); it != first.end(); ++it)
        if (const Impl::Shown* page = m.shown_of(it)) hits.push_back({page, it.get_weight()}), exact.push_back(*it);
    }
    for (auto it = mset.begin(); it != mset.end() && hits.size() < limit; ++it)
      if (std::find(exact.begin(), exact.end(), *it) == exact.end())
        if (const Impl::Shown* page = m.shown_of(it)) hits.push_back({page, it.get_weight()});
    for (const Hit& h : hits) {
      const Impl::Shown& page = *h.page;
      SearchResult r;
      r.title = page.title;
      r.url = page.url;
      r.path = page.path;
      r.breadcrumb = page.breadcrumb;
      r.score = h.weight;
      std::string text = m.text_of(page, kSnippetTextBytes);
      // A snippet is looked for in the first 8 KB of a long note (scanning
      // 16 KB of each of 10 results was a third of a search).
      r.snippet = snippet(text, marks, m.stemmer, options.snippet_bytes);
      // No word of the text matched (the title or a tag did): the summary,
      // the query's words in it marked.
      if (r.snippet.empty()) {
        const std::string& summary = page.summary;
        r.snippet = snippet(summary, marks, m.stemmer, std::max(options.snippet_bytes, summary.size()));
        if (r.snippet.empty()) r.snippet = text::html_escape(summary);
      }
      out.results.push_back(std::move(r));
    }
    run->facets->add_to(out.facets);
  } catch (const Xapian::Error& e) {
    out.results.clear();
    out.total = 0;
    out.error = "search failed: " + e.get_description();
  } catch (const std::exception& e) {
    out.results.clear();
    out.total = 0;
    out.error = std::string("search failed: ") + e.what();
  }
  return out;
}

nlohmann::json to_json(const SearchResponse& r) {
  nlohmann::json j;
  j["query"] = r.query;
  j["corrected"] = r.corrected ? nlohmann::json(*r.corrected) : nlohmann::json(nullptr);
  j["total"] = r.total;
  j["results"] = nlohmann::json::array();
  for (const auto& x : r.results)
    j["results"].push_back({{"title", x.title}, {"url", x.url}, {"path", x.path}, {"breadcrumb", x.breadcrumb},
                            {"score", x.score}, {"snippet", x.snippet}});
  j["facets"] = {{"domain", nlohmann::json::object()}, {"kind", nlohmann::json::object()}};
  for (const auto& [facet, values] : r.facets)
    for (const auto& [v, n] : values) j["facets"][facet][v] = n;
  if (!r.error.empty()) j["error"] = r.error;
  return j;
}

}  // namespace kb::search
