#include "core/text.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include <xapian.h>

namespace kb::text {

namespace {

// Appends the lowercase of the UTF-8 sequence starting at s[i] (a non-ASCII
// lead byte) and returns the index after it. Case data comes from Xapian's
// Unicode tables (simple case mapping, no locale), so "Ü" -> "ü", "Σ" -> "σ".
// A malformed sequence (the loader rejects those first) is copied byte by byte.
size_t append_lower_nonascii(std::string_view s, size_t i, std::string& out) {
  Xapian::Utf8Iterator it(s.data() + i, s.size() - i);
  const char* start = s.data() + i;
  unsigned cp = *it;
  ++it;
  size_t len = it == Xapian::Utf8Iterator() ? s.size() - i : static_cast<size_t>(it.raw() - start);
  if (len == 0) len = 1;
  Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(cp));
  return i + len;
}

}  // namespace

std::string to_lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
      ++i;
    } else {
      i = append_lower_nonascii(s, i, out);
    }
  }
  return out;
}

std::optional<size_t> find_invalid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) { ++i; continue; }
    int len;
    unsigned cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return i;
    if (i + len > n) return i;
    for (int k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += len;
  }
  return std::nullopt;
}

Position position_of(std::string_view s, size_t pos) {
  Position p;
  for (size_t i = 0; i < pos && i < s.size(); ++i) {
    if (s[i] == '\n') { ++p.line; p.column = 1; }
    else ++p.column;
  }
  return p;
}

namespace {

// `s` with its non-ASCII letters lowercased, in `storage` only when it has
// any: ASCII text (most names) is folded by the callers' own loops, with no
// copy.
std::string_view nonascii_lowered(std::string_view s, std::string& storage) {
  for (unsigned char c : s)
    if (c >= 0x80) {
      storage = to_lower(s);
      return storage;
    }
  return s;
}

}  // namespace

std::string heading_slug(std::string_view heading_in) {
  std::string storage;
  std::string_view heading = nonascii_lowered(heading_in, storage);
  std::string out;
  for (unsigned char c : heading) {
    if (c >= 0x80) out += static_cast<char>(c);
    else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') out += static_cast<char>(c);
    else if (c == ' ') out += '-';
  }
  return out;
}

std::string url_slug(std::string_view name_in) {
  std::string storage;
  std::string_view name = nonascii_lowered(trim(name_in), storage);
  std::string out;
  bool dash = false;
  for (unsigned char c : name) {
    bool keep = c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    if (c >= 'A' && c <= 'Z') { c = static_cast<unsigned char>(c - 'A' + 'a'); keep = true; }
    if (keep) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += static_cast<char>(c);
    } else {
      dash = true;  // runs of spaces and punctuation become one '-'
    }
  }
  while (!out.empty() && out.back() == '.') out.pop_back();
  if (out.empty()) out = "untitled";
  return out;
}

std::string lookup_key(std::string_view s_in) {
  std::string storage;
  std::string_view lowered = nonascii_lowered(trim(s_in), storage);
  std::string out;
  out.reserve(lowered.size());
  bool space = false;
  for (unsigned char c : lowered) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '_') { space = true; continue; }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
  }
  return out;
}

bool title_less(const std::string& a, const std::string& b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    unsigned char x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
    if (x >= 'A' && x <= 'Z') x = static_cast<unsigned char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<unsigned char>(y - 'A' + 'a');
    if (x != y) return x < y;
  }
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

uint64_t fnv1a64(std::string_view s) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string hex16(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

size_t utf8_prefix_bytes(std::string_view s, size_t code_points) {
  size_t i = 0;
  for (; i < s.size() && code_points > 0; --code_points) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

size_t edit_distance(std::string_view a, std::string_view b, size_t limit) {
  size_t la = a.size(), lb = b.size();
  if ((la > lb ? la - lb : lb - la) > limit) return limit + 1;
  std::vector<size_t> prev(lb + 1), cur(lb + 1);
  for (size_t j = 0; j <= lb; ++j) prev[j] = j;
  for (size_t i = 1; i <= la; ++i) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= lb; ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev, cur);
  }
  return prev[lb];
}

std::string escape_controls(std::string s) {
  auto control = [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; };
  if (std::none_of(s.begin(), s.end(), control)) return s;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (control(c)) out += std::string("\\x") + kHex[u >> 4] + kHex[u & 15];
    else out += c;
  }
  return out;
}

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t from = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s, from, i - from);
    from = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default: out += "\\u00"; out += kHex[c >> 4]; out += kHex[c & 15];
    }
  }
  out.append(s, from, std::string_view::npos);
  out += '"';
}

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string url_encode_path(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (c <= 0x20 || c == 0x7F || c == '%' || c == '?' || c == '#' || c == '"' || c == '\'' ||
        c == '<' || c == '>' || c == '\\' || c == '`') {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::optional<std::string> url_decode(std::string_view s) {
  auto val = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') { out += s[i]; continue; }
    if (i + 2 >= s.size()) return std::nullopt;
    int hi = val(s[i + 1]), lo = val(s[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::string relative_url(std::string_view from, std::string_view to) {
  // Directory parts of `from`; the file name itself does not count.
  std::vector<std::string_view> from_dirs;
  size_t start = 0;
  for (size_t slash; (slash = from.find('/', start)) != from.npos; start = slash + 1)
    from_dirs.push_back(from.substr(start, slash - start));
  std::string_view target = to;
  std::string_view fragment;
  if (size_t hash = target.find('#'); hash != target.npos) {
    fragment = target.substr(hash);
    target = target.substr(0, hash);
  }
  std::vector<std::string_view> to_parts;
  start = 0;
  for (size_t slash; (slash = target.find('/', start)) != target.npos; start = slash + 1)
    to_parts.push_back(target.substr(start, slash - start));
  std::string_view to_file = target.substr(start);
  size_t common = 0;
  while (common < from_dirs.size() && common < to_parts.size() && from_dirs[common] == to_parts[common])
    ++common;
  std::string out;
  for (size_t i = common; i < from_dirs.size(); ++i) out += "../";
  for (size_t i = common; i < to_parts.size(); ++i) {
    out += to_parts[i];
    out += '/';
  }
  // A folder target ends in '/': name its index.html so file:// works.
  out += to_file.empty() ? std::string_view("index.html") : to_file;
  if (target.empty() && !fragment.empty() && from_dirs.empty() && to_parts.empty())
    out = "index.html";
  out += fragment;
  return out;
}

uint32_t next_code_point(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

void append_utf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string_view trim(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}

const std::vector<std::string>& english_stop_words() {
  static const std::vector<std::string> words = [] {
    std::vector<std::string> w = {
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are",
        "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but",
        "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for",
        "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself",
        "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just",
        "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once",
        "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she",
        "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them",
        "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too",
        "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which",
        "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself",
        "yourselves"};
    std::sort(w.begin(), w.end());
    return w;
  }();
  return words;
}

}  // namespace kb::text
