// Table: a numeric data table with named columns, the input the kernel
// registry takes, and a parser for CSV text with a header row.
//
// Contract: parse_numeric_csv reads comma-separated text: the first
// non-empty line names the columns, every later non-empty line is a row of
// the same number of cells. Cells may be double-quoted and surrounded by
// spaces; an empty cell is a missing value (NaN, which only the imputation
// kernel accepts). Anything else that is not a finite number is an error
// that names the line, the column and the cell, as is an empty text, a
// header without rows, or a row of the wrong length. CRLF line ends and a
// UTF-8 byte-order mark are accepted. No I/O: the caller reads the file.
// Cost O(size of the text). Thread safety: pure function.
#pragma once

#include "kernels/common.h"
#include "kernels/result.h"

#include <string>
#include <string_view>
#include <vector>

namespace kb::kernels {

struct Table {
  std::vector<std::string> columns;  // header names, in order
  Matrix values;                     // rows × columns; NaN marks an empty cell
};

// `source` names the text in messages ("data/points.csv:4: ...").
Result<Table> parse_numeric_csv(std::string_view text, const std::string& source = "input");

}  // namespace kb::kernels
