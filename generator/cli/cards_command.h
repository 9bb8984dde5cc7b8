// `kb cards [--notes DIR] [--format tsv|json]`: every flashcard of the notes
// (content/flashcards.h), for Anki or for other tools.
//
// Contract:
// - run_cards() loads the notes as `kb check` would (site.toml, drafts left
//   out) and prints the cards of every note tagged flashcards, note by note
//   in path order, each note's in document order; load problems go to `err`
//   as file:line:col and, if they are errors, the exit status is 1 with
//   nothing printed.
// - tsv is Anki's text import as is: the header lines `#separator:tab`,
//   `#html:true`, `#notetype:Basic`, `#deck:<site title>`, `#guid column:1`,
//   `#tags column:4`, then a line per card: the card's stable id (so that
//   importing again updates the cards), front and back as HTML, and tags
//   (the note's, `/` nesting written as Anki's `::`; each exam's domain as
//   `exam::domain`). Links show as their labels; math as `\(…\)` and
//   `\[…\]`, which Anki typesets. A field with a tab, newline or `"` is
//   quoted, `"` doubled, as Anki's reader takes it.
// - json is an array of {id, note, url, title, context, kind, reversed,
//   front, back (markdown), front_html, back_html, line, tags, domain, exams}.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "content/page.h"

namespace kb::cli {

struct CardsCommand {
  std::string format = "tsv";  // tsv | json
};

int run_cards(const SiteOptions& options, const CardsCommand& command, std::ostream& out, std::ostream& err);

// A card's markdown as HTML for Anki (links as their labels, math for MathJax).
std::string card_html(const std::string& markdown);
// One TSV field as Anki's reader takes it.
std::string anki_field(const std::string& text);
// The Anki tags of a card of `page`.
std::string anki_tags(const Page& page);

}  // namespace kb::cli
