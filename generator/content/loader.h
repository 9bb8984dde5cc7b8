// Loader: reads a notes folder into a Corpus.
//
// Contract: load() walks the folder (hidden entries and Config::exclude
// patterns skipped), reads every *.md file in parallel, splits and parses its
// front matter, checks it is valid UTF-8 and within Config::max_note_bytes,
// and analyses its markdown (title, headings, links); every other file
// becomes a StaticFile. It never throws and never follows a symlink out of the
// notes folder. Every problem is added to `diags` with its file:line:col; the
// offending file is left out and loading goes on, so one build reports all.
// Notes whose front matter says draft: true or publish: false go to
// Corpus::unpublished instead of Corpus::pages, unless Config::include_drafts.
// A README.md (any case) is its folder's index page when the folder has no
// published index.md. Index pages keep their folder's URL; other notes whose
// URLs collide get numbered URLs ("a-b-2.html") with a warning.
#pragma once

#include "config/config.h"
#include "content/page.h"
#include "core/diagnostic.h"

namespace kb::content {

class ParseCache;

// With `cache`, notes whose bytes it knows are not parsed again
// (content/parse_cache.h); the result is the same. With `keep_renders`, the
// notes parsed keep their render for their pages (Page::prerendered; a load
// whose pages are not rendered, as kb check's, need not).
Corpus load(const Config& config, Diagnostics& diags, ParseCache* cache = nullptr, bool keep_renders = true);

// Notes edited in place, for a long-lived process that knows which files
// changed (kb serve --watch): `changed` are absolute paths of notes that are
// pages of `corpus`, which load() (with `cache` in memory) made (a path that
// no longer exists and was never part of the site, such as an editor's or
// sed's temporary file, is passed over). Each is read
// again as load() reads it; when every one still parses without error, is
// still published, keeps its page's place (path, index status, URL) and
// leaves the folder's title rule as it was, it replaces its page. Then true,
// with `pages` the indices replaced, `before` the pages they were, and
// `diags` (the previous load's diagnostics, in) with those notes' parse
// diagnostics swapped for the new ones: what load() would give now. Else
// false, `corpus` and `diags` unchanged: load the whole folder.
bool reload_notes(Corpus& corpus, const Config& config, const std::vector<std::filesystem::path>& changed,
                  ParseCache& cache, std::vector<Diagnostic>& diags, std::vector<size_t>& pages,
                  std::vector<Page>& before);

// Path as the user should read it in messages: relative to the current
// directory when under it, else absolute; control characters (a newline or
// an escape sequence in a file name) shown as \xNN.
std::string display_path(const std::filesystem::path& p);

// Parse one note already read into memory (the loader's per-file step; used
// by tests). `source` is its path relative to the notes folder.
std::optional<Page> parse_note(std::string text, const std::string& source,
                               const std::filesystem::path& file, const Config& config,
                               Diagnostics& diags);

}  // namespace kb::content
