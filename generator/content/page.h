// The content model: what the loader makes of the notes folder.
//
// Contract: plain data, no behaviour. Paths named `source` are relative to the
// notes folder with '/' separators ("modeling/f1 score.md"); paths named `url`
// are site paths of the output, relative to the site root ("modeling/f1-score.html").
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "content/convention.h"
#include "content/flashcards.h"
#include "content/quiz.h"
#include "markdown/markdown.h"
#include "markdown/skeleton.h"

namespace kb {

struct FrontMatter {
  std::optional<std::string> title;
  std::vector<std::string> aliases;   // other names links and search resolve
  std::vector<std::string> tags;      // lowercased, without a leading '#'; "a/b" is nested
                                      // under "a"; the body's inline #tags join them
                                      // (after these, each name once)
  std::string domain;                 // `domain:` as written: a domain id of one of the site's exams
  std::map<std::string, std::string> exams;  // `exams:` as written: exam id -> domain id there
  std::string kind = "note";          // note | formula | distribution | service | algorithm | comparison
  // A formula or distribution page: listed in formulas.html, its formulas shown there.
  bool formula_kind() const { return kind == "formula" || kind == "distribution"; }
  std::string summary;                // one line for lists, previews and search
  std::optional<double> order;        // position among its folder's notes (lower first)
  bool draft = false;                 // `draft: true`: left out of the site (kb build --drafts keeps it)
  bool publish = true;                // `publish: false`: the same
  nlohmann::json extra = nlohmann::json::object();  // every other key, as written
  std::map<std::string, int> key_lines;  // file line (1-based) of each top-level key
  // Where every key and list item of the block is, nested ones included, so
  // later stages (matrix values) can report errors at their file:line:col.
  // Keyed by JSON pointer into the block as written ("/service/category",
  // "/service/latency/0"); `line`/`column` is where the key (or list item)
  // starts, `value_line`/`value_column` where its value starts (the same for
  // a list item; the key's place for an empty value). 1-based file positions.
  struct Place {
    int line = 0;
    int column = 0;
    int value_line = 0;
    int value_column = 0;
  };
  std::map<std::string, Place> places;
};

// A note's body as the load rendered it, holes left for what the site
// decides later (markdown/skeleton.h), and its plain text: the page is
// filled from it instead of parsed a second time.
struct Prerendered {
  markdown::Skeleton html;
  std::string plain;
};

struct Page {
  std::string source;              // "modeling/f1 score.md"
  std::filesystem::path file;      // absolute path on disk
  std::string folder;              // "modeling" ("" at the notes root)
  std::string stem;                // "f1 score"
  std::string url;                 // "modeling/f1-score.html"
  bool is_index = false;           // index.md: the page of its folder (url "<folder>/index.html")
  FrontMatter meta;
  int body_line = 1;               // file line where the markdown body starts
  std::string body;                // markdown after the front matter
  std::string title;               // front matter title, else leading H1, else stem
  // The note's place in the site's exams (content/exam_map.h): exam id ->
  // domain id ("" is the one exam of [[domains]]), and its domain in the
  // primary exam, which pages, lists and search facets show.
  std::map<std::string, std::string> exams;
  std::string domain;
  bool card_note = false;  // tagged flashcards (in front matter or inline): its cards are read and marked
  std::vector<content::Flashcard> cards;  // (content/flashcards.h)
  std::vector<content::Quiz> quizzes;     // its valid ```quiz blocks, in order (content/quiz.h)
  std::string summary;             // meta.summary, else the opening words of the body
  bool drop_leading_h1 = false;    // the body's first H1 is the title: do not render it twice
  std::vector<markdown::Heading> headings;  // lines are file lines
  std::vector<markdown::LinkRef> links;     // lines are file lines
  std::vector<markdown::Formula> formulas;  // math, in document order; lines are file lines
  std::vector<markdown::FencedBlock> blocks; // ```demo and ```quiz blocks, in document order; lines are file lines
  std::vector<markdown::BlockId> block_ids; // Obsidian `^id`s, in document order; lines are file lines
  std::vector<markdown::CodeBlock> code_blocks;  // fenced code with a language (highlighted); lines are file lines
  bool has_diagrams = false;                // a ```mermaid block: the page loads mermaid
  size_t word_count = 0;
  uint64_t source_hash = 0;        // of the file's bytes, set by the loader (incremental builds: site/build_keys.h)
  // Set by the loader while its memory budget lasts (content/note_parser.h);
  // null for a note read from the parse cache or one a skeleton cannot hold.
  // Dropped once the page is rendered.
  std::shared_ptr<const Prerendered> prerendered;
};

// Any other file in the notes folder (images, PDFs, data): copied as is.
struct StaticFile {
  std::string source;              // "modeling/img/roc.png"
  std::filesystem::path file;
  std::string url;                 // same path, each segment kept as written
};

// A note left out of the site because its front matter says draft: true or
// publish: false (and the build is not a --drafts one): enough of it for links
// to tell "not published" from "missing".
struct Unpublished {
  std::string source;              // "plans/secret.md"
  std::filesystem::path file;
  std::string folder;              // "plans"
  std::string stem;                // "secret"
  std::string title;
  std::vector<std::string> aliases;
  std::string reason;              // "draft: true" or "publish: false"
};

// Said after a problem that keeps a note off the site (unreadable front
// matter or file, invalid UTF-8, an unclear draft flag): a warning, so one
// note never stops a vault from building; --strict fails on it.
inline constexpr char kLeftOut[] = "; the note is left out of the site until this is fixed";

struct Corpus {
  std::vector<Page> pages;         // sorted by source; published notes only
  std::vector<StaticFile> files;   // sorted by source
  std::vector<Unpublished> unpublished;  // notes left out as drafts, sorted by source
  std::vector<std::string> left_out;     // notes left out by a problem (kLeftOut), sorted by source
  content::Convention convention;  // title rule and line breaks, as decided for this folder
};

}  // namespace kb
