#include "core/diagnostic.h"

#include <algorithm>
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
    if (column > 0) {
      // Keep tabs so the caret lines up under the echoed text.
      std::string pad;
      for (int i = 0; i + 1 < column && i < static_cast<int>(source_line.size()); ++i)
        pad += source_line[i] == '\t' ? '\t' : ' ';
      out += "    " + pad + "^\n";
    }
  }
  return out;
}

void Diagnostics::add(Diagnostic d) {
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
  for (const auto& d : sorted()) out += d.format();
  return out;
}

std::string line_of(std::string_view text, int line) {
  if (line < 1) return {};
  size_t start = 0;
  for (int i = 1; i < line; ++i) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  std::string_view l = text.substr(start, end == std::string_view::npos ? text.npos : end - start);
  if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
  return std::string(l);
}

}  // namespace kb
