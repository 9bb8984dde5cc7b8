#include "demo/html.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "core/text.h"
#include "kernels/registry.h"

namespace kb::demo {

namespace {

using text::html_escape;

constexpr size_t kOpenTableRows = 12;  // longer tables start collapsed

bool is_number(const std::string& s) {
  double v;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return !s.empty() && r.ec == std::errc() && r.ptr == s.data() + s.size();
}

std::string json_attr(const std::vector<std::string>& values) {
  return html_escape(nlohmann::json(values).dump());
}

std::string control_html(const Param& p, size_t chosen, int number) {
  const std::string id = "demo-" + std::to_string(number) + "-" + text::heading_slug(p.name);
  bool numeric = true;
  for (const auto& v : p.values) numeric = numeric && is_number(v);
  std::string html = "<label for=\"" + id + "\">" + html_escape(param_words(p.name)) + "</label>";
  if (numeric && p.values.size() > 1) {
    html += "<input type=\"range\" id=\"" + id + "\" min=\"0\" max=\"" + std::to_string(p.values.size() - 1) +
            "\" step=\"1\" value=\"" + std::to_string(chosen) + "\" data-param=\"" + html_escape(p.name) +
            "\" data-values=\"" + json_attr(p.values) + "\" aria-valuetext=\"" + html_escape(p.values[chosen]) +
            "\"><output for=\"" + id + "\">" + html_escape(p.values[chosen]) + "</output>";
  } else {
    html += "<select id=\"" + id + "\" data-param=\"" + html_escape(p.name) + "\">";
    for (size_t i = 0; i < p.values.size(); ++i)
      html += "<option" + std::string(i == chosen ? " selected" : "") + ">" + html_escape(p.values[i]) + "</option>";
    html += "</select>";
  }
  return "<span class=\"demo-control\">" + html + "</span>";
}

std::string table_html(const present::Table& t) {
  std::string rows;
  for (const auto& row : t.rows) {
    rows += "<tr>";
    for (size_t c = 0; c < row.size(); ++c) {
      bool head = c == 0;
      std::string cls = t.numeric && c > 0 ? " class=\"num\"" : "";
      rows += (head ? "<th scope=\"row\">" : "<td" + cls + ">") + html_escape(row[c]) + (head ? "</th>" : "</td>");
    }
    rows += "</tr>";
  }
  std::string head = "<tr>";
  for (size_t c = 0; c < t.columns.size(); ++c)
    head += "<th scope=\"col\"" + std::string(t.numeric && c > 0 ? " class=\"num\"" : "") + ">" +
            html_escape(t.columns[c]) + "</th>";
  head += "</tr>";
  std::string summary = t.caption.empty() ? std::string("Numbers") : t.caption;
  std::string count = t.rows.size() > kOpenTableRows ? " (" + std::to_string(t.rows.size()) + " rows)" : "";
  return "<details class=\"demo-table\"" + std::string(t.rows.size() <= kOpenTableRows ? " open" : "") +
         "><summary>" + html_escape(summary) + count + "</summary><div class=\"table-wrap\"><table><thead>" + head +
         "</thead><tbody>" + rows + "</tbody></table></div></details>\n";
}

std::string presentation_html(const present::Presentation& p) {
  std::string html;
  if (!p.facts.empty()) {
    html += "<dl class=\"demo-facts\">";
    for (const auto& f : p.facts)
      html += "<div><dt>" + html_escape(f.label) + "</dt><dd>" + html_escape(f.value) + "</dd></div>";
    html += "</dl>\n";
  }
  if (!p.figures.empty()) {
    html += "<div class=\"demo-figures\">";
    for (const auto& f : p.figures) {
      html += "<div class=\"demo-figure\">" + f.svg;
      if (!f.caption.empty()) html += "<p class=\"demo-figure-caption\">" + html_escape(f.caption) + "</p>";
      html += "</div>";
    }
    html += "</div>\n";
  }
  for (const auto& t : p.tables) html += table_html(t);
  return html;
}

}  // namespace

std::string default_title(const DemoSpec& spec) {
  const kernels::KernelSpec* k = kernels::find_kernel(spec.kernel);
  if (!k || k->summary.empty()) return spec.kernel;
  // The summary's first sentence, without its full stop.
  std::string s = k->summary;
  if (size_t dot = s.find(". "); dot != std::string::npos) s.resize(dot);
  while (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string demo_html(const DemoSpec& spec, const std::vector<Variant>& vs, size_t default_index,
                      const std::vector<present::Presentation>& shown, int number) {
  const kernels::KernelSpec* k = kernels::find_kernel(spec.kernel);
  const bool switcher = shown.size() > 1;
  std::string html = "<figure class=\"demo\" data-demo=\"" + html_escape(spec.kernel) + "\" id=\"demo-" +
                     std::to_string(number) + "\">\n";
  std::string title = spec.title.empty() ? default_title(spec) : spec.title;
  std::string note = "computed at build time by kernel <code>" + html_escape(spec.kernel) + "</code>";
  if (k) note += " v" + std::to_string(k->version);
  if (vs.size() > 1) note += ", " + std::to_string(vs.size()) + " variants";
  html += "<figcaption class=\"demo-head\"><span class=\"demo-title\">" + html_escape(title) +
          "</span> <span class=\"demo-note\">" + note + "</span></figcaption>\n";
  if (switcher) {
    // The control of each grid parameter starts at the default variant's value.
    const Variant& d = vs[default_index];
    html += "<div class=\"demo-controls\" hidden>";
    size_t g = 0;
    for (const Param* p : grid_params(spec)) {
      size_t chosen = 0;
      for (size_t i = 0; i < p->values.size(); ++i)
        if (p->values[i] == d.grid_values[g]) chosen = i;
      html += control_html(*p, chosen, number);
      ++g;
    }
    html += "</div>\n";
    for (size_t v = 0; v < shown.size() && v < vs.size(); ++v) {
      html += "<div class=\"demo-variant\" data-variant=\"" + json_attr(vs[v].grid_values) + "\"" +
              (v == default_index ? "" : " hidden") + " aria-label=\"" + html_escape(vs[v].label) + "\">\n" +
              presentation_html(shown[v]) + "</div>\n";
    }
  } else if (!shown.empty()) {
    html += "<div class=\"demo-variant\">\n" + presentation_html(shown[0]) + "</div>\n";
  }
  if (!spec.caption.empty()) html += "<p class=\"demo-caption\">" + html_escape(spec.caption) + "</p>\n";
  html += "</figure>\n";
  return html;
}

}  // namespace kb::demo
