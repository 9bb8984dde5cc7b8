#include "content/parse_cache.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "core/test_temp_dir.h"

namespace fs = std::filesystem;
using namespace kb;

namespace {

// Every part of a note the cache must carry.
const char* kNote =
    "---\ntitle: Cached\naliases: [C, Kept]\ntags: [a, b/c]\ndomain: modeling\nkind: service\norder: 2.5\n"
    "service:\n  category: ml\n  latency: [1, 2]\n---\n# Cached\n\nOpening words of the note.\n\n## Part one\n\n"
    "See [[Other#Part|label]], ![[Pic.png|300x200]] and [md](x.md#y). Inline #tag here. ^blk\n\n"
    "$a^2$ and\n\n$$\\frac{1}{2}$$\n\n```demo\nkernel = \"kmeans\"\n```\n\n```python\nprint(1)\n```\n\n"
    "```mermaid\ngraph TD\n```\n";

// find() of kNote's bytes (which the found note's body takes).
bool find_note(const kb::content::ParseCache& cache, const std::string& source, uint64_t hash,
               kb::content::ParsedNote& back, std::vector<kb::Diagnostic>& diags) {
  std::string text = kNote;
  return cache.find(source, hash, text, back, diags);
}

std::string serialize_page(const Page& p) {
  std::string s = p.source + "|" + p.folder + "|" + p.stem + "|" + p.url + "|" + std::to_string(p.is_index) + "|" +
                  std::to_string(p.body_line) + "|" + p.body + "|" + p.title + "|" + p.summary + "|" +
                  std::to_string(p.drop_leading_h1) + "|" + std::to_string(p.word_count) + "|" +
                  std::to_string(p.source_hash) + "|" + p.meta.extra.dump() + "|" + std::to_string(*p.meta.order);
  for (const auto& a : p.meta.aliases) s += "a:" + a;
  for (const auto& t : p.meta.tags) s += "t:" + t;
  for (const auto& [k, v] : p.meta.places) s += "p:" + k + std::to_string(v.line) + std::to_string(v.value_column);
  for (const auto& h : p.headings) s += "h:" + h.text + h.id + std::to_string(h.line);
  for (const auto& l : p.links)
    s += "l:" + l.target + "#" + l.fragment + "|" + l.label + std::to_string(l.line) + std::to_string(l.column) +
         std::to_string(l.width) + std::to_string(l.height) + std::to_string(l.alone);
  for (const auto& f : p.formulas) s += "f:" + f.latex + std::to_string(f.display) + std::to_string(f.line);
  for (const auto& d : p.blocks) s += "d:" + d.source + std::to_string(d.line);
  for (const auto& b : p.block_ids) s += "b:" + b.id + std::to_string(b.line);
  for (const auto& c : p.code_blocks) s += "c:" + c.language + c.source + std::to_string(c.line);
  return s + std::to_string(p.has_diagrams);
}

}  // namespace

TEST_CASE("a cached note is the note parsed again") {
  kb::testing::TempDir tmp("kb-parse-cache", "roundtrip");
  fs::create_directories(tmp.path);
  Config c = config::defaults(tmp.path);
  Diagnostics fresh_diags;
  auto fresh = content::parse_note_parts(kNote, "dir/cached.md", tmp.path / "dir/cached.md", c, fresh_diags);
  REQUIRE(fresh);
  REQUIRE(fresh->page.links.size() == 3);
  REQUIRE_FALSE(fresh->page.formulas.empty());
  REQUIRE_FALSE(fresh->page.blocks.empty());
  REQUIRE_FALSE(fresh->page.block_ids.empty());
  std::vector<Diagnostic> warnings{{Severity::kWarning, "dir/cached.md", 3, 1, "a warning to replay", "line"}};
  const uint64_t hash = std::hash<std::string_view>{}(kNote);
  fresh->page.source_hash = hash;  // as the loader sets it
  {
    auto cache = content::ParseCache::load(tmp.path / "parsed.bin", 42);
    cache.put("dir/cached.md", hash, *fresh, warnings);
    REQUIRE(cache.changed());
    REQUIRE(cache.save(tmp.path / "parsed.bin"));
  }
  auto cache = content::ParseCache::load(tmp.path / "parsed.bin", 42);
  content::ParsedNote back;
  std::vector<Diagnostic> replayed;
  std::string text = kNote;
  REQUIRE(cache.find("dir/cached.md", hash, text, back, replayed));
  CHECK(text.empty());  // the body took it
  back.page.file = fresh->page.file;
  content::finish_note(*fresh, Config::TitleRule::kHeading, c);
  content::finish_note(back, Config::TitleRule::kHeading, c);
  CHECK(serialize_page(back.page) == serialize_page(fresh->page));
  CHECK(back.h1 == fresh->h1);
  CHECK(back.wikilinks == fresh->wikilinks);
  REQUIRE(replayed.size() == 1);
  CHECK(replayed[0].format() == warnings[0].format());
  CHECK_FALSE(cache.changed());  // nothing new to write

  // Other bytes, another path, another key, a damaged file: not found.
  text = kNote;
  CHECK_FALSE(cache.find("dir/cached.md", hash + 1, text, back, replayed));
  CHECK_FALSE(cache.find("other.md", hash, text, back, replayed));
  CHECK_FALSE(content::ParseCache::load(tmp.path / "parsed.bin", 43).find("dir/cached.md", hash, text, back, replayed));
  CHECK(text == kNote);  // not found: the text is left as it was
  {
    std::fstream f(tmp.path / "parsed.bin", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(40);
    f.write("\xff\xff\xff\xff", 4);
  }
  auto damaged = content::ParseCache::load(tmp.path / "parsed.bin", 42);
  CHECK_FALSE(damaged.find("dir/cached.md", hash, text, back, replayed));
}

TEST_CASE("a long-lived cache holds notes whose file did not change and reads the others") {
  kb::testing::TempDir tmp("kb-parse-cache", "held");
  fs::create_directories(tmp.path);
  Config c = config::defaults(tmp.path);
  fs::path file = tmp.path / "a.md";
  std::ofstream(file) << kNote;
  Diagnostics d;
  auto note = content::parse_note_parts(kNote, "a.md", file, c, d);
  REQUIRE(note);
  content::ParseCache cache;
  cache.keep_in_memory(true);
  auto id = kb::file::identify(file);
  REQUIRE(id);
  cache.put("a.md", 1, *note, {});  // as a build that parsed it does
  cache.hold("a.md", *id, *note, {});
  content::ParsedNote back;
  std::vector<Diagnostic> diags;
  CHECK_FALSE(cache.find_held("a.md", *id, back, diags));  // held from the next build on
  cache.begin_build();
  REQUIRE(cache.find_held("a.md", *id, back, diags));
  CHECK(back.page.body == note->page.body);
  CHECK(back.page.links.size() == note->page.links.size());
  // Written again (even with the same bytes): its identity changed.
  std::ofstream(file) << kNote;
  auto again = kb::file::identify(file);
  REQUIRE(again);
  CHECK_FALSE(cache.find_held("a.md", *again, back, diags));
  // A note no build asked for is let go.
  cache.begin_build();
  cache.begin_build();
  CHECK_FALSE(cache.find_held("a.md", *id, back, diags));
}

TEST_CASE("a build saves the parse cache only when enough of it is stale") {
  kb::testing::TempDir tmp("kb-parse-cache", "worth");
  fs::create_directories(tmp.path);
  Config c = config::defaults(tmp.path);
  Diagnostics d;
  auto note = content::parse_note_parts(kNote, "n.md", tmp.path / "n.md", c, d);
  REQUIRE(note);
  const fs::path file = tmp.path / "parsed.bin";
  auto source = [](int i) { return "n" + std::to_string(i) + ".md"; };
  {
    content::ParseCache first = content::ParseCache::load(file, 7);
    for (int i = 0; i < 100; ++i) first.put(source(i), i, *note, {});
    CHECK(first.worth_saving());  // a first build: everything is new
    REQUIRE(first.save(file));
  }
  content::ParsedNote back;
  std::vector<Diagnostic> diags;
  // All found: nothing to write.
  auto same = content::ParseCache::load(file, 7);
  for (int i = 0; i < 100; ++i) {
    std::string text = kNote;
    REQUIRE(same.find(source(i), i, text, back, diags));
  }
  CHECK_FALSE(same.worth_saving());
  // One note edited and one gone: cheaper to parse that note again next time.
  auto edited = content::ParseCache::load(file, 7);
  for (int i = 1; i < 99; ++i) {
    std::string text = kNote;
    REQUIRE(edited.find(source(i), i, text, back, diags));
  }
  edited.put(source(0), 1000, *note, {});
  CHECK(edited.changed());
  CHECK_FALSE(edited.worth_saving());
  // A quarter of the notes new: saved.
  auto many = content::ParseCache::load(file, 7);
  for (int i = 0; i < 75; ++i) REQUIRE(find_note(many, source(i), i, back, diags));
  for (int i = 75; i < 100; ++i) many.put(source(i), 2000 + i, *note, {});
  CHECK(many.worth_saving());
}
