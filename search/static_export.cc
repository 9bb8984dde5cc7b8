#include "search/static_export.h"

#include <algorithm>
#include <map>

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "search/schema.h"
#include "search/searcher.h"
#include "search/tokenizer.h"

namespace kb::search {
namespace {

constexpr double kK1 = 1, kK2 = 0, kK3 = 1, kB = 0.5, kMinNormlen = 0.5;  // BM25Weight's defaults

std::string script(const std::string& name, const nlohmann::json& data) {
  return "kbSearchData(" + nlohmann::json(name).dump() + "," +
         data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + ");\n";
}

// The number of leading code points of `s` to key a shard on.
size_t prefix_bytes(std::string_view s, size_t code_points) {
  size_t i = 0;
  while (i < s.size() && code_points > 0) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    --code_points;
  }
  return i;
}

}  // namespace

void append_varint(std::string& out, uint64_t v) {
  while (v >= 32) {
    out += kVarintAlphabet[32 + (v & 31)];
    v >>= 5;
  }
  out += kVarintAlphabet[v];
}

std::string shard_key(std::string_view term) {
  if (term.size() > 1 && term[0] == 'Z') term.remove_prefix(1);
  else if (term.rfind(kPrefixSynonym, 0) == 0) term.remove_prefix(2);
  std::string_view head = term.substr(0, prefix_bytes(term, 2));
  static const char* hex = "0123456789abcdef";
  std::string key;
  for (unsigned char c : head) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      key += static_cast<char>(c);
    } else {
      key += '_';
      key += hex[c >> 4];
      key += hex[c & 15];
    }
  }
  return key.empty() ? "_" : key;
}

bool export_static_index(const std::filesystem::path& index_dir, std::vector<StaticFile>& files,
                         StaticExportStats& stats, std::string& error) {
  try {
    Xapian::Database db(index_dir.string());
    // Xapian::Database is not thread-safe: one handle per thread.
    tbb::enumerable_thread_specific<Xapian::Database> handles([&] { return Xapian::Database(index_dir.string()); });

    // Which terms go to which shard (one pass over the term list), then each
    // shard on its own, in parallel.
    struct Shard {
      std::string key;
      std::vector<std::string> terms;
      std::string file;
      size_t postings = 0, words = 0;
    };
    std::map<std::string, Shard> by_key;
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
      const std::string term = *t;
      if (term.empty()) continue;
      unsigned char c0 = static_cast<unsigned char>(term[0]);
      bool upper = c0 >= 'A' && c0 <= 'Z';
      bool stem_term = term[0] == 'Z' && term.size() > 1 && !(term[1] >= 'A' && term[1] <= 'Z');
      bool synonym = term.rfind(kPrefixSynonym, 0) == 0;
      if (upper && !stem_term && !synonym) continue;  // S, K, XD, XK, Q: not searched by the client
      std::string key = shard_key(term);
      Shard& sh = by_key[key];
      sh.key = key;
      sh.terms.push_back(term);
    }
    std::vector<Shard*> shards;
    for (auto& [key, sh] : by_key) shards.push_back(&sh);
    tbb::parallel_for(size_t(0), shards.size(), [&](size_t i) {
      Shard& sh = *shards[i];
      Xapian::Database& local = handles.local();
      Xapian::Stem stemmer("english");
      nlohmann::json postings = nlohmann::json::object();
      nlohmann::json words = nlohmann::json::object();
      for (const auto& term : sh.terms) {
        bool upper = term[0] >= 'A' && term[0] <= 'Z';
        if (!upper && should_stem(term)) {
          // A word with a stemmed form: its stem is what the client searches.
          std::string stem = stemmer(term);
          nlohmann::json value = stem;
          if (term.compare(0, stem.size(), stem) == 0) value = stem.size();
          words[term] = std::move(value);
          ++sh.words;
          continue;
        }
        std::string p;
        Xapian::docid prev = 0;
        for (auto it = local.postlist_begin(term); it != local.postlist_end(term); ++it) {
          append_varint(p, *it - prev);
          append_varint(p, it.get_wdf());
          prev = *it;
        }
        postings[term] = std::move(p);
        ++sh.postings;
      }
      sh.file = script("t:" + sh.key, {{"p", postings}, {"w", words}});
    });
    nlohmann::json keys = nlohmann::json::array();
    for (Shard* sh : shards) {
      keys.push_back(sh->key);
      stats.terms += sh->postings;
      stats.words += sh->words;
      files.push_back({std::string(kStaticDir) + "/t/" + sh->key + ".js", std::move(sh->file)});
    }
    stats.shards = shards.size();

    std::string dl;
    Xapian::docid last = db.get_lastdocid();
    for (Xapian::docid did = 1; did <= last; ++did) {
      Xapian::termcount len = 0;
      try {
        len = db.get_doclength(did);
      } catch (const Xapian::DocNotFoundError&) {
      }
      append_varint(dl, len);
    }

    nlohmann::json syn = nlohmann::json::object();
    for (auto k = db.synonym_keys_begin(); k != db.synonym_keys_end(); ++k) {
      nlohmann::json list = nlohmann::json::array();
      for (auto s = db.synonyms_begin(*k); s != db.synonyms_end(*k); ++s) list.push_back(*s);
      syn[*k] = list;
    }

    nlohmann::json meta = {{"v", 1},
                           {"n", db.get_doccount()},
                           {"total", db.get_total_length()},
                           {"last", last},
                           {"k1", kK1},
                           {"k2", kK2},
                           {"k3", kK3},
                           {"b", kB},
                           {"min_normlen", kMinNormlen},
                           {"shards", keys},
                           {"stop", stop_words()},
                           {"syn", syn},
                           {"dl", dl},
                           {"docs_per_file", kDocsPerFile}};
    files.push_back({std::string(kStaticDir) + "/meta.js", script("meta", meta)});

    // What a result shows, kDocsPerFile pages to a file: one file per page
    // made the build create 10,000 more files (costly on ext4 right after
    // the previous site was deleted), for a few KB saved per query.
    size_t chunks = (last + kDocsPerFile - 1) / kDocsPerFile;
    size_t first_doc = files.size();
    files.resize(first_doc + chunks);
    tbb::parallel_for(size_t(0), chunks, [&](size_t c) {
      Xapian::Database& local = handles.local();
      nlohmann::json docs = nlohmann::json::object();
      for (Xapian::docid did = c * kDocsPerFile + 1; did <= std::min<Xapian::docid>(last, (c + 1) * kDocsPerFile); ++did) {
        nlohmann::json data;
        try {
          data = nlohmann::json::parse(local.get_document(did).get_data(), nullptr, false);
        } catch (const Xapian::DocNotFoundError&) {
          continue;
        }
        if (!data.is_object()) continue;
        docs[std::to_string(did)] = {{"title", data.value("title", "")},
                                     {"url", data.value("url", "")},
                                     {"breadcrumb", data.value("breadcrumb", "")},
                                     {"summary", data.value("summary", "")}};
      }
      files[first_doc + c] = {std::string(kStaticDir) + "/d/" + std::to_string(c) + ".js",
                              script("d:" + std::to_string(c), docs)};
    });
    for (const auto& f : files) stats.bytes += f.content.size();
  } catch (const Xapian::Error& e) {
    error = "static search index: " + e.get_description();
    return false;
  } catch (const std::exception& e) {
    error = std::string("static search index: ") + e.what();
    return false;
  }
  return true;
}

}  // namespace kb::search
