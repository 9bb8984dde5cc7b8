#include "markdown/source_map.h"

#include <string>

#include "core/text.h"

namespace kb::markdown {
namespace {

bool is_ascii_punct(unsigned char c) {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}
bool is_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
int hex_value(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Bytes of the UTF-8 sequence starting with `c` (1 for stray bytes).
size_t utf8_length(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  if ((c >> 3) == 0x1E) return 4;
  return 1;
}

// A character reference at line[j] == '&', with cmark's syntax: "&#1234;"
// (1-7 digits), "&#x1F;" (1-6 hex digits) or "&name;" (up to 32 alphanumerics).
// Returns its length, or 0. For numeric ones `decoded` gets the UTF-8 text
// cmark produces (U+FFFD for 0, surrogates and out-of-range values); for a
// named one it stays empty, since kb carries no entity table.
size_t reference_at(std::string_view line, size_t j, std::string& decoded) {
  decoded.clear();
  size_t k = j + 1;
  if (k < line.size() && line[k] == '#') {
    ++k;
    bool hex = k < line.size() && (line[k] == 'x' || line[k] == 'X');
    if (hex) ++k;
    uint32_t cp = 0;
    size_t digits = 0;
    while (k < line.size()) {
      int v = hex ? hex_value(line[k]) : (line[k] >= '0' && line[k] <= '9' ? line[k] - '0' : -1);
      if (v < 0) break;
      cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(v);
      if (cp > 0x110000) cp = 0x110000;
      ++digits;
      ++k;
    }
    if (digits == 0 || digits > (hex ? 6u : 7u) || k >= line.size() || line[k] != ';') return 0;
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp >= 0x110000) cp = 0xFFFD;
    kb::text::append_utf8(cp, decoded);
    return k + 1 - j;
  }
  while (k < line.size() && k - j <= 32 && is_alnum(static_cast<unsigned char>(line[k]))) ++k;
  if (k == j + 1 || k >= line.size() || line[k] != ';') return 0;
  return k + 1 - j;
}

class Matcher {
 public:
  // Without a map, only where the match ends is found (end()).
  Matcher(std::string_view line, std::string_view literal, LiteralMap* map)
      : line_(line), lit_(literal), map_(map) {
    if (!map_) return;
    map_->offset.assign(lit_.size(), 0);
    map_->escaped.assign(lit_.size(), false);
  }
  size_t end() const { return end_; }

  bool run(size_t j, size_t i) {
    std::string decoded;
    while (i < lit_.size()) {
      // Most bytes are written as they read: take those in one sweep.
      while (i < lit_.size() && j < line_.size() && line_[j] == lit_[i] && !is_special(line_[j])) {
        mark(i, 1, j, false);
        ++i;
        ++j;
      }
      if (i == lit_.size()) break;
      if (j >= line_.size()) return false;
      unsigned char c = static_cast<unsigned char>(line_[j]);
      if (c == '\\' && j + 1 < line_.size() && is_ascii_punct(static_cast<unsigned char>(line_[j + 1])) &&
          lit_[i] == line_[j + 1]) {
        mark(i, 1, j, true);
        i += 1;
        j += 2;
        continue;
      }
      if (c == '\\' && lit_[i] == '|' && line_.substr(j, 3) == "\\\\|") {
        // In and next to GFM tables "\|" first loses one backslash to the
        // table extension, then "\|" is an escaped pipe.
        mark(i, 1, j, true);
        i += 1;
        j += 3;
        continue;
      }
      if (c == '&') {
        if (size_t len = reference_at(line_, j, decoded)) {
          if (!decoded.empty()) {
            if (lit_.compare(i, decoded.size(), decoded) == 0) {
              mark(i, decoded.size(), j, true);
              i += decoded.size();
              j += len;
              continue;
            }
          } else {
            // A named reference decodes to one or two code points; without
            // the entity table, try both (a bounded backtrack), then the
            // reference as written (cmark keeps unknown names verbatim).
            size_t one = utf8_length(static_cast<unsigned char>(lit_[i]));
            size_t two = i + one < lit_.size() ? one + utf8_length(static_cast<unsigned char>(lit_[i + one])) : 0;
            for (size_t n : {one, two}) {
              if (n == 0 || i + n > lit_.size() || budget_-- <= 0) continue;
              mark(i, n, j, true);
              if (run(j + len, i + n)) return true;
            }
          }
        }
      }
      if (c == '\t' && lit_[i] == ' ') {
        // A tab partly used up as container indentation ("-\t\tx" in a
        // list) reaches the text as the spaces left of its width.
        size_t spaces = 0;
        while (spaces < 4 && i + spaces < lit_.size() && lit_[i + spaces] == ' ') ++spaces;
        mark(i, spaces, j, false);
        i += spaces;
        j += 1;
        continue;
      }
      if (c == 0 && lit_.compare(i, 3, "\xEF\xBF\xBD") == 0) {
        mark(i, 3, j, false);
        i += 3;
        j += 1;
        continue;
      }
      if (line_[j] != lit_[i]) return false;
      mark(i, 1, j, false);
      i += 1;
      j += 1;
    }
    end_ = j;
    if (map_) map_->end = j;
    return true;
  }

 private:
  // A byte the loop below may read other than as itself.
  static bool is_special(char c) { return c == '\\' || c == '&' || c == '\t' || c == '\0'; }

  void mark(size_t i, size_t n, size_t j, bool escaped) {
    if (!map_) return;
    for (size_t k = i; k < i + n; ++k) {
      map_->offset[k] = static_cast<uint32_t>(j);
      map_->escaped[k] = escaped;
    }
  }

  std::string_view line_;
  std::string_view lit_;
  LiteralMap* map_;
  size_t end_ = 0;
  int budget_ = 64;  // named-reference retries per match
};

}  // namespace

SourceLines::SourceLines(std::string_view text) : text_(text) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
  starts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i) {
    char c = text_[i];
    if (c == '\r') {
      if (i + 1 < text_.size() && text_[i + 1] == '\n') ++i;
      starts_.push_back(i + 1);
    } else if (c == '\n') {
      starts_.push_back(i + 1);
    }
  }
}

std::string_view SourceLines::line(int n) const {
  if (n < 1 || n > count()) return {};
  size_t begin = starts_[n - 1];
  size_t end = n < count() ? starts_[n] : text_.size();
  while (end > begin && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
  return text_.substr(begin, end - begin);
}

bool match_literal_at(std::string_view line, size_t start, std::string_view literal, LiteralMap& map) {
  if (start > line.size()) return false;
  return Matcher(line, literal, &map).run(start, 0);
}

bool match_literal_end(std::string_view line, size_t start, std::string_view literal, size_t& end) {
  if (start > line.size()) return false;
  Matcher m(line, literal, nullptr);
  if (!m.run(start, 0)) return false;
  end = m.end();
  return true;
}

}  // namespace kb::markdown
