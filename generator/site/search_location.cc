#include "site/search_location.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content/loader.h"
#include "core/file.h"
#include "core/text.h"
#include "math/katex_renderer.h"
#include "site/build_cache.h"
#include "site/output.h"

namespace kb::site {

namespace fs = std::filesystem;

namespace {

fs::path absolute_site(const fs::path& site) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(site, ec), ec);
  std::string s = p.string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace

std::string marker_identity(const fs::path& site) {
  struct stat st {};
  if (::stat((site / StagedOutput::kMarker).c_str(), &st) != 0) return "";
  return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino) + ":" + std::to_string(st.st_mtim.tv_sec) +
         "." + std::to_string(st.st_mtim.tv_nsec);
}

fs::path search_index_dir(const fs::path& site) {
  const fs::path abs = absolute_site(site);
  fs::path base = math::default_cache_dir();
  if (base.empty()) return fs::path(abs.string() + ".kb-index");
  return base / "search" / text::hex16(text::fnv1a64(abs.string()));
}

fs::path staging_index_dir(const fs::path& site) {
  return fs::path(search_index_dir(site).string() + ".kb-staging-" + std::to_string(::getpid()));
}

bool install_index(const fs::path& site, std::string& error) {
  const fs::path dir = search_index_dir(site), staged = staging_index_dir(site);
  std::error_code ec;
  if (!fs::is_directory(staged, ec)) return true;  // the build wrote no index
  if (!file::write_file_atomically(staged / "site", absolute_site(site).string()) ||
      !file::write_file_atomically(staged / "marker", marker_identity(site))) {
    error = "cannot write the search index in " + content::display_path(staged);
    fs::remove_all(staged, ec);
    return false;
  }
  // The lock prune_orphans() takes before removing an index whose site is gone.
  if (int fd = ::open((staged / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644); fd >= 0) ::close(fd);
  remove_stale_folders(dir);  // what killed builds left beside it
  // The two folders trade places in one step, so kb serve never finds the
  // index missing; a filesystem without that renames the old one aside.
  if (fs::exists(dir, ec) &&
      ::renameat2(AT_FDCWD, staged.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) == 0) {
    fs::remove_all(staged, ec);
  } else {
    fs::path old(dir.string() + ".kb-old-" + std::to_string(::getpid()));
    if (fs::exists(dir, ec)) fs::rename(dir, old, ec);
    if (!ec) fs::rename(staged, dir, ec);
    if (ec) {
      error = "cannot move the search index into " + content::display_path(dir) + ": " + ec.message();
      fs::remove_all(staged, ec);
      return false;
    }
    fs::remove_all(old, ec);
  }
  prune_orphans(dir);  // indexes whose site is gone
  return true;
}

std::string index_problem(const fs::path& site) {
  const fs::path dir = search_index_dir(site);
  std::error_code ec;
  if (!fs::exists(dir / "pages.idx", ec))
    return "no search index for " + content::display_path(site) + " (kb keeps it in " +
           content::display_path(dir.parent_path()) +
           ", not in the site: a site copied from elsewhere has none): run kb build on its notes";
  auto marker = file::read_file(dir / "marker");
  if (!marker || *marker != marker_identity(site))
    return "the search index of " + content::display_path(site) +
           " is from another build of it (a build was stopped, or the folder was replaced): run kb build";
  return "";
}

}  // namespace kb::site
