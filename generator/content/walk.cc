#include "content/walk.h"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "content/loader.h"

namespace kb::content {
namespace fs = std::filesystem;

bool excluded(const std::string& source, const std::vector<std::string>& patterns) {
  for (const auto& pat : patterns) {
    if (fnmatch(pat.c_str(), source.c_str(), 0) == 0) return true;
    // "drafts" or "drafts/" excludes the whole folder.
    std::string dir = pat;
    while (!dir.empty() && dir.back() == '/') dir.pop_back();
    if (!dir.empty() && source.compare(0, dir.size() + 1, dir + "/") == 0) return true;
  }
  return false;
}

namespace {

bool is_markdown(const std::string& name) {
  auto ends = [&](const char* ext) {
    size_t n = std::strlen(ext);
    return name.size() > n && name.compare(name.size() - n, n, ext) == 0;
  };
  return ends(".md") || ends(".markdown");
}

struct Walker {
  const fs::path& root;
  const std::string root_text;  // root, '/'-terminated
  const std::vector<std::string>& exclude;
  Diagnostics& diags;
  std::vector<WalkEntry> out;
  std::vector<std::string> left_out;  // notes not listed, by a warning

  // A problem at `path`: the root's stops the walk (an error); any other
  // file's or folder's is a warning, and a note it hides is left out.
  void problem(const std::string& source, const std::string& path, const std::string& message) {
    if (source.empty()) {
      diags.error(display_path(path), 0, 0, message);
      return;
    }
    const bool note = is_markdown(fs::path(source).filename().string());
    diags.warning(display_path(path), 0, 0, message + (note ? kLeftOut : ""));
    if (note) left_out.push_back(source);
  }

  // The folder at `source` ("" for the root), and below it.
  void folder(const std::string& source) {
    const std::string path = root_text + source;
    DIR* dir = ::opendir(path.c_str());
    if (!dir) {
      problem(source, path, std::string("cannot read: ") + std::strerror(errno) +
                                (source.empty() ? "" : "; the notes in this folder are left out of the site"));
      return;
    }
    // The names first, the folder closed before going down: one open folder
    // at a time, however deep the tree.
    std::vector<std::pair<std::string, unsigned char>> names;
    errno = 0;
    while (const dirent* e = ::readdir(dir)) {
      if (e->d_name[0] == '.') continue;  // ".", "..", .git, .obsidian, .DS_Store
      names.emplace_back(e->d_name, e->d_type);
    }
    const int read_error = errno;
    ::closedir(dir);
    if (read_error) problem(source, path, std::string("cannot read: ") + std::strerror(read_error));
    for (auto& [name, type] : names) {
      std::string child = source.empty() ? name : source + "/" + name;
      if (type == DT_UNKNOWN) {  // some filesystems do not say
        struct stat st {};
        if (::lstat((root_text + child).c_str(), &st) != 0) continue;  // gone meanwhile
        type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ? DT_LNK : DT_REG;
      }
      if (excluded(child, exclude)) continue;
      if (type == DT_DIR) {
        folder(child);
        continue;
      }
      if (type == DT_LNK && !symlink_to_file(child)) continue;
      const bool md = is_markdown(name);
      out.push_back({std::move(child), fs::path(), md});
    }
  }

  // A symlink at `source`: listed if it names a file inside the root. A
  // loop, a link to nothing and a folder link that contains itself are
  // named as what they are.
  bool symlink_to_file(const std::string& source) {
    std::error_code ec;
    const fs::path p = root / source;
    const std::string target = fs::read_symlink(p, ec).generic_string();
    fs::path resolved = fs::canonical(p, ec);
    if (ec == std::errc::too_many_symbolic_link_levels) {
      problem(source, p.string(),
              "symlink loop: following it (to " + target + ") leads back to a link on the way; remove the link or "
              "point it at a file");
      return false;
    }
    if (ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory) {
      problem(source, p.string(), "symlink points to nothing (" + target + " does not exist), so kb cannot read "
                                  "it: fix or remove the link");
      return false;
    }
    auto rel = resolved.lexically_relative(root);
    bool inside = !ec && !rel.empty() && *rel.begin() != "..";
    if (!inside) {
      problem(source, p.string(),
              "symlink points outside the notes folder (to " + target +
                  "); kb does not follow it: copy the file into the notes folder or remove the link");
      return false;
    }
    if (!fs::is_directory(resolved, ec)) return true;
    // A folder link inside the tree is not walked: its notes are built where
    // they are. One to a folder that holds the link itself is a loop: say so.
    auto up = p.parent_path().lexically_relative(resolved);
    if (!up.empty() && *up.begin() != "..")
      diags.warning(display_path(p), 0, 0,
                    "symlink to a folder that contains it (" + target + "): a loop, which kb does not follow; its "
                    "notes are built where they are");
    return false;
  }
};

}  // namespace

std::vector<WalkEntry> walk_notes(const fs::path& root, const std::vector<std::string>& exclude, Diagnostics& diags,
                                  std::vector<std::string>* left_out) {
  std::string root_text = root.string();
  if (root_text.empty() || root_text.back() != '/') root_text += '/';
  Walker w{root, root_text, exclude, diags, {}, {}};
  w.folder("");
  std::sort(w.out.begin(), w.out.end(), [](const WalkEntry& a, const WalkEntry& b) { return a.source < b.source; });
  // The paths once sorted, on every thread's behalf (the loader reads them).
  for (auto& e : w.out) e.file = fs::path(root_text + e.source);
  std::sort(w.left_out.begin(), w.left_out.end());
  if (left_out) *left_out = std::move(w.left_out);
  return std::move(w.out);
}

}  // namespace kb::content
