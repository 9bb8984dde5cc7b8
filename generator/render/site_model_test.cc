#include "render/site_model.h"

#include <catch2/catch.hpp>

#include "render/test_site.h"

namespace kb::render {
namespace {

using testing::make_test_site;
using testing::TestSite;

std::vector<std::string> titles(const TestSite& s, const std::vector<size_t>& pages) {
  std::vector<std::string> out;
  for (size_t p : pages) out.push_back(s.corpus.pages[p].title);
  return out;
}

TEST_CASE("folders: root first, ancestors created, names from index.md, children by name") {
  auto s = make_test_site();
  const SiteModel& m = s->model;
  REQUIRE(m.folders.size() == 4);
  CHECK(m.folders[0].path == "");
  CHECK(m.folders[0].url == "index.html");
  CHECK(m.folders[0].index_page == s->page("index.md"));
  CHECK(m.folders[0].name == "Study guide");

  const Folder& modeling = m.folders[m.folder_by_path.at("modeling")];
  CHECK(modeling.name == "Modeling");
  CHECK(modeling.url == "modeling/index.html");
  CHECK(modeling.index_page == s->page("modeling/index.md"));
  CHECK(modeling.depth == 1);
  CHECK(modeling.total_notes == 3);

  const Folder& data = m.folders[m.folder_by_path.at("data")];
  CHECK(data.name == "data");  // no index.md: the folder's own name
  CHECK(data.url == "data/index.html");
  CHECK_FALSE(data.index_page);

  const Folder& metrics = m.folders[m.folder_by_path.at("modeling/metrics")];
  CHECK(metrics.url == "modeling/metrics/index.html");
  CHECK(metrics.parent == m.folder_by_path.at("modeling"));
  CHECK(metrics.depth == 2);

  // "data" < "Modeling" case-insensitively.
  std::vector<std::string> root_children;
  for (size_t c : m.folders[0].children) root_children.push_back(m.folders[c].name);
  CHECK(root_children == std::vector<std::string>{"data", "Modeling"});
  CHECK(m.folders[0].total_notes == 5);
}

TEST_CASE("a folder's index.md order places it before folders sorted by name") {
  auto s = make_test_site();
  s->corpus.pages[s->page("modeling/index.md")].meta.order = 1;
  SiteModel m = build_site_model(s->config, s->corpus, s->graph);
  std::vector<std::string> root_children;
  for (size_t c : m.folders[0].children) root_children.push_back(m.folders[c].name);
  CHECK(root_children == std::vector<std::string>{"Modeling", "data"});
}

TEST_CASE("pages in a folder: order first, then title, index pages left out") {
  auto s = make_test_site();
  const SiteModel& m = s->model;
  const Folder& metrics = m.folders[m.folder_by_path.at("modeling/metrics")];
  CHECK(titles(*s, metrics.pages) == std::vector<std::string>{"Precision", "F1 score"});
  CHECK(titles(*s, m.folders[0].pages) == std::vector<std::string>{"Intro <b>&</b> basics"});
}

TEST_CASE("reading order is depth-first and position maps back to it") {
  auto s = make_test_site();
  const SiteModel& m = s->model;
  CHECK(titles(*s, m.reading_order) ==
        std::vector<std::string>{"Intro <b>&</b> basics", "Kinesis", "XGBoost", "Precision", "F1 score"});
  for (size_t i = 0; i < m.reading_order.size(); ++i) CHECK(m.position[m.reading_order[i]] == i);
  CHECK(m.position[s->page("index.md")] == static_cast<size_t>(-1));
  CHECK(m.position[s->page("modeling/index.md")] == static_cast<size_t>(-1));
}

TEST_CASE("tags: url from the slug, pages by title") {
  auto s = make_test_site();
  const SiteModel& m = s->model;
  REQUIRE(m.tags.count("metrics"));
  CHECK(m.tags.at("metrics").url == "tags/metrics.html");
  CHECK(titles(*s, m.tags.at("metrics").pages) == std::vector<std::string>{"F1 score", "Precision"});
  CHECK(m.tags.at("basics").pages.size() == 1);
  CHECK(m.tags.size() == 3);
}

TEST_CASE("tag slugs that collide, or name the tags index, get a suffix") {
  Config config;
  Corpus corpus;
  corpus.pages.push_back(testing::make_page("a.md", "A", "a.html"));
  corpus.pages.back().meta.tags = {"c#", "c++", "index"};
  Diagnostics diags;
  LinkGraph graph = LinkGraph::build(corpus, diags);
  SiteModel m = build_site_model(config, corpus, graph);
  CHECK(m.tags.at("c#").url == "tags/c.html");
  CHECK(m.tags.at("c++").url == "tags/c-2.html");
  CHECK(m.tags.at("index").url == "tags/index-2.html");
}

TEST_CASE("an empty corpus has just the root folder") {
  Config config;
  config.title = "Empty";
  Corpus corpus;
  Diagnostics diags;
  LinkGraph graph = LinkGraph::build(corpus, diags);
  SiteModel m = build_site_model(config, corpus, graph);
  REQUIRE(m.folders.size() == 1);
  CHECK(m.folders[0].name == "Empty");
  CHECK(m.reading_order.empty());
  CHECK(m.tags.empty());
}

TEST_CASE("title_less folds ASCII case and is a strict order") {
  CHECK(title_less("apple", "Banana"));
  CHECK_FALSE(title_less("Banana", "apple"));
  CHECK(title_less("AUC", "auc"));  // ties broken bytewise
  CHECK_FALSE(title_less("auc", "AUC"));
  CHECK_FALSE(title_less("x", "x"));
}

}  // namespace
}  // namespace kb::render
