// StaticServer: the local preview server behind `kb serve`.
//
// Contract:
// - Serves the files under ServeOptions::root over HTTP (GET and HEAD only),
//   and never anything outside it: the request path is percent-decoded once,
//   paths with a ".." segment, a NUL byte or a backslash are refused, and the
//   file finally opened must resolve (symlinks followed) under the canonical
//   root.
// - Lifecycle: construct, add_get() extra routes, bind(), then run() blocks
//   serving until stop(). stop() is thread-safe and may be called from any
//   thread (or before run(), which then returns at once); the destructor
//   stops a running server but does not wait for run() to return, so the
//   thread calling run() must be joined before the server is destroyed.
// - Handlers run on the server's worker threads, several at a time: a handler
//   given to add_get() must be thread-safe.
// - Failure: bind() returns a message naming the host and port and what to do
//   ("port 8000 is already in use; choose another with --port"). Nothing here
//   throws across the interface; an exception escaping a route handler
//   becomes a 500 response.
// - cpp-httplib stays inside server.cc: this header does not include it.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kb::serve {

// Workers when ServeOptions::threads is 0: each connection holds one while
// it is read, so this many idle or stalled connections still leave room.
inline constexpr size_t kDefaultThreads = 256;

struct ServeOptions {
  // Folder to serve (the built site). Must exist; made canonical by bind().
  std::filesystem::path root;
  // Address to listen on. The default keeps a preview private to this
  // machine; "0.0.0.0" or "::" exposes it to the network.
  std::string host = "127.0.0.1";
  // TCP port; 0 picks any free port (tests), read it back with port().
  int port = 8000;
  // No per-request log lines.
  bool quiet = false;
  // Receives one line per request ("GET /notes/f1.html 200", no newline).
  // Empty: lines go to stderr. Called from worker threads, one at a time.
  std::function<void(const std::string&)> log;
  // Applied to every HTML page served from the site (the 404 page too), e.g.
  // to add the live-reload script (live_reload.h). Empty: pages as on disk.
  // Called from worker threads at once: must be thread-safe.
  std::function<std::string(std::string)> html_filter;
  // Worker threads; each open event stream (add_stream()) holds one.
  size_t threads = 0;  // 0: kDefaultThreads
};

// Called on a worker thread each time it has finished with a connection,
// by every StaticServer of the process (null: nothing). kb serve's main()
// sets it to return the thread's free memory to the allocator: a server
// runs on many workers, each of which would otherwise keep the pages it
// once used, and memory grew as connections moved between them.
void set_worker_done_hook(void (*hook)());

// What an extra route sees: the decoded path and the query parameters
// ('+' read as a space, as HTML forms send them).
struct HttpRequest {
  std::string method;  // "GET" or "HEAD"
  std::string path;    // percent-decoded, e.g. "/api/search"
  std::multimap<std::string, std::string> query;

  // First value of query parameter `key`, or `fallback`.
  std::string param(const std::string& key, const std::string& fallback = {}) const;
};

// What an extra route answers. Cache-Control: no-cache is added to every
// response, as to static files.
struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
};

using GetHandler = std::function<void(const HttpRequest&, HttpResponse&)>;

// A long-lived response (server-sent events): for each request the factory
// makes a `next` function, which the server calls again and again. `next`
// puts the text to send in its argument ("" for nothing yet: it should
// return within a second so a stopping server is not held up) and returns
// false to end the response.
using StreamNext = std::function<bool(std::string&)>;
using StreamFactory = std::function<StreamNext()>;

// Content-Type for a file name by its extension (case-insensitive), with
// "; charset=utf-8" on text types; "application/octet-stream" if unknown.
std::string content_type_for(std::string_view file_name);

// Where a request path (as sent: percent-encoded, without the query) leads.
// Pure lexical work plus the file system checks; exposed for tests.
struct Resolution {
  enum class Kind {
    kFile,          // serve `file`
    kRedirect,      // a folder asked for without its '/': go to `location`
    kNotFound,      // nothing there, or it resolves outside the root
    kForbidden,     // ".." segment, NUL, backslash: refused before any lookup
    kBadRequest,    // malformed percent escape, or not starting with '/'
  };
  Kind kind = Kind::kNotFound;
  std::filesystem::path file;  // kFile: canonical path under the root
  std::string location;        // kRedirect: absolute path ending in '/'
  std::string reason;          // kForbidden/kBadRequest: short explanation
};
// `canonical_root` must already be canonical (std::filesystem::canonical).
Resolution resolve_request_path(const std::filesystem::path& canonical_root,
                                std::string_view raw_path);

class StaticServer {
 public:
  explicit StaticServer(ServeOptions options);
  ~StaticServer();
  StaticServer(const StaticServer&) = delete;
  StaticServer& operator=(const StaticServer&) = delete;

  // Answer GET/HEAD requests for exactly `path` (decoded, e.g. "/api/search")
  // with `handler` instead of a file. Call before run(); later routes with
  // the same path replace earlier ones.
  void add_get(std::string path, GetHandler handler);
  // Answer GET requests for `path` with a stream of `content_type`
  // ("text/event-stream"), written as `next` produces it, with a keep-alive
  // comment line after 10 s of silence (which also finds closed clients).
  void add_stream(std::string path, std::string content_type, StreamFactory factory);

  // Check the root and bind the listening socket. Returns nullopt on success,
  // else a message for the user (bad root, unknown host, port in use, no
  // permission for the port).
  std::optional<std::string> bind();

  // The port bound (useful with ServeOptions::port = 0); 0 before bind().
  int port() const;
  // "http://127.0.0.1:8000/" for the bound address (IPv6 hosts bracketed).
  std::string url() const;

  // Serve until stop(). Requires a successful bind(). Returns false if the
  // server could not run (not bound, or it failed while listening).
  bool run();

  // Stop run() from any thread; harmless if not running. Idempotent.
  void stop();

  // Whether run() is accepting connections (for tests waiting on startup).
  bool is_running() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// For the CLI: run a bound `server` until SIGINT or SIGTERM, then stop it and
// return (exit code 0 is then appropriate). Blocks those signals in the
// calling thread for the duration, and runs the server on a thread it starts
// (which inherits the mask); call it from the main thread before any other
// thread that might take the signal is started. Returns false if the server
// failed to run.
bool run_until_interrupted(StaticServer& server);

}  // namespace kb::serve
