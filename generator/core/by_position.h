// ByPosition: the record of a list (a build's manifest, a site's page list)
// for the page at a given place now, matched by name. Most builds add and
// remove no page, so the record at the same place is the one: the map by
// name is made only when a name is not where it was.
//
// Contract: `records` must outlive the finder and not change; find(i, name)
// is the record whose `Name` is `name` (the page now at place i), or null.
// Not thread-safe (the map is made on first need).
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kb {

template <typename Record, std::string Record::*Name>
class ByPosition {
 public:
  explicit ByPosition(const std::vector<Record>& records) : records_(records) {}

  const Record* find(size_t i, const std::string& name) {
    if (i < records_.size() && records_[i].*Name == name) return &records_[i];
    if (by_name_.empty())
      for (const Record& r : records_) by_name_.emplace(r.*Name, &r);
    auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : it->second;
  }

  // Every record is the page's at its place in `names`, none gone and none new.
  bool same_order(const std::vector<std::string>& names) const {
    return records_.size() == names.size() &&
           std::equal(names.begin(), names.end(), records_.begin(),
                      [](const std::string& name, const Record& r) { return name == r.*Name; });
  }

 private:
  const std::vector<Record>& records_;
  std::unordered_map<std::string_view, const Record*> by_name_;
};

}  // namespace kb
