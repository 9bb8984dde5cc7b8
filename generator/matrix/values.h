// Matrix values: a note's front-matter block (service: { category: …, … })
// checked against its schema and turned into typed cells.
//
// Contract: never throws. Each problem is reported at the file:line:col of
// the offending key or value (FrontMatter::places), with the line echoed
// when the note's file can be read:
//   errors   — a block that is not a table; a block on a note whose kind the
//              schema does not allow; an unknown column (with "did you
//              mean"); a value of the wrong type (text for a bool, a table
//              for a list…); an enum value or list item outside the
//              schema's values (listing them); a required value missing.
//   warnings — an item of a `links` column naming no note; a note of kind
//              `service` carrying no block of a schema made for that kind
//              (so `kb check --strict` keeps the matrices complete).
// A block with an error gives no Block. Notes of kind `algorithm` without a
// block are fine (generic model-family notes). Pure data in and out; the
// finder is called from the calling thread only.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/page.h"
#include "core/diagnostic.h"
#include "matrix/schema.h"

namespace kb::matrix {

// A typed value of one column for one note.
struct Cell {
  bool present = false;             // false: the note gives none (an optional column)
  std::string text;                 // text and enum: the value; number: as written
  std::vector<std::string> items;   // list: the items, in order
  std::vector<std::optional<size_t>> targets;  // links lists: the page each item names, if any
  bool flag = false;                // bool
  double number = 0;                // number
};

// One note's valid block for one schema: cells parallel to schema.columns.
struct Block {
  size_t schema = 0;  // index into the schemas given
  size_t page = 0;    // index into corpus.pages
  std::vector<Cell> cells;
};

// The page a note title (or alias, or file name) names: LinkGraph::find.
using NoteFinder = std::function<std::optional<size_t>(std::string_view name)>;

// The valid blocks of one page (index `page_index` in the corpus), for every
// schema whose key its front matter has; problems go to `diags`.
std::vector<Block> validate_page(const std::vector<Schema>& schemas, const Page& page, size_t page_index,
                                 const NoteFinder& find_note, Diagnostics& diags);

// Every page's blocks, in page order.
std::vector<Block> validate(const std::vector<Schema>& schemas, const Corpus& corpus, const NoteFinder& find_note,
                            Diagnostics& diags);

}  // namespace kb::matrix
