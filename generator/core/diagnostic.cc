#include "core/diagnostic.h"

#include <algorithm>
#include <optional>
#include <tuple>

namespace kb {

std::string Diagnostic::format() const {
  std::string out;
  if (!path.empty()) {
    out += path;
    if (line > 0) {
      out += ':' + std::to_string(line);
      if (column > 0) out += ':' + std::to_string(column);
    }
    out += ": ";
  }
  out += severity == Severity::kError ? "error: " : "warning: ";
  out += message;
  out += '\n';
  if (!source_line.empty()) {
    out += "    " + source_line + '\n';
    const int caret = echo_column > 0 ? echo_column : column;
    if (caret > 0) {
      // Keep tabs so the caret lines up under the echoed text.
      std::string pad;
      for (int i = 0; i + 1 < caret && i < static_cast<int>(source_line.size()); ++i)
        pad += source_line[i] == '\t' ? '\t' : ' ';
      out += "    " + pad + "^\n";
    }
  }
  return out;
}

namespace {

// The 1-based line `line` of `text` without its newline (or "\r\n").
std::optional<std::string_view> line_view(std::string_view text, int line) {
  if (line < 1) return std::nullopt;
  size_t start = 0;
  for (int i = 1; i < line; ++i) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return std::nullopt;
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  std::string_view l = text.substr(start, end == std::string_view::npos ? text.npos : end - start);
  if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
  return l;
}

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// At most kEchoWidth bytes of `line` around the 1-based `column`.
Echo window(std::string_view line, int column) {
  Echo e;
  if (line.size() <= kEchoWidth) {
    e.text = std::string(line);
    e.column = column;
    return e;
  }
  const size_t at = column > 0 ? std::min<size_t>(column - 1, line.size()) : 0;
  size_t begin = at > kEchoWidth / 2 ? at - kEchoWidth / 2 : 0;
  size_t end = std::min(line.size(), begin + kEchoWidth);
  if (end == line.size()) begin = line.size() > kEchoWidth ? line.size() - kEchoWidth : 0;
  while (begin > 0 && begin < line.size() && continuation(line[begin])) ++begin;
  while (end < line.size() && continuation(line[end])) --end;
  if (begin > 0) e.text = "...";
  e.text.append(line.substr(begin, end - begin));
  if (end < line.size()) e.text += "...";
  e.column = column > 0 ? static_cast<int>(at - begin) + 1 + (begin > 0 ? 3 : 0) : 0;
  return e;
}

}  // namespace

Echo echo_of(std::string_view text, int line, int column) {
  std::optional<std::string_view> l = line_view(text, line);
  return l ? window(*l, column) : Echo{};
}

void Diagnostics::add(Diagnostic d) {
  if (d.source_line.size() > kEchoWidth) {  // an echo of a long line: a window of it
    Echo e = window(d.source_line, d.echo_column > 0 ? d.echo_column : d.column);
    d.source_line = std::move(e.text);
    d.echo_column = e.column;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  items_.push_back(std::move(d));
}

void Diagnostics::error(std::string path, int line, int column, std::string message,
                        std::string source_line) {
  add({Severity::kError, std::move(path), line, column, std::move(message),
       std::move(source_line)});
}

void Diagnostics::warning(std::string path, int line, int column, std::string message,
                          std::string source_line) {
  add({Severity::kWarning, std::move(path), line, column, std::move(message),
       std::move(source_line)});
}

namespace {
Diagnostic with_echo(Severity s, std::string path, int line, int column, std::string message, Echo echo) {
  Diagnostic d{s, std::move(path), line, column, std::move(message), std::move(echo.text)};
  d.echo_column = echo.column != column ? echo.column : 0;
  return d;
}
}  // namespace

void Diagnostics::warning(std::string path, int line, int column, std::string message, Echo echo) {
  add(with_echo(Severity::kWarning, std::move(path), line, column, std::move(message), std::move(echo)));
}

void Diagnostics::error(std::string path, int line, int column, std::string message, Echo echo) {
  add(with_echo(Severity::kError, std::move(path), line, column, std::move(message), std::move(echo)));
}

void Diagnostics::merge(const Diagnostics& other) {
  auto items = other.sorted();
  std::lock_guard<std::mutex> lock(mutex_);
  items_.insert(items_.end(), items.begin(), items.end());
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

size_t Diagnostics::error_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::count_if(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

size_t Diagnostics::warning_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::count_if(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::kWarning; });
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> copy;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    copy = items_;
  }
  std::stable_sort(copy.begin(), copy.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.path, a.line, a.column, a.message) <
           std::tie(b.path, b.line, b.column, b.message);
  });
  return copy;
}

std::string Diagnostics::report() const {
  std::string out;
  const std::vector<Diagnostic> all = sorted();
  // Past kShownPerFile warnings of one file, the rest are counted (errors
  // are always shown): a note that repeats one mistake thousands of times
  // says so in a few lines.
  size_t shown = 0, hidden = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    const Diagnostic& d = all[i];
    if (i > 0 && d.path != all[i - 1].path) shown = 0;
    if (d.severity == Severity::kWarning && !d.path.empty() && ++shown > kShownPerFile) ++hidden;
    else out += d.format();
    if (hidden > 0 && (i + 1 == all.size() || all[i + 1].path != d.path)) {
      out += d.path + ": warning: " + std::to_string(hidden) + " more warning" + (hidden == 1 ? "" : "s") +
             " in this file not shown; fix the ones above and build again to see them\n";
      hidden = 0;
    }
  }
  return out;
}

std::string line_of(std::string_view text, int line) {
  std::optional<std::string_view> l = line_view(text, line);
  return l ? std::string(*l) : std::string();
}

}  // namespace kb
