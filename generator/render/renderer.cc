#include "render/renderer.h"

#include <map>
#include <mutex>
#include <system_error>
#include <unordered_map>

#include "core/file.h"
#include "render/embedded.h"
#include "render/template_set.h"
#include "render/views.h"

namespace kb::render {
namespace fs = std::filesystem;

namespace {

// The page templates a site must have (each may be overridden).
constexpr const char* kPageTemplates[] = {"note", "home", "folder", "tag", "tags", "all-notes",
                                          "nav_items"};

bool load_assets(const Config& config, Diagnostics& diags, std::vector<OutputFile>* out) {
  std::map<std::string, std::string> files;  // url -> bytes, sorted for stable output
  for (const EmbeddedFile* f = embedded_files(); f->path; ++f) {
    std::string_view path = f->path;
    if (path.substr(0, 7) != "assets/") continue;
    files[std::string(path)] = std::string(reinterpret_cast<const char*>(f->data), f->size);
  }
  bool ok = true;
  std::error_code ec;
  const fs::path& dir = config.assets_dir;
  if (!dir.empty() && fs::is_directory(dir, ec)) {
    fs::recursive_directory_iterator it(dir, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      std::string rel = it->path().lexically_relative(dir).generic_string();
      if (rel.empty() || rel[0] == '.' || rel.find("/.") != std::string::npos) continue;
      if (!it->is_regular_file(ec)) continue;
      auto bytes = file::read_file(it->path());
      if (!bytes) {
        diags.error(it->path().generic_string(), 0, 0, "cannot read asset");
        ok = false;
        continue;
      }
      files["assets/" + rel] = std::move(*bytes);
    }
    if (ec) {
      diags.error(dir.generic_string(), 0, 0, "cannot read the assets folder: " + ec.message());
      ok = false;
    }
  }
  for (auto& [url, bytes] : files) out->push_back({url, std::move(bytes)});
  return ok;
}

}  // namespace

// The navigation around a folder's notes, rendered once per folder (nav.h).
// With the layout keys every page of that folder and directory shares.
struct NavFrame {
  Data globals;                            // views::globals()
  std::string before;
  std::string after;
  std::vector<std::string> notes;          // each of the folder's notes, not current
};

struct Renderer::Impl {
  std::optional<TemplateSet> templates;
  std::vector<OutputFile> assets;
  NavOptions nav_options;

  // Frames of the model last rendered, by nav_frame_key().
  mutable std::mutex frames_mutex;
  mutable std::weak_ptr<const int> frames_model;
  mutable std::unordered_map<std::string, std::shared_ptr<const NavFrame>> frames;

  std::string items_html(List&& items) const {
    Data d;
    put(d, "items", std::move(items));
    return templates->render("nav_items", d);
  }
  std::string item_html(Data&& item) const {
    List items;
    items.add(std::move(item));
    return items_html(std::move(items));
  }

  std::shared_ptr<const NavFrame> frame(const SiteModel& site, const NavPlace& place) const {
    std::string key = nav_frame_key(place);
    {
      std::lock_guard<std::mutex> lock(frames_mutex);
      if (frames_model.lock() != site.identity) {
        frames.clear();
        frames_model = site.identity;
      }
      if (auto it = frames.find(key); it != frames.end()) return it->second;
    }
    // Built outside the lock: two threads may both build one frame; the
    // results are equal and the first stored wins.
    List before, after;
    build_nav_frame(site, place, nav_options, &before, &after);
    auto f = std::make_shared<NavFrame>();
    f->globals = views::globals(site, place.from_url);
    f->before = items_html(std::move(before));
    f->after = items_html(std::move(after));
    for (size_t p : site.folders[place.folder].pages)
      f->notes.push_back(item_html(nav_note_item(site, place, p, false)));
    std::lock_guard<std::mutex> lock(frames_mutex);
    if (frames_model.lock() != site.identity) return f;  // another model meanwhile: do not keep
    return frames.emplace(key, std::move(f)).first->second;
  }

  // The current folder's notes: the frame's lines, the current one marked.
  std::string here(const SiteModel& site, const NavPlace& place, const NavFrame& f) const {
    const auto& pages = site.folders[place.folder].pages;
    NavWindow w = nav_window(site, place, nav_options);
    std::string html;
    if (w.begin > 0) html += item_html(nav_more_item(site, place, w.begin, true));
    for (size_t i = w.begin; i < w.end; ++i) {
      if (place.page == pages[i]) html += item_html(nav_note_item(site, place, pages[i], true));
      else html += f.notes[i];
    }
    if (w.end < pages.size()) html += item_html(nav_more_item(site, place, pages.size() - w.end, false));
    return html;
  }

  std::string page(const char* name, const SiteModel& site, views::View view) const {
    auto f = frame(site, view.place);
    Data nav;
    put(nav, "home_current", view.place.from_url == "index.html");
    std::string here_html = here(site, view.place, *f);
    put(nav, "before", view.raw.add(f->before));
    put(nav, "here", view.raw.add(here_html));
    put(nav, "after", view.raw.add(f->after));
    put(view.data, "nav", std::move(nav));
    return view.raw.splice(templates->render(name, view.data, &f->globals));
  }
};

Renderer::Renderer() : impl_(std::make_unique<Impl>()) {}

const NavOptions& Renderer::nav_options() const { return impl_->nav_options; }
Renderer::Renderer(Renderer&&) noexcept = default;
Renderer::~Renderer() = default;

std::optional<Renderer> Renderer::create(const Config& config, Diagnostics& diags) {
  Renderer r;
  r.impl_->templates = TemplateSet::load(config.templates_dir, diags);
  bool ok = r.impl_->templates.has_value();
  if (ok) {
    for (const char* name : kPageTemplates) {
      if (!r.impl_->templates->has(name)) {
        diags.error((config.templates_dir / (std::string(name) + ".mustache")).generic_string(), 0, 0,
                    "missing page template");
        ok = false;
      }
    }
  }
  ok = load_assets(config, diags, &r.impl_->assets) && ok;
  if (!ok) return std::nullopt;
  return r;
}

std::string Renderer::note(const SiteModel& site, size_t page, const std::string& body_html) const {
  return impl_->page("note", site, views::note(site, page, body_html));
}

std::string Renderer::home(const SiteModel& site, const std::string& body_html) const {
  return impl_->page("home", site, views::home(site, body_html));
}

std::string Renderer::folder(const SiteModel& site, size_t folder, const std::string& body_html) const {
  return impl_->page("folder", site, views::folder(site, folder, body_html));
}

std::string Renderer::tag(const SiteModel& site, const std::string& tag) const {
  return impl_->page("tag", site, views::tag(site, tag));
}

std::string Renderer::exam_domain(const SiteModel& site, size_t exam, size_t domain) const {
  return impl_->page("exam-domain", site, views::exam_domain(site, exam, domain));
}

std::string Renderer::review(const SiteModel& site, const std::vector<ReviewCard>& cards) const {
  return impl_->page("review", site, views::review(site, cards));
}

std::string Renderer::exam(const SiteModel& site, const std::vector<ExamQuestion>& questions) const {
  return impl_->page("exam", site, views::exam(site, questions));
}

std::string Renderer::tags_index(const SiteModel& site) const {
  return impl_->page("tags", site, views::tags_index(site));
}

std::string Renderer::formulas(const SiteModel& site) const {
  return impl_->page("formulas", site, views::formulas(site));
}

std::string Renderer::matrix(const SiteModel& site, size_t index) const {
  return impl_->page("matrix", site, views::matrix(site, index));
}

std::string Renderer::matrices_index(const SiteModel& site) const {
  return impl_->page("matrix-index", site, views::matrices_index(site));
}

std::string Renderer::all_notes(const SiteModel& site) const {
  return impl_->page("all-notes", site, views::all_notes(site));
}

std::string Renderer::graph_page(const SiteModel& site) const {
  if (!impl_->templates->has("graph")) return "";
  return impl_->page("graph", site, views::graph_page(site));
}

std::string Renderer::search_page(const SiteModel& site) const {
  if (!impl_->templates->has("search-page")) return "";
  return impl_->page("search-page", site, views::search_page(site));
}

std::string Renderer::not_found(const SiteModel& site) const {
  if (!impl_->templates->has("404")) return "";
  return impl_->page("404", site, views::not_found(site));
}

std::vector<OutputFile> Renderer::assets() const { return impl_->assets; }

}  // namespace kb::render
