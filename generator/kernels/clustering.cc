#include "kernels/clustering.h"

#include <algorithm>
#include <limits>

namespace kb::kernels {
namespace {

std::string check_k(const Matrix& x, int k) {
  if (auto e = check_matrix(x, "x"); !e.empty()) return e;
  if (k < 1) return "k must be at least 1, got " + std::to_string(k);
  if (k > x.rows()) {
    return "k (" + std::to_string(k) + ") is larger than the number of points (" +
           std::to_string(x.rows()) + ")";
  }
  return {};
}

Matrix plus_plus(const Matrix& x, int k, Rng& rng) {
  const int n = static_cast<int>(x.rows());
  Matrix c(k, x.cols());
  c.row(0) = x.row(uniform_index(rng, n));
  std::vector<double> d2(n);
  for (int i = 0; i < n; ++i) d2[i] = (x.row(i) - c.row(0)).squaredNorm();
  for (int j = 1; j < k; ++j) {
    double total = 0;
    for (double v : d2) total += v;
    int pick;
    if (total <= 0) {
      pick = uniform_index(rng, n);  // every point sits on a centroid already
    } else {
      const double target = uniform01(rng) * total;
      double acc = 0;
      pick = n - 1;
      for (int i = 0; i < n; ++i) {
        acc += d2[i];
        if (acc > target && d2[i] > 0) {
          pick = i;
          break;
        }
      }
      while (d2[pick] == 0) --pick;  // rounding at the top end: last point with weight
    }
    c.row(j) = x.row(pick);
    for (int i = 0; i < n; ++i) d2[i] = std::min(d2[i], (x.row(i) - c.row(j)).squaredNorm());
  }
  return c;
}

// Nearest centroid of each point; returns the inertia.
double assign(const Matrix& x, const Matrix& c, Labels& labels, std::vector<double>& dist) {
  double inertia = 0;
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    double best = std::numeric_limits<double>::infinity();
    int arg = 0;
    for (Eigen::Index j = 0; j < c.rows(); ++j) {
      const double d = (x.row(i) - c.row(j)).squaredNorm();
      if (d < best) {
        best = d;
        arg = static_cast<int>(j);
      }
    }
    labels[i] = arg;
    dist[i] = best;
    inertia += best;
  }
  return inertia;
}

KMeansResult run_once(const Matrix& x, const KMeansOptions& o, Rng& rng) {
  const int n = static_cast<int>(x.rows()), k = o.k;
  KMeansResult r;
  if (o.init == KMeansInit::kPlusPlus) {
    r.centroids = plus_plus(x, k, rng);
  } else {
    std::vector<int> idx = iota_indices(n);
    shuffle(idx, rng);
    idx.resize(k);
    r.centroids = take_rows(x, idx);
  }
  r.initial_centroids = r.centroids;
  r.labels.assign(n, 0);
  std::vector<double> dist(n);
  r.inertia = assign(x, r.centroids, r.labels, dist);
  r.inertia_history.push_back(r.inertia);
  Labels next(n);
  for (int it = 0; it < o.max_iterations; ++it) {
    Matrix sums = Matrix::Zero(k, x.cols());
    std::vector<int> counts(k, 0);
    for (int i = 0; i < n; ++i) {
      sums.row(r.labels[i]) += x.row(i);
      ++counts[r.labels[i]];
    }
    std::vector<char> taken(n, 0);
    for (int j = 0; j < k; ++j) {
      if (counts[j] > 0) {
        r.centroids.row(j) = sums.row(j) / counts[j];
        continue;
      }
      int far = -1;  // empty cluster: take the point worst served by its centroid
      for (int i = 0; i < n; ++i) {
        if (!taken[i] && (far < 0 || dist[i] > dist[far])) far = i;
      }
      if (far < 0) far = 0;  // cannot happen (k <= n), but never index with -1
      taken[far] = 1;
      r.centroids.row(j) = x.row(far);
    }
    r.iterations = it + 1;
    r.inertia = assign(x, r.centroids, next, dist);
    r.inertia_history.push_back(r.inertia);
    const bool same = next == r.labels;
    r.labels.swap(next);
    if (same) {
      r.converged = true;
      break;
    }
  }
  return r;
}

}  // namespace

Result<Matrix> kmeans_plus_plus(const Matrix& x, int k, uint64_t seed) {
  if (auto e = check_k(x, k); !e.empty()) return fail(e);
  Rng rng(seed);
  return plus_plus(x, k, rng);
}

Result<KMeansResult> kmeans(const Matrix& x, const KMeansOptions& o) {
  if (auto e = check_k(x, o.k); !e.empty()) return fail(e);
  if (o.max_iterations < 1) return fail("max_iterations must be at least 1");
  if (o.restarts < 1) return fail("restarts must be at least 1, got " + std::to_string(o.restarts));
  Rng seeds(o.seed);
  KMeansResult best;
  for (int run = 0; run < o.restarts; ++run) {
    Rng rng(o.restarts == 1 ? o.seed : seeds());
    KMeansResult r = run_once(x, o, rng);
    if (run == 0 || r.inertia < best.inertia) best = std::move(r);
  }
  return best;
}

Result<ElbowCurve> elbow_curve(const Matrix& x, const ElbowOptions& o) {
  if (auto e = check_matrix(x, "x"); !e.empty()) return fail(e);
  if (o.k_min < 1) return fail("k_min must be at least 1, got " + std::to_string(o.k_min));
  if (o.k_max < o.k_min) {
    return fail("k_max (" + std::to_string(o.k_max) + ") is smaller than k_min (" +
                std::to_string(o.k_min) + ")");
  }
  if (o.k_min > x.rows()) {
    return fail("k_min (" + std::to_string(o.k_min) + ") is larger than the number of points (" +
                std::to_string(x.rows()) + ")");
  }
  ElbowCurve curve;
  const int k_max = std::min<int>(o.k_max, static_cast<int>(x.rows()));
  for (int k = o.k_min; k <= k_max; ++k) {
    KMeansOptions ko = o.kmeans;
    ko.k = k;
    auto r = kmeans(x, ko);
    if (!r) return fail(r.error);
    curve.ks.push_back(k);
    curve.inertias.push_back(r->inertia);
  }
  return curve;
}

}  // namespace kb::kernels
