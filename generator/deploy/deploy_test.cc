#include "deploy/deploy.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include "git/test_repo.h"

using namespace kb::deploy;
using namespace kb::git::testing;

namespace {

// A source repository with committed notes and a built site beside them
// (in _site/, untracked and not ignored, as a careless user would have it).
struct Fixture {
  TestRepo repo{"deploy"};
  fs::path site = repo.root() / "_site";

  Fixture() {
    REQUIRE(repo.ok());
    repo.write("notes/a.md", "# A\n");
    repo.write("notes/b.md", "# B\n");
    REQUIRE(!repo.commit("notes", "Ann <ann@example.com>").empty());
    REQUIRE(repo.git("branch other"));
    write_site("v1");
  }
  void write_site(const std::string& version) const {
    fs::remove_all(site);
    auto put = [&](const std::string& rel, const std::string& text) {
      fs::create_directories((site / rel).parent_path());
      std::ofstream(site / rel, std::ios::binary) << text;
    };
    put("index.html", "<h1>home " + version + "</h1>\n");
    put("notes/a.html", "<p>A</p>\r\n");  // bytes kept as they are
    put("_assets/style.css", "body{}\n");
    put("files/blob.bin", std::string("\0\1\2\r\n\xff", 6));
    put("space dir/ü note.html", "unicode\n");
    put(".kb-site", "kb\n");
    put(".kb-index/postlist.glass", "index\n");
  }
  DeployOptions options() const {
    DeployOptions o;
    o.site_dir = site;
    o.source_dir = repo.root() / "notes";
    return o;
  }
  // Everything deploy must leave alone: HEAD, other refs, index, working tree.
  std::string snapshot(const std::string& branch = "gh-pages") const {
    std::ostringstream s;
    s << repo.out("symbolic-ref HEAD") << "\n" << repo.out("rev-parse HEAD") << "\n";
    std::istringstream refs(repo.out("for-each-ref --format='%(refname) %(objectname)'"));
    for (std::string line; std::getline(refs, line);) {
      std::string name = line.substr(0, line.find(' '));
      if (name != "refs/heads/" + branch && name.find("refs/remotes/") != 0) s << line << "\n";
    }
    s << slurp(repo.root() / ".git/index").size() << ":" << std::hash<std::string>()(slurp(repo.root() / ".git/index"))
      << "\n";
    s << repo.out("status --porcelain=v1 -uall") << "\n";
    for (const auto& e : fs::recursive_directory_iterator(repo.root())) {
      std::string rel = fs::relative(e.path(), repo.root()).generic_string();
      if (rel == ".git" || rel.rfind(".git/", 0) == 0) continue;
      s << rel;
      if (e.is_regular_file()) s << " " << std::hash<std::string>()(slurp(e.path()));
      s << "\n";
    }
    return s.str();
  }
  std::vector<std::string> tree_files(const std::string& rev) const {
    std::vector<std::string> out;
    std::istringstream in(repo.out("-c core.quotePath=false ls-tree -r --name-only " + rev));
    for (std::string line; std::getline(in, line);) out.push_back(line);
    std::sort(out.begin(), out.end());
    return out;
  }
  std::string blob(const std::string& rev, const std::string& path) const {
    return capture("git -C " + q(repo.root().string()) + " cat-file blob " + q(rev + ":" + path) + "; echo .");
  }
};

using Files = std::vector<std::string>;

}  // namespace

TEST_CASE("deploy commits the built site to gh-pages and touches nothing else") {
  Fixture f;
  std::string before = f.snapshot();
  DeployOptions o = f.options();
  o.domain = "notes.example.com";
  auto r = deploy(o);
  INFO(r.error());
  REQUIRE(r.ok());
  CHECK(f.snapshot() == before);

  CHECK(r->commit == f.repo.out("rev-parse gh-pages"));
  CHECK(r->parent.empty());
  CHECK(f.repo.out("rev-list --count gh-pages") == "1");
  CHECK(r->source == f.repo.out("rev-parse HEAD"));
  CHECK_FALSE(r->source_dirty);
  CHECK(f.repo.out("log -1 --format=%B gh-pages").find(r->source) != std::string::npos);
  CHECK(r->message.find(r->source) != std::string::npos);
  CHECK(r->files == 7);
  CHECK(f.tree_files("gh-pages") == Files{".nojekyll", "CNAME", "_assets/style.css", "files/blob.bin",
                                          "index.html", "notes/a.html", "space dir/ü note.html"});
  CHECK(f.blob("gh-pages", "CNAME") == "notes.example.com\n.");
  CHECK(f.blob("gh-pages", ".nojekyll") == ".");
  CHECK(f.blob("gh-pages", "notes/a.html") == "<p>A</p>\r\n.");
  CHECK(f.blob("gh-pages", "files/blob.bin") == std::string("\0\1\2\r\n\xff.", 7));
  CHECK(f.blob("gh-pages", "index.html") == "<h1>home v1</h1>\n.");

  SECTION("an unchanged site commits nothing; a changed one has the last deploy as parent") {
    auto again = deploy(o);
    REQUIRE(again.ok());
    CHECK(again->parent == r->commit);
    CHECK(again->commit == r->commit);
    CHECK(again->tree_unchanged);
    CHECK(f.repo.out("rev-parse gh-pages") == r->commit);
    CHECK(f.repo.out("rev-list --count gh-pages") == "1");
    CHECK(f.snapshot() == before);

    f.write_site("v2");
    auto third = deploy(o);
    REQUIRE(third.ok());
    CHECK(third->parent == r->commit);
    CHECK_FALSE(third->tree_unchanged);
    CHECK(f.blob("gh-pages", "index.html") == "<h1>home v2</h1>\n.");
    CHECK(f.repo.out("rev-list --count gh-pages") == "2");
  }
  SECTION("without a domain there is no CNAME, and the branch name is an option") {
    DeployOptions plain = f.options();
    plain.branch = "pages";
    auto p = deploy(plain);
    REQUIRE(p.ok());
    CHECK(f.tree_files("pages") == Files{".nojekyll", "_assets/style.css", "files/blob.bin", "index.html",
                                         "notes/a.html", "space dir/ü note.html"});
    CHECK(f.repo.out("rev-parse gh-pages") == r->commit);  // the other deploy branch is untouched
  }
}

TEST_CASE("deploy refuses a dirty working tree unless allowed") {
  Fixture f;
  f.repo.write("notes/a.md", "# A, edited\n");
  auto r = deploy(f.options());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().find("uncommitted changes (notes/a.md)") != std::string::npos);
  CHECK(r.error().find("--allow-dirty") != std::string::npos);
  CHECK(f.repo.out("rev-parse --verify -q gh-pages").empty());

  f.repo.write("notes/new.md", "# new\n");  // untracked counts too
  r = deploy(f.options());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().find("notes/new.md") != std::string::npos);

  DeployOptions o = f.options();
  o.allow_dirty = true;
  std::string before = f.snapshot();
  auto allowed = deploy(o);
  INFO(allowed.error());
  REQUIRE(allowed.ok());
  CHECK(allowed->source_dirty);
  CHECK(f.repo.out("log -1 --format=%s gh-pages").find("uncommitted") != std::string::npos);
  CHECK(f.snapshot() == before);
}

TEST_CASE("deploy refuses what it cannot do safely, with a reason") {
  Fixture f;
  SECTION("the deploy branch is checked out") {
    REQUIRE(f.repo.git("checkout -q -b gh-pages"));
    auto r = deploy(f.options());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().find("checked out") != std::string::npos);
  }
  SECTION("no repository") {
    TempDir elsewhere("deploy-norepo");
    DeployOptions o = f.options();
    o.source_dir = elsewhere.path();
    auto r = deploy(o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().find("not inside a git repository") != std::string::npos);
  }
  SECTION("a missing or empty site folder") {
    DeployOptions o = f.options();
    o.site_dir = f.repo.root() / "no-site";
    CHECK(deploy(o).error().find("build the site first") != std::string::npos);
    fs::create_directories(o.site_dir);
    CHECK(deploy(o).error().find("is empty") != std::string::npos);
  }
  SECTION("bad names") {
    DeployOptions o = f.options();
    o.branch = "bad..name";
    CHECK(deploy(o).error().find("not a valid branch name") != std::string::npos);
    o = f.options();
    o.domain = "https://notes.example.com/";
    CHECK(deploy(o).error().find("bare host name") != std::string::npos);
  }
  SECTION("an empty repository needs --allow-dirty") {
    TestRepo empty("deploy-empty");
    empty.write("notes/a.md", "# A\n");
    DeployOptions o = f.options();
    o.source_dir = empty.root() / "notes";
    auto r = deploy(o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().find("no commits yet") != std::string::npos);
    o.allow_dirty = true;
    auto allowed = deploy(o);
    REQUIRE(allowed.ok());
    CHECK(allowed->source.empty());
    CHECK(empty.out("log -1 --format=%s gh-pages").find("uncommitted") != std::string::npos);
    CHECK(empty.out("rev-parse --verify -q HEAD").empty());  // still unborn
  }
}

TEST_CASE("symbolic links in the site are published as the files they point to") {
  Fixture f;
  std::ofstream(f.repo.root() / "notes/../shared.css") << "shared\n";
  f.repo.write(".gitignore", "shared.css\n");
  REQUIRE(!f.repo.commit("ignore").empty());
  fs::create_symlink(f.repo.root() / "shared.css", f.site / "linked.css");
  auto r = deploy(f.options());
  INFO(r.error());
  REQUIRE(r.ok());
  CHECK(f.blob("gh-pages", "linked.css") == "shared\n.");
  CHECK(f.repo.out("ls-tree gh-pages linked.css").rfind("100644 blob", 0) == 0);
}
