#include "kernels/table.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace kb::kernels {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Splits one line into cells; a cell in double quotes may hold commas and
// "" for a quote. Returns false on an unterminated quote.
bool split_cells(std::string_view line, std::vector<std::string>& cells) {
  cells.clear();
  size_t i = 0;
  while (true) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::string cell;
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            cell += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        cell += line[i++];
      }
      if (!closed) return false;
      while (i < line.size() && line[i] != ',') ++i;  // ignore anything after the closing quote
    } else {
      const size_t start = i;
      while (i < line.size() && line[i] != ',') ++i;
      cell = std::string(trim(line.substr(start, i - start)));
    }
    cells.push_back(std::move(cell));
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  return true;
}

}  // namespace

Result<Table> parse_numeric_csv(std::string_view text, const std::string& source) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  Table t;
  std::vector<std::vector<double>> rows;
  std::vector<std::string> cells;
  int line_no = 0;
  bool have_header = false;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = trim(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    if (line.empty()) continue;
    const std::string where = source + ":" + std::to_string(line_no) + ": ";
    if (!split_cells(line, cells)) return fail(where + "unterminated quoted cell");
    if (!have_header) {
      for (size_t c = 0; c < cells.size(); ++c) {
        if (cells[c].empty()) {
          return fail(where + "header cell " + std::to_string(c + 1) + " is empty; every column needs a name");
        }
      }
      t.columns = cells;
      have_header = true;
      continue;
    }
    if (cells.size() != t.columns.size()) {
      return fail(where + "row has " + std::to_string(cells.size()) + " cells but the header has " +
                  std::to_string(t.columns.size()) + " columns");
    }
    std::vector<double> row;
    for (size_t c = 0; c < cells.size(); ++c) {
      const std::string& cell = cells[c];
      if (cell.empty()) {
        row.push_back(NAN);
        continue;
      }
      errno = 0;
      char* stop = nullptr;
      const double v = std::strtod(cell.c_str(), &stop);
      if (stop == cell.c_str() || *stop != '\0' || !std::isfinite(v) || errno == ERANGE) {
        return fail(where + "column \"" + t.columns[c] + "\" holds \"" + cell +
                    "\", which is not a finite number");
      }
      row.push_back(v);
    }
    rows.push_back(std::move(row));
  }
  if (!have_header) return fail(source + ": is empty (expected a header row and numeric rows)");
  if (rows.empty()) return fail(source + ": has a header but no data rows");
  t.values.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(t.columns.size()));
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < rows[r].size(); ++c) {
      t.values(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = rows[r][c];
    }
  }
  return t;
}

}  // namespace kb::kernels
