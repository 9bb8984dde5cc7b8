#include "content/yaml_lite.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <random>

#include "content/front_matter.h"
#include "core/file.h"

using namespace kb;
using front_matter::read_simple_yaml;
using front_matter::read_yaml_with_yaml_cpp;
using front_matter::describe;

namespace {

// Whether the fast reader took `block`; when it did, it must give what
// yaml-cpp gives.
bool agrees(const std::string& block, int block_line = 2) {
  auto lite = read_simple_yaml(block, block_line);
  if (!lite) return false;
  auto full = read_yaml_with_yaml_cpp(block, block_line);
  INFO(block);
  REQUIRE(full);
  CHECK(describe(*lite) == describe(*full));
  return true;
}

}  // namespace

TEST_CASE("yaml lite: the front matter notes have reads as yaml-cpp reads it") {
  CHECK(agrees("title: F1 score\ntags: [metrics, evaluation]\naliases: [\"F-1\", 'F one']\n"));
  CHECK(agrees("title: \"Quoted: with colon\"\ndomain: modeling\norder: 3\ndraft: false\n"));
  CHECK(agrees("tags:\n  - a\n  - b c\naliases:\n- x\n- 'y z'\nsummary: A note.\n"));
  CHECK(agrees("title: x\n\n# a comment line\nempty:\nnull_value: ~\nn: null\nlist: []\n"));
  CHECK(agrees("year: 2024\nratio: 0.5\nneg: -3\nhex: 0x1F\nexp: 1e3\nyes_word: yes\nOn: off\nurl: https://aws.amazon.com/a?b=c\n"));
  CHECK(agrees("title: café au lait\ntags: [naïve, 日本, \"ü ber\"]\n"));
  CHECK(agrees("title: a:b\nspaces:    lots   \nq: \"  padded  \"\n"));
  CHECK(agrees("tags: [ a ,b,  c ]\n"));
  // A flow map of scalars, as a note's exams are written.
  CHECK(agrees("title: x\nexams: { mls-c01: modeling, mla-c01: model-development }\nkind: note\n"));
  CHECK(agrees("exams: {a: 1, b: \"two words\",c:  'x' }\nempty: {}\n"));
  // One map inside, as the guide's matrix rows have it.
  CHECK(agrees("title: Amazon Kinesis\nservice:\n  management: serverless\n  latency: [real-time, near real-time]\n"
               "  confused_with: [Amazon MSK]\n  scaling:\n  - shards\n  - on demand\ntags: [streaming]\n"));
}

TEST_CASE("yaml lite: what it does not take is left to yaml-cpp, never guessed") {
  for (const char* block : {
           "",                                    // empty: a null document
           "# only a comment\n",                  //
           "meta:\n  nested:\n    deeper: map\n",  // a map two deep
           "meta:\n  a: b\n   c: d\n",          // keys out of line
           "text: |\n  a block scalar\n",         // block scalars
           "text: >\n  folded\n",                 //
           "base: &a x\nother: *a\n",             // anchors, aliases
           "typed: !!str 2024\n",                 // tags
           "esc: \"a\\nb\"\n",                    // escapes
           "q: 'it''s'\n",                        // a quote inside quotes
           "title: a\n  continued\n",             // a plain scalar over two lines
           "title: a # comment\n",                // a comment after a value
           "\"quoted key\": v\n",                 // a quoted key
           "my key: v\n",                         // a key with a space
           "title: a\ntitle: b\n",                // a repeated key
           "title:\tx\n",                         // a tab
           "title: x\r\n",                        // a CR
           "tags: [a, [b]]\n",                    // a nested list
           "tags: [a,\n  b]\n",                   // a list over two lines
           "tags: [a, b,]\n",                     // a trailing comma
           "tags:\n  - a\n  - b: c\n",            // a map in a list
           "tags:\n  -\n",                        // an empty item
           "- a\n- b\n",                          // not a map
           "title: {a: {b: c}}\n",                // a flow map in a flow map
           "title: {a: [b]}\n",                   // a list in a flow map
           "title: {a: b,\n  c: d}\n",            // a flow map over two lines
           "title: {a: b, a: c}\n",               // a repeated key
           "title: {a: b,}\n",                    // a trailing comma
           "title: {a:b}\n",                      // not "key: value"
           "meta:\n  inner: {a: b}\n",            // a flow map inside a map
           "key:value\n",                         // not "key: value"
       }) {
    INFO(block);
    CHECK_FALSE(read_simple_yaml(block, 2));
  }
}

TEST_CASE("yaml lite: random blocks read as yaml-cpp reads them, or are left to it") {
  std::mt19937 rng(1234);
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  const std::vector<std::string> keys{"title", "tags", "aliases", "domain", "kind", "summary", "order", "draft",
                                      "publish", "date", "x-extra", "a_b", "n1", "cssclass"};
  const std::vector<std::string> scalars{
      "plain words", "2024", "3.14", "-7", "+1", "0x1F", "0o17", "1e3", ".5", "true", "False", "yes", "No", "on",
      "OFF", "y", "n", "~", "null", "NULL", "Null", ".inf", "-.Inf", ".nan", "café", "日本語", "a:b",
      "http://x.y/z?q=1#f", "a #b", "#x", "-dash", "- dash", "a: b", "[x]", "{y}", "'single'", "'it''s'",
      "\"double\"", "\"with: colon\"", "\"esc\\t\"", "\"unterminated", "&anchor x", "*alias", "!tag x", "|", ">",
      "%pct", "@at", "`tick`", "x,y", "x]", "trailing   ", "inner  spaces", "2024-01-05", "12:30", "1_000",
      "0.1.2", "e5", "\"\"", "''", "tab\there"};
  const std::vector<std::string> gaps{"", " ", "  "};
  int accepted = 0;
  const int blocks = 3000;
  for (int b = 0; b < blocks; ++b) {
    std::string block;
    std::vector<std::string> used;
    for (int k = 1 + rng() % 5; k > 0; --k) {
      std::string key = pick(keys);
      if (rng() % 40 == 0) key = "  " + key;  // indented: nested
      block += key + ":";
      switch (rng() % 7) {
        case 6: {  // a flow map
          block += " {";
          for (int n = rng() % 4; n > 0; --n)
            block += pick(gaps) + pick(keys) + ":" + (rng() % 8 ? " " : "") + pick(gaps) + pick(scalars) + pick(gaps) +
                     (n > 1 ? "," : "");
          block += "}" + pick(gaps) + "\n";
          break;
        }
        case 0:
          block += " " + pick(scalars) + pick(gaps) + "\n";
          break;
        case 1: {  // a flow list
          block += " [";
          for (int n = rng() % 4; n > 0; --n) block += pick(gaps) + pick(scalars) + pick(gaps) + (n > 1 ? "," : "");
          block += "]" + pick(gaps) + "\n";
          break;
        }
        case 2: {  // a block list
          block += "\n";
          const std::string indent = rng() % 2 ? "  " : "";
          for (int n = 1 + rng() % 3; n > 0; --n) block += indent + "- " + pick(scalars) + "\n";
          break;
        }
        case 3:
          block += pick(gaps) + "\n";  // nothing
          break;
        case 4: {  // a map inside
          block += "\n";
          for (int n = 1 + rng() % 3; n > 0; --n) {
            block += "  " + pick(keys) + ":";
            switch (rng() % 4) {
              case 0: block += " " + pick(scalars) + "\n"; break;
              case 1: block += " [" + pick(scalars) + ", " + pick(scalars) + "]\n"; break;
              case 2: block += "\n  - " + pick(scalars) + "\n  - " + pick(scalars) + "\n"; break;
              default: block += "\n    deeper: x\n"; break;
            }
          }
          break;
        }
        default:
          block += " " + pick(scalars) + "\n";
          if (rng() % 6 == 0) block += "\n";
          if (rng() % 8 == 0) block += "# note\n";
          break;
      }
    }
    accepted += agrees(block, 2 + static_cast<int>(rng() % 3));
  }
  // Enough of them are taken that the comparison means something.
  CHECK(accepted > blocks / 6);
}

TEST_CASE("yaml lite: the guide's notes read as yaml-cpp reads them, nearly all without it") {
  const std::filesystem::path notes = std::filesystem::path(KB_SOURCE_DIR) / "notes";
  int notes_with_yaml = 0, taken = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(notes)) {
    if (e.path().extension() != ".md") continue;
    auto text = file::read_file(e.path());
    REQUIRE(text);
    Diagnostics diags;
    auto split = front_matter::split(*text, e.path().string(), diags);
    if (!split || split->format != front_matter::Split::Format::kYaml) continue;
    ++notes_with_yaml;
    INFO(e.path().string());
    taken += agrees(std::string(split->block), split->block_line);
  }
  REQUIRE(notes_with_yaml > 100);
  CHECK(taken * 10 >= notes_with_yaml * 9);
}

TEST_CASE("yaml lite: leaves control characters and unusual line breaks to yaml-cpp") {
  // A NUL inside a plain scalar: yaml-cpp does not take the block, so the
  // fast reader must not either (found by fuzz/front_matter_fuzz.cc).
  using namespace std::string_literals;
  for (const std::string& block :
       {"title: Core\0\0 works\n"s, "title: a\x01 b\n"s, "title: a\x7f b\n"s, "title: a\xC2\x85 b\n"s,
        "title: a\xE2\x80\xA8 b\n"s, "title: a\xE2\x80\xA9 b\n"s, "title: \xEF\xBB\xBF a\n"s, "title: a\xFF b\n"s,
        "title: caf\xC3\n"s}) {
    INFO(block);
    CHECK_FALSE(read_simple_yaml(block, 2));
  }
  CHECK(agrees("title: caf\xC3\xA9 \xE2\x80\x94 na\xC3\xAFve\n"));
  // yaml-cpp ends a plain scalar in a flow list at '?': `[o?]` is not ["o?"].
  CHECK_FALSE(read_simple_yaml("s: [o?]\n", 2));
  CHECK(agrees("s: o?\n"));
}
