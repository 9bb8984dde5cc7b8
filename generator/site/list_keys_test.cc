#include "site/list_keys.h"

#include <catch2/catch.hpp>

#include <map>

#include "render/test_site.h"
#include "site/build_keys.h"

using namespace kb;
using kb::render::testing::make_test_site;
using kb::render::testing::TestSite;

namespace {

// Every list's key, by a name for it; `nav` decides whether the navigation
// is windowed.
std::map<std::string, uint64_t> lists_of(TestSite& s, render::NavOptions nav) {
  s.graph = LinkGraph::build(s.corpus, s.diags);
  s.model = render::build_site_model(s.config, s.corpus, s.graph);
  const uint64_t shape = site::shape_key(s.corpus, s.model);
  site::ListKeys k(1, shape, 2, site::listing_key(1, shape, 2, s.corpus, s.model), s.corpus, s.model, nav);
  std::map<std::string, uint64_t> out{{"home", k.home()},           {"site", k.site_page()},
                                      {"all", k.all_notes()},        {"formulas", k.formulas()},
                                      {"matrix", k.matrix()},        {"listing", k.listing()}};
  for (size_t f = 1; f < s.model.folders.size(); ++f) out["folder " + s.model.folders[f].path] = k.folder(f);
  for (size_t f = 0; f < s.model.folders.size(); ++f) out["shard " + s.model.folders[f].path] = k.nav_shard(f);
  for (const auto& [name, tag] : s.model.tags) out["tag " + name] = k.tag(name);
  return out;
}

std::vector<std::string> changed(const std::map<std::string, uint64_t>& a, const std::map<std::string, uint64_t>& b) {
  std::vector<std::string> out;
  for (const auto& [name, key] : a)
    if (b.at(name) != key) out.push_back(name);
  return out;
}

const render::NavOptions kWindowed{1, 1};  // over one note: a window of one

}  // namespace

TEST_CASE("list keys: a renamed note re-renders the lists that show it") {
  auto s = make_test_site();
  auto before = lists_of(*s, kWindowed);
  CHECK(changed(before, lists_of(*s, kWindowed)).empty());
  s->corpus.pages[s->page("data/kinesis.md")].title = "Kinesis Data Streams";
  // Its folder (and its navigation shard), all notes, the exam map on home,
  // and what hashes everything; no tag page (it has no tag), no other folder.
  CHECK(changed(before, lists_of(*s, kWindowed)) ==
        std::vector<std::string>{"all", "folder data", "home", "listing", "shard data"});

  before = lists_of(*s, kWindowed);
  s->corpus.pages[s->page("modeling/metrics/f1 score.md")].title = "F1";
  CHECK(changed(before, lists_of(*s, kWindowed)) ==
        std::vector<std::string>{"all", "folder modeling/metrics", "home", "listing", "tag classification",
                                 "tag metrics"});
}

TEST_CASE("list keys: a new summary re-renders the cards, not the navigation") {
  auto s = make_test_site();
  auto before = lists_of(*s, kWindowed);
  s->corpus.pages[s->page("modeling/metrics/precision.md")].summary = "Another summary.";
  // (It has no domain: the exam map on home does not show it.)
  CHECK(changed(before, lists_of(*s, kWindowed)) ==
        std::vector<std::string>{"all", "folder modeling/metrics", "listing", "tag metrics"});
  // An index note's summary is its folder's description and its parent's card.
  before = lists_of(*s, kWindowed);
  s->corpus.pages[s->page("modeling/index.md")].summary = "All about models.";
  auto now = changed(before, lists_of(*s, kWindowed));
  CHECK(std::find(now.begin(), now.end(), "folder modeling") != now.end());
  CHECK(std::find(now.begin(), now.end(), "home") != now.end());
  CHECK(std::find(now.begin(), now.end(), "folder data") == now.end());
}

TEST_CASE("list keys: on a small site every list shows every title") {
  auto s = make_test_site();
  auto before = lists_of(*s, render::NavOptions{});
  s->corpus.pages[s->page("data/kinesis.md")].title = "Kinesis Data Streams";
  auto now = changed(before, lists_of(*s, render::NavOptions{}));
  for (const char* list : {"site", "tag metrics", "tag basics", "folder modeling/metrics", "formulas", "matrix"})
    CHECK(std::find(now.begin(), now.end(), list) != now.end());
}

TEST_CASE("list keys: an index note's page joins its folder's list") {
  auto s = make_test_site();
  s->graph = LinkGraph::build(s->corpus, s->diags);
  s->model = render::build_site_model(s->config, s->corpus, s->graph);
  const uint64_t shape = site::shape_key(s->corpus, s->model);
  site::ListKeys k(1, shape, 2, 3, s->corpus, s->model, kWindowed);
  CHECK(k.index_page(s->page("index.md")) == k.home());
  CHECK(k.index_page(s->page("modeling/index.md")) == k.folder(s->model.folder_by_path.at("modeling")));
  CHECK(k.folder(0) == k.home());
  CHECK(k.listing() == 3);
}
