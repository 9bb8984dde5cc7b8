// Diagnostics: every problem a build finds, with the place it came from.
//
// Contract: a Diagnostic is plain data (path, 1-based line and column, message,
// optional echo of the offending source line). Diagnostics collects them from
// many threads (add() is thread-safe) so a build can report every problem at
// once instead of stopping at the first. Nothing here throws.
// Bounded: an echo is at most kEchoWidth bytes of its line, a window around
// the column (add() cuts a longer one; echo_of() never copies more), so a
// note with thousands of problems on one long line costs memory in
// proportion to the problems, not to problems times the line; report()
// shows at most kShownPerFile warnings of one file and counts the rest.
#pragma once

#include <mutex>
#include <string>
#include <vector>

namespace kb {

enum class Severity { kWarning, kError };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string path;         // as the user would type it (relative where possible); may be empty
  int line = 0;             // 1-based; 0 = the whole file
  int column = 0;           // 1-based; 0 = the whole line
  std::string message;      // what is wrong and, where possible, what to do
  std::string source_line;  // the offending line (or a window of it), echoed under the message; may be empty
  int echo_column = 0;      // the caret's 1-based column in source_line when it is a window; 0: `column`

  // "path:line:col: error: message" followed, when known, by the line and a caret.
  std::string format() const;
  bool operator==(const Diagnostic& o) const {
    return severity == o.severity && path == o.path && line == o.line && column == o.column &&
           message == o.message && source_line == o.source_line && echo_column == o.echo_column;
  }
};

inline constexpr size_t kEchoWidth = 160;
inline constexpr size_t kShownPerFile = 50;

// The echo of line `line` of `text` around `column`: the line itself when
// short, else at most kEchoWidth bytes of it around the column, cut at
// character boundaries and marked "..." where cut.
struct Echo {
  std::string text;
  int column = 0;  // the caret's column in `text` (0: none)
};
Echo echo_of(std::string_view text, int line, int column);

// Thread-safe collector. Order of report() is sorted by path, line, column so
// output is stable whatever the thread schedule.
class Diagnostics {
 public:
  void add(Diagnostic d);
  void error(std::string path, int line, int column, std::string message,
             std::string source_line = {});
  void warning(std::string path, int line, int column, std::string message,
               std::string source_line = {});
  void warning(std::string path, int line, int column, std::string message, Echo echo);
  void error(std::string path, int line, int column, std::string message, Echo echo);
  void merge(const Diagnostics& other);

  bool has_errors() const;
  size_t error_count() const;
  size_t warning_count() const;
  std::vector<Diagnostic> sorted() const;
  // Every diagnostic, formatted, one after another (past kShownPerFile
  // warnings of one file, a line counting the rest); empty if none.
  std::string report() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Diagnostic> items_;
};

// The 1-based line `line` of `text` without its newline; empty if out of
// range. (An echo for a diagnostic: echo_of(), or add() cuts it.)
std::string line_of(std::string_view text, int line);

}  // namespace kb
