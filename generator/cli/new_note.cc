#include "cli/new_note.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "core/text.h"

namespace fs = std::filesystem;

namespace kb::cli {
namespace {

bool has_control_char(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7F) return true;
  return false;
}

// Why a domain cannot be used as one folder name, or "" if it can.
std::string domain_problem(std::string_view domain) {
  if (domain.find('/') != std::string_view::npos || domain.find('\\') != std::string_view::npos)
    return "contains a path separator";
  if (domain.find("..") != std::string_view::npos) return "contains \"..\"";
  if (domain.front() == '.') return "starts with '.'";
  if (has_control_char(domain)) return "contains a control character";
  if (text::find_invalid_utf8(domain)) return "is not valid UTF-8";
  return {};
}

bool is_iso_date(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (d[i] < '0' || d[i] > '9') return false;
  return true;
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

}  // namespace

std::string yaml_quote(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\n': out += "\\n"; continue;
      case '\t': out += "\\t"; continue;
      case '\r': out += "\\r"; continue;
      default: break;
    }
    if (c < 0x20 || c == 0x7F) {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x85) {
      // U+0085 is a line break to YAML 1.1 readers. Not "\N": yaml-cpp
      // decodes that to a lone 0x85 byte, which is not UTF-8.
      out += "\\u0085";
      ++i;
    } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
                static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
  return out;
}

std::string note_file_stem(std::string_view title) {
  std::string slug = text::url_slug(title);
  size_t dots = slug.find_first_not_of('.');
  slug.erase(0, dots == std::string::npos ? slug.size() : dots);
  // Room for ".md" and any editor's backup suffix within NAME_MAX (255).
  constexpr size_t kMaxBytes = 100;
  if (slug.size() > kMaxBytes) {
    size_t cut = kMaxBytes;
    while (cut > 0 && (static_cast<unsigned char>(slug[cut]) & 0xC0) == 0x80) --cut;
    slug.resize(cut);
  }
  while (!slug.empty() && (slug.back() == '-' || slug.back() == '.')) slug.pop_back();
  return slug.empty() ? "untitled" : slug;
}

std::string note_text(std::string_view title, std::string_view domain, std::string_view date) {
  std::string out;
  out += "---\n";
  out += "title: " + yaml_quote(title) + "\n";
  out += "aliases: []\n";
  out += "tags: []\n";
  out += "domain: " + yaml_quote(domain) + "\n";
  out += "kind: note\n";
  out += "summary: \"\"\n";
  if (!date.empty()) out += "created: " + std::string(date) + "\n";
  out += "---\n";
  out += "\n";
  // The title is not repeated here: it may hold markdown ("[[", "$") that
  // would turn the placeholder into a broken link or stray math.
  out += "TODO: in one paragraph and in your own words, what this is and why it matters.\n";
  for (const char* section : {"How it works", "When to use it", "Exam traps", "Related"}) {
    out += "\n## ";
    out += section;
    out += "\n";
  }
  return out;
}

std::string iso_date(std::time_t when) {
  std::tm local{};
  localtime_r(&when, &local);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &local);
  return buf;
}

std::optional<fs::path> create_note(const NewNoteOptions& options, Diagnostics& diags) {
  std::string title(text::trim(options.title));
  std::string domain(text::trim(options.domain));
  bool ok = true;
  if (title.empty()) {
    diags.error("", 0, 0, "a note needs a title: kb new \"Title\" [--domain D]");
    ok = false;
  } else if (has_control_char(title)) {
    diags.error("", 0, 0, "title " + yaml_quote(title) + " must be one line without control characters");
    ok = false;
  } else if (text::find_invalid_utf8(title)) {
    diags.error("", 0, 0, "title is not valid UTF-8");
    ok = false;
  }
  if (!domain.empty()) {
    if (std::string why = domain_problem(domain); !why.empty()) {
      diags.error("", 0, 0, "domain " + yaml_quote(domain) + " " + why +
                                "; a domain is one folder name, such as modeling");
      ok = false;
    }
  }
  if (!options.date.empty() && !is_iso_date(options.date)) {
    diags.error("", 0, 0, "date \"" + options.date + "\" is not YYYY-MM-DD");
    ok = false;
  }
  std::error_code ec;
  if (!fs::is_directory(options.notes_dir, ec)) {
    diags.error(options.notes_dir.generic_string(), 0, 0,
                "notes folder does not exist (create it, or point kb at your notes)");
    ok = false;
  }
  if (!ok) return std::nullopt;

  fs::path folder = domain.empty() ? options.notes_dir : options.notes_dir / domain;
  fs::path file = folder / (note_file_stem(title) + ".md");
  fs::create_directories(folder, ec);
  if (ec) {
    diags.error(folder.generic_string(), 0, 0, "cannot create folder: " + ec.message());
    return std::nullopt;
  }
  // "x": exclusive create (C11/glibc), so an existing note is never truncated.
  std::unique_ptr<std::FILE, FileCloser> out(std::fopen(file.c_str(), "wx"));
  if (!out) {
    int err = errno;
    if (err == EEXIST) {
      diags.error(file.generic_string(), 0, 0,
                  "already exists; edit it, or choose another title");
    } else {
      diags.error(file.generic_string(), 0, 0, std::string("cannot create: ") + std::strerror(err));
    }
    return std::nullopt;
  }
  std::string body = note_text(title, domain, options.date);
  bool written = std::fwrite(body.data(), 1, body.size(), out.get()) == body.size();
  written = std::fclose(out.release()) == 0 && written;
  if (!written) {
    int err = errno;
    // Leave no half-written note behind: it would block the next attempt.
    fs::remove(file, ec);
    diags.error(file.generic_string(), 0, 0, std::string("cannot write: ") + std::strerror(err));
    return std::nullopt;
  }
  return file;
}

}  // namespace kb::cli
