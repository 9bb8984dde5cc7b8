// `kb new "Title" [--domain D]`: start a note from the standard skeleton.
//
// Contract: create_note() writes one new file, <notes>/<domain>/<slug>.md
// (the domain folder is created if needed; without a domain the file goes in
// the notes root), and never overwrites: the file is opened with exclusive
// create, so even a file appearing between check and write is left alone.
// Every problem (empty title, a domain that is not one folder name, a missing
// notes folder, an existing file, an I/O error) is added to `diags`, naming
// the file or input at fault, and nullopt is returned; nothing throws. The
// date is passed in, so the result depends only on the arguments and the
// file system. No global state; safe from any thread for different files.
#pragma once

#include <ctime>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostic.h"

namespace kb::cli {

struct NewNoteOptions {
  // Notes root (Config::notes_dir). Must exist: a typo should not quietly
  // create a second notes folder.
  std::filesystem::path notes_dir;
  // The note's title: required, one line of UTF-8, trimmed. The file name is
  // its URL slug ("F1 score" -> f1-score.md), so file and page URL agree.
  std::string title;
  // Exam domain id: the sub-folder and the `domain:` field. "" = notes root.
  // Must be a single folder name: no '/', '\', "..", or leading '.'.
  std::string domain;
  // Today as "YYYY-MM-DD", written as `created:`; "" leaves the field out.
  std::string date;
};

// Write the note; its path (notes_dir / domain / slug.md) or nullopt.
std::optional<std::filesystem::path> create_note(const NewNoteOptions& options,
                                                 Diagnostics& diags);

// The file text create_note() writes: YAML front matter (title quoted, aliases,
// tags, domain, kind: note, summary, created) and a body with a placeholder
// paragraph and the sections "How it works", "When to use it", "Exam traps",
// "Related". No H1: the title comes from the front matter.
std::string note_text(std::string_view title, std::string_view domain, std::string_view date);

// File name stem for a title: text::url_slug, without leading dots (no hidden
// files) and cut to 100 bytes at a character boundary.
std::string note_file_stem(std::string_view title);

// A YAML double-quoted scalar that reads back as exactly `s` (quotes,
// backslashes, control and Unicode line-break characters escaped).
std::string yaml_quote(std::string_view s);

// "YYYY-MM-DD" of `when` in local time, for NewNoteOptions::date.
std::string iso_date(std::time_t when);

}  // namespace kb::cli
