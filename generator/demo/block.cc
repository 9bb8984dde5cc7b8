#include "demo/block.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include <toml++/toml.h>

#include "core/text.h"
#include "kernels/registry.h"
#include "present/present.h"

namespace kb::demo {

namespace {

Place place_of(const toml::source_region& r) {
  return {static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
}

// The closest of `candidates` to `wrong`, as " (did you mean “x”?)", or "".
std::string did_you_mean(std::string_view wrong, const std::vector<std::string>& candidates) {
  size_t best = std::max<size_t>(2, wrong.size() / 3) + 1;
  std::string found;
  for (const auto& c : candidates) {
    size_t d = text::edit_distance(wrong, c, best);
    if (d < best) {
      best = d;
      found = c;
    }
  }
  return found.empty() ? "" : " (did you mean \"" + found + "\"?)";
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// Shortest text that reads back as the same double.
std::string real_text(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, r.ptr);
  return s;
}

// A scalar TOML value as run_kernel takes it; false when it is not a scalar.
bool scalar_text(const toml::node& node, std::string& out) {
  if (auto s = node.value_exact<std::string>()) out = *s;
  else if (auto i = node.value_exact<int64_t>()) out = std::to_string(*i);
  else if (auto d = node.value_exact<double>()) out = real_text(*d);
  else if (auto b = node.value_exact<bool>()) out = *b ? "true" : "false";
  else return false;
  return true;
}

// Every parameter name a kernel accepts from a demo block.
std::vector<std::string> known_params(const kernels::KernelSpec& spec) {
  std::vector<std::string> names;
  for (const auto& p : spec.params) names.push_back(p.name);
  if (!spec.data_generators.empty()) {
    names.push_back("data.generator");
    std::set<std::string> seen;
    for (const auto& g : spec.data_generators)
      if (const auto* gs = kernels::find_kernel(g))
        for (const auto& p : gs->params)
          if (seen.insert(p.name).second) names.push_back("data." + p.name);
  }
  return names;
}

class Parser {
 public:
  explicit Parser(ParsedBlock& out) : out_(out) {}

  void run(std::string_view source) {
    toml::table table;
    try {
      table = toml::parse(source);
    } catch (const toml::parse_error& e) {
      error(std::string(e.description()), place_of(e.source()));
      return;
    }
    DemoSpec& spec = out_.spec;
    const toml::node* kernel = table.get("kernel");
    if (!kernel) {
      error("a demo block needs `kernel = \"NAME\"`; `kb demo --list` lists the kernels", {1, 0});
      return;
    }
    spec.kernel_place = place_of(kernel->source());
    if (auto s = kernel->value_exact<std::string>()) spec.kernel = *s;
    else return error("`kernel` must be a string, the name of a kernel", spec.kernel_place);
    const kernels::KernelSpec* ks = kernels::find_kernel(spec.kernel);
    if (!ks) {
      std::vector<std::string> names;
      for (const auto& k : kernels::kernel_specs()) names.push_back(k.name);
      return error("unknown kernel \"" + spec.kernel + "\"" + did_you_mean(spec.kernel, names) +
                       "; `kb demo --list` lists the kernels",
                   spec.kernel_place);
    }
    const std::vector<std::string> known = known_params(*ks);
    const toml::node* defaults = nullptr;
    const toml::node* view = nullptr;
    // toml++ keeps keys sorted by name; the grid follows the order written.
    std::vector<std::pair<const toml::key*, const toml::node*>> entries;
    for (const auto& [key, node] : table) entries.emplace_back(&key, &node);
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      const auto &x = a.first->source().begin, &y = b.first->source().begin;
      return x.line != y.line ? x.line < y.line : x.column < y.column;
    });
    for (const auto& [key_ptr, node_ptr] : entries) {
      const toml::key& key = *key_ptr;
      const toml::node& node = *node_ptr;
      const std::string name(key.str());
      const Place at = place_of(key.source());
      if (name == "kernel") continue;
      if (name == "title" || name == "caption" || name == "view" || name == "input") {
        auto s = node.value_exact<std::string>();
        if (!s) {
          error("`" + name + "` must be a string", at);
          continue;
        }
        if (name == "title") spec.title = *s;
        else if (name == "caption") spec.caption = *s;
        else if (name == "view") {
          spec.view = *s;
          view = &node;
        } else {
          spec.input = *s;
          spec.input_place = place_of(node.source());
        }
      } else if (name == "overlay") {
        auto b = node.value_exact<bool>();
        if (!b) error("`overlay` must be true or false", at);
        else spec.overlay = *b;
      } else if (name == "default") {
        defaults = &node;
      } else if (name == "data" && node.is_table()) {
        // data.centers = 4 is a dotted key: a table "data".
        for (const auto& [sub, subnode] : *node.as_table())
          add_param("data." + std::string(sub.str()), place_of(sub.source()), subnode, known);
      } else {
        add_param(name, at, node, known);
      }
    }
    // Dotted keys (data.x) may be spread over the block: order by place.
    std::stable_sort(spec.params.begin(), spec.params.end(), [](const Param& a, const Param& b) {
      return a.place.line != b.place.line ? a.place.line < b.place.line : a.place.column < b.place.column;
    });
    check_view(*ks, view);
    if (defaults) check_defaults(*defaults);
    size_t count = 1;
    for (const Param* p : grid_params(spec)) count *= p->values.size();
    if (count > kMaxVariants)
      error("this grid makes " + std::to_string(count) + " variants; at most " + std::to_string(kMaxVariants) +
                " fit on a page: use fewer values",
            spec.kernel_place);
  }

 private:
  void error(std::string message, Place place) { out_.errors.push_back({std::move(message), place}); }

  void add_param(const std::string& name, Place at, const toml::node& node, const std::vector<std::string>& known) {
    DemoSpec& spec = out_.spec;
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      error("unknown parameter \"" + name + "\" for kernel " + spec.kernel + did_you_mean(name, known) +
                "; valid parameters: " + (known.empty() ? std::string("none") : join(known)),
            at);
      return;
    }
    Param p;
    p.name = name;
    p.place = at;
    if (const toml::array* arr = node.as_array()) {
      p.grid = true;
      for (const auto& item : *arr) {
        std::string v;
        if (!scalar_text(item, v)) {
          error("the values of \"" + name + "\" must be numbers, strings or booleans (a list-valued parameter "
                "is written as one string: \"16,16\")",
                place_of(item.source()));
          return;
        }
        if (std::find(p.values.begin(), p.values.end(), v) != p.values.end()) {
          error("\"" + name + "\" lists " + v + " twice", place_of(item.source()));
          return;
        }
        p.values.push_back(std::move(v));
      }
      if (p.values.empty()) {
        error("\"" + name + "\" is an empty list: give at least one value", at);
        return;
      }
    } else {
      std::string v;
      if (!scalar_text(node, v)) {
        error("\"" + name + "\" must be a number, a string, a boolean or a list of them", at);
        return;
      }
      p.values.push_back(std::move(v));
    }
    spec.params.push_back(std::move(p));
  }

  void check_view(const kernels::KernelSpec& ks, const toml::node* view) {
    DemoSpec& spec = out_.spec;
    const Place at = view ? place_of(view->source()) : spec.kernel_place;
    const std::vector<std::string> views = present::views_of(ks.name);
    if (!spec.view.empty() && std::find(views.begin(), views.end(), spec.view) == views.end()) {
      error("kernel " + ks.name + " has no view \"" + spec.view + "\"" + did_you_mean(spec.view, views) +
                "; its views: " + join(views),
            at);
      return;
    }
    if (!spec.overlay) return;
    const std::vector<std::string> overlays = present::overlay_views(ks.name);
    const std::string v = !spec.view.empty() ? spec.view : views.empty() ? "" : views[0];
    if (overlays.empty())
      error("kernel " + ks.name + " cannot draw its variants in one figure: remove `overlay`", at);
    else if (std::find(overlays.begin(), overlays.end(), v) == overlays.end())
      error("view \"" + v + "\" of kernel " + ks.name + " cannot overlay variants; views that can: " + join(overlays),
            at);
    else if (grid_params(spec).empty())
      error("`overlay` draws a grid's variants together, but no parameter is a list", at);
  }

  void check_defaults(const toml::node& node) {
    const toml::table* t = node.as_table();
    if (!t) {
      error("`default` must be a table of grid values: default = { k = 4 }", place_of(node.source()));
      return;
    }
    for (const auto& [key, value] : *t) {
      std::string name(key.str());
      if (name == "data" && value.is_table()) {
        for (const auto& [sub, subvalue] : *value.as_table())
          check_default("data." + std::string(sub.str()), place_of(sub.source()), subvalue);
        continue;
      }
      check_default(name, place_of(key.source()), value);
    }
  }

  void check_default(const std::string& name, Place at, const toml::node& value) {
    DemoSpec& spec = out_.spec;
    auto p = std::find_if(spec.params.begin(), spec.params.end(), [&](const Param& q) { return q.name == name; });
    if (p == spec.params.end() || !p->grid) {
      error("`default` names \"" + name + "\", which is not a list in this block", at);
      return;
    }
    std::string v;
    if (!scalar_text(value, v) || std::find(p->values.begin(), p->values.end(), v) == p->values.end()) {
      error("the default of \"" + name + "\" must be one of its values: " + join(p->values), at);
      return;
    }
    spec.defaults[name] = v;
  }

  ParsedBlock& out_;
};

}  // namespace

ParsedBlock parse_block(std::string_view toml) {
  ParsedBlock out;
  Parser(out).run(toml);
  return out;
}

std::string param_words(std::string_view name) {
  if (name.rfind("data.", 0) == 0) name.remove_prefix(5);
  std::string out(name);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

std::vector<const Param*> grid_params(const DemoSpec& spec) {
  std::vector<const Param*> out;
  for (const auto& p : spec.params)
    if (p.grid) out.push_back(&p);
  return out;
}

std::vector<Variant> variants(const DemoSpec& spec) {
  Variant base;
  for (const auto& p : spec.params)
    if (!p.grid) base.params[p.name] = p.values[0];
  std::vector<Variant> out{base};
  for (const Param* p : grid_params(spec)) {
    std::vector<Variant> next;
    for (const Variant& v : out) {
      for (const auto& value : p->values) {
        Variant w = v;
        w.params[p->name] = value;
        w.grid_values.push_back(value);
        w.label += (w.label.empty() ? "" : ", ") + param_words(p->name) + " = " + value;
        next.push_back(std::move(w));
      }
    }
    out = std::move(next);
  }
  return out;
}

size_t default_variant(const DemoSpec& spec) {
  // Mixed radix: the first grid parameter varies slowest.
  size_t index = 0;
  for (const Param* p : grid_params(spec)) {
    size_t pos = 0;
    if (auto d = spec.defaults.find(p->name); d != spec.defaults.end())
      pos = std::find(p->values.begin(), p->values.end(), d->second) - p->values.begin();
    index = index * p->values.size() + pos;
  }
  return index;
}

Place place_of_error(const DemoSpec& spec, std::string_view message) {
  const Param* best = nullptr;
  // Kernels name a parameter as "k" (quoted) or as `k (50)` in running text.
  auto names = [message](const std::string& name) {
    if (message.find("\"" + name + "\"") != std::string_view::npos) return true;
    for (size_t at = message.find(name + " ("); at != std::string_view::npos; at = message.find(name + " (", at + 1))
      if (at == 0 || message[at - 1] == ' ') return true;
    return false;
  };
  for (const auto& p : spec.params)
    if (names(p.name) && (!best || p.name.size() > best->name.size())) best = &p;
  return best ? best->place : spec.kernel_place;
}

}  // namespace kb::demo
