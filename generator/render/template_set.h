// TemplateSet: kb's mustache templates (compiled in) overlaid with a site's
// own, checked once and ready to render from many threads.
//
// Contract:
// - load() reads every embedded "templates/<name>.mustache", then every
//   "<name>.mustache" under `override_dir` (when that folder exists), which
//   replaces the embedded file of the same name or adds a new one. <name> may
//   hold '/' ("partials/card"). Any template may be used as a partial by name.
// - Partials are resolved once, at load: `{{> name}}` is replaced by the text
//   of that template (recursively), so a page is one compiled template and
//   rendering never parses. Consequence: partials share their includer's
//   delimiters and must not include themselves (an error, as is an unknown
//   partial).
// - Every problem is an error in `diags` naming the template's file (the
//   override's path, or "templates/<name>.mustache" for an embedded one), with
//   line and column when kainjow reports a position; load() then returns
//   nullopt.
// - render() is const and thread-safe: kainjow's render is not const, so
//   compiled copies are kept in a pool and leased to one thread at a time
//   (a pool grows to the number of threads that render at once).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <kainjow/mustache.hpp>

#include "core/diagnostic.h"

namespace kb::render {

class TemplateSet {
 public:
  using Data = kainjow::mustache::data;

  static std::optional<TemplateSet> load(const std::filesystem::path& override_dir,
                                         Diagnostics& diags);
  TemplateSet(TemplateSet&&) noexcept;
  TemplateSet& operator=(TemplateSet&&) noexcept;
  ~TemplateSet();

  bool has(const std::string& name) const;
  // Renders template `name` (partials inlined) with `data`; "" if unknown.
  // A name `data` lacks is looked up in `globals` (when given), so what many
  // pages share is built once.
  std::string render(const std::string& name, const Data& data, const Data* globals = nullptr) const;
  // Where template `name` came from (for messages).
  std::string origin(const std::string& name) const;

 private:
  TemplateSet();
  struct Pool;
  std::map<std::string, std::string> expanded_;  // name -> text, partials inlined
  std::map<std::string, std::string> origin_;    // name -> file it came from
  std::unique_ptr<Pool> pool_;
};

}  // namespace kb::render
