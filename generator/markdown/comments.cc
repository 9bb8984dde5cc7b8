#include "markdown/comments.h"

namespace kb::markdown {
namespace {

// A fence line: up to three spaces, then three or more ` or ~.
bool fence_at(std::string_view line, char& ch, size_t& len) {
  size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;
  if (i >= line.size() || (line[i] != '`' && line[i] != '~')) return false;
  ch = line[i];
  size_t j = i;
  while (j < line.size() && line[j] == ch) ++j;
  len = j - i;
  if (len < 3) return false;
  // A backtick fence's info string may not hold a backtick.
  if (ch == '`' && line.substr(j).find('`') != std::string_view::npos) return false;
  return true;
}

bool closes_fence(std::string_view line, char ch, size_t len) {
  size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;
  size_t j = i;
  while (j < line.size() && line[j] == ch) ++j;
  if (j - i < len) return false;
  for (; j < line.size(); ++j)
    if (line[j] != ' ' && line[j] != '\t' && line[j] != '\r') return false;
  return true;
}

size_t run_of(std::string_view s, size_t at, char c) {
  size_t end = at;
  while (end < s.size() && s[end] == c) ++end;
  return end - at;
}

// The end of the code span opening with `ticks` backticks at `at`, or npos
// when no closing run of the same length comes before a blank line.
size_t code_span_end(std::string_view s, size_t at, size_t ticks) {
  for (size_t i = at + ticks; i < s.size();) {
    if (s[i] == '\n') {
      size_t j = i + 1;
      while (j < s.size() && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r')) ++j;
      if (j >= s.size() || s[j] == '\n') return std::string_view::npos;  // a blank line ends the paragraph
    }
    if (s[i] == '`') {
      size_t n = run_of(s, i, '`');
      if (n == ticks) return i + n;
      i += n;
      continue;
    }
    ++i;
  }
  return std::string_view::npos;
}

}  // namespace

std::string blank_comments(std::string_view source, size_t* count) {
  if (count) *count = 0;
  if (source.find("%%") == std::string_view::npos) return std::string(source);
  std::string out(source);
  bool in_fence = false;
  char fence_char = 0;
  size_t fence_len = 0;
  size_t i = 0;
  while (i < out.size()) {
    size_t line_end = out.find('\n', i);
    if (line_end == std::string::npos) line_end = out.size();
    std::string_view line(out.data() + i, line_end - i);
    if (in_fence) {
      if (closes_fence(line, fence_char, fence_len)) in_fence = false;
      i = line_end + 1;
      continue;
    }
    if (fence_at(line, fence_char, fence_len)) {
      in_fence = true;
      i = line_end + 1;
      continue;
    }
    // Outside code: look along the line for code spans and comments.
    size_t k = i;
    bool next_line = true;
    while (k < line_end) {
      if (out[k] == '`') {
        size_t ticks = run_of(out, k, '`');
        size_t end = code_span_end(out, k, ticks);
        if (end == std::string::npos) { k += ticks; continue; }
        k = end;
        if (k > line_end) {  // the span ran over lines: go on from its end
          i = k;
          next_line = false;
          break;
        }
        continue;
      }
      if (out[k] == '%' && k + 1 < out.size() && out[k + 1] == '%') {
        size_t close = out.find("%%", k + 2);
        size_t end = close == std::string::npos ? out.size() : close + 2;
        for (size_t b = k; b < end; ++b)
          if (out[b] != '\n') out[b] = ' ';
        if (count) ++*count;
        if (end > line_end) {  // it ran over lines: go on right after it
          i = end;
          next_line = false;
          break;
        }
        k = end;
        continue;
      }
      ++k;
    }
    // After a span or comment that ran over lines, the rest of its last line
    // is scanned as a line of its own.
    if (next_line) i = line_end + 1;
  }
  return out;
}

}  // namespace kb::markdown
