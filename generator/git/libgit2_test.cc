#include "git/libgit2.h"

#include <catch2/catch.hpp>

#include "git/test_repo.h"

using namespace kb::git;
using namespace kb::git::testing;

TEST_CASE("discover_repository finds the repository above a folder, or says there is none") {
  TestRepo repo("libgit2-discover");
  REQUIRE(repo.ok());
  fs::create_directories(repo.root() / "notes/deep/er");
  Result<RepositoryPtr> found = discover_repository(repo.root() / "notes/deep/er");
  REQUIRE(found.ok());
  REQUIRE(*found);
  CHECK(workdir(found->get()) == repo.root());
  CHECK(repo_relative(found->get(), repo.root() / "notes/deep") == std::optional<std::string>("notes/deep"));
  CHECK(repo_relative(found->get(), repo.root()) == std::optional<std::string>(""));
  CHECK(repo_relative(found->get(), repo.root() / "notes/not yet.md") == std::optional<std::string>("notes/not yet.md"));
  CHECK_FALSE(repo_relative(found->get(), repo.root().parent_path()));

  // Through a symbolic link to the notes folder, paths are still the repository's.
  TempDir links("libgit2-links");
  fs::create_directory_symlink(repo.root() / "notes", links.path() / "notes-link");
  CHECK(repo_relative(found->get(), links.path() / "notes-link/deep") == std::optional<std::string>("notes/deep"));

  TempDir outside("libgit2-outside");
  Result<RepositoryPtr> none = discover_repository(outside.path());
  REQUIRE(none.ok());
  CHECK_FALSE(*none);

  TempDir bare("libgit2-bare");
  REQUIRE(sh("git init -q --bare " + q((bare.path() / "b.git").string())));
  Result<RepositoryPtr> in_bare = discover_repository(bare.path() / "b.git");
  REQUIRE(in_bare.ok());
  CHECK_FALSE(*in_bare);  // no working tree: nothing to take notes from
}

TEST_CASE("libgit2 failures become messages") {
  use_libgit2();
  git_repository* raw = nullptr;
  int rc = git_repository_open_ext(&raw, "/nonexistent/kb", GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr);
  RepositoryPtr repo(raw);
  REQUIRE(rc < 0);
  std::string message = error_message("cannot open /nonexistent/kb", rc);
  CHECK(message.rfind("cannot open /nonexistent/kb: ", 0) == 0);
  CHECK(message.size() > std::string("cannot open /nonexistent/kb: ").size());

  git_oid id;
  REQUIRE(git_oid_fromstr(&id, "0123456789abcdef0123456789abcdef01234567") == 0);
  CHECK(hex(id) == "0123456789abcdef0123456789abcdef01234567");
  CHECK(short_hex(id) == "0123456");
  CHECK(OidHash()(id) == OidHash()(id));
  CHECK(OidEqual()(id, id));
}
