#include "kernels/topics.h"

#include "kernels/data_generators.h"
#include "kernels/text.h"

#include <catch2/catch.hpp>

#include <map>

using namespace kb::kernels;
using Catch::Matchers::Contains;

TEST_CASE("LDA finds the topics of a generated corpus") {
  auto corpus = make_corpus({30, 40, 3, 0.95, 0.3, 8});
  REQUIRE(corpus.ok());
  std::vector<std::vector<std::string>> docs;
  for (const std::string& d : corpus->documents) docs.push_back(remove_stop_words(tokenize(d)));
  LdaOptions o;
  o.topics = 3;
  o.iterations = 200;
  auto r = lda(docs, o);
  REQUIRE(r.ok());
  CHECK(r->topic_word.rows() == 3);
  for (int k = 0; k < 3; ++k) CHECK(r->topic_word.row(k).sum() == Approx(1.0));
  for (Eigen::Index d = 0; d < r->document_topic.rows(); ++d) CHECK(r->document_topic.row(d).sum() == Approx(1.0));
  // Documents drawn from the same true topic share their dominant LDA topic,
  // and different true topics get different ones.
  std::map<int, std::map<Eigen::Index, int>> votes;
  for (size_t d = 0; d < docs.size(); ++d) {
    Eigen::Index best;
    r->document_topic.row(d).maxCoeff(&best);
    ++votes[corpus->topic_of_document[d]][best];
  }
  std::map<Eigen::Index, int> owner;
  for (const auto& [truth, counts] : votes) {
    auto top = std::max_element(counts.begin(), counts.end(),
                                [](const auto& a, const auto& b) { return a.second < b.second; });
    CHECK(top->second >= 9);  // of 10 documents per topic
    owner[top->first] = truth;
  }
  CHECK(owner.size() == 3);
  CHECK(r->log_likelihood.back() > r->log_likelihood.front());
  CHECK(r->top_words[0].size() == 8);
  auto again = lda(docs, o);
  CHECK(again->top_words == r->top_words);
}

TEST_CASE("LDA rejects bad input") {
  CHECK_THAT(lda({}).error, Contains("no documents"));
  CHECK_THAT(lda({{}}).error, Contains("no terms"));
  LdaOptions o;
  o.alpha = 0;
  CHECK_THAT(lda({{"a"}}, o).error, Contains("alpha"));
  o = {};
  o.topics = 0;
  CHECK_FALSE(lda({{"a"}}, o).ok());
}
