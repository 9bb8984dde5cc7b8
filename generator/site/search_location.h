// Where a built site's search index lives: in kb's cache, never inside the
// site. The index (search/site_search.h: pages.bin, pages.idx, the Xapian
// database db/) is only read by kb search and kb serve; kept in the site it
// was published with it by anyone copying the folder (107 MB at 10,000
// notes).
//
//   $XDG_CACHE_HOME/kb/search/<hash of the site's absolute path>/
//     ...      the index (search/site_search.h)
//     site     the site's path: an index whose site is gone is removed when
//              another is installed
//     marker   the identity of the site's .kb-site marker when the index was
//              installed: which build of the site it indexes
// Without a cache folder (no HOME): `<site>.kb-index` beside the site.
//
// Contract:
// - search_index_dir() is a pure function of the path (made absolute and
//   normal, symlinks resolved as far as they exist).
// - A full build writes its index into staging_index_dir() and, once the
//   site is swapped in, install_index() renames it into place (the previous
//   one set aside, then removed) and records the site's marker in it. A
//   build killed between the two renames leaves an index whose marker is
//   not the site's: index_problem() then says to build again.
// - An incremental build updates the installed index in place; the marker
//   does not change (only a full build writes a new one).
// - index_problem() is "" when the index is the one of the site's build,
//   else a message naming the site and what to do. Nothing throws.
#pragma once

#include <filesystem>
#include <string>

namespace kb::site {

std::filesystem::path search_index_dir(const std::filesystem::path& site);
std::filesystem::path staging_index_dir(const std::filesystem::path& site);
bool install_index(const std::filesystem::path& site, std::string& error);
std::string index_problem(const std::filesystem::path& site);

// The identity of the site's .kb-site marker (device, inode, time): a full
// build writes a new one, so it names the build. "" when there is none.
std::string marker_identity(const std::filesystem::path& site);

}  // namespace kb::site
