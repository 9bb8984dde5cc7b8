// Which markdown link URLs kb resolves, and how they split into page and
// heading.
//
// Contract: pure functions over the URL exactly as cmark-gfm stores it
// (entities and backslash escapes already decoded, percent escapes kept); no
// state, safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace kb::markdown {

// True for a URL kb should resolve: not empty, no scheme ("http:", "mailto:",
// "C:" - anything of the form ALPHA *(ALPHA / DIGIT / "+" / "-" / ".") ":"
// before the first '/', '?' or '#'), and not "//host" or "/" alone. A
// same-page "#frag" is relative, and so is "/folder/note.md", which names a
// path from the notes folder's root (as on GitHub, from the repository's).
// Such links are what a site can break by renaming a file, so they are the
// ones to check.
bool is_relative_url(std::string_view url);

struct UrlParts {
  std::string target;    // before the first '#', percent-decoded ("" for "#x")
  std::string fragment;  // after the first '#', percent-decoded, may be ""
};

// Splits a relative URL at its first '#'. A part with a malformed %-escape
// is kept as written rather than dropped: the link checker then reports it
// as a missing target, which is the most useful thing to tell the author. A
// query ("?x") stays in `target`.
UrlParts split_url(std::string_view url);

// cmark-gfm's own test for a URL it blanks when raw HTML is not allowed:
// "javascript:", "vbscript:", "file:" and "data:" (ASCII case-insensitive),
// except "data:image/png", "…/gif", "…/jpeg" and "…/webp". kb renders with
// CMARK_OPT_UNSAFE (its own wikilink HTML needs it), so it applies this rule
// itself.
bool is_dangerous_url(std::string_view url);

}  // namespace kb::markdown
