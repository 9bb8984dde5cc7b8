// A vault for tests of incremental builds: notes that link to each other by
// title, heading and block id, and random edits of every kind an author
// makes (bodies, headings, titles, links, embeds, block ids, tags, renames,
// moves, deletions, new notes, a template, the stylesheet, site.toml), each
// path it touches recorded as a file watcher would report it; and the check
// that a site is what a clean build writes. Test-only (header-only).
#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "run_kb.h"

namespace kb::testing {

namespace fs = std::filesystem;

inline void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

// A vault that keeps track of its notes so edits can pick one.
struct Vault {
  fs::path root;
  std::mt19937 rng;
  int next_id = 0;
  std::vector<std::string> folders{"modeling", "data", "ops", "ops/deploy"};
  std::map<std::string, std::string> titles{};  // source -> title
  std::vector<fs::path> touched{};               // every path written, renamed or removed, as a watcher sees them

  void put(const fs::path& file, const std::string& text) {
    write(file, text);
    touched.push_back(file);
  }
  void move(const fs::path& from, const fs::path& to) {
    fs::create_directories(to.parent_path());
    fs::rename(from, to);
    touched.push_back(from);
    touched.push_back(to);
  }

  fs::path notes() const { return root / "notes"; }
  size_t pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); }
  std::string any_source() {
    auto it = titles.begin();
    std::advance(it, pick(titles.size()));
    return it->first;
  }
  std::string any_title() { return titles[any_source()]; }

  std::string body(const std::string& title) {
    std::string b = "---\ntitle: " + title + "\ntags: [t" + std::to_string(pick(4)) + "]\n";
    if (pick(3) == 0) b += "aliases: [" + title + " alias]\n";
    b += "---\n# " + title + "\n\nIntro words about " + title + " and shards " + std::to_string(pick(100)) + ".\n\n";
    for (int k = 0; k < 3; ++k) {
      b += "## Section " + std::to_string(pick(5)) + "\n\nSee [[" + any_title() + "]] and [[" + any_title() +
           "#Section " + std::to_string(pick(5)) + "]].\n\n";
    }
    if (pick(4) == 0) b += "A claim worth citing. ^claim" + std::to_string(pick(3)) + "\n\n";
    if (pick(3) == 0) b += "```python\nshards = " + std::to_string(pick(9)) + "\n```\n\n";  // highlighted
    if (pick(5) == 0) b += "![[" + any_title() + "]]\n\n";
    if (pick(5) == 0) b += "A link to a block: [[" + any_title() + "#^claim0]]\n\n";
    if (pick(6) == 0) b += "Inline #topic/" + std::to_string(pick(3)) + " tag.\n";
    if (pick(4) == 0) b += "A formula: $\\sqrt{" + std::to_string(pick(9)) + "}$.\n";
    // A practice question whose explanation links another note's heading
    // (site/quizzes.h: its href follows renames and heading edits there).
    if (pick(3) == 0)
      b += "\n```quiz\nquestion = \"Which about " + title + "?\"\noptions = [\"one\", \"two\"]\nanswer = \"A\"\n"
           "explanation = \"See [[" + any_title() + "#Section " + std::to_string(pick(5)) + "]].\"\n```\n";
    return b;
  }

  void add_note() {
    std::string title = "Note " + std::to_string(next_id++);
    std::string source = folders[pick(folders.size())] + "/" + title + ".md";
    titles[source] = title;  // before body(): a note may link to itself
    put(notes() / source, body(title));
  }

  void create(size_t n) {
    put(root / "site.toml", "title = \"Incremental\"\nnotes = \"notes\"\noutput = \"site\"\n");
    put(notes() / "index.md", "# Home\n\nWelcome.\n");
    for (size_t i = 0; i < n; ++i) add_note();
    for (const auto& [source, title] : titles) put(notes() / source, body(title));  // links to later notes too
  }

  // One random edit; returns what it did.
  std::string edit() {
    std::string s = any_source();
    fs::path file = notes() / s;
    std::string text = slurp(file);
    switch (pick(19)) {
      case 13:
      case 14:  // a link now goes elsewhere
        put(file, text + "\nAlso [[" + any_title() + "]].\n");
        return "link " + s;
      case 15:  // a block others may point at
        put(file, text + "\nA claim worth citing. ^claim0\n");
        return "block id " + s;
      case 16:  // an embed
        put(file, text + "\n![[" + any_title() + "#Section " + std::to_string(pick(5)) + "]]\n");
        return "embed " + s;
      case 0:
      case 1:
      case 2:
      case 17:  // a formula, now and then one KaTeX rejects
        put(file, text + (pick(4) == 0 ? "\nBroken $\\frac{1}{$ math.\n"
                                       : "\nMath $x_" + std::to_string(pick(50)) + "^2$ here.\n"));
        return "formula " + s;
      case 18:  // body: a word changes, or a code block comes
        if (pick(3) == 0) {
          put(file, text + "\n```python\nprint(" + std::to_string(pick(1000)) + ")\n```\n");
          return "code " + s;
        }
        put(file, text + "\nMore words " + std::to_string(pick(1000)) + ".\n");
        return "body " + s;
      case 3: {  // a heading others link to
        size_t at = text.find("## Section ");
        if (at != std::string::npos) text[at + 11] = static_cast<char>('0' + pick(6));
        put(file, text);
        return "heading " + s;
      }
      case 4: {  // title
        std::string title = titles[s] + " renamed";
        titles[s] = title;
        size_t at = text.find("title: ");
        text.replace(at + 7, text.find('\n', at) - at - 7, title);
        put(file, text);
        return "title " + s;
      }
      case 5: {  // rename the file
        std::string to = s.substr(0, s.rfind('/') + 1) + "Renamed " + std::to_string(next_id++) + ".md";
        move(file, notes() / to);
        titles[to] = titles[s];
        titles.erase(s);
        return "rename " + s;
      }
      case 6: {  // move to another folder
        std::string to = folders[pick(folders.size())] + "/" + s.substr(s.rfind('/') + 1);
        if (titles.count(to)) return "nothing";
        move(file, notes() / to);
        titles[to] = titles[s];
        titles.erase(s);
        return "move " + s;
      }
      case 7:  // delete
        if (titles.size() < 20) return "nothing";
        fs::remove(file);
        touched.push_back(file);
        titles.erase(s);
        return "delete " + s;
      case 8:
        add_note();
        return "new note";
      case 9: {  // tags
        size_t at = text.find("tags: [t");
        text[at + 8] = static_cast<char>('0' + pick(6));
        put(file, text);
        return "tag " + s;
      }
      case 10:  // a template override
        put(root / "templates" / "footer.mustache",
              "<footer class=\"site-footer\"><p>Footer " + std::to_string(pick(100)) + "</p></footer>\n{{> scripts}}\n");
        return "template";
      case 11:  // the stylesheet override
        put(root / "assets" / "style.css", "body { color: #" + std::to_string(100 + pick(800)) + "; }\n");
        return "stylesheet";
      case 12:  // site.toml
        put(root / "site.toml", "title = \"Incremental " + std::to_string(pick(100)) +
                                      "\"\nnotes = \"notes\"\noutput = \"site\"\n");
        return "site.toml";
    }
    return "nothing";
  }
};

// The site built in `built` holds exactly the files of the one in `clean`
// (kb's search database aside), byte for byte.
inline void require_same_site(const fs::path& built, const fs::path& clean) {
  auto a = published(built), b = published(clean);
  CHECK(a.size() == b.size());
  for (const auto& [rel, bytes] : b) {
    INFO(rel);
    auto other = a.find(rel);
    REQUIRE(other != a.end());
    REQUIRE(other->second == bytes);
  }
}

}  // namespace kb::testing
