// Benchmark (a program, not a test): times kb::git::history() on a synthetic
// repository of N commits it writes with libgit2 in a temporary folder, and
// optionally on an existing notes folder.
//
//   kb_history_bench [--commits 5000] [--notes 1000] [--authors 12] [--keep]
//                    [--repo NOTES_DIR [--print]]
//
// --repo times an existing notes folder instead (this repository's notes/);
// --print then lists each note's status, last commit and authors.
//
// The synthetic history: `notes` markdown files in 10 folders; each commit
// edits 1–3 random notes (every 50th commit adds a note, every 100th renames
// one, every 250th edits a file outside the notes folder only), authored by
// one of `authors` people, on a first-parent line with a merge of a 3-commit
// side branch every 500 commits. Seeded, so runs are comparable.
#include <git2.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

#include "git/history.h"
#include "git/libgit2.h"

namespace fs = std::filesystem;
using namespace kb::git;

namespace {

[[noreturn]] void die(const std::string& what, int rc) {
  std::fprintf(stderr, "kb_history_bench: %s\n", error_message(what, rc).c_str());
  std::exit(1);
}

void check(int rc, const char* what) {
  if (rc < 0) die(what, rc);
}

struct Builder {
  git_repository* repo;
  IndexPtr index;
  std::mt19937 rng{42};
  int64_t clock = 1600000000;

  git_oid blob(const std::string& content) {
    git_oid id;
    check(git_blob_create_from_buffer(&id, repo, content.data(), content.size()), "blob");
    return id;
  }
  void put(const std::string& path, const std::string& content) {
    git_index_entry e{};
    e.mode = GIT_FILEMODE_BLOB;
    e.id = blob(content);
    e.path = path.c_str();
    check(git_index_add(index.get(), &e), "index add");
  }
  void remove(const std::string& path) { check(git_index_remove(index.get(), path.c_str(), 0), "index remove"); }

  git_oid commit(const std::vector<git_oid>& parents, const std::string& who, const std::string& message) {
    git_oid tree_id;
    check(git_index_write_tree_to(&tree_id, index.get(), repo), "write tree");
    git_tree* t = nullptr;
    check(git_tree_lookup(&t, repo, &tree_id), "tree");
    TreePtr tree(t);
    std::vector<CommitPtr> owned;
    std::vector<const git_commit*> ps;
    for (const git_oid& p : parents) {
      git_commit* c = nullptr;
      check(git_commit_lookup(&c, repo, &p), "parent");
      owned.emplace_back(c);
      ps.push_back(c);
    }
    git_signature* s = nullptr;
    std::string email = who + "@example.com";
    check(git_signature_new(&s, who.c_str(), email.c_str(), clock += 60, 0), "signature");
    SignaturePtr sig(s);
    git_oid id;
    check(git_commit_create(&id, repo, nullptr, sig.get(), sig.get(), nullptr, message.c_str(), tree.get(),
                            ps.size(), ps.data()),
          "commit");
    return id;
  }
};

std::string note_text(int note, int version) {
  std::string s = "---\ntitle: Note " + std::to_string(note) + "\n---\n# Note " + std::to_string(note) + "\n\n";
  for (int i = 0; i < 30; ++i) s += "Line " + std::to_string(i) + " of note " + std::to_string(note) + ".\n";
  s += "\nRevision " + std::to_string(version) + ".\n";
  return s;
}

double time_history(const fs::path& notes, const std::vector<std::string>& paths, bool print) {
  HistoryOptions o;
  o.notes_dir = notes;
  o.paths = paths;
  auto start = std::chrono::steady_clock::now();
  Result<History> h = history(o);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!h) {
    std::fprintf(stderr, "kb_history_bench: %s\n", h.error().c_str());
    std::exit(1);
  }
  size_t committed = 0;
  for (const auto& [p, f] : h->files) committed += f.last ? 1 : 0;
  std::printf("  %zu files (%zu with commits), %zu commits walked, %zu diffs, %zu rename searches\n",
              h->files.size(), committed, h->stats.commits_walked, h->stats.diffs, h->stats.rename_searches);
  std::printf("  status %.1f ms, walk %.1f ms, total %.1f ms\n", h->stats.status_seconds * 1e3,
              h->stats.walk_seconds * 1e3, s * 1e3);
  if (print) {
    for (const auto& [p, f] : h->files) {
      std::printf("%s\t%s\t%s", p.c_str(), to_string(f.status), f.last ? f.last->short_id.c_str() : "-");
      for (const Author& a : f.authors) std::printf("\t%s <%s> %d", a.name.c_str(), a.email.c_str(), a.commits);
      std::printf("\n");
    }
  }
  return s;
}

std::vector<std::string> markdown_under(const fs::path& notes) {
  std::vector<std::string> paths;
  for (const auto& e : fs::recursive_directory_iterator(notes)) {
    if (e.is_regular_file() && e.path().extension() == ".md") {
      paths.push_back(fs::relative(e.path(), notes).generic_string());
    }
  }
  return paths;
}

// Packs every object reachable from HEAD into one pack and deletes the loose
// objects, as `git gc` leaves a real repository.
void pack(const fs::path& dir) {
  git_repository* r = nullptr;
  check(git_repository_open(&r, dir.c_str()), "open");
  RepositoryPtr repo(r);
  git_packbuilder* raw_pb = nullptr;
  check(git_packbuilder_new(&raw_pb, repo.get()), "packbuilder");
  std::unique_ptr<git_packbuilder, Free<git_packbuilder, git_packbuilder_free>> pb(raw_pb);
  git_revwalk* raw_walk = nullptr;
  check(git_revwalk_new(&raw_walk, repo.get()), "revwalk");
  RevwalkPtr walk(raw_walk);
  check(git_revwalk_push_head(walk.get()), "revwalk HEAD");
  check(git_packbuilder_insert_walk(pb.get(), walk.get()), "pack objects");
  check(git_packbuilder_write(pb.get(), nullptr, 0, nullptr, nullptr), "write pack");
  for (const auto& e : fs::directory_iterator(dir / ".git/objects")) {
    std::string name = e.path().filename().string();
    if (name.size() == 2 && e.is_directory()) fs::remove_all(e.path());
  }
}

}  // namespace

int main(int argc, char** argv) {
  int commits = 5000, notes = 1000, authors = 12;
  bool keep = false, print = false;
  std::string existing;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "kb_history_bench: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--commits") commits = std::atoi(next().c_str());
    else if (a == "--notes") notes = std::atoi(next().c_str());
    else if (a == "--authors") authors = std::atoi(next().c_str());
    else if (a == "--keep") keep = true;
    else if (a == "--print") print = true;
    else if (a == "--repo") existing = next();
    else {
      std::fprintf(stderr, "usage: kb_history_bench [--commits N] [--notes N] [--authors N] [--keep] [--repo NOTES_DIR [--print]]\n");
      return 2;
    }
  }
  use_libgit2();

  if (!existing.empty()) {
    std::printf("history of %s\n", existing.c_str());
    auto paths = markdown_under(existing);
    time_history(existing, paths, false);  // warm the page cache
    time_history(existing, paths, print);
    return 0;
  }

  fs::path dir = fs::temp_directory_path() / ("kb-history-bench-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto build_start = std::chrono::steady_clock::now();
  std::vector<std::string> paths;  // current note paths, relative to notes/
  {
    git_repository* r = nullptr;
    check(git_repository_init(&r, dir.c_str(), 0), "init");
    RepositoryPtr repo(r);
    git_index* idx = nullptr;
    check(git_index_new(&idx), "index");
    Builder b{repo.get(), IndexPtr(idx)};
    std::vector<int> version;
    auto note_path = [](int n) { return "d" + std::to_string(n % 10) + "/note-" + std::to_string(n) + ".md"; };
    int initial = notes * 9 / 10;
    for (int n = 0; n < initial; ++n) {
      paths.push_back(note_path(n));
      version.push_back(0);
      b.put("notes/" + paths.back(), note_text(n, 0));
    }
    b.put("README.md", "synthetic\n");
    git_oid head = b.commit({}, "author0", "initial");
    auto who = [&]() { return "author" + std::to_string(b.rng() % authors); };
    int renames = 0;
    for (int c = 1; c < commits; ++c) {
      if (c % 500 == 0) {  // a side branch of 3 commits, merged
        git_oid side = head;
        std::vector<std::pair<std::string, std::string>> saved;
        for (int s = 0; s < 3 && c < commits - 1; ++s, ++c) {
          int n = static_cast<int>(b.rng() % paths.size());
          b.put("notes/" + paths[n], note_text(n, ++version[n]) + "side\n");
          side = b.commit({side}, who(), "side " + std::to_string(c));
        }
        head = b.commit({head, side}, who(), "merge " + std::to_string(c));
        continue;
      }
      if (c % 250 == 0) {
        b.put("src/code.cc", "// " + std::to_string(c) + "\n");
      } else if (c % 100 == 0) {
        int n = static_cast<int>(b.rng() % paths.size());
        std::string to = "moved/" + std::to_string(++renames) + "-" + fs::path(paths[n]).filename().string();
        b.remove("notes/" + paths[n]);
        b.put("notes/" + to, note_text(n, version[n]));
        paths[n] = to;
      } else if (c % 50 == 0 && static_cast<int>(paths.size()) < notes) {
        int n = static_cast<int>(paths.size());
        paths.push_back(note_path(n));
        version.push_back(0);
        b.put("notes/" + paths.back(), note_text(n, 0));
      } else {
        int edits = 1 + static_cast<int>(b.rng() % 3);
        for (int e = 0; e < edits; ++e) {
          int n = static_cast<int>(b.rng() % paths.size());
          b.put("notes/" + paths[n], note_text(n, ++version[n]));
        }
      }
      head = b.commit({head}, who(), "commit " + std::to_string(c));
    }
    git_reference* ref = nullptr;
    check(git_reference_create(&ref, repo.get(), "refs/heads/master", &head, 1, "bench"), "branch");
    git_reference_free(ref);
    check(git_repository_set_head(repo.get(), "refs/heads/master"), "HEAD");
    // Make the working tree match HEAD so every note reads as committed.
    git_checkout_options co = GIT_CHECKOUT_OPTIONS_INIT;
    co.checkout_strategy = GIT_CHECKOUT_FORCE;
    check(git_checkout_head(repo.get(), &co), "checkout");
  }
  double build = std::chrono::duration<double>(std::chrono::steady_clock::now() - build_start).count();
  std::printf("synthetic repository: %d commits, %zu notes, %d authors (written in %.1f s) at %s\n", commits,
              paths.size(), authors, build, dir.c_str());
  std::printf("history, loose objects, first run:\n");
  time_history(dir / "notes", paths, false);
  std::printf("history, loose objects, second run:\n");
  time_history(dir / "notes", paths, false);
  pack(dir);
  std::printf("history, packed (as after git gc), first run:\n");
  time_history(dir / "notes", paths, false);
  std::printf("history, packed, second run:\n");
  time_history(dir / "notes", paths, false);
  if (!keep) fs::remove_all(dir);
  return 0;
}
