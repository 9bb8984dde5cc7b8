#include "links/link_memo.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "core/text.h"

using namespace kb;
using markdown::LinkKind;

namespace {

Page page(std::string source, std::string title) {
  Page p;
  p.source = source;
  p.file = "/notes/" + source;
  size_t slash = source.rfind('/');
  p.folder = slash == std::string::npos ? "" : source.substr(0, slash);
  p.stem = source.substr(slash == std::string::npos ? 0 : slash + 1, source.size() - 3 - (slash + 1));
  p.title = title;
  p.body = "line one\nline two\nline three\n";
  return p;
}

void link(Page& p, LinkKind kind, std::string target, std::string fragment = "", int line = 2) {
  p.links.push_back({kind, target, fragment, target, line, 3});
}

// Everything a graph tells its readers, as one string, to compare two.
std::string describe(const LinkGraph& g, const Corpus& c, const Diagnostics& diags) {
  std::string out = diags.report() + "links " + std::to_string(g.link_count()) + " broken " +
                    std::to_string(g.broken_count()) + "\n";
  for (size_t i = 0; i < c.pages.size(); ++i) {
    out += std::to_string(i) + ":";
    for (size_t l = 0; l < c.pages[i].links.size(); ++l) {
      const Resolution& r = g.resolution(i, l);
      out += " " + std::to_string(int(r.status)) + "/" + std::to_string(r.index) + "#" + r.fragment;
    }
    out += " <-";
    for (size_t b : g.backlinks(i)) out += " " + std::to_string(b);
    out += "\n";
  }
  return out;
}

// The memo as the next process reads it: written, then parsed.
LinkMemo round_trip(const LinkGraph& g, const Corpus& c, uint64_t key) {
  auto memo = LinkMemo::parse(g.memo(c, key).serialize());
  REQUIRE(memo);
  return std::move(*memo);
}

}  // namespace

TEST_CASE("a graph built from the last build's memo is the graph built anew, edit after edit") {
  std::mt19937 rng(2718);
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  const size_t n = 40;
  Corpus c;
  for (size_t i = 0; i < n; ++i) c.pages.push_back(page("f" + std::to_string(i % 4) + "/n" + std::to_string(i) + ".md",
                                                         "Note " + std::to_string(i)));
  c.files.push_back({"f0/img.png", "/notes/f0/img.png", "f0/img.png"});
  auto rewrite = [&](Page& p) {
    p.links.clear();
    p.body = "line one " + std::to_string(pick(1000)) + "\nline two\nline three\n";
    if (pick(2)) p.body += "A claim.[^n]\n\n[^n]: Its footnote.\n";  // an anchor "n" that links may name
    p.headings.clear();
    if (pick(2)) p.headings.push_back({2, "Part A", "part-a", 1});
    p.block_ids.clear();
    if (pick(3) == 0) p.block_ids.push_back({"claim", 2, false});
    for (size_t k = pick(6); k > 0; --k) {
      size_t t = pick(n + 2);
      std::string name = t < n ? "Note " + std::to_string(t) : "Missing " + std::to_string(t);
      switch (pick(6)) {
        case 0: link(p, LinkKind::kWiki, name, "Part A", int(1 + pick(3))); break;
        case 1: link(p, LinkKind::kWiki, name, "n"); break;       // a footnote, when the target has one
        case 2: link(p, LinkKind::kWiki, name, "^claim"); break;  // a block id
        case 3: link(p, LinkKind::kMarkdown, "../f" + std::to_string(t % 4) + "/n" + std::to_string(t) + ".md"); break;
        case 4: link(p, LinkKind::kEmbed, pick(2) ? "img.png" : "imh.png"); break;
        default: link(p, LinkKind::kWiki, name); break;
      }
    }
  };
  for (auto& p : c.pages) rewrite(p);
  Diagnostics first;
  LinkGraph g = LinkGraph::build(c, first);
  const uint64_t key = names_key(c, 7);
  LinkMemo memo = round_trip(g, c, key);
  for (int step = 0; step < 60; ++step) {
    INFO("step " << step);
    for (size_t k = 1 + pick(3); k > 0; --k) rewrite(c.pages[pick(n)]);
    Diagnostics remembered_diags, fresh_diags;
    REQUIRE(names_key(c, 7) == key);  // bodies, links, headings: not names
    LinkGraph remembered = LinkGraph::build(c, remembered_diags, &memo);
    LinkGraph fresh = LinkGraph::build(c, fresh_diags);
    CHECK(remembered.remembered() > 0);
    CHECK(remembered.remembered() < n);
    REQUIRE(describe(remembered, c, remembered_diags) == describe(fresh, c, fresh_diags));
    memo = round_trip(remembered, c, key);
  }
  // Nothing changed: every page takes its resolutions.
  Diagnostics again;
  CHECK(LinkGraph::build(c, again, &memo).remembered() == n);
}

TEST_CASE("names_key changes with any page's names or path, the files and the drafts") {
  Corpus c;
  c.pages.push_back(page("a.md", "A"));
  c.pages.push_back(page("m/b.md", "B"));
  const uint64_t key = names_key(c, 1);
  CHECK(names_key(c, 2) != key);  // another kb, or working folder
  Corpus d = c;
  d.pages[1].title = "B2";
  CHECK(names_key(d, 1) != key);
  d = c;
  d.pages[1].meta.aliases = {"Bee"};
  CHECK(names_key(d, 1) != key);
  d = c;
  d.pages[0].body = "other text\n";  // a body is the page's own: page_digest()
  CHECK(names_key(d, 1) == key);
  CHECK(page_digest(d.pages[0]) != page_digest(c.pages[0]));
  d = c;
  d.files.push_back({"img.png", "/notes/img.png", "img.png"});
  CHECK(names_key(d, 1) != key);
  d = c;
  d.unpublished.push_back({"c.md", "/notes/c.md", "", "c", "C", {}, "draft: true"});
  CHECK(names_key(d, 1) != key);
}

TEST_CASE("page_digest changes with a link, a heading, a block id or the text, and a memo reads back") {
  Page p = page("a.md", "A");
  link(p, LinkKind::kWiki, "B", "", 2);
  const uint64_t d = page_digest(p);
  Page q = p;
  q.links[0].line = 3;
  CHECK(page_digest(q) != d);
  q = p;
  q.headings.push_back({2, "H", "h", 4});
  CHECK(page_digest(q) != d);
  q = p;
  q.block_ids.push_back({"x", 2, false});
  CHECK(page_digest(q) != d);
  q = p;
  q.source_hash = 42;  // the loader's hash of the file stands for its text
  CHECK(page_digest(q) != d);

  LinkMemo m;
  m.key = 99;
  m.pages.resize(2);
  m.pages[0].digest = 5;
  m.pages[0].broken = 1;
  m.pages[0].resolutions = {{Resolution::Status::kPage, 1, "part-a"}, {Resolution::Status::kBroken, 0, ""}};
  m.pages[0].diags = {{Severity::kWarning, "a.md", 2, 3, "not found", "line two"}};
  const std::string bytes = m.serialize();
  auto back = LinkMemo::parse(bytes);
  REQUIRE(back);
  CHECK(back->key == 99);
  REQUIRE(back->pages.size() == 2);
  CHECK(back->pages[0].resolutions[0].fragment == "part-a");
  CHECK(back->pages[0].resolutions[1].status == Resolution::Status::kBroken);
  CHECK(back->pages[0].diags == m.pages[0].diags);
  CHECK(back->pages[0].broken == 1);
  // Damage is no memo, never a crash or a huge allocation.
  for (size_t cut = 0; cut < bytes.size(); ++cut) CHECK_FALSE(LinkMemo::parse(bytes.substr(0, cut)));
  std::string flipped = bytes;
  flipped[0] ^= 1;
  CHECK_FALSE(LinkMemo::parse(flipped));
  CHECK_FALSE(LinkMemo::parse(bytes + "x"));
}
