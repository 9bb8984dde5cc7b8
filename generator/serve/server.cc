#include "serve/server.h"

#include <netdb.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <thread>

#include "core/text.h"
#include "serve/httplib_abi.h"

namespace fs = std::filesystem;

namespace kb::serve {
namespace {

std::atomic<void (*)()> worker_done_hook{nullptr};

// httplib's pool, each task (a connection, served to its end) followed by
// the worker-done hook on the same thread.
class Workers : public httplib::TaskQueue {
 public:
  explicit Workers(size_t n) : pool_(n) {}
  void enqueue(std::function<void()> fn) override {
    pool_.enqueue([fn = std::move(fn)] {
      fn();
      if (void (*hook)() = worker_done_hook.load()) hook();
    });
  }
  void shutdown() override { pool_.shutdown(); }

 private:
  httplib::ThreadPool pool_;
};

// httplib::Server with a way to close the listening socket whether or not the
// accept loop has started: httplib's own stop() does nothing before
// listen_after_bind() sets is_running, so a stop() racing a starting run()
// would be lost and run() would never return.
class HttpServer : public httplib::Server {
 public:
  void close_listener() {
    socket_t sock = svr_sock_.exchange(INVALID_SOCKET);
    if (sock != INVALID_SOCKET) {
      ::shutdown(sock, SHUT_RDWR);  // wakes a thread blocked in accept()
      ::close(sock);
    }
  }
};

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// True if canonical `path` is `root` or lies below it (component-wise, so
// "/site-old" is not under "/site").
bool is_within(const fs::path& path, const fs::path& root) {
  auto p = path.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++p) {
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

// Printable form of a request target for the log: control bytes and spaces
// escaped, so a crafted URL cannot forge or split log lines.
std::string printable(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (c <= 0x20 || c == 0x7F) {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::optional<std::string> read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return data;
}

std::string host_port(const std::string& host, int port) {
  bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

// httplib reports a failed bind as a bare `false`. Repeat the attempt with
// plain sockets to learn errno and say what the user can do about it.
std::string explain_bind_failure(const std::string& host, int port) {
  std::string where = host_port(host, port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
  if (rc != 0) {
    return "cannot listen on host \"" + host + "\": " + ::gai_strerror(rc) +
           "; give --host an address of this machine such as 127.0.0.1";
  }
  int err = 0;
  for (addrinfo* ai = found; ai; ai = ai->ai_next) {
    int fd = ::socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (fd < 0) { err = errno; continue; }
    int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (::bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && ::listen(fd, 1) == 0) {
      err = 0;
      ::close(fd);
      break;
    }
    err = errno;
    ::close(fd);
  }
  ::freeaddrinfo(found);
  switch (err) {
    case EADDRINUSE:
      return "port " + std::to_string(port) + " is already in use; choose another with --port";
    case EACCES:
      return "no permission to listen on port " + std::to_string(port) +
             " (ports below 1024 need privileges); choose another with --port";
    case EADDRNOTAVAIL:
      return "cannot listen on " + where + ": \"" + host +
             "\" is not an address of this machine; use 127.0.0.1 (this machine only) or "
             "0.0.0.0 (every interface) with --host";
    case 0:
      return "cannot listen on " + where + " (it was busy a moment ago; try again or choose "
             "another port with --port)";
    default:
      return "cannot listen on " + where + ": " + std::strerror(err);
  }
}

const char* reason_phrase(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 416: return "Range Not Satisfiable";
    case 500: return "Internal Server Error";
    default: return status < 500 ? "Client Error" : "Server Error";
  }
}

void set_text(httplib::Response& res, int status, const std::string& text) {
  res.status = status;
  res.set_content(text, "text/plain; charset=utf-8");
}

}  // namespace

std::string HttpRequest::param(const std::string& key, const std::string& fallback) const {
  auto it = query.find(key);
  return it == query.end() ? fallback : it->second;
}

std::string content_type_for(std::string_view file_name) {
  size_t dot = file_name.rfind('.');
  size_t slash = file_name.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
    return "application/octet-stream";
  std::string ext = lower_ascii(file_name.substr(dot + 1));
  struct Type { const char* ext; const char* type; bool text; };
  static const Type kTypes[] = {
      {"html", "text/html", true},        {"htm", "text/html", true},
      {"css", "text/css", true},          {"js", "text/javascript", true},
      {"mjs", "text/javascript", true},   {"json", "application/json", true},
      {"map", "application/json", true}, {"svg", "image/svg+xml", true},
      {"txt", "text/plain", true},        {"md", "text/markdown", true},
      {"csv", "text/csv", true},          {"xml", "application/xml", true},
      {"png", "image/png", false},        {"jpg", "image/jpeg", false},
      {"jpeg", "image/jpeg", false},      {"gif", "image/gif", false},
      {"webp", "image/webp", false},      {"avif", "image/avif", false},
      {"ico", "image/x-icon", false},     {"woff", "font/woff", false},
      {"woff2", "font/woff2", false},     {"ttf", "font/ttf", false},
      {"otf", "font/otf", false},         {"pdf", "application/pdf", false},
      {"wasm", "application/wasm", false},
  };
  for (const Type& t : kTypes) {
    if (ext == t.ext) return t.text ? std::string(t.type) + "; charset=utf-8" : t.type;
  }
  return "application/octet-stream";
}

Resolution resolve_request_path(const fs::path& canonical_root, std::string_view raw_path) {
  Resolution r;
  if (raw_path.empty() || raw_path.front() != '/') {
    r.kind = Resolution::Kind::kBadRequest;
    r.reason = "the path must start with '/'";
    return r;
  }
  // Decode exactly once: "%252e%252e" stays the harmless name "%2e%2e".
  std::optional<std::string> decoded = text::url_decode(raw_path);
  if (!decoded) {
    r.kind = Resolution::Kind::kBadRequest;
    r.reason = "malformed percent escape in the path";
    return r;
  }
  if (decoded->find('\0') != std::string::npos) {
    r.kind = Resolution::Kind::kForbidden;
    r.reason = "NUL byte in the path";
    return r;
  }
  if (decoded->find('\\') != std::string::npos) {
    r.kind = Resolution::Kind::kForbidden;
    r.reason = "backslash in the path";
    return r;
  }
  std::vector<std::string> segments;
  for (size_t start = 0; start <= decoded->size();) {
    size_t slash = decoded->find('/', start);
    if (slash == std::string::npos) slash = decoded->size();
    std::string segment = decoded->substr(start, slash - start);
    start = slash + 1;
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      r.kind = Resolution::Kind::kForbidden;
      r.reason = "'..' in the path";
      return r;
    }
    // Hidden files and folders are not the site: the search database
    // (.kb-index/), kb's marker, a stray .git.
    if (segment[0] == '.' && segment != ".well-known") {
      r.kind = Resolution::Kind::kForbidden;
      r.reason = "hidden files are not served";
      return r;
    }
    segments.push_back(std::move(segment));
  }
  bool trailing_slash = decoded->back() == '/';

  fs::path candidate = canonical_root;
  for (const std::string& s : segments) candidate /= s;
  std::error_code ec;
  // canonical() follows every symlink, so a link inside the site that points
  // outside it is caught by is_within() below, not just a literal "..".
  fs::path real = fs::canonical(candidate, ec);
  if (ec || !is_within(real, canonical_root)) return r;  // kNotFound
  fs::file_status st = fs::status(real, ec);
  if (ec) return r;

  if (fs::is_directory(st)) {
    if (!trailing_slash && !segments.empty()) {
      // Rebuilt from the clean segments, never echoed from the request: a
      // request for "//evil.example" must not redirect off the site.
      r.kind = Resolution::Kind::kRedirect;
      for (const std::string& s : segments) r.location += "/" + text::url_encode_path(s);
      r.location += "/";
      return r;
    }
    fs::path index = fs::canonical(real / "index.html", ec);
    if (ec || !is_within(index, canonical_root) || !fs::is_regular_file(index, ec)) return r;
    r.kind = Resolution::Kind::kFile;
    r.file = index;
    return r;
  }
  if (fs::is_regular_file(st) && !trailing_slash) {
    r.kind = Resolution::Kind::kFile;
    r.file = real;
  }
  return r;
}

struct StaticServer::Impl {
  ServeOptions options;
  fs::path root;  // canonical, set by bind()
  int socket = -1;  // the listening socket's descriptor, once bound
  std::map<std::string, GetHandler> routes;
  struct Stream {
    std::string content_type;
    StreamFactory factory;
  };
  std::map<std::string, Stream> streams;
  std::atomic<bool> stopping{false};
  HttpServer http;
  std::mutex log_mutex;
  bool bound = false;
  int bound_port = 0;

  void log(const std::string& line) {
    if (options.quiet) return;
    std::lock_guard<std::mutex> lock(log_mutex);
    if (options.log) options.log(line);
    else std::cerr << line << '\n';
  }

  void handle(const httplib::Request& req, httplib::Response& res) {
    // A preview must show the latest build on every reload.
    res.set_header("Cache-Control", "no-cache");
    res.set_header("X-Content-Type-Options", "nosniff");
    if (req.method != "GET" && req.method != "HEAD") {
      res.set_header("Allow", "GET, HEAD");
      set_text(res, 405, "405 Method Not Allowed: kb serve only reads files\n");
      return;
    }
    // req.path is already decoded by httplib; decode the raw target ourselves
    // so it happens exactly once and malformed escapes are seen.
    std::string_view target = req.target;
    std::string_view raw_path = target.substr(0, target.find_first_of("?#"));
    std::string_view query =
        raw_path.size() < target.size() ? target.substr(raw_path.size()) : std::string_view();

    if (!routes.empty() || !streams.empty()) {
      std::optional<std::string> decoded = text::url_decode(raw_path);
      auto route = decoded ? routes.find(*decoded) : routes.end();
      if (route != routes.end()) {
        run_route(route->second, req, *decoded, res);
        return;
      }
      auto stream = decoded ? streams.find(*decoded) : streams.end();
      if (stream != streams.end()) {
        run_stream(stream->second, res);
        return;
      }
    }

    Resolution where = resolve_request_path(root, raw_path);
    switch (where.kind) {
      case Resolution::Kind::kFile: {
        std::optional<std::string> data = read_file(where.file);
        if (!data) {
          set_text(res, 500, "500 Internal Server Error: cannot read " + where.file.string() + "\n");
          return;
        }
        // Status left unset: httplib makes it 200, or 206 for a Range request.
        std::string type = content_type_for(where.file.filename().string());
        if (options.html_filter && type.rfind("text/html", 0) == 0) *data = options.html_filter(std::move(*data));
        res.set_content(std::move(*data), type);
        return;
      }
      case Resolution::Kind::kRedirect:
        res.set_header("Location", where.location + std::string(query));
        set_text(res, 301, "Moved to " + where.location + "\n");
        return;
      case Resolution::Kind::kForbidden:
        set_text(res, 403, "403 Forbidden: " + where.reason + "\n");
        return;
      case Resolution::Kind::kBadRequest:
        set_text(res, 400, "400 Bad Request: " + where.reason + "\n");
        return;
      case Resolution::Kind::kNotFound:
        not_found(res, raw_path);
        return;
    }
  }

  // The site's own 404 page if it has one, as GitHub Pages would show it.
  void not_found(httplib::Response& res, std::string_view raw_path) {
    Resolution page = resolve_request_path(root, "/404.html");
    if (page.kind == Resolution::Kind::kFile) {
      if (std::optional<std::string> data = read_file(page.file)) {
        res.status = 404;
        if (options.html_filter) *data = options.html_filter(std::move(*data));
        res.set_content(std::move(*data), "text/html; charset=utf-8");
        return;
      }
    }
    set_text(res, 404, "404 Not Found: " + printable(raw_path) + "\n");
  }

  void run_stream(const Stream& stream, httplib::Response& res) {
    StreamNext next;
    try {
      next = stream.factory();
    } catch (...) {
      set_text(res, 500, "500 Internal Server Error\n");
      return;
    }
    res.set_chunked_content_provider(
        stream.content_type, [this, next = std::move(next)](size_t, httplib::DataSink& sink) mutable {
          auto quiet_since = std::chrono::steady_clock::now();
          std::string chunk;
          while (!stopping && sink.is_writable()) {
            chunk.clear();
            bool more = false;
            try {
              more = next(chunk);
            } catch (...) {
              more = false;
            }
            if (!more) break;
            auto now = std::chrono::steady_clock::now();
            if (chunk.empty() && now - quiet_since > std::chrono::seconds(10)) chunk = ": keep-alive\n\n";
            if (chunk.empty()) continue;
            if (!sink.write(chunk.data(), chunk.size())) return false;
            quiet_since = now;
          }
          sink.done();
          return true;
        });
  }

  void run_route(const GetHandler& handler, const httplib::Request& req, const std::string& path,
                 httplib::Response& res) {
    HttpRequest in;
    in.method = req.method;
    in.path = path;
    for (const auto& [key, value] : req.params) in.query.emplace(key, value);
    HttpResponse out;
    try {
      handler(in, out);
    } catch (const std::exception& e) {
      set_text(res, 500, std::string("500 Internal Server Error: ") + e.what() + "\n");
      return;
    } catch (...) {
      set_text(res, 500, "500 Internal Server Error\n");
      return;
    }
    for (const auto& [name, value] : out.headers) res.set_header(name, value);
    res.status = out.status;
    res.set_content(std::move(out.body), out.content_type);
  }
};

StaticServer::StaticServer(ServeOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  Impl* impl = impl_.get();
  impl->http.set_pre_routing_handler([impl](const httplib::Request& req, httplib::Response& res) {
    // On loopback, compressing each response costs more time than it saves
    // (brotli: 120-200 ms for a 50 KB page, against 1-4 ms sent as is):
    // httplib compresses only for a client that accepts it, so it is not
    // told. (The request is httplib's, made for this call; not const there.)
    if (req.remote_addr == "127.0.0.1" || req.remote_addr == "::1" || req.remote_addr.rfind("::ffff:127.", 0) == 0)
      const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
    impl->handle(req, res);
    return httplib::Server::HandlerResponse::Handled;
  });
  // Errors httplib answers itself (a malformed request line, a URI too long)
  // come with an empty body; give them a line of text.
  httplib::Server::HandlerWithResponse on_error = [](const httplib::Request&,
                                                     httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    set_text(res, res.status, std::to_string(res.status) + " " + reason_phrase(res.status) + "\n");
    return httplib::Server::HandlerResponse::Handled;
  };
  impl->http.set_error_handler(std::move(on_error));
  impl->http.set_logger([impl](const httplib::Request& req, const httplib::Response& res) {
    impl->log(req.method + " " + printable(req.target) + " " + std::to_string(res.status));
  });
  // SO_REUSEADDR only: a restart right after Ctrl-C must not fail on sockets
  // in TIME_WAIT, but SO_REUSEPORT (httplib's default on Linux) would let a
  // second `kb serve` share a busy port silently instead of failing.
  impl->http.set_socket_options([impl](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    impl->socket = sock;  // the last one tried is the one bound
  });
  // Kept-alive connections stay for many requests; each response leaves at
  // once (Nagle's algorithm would hold a body ~40 ms for the client's
  // delayed ACK). stop() closes them whatever their timeout.
  impl->http.set_tcp_nodelay(true);
  impl->http.set_keep_alive_max_count(1000);
  impl->http.set_keep_alive_timeout(5);
  // A connection that never finishes its request holds a worker until the
  // read times out: enough workers that 200 such do not starve a reader,
  // and a short wait for a request that stalls.
  impl->http.set_read_timeout(3, 0);
  const size_t n = impl->options.threads > 0 ? impl->options.threads : kDefaultThreads;
  impl->http.new_task_queue = [n] { return new Workers(n); };
}

void set_worker_done_hook(void (*hook)()) { worker_done_hook.store(hook); }

StaticServer::~StaticServer() { stop(); }

void StaticServer::add_get(std::string path, GetHandler handler) {
  impl_->routes[std::move(path)] = std::move(handler);
}

void StaticServer::add_stream(std::string path, std::string content_type, StreamFactory factory) {
  impl_->streams[std::move(path)] = Impl::Stream{std::move(content_type), std::move(factory)};
}

std::optional<std::string> StaticServer::bind() {
  const ServeOptions& o = impl_->options;
  if (impl_->bound) return "the server is already bound to " + host_port(o.host, impl_->bound_port);
  std::error_code ec;
  fs::path root = fs::canonical(o.root, ec);
  if (ec || !fs::is_directory(root, ec)) {
    return "cannot serve \"" + o.root.string() + "\": " +
           (ec ? ec.message() : std::string("not a folder")) + " (build the site first with `kb build`)";
  }
  if (o.port < 0 || o.port > 65535)
    return "port " + std::to_string(o.port) + " is out of range; choose one from 1 to 65535 with --port";
  impl_->root = root;
  int port = -1;
  if (o.port == 0) {
    port = impl_->http.bind_to_any_port(o.host);
  } else if (impl_->http.bind_to_port(o.host, o.port)) {
    port = o.port;
  }
  if (port <= 0) return explain_bind_failure(o.host, o.port);
  // httplib listens with a backlog of 5: 64 clients connecting at once
  // overflowed it, and a dropped SYN waits a second to be sent again
  // (requests of 1-2 s under load). listen() again raises it.
  if (impl_->socket >= 0) ::listen(impl_->socket, SOMAXCONN);
  impl_->bound = true;
  impl_->bound_port = port;
  return std::nullopt;
}

int StaticServer::port() const { return impl_->bound_port; }

std::string StaticServer::url() const {
  return "http://" + host_port(impl_->options.host, impl_->bound_port) + "/";
}

bool StaticServer::run() {
  if (!impl_->bound) return false;
  return impl_->http.listen_after_bind();
}

// Not httplib's stop(): it asserts the socket is still open when running,
// which a second stop() would trip; close_listener() does the same work.
void StaticServer::stop() {
  impl_->stopping = true;  // open streams end within a second
  impl_->http.close_listener();
}

bool StaticServer::is_running() const { return impl_->http.is_running(); }

bool run_until_interrupted(StaticServer& server) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigset_t previous;
  pthread_sigmask(SIG_BLOCK, &signals, &previous);
  std::atomic<bool> ok{true};
  std::atomic<bool> finished{false};
  std::thread serving([&] {
    ok = server.run();
    finished = true;
  });
  // Poll rather than block forever in sigwait(): run() may also end on its
  // own (a listener failure), and then nobody would send the signal.
  const timespec tick{0, 100 * 1000 * 1000};
  while (!finished) {
    int sig = sigtimedwait(&signals, nullptr, &tick);
    if (sig == SIGINT || sig == SIGTERM) {
      server.stop();
      break;
    }
  }
  serving.join();
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  return ok;
}

}  // namespace kb::serve
