#include "markdown/link_target.h"

#include "core/text.h"

namespace kb::markdown {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// RFC 3986 scheme followed by ':' at the start of `url`.
bool has_scheme(std::string_view url) {
  if (url.empty() || !is_alpha(url[0])) return false;
  for (size_t i = 1; i < url.size(); ++i) {
    char c = url[i];
    if (c == ':') return true;
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return false;
}

std::string decode_or_keep(std::string_view s) {
  if (auto decoded = text::url_decode(s)) return std::move(*decoded);
  return std::string(s);
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

}  // namespace

bool is_dangerous_url(std::string_view url) {
  if (starts_with_nocase(url, "data:")) {
    for (const char* image : {"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"})
      if (starts_with_nocase(url, image)) return false;
    return true;
  }
  return starts_with_nocase(url, "javascript:") || starts_with_nocase(url, "vbscript:") ||
         starts_with_nocase(url, "file:");
}

bool is_relative_url(std::string_view url) {
  if (url.empty() || has_scheme(url)) return false;
  return url[0] != '/' || (url.size() > 1 && url[1] != '/');  // "/x": the notes folder's root
}

UrlParts split_url(std::string_view url) {
  UrlParts parts;
  size_t hash = url.find('#');
  parts.target = decode_or_keep(url.substr(0, hash));
  if (hash != std::string_view::npos) parts.fragment = decode_or_keep(url.substr(hash + 1));
  return parts;
}

}  // namespace kb::markdown
