// The matrix model: every comparison matrix of a site, as the pages render
// them — one Matrix per schema, one Row per note carrying its block, rows
// sorted by title, cells typed (values.h).
//
// Contract: build() reads <notes>/data/matrices/*.toml (schema.h), validates
// every page's blocks (values.h) and assembles the rest; every problem is in
// `diags`, and a block with an error is no row. A notes folder without
// data/matrices/ gives an empty set and no diagnostics. A note page whose URL
// is a matrix page's is an error (the generated page would replace it). The
// set is plain data, immutable after build, safe to read from many threads;
// it refers to pages by index into the corpus it was built from.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "content/page.h"
#include "core/diagnostic.h"
#include "matrix/schema.h"
#include "matrix/values.h"

namespace kb::matrix {

// Site path of the list of matrices; each matrix is matrices/<id slug>.html.
inline constexpr const char kIndexUrl[] = "matrices/index.html";

struct Row {
  size_t page = 0;           // index into corpus.pages
  std::string id;            // unique in its matrix: the note's file-name slug ("athena"); URL hash key
  std::vector<Cell> cells;   // parallel to schema.columns
};

struct Matrix {
  Schema schema;
  std::string url;           // "matrices/services.html"
  std::vector<Row> rows;     // by title (ASCII case-insensitive, then bytewise, then source)
};

struct RowRef {
  size_t matrix = 0;
  size_t row = 0;
};

struct MatrixSet {
  std::vector<Matrix> matrices;  // in schema order

  bool empty() const { return matrices.empty(); }
  // The rows a page has, in matrix order (empty if none).
  const std::vector<RowRef>& rows_of(size_t page) const;

  std::map<size_t, std::vector<RowRef>> by_page;
};

// Schemas, validation and model in one step (the site stage's call).
MatrixSet build(const std::filesystem::path& notes_dir, const Corpus& corpus, const NoteFinder& find_note,
                Diagnostics& diags);

// The model from schemas already loaded and blocks already validated.
MatrixSet assemble(std::vector<Schema> schemas, std::vector<Block> blocks, const Corpus& corpus);

}  // namespace kb::matrix
