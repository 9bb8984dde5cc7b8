#include "kernels/text.h"

#include <catch2/catch.hpp>

using namespace kb::kernels;
using Catch::Matchers::Contains;

TEST_CASE("tokenize splits on punctuation, keeps inner apostrophes and folds case") {
  CHECK(tokenize("Don't stop-believing, 2 times!") ==
        std::vector<std::string>{"don't", "stop", "believing", "2", "times"});
  CHECK(tokenize("Caf\xC3\xA9 au lait") == std::vector<std::string>{"caf\xC3\xA9", "au", "lait"});
  TokenizeOptions o;
  o.keep_numbers = false;
  o.min_length = 3;
  o.lowercase = false;
  CHECK(tokenize("In 2024 the AWS exam", o) == std::vector<std::string>{"the", "AWS", "exam"});
  CHECK(tokenize("").empty());
  CHECK(tokenize("'quoted'") == std::vector<std::string>{"quoted"});
}

TEST_CASE("stop words are removed") {
  CHECK(remove_stop_words({"the", "cat", "is", "on", "the", "mat"}) == std::vector<std::string>{"cat", "mat"});
  CHECK(remove_stop_words({"a", "b"}, {"b"}) == std::vector<std::string>{"a"});
  CHECK(std::is_sorted(kb::text::english_stop_words().begin(), kb::text::english_stop_words().end()));
}

TEST_CASE("Porter stemmer reproduces the examples of Porter (1980)") {
  const std::vector<std::pair<const char*, const char*>> cases = {
      // step 1a
      {"caresses", "caress"}, {"ponies", "poni"}, {"ties", "ti"}, {"caress", "caress"}, {"cats", "cat"},
      // step 1b
      {"feed", "feed"}, {"agreed", "agre"}, {"plastered", "plaster"}, {"bled", "bled"}, {"motoring", "motor"},
      {"sing", "sing"}, {"conflated", "conflat"}, {"troubled", "troubl"}, {"sized", "size"}, {"hopping", "hop"},
      {"tanned", "tan"}, {"falling", "fall"}, {"hissing", "hiss"}, {"fizzed", "fizz"}, {"failing", "fail"},
      {"filing", "file"},
      // step 1c
      {"happy", "happi"}, {"sky", "sky"},
      // step 2
      {"relational", "relat"}, {"conditional", "condit"}, {"rational", "ration"}, {"valenci", "valenc"},
      {"hesitanci", "hesit"}, {"digitizer", "digit"}, {"conformabli", "conform"}, {"radicalli", "radic"},
      {"differentli", "differ"}, {"vileli", "vile"}, {"analogousli", "analog"}, {"vietnamization", "vietnam"},
      {"predication", "predic"}, {"operator", "oper"}, {"feudalism", "feudal"}, {"decisiveness", "decis"},
      {"hopefulness", "hope"}, {"callousness", "callous"}, {"formaliti", "formal"}, {"sensitiviti", "sensit"},
      {"sensibiliti", "sensibl"},
      // step 3
      {"triplicate", "triplic"}, {"formative", "form"}, {"formalize", "formal"}, {"electriciti", "electr"},
      {"electrical", "electr"}, {"hopeful", "hope"}, {"goodness", "good"},
      // step 4
      {"revival", "reviv"}, {"allowance", "allow"}, {"inference", "infer"}, {"airliner", "airlin"},
      {"gyroscopic", "gyroscop"}, {"adjustable", "adjust"}, {"defensible", "defens"}, {"irritant", "irrit"},
      {"replacement", "replac"}, {"adjustment", "adjust"}, {"dependent", "depend"}, {"adoption", "adopt"},
      {"homologou", "homolog"}, {"communism", "commun"}, {"activate", "activ"}, {"angulariti", "angular"},
      {"homologous", "homolog"}, {"effective", "effect"}, {"bowdlerize", "bowdler"},
      // step 5
      {"probate", "probat"}, {"rate", "rate"}, {"cease", "ceas"}, {"controll", "control"}, {"roll", "roll"},
      // whole words through every step
      {"generalizations", "gener"}, {"oscillators", "oscil"}, {"running", "run"}, {"streaming", "stream"},
      {"is", "is"}, {"a", "a"}};
  for (const auto& [word, stem] : cases) {
    INFO(word);
    CHECK(porter_stem(word) == stem);
  }
  CHECK(porter_stem("Running") == "Running");  // not lower-case ASCII: untouched
}

TEST_CASE("n-grams join consecutive tokens") {
  auto bigrams = ngrams({"machine", "learning", "exam"}, 2);
  REQUIRE(bigrams.ok());
  CHECK(*bigrams == std::vector<std::string>{"machine learning", "learning exam"});
  CHECK(ngrams({"one"}, 2)->empty());
  CHECK_THAT(ngrams({"x"}, 0).error, Contains("n must be at least 1"));
}

TEST_CASE("text pipeline runs the steps in order") {
  auto p = process_text("The models were training quickly");
  REQUIRE(p.ok());
  CHECK(p->tokens == std::vector<std::string>{"the", "models", "were", "training", "quickly"});
  CHECK(p->without_stop == std::vector<std::string>{"models", "training", "quickly"});
  CHECK(p->stems == std::vector<std::string>{"model", "train", "quickli"});
  CHECK(p->terms == p->stems);
}

TEST_CASE("TF-IDF matches a hand computation (smooth idf, l2 rows)") {
  // d1 = "cat sat", d2 = "cat cat dog"; N = 2.
  // idf(cat) = ln(3/3) + 1 = 1; idf(dog) = idf(sat) = ln(3/2) + 1 = 1.4054651081081644.
  // d1 = (cat 1, sat 1.405465) / 1.724916; d2 = (cat 2, dog 1.405465) / 2.444466.
  auto r = tfidf({{"cat", "sat"}, {"cat", "cat", "dog"}});
  REQUIRE(r.ok());
  CHECK(r->terms == std::vector<std::string>{"cat", "dog", "sat"});
  CHECK(r->document_frequency == std::vector<int>{2, 1, 1});
  CHECK(r->idf[0] == Approx(1.0));
  CHECK(r->idf[1] == Approx(1.4054651081081644));
  CHECK(r->matrix(0, 0) == Approx(0.5797386715376657));
  CHECK(r->matrix(0, 1) == 0);
  CHECK(r->matrix(0, 2) == Approx(0.8148024746671689));
  CHECK(r->matrix(1, 0) == Approx(0.8181802073667197));
  CHECK(r->matrix(1, 1) == Approx(0.5749618667993135));
  CHECK(r->matrix(1, 2) == 0);
  // Raw weights without normalisation or smoothing: tf · (ln(N/df) + 1).
  auto raw = tfidf({{"cat", "sat"}, {"cat", "cat", "dog"}}, {false, false, false});
  REQUIRE(raw.ok());
  CHECK(raw->matrix(1, 0) == Approx(2.0));
  CHECK(raw->matrix(1, 1) == Approx(std::log(2.0) + 1));
  auto sub = tfidf({{"cat", "sat"}, {"cat", "cat", "dog"}}, {true, true, false});
  CHECK(sub->matrix(1, 0) == Approx(1 + std::log(2.0)));
}

TEST_CASE("TF-IDF rejects an empty corpus and keeps empty documents as zero rows") {
  CHECK_THAT(tfidf({}).error, Contains("no documents"));
  CHECK_THAT(tfidf({{}, {}}).error, Contains("no terms"));
  auto r = tfidf({{"a"}, {}});
  REQUIRE(r.ok());
  CHECK(r->matrix.row(1).norm() == 0);
}
