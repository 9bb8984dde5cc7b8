#include "site/site_graph.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "render/test_site.h"

using namespace kb;
using kb::render::testing::make_test_site;

namespace {

// The JSON argument of a script-loaded data file: `fn(...,{json});`.
nlohmann::json data_of(const std::string& js) {
  size_t open = js.find('{'), close = js.rfind('}');
  return nlohmann::json::parse(js.substr(open, close - open + 1));
}

}  // namespace

// The test site's links: xgboost -> f1, f1 -> precision, precision -> f1.
TEST_CASE("site graph: groups by domain, else by top folder, and links once without self links") {
  auto s = make_test_site();
  s->graph = LinkGraph::build(s->corpus, s->diags);
  site::NoteGraph g = site::note_graph(s->config, s->corpus, s->graph);
  CHECK(g.groups[g.group_of[s->page("intro.md")]] == "Modeling");          // its domain's title
  CHECK(g.groups[g.group_of[s->page("data/kinesis.md")]] == "Data Engineering");
  CHECK(g.groups[g.group_of[s->page("modeling/xgboost.md")]] == "modeling");  // no domain: its top folder
  CHECK(g.groups[g.group_of[s->page("index.md")]] == "Top level");
  const uint32_t f1 = s->page("modeling/metrics/f1 score.md"), precision = s->page("modeling/metrics/precision.md");
  CHECK(g.adjacency[f1].size() == 2);
  CHECK(g.adjacency[precision] == std::vector<uint32_t>{f1});
  CHECK(g.adjacency[s->page("intro.md")].empty());

  auto data = data_of(site::site_graph_js(g, s->corpus));
  CHECK(data["x"].size() == s->corpus.pages.size());
  CHECK(data["l"].size() == 4);  // two pairs: f1-xgboost, f1-precision
  CHECK(data["u"][f1] == "modeling/metrics/f1-score.html");
  CHECK(data["groups"].size() == g.groups.size());
}

TEST_CASE("local graph: its neighbours within two links, hrefs relative to the note") {
  auto s = make_test_site();
  s->graph = LinkGraph::build(s->corpus, s->diags);
  site::NoteGraph g = site::note_graph(s->config, s->corpus, s->graph);
  const size_t precision = s->page("modeling/metrics/precision.md");
  CHECK(render::note_data_url(s->corpus.pages[precision].url) == "assets/notes/modeling/metrics/precision.js");
  auto data = nlohmann::json::parse(site::local_graph_json(g, s->corpus, precision));
  REQUIRE(data["n"].size() == 3);  // itself, F1 score, then XGBoost two links away
  CHECK(data["n"][0][4] == "Precision");
  CHECK(data["n"][0][5] == "");
  CHECK(data["n"][1][4] == "F1 score");
  CHECK(data["n"][1][5] == "f1-score.html");
  CHECK(data["n"][2][2] == 2);
  CHECK(data["n"][2][5] == "../xgboost.html");
}

TEST_CASE("local graph key: follows notes two links away, not the rest of the site") {
  auto s = make_test_site();
  s->graph = LinkGraph::build(s->corpus, s->diags);
  const size_t precision = s->page("modeling/metrics/precision.md");
  auto key = [&] {
    return site::local_graph_key(site::note_graph(s->config, s->corpus, s->graph), s->corpus, precision, 1);
  };
  const uint64_t before = key();
  s->corpus.pages[s->page("data/kinesis.md")].title = "Kinesis Data Streams";  // not linked
  CHECK(key() == before);
  s->corpus.pages[s->page("modeling/xgboost.md")].title = "XGBoost 2";  // two links away
  CHECK(key() != before);
  const uint64_t site = site::site_graph_key(site::note_graph(s->config, s->corpus, s->graph), s->corpus, 1);
  s->corpus.pages[s->page("data/kinesis.md")].meta.tags = {"streaming"};
  CHECK(site::site_graph_key(site::note_graph(s->config, s->corpus, s->graph), s->corpus, 1) != site);
}

TEST_CASE("site graph: a layout remembered for the same notes and links, made anew for others") {
  auto s = make_test_site();
  s->graph = LinkGraph::build(s->corpus, s->diags);
  site::NoteGraph g = site::note_graph(s->config, s->corpus, s->graph);
  site::NoteGraph linked = g;  // one more link: kinesis -> intro
  linked.links.emplace_back(s->page("data/kinesis.md"), s->page("intro.md"));
  site::GraphLayout kept;  // as a watch session keeps it
  const auto first = data_of(site::site_graph_js(linked, s->corpus, &kept));
  const auto plain = data_of(site::site_graph_js(g, s->corpus, &kept));
  CHECK(plain["x"] != first["x"]);  // another graph, other positions
  CHECK(data_of(site::site_graph_js(linked, s->corpus, &kept)) == first);
  // A new title: the same positions, the new title.
  s->corpus.pages[s->page("intro.md")].title = "Start here";
  const auto retitled = data_of(site::site_graph_js(g, s->corpus, &kept));
  CHECK(retitled["x"] == plain["x"]);
  CHECK(retitled["y"] == plain["y"]);
  CHECK(retitled != plain);
}
