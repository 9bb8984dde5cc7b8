#include "render/href.h"

namespace kb::render {

Hrefs::Hrefs(std::string_view from) {
  size_t slash = from.rfind('/');
  if (slash != std::string_view::npos) dir_ = std::string(from.substr(0, slash + 1));
  for (char c : dir_)
    if (c == '/') ++depth_;
  for (size_t i = 0; i < depth_; ++i) root_ += "../";
}

std::string Hrefs::operator()(std::string_view to) const {
  size_t hash = to.find('#');
  std::string_view path = to.substr(0, hash);
  std::string_view fragment = hash == std::string_view::npos ? std::string_view() : to.substr(hash);
  // Whole directories `from` and `to` share, from the root down.
  size_t i = 0, common = 0;
  for (size_t slash; (slash = dir_.find('/', i)) != std::string::npos; i = slash + 1, ++common) {
    size_t len = slash + 1 - i;
    if (path.size() < i + len || path.compare(i, len, dir_, i, len) != 0) break;
  }
  std::string out;
  std::string_view rest = path.substr(i);
  out.reserve(3 * (depth_ - common) + rest.size() + fragment.size() + 10);
  for (size_t k = common; k < depth_; ++k) out += "../";
  out += rest;
  if (rest.empty() || rest.back() == '/') out += "index.html";
  out += fragment;
  return out;
}

}  // namespace kb::render
