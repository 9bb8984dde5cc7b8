// The tokenizer and DocumentBuilder give the terms Xapian's TermGenerator
// gives (STEM_SOME_FULL_POS), so the QueryParser finds what we index.
#include <map>
#include <set>

#include <catch2/catch.hpp>
#include <xapian.h>

#include "search/indexer.h"
#include "search/tokenizer.h"

using kb::search::for_each_term;

namespace {

std::vector<std::string> terms_of(const std::string& text) {
  std::vector<std::string> out;
  for_each_term(text, [&](const std::string& t, size_t, size_t) { out.push_back(t); });
  return out;
}

// term -> (wdf, positions) of a document.
std::map<std::string, std::pair<Xapian::termcount, std::vector<Xapian::termpos>>> dump(const Xapian::Document& d) {
  std::map<std::string, std::pair<Xapian::termcount, std::vector<Xapian::termpos>>> out;
  for (auto it = d.termlist_begin(); it != d.termlist_end(); ++it) {
    auto& e = out[*it];
    e.first = it.get_wdf();
    for (auto p = it.positionlist_begin(); p != it.positionlist_end(); ++p) e.second.push_back(*p);
  }
  return out;
}

const char* kSamples[] = {
    "Hello World",
    "The U.S.A. and the U.N. met at AT&T's office; don't panic.",
    "C++ and C# are languages; fish+chips is not. Version 3.14 and 1,000,000 or 2;3.",
    "Ünïcödé wörds, naïve café, Straße, ΣΊΣΥΦΟΣ, 東京 and emoji 😀 too",
    "snake_case_word and trailing. P.T.O. x.y.z tail-word 'quoted' it’s",
    "a++++ b### c+d e#f g+",
    "Numbers: 10.5, 3.14.15, 1.2.3a, v2 x86_64 0x1F",
    "",
    "   \t\n  ",
    "precision-recall curve, F1-score, k-means, ROC/AUC",
};

}  // namespace

TEST_CASE("for_each_term splits like TermGenerator") {
  CHECK(terms_of("Hello, World!") == std::vector<std::string>{"hello", "world"});
  CHECK(terms_of("U.S.A. rocks") == std::vector<std::string>{"usa", "rocks"});
  CHECK(terms_of("don't AT&T") == std::vector<std::string>{"don't", "at&t"});
  CHECK(terms_of("c++ c# 3.14") == std::vector<std::string>{"c++", "c#", "3.14"});
  CHECK(terms_of("fish+chips") == std::vector<std::string>{"fish", "chips"});
  CHECK(terms_of("Straße") == std::vector<std::string>{"straße"});
}

TEST_CASE("byte offsets point at the words") {
  std::string text = "  Random cut-forest";
  std::vector<std::string> seen;
  for_each_term(text, [&](const std::string&, size_t b, size_t e) { seen.push_back(text.substr(b, e - b)); });
  CHECK(seen == std::vector<std::string>{"Random", "cut", "forest"});
}

TEST_CASE("DocumentBuilder gives TermGenerator's stemmed terms and positions") {
  kb::search::Synonyms none;
  kb::search::DocumentBuilder builder(&none);
  for (const char* sample : kSamples) {
    INFO(sample);
    kb::search::IndexEntry e;
    e.id = "x.md";
    e.text = sample;
    Xapian::Document ours = builder.build(e);

    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME_FULL_POS);
    Xapian::Document theirs;
    tg.set_document(theirs);
    tg.index_text(sample);

    auto a = dump(ours);
    auto b = dump(theirs);
    // Ours adds the boolean and id terms, and the body comes after the empty
    // title field, so positions are shifted by the field gap.
    for (auto& [term, entry] : b) {
      INFO(term);
      REQUIRE(a.count(term) == 1);
      CHECK(a[term].first == entry.first);
      if (term[0] == 'Z' || !kb::search::should_stem(term)) {
        // Stemmed forms and words that are not stemmed keep their positions.
        REQUIRE(a[term].second.size() == entry.second.size());
        for (size_t i = 0; i < entry.second.size(); ++i)
          CHECK(a[term].second[i] - a[term].second[0] == entry.second[i] - entry.second[0]);
      } else {
        // Words with a stemmed form carry no positions of their own (schema.h).
        CHECK(a[term].second.empty());
      }
    }
    for (auto& [term, entry] : a) {
      if (term[0] == 'Q' || term.rfind("XK", 0) == 0) continue;
      INFO(term);
      CHECK(b.count(term) == 1);
    }
  }
}
