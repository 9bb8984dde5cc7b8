#include "cli/new_note.h"

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include <yaml-cpp/yaml.h>

namespace fs = std::filesystem;
using kb::Diagnostics;
using kb::cli::create_note;
using kb::cli::NewNoteOptions;

namespace {

struct TempNotes {
  fs::path root;
  fs::path notes;
  TempNotes() {
    std::string pattern = (fs::temp_directory_path() / "kb-new-note-test-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    root = pattern;
    notes = root / "notes";
    fs::create_directories(notes);
  }
  ~TempNotes() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
};

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The YAML between the leading "---" lines.
YAML::Node front_matter(const std::string& text) {
  REQUIRE(text.rfind("---\n", 0) == 0);
  size_t end = text.find("\n---\n", 4);
  REQUIRE(end != std::string::npos);
  return YAML::Load(text.substr(4, end - 4));
}

NewNoteOptions options(const fs::path& notes, std::string title, std::string domain = {}) {
  NewNoteOptions o;
  o.notes_dir = notes;
  o.title = std::move(title);
  o.domain = std::move(domain);
  o.date = "2024-05-01";
  return o;
}

}  // namespace

TEST_CASE("new note goes in its domain folder with the skeleton", "[new]") {
  TempNotes t;
  Diagnostics diags;
  auto path = create_note(options(t.notes, "F1 score", "modeling"), diags);
  INFO(diags.report());
  REQUIRE(path);
  CHECK(*path == t.notes / "modeling" / "f1-score.md");
  std::string text = slurp(*path);
  CHECK(text ==
        "---\n"
        "title: \"F1 score\"\n"
        "aliases: []\n"
        "tags: []\n"
        "domain: \"modeling\"\n"
        "kind: note\n"
        "summary: \"\"\n"
        "created: 2024-05-01\n"
        "---\n"
        "\n"
        "TODO: in one paragraph and in your own words, what this is and why it matters.\n"
        "\n## How it works\n"
        "\n## When to use it\n"
        "\n## Exam traps\n"
        "\n## Related\n");
  CHECK(text.find("\n# ") == std::string::npos);  // no H1: the title is in front matter
  YAML::Node fm = front_matter(text);
  CHECK(fm["title"].as<std::string>() == "F1 score");
  CHECK(fm["aliases"].IsSequence());
  CHECK(fm["aliases"].size() == 0);
  CHECK(fm["tags"].size() == 0);
  CHECK(fm["domain"].as<std::string>() == "modeling");
  CHECK(fm["kind"].as<std::string>() == "note");
  CHECK(fm["summary"].as<std::string>().empty());
}

TEST_CASE("without a domain the note goes in the notes root", "[new]") {
  TempNotes t;
  Diagnostics diags;
  NewNoteOptions o = options(t.notes, "  Kinesis Data Firehose  ");
  o.date.clear();
  auto path = create_note(o, diags);
  REQUIRE(path);
  CHECK(*path == t.notes / "kinesis-data-firehose.md");
  std::string text = slurp(*path);
  CHECK(text.find("created:") == std::string::npos);
  YAML::Node fm = front_matter(text);
  CHECK(fm["title"].as<std::string>() == "Kinesis Data Firehose");
  CHECK(fm["domain"].as<std::string>().empty());
}

TEST_CASE("titles that YAML would misread are quoted safely", "[new]") {
  TempNotes t;
  for (std::string title : {"yes", "null", "~", "123", "1e3", "- dash", "key: value", "# not a comment",
                            "quote \"inside\"", "back\\slash", "[[wikilink]]", "{ brace }", "a, b",
                            "'single'", "&anchor", "*alias", "!tag", "%directive", "@at", "`tick`",
                            "Präzision & Trefferquote", "line\xE2\x80\xA8sep", "next\xC2\x85line"}) {
    CAPTURE(title);
    CHECK(front_matter("---\ntitle: " + kb::cli::yaml_quote(title) + "\n---\n")["title"].as<std::string>() ==
          title);
  }
  Diagnostics diags;
  auto path = create_note(options(t.notes, "ROC: \"AUC\" & #tags", "modeling"), diags);
  REQUIRE(path);
  CHECK(path->filename() == "roc-auc-tags.md");
  CHECK(front_matter(slurp(*path))["title"].as<std::string>() == "ROC: \"AUC\" & #tags");
}

TEST_CASE("file names are the URL slug of the title", "[new]") {
  using kb::cli::note_file_stem;
  CHECK(note_file_stem("F1 score") == "f1-score");
  CHECK(note_file_stem("SageMaker: Built-in Algorithms") == "sagemaker-built-in-algorithms");
  CHECK(note_file_stem("a/b") == "a-b");
  CHECK(note_file_stem("???") == "untitled");
  CHECK(note_file_stem("...") == "untitled");
  CHECK(note_file_stem(".hidden") == "hidden");
  CHECK(note_file_stem("Präzision") == "präzision");
  std::string long_title(300, 'x');
  CHECK(note_file_stem(long_title).size() == 100);
  std::string long_utf8;
  for (int i = 0; i < 80; ++i) long_utf8 += "é";  // 2 bytes each
  std::string stem = note_file_stem(long_utf8);
  CHECK(stem.size() == 100);
  CHECK(stem.substr(98) == "é");
}

TEST_CASE("an existing note is never overwritten", "[new]") {
  TempNotes t;
  fs::create_directories(t.notes / "modeling");
  std::ofstream(t.notes / "modeling" / "f1-score.md") << "my precious notes";
  Diagnostics diags;
  auto path = create_note(options(t.notes, "F1 Score", "modeling"), diags);
  CHECK_FALSE(path);
  REQUIRE(diags.error_count() == 1);
  std::string report = diags.report();
  CHECK(report.find("modeling/f1-score.md") != std::string::npos);
  CHECK(report.find("already exists") != std::string::npos);
  CHECK(slurp(t.notes / "modeling" / "f1-score.md") == "my precious notes");
}

TEST_CASE("bad input is refused with a reason and writes nothing", "[new]") {
  TempNotes t;
  auto refuse = [&](NewNoteOptions o, const std::string& expect) {
    Diagnostics diags;
    CHECK_FALSE(create_note(o, diags));
    CHECK(diags.has_errors());
    CHECK(diags.report().find(expect) != std::string::npos);
  };
  refuse(options(t.notes, ""), "needs a title");
  refuse(options(t.notes, "   "), "needs a title");
  refuse(options(t.notes, "two\nlines"), "one line");
  refuse(options(t.notes, "bad \xFF utf8"), "UTF-8");
  refuse(options(t.notes, "Title", "a/b"), "path separator");
  refuse(options(t.notes, "Title", "a\\b"), "path separator");
  refuse(options(t.notes, "Title", ".."), "\"..\"");
  refuse(options(t.notes, "Title", "x..y"), "\"..\"");
  refuse(options(t.notes, "Title", ".git"), "starts with '.'");
  refuse(options(t.root / "no-such-notes", "Title"), "no-such-notes");
  NewNoteOptions bad_date = options(t.notes, "Title");
  bad_date.date = "01/05/2024";
  refuse(bad_date, "YYYY-MM-DD");
  // Nothing was created by any refusal.
  CHECK(fs::is_empty(t.notes));
  CHECK_FALSE(fs::exists(t.root / "no-such-notes"));
}

TEST_CASE("iso_date formats a local date", "[new]") {
  std::string d = kb::cli::iso_date(std::time(nullptr));
  REQUIRE(d.size() == 10);
  CHECK(d[4] == '-');
  CHECK(d[7] == '-');
}
