#include "render/template_set.h"

#include <algorithm>
#include <mutex>
#include <system_error>

#include "core/file.h"
#include "core/text.h"
#include "render/embedded.h"

namespace kb::render {
namespace fs = std::filesystem;
using kainjow::mustache::mustache;

namespace {

constexpr std::string_view kPrefix = "templates/";
constexpr std::string_view kSuffix = ".mustache";
constexpr int kMaxPartialDepth = 16;

// {{name}} escaping: kainjow's own appends byte by byte; this copies the runs
// between special characters whole (same five characters escaped).
std::string escape_html(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 16);
  size_t from = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char* rep;
    switch (s[i]) {
      case '&': rep = "&amp;"; break;
      case '<': rep = "&lt;"; break;
      case '>': rep = "&gt;"; break;
      case '"': rep = "&quot;"; break;
      case '\'': rep = "&#39;"; break;
      default: continue;
    }
    out.append(s, from, i - from);
    out += rep;
    from = i + 1;
  }
  out.append(s, from, std::string::npos);
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// kainjow ends its messages with " at <offset>": turn that into line:col.
Diagnostic located(const std::string& file, const std::string& text, const std::string& message) {
  Diagnostic d;
  d.severity = Severity::kError;
  d.path = file;
  d.message = "template does not compile: " + message;
  size_t at = message.rfind(" at ");
  if (at != std::string::npos && at + 4 < message.size() &&
      message.find_first_not_of("0123456789", at + 4) == std::string::npos) {
    size_t offset = std::stoul(message.substr(at + 4));
    auto pos = text::position_of(text, offset);
    d.line = pos.line;
    d.column = pos.column;
    d.source_line = line_of(text, pos.line);
    d.message = "template does not compile: " + message.substr(0, at);
  }
  return d;
}

struct Source {
  std::string text;
  std::string origin;  // file named in messages
};

// A partial tag `{{> name}}` at `open` (which points at "{{"): its name and end.
bool partial_at(const std::string& s, size_t open, std::string* name, size_t* end) {
  size_t i = open + 2;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  if (i >= s.size() || s[i] != '>') return false;
  size_t close = s.find("}}", i);
  if (close == std::string::npos) return false;
  *name = std::string(text::trim(std::string_view(s).substr(i + 1, close - i - 1)));
  *end = close + 2;
  return true;
}

class Expander {
 public:
  Expander(const std::map<std::string, Source>& sources, Diagnostics& diags)
      : sources_(sources), diags_(diags) {}

  // Text of `name` with every partial inlined; false on an error (reported).
  bool expand(const std::string& name, std::string* out, int depth = 0) {
    if (auto it = done_.find(name); it != done_.end()) {
      *out = it->second;
      return true;
    }
    const Source& src = sources_.at(name);
    if (depth > kMaxPartialDepth) {
      diags_.error(src.origin, 0, 0,
                   "partials nest too deep (does \"" + name + "\" include itself?)");
      return false;
    }
    const std::string& s = src.text;
    std::string result;
    bool ok = true;
    size_t from = 0;
    for (size_t open; (open = s.find("{{", from)) != std::string::npos;) {
      std::string partial;
      size_t end;
      if (!partial_at(s, open, &partial, &end)) {
        result.append(s, from, open + 2 - from);
        from = open + 2;
        continue;
      }
      result.append(s, from, open - from);
      from = end;
      if (!sources_.count(partial)) {
        auto pos = text::position_of(s, open);
        diags_.error(src.origin, pos.line, pos.column,
                     "unknown partial \"" + partial + "\" (no templates/" + partial +
                         ".mustache)",
                     line_of(s, pos.line));
        ok = false;
        continue;
      }
      std::string inner;
      if (!expand(partial, &inner, depth + 1)) return false;
      result += inner;
    }
    result.append(s, from, std::string::npos);
    if (ok) done_[name] = result;
    *out = std::move(result);
    return ok;
  }

 private:
  const std::map<std::string, Source>& sources_;
  Diagnostics& diags_;
  std::map<std::string, std::string> done_;
};

}  // namespace

struct TemplateSet::Pool {
  using Compiled = std::map<std::string, mustache>;
  Compiled prototype;  // never rendered: copied for each lease
  std::mutex mutex;
  std::vector<std::unique_ptr<Compiled>> idle;

  std::unique_ptr<Compiled> acquire() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (!idle.empty()) {
        auto c = std::move(idle.back());
        idle.pop_back();
        return c;
      }
    }
    return std::make_unique<Compiled>(prototype);  // the prototype is only read
  }
  void release(std::unique_ptr<Compiled> c) {
    std::lock_guard<std::mutex> lock(mutex);
    idle.push_back(std::move(c));
  }
};

TemplateSet::TemplateSet() : pool_(std::make_unique<Pool>()) {}
TemplateSet::TemplateSet(TemplateSet&&) noexcept = default;
TemplateSet& TemplateSet::operator=(TemplateSet&&) noexcept = default;
TemplateSet::~TemplateSet() = default;

std::optional<TemplateSet> TemplateSet::load(const fs::path& override_dir, Diagnostics& diags) {
  std::map<std::string, Source> sources;
  for (const EmbeddedFile* f = embedded_files(); f->path; ++f) {
    std::string_view path = f->path;
    if (path.substr(0, kPrefix.size()) != kPrefix || !ends_with(path, kSuffix)) continue;
    std::string name(path.substr(kPrefix.size(), path.size() - kPrefix.size() - kSuffix.size()));
    sources[name] = {std::string(reinterpret_cast<const char*>(f->data), f->size), std::string(path)};
  }

  bool ok = true;
  std::error_code ec;
  if (!override_dir.empty() && fs::is_directory(override_dir, ec)) {
    fs::recursive_directory_iterator it(override_dir, ec), end;
    if (ec) {
      diags.error(override_dir.generic_string(), 0, 0, "cannot read the templates folder: " + ec.message());
      ok = false;
    }
    for (; !ec && it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      std::string rel = p.lexically_relative(override_dir).generic_string();
      if (!it->is_regular_file(ec) || !ends_with(rel, kSuffix) || rel[0] == '.') continue;
      auto text = file::read_file(p);
      if (!text) {
        diags.error(p.generic_string(), 0, 0, "cannot read template");
        ok = false;
        continue;
      }
      sources[rel.substr(0, rel.size() - kSuffix.size())] = {std::move(*text), p.generic_string()};
    }
    if (ec) {
      diags.error(override_dir.generic_string(), 0, 0, "cannot read the templates folder: " + ec.message());
      ok = false;
    }
  }

  // Each file must compile on its own, so errors point into the file itself.
  for (const auto& [name, src] : sources) {
    mustache m(src.text);
    if (!m.is_valid()) {
      diags.add(located(src.origin, src.text, m.error_message()));
      ok = false;
    }
  }
  if (!ok) return std::nullopt;

  TemplateSet set;
  Expander expander(sources, diags);
  for (const auto& [name, src] : sources) {
    std::string text;
    if (!expander.expand(name, &text)) {
      ok = false;
      continue;
    }
    mustache m(text);
    m.set_custom_escape(escape_html);
    if (!m.is_valid()) {
      // Each file compiled alone, so a partial closes what its includer opened.
      diags.error(src.origin, 0, 0,
                  "template does not compile once its partials are included: " + m.error_message());
      ok = false;
      continue;
    }
    set.pool_->prototype.emplace(name, std::move(m));
    set.origin_[name] = src.origin;
    set.expanded_[name] = std::move(text);
  }
  if (!ok) return std::nullopt;
  return set;
}

bool TemplateSet::has(const std::string& name) const { return expanded_.count(name) > 0; }

std::string TemplateSet::origin(const std::string& name) const {
  auto it = origin_.find(name);
  return it == origin_.end() ? std::string() : it->second;
}

namespace {
// What kainjow's render(context, stream) writes to: appends to a string.
struct StringSink {
  std::string* out;
  StringSink& operator<<(const std::string& s) {
    out->append(s);
    return *this;
  }
};
}  // namespace

std::string TemplateSet::render(const std::string& name, const Data& data, const Data* globals) const {
  auto compiled = pool_->acquire();
  std::string out;
  auto it = compiled->find(name);
  if (it != compiled->end()) {
    out.reserve(expanded_.at(name).size() * 2);
    kainjow::mustache::context<std::string> ctx;
    if (globals) ctx.push(globals);
    ctx.push(&data);  // searched first
    StringSink sink{&out};
    it->second.render(ctx, sink);
  }
  pool_->release(std::move(compiled));
  return out;
}

}  // namespace kb::render
