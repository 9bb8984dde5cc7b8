#include "deploy/push.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "deploy/deploy.h"
#include "git/test_repo.h"

using namespace kb::deploy;
using namespace kb::git::testing;

namespace {

// A source repository with notes and a built site, and a bare repository as
// its remote "origin" (holding main).
struct PushFixture {
  TestRepo repo{"push-src"};
  TempDir remotes{"push-remotes"};
  fs::path bare = remotes.path() / "site.git";
  fs::path site = remotes.path() / "_site";

  PushFixture() {
    REQUIRE(repo.ok());
    repo.write("notes/a.md", "# A\n");
    REQUIRE(!repo.commit("notes").empty());
    REQUIRE(sh("git init -q --bare " + q(bare.string())));
    REQUIRE(repo.git("remote add origin " + q(bare.string())));
    REQUIRE(repo.git("push -q origin main"));
    write_site("v1");
  }
  void write_site(const std::string& version) const {
    fs::create_directories(site);
    std::ofstream(site / "index.html") << "home " << version << "\n";
  }
  DeployOptions options(const fs::path& source) const {
    DeployOptions o;
    o.site_dir = site;
    o.source_dir = source;
    o.push = true;
    return o;
  }
  std::string remote_branch() const {
    return capture("git -C " + q(bare.string()) + " rev-parse --verify -q refs/heads/gh-pages");
  }
};

// An HTTP server on 127.0.0.1 that answers every request with 401, as a git
// host does to a push without credentials.
class UnauthorizedServer {
 public:
  UnauthorizedServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(fd_, 8) == 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~UnauthorizedServer() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/user/site.git"; }
  int requests() const { return requests_; }
  int with_credentials() const { return with_credentials_; }

 private:
  void serve() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      std::string request;
      char buf[4096];
      while (request.find("\r\n\r\n") == std::string::npos) {
        pollfd cp{c, POLLIN, 0};
        if (::poll(&cp, 1, 2000) <= 0) break;
        ssize_t n = ::read(c, buf, sizeof buf);
        if (n <= 0) break;
        request.append(buf, static_cast<size_t>(n));
      }
      ++requests_;
      if (request.find("Authorization:") != std::string::npos) ++with_credentials_;
      static const char kResponse[] =
          "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"git\"\r\n"
          "Content-Length: 0\r\nConnection: close\r\n\r\n";
      (void)!::write(c, kResponse, sizeof kResponse - 1);
      ::close(c);
    }
  }
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0}, with_credentials_{0};
  std::thread thread_;
};

}  // namespace

TEST_CASE("deploy --push sends the branch to a bare repository") {
  PushFixture f;
  auto r = deploy(f.options(f.repo.root()));
  INFO(r.error());
  REQUIRE(r.ok());
  CHECK(r->pushed_to == f.bare.string());
  CHECK(f.remote_branch() == r->commit);
  CHECK(f.repo.out("rev-parse origin/gh-pages") == r->commit);  // tracking ref updated, as git push does

  f.write_site("v2");
  auto second = deploy(f.options(f.repo.root()));
  REQUIRE(second.ok());
  CHECK(second->parent == r->commit);
  CHECK(f.remote_branch() == second->commit);

  SECTION("a fresh clone builds on the remote's branch and fast-forwards it") {
    TempDir clone_dir("push-clone");
    fs::path clone = clone_dir.path() / "c";
    REQUIRE(sh("git clone -q " + q(f.bare.string()) + " " + q(clone.string())));
    REQUIRE(capture("git -C " + q(clone.string()) + " rev-parse --verify -q refs/heads/gh-pages").empty());
    f.write_site("v3");
    auto from_clone = deploy(f.options(clone));
    INFO(from_clone.error());
    REQUIRE(from_clone.ok());
    CHECK(from_clone->parent == second->commit);
    CHECK(f.remote_branch() == from_clone->commit);

    // The first repository's gh-pages is now behind: its push is refused and explained.
    f.write_site("v4");
    auto stale = deploy(f.options(f.repo.root()));
    REQUIRE_FALSE(stale.ok());
    CHECK(stale.error().find("git fetch") != std::string::npos);
    CHECK(stale.error().find("committed locally") != std::string::npos);
    CHECK(stale.error().find('\n') == std::string::npos);
    CHECK(f.remote_branch() == from_clone->commit);
  }
}

TEST_CASE("a URL or path can stand for the remote") {
  PushFixture f;
  DeployOptions o = f.options(f.repo.root());
  o.remote = "file://" + f.bare.string();
  auto r = deploy(o);
  INFO(r.error());
  REQUIRE(r.ok());
  CHECK(f.remote_branch() == r->commit);

  o.remote = "upstream";
  auto missing = deploy(o);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().find("no remote named 'upstream'") != std::string::npos);
}

TEST_CASE("authentication failures are explained in one sentence") {
  PushFixture f;
  UnauthorizedServer server;
  REQUIRE(f.repo.git("remote set-url origin " + q(server.url())));

  SECTION("no credential helper") {
    auto r = deploy(f.options(f.repo.root()));
    REQUIRE_FALSE(r.ok());
    INFO(r.error());
    CHECK(r.error().find("could not push gh-pages to " + server.url()) == 0);
    CHECK(r.error().find("configure a credential helper") != std::string::npos);
    CHECK(r.error().find("ssh-agent") != std::string::npos);
    CHECK(r.error().find('\n') == std::string::npos);
    CHECK(server.requests() >= 1);
    CHECK(server.with_credentials() == 0);
  }
  SECTION("a helper whose credentials are refused") {
    REQUIRE(f.repo.git("config credential.helper " +
                       q("!f() { echo username=someone; echo password=wrong; }; f")));
    auto r = deploy(f.options(f.repo.root()));
    REQUIRE_FALSE(r.ok());
    INFO(r.error());
    CHECK(r.error().find("refused the user name and password") != std::string::npos);
    CHECK(r.error().find('\n') == std::string::npos);
    CHECK(server.with_credentials() >= 1);
  }
}

TEST_CASE("push failures name the cause and the remedy") {
  CredentialAttempts none;
  CredentialAttempts agent;
  agent.ssh_agent = true;
  std::string ssh = explain_push_failure(GIT_EAUTH, "Failed to authenticate SSH session", "",
                                         "git@github.com:me/notes.git", "gh-pages", agent);
  CHECK(ssh.find("ssh-add") != std::string::npos);
  std::string rejected = explain_push_failure(GIT_ERROR, "", "protected branch hook declined",
                                              "https://github.com/me/notes.git", "gh-pages", none);
  CHECK(rejected.find("protected branch hook declined") != std::string::npos);
  std::string cert = explain_push_failure(GIT_ECERTIFICATE, "the SSL certificate is invalid", "",
                                          "https://example.com/x.git", "gh-pages", none);
  CHECK(cert.find("certificate") != std::string::npos);

  UrlParts scp = parse_url("git@github.com:me/notes.git");
  CHECK(scp.protocol == "ssh");
  CHECK(scp.host == "github.com");
  CHECK(scp.path == "me/notes.git");
  CHECK(scp.user == "git");
  UrlParts https = parse_url("https://me:secret@example.com:8443/a/b.git");
  CHECK(https.protocol == "https");
  CHECK(https.host == "example.com:8443");
  CHECK(https.user == "me");  // never the password
  CHECK(https.path == "a/b.git");
  CHECK(parse_url("/srv/git/site.git").protocol == "file");
}
