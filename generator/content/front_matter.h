// Front matter: split a note into its metadata block and markdown body, and
// read the block as YAML (between `---` lines) or TOML (between `+++` lines).
//
// Contract: never throws. Problems are warnings added to `diags` at the file
// line they refer to, counting the opening delimiter as line 1, so one note
// never stops a vault (--strict fails on them):
// - a block that cannot be read (malformed YAML/TOML, not 'key: value'
//   lines, never closed) or a draft/publish flag that is neither true nor
//   false: the result is nullopt and the note stays off the site (kLeftOut:
//   whether it is private cannot be told);
// - a known field of the wrong type: that field is ignored.
// A note without front matter gets defaults and its whole text as body.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "content/page.h"
#include "content/yaml_lite.h"
#include "core/diagnostic.h"

namespace kb::front_matter {

struct Split {
  enum class Format { kNone, kYaml, kToml } format = Format::kNone;
  std::string_view block;  // text between the delimiters
  std::string_view body;   // everything after the closing delimiter line
  int block_line = 0;      // file line of the block's first line
  int body_line = 1;       // file line of the body's first line
};

// Separate the block from the body; nullopt (and a warning) if a block is
// opened but never closed.
std::optional<Split> split(std::string_view text, const std::string& path, Diagnostics& diags);

// Parse the block into known fields plus `extra`. `text` is the whole file
// (for echoing the offending line).
std::optional<FrontMatter> parse(const Split& split, std::string_view text,
                                 const std::string& path, Diagnostics& diags);

// The block read by yaml-cpp, as parse() reads a block that
// read_simple_yaml() (content/yaml_lite.h) does not take; nullopt when it
// is not a YAML map. For the tests that compare the two.
std::optional<SimpleYaml> read_yaml_with_yaml_cpp(std::string_view block, int block_line);

// One segment of a JSON pointer as FrontMatter::places spells keys
// (RFC 6901: "/" + key, '~' -> "~0", '/' -> "~1").
std::string pointer_segment(std::string_view key);

}  // namespace kb::front_matter
