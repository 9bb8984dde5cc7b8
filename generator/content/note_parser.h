// Note parser: one note's text to a Page, in two steps so a folder's title
// rule (content/convention.h) can be decided from all its notes first.
//
// Contract: parse_note_parts() checks the text is UTF-8, splits and parses
// its front matter and analyses its markdown (headings, links, formulas,
// demos; lines are file lines; inline #tags join the front matter's); every
// problem goes to `diags` with its file:line:col, and one that keeps the note
// off the site (kLeftOut: invalid UTF-8, unreadable front matter) makes it
// nullopt. finish_note() sets the title, the
// dropped H1, the summary and the word count under a title rule (kFileName
// or kHeading). Pure, thread-safe for
// distinct notes; never throws. (content::parse_note in loader.h does both
// steps for one note.)
#pragma once

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>

#include "config/config.h"
#include "content/page.h"
#include "core/diagnostic.h"

namespace kb::content {

// A note parsed up to its title, which waits for the folder's title rule.
struct ParsedNote {
  Page page;
  std::string h1;        // the leading H1's text ("" if the body does not open with one)
  size_t h1_count = 0;   // H1s anywhere in the note
  bool wikilinks = false;
  // Of the body's plain text: words in all of it and after the leading H1,
  // and the opening words after it (the summary unless front matter has one).
  size_t words = 0;
  size_t words_after_h1 = 0;
  std::string excerpt;
};

// What the notes of one load may keep of their render (Page::prerendered):
// the line-break rule the pages will be rendered with, and the bytes left of
// the budget, shared by all of them (a vault too big to keep every note's
// render keeps as many as fit; the rest are parsed again to render).
struct PrerenderBudget {
  bool hard_breaks = false;
  std::atomic<size_t> bytes_left{0};
};

// With `prerender`, the page keeps its render while the budget lasts.
std::optional<ParsedNote> parse_note_parts(std::string text, const std::string& source,
                                           const std::filesystem::path& file, const Config& config,
                                           Diagnostics& diags, PrerenderBudget* prerender = nullptr);

void finish_note(ParsedNote& parsed, Config::TitleRule rule, const Config& config);

// The site path of a note (markdown) or of a folder (stem "") : every
// folder and the stem slugged ("Deep Learning/Attention" ->
// "deep-learning/attention.html").
std::string page_url(const std::string& folder, const std::string& stem, bool markdown);

}  // namespace kb::content
