#include <catch2/catch.hpp>

#include "search/indexer.h"
#include "search/synonyms.h"

using kb::search::parse_synonyms;

TEST_CASE("synonym groups are read from TOML") {
  kb::Diagnostics diags;
  auto s = parse_synonyms("auc = [\"area under the curve\"]\n\"Random cut forest\" = \"RCF\"\n[metrics]\nrecall = [\"sensitivity\", \"TPR\"]\n",
                          "synonyms.toml", diags);
  REQUIRE(s);
  CHECK(!diags.has_errors());
  REQUIRE(s->groups.size() == 3);
  bool seen_rcf = false;
  for (const auto& g : s->groups) {
    if (g.id == "random_cut_forest") {
      seen_rcf = true;
      CHECK(g.phrases == std::vector<std::string>{"Random cut forest", "RCF"});
    }
  }
  CHECK(seen_rcf);
}

TEST_CASE("bad synonym files are errors with their place") {
  kb::Diagnostics diags;
  CHECK_FALSE(parse_synonyms("auc = 3\n", "s.toml", diags));
  CHECK(diags.report().find("s.toml:1:1:") != std::string::npos);
  kb::Diagnostics d2;
  CHECK_FALSE(parse_synonyms("auc = [\"x\", 4]\n", "s.toml", d2));
  CHECK(d2.report().find("must be strings") != std::string::npos);
  kb::Diagnostics d3;
  CHECK_FALSE(parse_synonyms("auc = [\n", "s.toml", d3));
  CHECK(d3.has_errors());
}

TEST_CASE("a missing synonyms file is no synonyms") {
  kb::Diagnostics diags;
  auto s = kb::search::load_synonyms("/nonexistent/synonyms.toml", diags);
  REQUIRE(s);
  CHECK(s->groups.empty());
  CHECK(!diags.has_errors());
}

TEST_CASE("the synonym table maps phrases and stems to the group term") {
  kb::Diagnostics diags;
  auto s = parse_synonyms("recall = [\"sensitivity\", \"true positive rate\"]\n", "s.toml", diags);
  REQUIRE(s);
  auto table = kb::search::synonym_table(*s);
  auto has = [&](const std::string& k) {
    for (auto& [key, value] : table)
      if (key == k) return value == "XSrecall";
    return false;
  };
  CHECK(has("recall"));
  CHECK(has("Zrecal"));
  CHECK(has("sensitivity"));
  CHECK(has("Zsensit"));
  CHECK(has("true positive rate"));
}
