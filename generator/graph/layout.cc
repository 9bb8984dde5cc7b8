#include "graph/layout.h"

#include <algorithm>
#include <cmath>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

namespace kb::graph {
namespace {

// A Barnes-Hut quadtree: each cell holds its bodies' total strength and
// their strength-weighted centre; a leaf holds its bodies (several only
// where points coincide or the depth limit is reached).
struct Cell {
  double size = 0;                      // side of the cell's square
  double x = 0, y = 0, strength = 0;    // centre of strength, total strength
  uint32_t child[4] = {0, 0, 0, 0};     // 0: none (cell 0 is the root: never a child)
  uint32_t first = 0, count = 0;        // a leaf's bodies: order[first, first + count)
  bool leaf = false;
};

class QuadTree {
 public:
  QuadTree(const std::vector<Point>& p, double strength) : p_(p), strength_(strength) {
    order_.resize(p.size());
    for (uint32_t i = 0; i < order_.size(); ++i) order_[i] = i;
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    for (const Point& q : p) {
      x0 = std::min(x0, q.x), y0 = std::min(y0, q.y), x1 = std::max(x1, q.x), y1 = std::max(y1, q.y);
    }
    cells_.reserve(2 * p.size() + 1);
    if (!p.empty()) build(0, static_cast<uint32_t>(p.size()), x0, y0, std::max({x1 - x0, y1 - y0, 1e-9}), 0);
  }

  // The many-body force on body i, added to (vx, vy).
  void apply(uint32_t i, double alpha, double theta2, double& vx, double& vy, std::vector<uint32_t>& stack) const {
    const Point& me = p_[i];
    stack.clear();
    stack.push_back(0);
    while (!stack.empty()) {
      const Cell& c = cells_[stack.back()];
      stack.pop_back();
      if (c.strength == 0) continue;
      double dx = c.x - me.x, dy = c.y - me.y, l = dx * dx + dy * dy;
      if (!c.leaf && c.size * c.size / theta2 < l) {  // far enough: one body
        push(dx, dy, l, c.strength, alpha, vx, vy);
        continue;
      }
      if (c.leaf) {
        for (uint32_t k = c.first; k < c.first + c.count; ++k) {
          uint32_t j = order_[k];
          if (j == i) continue;
          double ex = p_[j].x - me.x, ey = p_[j].y - me.y;
          if (ex == 0 && ey == 0) ex = 1e-6 * ((i * 7 + j) % 13 + 1) * ((i < j) ? 1 : -1);  // coincident: nudge apart
          push(ex, ey, ex * ex + ey * ey, strength_, alpha, vx, vy);
        }
        continue;
      }
      for (uint32_t ch : c.child)
        if (ch) stack.push_back(ch);
    }
  }

 private:
  static void push(double dx, double dy, double l, double strength, double alpha, double& vx, double& vy) {
    if (l < 1) l = std::sqrt(l);  // d3's distanceMin of 1: no blow-up at close range
    if (l == 0) return;
    vx += dx * strength * alpha / l;
    vy += dy * strength * alpha / l;
  }

  uint32_t build(uint32_t first, uint32_t count, double x0, double y0, double size, int depth) {
    uint32_t id = static_cast<uint32_t>(cells_.size());
    cells_.emplace_back();
    double sx = 0, sy = 0;
    for (uint32_t k = first; k < first + count; ++k) sx += p_[order_[k]].x, sy += p_[order_[k]].y;
    {
      Cell& c = cells_[id];
      c.size = size;
      c.strength = strength_ * count;
      c.x = sx / count, c.y = sy / count;
    }
    if (count == 1 || depth >= 40) {
      Cell& c = cells_[id];
      c.leaf = true, c.first = first, c.count = count;
      return id;
    }
    double half = size / 2, mx = x0 + half, my = y0 + half;
    // Partition into the four quadrants: west/east, then north/south in each.
    auto begin = order_.begin() + first, end = begin + count;
    auto east = std::partition(begin, end, [&](uint32_t j) { return p_[j].x < mx; });
    auto west_south = std::partition(begin, east, [&](uint32_t j) { return p_[j].y < my; });
    auto east_south = std::partition(east, end, [&](uint32_t j) { return p_[j].y < my; });
    auto at = [&](auto it) { return static_cast<uint32_t>(it - order_.begin()); };
    const uint32_t bounds[5] = {first, at(west_south), at(east), at(east_south), first + count};
    const double qx[4] = {x0, x0, mx, mx}, qy[4] = {y0, my, y0, my};
    for (int q = 0; q < 4; ++q) {
      uint32_t n = bounds[q + 1] - bounds[q];
      if (n == 0) continue;
      uint32_t child = build(bounds[q], n, qx[q], qy[q], half, depth + 1);
      cells_[id].child[q] = child;
    }
    return id;
  }

  const std::vector<Point>& p_;
  double strength_;
  std::vector<uint32_t> order_;
  std::vector<Cell> cells_;
};

}  // namespace

std::vector<Point> force_layout(size_t n, const std::vector<Edge>& edges_in, const ForceOptions& o) {
  std::vector<Point> p(n), v(n);
  // d3's start: a phyllotaxis spiral, denser in the middle.
  const double angle = M_PI * (3 - std::sqrt(5.0));
  for (size_t i = 0; i < n; ++i) {
    double r = 10 * std::sqrt(0.5 + i), a = i * angle;
    p[i] = {r * std::cos(a), r * std::sin(a)};
  }
  std::vector<Edge> edges;
  edges.reserve(edges_in.size());
  for (auto [a, b] : edges_in)
    if (a != b && a < n && b < n) edges.emplace_back(std::min(a, b), std::max(a, b));
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  std::vector<uint32_t> degree(n, 0);
  for (auto [a, b] : edges) ++degree[a], ++degree[b];

  double alpha = 1;
  const double alpha_min = 0.001, decay = 1 - std::pow(alpha_min, 1.0 / std::max(1, o.iterations));
  const double keep = 1 - 0.4;  // d3's velocityDecay of 0.4
  const double theta2 = o.theta * o.theta;
  std::vector<uint32_t> stack;
  for (int it = 0; it < o.iterations; ++it) {
    alpha += (0 - alpha) * decay;
    for (auto [s, t] : edges) {  // springs, weaker at hubs (d3's link strength and bias)
      double x = p[t].x + v[t].x - p[s].x - v[s].x, y = p[t].y + v[t].y - p[s].y - v[s].y;
      double l = std::sqrt(x * x + y * y);
      if (l == 0) x = 1e-6, l = 1e-6;
      double strength = 1.0 / std::min(degree[s], degree[t]);
      double bias = double(degree[s]) / (degree[s] + degree[t]);
      l = (l - o.link_distance) / l * alpha * strength;
      x *= l, y *= l;
      v[t].x -= x * bias, v[t].y -= y * bias;
      v[s].x += x * (1 - bias), v[s].y += y * (1 - bias);
    }
    QuadTree tree(p, o.charge);
    // Each body's force reads the tree and writes only its own velocity: the
    // same result in any order, so in parallel on a big graph.
    auto apply = [&](uint32_t from, uint32_t to, std::vector<uint32_t>& stack) {
      for (uint32_t i = from; i < to; ++i) {
        tree.apply(i, alpha, theta2, v[i].x, v[i].y, stack);
        v[i].x += -p[i].x * o.centre * alpha;
        v[i].y += -p[i].y * o.centre * alpha;
      }
    };
    if (n < 2000) {
      apply(0, static_cast<uint32_t>(n), stack);
    } else {
      tbb::parallel_for(tbb::blocked_range<uint32_t>(0, static_cast<uint32_t>(n), 512), [&](const auto& r) {
        std::vector<uint32_t> local;
        apply(r.begin(), r.end(), local);
      });
    }
    for (size_t i = 0; i < n; ++i) {
      v[i].x *= keep, v[i].y *= keep;
      p[i].x += v[i].x, p[i].y += v[i].y;
    }
  }
  return p;
}

std::vector<Point> radial_layout(const std::vector<int>& depth, const std::vector<size_t>& parent, double r1,
                                 double r2) {
  const size_t n = depth.size();
  std::vector<Point> p(n);
  std::vector<size_t> ring1;
  for (size_t i = 0; i < n; ++i)
    if (depth[i] == 1) ring1.push_back(i);
  // Each neighbour gets a slice of the circle as wide as the nodes it brings
  // (itself and its own neighbours), so the outer ring never crowds one side.
  std::vector<size_t> children(n, 0);
  for (size_t i = 0; i < n; ++i)
    if (depth[i] == 2 && i < parent.size() && parent[i] < n) ++children[parent[i]];
  double total = 0;
  for (size_t r : ring1) total += 2 + children[r];
  std::vector<double> start(n, 0), width(n, 0);
  double at = -M_PI / 2;  // the first neighbour at the top
  for (size_t r : ring1) {
    width[r] = total > 0 ? 2 * M_PI * (2 + children[r]) / total : 0;
    start[r] = at;
    double a = at + width[r] / 2;
    p[r] = {r1 * std::cos(a), r1 * std::sin(a)};
    at += width[r];
  }
  std::vector<size_t> placed(n, 0);
  for (size_t i = 0; i < n; ++i) {
    if (depth[i] != 2) continue;
    size_t q = i < parent.size() && parent[i] < n ? parent[i] : n;
    if (q == n) continue;
    // Spread across the parent's slice, leaving the slice's edges free.
    double a = start[q] + width[q] * (placed[q] + 1.0) / (children[q] + 1.0);
    ++placed[q];
    p[i] = {r2 * std::cos(a), r2 * std::sin(a)};
  }
  return p;
}

}  // namespace kb::graph
