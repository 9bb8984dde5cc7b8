// The site model: everything the templates need to know about the whole site
// (navigation tree, reading order, tags, folders), derived once from the
// corpus and the link graph, then read by many render threads.
//
// Contract: build_site_model() is pure; the model keeps pointers to the
// config, corpus and graph, which must outlive it. Immutable after build.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "content/page.h"
#include "links/link_graph.h"
#include "matrix/matrix.h"

namespace kb::render {

// Site paths of the generated index pages (the site stage writes them there).
inline constexpr const char kTagsIndexUrl[] = "tags/index.html";  // every tag with its count
inline constexpr const char kAllNotesUrl[] = "all-notes.html";    // every note, A to Z
inline constexpr const char kGraphUrl[] = "graph.html";            // every note and link, drawn (site/site_graph.h)
// A note's own script-loaded file (site/note_data.h): its link preview and
// its local graph, at assets/notes/ + its page's URL, ".html" -> ".js".
inline constexpr const char kNoteDataDir[] = "assets/notes/";
inline std::string note_data_url(std::string_view page_url) {
  std::string_view stem = page_url;
  if (stem.size() > 5 && stem.substr(stem.size() - 5) == ".html") stem.remove_suffix(5);
  return std::string(kNoteDataDir) + std::string(stem) + ".js";
}
inline constexpr const char kReviewUrl[] = "review.html";        // the flashcards' review session
inline constexpr const char kExamUrl[] = "exam.html";            // the practice exam
inline constexpr const char kFormulasUrl[] = "formulas.html";     // formula and distribution pages, by domain

struct Folder {
  std::string path;                 // "modeling/metrics" ("" for the root)
  std::string name;                 // last segment, or the folder's index page title
  std::string url;                  // "modeling/metrics/index.html"
  std::vector<size_t> pages;        // pages in this folder (not index.md), reading order
  std::vector<size_t> children;     // indices into SiteModel::folders, sorted by name
  std::optional<size_t> index_page; // its index.md, if any
  size_t parent = 0;                // index of the parent folder (the root is its own)
  size_t depth = 0;                 // 0 for the root, 1 for its sub-folders...
  size_t total_notes = 0;           // notes here and in every folder below
};

// A tag, nested ones ("ml/metrics") under their parent ("ml") as in
// Obsidian: a parent exists as soon as a note uses a tag below it.
struct Tag {
  std::string name;                 // as used in front matter or inline (lowercase)
  std::string url;                  // "tags/<slug>.html", "tags/ml/<slug>.html" for "ml/..."
  std::vector<size_t> pages;        // notes tagged it or any tag below it, by title
  std::string parent;               // "ml" for "ml/metrics"; "" at the top
  std::vector<std::string> children;  // names of the tags right below it, in name order
  size_t depth = 0;                 // 0 at the top, 1 for "a/b", ...
};

// When a page's source last changed and who wrote it (from git; plain data so
// rendering does not depend on the git module). Empty fields: not known.
struct PageHistory {
  std::string updated;   // "2026-11-22": date of the last commit touching the source
  std::string authors;   // "Ada, Grace": distinct authors, most commits first
  std::string status;    // "" (committed) | "modified" | "untracked"
  std::string edit_url;  // "Edit this page" link (from site.toml's repository)
};

struct SiteModel {
  const Config* config = nullptr;
  const Corpus* corpus = nullptr;
  const LinkGraph* graph = nullptr;
  std::vector<Folder> folders;      // folders[0] is the root
  std::vector<size_t> reading_order;   // every non-index page, depth-first through folders
  std::vector<size_t> position;        // page -> index in reading_order (npos for index pages)
  std::vector<size_t> folder_of;       // page -> index of its folder
  // Each exam's map (Config::exams): per exam, per domain, its pages in
  // reading order (the home page's cards, a domain's page); per page, its
  // places on the study path of each named exam, which a note page shows
  // beside the folders' previous and next.
  struct ExamPlace {
    size_t exam = 0, domain = 0, pos = 0;
  };
  std::vector<std::vector<std::vector<size_t>>> exam_pages;
  std::vector<std::vector<ExamPlace>> exam_places;
  std::map<std::string, Tag> tags;     // by name
  std::map<std::string, size_t> folder_by_path;
  // Set by the site stage: formulas are typeset in the browser (KaTeX could
  // not run at build time), so pages with math load KaTeX's JS.
  bool math_in_browser = false;
  // Set by the site stage: per page, parallel to corpus->pages; may be empty.
  std::vector<PageHistory> history;
  // Set by the site stage: per page (may be empty), whether the notes it
  // embeds (site/page_render.h) have formulas / demos / diagrams, so it loads
  // their assets.
  std::vector<bool> embeds_math;
  std::vector<bool> embeds_demos;
  std::vector<bool> embeds_diagrams;
  // Formula and distribution pages (kind formula | distribution), by title;
  // the formula index and the header link exist only when there are some.
  std::vector<size_t> formulas;
  // The notes' flashcards and practice questions (count_study()): with some,
  // review.html / exam.html exist and the header links them; the home
  // page's study panel counts them.
  size_t cards = 0;
  size_t questions = 0;
  // Set by the site stage: the comparison matrices (matrix/matrix.h), whose
  // pages, header link and note cards exist only when there are some. Must
  // outlive the model; null means none.
  const matrix::MatrixSet* matrices = nullptr;
  // Identity of this model for the caches of renderers (what every page of a
  // folder shares is rendered once per model); copies share it.
  std::shared_ptr<const int> identity = std::make_shared<const int>(0);
};

// Title order used in every list: ASCII case-insensitive, then bytewise.
bool title_less(const std::string& a, const std::string& b);

// A flashcard as review.html shows it: its id, question and answer as HTML
// (links to the notes, math typeset), and the page it is on.
// The notes' flashcards and practice questions, counted. (build_site_model()
// counts them; a build that keeps a model whose structure did not change
// counts again: a note's cards and questions change with its text.)
struct StudyCounts {
  size_t cards = 0, questions = 0;
};
StudyCounts count_study(const Corpus& corpus);

// The pages in the order the study pages list them: the reading order,
// then the index notes (which are not in it).
std::vector<size_t> study_order(const SiteModel& site);

struct ReviewCard {
  std::string id, front_html, back_html;
  size_t page = 0;
};

// A practice question as exam.html shows it (site/quizzes.h): its parts as
// HTML for a page at the site root, its correct options (indexes), the page
// it is on and its domain in each exam.
struct ExamQuestion {
  std::string id, stem_html, explanation_html;
  std::string domain;  // in the primary exam (content::quiz_domain)
  std::vector<std::string> options_html;
  std::vector<int> answers;
  size_t page = 0;
  std::map<std::string, std::string> exams;
};

// The page of a domain of a named exam (site.toml's [[exams]]; ids are
// letters, digits, '-', '_' and '.'): "exams/<exam>/<domain>.html". The one
// exam of [[domains]] has no such pages.
inline std::string exam_domain_url(const std::string& exam, const std::string& domain) {
  return "exams/" + exam + "/" + domain + ".html";
}

// The page URL of every tag the corpus's notes use, and of every tag above
// one ("tags/<slug>.html", each '/' of a nested name a folder:
// "tags/ml/metrics.html"), by name; the site model's tags have these URLs.
std::map<std::string, std::string> tag_urls(const Corpus& corpus);

SiteModel build_site_model(const Config& config, const Corpus& corpus, const LinkGraph& graph);

}  // namespace kb::render
