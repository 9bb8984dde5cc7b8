#include "render/nav.h"

#include <algorithm>
#include <vector>

#include "render/href.h"

#include <nlohmann/json.hpp>

namespace kb::render {
namespace {

constexpr size_t kNpos = static_cast<size_t>(-1);

class NavBuilder {
 public:
  NavBuilder(const SiteModel& site, const NavPlace& place, const NavOptions& options)
      : site_(site), place_(place), options_(options),
        windowed_(site.reading_order.size() > options.full_limit), hrefs_(place.from_url),
        on_path_(site.folders.size(), false) {
    for (size_t f = place.folder;; f = site.folders[f].parent) {
      on_path_[f] = true;
      if (f == 0) break;
    }
  }

  void frame(List* before, List* after) {
    out_ = before;
    if (place_.folder == 0) {
      out_ = after;  // the root's notes come first: they are `here`
    } else if (!windowed_) {
      for (size_t p : site_.folders[0].pages) out_->add(note(p, false));
    }
    for (size_t c : site_.folders[0].children) folder(c, after);
  }

  NavWindow window() const {
    const Folder& f = site_.folders[place_.folder];
    size_t n = f.pages.size();
    NavWindow w{0, n};
    if (windowed_ && n > options_.window) {
      size_t at = 0;
      if (place_.page && site_.position[*place_.page] != kNpos)
        at = site_.position[*place_.page] - site_.position[f.pages[0]];
      w.begin = at > options_.window / 2 ? at - options_.window / 2 : 0;
      w.begin = std::min(w.begin, n - options_.window);
      w.end = w.begin + options_.window;
    }
    return w;
  }

  Data note(size_t page, bool current) const {
    const auto& p = site_.corpus->pages[page];
    Data note;
    put(note, "title", p.title);
    put(note, "url", href(p.url));
    put(note, "current", current);
    Data item;
    put(item, "note", std::move(note));
    return item;
  }

  Data more(size_t count, bool earlier) const {
    const Folder& f = site_.folders[place_.folder];
    Data more;
    put(more, "label", std::to_string(count) + (earlier ? " earlier notes" : " more notes"));
    put(more, "url", href(f.url));
    Data item;
    put(item, "more", std::move(more));
    return item;
  }

 private:
  std::string href(const std::string& url) const { return hrefs_(url); }

  void folder(size_t index, List* after) {
    const Folder& f = site_.folders[index];
    Data open;
    put(open, "name", f.name);
    put(open, "url", href(f.url));
    put(open, "expanded", static_cast<bool>(on_path_[index]));
    put(open, "current", place_.folder_page && index == place_.folder);
    put(open, "count", f.total_notes);
    // Big sites: a folder off the current page's path is a link with its
    // contents loaded when opened (nav_shard()), so a page does not grow with
    // the number of folders.
    bool lazy = windowed_ && !on_path_[index];
    if (lazy) put(open, "lazy", std::to_string(index));
    else put(open, "lazy", false);
    Data item;
    put(item, "open", std::move(open));
    out_->add(std::move(item));
    if (lazy) {
      Data close;
      put(close, "close", true);
      out_->add(std::move(close));
      return;
    }
    if (index == place_.folder) {
      out_ = after;  // the folder's own notes are `here`, built per page
    } else if (!windowed_) {
      for (size_t p : f.pages) out_->add(note(p, false));
    }
    for (size_t c : f.children) folder(c, after);
    Data close;
    put(close, "close", true);
    out_->add(std::move(close));
  }

  const SiteModel& site_;
  const NavPlace& place_;
  const NavOptions& options_;
  bool windowed_;
  Hrefs hrefs_;
  std::vector<bool> on_path_;
  List* out_ = nullptr;
};

}  // namespace

void build_nav_frame(const SiteModel& site, const NavPlace& place, const NavOptions& options,
                     List* before, List* after) {
  NavBuilder(site, place, options).frame(before, after);
}

NavWindow nav_window(const SiteModel& site, const NavPlace& place, const NavOptions& options) {
  return NavBuilder(site, place, options).window();
}

Data nav_note_item(const SiteModel& site, const NavPlace& place, size_t page, bool current) {
  return NavBuilder(site, place, NavOptions{}).note(page, current);
}

Data nav_more_item(const SiteModel& site, const NavPlace& place, size_t count, bool earlier) {
  return NavBuilder(site, place, NavOptions{}).more(count, earlier);
}

bool nav_is_windowed(const SiteModel& site, const NavOptions& options) {
  return site.reading_order.size() > options.full_limit;
}

std::string nav_shard_url(size_t folder) { return "assets/nav/" + std::to_string(folder) + ".js"; }

std::string nav_shard(const SiteModel& site, size_t folder, const NavOptions& options) {
  const Hrefs from_root("index.html");
  const Folder& f = site.folders[folder];
  nlohmann::json folders = nlohmann::json::array();
  for (size_t c : f.children) {
    const Folder& child = site.folders[c];
    folders.push_back({{"id", c}, {"name", child.name}, {"url", from_root(child.url)},
                       {"count", child.total_notes}});
  }
  nlohmann::json notes = nlohmann::json::array();
  size_t shown = std::min(f.pages.size(), options.window);
  for (size_t i = 0; i < shown; ++i) {
    const Page& p = site.corpus->pages[f.pages[i]];
    notes.push_back({{"title", p.title}, {"url", from_root(p.url)}});
  }
  nlohmann::json data = {{"folders", std::move(folders)}, {"notes", std::move(notes)}};
  if (shown < f.pages.size())
    data["more"] = {{"label", std::to_string(f.pages.size() - shown) + " more notes"}, {"url", from_root(f.url)}};
  // Script-loaded (works from file://); "</" escaped so no title ends the script.
  std::string json = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out = "kbNavFolder(" + std::to_string(folder) + ",";
  for (size_t i = 0; i < json.size(); ++i) {
    if (json[i] == '<' && i + 1 < json.size() && json[i + 1] == '/') out += "<\\";
    else out += json[i];
  }
  out += ");\n";
  return out;
}

std::string nav_frame_key(const NavPlace& place) {
  size_t slash = place.from_url.rfind('/');
  std::string dir = slash == std::string::npos ? std::string() : place.from_url.substr(0, slash + 1);
  return std::to_string(place.folder) + (place.folder_page ? "F:" : ":") + dir;
}

}  // namespace kb::render
