// Test helpers for the plot module (used by *_test.cc only): a small XML
// well-formedness checker and readers for the parts of a chart the tests
// look at. Not part of the library.
#pragma once

#include <map>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace kb::plot::testing {

// "" when `xml` is one well-formed element (after an optional XML
// declaration): tags balanced and properly named, attributes quoted and
// not repeated, only the five predefined entities and character
// references, no raw '<' or '&' in text or attribute values, no control
// characters. Otherwise what is wrong and where.
inline std::string xml_error(std::string_view xml) {
  std::vector<std::string> stack;
  size_t i = 0, roots = 0;
  auto at = [&](size_t p) { return " at byte " + std::to_string(p); };
  auto name_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == ':' || c == '.';
  };
  auto check_entity = [&](size_t p) -> std::string {
    const size_t semi = xml.find(';', p);
    if (semi == std::string_view::npos || semi - p > 10) return "bad entity" + at(p);
    const std::string_view e = xml.substr(p + 1, semi - p - 1);
    if (e == "amp" || e == "lt" || e == "gt" || e == "quot" || e == "apos") return "";
    if (e.size() >= 2 && e[0] == '#') {
      const bool hex = e[1] == 'x';
      if (e.size() == (hex ? 2u : 1u)) return "empty character reference" + at(p);
      for (size_t k = hex ? 2 : 1; k < e.size(); ++k) {
        const char c = e[k];
        const bool ok = (c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
        if (!ok) return "bad character reference" + at(p);
      }
      return "";
    }
    return "unknown entity &" + std::string(e) + ";" + at(p);
  };
  while (i < xml.size()) {
    const char c = xml[i];
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') {
      return "control character" + at(i);
    }
    if (c == '&') {
      if (auto err = check_entity(i); !err.empty()) return err;
      ++i;
      continue;
    }
    if (c != '<') {
      if (stack.empty() && c != ' ' && c != '\n' && c != '\t' && c != '\r') return "text outside the root" + at(i);
      ++i;
      continue;
    }
    if (xml.substr(i, 4) == "<!--") {
      const size_t end = xml.find("-->", i + 4);
      if (end == std::string_view::npos) return "unclosed comment" + at(i);
      i = end + 3;
      continue;
    }
    if (xml.substr(i, 2) == "<?") {
      if (i != 0) return "processing instruction not at the start" + at(i);
      const size_t end = xml.find("?>", i);
      if (end == std::string_view::npos) return "unclosed declaration" + at(i);
      i = end + 2;
      continue;
    }
    const bool closing = xml.substr(i, 2) == "</";
    size_t p = i + (closing ? 2 : 1);
    const size_t name_start = p;
    while (p < xml.size() && name_char(xml[p])) ++p;
    const std::string name(xml.substr(name_start, p - name_start));
    if (name.empty()) return "tag without a name" + at(i);
    if (closing) {
      if (p >= xml.size() || xml[p] != '>') return "bad closing tag </" + name + at(i);
      if (stack.empty() || stack.back() != name) {
        return "</" + name + "> closes " + (stack.empty() ? std::string("nothing") : "<" + stack.back() + ">") + at(i);
      }
      stack.pop_back();
      i = p + 1;
      continue;
    }
    std::map<std::string, bool> seen;
    bool self_closing = false;
    while (true) {
      while (p < xml.size() && (xml[p] == ' ' || xml[p] == '\n' || xml[p] == '\t')) ++p;
      if (p >= xml.size()) return "unclosed tag <" + name + at(i);
      if (xml[p] == '>') break;
      if (xml.substr(p, 2) == "/>") {
        self_closing = true;
        ++p;
        break;
      }
      const size_t a = p;
      while (p < xml.size() && name_char(xml[p])) ++p;
      const std::string attr(xml.substr(a, p - a));
      if (attr.empty()) return "bad attribute in <" + name + at(p);
      if (seen[attr]) return "repeated attribute " + attr + " in <" + name + at(p);
      seen[attr] = true;
      if (p + 1 >= xml.size() || xml[p] != '=' || (xml[p + 1] != '"' && xml[p + 1] != '\'')) {
        return "attribute " + attr + " without a quoted value" + at(p);
      }
      const char quote = xml[p + 1];
      const size_t end = xml.find(quote, p + 2);
      if (end == std::string_view::npos) return "unclosed attribute value" + at(p);
      for (size_t k = p + 2; k < end; ++k) {
        if (xml[k] == '<') return "'<' in attribute value" + at(k);
        if (xml[k] == '&') {
          if (auto err = check_entity(k); !err.empty()) return err;
        }
        if (static_cast<unsigned char>(xml[k]) < 0x20 && xml[k] != '\n' && xml[k] != '\t') {
          return "control character in attribute" + at(k);
        }
      }
      p = end + 1;
    }
    if (stack.empty()) {
      if (++roots > 1) return "second root element <" + name + ">" + at(i);
    }
    if (!self_closing) stack.push_back(name);
    i = p + 1;
  }
  if (!stack.empty()) return "unclosed <" + stack.back() + ">";
  if (roots != 1) return "no root element";
  return "";
}

inline size_t count(std::string_view s, std::string_view needle) {
  size_t n = 0;
  for (size_t p = s.find(needle); p != std::string_view::npos; p = s.find(needle, p + needle.size())) ++n;
  return n;
}

// The value of attribute `name` in the first tag that contains `marker`.
inline std::string attr_of(const std::string& svg, const std::string& marker, const std::string& name) {
  const size_t m = svg.find(marker);
  if (m == std::string::npos) return "";
  const size_t start = svg.rfind('<', m);
  const size_t end = svg.find('>', m);
  const std::string tag = svg.substr(start, end - start);
  const std::string key = " " + name + "=\"";
  const size_t k = tag.find(key);
  if (k == std::string::npos) return "";
  const size_t v = k + key.size();
  return tag.substr(v, tag.find('"', v) - v);
}

struct Rect {
  double x = 0, y = 0, width = 0, height = 0;
};

// The plot area of an x-y chart (its kb-plot-area rect).
inline Rect plot_area(const std::string& svg) {
  const std::string marker = "class=\"kb-plot-area\"";
  return {std::stod(attr_of(svg, marker, "x")), std::stod(attr_of(svg, marker, "y")),
          std::stod(attr_of(svg, marker, "width")), std::stod(attr_of(svg, marker, "height"))};
}

struct XY {
  double x = 0, y = 0;
};

// Centres of every marker in paths whose class starts with `cls` (marker
// paths begin each marker with "M{x},{y}m").
inline std::vector<XY> marker_centres(const std::string& svg, const std::string& cls = "kb-plot-points") {
  std::vector<XY> out;
  const std::regex path("<path class=\"" + cls + "[^\"]*\" d=\"([^\"]*)\"");
  const std::regex centre("M(-?[0-9.]+),(-?[0-9.]+)m");
  for (std::sregex_iterator it(svg.begin(), svg.end(), path), end; it != end; ++it) {
    const std::string d = (*it)[1];
    for (std::sregex_iterator c(d.begin(), d.end(), centre); c != end; ++c) {
      out.push_back({std::stod((*c)[1]), std::stod((*c)[2])});
    }
  }
  return out;
}

// Every "x,y" vertex of the path data of paths whose class starts with `cls`.
inline std::vector<XY> path_vertices(const std::string& svg, const std::string& cls) {
  std::vector<XY> out;
  const std::regex path("<path class=\"" + cls + "[^\"]*\" d=\"([^\"]*)\"");
  const std::regex vertex("[ML](-?[0-9.]+),(-?[0-9.]+)");
  for (std::sregex_iterator it(svg.begin(), svg.end(), path), end; it != end; ++it) {
    const std::string d = (*it)[1];
    for (std::sregex_iterator c(d.begin(), d.end(), vertex); c != end; ++c) {
      out.push_back({std::stod((*c)[1]), std::stod((*c)[2])});
    }
  }
  return out;
}

// Text content of every <text> element.
inline std::vector<std::string> texts(const std::string& svg) {
  std::vector<std::string> out;
  const std::regex text("<text[^>]*>([^<]*)</text>");
  for (std::sregex_iterator it(svg.begin(), svg.end(), text), end; it != end; ++it) out.push_back((*it)[1]);
  return out;
}

}  // namespace kb::plot::testing
