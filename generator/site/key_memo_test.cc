#include "site/key_memo.h"

#include <catch2/catch.hpp>

#include "render/test_site.h"

using namespace kb;
using kb::render::testing::make_test_site;
using kb::render::testing::TestSite;

namespace {

EmbedEdges chain(size_t pages, std::vector<std::pair<size_t, size_t>> edges) {
  EmbedEdges out(pages);
  for (auto [from, to] : edges) out[from].push_back(EmbedEdge{0, to});
  return out;
}

site::KeyMemo memo_of(TestSite& s) {
  s.graph = LinkGraph::build(s.corpus, s.diags);
  s.model = render::build_site_model(s.config, s.corpus, s.graph);
  s.model.history.assign(s.corpus.pages.size(), render::PageHistory{});
  return site::compute_keys(s.config, true, s.corpus, s.graph, embed_edges(s.corpus, s.graph), s.model,
                            render::NavOptions{});
}

// Edits page `source` with `edit`, patches the graph as a session does and
// checks that update_keys() gives what compute_keys() does; returns how many
// pages it hashed.
template <typename Edit>
size_t check_update(const std::string& source, Edit edit) {
  auto s = make_test_site();
  site::KeyMemo held = memo_of(*s);
  const size_t i = s->page(source);
  std::vector<Page> before{s->corpus.pages[i]};
  edit(s->corpus.pages[i]);
  Diagnostics diags;
  s->graph = LinkGraph::patch(std::move(s->graph), s->corpus, {i}, before, diags);
  EmbedEdges embeds = embed_edges(s->corpus, s->graph);
  site::KeyMemo updated =
      site::update_keys(std::move(held), {i}, before, s->config, true, s->corpus, s->graph, embeds, s->model, {});
  site::KeyMemo fresh = site::compute_keys(s->config, true, s->corpus, s->graph, embeds, s->model, {});
  CHECK(updated.build == fresh.build);
  CHECK(updated.shape == fresh.shape);
  CHECK(updated.listing == fresh.listing);
  CHECK(updated.meta == fresh.meta);
  CHECK(updated.pages == fresh.pages);
  return updated.rekeyed;
}

}  // namespace

TEST_CASE("key memo: the pages to re-key are the changed ones and those embedding them, as deep as embeds go") {
  // 0 embeds 1 embeds 2 embeds 3; 4 embeds 2; 5 embeds nothing.
  EmbedEdges embeds = chain(6, {{0, 1}, {1, 2}, {2, 3}, {4, 2}});
  CHECK(site::pages_to_rekey(embeds, 2, {3}, {}) == std::vector<size_t>{1, 2, 3, 4});
  CHECK(site::pages_to_rekey(embeds, 3, {3}, {}) == std::vector<size_t>{0, 1, 2, 3, 4});
  // `also` joins as it is, without the pages embedding it.
  CHECK(site::pages_to_rekey(embeds, 3, {5}, {2}) == std::vector<size_t>{2, 5});
  // A cycle ends.
  CHECK(site::pages_to_rekey(chain(2, {{0, 1}, {1, 0}}), 5, {0}, {}) == std::vector<size_t>{0, 1});
}

TEST_CASE("key memo: a body edit re-keys its own page, and the keys are a clean computation's") {
  CHECK(check_update("modeling/metrics/f1 score.md", [](Page& p) { p.source_hash = 99; }) == 1);
}

TEST_CASE("key memo: a new summary re-keys the pages that show it") {
  CHECK(check_update("modeling/metrics/f1 score.md", [](Page& p) {
          p.source_hash = 98;
          p.summary = "Something else.";
        }) == 3);
}

TEST_CASE("key memo: a renamed heading re-keys the pages linking to it") {
  CHECK(check_update("modeling/metrics/f1 score.md", [](Page& p) {
          p.source_hash = 97;
          p.headings[1].text = "Meaning";
          p.headings[1].id = "meaning";
        }) >= 2);
}

TEST_CASE("key memo: a new title or tag is a clean computation") {
  auto n = make_test_site()->corpus.pages.size();
  CHECK(check_update("modeling/xgboost.md", [](Page& p) { p.title = "XGBoost 2"; }) == n);
  CHECK(check_update("data/kinesis.md", [](Page& p) { p.meta.tags.push_back("streaming"); }) == n);
}
