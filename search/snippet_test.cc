#include "search/snippet.h"

#include <catch2/catch.hpp>

using kb::search::snippet;
using kb::search::SnippetTerm;

namespace {
const Xapian::Stem english("english");
std::vector<SnippetTerm> stems(std::initializer_list<const char*> words) {
  std::vector<SnippetTerm> out;
  for (const char* w : words) out.push_back({english(w), 1});
  return out;
}
}  // namespace

TEST_CASE("snippet: the words that matched are marked, in any form the stem takes") {
  CHECK(snippet("Shards carry records. Resharding splits a shard.", stems({"shard"}), english, 200) ==
        "<mark>Shards</mark> carry records. Resharding splits a <mark>shard</mark>.");
  CHECK(snippet("A happy model", stems({"happiness"}), english, 200) == "A <mark>happy</mark> model");
  CHECK(snippet("Nothing here", stems({"kinesis"}), english, 200) == "");
  CHECK(snippet("", stems({"kinesis"}), english, 200) == "");
}

TEST_CASE("snippet: the window holding the most of the query is chosen, cut at words") {
  std::string text = "Kinesis appears first. " + std::string(400, 'x') + " Later Kinesis Firehose buffers records " +
                     "and Firehose delivers them. " + std::string(400, 'y');
  std::string s = snippet(text, stems({"kinesis", "firehose"}), english, 120);
  CHECK(s.find("<mark>Kinesis</mark> <mark>Firehose</mark>") != std::string::npos);
  CHECK(s.rfind("\u2026", 0) == 0);                  // text before it was cut
  CHECK(s.size() > 3);
  CHECK(s.compare(s.size() - 3, 3, "\u2026") == 0);  // and after it
  CHECK(s.find("xxx") == std::string::npos);
}

TEST_CASE("snippet: rarer words outweigh common ones") {
  std::vector<SnippetTerm> terms = {{english("data"), 0.1}, {english("firehose"), 3}};
  std::string text = "data data data data. " + std::string(300, 'z') + " one firehose here";
  CHECK(snippet(text, terms, english, 60).find("<mark>firehose</mark>") != std::string::npos);
}

TEST_CASE("snippet: a prefix marks the word being typed, and text is escaped") {
  std::vector<SnippetTerm> terms = {{"kines", 1, true}};
  CHECK(snippet("Use <Kinesis> & more", terms, english, 200) == "Use &lt;<mark>Kinesis</mark>&gt; &amp; more");
}

TEST_CASE("snippet: snippet_terms reads stems and titles, not tags or domains") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document doc;
  doc.add_term("Zshard");
  doc.add_term("Ktag");
  db.add_document(doc);
  std::vector<Xapian::Query> parts = {Xapian::Query("Zshard"), Xapian::Query("ZSrecord"), Xapian::Query("Ktag"),
                                      Xapian::Query("XDmodeling")};
  Xapian::Query q(Xapian::Query::OP_OR, parts.begin(), parts.end());
  auto terms = kb::search::snippet_terms(q, db, english);
  REQUIRE(terms.size() == 2);
  CHECK(terms[0].stem == "record");
  CHECK(terms[1].stem == "shard");
}

TEST_CASE("snippet: words are whole words, whatever characters surround them") {
  // A term's start inside a word is no match, beside a letter beyond ASCII
  // as beside an ASCII one; punctuation beyond ASCII ends a word.
  CHECK(snippet("éKinesis and reKinesis", stems({"kinesis"}), english, 200) == "");
  CHECK(snippet("—Kinesis, «Kinesis»", stems({"kinesis"}), english, 200) ==
        "—<mark>Kinesis</mark>, «<mark>Kinesis</mark>»");
  // A word that goes on beyond ASCII is read whole ("kinesisé" is not "kinesis").
  CHECK(snippet("Kinesisé", stems({"kinesis"}), english, 200) == "");
  // Terms beyond ASCII match their words in any case.
  CHECK(snippet("λ · Σ abs(wᵢ) and σ", {{"σ", 1}}, english, 200) == "λ · <mark>Σ</mark> abs(wᵢ) and <mark>σ</mark>");
  CHECK(snippet("Über naïve", stems({"naïve", "über"}), english, 200) == "<mark>Über</mark> <mark>naïve</mark>");
}
