// Hrefs: relative links from one page, fast enough for every link of every
// page (a 10,000-note site makes millions).
//
// Contract: Hrefs(from)(to) gives what text::relative_url(from, to) gives for
// site paths without a leading '/': "../" for each directory of `from` not
// shared with `to`, then the rest of `to` (its #fragment kept); a target that
// names a folder ("" or ending in '/') gets "index.html". The directories of
// `from` are split once, in the constructor. Pure; safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace kb::render {

class Hrefs {
 public:
  explicit Hrefs(std::string_view from);
  std::string operator()(std::string_view to) const;
  // "../" repeated once per directory of `from`: the site root.
  const std::string& root() const { return root_; }

 private:
  std::string dir_;   // "a/b/" for "a/b/c.html"
  size_t depth_ = 0;  // directories in dir_
  std::string root_;
};

}  // namespace kb::render
