// present(): finds the kernel's view and runs it; every error a view can
// meet (a missing field, a wrong type, a malformed result) comes back as a
// Result failure, never as an exception.
#include "present/present.h"

#include <algorithm>
#include <exception>

#include "present/present_internal.h"

namespace kb::present {

using namespace internal;

namespace {

const std::vector<KernelViews>& registry() {
  static const std::vector<KernelViews> table = [] {
    std::vector<KernelViews> out;
    add_data_views(out);
    add_supervised_views(out);
    add_unsupervised_views(out);
    add_evaluation_views(out);
    add_other_views(out);
    return out;
  }();
  return table;
}

const KernelViews* find(std::string_view kernel) {
  for (const KernelViews& k : registry()) {
    if (k.kernel == kernel) return &k;
  }
  return nullptr;
}

std::string names(const std::vector<std::string>& v) { return v.empty() ? "none" : join(v); }

// The view `options.view` of kernel `k` ("" = the default), or an error.
Result<const View*> pick(std::string_view kernel, const std::string& view, bool overlay) {
  const KernelViews* k = find(kernel);
  if (!k || k->views.empty()) return kernels::fail("unknown kernel \"" + std::string(kernel) + "\": no views");
  if (view.empty() && !overlay) return &k->views.front();
  const std::string want = view.empty() ? k->views.front().name : view;
  for (const View& v : k->views) {
    if (v.name != want) continue;
    if (overlay && !v.overlay) {
      const std::vector<std::string> can = overlay_views(kernel);
      return kernels::fail("view \"" + want + "\" of kernel " + std::string(kernel) +
                           " cannot draw several variants in one figure; views that can: " + names(can));
    }
    return &v;
  }
  return kernels::fail("kernel " + std::string(kernel) + " has no view \"" + want +
                       "\"; its views: " + names(views_of(kernel)));
}

}  // namespace

std::vector<std::string> views_of(std::string_view kernel) {
  std::vector<std::string> out;
  if (const KernelViews* k = find(kernel)) {
    for (const View& v : k->views) out.push_back(v.name);
  }
  return out;
}

std::vector<std::string> overlay_views(std::string_view kernel) {
  std::vector<std::string> out;
  if (const KernelViews* k = find(kernel)) {
    for (const View& v : k->views) {
      if (v.overlay) out.push_back(v.name);
    }
  }
  return out;
}

Result<Presentation> present(std::string_view kernel, const nlohmann::json& result, const PresentOptions& options) {
  Result<const View*> view = pick(kernel, options.view, false);
  if (!view) return kernels::fail(view.error);
  const std::string where = std::string(kernel) + " view \"" + (*view)->name + "\": ";
  if (!result.is_object()) return kernels::fail(where + "the result is not a JSON object");
  try {
    Builder b(kernel, result, options);
    (*view)->fn(b);
    return b.take();
  } catch (const std::exception& e) {
    return kernels::fail(where + e.what());
  } catch (...) {
    return kernels::fail(where + "unexpected error");
  }
}

Result<Presentation> present_overlay(std::string_view kernel,
                                     const std::vector<std::pair<std::string, nlohmann::json>>& variants,
                                     const PresentOptions& options) {
  Result<const View*> view = pick(kernel, options.view, true);
  if (!view) return kernels::fail(view.error);
  const std::string where = std::string(kernel) + " view \"" + (*view)->name + "\": ";
  if (variants.empty()) return kernels::fail(where + "no variants to draw");
  std::vector<VariantNode> nodes;
  for (size_t i = 0; i < variants.size(); ++i) {
    const auto& [label, result] = variants[i];
    const std::string name = label.empty() ? "variant " + std::to_string(i + 1) : label;
    if (!result.is_object()) return kernels::fail(where + "variant \"" + name + "\": the result is not a JSON object");
    nodes.push_back({name, Node(result, "", "variant \"" + name + "\": ")});
  }
  try {
    Builder b(kernel, variants.front().second, options);
    (*view)->overlay(b, nodes);
    return b.take();
  } catch (const std::exception& e) {
    return kernels::fail(where + e.what());
  } catch (...) {
    return kernels::fail(where + "unexpected error");
  }
}

}  // namespace kb::present
