#include "site/local_graph_keys.h"

#include <catch2/catch.hpp>

#include <random>
#include <set>

using namespace kb;

namespace {

// A site of `n` notes in three groups with random links.
struct Site {
  Corpus corpus;
  site::NoteGraph g;
  std::set<std::pair<uint32_t, uint32_t>> links;  // undirected, a < b

  explicit Site(size_t n, std::mt19937& rng) {
    g.groups = {"A", "B", "C"};
    for (size_t i = 0; i < n; ++i) {
      Page p;
      p.url = "n" + std::to_string(i) + ".html";
      p.title = "Note " + std::to_string(i);
      corpus.pages.push_back(p);
      g.group_of.push_back(static_cast<uint32_t>(i % 3));
    }
    for (size_t k = 0; k < n * 2; ++k) link(rng() % n, rng() % n);
    adjacency();
  }
  void link(uint32_t a, uint32_t b) {
    if (a != b) links.insert({std::min(a, b), std::max(a, b)});
  }
  void adjacency() {
    g.links.assign(links.begin(), links.end());
    g.adjacency = graph::undirected(corpus.pages.size(), g.links);
  }
  std::vector<uint64_t> all_keys(uint64_t build) const {
    std::vector<uint64_t> out(corpus.pages.size(), 0);
    for (size_t i = 0; i < out.size(); ++i)
      if (!g.adjacency[i].empty()) out[i] = site::local_graph_key(g, corpus, i, build);
    return out;
  }
};

}  // namespace

TEST_CASE("local graph keys after edits are every key computed anew, from a few computed") {
  std::mt19937 rng(5);
  Site s(400, rng);
  site::LocalGraphKeys keys;
  CHECK(keys.compute(s.g, s.corpus, 1) == s.all_keys(1));
  CHECK(keys.computed() == 400);
  CHECK(keys.compute(s.g, s.corpus, 1) == s.all_keys(1));
  CHECK(keys.computed() == 0);  // nothing changed
  size_t few = 0;
  for (int step = 0; step < 60; ++step) {
    INFO("step " << step);
    const uint32_t i = rng() % 400;
    switch (step % 5) {
      case 0: s.corpus.pages[i].title += " (revised)"; break;  // a title
      case 1: s.link(i, rng() % 400); break;                   // a link made
      case 2:                                                  // a link gone
        if (!s.links.empty()) s.links.erase(std::next(s.links.begin(), static_cast<long>(rng() % s.links.size())));
        break;
      case 3: s.g.group_of[i] = (s.g.group_of[i] + 1) % 3; break;  // a group
      case 4: break;                                                // a body edit: nothing the graph shows
    }
    s.adjacency();
    CHECK(keys.compute(s.g, s.corpus, 1) == s.all_keys(1));
    few += keys.computed() < 100;
    if (step % 5 == 4) CHECK(keys.computed() == 0);
  }
  CHECK(few > 40);  // most edits compute the keys of a few notes, not of 400
  // Another build key (config, theme, kb) or another list of pages: all anew.
  CHECK(keys.compute(s.g, s.corpus, 2) == s.all_keys(2));
  CHECK(keys.computed() == 400);
  s.corpus.pages[7].url = "renamed.html";
  CHECK(keys.compute(s.g, s.corpus, 2) == s.all_keys(2));
  CHECK(keys.computed() == 400);

  // Kept in the build cache for the next process: read back, they are a
  // head start as good as the session's.
  const std::string bytes = keys.serialize();
  auto read = site::LocalGraphKeys::parse(bytes);
  REQUIRE(read);
  s.corpus.pages[9].title = "Retitled in another process";
  CHECK(read->compute(s.g, s.corpus, 2) == s.all_keys(2));
  CHECK(read->computed() > 0);
  CHECK(read->computed() < 100);
  CHECK_FALSE(site::LocalGraphKeys::parse(bytes.substr(0, bytes.size() - 3)));
  CHECK_FALSE(site::LocalGraphKeys::parse(bytes + "x"));
  CHECK_FALSE(site::LocalGraphKeys::parse(""));
}
