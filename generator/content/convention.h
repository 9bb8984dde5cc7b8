// Convention: how a notes folder titles its notes and breaks its lines.
//
// Obsidian and Quartz name a note by its file name; a `# Heading` inside is a
// section ("Theory"). A GitHub notes repo names a note by its leading H1. And
// Obsidian shows a single newline inside a paragraph as a line break unless
// its "strict line breaks" setting is on, where markdown joins the lines.
//
// Contract: detect() looks only at the folder and the Config (site.toml's
// `titles` and `line_breaks` win over any detection); decide_titles() settles
// an `auto` title rule from what the loader saw in the notes. Both are pure
// apart from reading `.obsidian/app.json`; neither throws (an unreadable or
// malformed app.json counts as Obsidian's defaults). Every choice carries a
// reason a user can read in `kb build`'s output.
#pragma once

#include <cstddef>
#include <string>

#include "config/config.h"

namespace kb::content {

// What the loader saw in notes that have no front-matter title (index pages
// are not counted: they are titled by their folder).
struct TitleEvidence {
  size_t untitled = 0;        // notes whose front matter has no title
  size_t opening_h1 = 0;      // ... whose body opens with an H1
  size_t several_h1 = 0;      // ... with two or more H1s (sections, not a title)
  size_t h1_unlike_name = 0;  // ... opening with an H1 that does not look like the file name
  size_t with_wikilinks = 0;  // ... that link with [[wikilinks]]
  bool operator==(const TitleEvidence& o) const {
    return untitled == o.untitled && opening_h1 == o.opening_h1 && several_h1 == o.several_h1 &&
           h1_unlike_name == o.h1_unlike_name && with_wikilinks == o.with_wikilinks;
  }
};

struct Convention {
  bool vault = false;                              // an `.obsidian/` folder was found
  Config::TitleRule titles = Config::TitleRule::kAuto;  // kFileName or kHeading once decided
  bool line_breaks = false;                        // single newlines render as <br>
  std::string titles_reason;                       // why that title rule
  std::string line_breaks_reason;                  // why line breaks are on (empty: off by default)

  // "titles from file names (an Obsidian vault: .obsidian/ found); single
  // newlines are line breaks (Obsidian's default)"
  std::string describe() const;
};

// The folder-level facts: the vault marker, the line-break setting, and the
// title rule if site.toml chose one (else kAuto).
Convention detect(const Config& config);

// Settles a kAuto title rule from the evidence (no-op when already chosen):
// a vault, or notes with several H1s, or notes that mostly do not open with
// an H1, or wikilinked notes whose H1s differ from their file names, mean
// file names; otherwise leading H1s.
void decide_titles(Convention& convention, const TitleEvidence& evidence);

// Whether a leading H1 reads as the file name ("f1-score" and "F1 score").
bool h1_matches_name(const std::string& h1, const std::string& stem);

}  // namespace kb::content
