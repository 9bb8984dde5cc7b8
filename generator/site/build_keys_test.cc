#include "site/build_keys.h"

#include <catch2/catch.hpp>

#include "core/file.h"
#include "render/test_site.h"
#include "site/key_memo.h"

using namespace kb;
using kb::render::testing::make_test_site;
using kb::render::testing::TestSite;

namespace {

std::vector<uint64_t> keys_of(TestSite& s) {
  s.graph = LinkGraph::build(s.corpus, s.diags);
  s.model = render::build_site_model(s.config, s.corpus, s.graph);
  EmbedEdges embeds = embed_edges(s.corpus, s.graph);
  return site::compute_keys(s.config, true, s.corpus, s.graph, embeds, s.model, render::NavOptions{}).pages;
}

// Which pages' keys differ between two runs, by source.
std::vector<std::string> changed(const TestSite& s, const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  std::vector<std::string> out;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) out.push_back(s.corpus.pages[i].source);
  return out;
}

}  // namespace

TEST_CASE("keys: fields are length-prefixed and hashes stable") {
  CHECK(site::KeyHasher().add("ab").add("c").value() != site::KeyHasher().add("a").add("bc").value());
  CHECK(site::KeyHasher().add("x").value() == site::KeyHasher().add("x").value());
  CHECK(site::content_hash("page") == site::content_hash("page"));
  CHECK(site::content_hash("page") != site::content_hash("page "));
}

TEST_CASE("keys: kb's own key is its build id, read from memory") {
  // This test binary, like kb, is linked with a build id (the toolchain's
  // default): the key is that id's hash, not the hash of the file.
  const uint64_t key = site::binary_key();
  CHECK(key != 0);
  CHECK(key == site::binary_key());
  auto exe = file::read_file("/proc/self/exe");
  REQUIRE(exe);
  CHECK(key != site::content_hash(*exe));
}

TEST_CASE("keys: a body edit changes its own page only") {
  auto s = make_test_site();
  auto before = keys_of(*s);
  s->corpus.pages[s->page("modeling/metrics/f1 score.md")].source_hash = 99;
  CHECK(changed(*s, before, keys_of(*s)) == std::vector<std::string>{"modeling/metrics/f1 score.md"});
}

TEST_CASE("keys: a new summary changes the pages that show it") {
  auto s = make_test_site();
  auto before = keys_of(*s);
  s->corpus.pages[s->page("modeling/metrics/f1 score.md")].summary = "Something else.";
  // Its own page, the pages linking to it (link titles) and the one it links
  // to (a backlink card).
  CHECK(changed(*s, before, keys_of(*s)) ==
        std::vector<std::string>{"modeling/metrics/f1 score.md", "modeling/metrics/precision.md", "modeling/xgboost.md"});
}

TEST_CASE("keys: a renamed heading changes the pages linking to the note") {
  auto s = make_test_site();
  auto before = keys_of(*s);
  s->corpus.pages[s->page("modeling/metrics/f1 score.md")].headings[1].text = "Meaning";
  auto now = changed(*s, before, keys_of(*s));
  CHECK(std::find(now.begin(), now.end(), "modeling/xgboost.md") != now.end());
  CHECK(std::find(now.begin(), now.end(), "data/kinesis.md") == now.end());
}

TEST_CASE("keys: on a small site a new title reaches every navigation") {
  auto s = make_test_site();
  auto before = keys_of(*s);
  s->corpus.pages[s->page("modeling/xgboost.md")].title = "XGBoost 2";
  CHECK(changed(*s, before, keys_of(*s)).size() == s->corpus.pages.size());
}

TEST_CASE("keys: a new tag changes the shape of the site") {
  auto s = make_test_site();
  uint64_t before = site::shape_key(s->corpus, s->model);
  s->corpus.pages[s->page("data/kinesis.md")].meta.tags.push_back("streaming");
  s->graph = LinkGraph::build(s->corpus, s->diags);
  s->model = render::build_site_model(s->config, s->corpus, s->graph);
  CHECK(site::shape_key(s->corpus, s->model) != before);
}

TEST_CASE("keys: a practice question's explanation link makes its page follow the target's headings") {
  auto s = make_test_site();
  // data/kinesis.md does not link f1 score; its question's explanation does.
  content::Quiz q;
  q.links.push_back({"F1 score", "Meaning", 9, 1});
  s->corpus.pages[s->page("data/kinesis.md")].quizzes.push_back(q);
  auto before = keys_of(*s);
  s->corpus.pages[s->page("modeling/metrics/f1 score.md")].headings[1].text = "Meaning";
  auto now = changed(*s, before, keys_of(*s));
  CHECK(std::find(now.begin(), now.end(), "data/kinesis.md") != now.end());
}
