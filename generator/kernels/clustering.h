// k-means clustering (Lloyd's algorithm, k-means++ or random seeding) and
// the elbow curve.
//
// Contract: x is n × d, finite, n >= 1; 1 <= k <= n (k > n is an error that
// names both). Each iteration assigns every point to its nearest centroid
// (ties: the lower centroid index) and moves each centroid to the mean of its
// points; a centroid left without points jumps to the point farthest from its
// own centroid. Both steps can only lower the inertia, so inertia_history
// never rises. Stops when no assignment changes or after max_iterations.
// The same options and seed give the same clustering.
// Cost: O(iterations · n · k · d) time, O(n + k d) memory; k-means++ O(n k d).
// Thread safety: pure functions.
#pragma once

#include "kernels/common.h"
#include "kernels/result.h"

#include <cstdint>
#include <vector>

namespace kb::kernels {

enum class KMeansInit { kPlusPlus, kRandom };

struct KMeansOptions {
  int k = 3;                             // clusters, 1..n
  int max_iterations = 300;              // assignment/update rounds, >= 1
  KMeansInit init = KMeansInit::kPlusPlus;  // k-means++ (D² sampling) or k distinct random points
  int restarts = 1;                      // independent runs (seeds drawn from `seed`); the lowest inertia wins, >= 1
  uint64_t seed = 42;                    // random seed
};

struct KMeansResult {
  Matrix centroids;                     // k × d
  Labels labels;                        // cluster of each point, 0..k-1
  double inertia = 0;                   // Σ squared distance of each point to its centroid
  std::vector<double> inertia_history;  // inertia after each assignment step (non-increasing)
  int iterations = 0;                   // update steps made
  bool converged = false;               // assignments stopped changing
  Matrix initial_centroids;             // where the winning run started
};

Result<KMeansResult> kmeans(const Matrix& x, const KMeansOptions& options = {});

// k-means++ seeding alone: the first centroid uniform, each next one drawn
// with probability proportional to its squared distance from the nearest
// centroid so far. Deterministic in the seed. Returns k × d.
Result<Matrix> kmeans_plus_plus(const Matrix& x, int k, uint64_t seed);

struct ElbowOptions {
  int k_min = 1;            // smallest k, >= 1
  int k_max = 10;           // largest k, k_min..n (clipped to n)
  KMeansOptions kmeans;     // used for every k (its k is ignored)
};
struct ElbowCurve {
  std::vector<int> ks;
  std::vector<double> inertias;  // best inertia found for each k
};
Result<ElbowCurve> elbow_curve(const Matrix& x, const ElbowOptions& options = {});

}  // namespace kb::kernels
