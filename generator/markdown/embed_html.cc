#include "markdown/embed_html.h"

#include <array>

#include "core/text.h"

namespace kb::markdown {
namespace {

std::string extension_of(std::string_view path) {
  path = path.substr(0, path.find_first_of("?#"));
  size_t slash = path.rfind('/');
  if (slash != std::string_view::npos) path.remove_prefix(slash + 1);
  size_t dot = path.rfind('.');
  if (dot == std::string_view::npos) return "";
  std::string ext(path.substr(dot + 1));
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return ext;
}

template <size_t N>
bool one_of(const std::string& ext, const std::array<const char*, N>& list) {
  for (const char* e : list)
    if (ext == e) return true;
  return false;
}

std::string attr(const char* name, std::string_view value) {
  return std::string(" ") + name + "=\"" + text::html_escape(value) + "\"";
}

std::string size_attrs(int width, int height) {
  std::string out;
  if (width > 0) out += " width=\"" + std::to_string(width) + "\"";
  if (height > 0) out += " height=\"" + std::to_string(height) + "\"";
  // The site's CSS gives media `height: auto` (so a width alone keeps the
  // aspect ratio), which beats the attribute: a height written is kept inline.
  if (width > 0 && height > 0) out += " style=\"height:" + std::to_string(height) + "px\"";
  return out;
}

// The value of `key=` in a fragment of '&'-separated pairs ("page=3&height=400").
std::string_view fragment_value(std::string_view fragment, std::string_view key) {
  for (size_t start = 0; start <= fragment.size();) {
    size_t amp = fragment.find('&', start);
    std::string_view pair = fragment.substr(start, amp == std::string_view::npos ? std::string_view::npos : amp - start);
    if (pair.size() > key.size() && pair.substr(0, key.size()) == key && pair[key.size()] == '=')
      return pair.substr(key.size() + 1);
    if (amp == std::string_view::npos) break;
    start = amp + 1;
  }
  return {};
}

int positive(std::string_view digits) {
  if (digits.empty() || digits.size() > 5) return 0;
  int n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + (c - '0');
  }
  return n;
}

}  // namespace

EmbedKind embed_kind(std::string_view path) {
  static constexpr std::array<const char*, 12> kImages = {"png", "jpg",  "jpeg", "gif", "bmp", "svg",
                                                          "webp", "avif", "ico", "tif", "tiff", "jfif"};
  static constexpr std::array<const char*, 9> kAudio = {"mp3", "wav", "m4a", "ogg", "oga", "opus", "flac", "aac", "3gp"};
  static constexpr std::array<const char*, 6> kVideo = {"mp4", "webm", "ogv", "mov", "mkv", "m4v"};
  std::string ext = extension_of(path);
  if (one_of(ext, kImages)) return EmbedKind::kImage;
  if (ext == "pdf") return EmbedKind::kPdf;
  if (one_of(ext, kAudio)) return EmbedKind::kAudio;
  if (one_of(ext, kVideo)) return EmbedKind::kVideo;
  return EmbedKind::kOther;
}

std::string embed_html(const LinkRef& ref, std::string_view href, std::string_view title) {
  std::string title_attr = title.empty() ? std::string() : attr("title", title);
  // The file's own kind, else (no extension on the URL) the written name's.
  EmbedKind kind = embed_kind(href);
  if (kind == EmbedKind::kOther) kind = embed_kind(ref.target);
  std::string link = "<a href=\"" + text::html_escape(href) + "\">" + text::html_escape(ref.label) + "</a>";
  switch (kind) {
    case EmbedKind::kImage:
      return "<img" + attr("src", href) + attr("alt", ref.label) + size_attrs(ref.width, ref.height) + title_attr + ">";
    case EmbedKind::kPdf: {
      // `|400` is a height for a viewer (its width is the column's).
      int height = ref.height > 0 ? ref.height : ref.width;
      int width = ref.height > 0 ? ref.width : 0;
      if (int h = positive(fragment_value(ref.fragment, "height"))) height = h;
      std::string page(fragment_value(ref.fragment, "page"));
      std::string src = std::string(href) + (positive(page) ? "#page=" + page : "");
      std::string style;
      if (width > 0) style += "width:" + std::to_string(width) + "px;";
      if (height > 0) style += "height:" + std::to_string(height) + "px;";
      return "<span class=\"embed-pdf\"><iframe" + attr("src", src) + attr("title", ref.label) +
             (style.empty() ? "" : attr("style", style)) + " loading=\"lazy\"></iframe>" +
             "<a class=\"embed-download\" href=\"" + text::html_escape(href) + "\" download>" +
             text::html_escape(ref.label) + " (PDF)</a></span>";
    }
    case EmbedKind::kAudio:
      return "<audio controls preload=\"metadata\"" + attr("src", href) + title_attr + ">" + link + "</audio>";
    case EmbedKind::kVideo:
      return "<video controls preload=\"metadata\"" + attr("src", href) + size_attrs(ref.width, ref.height) +
             title_attr + ">" + link + "</video>";
    case EmbedKind::kOther: break;
  }
  return "<a class=\"embed-file\" href=\"" + text::html_escape(href) + "\"" + title_attr + ">" +
         text::html_escape(ref.label) + "</a>";
}

}  // namespace kb::markdown
