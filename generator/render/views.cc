#include "render/views.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <set>
#include <cmath>
#include <initializer_list>
#include <map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/text.h"
#include "render/href.h"

namespace kb::render::views {
// kb::matrix, named so it does not clash with views::matrix().
namespace mx = kb::matrix;
namespace {

constexpr size_t kNpos = static_cast<size_t>(-1);
// Home page domain cards: the first notes show, the rest fold into a
// <details>, and past that only a count (with a link to the all-notes page)
// so a 10,000-note site keeps a home page of reasonable size.
constexpr size_t kDomainShown = 8;
constexpr size_t kDomainFolded = 200;
// Backlinks shown with their summaries; the rest are titles in a <details>.
constexpr size_t kBacklinksShown = 8;
// The home page's recently updated notes.
constexpr size_t kRecentShown = 8;

std::string format_number(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  std::string s = std::to_string(v);  // "12.500000"
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// The layout every page shares (see views.h).
class Layout {
 public:
  Layout(const SiteModel& site, std::string url, const char* kind, const std::string& title)
      : site_(site), url_(std::move(url)), hrefs_(url_) {
    const Config& c = *site.config;
    put(data_, "title", title);
    put(data_, "head_title", title.empty() || title == c.title ? c.title : title + " — " + c.title);
    put(data_, "kind", kind);
    // One flag for the page's kind, "is_all_notes" for "all-notes".
    std::string flag = std::string("is_") + kind;
    for (char& ch : flag)
      if (ch == '-') ch = '_';
    put(data_, flag, true);
    put(data_, "has_toc", false);
    // For shared links' previews (Open Graph, Twitter cards): the page's
    // absolute address needs the site's base_url.
    std::string base = c.base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    put(data_, "og_url", base.empty() ? base : base + "/" + text::url_encode_path(url_));
    put(data_, "has_og_url", !base.empty());
    put(data_, "og_type", std::string(kind) == "note" ? "article" : "website");
    description("");
  }

  std::string href(const std::string& to) const { return hrefs_(to); }

  // Home > each folder from the root down to `folder`, inclusive.
  void breadcrumbs_to(size_t folder, bool include_folder) {
    std::vector<size_t> chain;
    for (size_t f = folder; f != 0; f = site_.folders[f].parent) chain.push_back(f);
    List crumbs;
    crumbs.add(crumb("Home", "index.html"));
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      if (!include_folder && *it == folder) break;
      crumbs.add(crumb(site_.folders[*it].name, site_.folders[*it].url));
    }
    breadcrumbs(std::move(crumbs));
  }
  void breadcrumbs(List crumbs) {
    put(data_, "has_breadcrumbs", !crumbs.empty());
    put(data_, "breadcrumbs", std::move(crumbs));
  }
  Data crumb(const std::string& name, const std::string& url) const {
    Data d;
    put(d, "name", name);
    put(d, "url", href(url));
    return d;
  }

  // A page kb generates at the site level (tags, all notes, formulas,
  // matrices, search): placed at the root, with Home then each of `parents`
  // ({name, url}) as breadcrumbs.
  void site_page(std::initializer_list<std::pair<const char*, const char*>> parents = {}) {
    site_page(std::vector<std::pair<std::string, std::string>>(parents.begin(), parents.end()));
  }
  void site_page(const std::vector<std::pair<std::string, std::string>>& parents) {
    place(0, std::nullopt, false);
    List crumbs;
    crumbs.add(crumb("Home", "index.html"));
    for (const auto& [name, url] : parents) crumbs.add(crumb(name, url));
    breadcrumbs(std::move(crumbs));
  }

  void place(size_t folder, std::optional<size_t> page, bool folder_page) {
    place_.from_url = url_;
    place_.folder = folder;
    place_.page = page;
    place_.folder_page = folder_page;
  }

  void description(const std::string& text) {
    put(data_, "description", text);
    put(data_, "has_description", !text.empty());
  }

  // A named list with its has_<name> flag.
  void list(const std::string& name, List items) {
    put(data_, "has_" + name, !items.empty());
    put(data_, name, std::move(items));
  }

  Data card(size_t page) const {
    const kb::Page& p = site_.corpus->pages[page];
    const Folder& f = site_.folders[site_.folder_of[page]];
    Data d;
    put(d, "title", p.title);
    put(d, "url", href(p.url));
    put(d, "summary", p.summary);
    put(d, "has_summary", !p.summary.empty());
    put(d, "folder", f.name);
    put(d, "folder_url", href(f.url));
    return d;
  }
  List cards(const std::vector<size_t>& pages) const {
    List list;
    for (size_t p : pages) list.add(card(p));
    return list;
  }
  List folder_cards(const std::vector<size_t>& folders) const {
    List list;
    for (size_t i : folders) {
      const Folder& f = site_.folders[i];
      Data d;
      put(d, "name", f.name);
      put(d, "url", href(f.url));
      put_count(d, "count", f.total_notes, "note", "notes");
      std::string summary = f.index_page ? site_.corpus->pages[*f.index_page].summary : std::string();
      put(d, "has_summary", !summary.empty());
      put(d, "summary", summary);
      list.add(std::move(d));
    }
    return list;
  }

  Data& data() { return data_; }
  View take() { return View{std::move(data_), std::move(place_), std::move(raw_)}; }
  void body(const std::string& html) {
    put(data_, "body", raw_.add(html));
    put(data_, "has_body", !html.empty());
  }

 private:
  const SiteModel& site_;
  std::string url_;
  Hrefs hrefs_;
  Data data_;
  NavPlace place_;
  RawHtml raw_;
};

std::string domain_title(const Config& config, const std::string& id) {
  for (const auto& d : config.domains)
    if (d.id == id) return d.title;
  return id;
}

// Config::exams indices, active exams first (each group in site.toml's order).
std::vector<size_t> exams_active_first(const Config& c) {
  std::vector<size_t> order;
  for (bool retired : {false, true})
    for (size_t i = 0; i < c.exams.size(); ++i)
      if (c.exams[i].retired == retired) order.push_back(i);
  return order;
}

// JSON for a <script type="application/json">: no "</" in it may close
// the script early.
std::string script_json(const nlohmann::json& value) {
  std::string json = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  for (size_t at = 0; (at = json.find("</", at)) != std::string::npos; at += 3) json.replace(at, 2, "<\\/");
  return json;
}

// has_math (the page's body has formulas: link KaTeX's CSS) and
// math_in_browser (the site typesets them in the browser: load KaTeX's JS).
void math_keys(Data& d, const SiteModel& site, std::optional<size_t> page) {
  auto embeds = [&](const std::vector<bool>& flags) { return page && *page < flags.size() && flags[*page]; };
  bool has_math = page && (!site.corpus->pages[*page].formulas.empty() || embeds(site.embeds_math));
  put(d, "has_math", has_math);
  put(d, "math_in_browser", has_math && site.math_in_browser);
  // Pages with ```demo blocks load the plot styles and the variant switcher.
  put(d, "has_demos", page && (markdown::any_demo(site.corpus->pages[*page].blocks) || embeds(site.embeds_demos)));
  // Pages with ```mermaid diagrams load mermaid; no other page does.
  put(d, "has_diagrams", page && (site.corpus->pages[*page].has_diagrams || embeds(site.embeds_diagrams)));
}

const Tag* find_tag(const SiteModel& site, const std::string& name) {
  auto it = site.tags.find(name);
  return it == site.tags.end() ? nullptr : &it->second;
}

// All-notes group of a title: an ASCII letter (upper-cased), "#" for digits
// and punctuation, else the title's first UTF-8 character as written.
std::pair<int, std::string> letter_of(const std::string& title) {
  if (title.empty()) return {0, "#"};
  unsigned char c = static_cast<unsigned char>(title[0]);
  if (c >= 'a' && c <= 'z') c = static_cast<unsigned char>(c - 'a' + 'A');
  if (c >= 'A' && c <= 'Z') return {1, std::string(1, static_cast<char>(c))};
  if (c < 0x80) return {0, "#"};
  size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
  return {2, title.substr(0, std::min(len, title.size()))};
}

// ---- Comparison matrices -------------------------------------------------

// One typed value as the matrix table and the note card show it (views.h).
Data cell_data(const SiteModel& site, const Layout& v, const mx::Column& column, const mx::Cell& cell) {
  Data d;
  put(d, "column", column.name);
  put(d, "type", std::string(mx::type_name(column.type)));
  put(d, "has_value", cell.present);
  bool is_list = column.type == mx::ColumnType::kList;
  put(d, "is_list", is_list && cell.present);
  std::string text, sort;
  List items;
  if (cell.present) {
    switch (column.type) {
      case mx::ColumnType::kText:
      case mx::ColumnType::kEnum: text = cell.text; break;
      case mx::ColumnType::kNumber: text = format_number(cell.number); break;
      case mx::ColumnType::kBool: text = cell.flag ? "Yes" : "No"; break;
      case mx::ColumnType::kList:
        for (size_t i = 0; i < cell.items.size(); ++i) {
          Data item;
          put(item, "text", cell.items[i]);
          std::optional<size_t> target = i < cell.targets.size() ? cell.targets[i] : std::nullopt;
          put(item, "has_url", target.has_value());
          put(item, "url", target ? v.href(site.corpus->pages[*target].url) : std::string());
          items.add(std::move(item));
          text += (text.empty() ? "" : ", ") + cell.items[i];
        }
        break;
    }
    sort = text;
    for (char& c : sort)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  put(d, "text", text);
  put(d, "sort", sort);
  put(d, "items", std::move(items));
  return d;
}

// The values a filter control offers for `column`, with how many rows have
// each: the schema's values in their order (those some row has), else every
// value seen, sorted.
List filter_options(const mx::Matrix& m, size_t ci) {
  const mx::Column& c = m.schema.columns[ci];
  std::map<std::string, size_t> counts;
  for (const auto& row : m.rows) {
    const mx::Cell& cell = row.cells[ci];
    if (!cell.present) continue;
    if (c.type == mx::ColumnType::kList) {
      std::set<std::string> once(cell.items.begin(), cell.items.end());
      for (const auto& item : once) ++counts[item];
    } else if (c.type == mx::ColumnType::kBool) {
      ++counts[cell.flag ? "Yes" : "No"];
    } else {
      ++counts[cell.text];
    }
  }
  std::vector<std::string> order;
  if (c.type == mx::ColumnType::kBool) order = {"Yes", "No"};
  else if (!c.values.empty()) order = c.values;
  for (const auto& [value, n] : counts)
    if (std::find(order.begin(), order.end(), value) == order.end()) order.push_back(value);
  List options;
  for (const auto& value : order) {
    auto it = counts.find(value);
    if (it == counts.end()) continue;
    Data o;
    put(o, "value", value);
    put(o, "count", it->second);
    options.add(std::move(o));
  }
  return options;
}

}  // namespace

Data globals(const SiteModel& site, const std::string& from_url) {
  const Config& c = *site.config;
  Hrefs href(from_url);
  Data d;
  put(d, "lang", c.language);
  put(d, "site_title", c.title);
  put(d, "site_description", c.description);
  put(d, "has_site_description", !c.description.empty());
  put(d, "repository", c.repository);
  put(d, "has_repository", !c.repository.empty());
  put(d, "root", href.root());
  put(d, "assets", href.root() + "assets/");
  put(d, "home_url", href("index.html"));
  put(d, "tags_url", href(kTagsIndexUrl));
  put(d, "all_notes_url", href(kAllNotesUrl));
  put(d, "graph_url", href(kGraphUrl));
  // The Atom feed (site/publish.h writes feed.xml only for a site with a
  // base_url: feeds need absolute URLs): absolute, or "" for no <link>.
  std::string base = c.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  put(d, "feed_url", base.empty() ? base : base + "/feed.xml");
  put(d, "has_feed", !base.empty());
  put(d, "formulas_url", href(kFormulasUrl));
  put(d, "has_formulas", !site.formulas.empty());
  put(d, "review_url", href(kReviewUrl));
  put(d, "has_review", site.cards > 0);
  put(d, "exam_url", href(kExamUrl));
  put(d, "has_exam", site.questions > 0);
  put(d, "matrices_url", href(mx::kIndexUrl));
  put(d, "has_matrices", site.matrices && !site.matrices->empty());
  return d;
}

std::string tag_url(const SiteModel& site, const std::string& tag) {
  const Tag* t = find_tag(site, tag);
  return t ? t->url : "tags/" + text::url_slug(tag) + ".html";
}

View note(const SiteModel& site, size_t index, const std::string& body_html) {
  const kb::Page& p = site.corpus->pages[index];
  size_t folder = site.folder_of[index];
  Layout v(site, p.url, "note", p.title);
  v.place(folder, index, false);
  v.breadcrumbs_to(folder, true);
  v.description(p.summary);
  math_keys(v.data(), site, index);

  Data page;
  put(page, "title", p.title);
  put(page, "summary", p.summary);
  put(page, "kind", p.meta.kind);
  put(page, "domain", p.domain);
  put(page, "domain_title", p.domain.empty() ? std::string() : domain_title(*site.config, p.domain));
  put(page, "has_domain", !p.domain.empty());
  put(page, "has_kind", !p.meta.kind.empty() && p.meta.kind != "note");
  put(page, "source", p.source);
  put(page, "word_count", p.word_count);
  put(page, "minutes", std::max<size_t>(1, (p.word_count + 199) / 200));
  if (index < site.history.size()) {
    const PageHistory& h = site.history[index];
    put(page, "updated", h.updated);
    put(page, "has_updated", !h.updated.empty());
    put(page, "authors", h.authors);
    put(page, "has_authors", !h.authors.empty());
    put(page, "uncommitted", h.status == "untracked");
    put(page, "modified", h.status == "modified");
    put(page, "edit_url", h.edit_url);
    put(page, "has_edit_url", !h.edit_url.empty());
    put(page, "has_history", !h.updated.empty() || !h.status.empty() || !h.edit_url.empty());
  }
  put(v.data(), "page", std::move(page));

  Data f;
  put(f, "name", site.folders[folder].name);
  put(f, "url", v.href(site.folders[folder].url));
  put(v.data(), "folder", std::move(f));

  List tags;
  for (const auto& name : p.meta.tags) {
    if (name.empty()) continue;
    Data t;
    put(t, "name", name);
    put(t, "url", v.href(tag_url(site, name)));
    tags.add(std::move(t));
  }
  v.list("tags", std::move(tags));

  // Two levels from the top heading of the body: ## and ### in a note titled
  // by its H1 or front matter, # and ## where # headings are sections (a
  // note titled by its file name). Classes stay toc-l2/toc-l3 either way.
  List toc;
  // A leading H1 that is (or repeats) the title is not a section.
  size_t first = !p.headings.empty() && p.headings.front().level == 1 &&
                         (p.drop_leading_h1 || text::lookup_key(p.headings.front().text) == text::lookup_key(p.title))
                     ? 1 : 0;
  int top = 2;
  for (size_t i = first; i < p.headings.size(); ++i) top = std::min(top, p.headings[i].level);
  for (size_t i = first; i < p.headings.size(); ++i) {
    const auto& h = p.headings[i];
    if (h.level < top || h.level > top + 1 || h.id.empty()) continue;
    int level = h.level - top + 2;
    Data e;
    put(e, "text", h.text);
    put(e, "id", h.id);
    put(e, "level", static_cast<size_t>(level));
    put(e, "sub", level == 3);
    toc.add(std::move(e));
  }
  v.list("toc", std::move(toc));

  v.body(body_html);

  // The note's own matrix values, as a card per matrix it is a row of.
  List matrix_cards;
  if (site.matrices) {
    for (const mx::RowRef& ref : site.matrices->rows_of(index)) {
      const mx::Matrix& m = site.matrices->matrices[ref.matrix];
      const mx::Row& row = m.rows[ref.row];
      Data card;
      put(card, "title", m.schema.title);
      put(card, "url", v.href(m.url + "#row-" + row.id));
      List attributes;
      for (size_t ci = 0; ci < m.schema.columns.size(); ++ci) {
        if (!row.cells[ci].present) continue;
        Data a;
        put(a, "label", m.schema.columns[ci].label);
        put(a, "cell", cell_data(site, v, m.schema.columns[ci], row.cells[ci]));
        attributes.add(std::move(a));
      }
      put(card, "attributes", std::move(attributes));
      matrix_cards.add(std::move(card));
    }
  }
  v.list("matrix_cards", std::move(matrix_cards));

  const auto& back = site.graph->backlinks(index);
  put(v.data(), "backlink_count", back.size());
  // On formula pages: the other formula pages that link here (use this one).
  if (p.meta.formula_kind()) {
    std::vector<size_t> users;
    for (size_t b : back)
      if (site.corpus->pages[b].meta.formula_kind()) users.push_back(b);
    put(v.data(), "has_formula_users", !users.empty());
    v.list("formula_users", v.cards(users));
  }
  // The first few with their summaries; past that, titles only, folded:
  // a page fifty notes link to stays short.
  const size_t shown = std::min(back.size(), kBacklinksShown);
  v.list("backlinks", v.cards({back.begin(), back.begin() + shown}));
  v.list("backlinks_rest", v.cards({back.begin() + shown, back.end()}));
  put(v.data(), "has_backlinks_rest", back.size() > shown);
  put(v.data(), "backlinks_rest_count", back.size() - shown);
  // Its local graph is in its data file (site/note_data.h), which
  // assets/local-graph.js loads: the page holds only its place, so it does
  // not change with notes two links away.
  const auto& out = site.graph->outlinks(index);
  const auto other = [index](size_t t) { return t != index; };
  put(v.data(), "has_local_graph", std::any_of(out.begin(), out.end(), other) || std::any_of(back.begin(), back.end(), other));
  put(v.data(), "local_graph_src", v.href(note_data_url(p.url)));

  size_t pos = index < site.position.size() ? site.position[index] : kNpos;
  auto neighbour = [&](size_t at) {
    Data d;
    const kb::Page& n = site.corpus->pages[site.reading_order[at]];
    put(d, "title", n.title);
    put(d, "url", v.href(n.url));
    return d;
  };
  if (pos != kNpos && pos > 0) put(v.data(), "prev", neighbour(pos - 1));
  else put(v.data(), "prev", false);
  if (pos != kNpos && pos + 1 < site.reading_order.size()) put(v.data(), "next", neighbour(pos + 1));
  else put(v.data(), "next", false);

  // The same note on each exam's study path: its domain's page, the notes
  // before and after it there (active exams first).
  List paths;
  if (index < site.exam_places.size())
    for (bool retired : {false, true})
      for (const auto& place : site.exam_places[index]) {
        const Exam& exam = site.config->exams[place.exam];
        if (exam.retired != retired) continue;
        const auto& list = site.exam_pages[place.exam][place.domain];
        auto path_neighbour = [&](size_t at) {
          Data d;
          const kb::Page& n = site.corpus->pages[list[at]];
          put(d, "title", n.title);
          put(d, "url", v.href(n.url));
          return d;
        };
        Data item;
        put(item, "exam", exam.title);
        put(item, "retired", exam.retired);
        put(item, "domain", exam.domains[place.domain].title);
        put(item, "url", v.href(exam_domain_url(exam.id, exam.domains[place.domain].id)));
        if (place.pos > 0) put(item, "prev", path_neighbour(place.pos - 1));
        else put(item, "prev", false);
        if (place.pos + 1 < list.size()) put(item, "next", path_neighbour(place.pos + 1));
        else put(item, "next", false);
        paths.add(std::move(item));
      }
  v.list("exam_paths", std::move(paths));
  return v.take();
}

View home(const SiteModel& site, const std::string& body_html) {
  const Config& c = *site.config;
  Layout v(site, "index.html", "home", c.title);
  v.place(0, std::nullopt, false);
  v.breadcrumbs(List());
  v.description(c.description);
  v.body(body_html);
  math_keys(v.data(), site, site.folders[0].index_page);

  // Each exam's map: active exams first; `domains` stays the primary exam's
  // cards, for older templates.
  List exams, domains;
  for (size_t i : exams_active_first(c)) {
    const Exam* e = &c.exams[i];
    List cards;
    for (size_t di = 0; di < e->domains.size(); ++di) {
      const Domain& d = e->domains[di];
      const auto& pages = site.exam_pages[i][di];
      Data card;
      put(card, "id", e->id.empty() ? d.id : e->id + "-" + d.id);
      put(card, "title", d.title);
      put(card, "has_url", !e->id.empty());
      if (!e->id.empty()) put(card, "url", v.href(exam_domain_url(e->id, d.id)));
      put(card, "weight", format_number(d.weight));
      put(card, "has_weight", d.weight > 0);
      put(card, "bar", format_number(std::clamp(d.weight, 0.0, 100.0)));
      put_count(card, "count", pages.size(), "note", "notes");
      size_t shown = std::min(pages.size(), kDomainShown);
      size_t folded = std::min(pages.size(), kDomainShown + kDomainFolded);
      put(card, "notes", v.cards({pages.begin(), pages.begin() + shown}));
      put(card, "has_notes", shown > 0);
      put(card, "rest", v.cards({pages.begin() + shown, pages.begin() + folded}));
      put(card, "has_rest", folded > shown);
      put(card, "rest_count", folded - shown);
      put(card, "has_more", pages.size() > folded);
      put(card, "more", pages.size() - folded);
      if (e == c.primary_exam()) domains.add(Data(card));
      cards.add(std::move(card));
    }
    Data exam;
    put(exam, "id", e->id);
    put(exam, "has_id", !e->id.empty());
    put(exam, "title_id", e->id.empty() ? std::string("domains-title") : "exam-" + e->id + "-title");
    put(exam, "title", e->title);
    put(exam, "has_title", !e->title.empty());
    put(exam, "retired", e->retired);
    put(exam, "retired_on", e->retired_on);
    put(exam, "has_retired_on", !e->retired_on.empty());
    put(exam, "primary", e == c.primary_exam());
    put(exam, "domains", std::move(cards));
    exams.add(std::move(exam));
  }
  put(v.data(), "several_exams", c.exams.size() > 1);
  v.list("exams", std::move(exams));
  v.list("domains", std::move(domains));
  v.list("folders", v.folder_cards(site.folders[0].children));
  v.list("notes", v.cards(site.folders[0].pages));
  put_count(v.data(), "note_count", site.reading_order.size(), "note", "notes");
  put_count(v.data(), "tag_count", site.tags.size(), "tag", "tags");
  put_count(v.data(), "folder_count", site.folders.size() - 1, "folder", "folders");
  // Recently updated notes, from the git history the pages show.
  std::vector<size_t> recent;
  for (size_t i : site.reading_order)
    if (i < site.history.size() && !site.history[i].updated.empty()) recent.push_back(i);
  std::stable_sort(recent.begin(), recent.end(),
                   [&](size_t a, size_t b) { return site.history[a].updated > site.history[b].updated; });
  if (recent.size() > kRecentShown) recent.resize(kRecentShown);
  List recent_list;
  for (size_t i : recent) {
    Data d;
    put(d, "title", site.corpus->pages[i].title);
    put(d, "url", v.href(site.corpus->pages[i].url));
    put(d, "updated", site.history[i].updated);
    recent_list.add(std::move(d));
  }
  put(v.data(), "has_recent", !recent.empty());
  v.list("recent", std::move(recent_list));
  // The study panel (assets/study/panel.js): what there is to study, and
  // the primary exam's domains for the last score per domain.
  const size_t cards = site.cards, questions = site.questions;
  put(v.data(), "has_study", cards > 0 || questions > 0);
  put(v.data(), "card_count", cards);
  put(v.data(), "question_count", questions);
  put(v.data(), "cards_label", std::to_string(cards) + (cards == 1 ? " card" : " cards"));
  put(v.data(), "questions_label", std::to_string(questions) + (questions == 1 ? " question" : " questions"));
  const Exam* primary = c.primary_exam();
  put(v.data(), "study_exam", primary ? primary->id : std::string());
  nlohmann::json domains_json = nlohmann::json::array();
  if (primary)
    for (const auto& d : primary->domains)
      domains_json.push_back({{"id", d.id}, {"title", d.title},
                              {"url", primary->id.empty() ? std::string() : v.href(exam_domain_url(primary->id, d.id))}});
  put(v.data(), "study_domains", script_json(domains_json));
  return v.take();
}

View folder(const SiteModel& site, size_t index, const std::string& body_html) {
  const Folder& f = site.folders[index];
  Layout v(site, f.url, "folder", f.name);
  v.place(index, std::nullopt, true);
  v.breadcrumbs_to(index, false);
  v.description(f.index_page ? site.corpus->pages[*f.index_page].summary : std::string());
  v.body(body_html);
  math_keys(v.data(), site, f.index_page);
  v.list("notes", v.cards(f.pages));
  v.list("folders", v.folder_cards(f.children));
  put_count(v.data(), "note_count", f.total_notes, "note", "notes");
  return v.take();
}

View exam_domain(const SiteModel& site, size_t exam_index, size_t domain_index) {
  const Exam& exam = site.config->exams[exam_index];
  const Domain& domain = exam.domains[domain_index];
  Layout v(site, exam_domain_url(exam.id, domain.id), "exam-domain", domain.title);
  v.site_page(std::vector<std::pair<std::string, std::string>>{{exam.title, "index.html#exam-" + exam.id}});
  v.description(domain.title + (domain.weight > 0 ? " (" + format_number(domain.weight) + "%)" : std::string()) +
                " of " + exam.title);
  Data e;
  put(e, "id", exam.id);
  put(e, "title", exam.title);
  put(e, "retired", exam.retired);
  put(e, "retired_on", exam.retired_on);
  put(e, "has_retired_on", !exam.retired_on.empty());
  put(v.data(), "exam", std::move(e));
  Data d;
  put(d, "id", domain.id);
  put(d, "title", domain.title);
  put(d, "weight", format_number(domain.weight));
  put(d, "has_weight", domain.weight > 0);
  put(v.data(), "domain", std::move(d));
  const std::vector<size_t>& pages = site.exam_pages[exam_index][domain_index];
  put_count(v.data(), "count", pages.size(), "note", "notes");
  v.list("notes", v.cards(pages));
  List others;
  for (const auto& o : exam.domains) {
    Data item;
    put(item, "title", o.title);
    put(item, "url", v.href(exam_domain_url(exam.id, o.id)));
    put(item, "current", o.id == domain.id);
    others.add(std::move(item));
  }
  v.list("other_domains", std::move(others));
  return v.take();
}

View review(const SiteModel& site, const std::vector<ReviewCard>& cards) {
  Layout v(site, kReviewUrl, "review", "Review");
  v.site_page();
  v.description("Flashcards of every note, scheduled for review in this browser");
  std::map<std::string, std::string> domains;  // id -> title, of the primary exam
  std::map<std::string, size_t> tag_counts;
  List list;
  for (const ReviewCard& c : cards) {
    const kb::Page& p = site.corpus->pages[c.page];
    Data d;
    put(d, "id", c.id);
    put(d, "front", c.front_html);
    put(d, "back", c.back_html);
    put(d, "note", p.title);
    put(d, "url", v.href(p.url));
    put(d, "domain", p.domain);
    const std::string title = p.domain.empty() ? std::string() : domain_title(*site.config, p.domain);
    put(d, "domain_title", title);
    if (!p.domain.empty()) domains[p.domain] = title;
    std::string tags;
    for (const auto& t : p.meta.tags) {
      if (content::is_card_tag(t)) continue;
      tags += (tags.empty() ? "" : " ") + t;
      ++tag_counts[t];
    }
    put(d, "tags", tags);
    list.add(std::move(d));
  }
  put(v.data(), "card_count", cards.size());
  v.list("cards", std::move(list));
  List domain_list;
  for (const auto& d : site.config->domains)
    if (domains.count(d.id)) {
      Data item;
      put(item, "id", d.id);
      put(item, "title", d.title);
      domain_list.add(std::move(item));
    }
  v.list("domains", std::move(domain_list));
  List tag_list;
  for (const auto& [name, count] : tag_counts)
    if (count >= 2) {
      Data item;
      put(item, "name", name);
      put(item, "count", count);
      tag_list.add(std::move(item));
    }
  v.list("tags", std::move(tag_list));
  return v.take();
}

View exam(const SiteModel& site, const std::vector<ExamQuestion>& questions) {
  Layout v(site, kExamUrl, "exam", "Practice exam");
  v.site_page();
  v.description("Practice questions from the notes, as a timed exam drawn by the exam's domain weights");
  const Config& config = *site.config;
  // The exams to pick from, for the draw: active ones first, with their
  // domains' titles and weights.
  nlohmann::json exams = nlohmann::json::array();
  for (size_t i : exams_active_first(config)) {
    const Exam& e = config.exams[i];
    nlohmann::json domains = nlohmann::json::array();
    for (const auto& d : e.domains)
      domains.push_back({{"id", d.id}, {"title", d.title}, {"weight", d.weight},
                         {"url", e.id.empty() ? std::string() : v.href(exam_domain_url(e.id, d.id))}});
    exams.push_back({{"id", e.id}, {"title", e.title.empty() ? std::string("All questions") : e.title},
                     {"retired", e.retired}, {"domains", std::move(domains)}});
  }
  put(v.data(), "exams_json", script_json(exams));
  put(v.data(), "question_count", questions.size());
  List list;
  size_t number = 0;
  for (const ExamQuestion& q : questions) {
    const kb::Page& p = site.corpus->pages[q.page];
    Data d;
    put(d, "id", q.id);
    put(d, "number", ++number);
    put(d, "stem", q.stem_html);
    List options;
    std::string key;
    for (size_t k = 0; k < q.options_html.size(); ++k) {
      Data o;
      const bool correct = std::find(q.answers.begin(), q.answers.end(), static_cast<int>(k)) != q.answers.end();
      put(o, "letter", std::string(1, static_cast<char>('A' + k)));
      put(o, "html", q.options_html[k]);
      put(o, "correct", correct);
      options.add(std::move(o));
      if (correct) key += (key.empty() ? "" : ",") + std::to_string(k);
    }
    put(d, "options", std::move(options));
    put(d, "answers", key);
    put(d, "answer_letters", content::answer_letters(q.answers));
    put(d, "choose", q.answers.size());
    put(d, "explanation", q.explanation_html);
    put(d, "note", p.title);
    put(d, "url", v.href(p.url));
    std::string in;
    for (const auto& [exam_id, domain] : q.exams) in += (in.empty() ? "" : " ") + exam_id + ":" + domain;
    put(d, "exams", in);
    put(d, "domain_title", q.domain.empty() ? std::string() : domain_title(config, q.domain));
    list.add(std::move(d));
  }
  v.list("questions", std::move(list));
  return v.take();
}

View tag(const SiteModel& site, const std::string& name) {
  const Tag* t = find_tag(site, name);
  Layout v(site, tag_url(site, name), "tag", "Tag: " + name);
  // Home › Tags › #ml › (this tag, #ml/metrics): a nested tag's crumbs lead up.
  std::vector<std::pair<std::string, std::string>> crumbs{{"Tags", kTagsIndexUrl}};
  std::vector<const Tag*> above;
  for (const Tag* p = t ? find_tag(site, t->parent) : nullptr; p; p = find_tag(site, p->parent)) above.push_back(p);
  for (auto it = above.rbegin(); it != above.rend(); ++it) crumbs.emplace_back("#" + (*it)->name, (*it)->url);
  v.site_page(crumbs);
  put(v.data(), "tag", name);
  put(v.data(), "has_parent", !above.empty());
  if (!above.empty()) {
    put(v.data(), "parent", above.front()->name);
    put(v.data(), "parent_url", v.href(above.front()->url));
  }
  List children;
  for (const auto& child : t ? t->children : std::vector<std::string>{}) {
    const Tag* c = find_tag(site, child);
    if (!c) continue;
    Data d;
    put(d, "name", child);
    put(d, "url", v.href(c->url));
    put(d, "count", c->pages.size());
    children.add(std::move(d));
  }
  v.list("children", std::move(children));
  std::vector<size_t> none;
  const auto& pages = t ? t->pages : none;
  put_count(v.data(), "count", pages.size(), "note", "notes");
  v.list("notes", v.cards(pages));
  return v.take();
}

View tags_index(const SiteModel& site) {
  Layout v(site, kTagsIndexUrl, "tags", "Tags");
  v.site_page();
  // Name order puts each tag right before the tags below it ('/' sorts
  // before letters and digits; a sibling "ml-x" between "ml" and "ml/a" is
  // why the tree is walked, not the map).
  List tags;
  std::function<void(const Tag&)> add = [&](const Tag& t) {
    Data d;
    put(d, "name", t.name);
    put(d, "url", v.href(t.url));
    put(d, "count", t.pages.size());
    put(d, "depth", std::min<size_t>(t.depth, 5));
    tags.add(std::move(d));
    for (const auto& child : t.children)
      if (const Tag* c = find_tag(site, child)) add(*c);
  };
  for (const auto& [name, t] : site.tags)
    if (t.parent.empty()) add(t);
  put_count(v.data(), "tag_count", site.tags.size(), "tag", "tags");
  v.list("tags", std::move(tags));
  return v.take();
}

View all_notes(const SiteModel& site) {
  Layout v(site, kAllNotesUrl, "all-notes", "All notes");
  v.site_page();

  const auto& pages = site.corpus->pages;
  std::map<std::pair<int, std::string>, std::vector<size_t>> groups;
  for (size_t p : site.reading_order) groups[letter_of(pages[p].title)].push_back(p);
  List letters;
  for (auto& [key, list] : groups) {
    std::sort(list.begin(), list.end(), [&](size_t a, size_t b) {
      if (pages[a].title != pages[b].title) return title_less(pages[a].title, pages[b].title);
      return pages[a].source < pages[b].source;
    });
    Data g;
    put(g, "letter", key.second);
    put(g, "anchor", key.second == "#" ? std::string("letter-num")
                                       : "letter-" + text::url_slug(key.second));
    put(g, "notes", v.cards(list));
    letters.add(std::move(g));
  }
  v.list("letters", std::move(letters));
  put_count(v.data(), "note_count", site.reading_order.size(), "note", "notes");
  return v.take();
}

View formulas(const SiteModel& site) {
  Layout v(site, kFormulasUrl, "formulas", "Formulas");
  v.site_page();
  // Grouped by exam domain (config order), then notes without one.
  const auto& pages = site.corpus->pages;
  std::vector<std::pair<std::string, std::vector<size_t>>> groups;
  auto group_for = [&](const std::string& title) -> std::vector<size_t>& {
    for (auto& g : groups) if (g.first == title) return g.second;
    groups.push_back({title, {}});
    return groups.back().second;
  };
  for (const auto& d : site.config->domains) group_for(d.title);
  for (size_t p : site.formulas) {
    const std::string& dom = pages[p].domain;
    group_for(dom.empty() ? std::string("Other") : domain_title(*site.config, dom)).push_back(p);
  }
  List list;
  for (auto& [title, members] : groups) {
    if (members.empty()) continue;
    Data g;
    put(g, "name", title);
    put(g, "anchor", "group-" + text::url_slug(title));
    put(g, "count", members.size());
    put(g, "notes", v.cards(members));
    list.add(std::move(g));
  }
  v.list("groups", std::move(list));
  put(v.data(), "formula_count", site.formulas.size());
  return v.take();
}

View matrix(const SiteModel& site, size_t index) {
  const mx::Matrix& m = site.matrices->matrices[index];
  const mx::Schema& schema = m.schema;
  Layout v(site, m.url, "matrix", schema.title);
  v.site_page({{"Comparison matrices", mx::kIndexUrl}});
  v.description(schema.description);

  Data info;
  put(info, "id", schema.id);
  put(info, "title", schema.title);
  put(info, "description", schema.description);
  put(info, "has_description", !schema.description.empty());
  put(info, "row_count", m.rows.size());
  put(info, "column_count", schema.columns.size());
  put(v.data(), "matrix", std::move(info));

  List columns, filters;
  for (size_t ci = 0; ci < schema.columns.size(); ++ci) {
    const mx::Column& c = schema.columns[ci];
    Data col;
    put(col, "name", c.name);
    put(col, "label", c.label);
    put(col, "type", std::string(mx::type_name(c.type)));
    columns.add(std::move(col));
    if (!c.filter) continue;
    List options = filter_options(m, ci);
    if (options.empty()) continue;
    Data f;
    put(f, "name", c.name);
    put(f, "label", c.label);
    put(f, "options", std::move(options));
    filters.add(std::move(f));
  }
  put(v.data(), "columns", std::move(columns));
  v.list("filters", std::move(filters));

  List rows;
  for (const mx::Row& row : m.rows) {
    const kb::Page& p = site.corpus->pages[row.page];
    Data r;
    put(r, "id", row.id);
    put(r, "title", p.title);
    put(r, "url", v.href(p.url));
    put(r, "summary", p.summary);
    List cells;
    for (size_t ci = 0; ci < schema.columns.size(); ++ci)
      cells.add(cell_data(site, v, schema.columns[ci], row.cells[ci]));
    put(r, "cells", std::move(cells));
    rows.add(std::move(r));
  }
  v.list("rows", std::move(rows));
  put(v.data(), "matrices_index_url", v.href(mx::kIndexUrl));
  return v.take();
}

View matrices_index(const SiteModel& site) {
  Layout v(site, mx::kIndexUrl, "matrix-index", "Comparison matrices");
  v.site_page();
  List list;
  if (site.matrices) {
    for (const mx::Matrix& m : site.matrices->matrices) {
      Data d;
      put(d, "title", m.schema.title);
      put(d, "description", m.schema.description);
      put(d, "has_description", !m.schema.description.empty());
      put(d, "url", v.href(m.url));
      put(d, "row_count", m.rows.size());
      put(d, "column_count", m.schema.columns.size());
      list.add(std::move(d));
    }
  }
  v.list("matrices", std::move(list));
  return v.take();
}

View graph_page(const SiteModel& site) {
  Layout v(site, kGraphUrl, "graph", "Graph of the notes");
  v.site_page();
  v.description("Every note and the links between them");
  put_count(v.data(), "note_count", site.corpus->pages.size(), "note", "notes");
  return v.take();
}

View search_page(const SiteModel& site) {
  Layout v(site, "search.html", "search", "Search");
  v.site_page();
  return v.take();
}

View not_found(const SiteModel& site) {
  Layout v(site, "404.html", "not-found", "Page not found");
  v.place(0, std::nullopt, false);
  std::string base = site.config->base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (!base.empty()) base += '/';
  Data& d = v.data();
  put(d, "not_found_base", base);
  put(d, "has_not_found_base", !base.empty());
  // The site root's folders (and the generated ones), as a JSON array; '<' is
  // escaped so no name can end the <script>.
  std::set<std::string> top = {"assets", "tags", "search"};
  if (site.matrices && !site.matrices->empty()) top.insert("matrices");
  for (const Folder& f : site.folders)
    if (!f.path.empty()) top.insert(f.path.substr(0, f.path.find('/')));
  for (const auto& file : site.corpus->files)
    if (size_t slash = file.url.find('/'); slash != std::string::npos) top.insert(file.url.substr(0, slash));
  std::string json = "[";
  for (const std::string& name : top) {
    if (json.size() > 1) json += ',';
    json += '"';
    for (unsigned char ch : name) {
      if (ch == '"' || ch == '\\') { json += '\\'; json += static_cast<char>(ch); }
      else if (ch < 0x20 || ch == '<' || ch == '>' || ch == '&') {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", ch);
        json += buf;
      } else json += static_cast<char>(ch);
    }
    json += '"';
  }
  json += ']';
  put(d, "not_found_top", json);
  List crumbs;
  if (base.empty()) {
    crumbs.add(v.crumb("Home", "index.html"));
  } else {
    // Absolute: the page is served at any depth.
    put(d, "root", base);
    put(d, "assets", base + "assets/");
    put(d, "home_url", base + "index.html");
    put(d, "tags_url", base + kTagsIndexUrl);
    put(d, "all_notes_url", base + kAllNotesUrl);
    Data home;
    put(home, "name", std::string("Home"));
    put(home, "url", base + "index.html");
    crumbs.add(std::move(home));
  }
  v.breadcrumbs(std::move(crumbs));
  return v.take();
}

}  // namespace kb::render::views
