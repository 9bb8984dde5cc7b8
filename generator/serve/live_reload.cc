#include "serve/live_reload.h"

#include <nlohmann/json.hpp>

namespace kb::serve {
namespace {

// Kept small and dependency-free: it runs on every page of a preview.
constexpr std::string_view kScript = R"JS((function () {
  'use strict';
  var me = document.currentScript;
  var version = Number(me && me.getAttribute('data-version')) || 0;
  var KEY = 'kb-live-scroll';
  // Back where the reader was before the reload.
  try {
    var kept = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    sessionStorage.removeItem(KEY);
    if (kept && kept.path === location.pathname) {
      var restore = function () { window.scrollTo(kept.x, kept.y); };
      if (document.readyState === 'complete') restore(); else window.addEventListener('load', restore);
    }
  } catch (e) {}
  function reload() {
    try {
      sessionStorage.setItem(KEY, JSON.stringify({ path: location.pathname, x: window.scrollX, y: window.scrollY }));
    } catch (e) {}
    location.reload();
  }
  function swapStyles(v) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    Array.prototype.forEach.call(links, function (old) {
      var url = new URL(old.href, location.href);
      if (url.origin !== location.origin) return;
      url.searchParams.set('kb-live', String(v));
      var fresh = old.cloneNode();
      fresh.href = url.href;
      fresh.addEventListener('load', function () { old.remove(); });
      fresh.addEventListener('error', function () { fresh.remove(); });
      old.after(fresh);
    });
  }
  var box = null;
  function hideProblem() { if (box) { box.remove(); box = null; } }
  function showProblem(report) {
    hideProblem();
    box = document.createElement('div');
    box.id = 'kb-live-problem';
    box.setAttribute('role', 'alert');
    box.style.cssText = 'position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:50vh;overflow:auto;' +
      'background:#2b0b0b;color:#ffe9e9;border-top:4px solid #ff6b6b;font:14px/1.45 ui-monospace,monospace;padding:12px 16px;';
    var head = document.createElement('div');
    head.style.cssText = 'display:flex;justify-content:space-between;gap:1em;font-weight:bold;margin-bottom:6px;';
    head.textContent = 'kb: the last change did not build; this is the previous site. Fix the note and save.';
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Hide';
    close.style.cssText = 'font:inherit;color:inherit;background:transparent;border:1px solid currentColor;border-radius:4px;cursor:pointer;';
    close.addEventListener('click', hideProblem);
    head.appendChild(close);
    // A div, not a pre: the site's theme styles pre (colours, background).
    var pre = document.createElement('div');
    pre.style.cssText = 'margin:0;padding:0;border:0;background:transparent;color:inherit;white-space:pre-wrap;' +
      'overflow-wrap:anywhere;font:inherit;';
    pre.textContent = report;
    box.appendChild(head);
    box.appendChild(pre);
    document.body.appendChild(box);
  }
  if (!window.EventSource) return;
  var source = new EventSource('/__kb/events');
  source.addEventListener('hello', function (e) {
    var d = JSON.parse(e.data);
    if (version && d.version > version && !d.problem) reload();
  });
  source.addEventListener('reload', function (e) {
    var d = JSON.parse(e.data);
    hideProblem();
    if (d.css) { version = d.version; swapStyles(d.version); } else reload();
  });
  source.addEventListener('problem', function (e) {
    var d = JSON.parse(e.data);
    showProblem(d.report);
  });
})();
)JS";

}  // namespace

std::string_view live_script() { return kScript; }

std::string inject_live_script(std::string html, uint64_t version) {
  std::string tag = "<script src=\"" + std::string(kLiveScriptPath) + "\" data-version=\"" + std::to_string(version) +
                    "\" defer></script>";
  // The last </body>, in any case (a page may quote one in a code block).
  size_t at = std::string::npos;
  for (size_t i = html.size(); i-- > 0;) {
    if (html[i] != '<' || html.size() - i < 7) continue;
    std::string_view rest(html.data() + i, 7);
    if ((rest[1] == '/') && (rest[2] | 0x20) == 'b' && (rest[3] | 0x20) == 'o' && (rest[4] | 0x20) == 'd' &&
        (rest[5] | 0x20) == 'y' && (rest[6] == '>' || rest[6] == ' ')) {
      at = i;
      break;
    }
  }
  if (at == std::string::npos) html += tag;
  else html.insert(at, tag);
  return html;
}

std::string sse_event(std::string_view name, std::string_view data) {
  std::string out = "event: " + std::string(name) + "\n";
  size_t start = 0;
  for (;;) {
    size_t end = data.find('\n', start);
    out += "data: ";
    out += data.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    out += '\n';
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  out += '\n';
  return out;
}

void LiveState::built(bool css_only) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++version_;
    css_only_ = css_only && problem_.empty();  // after a failure, reload whole pages
    problem_.clear();
  }
  changed_.notify_all();
}

void LiveState::failed(std::string report) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++version_;
    problem_ = report.empty() ? "the build failed" : std::move(report);
  }
  changed_.notify_all();
}

uint64_t LiveState::version() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return version_;
}

void LiveState::close() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
}

std::string LiveState::next_event(Cursor& cursor, std::chrono::milliseconds timeout, bool& closed) {
  std::unique_lock<std::mutex> lock(mutex_);
  auto problem_event = [&] { return sse_event("problem", nlohmann::json{{"version", version_}, {"report", problem_}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)); };
  if (!cursor.greeted) {
    cursor.greeted = true;
    cursor.seen = version_;
    std::string out = sse_event("hello", nlohmann::json{{"version", version_}, {"problem", !problem_.empty()}}.dump());
    if (!problem_.empty()) out += problem_event();
    closed = closed_;
    return out;
  }
  changed_.wait_for(lock, timeout, [&] { return closed_ || version_ != cursor.seen; });
  closed = closed_;
  if (closed_ || version_ == cursor.seen) return "";
  cursor.seen = version_;
  if (!problem_.empty()) return problem_event();
  return sse_event("reload", nlohmann::json{{"version", version_}, {"css", css_only_}}.dump());
}

}  // namespace kb::serve
