// Random cut forest anomaly scores (robust random cut forest, Guha et al.
// 2016, batch form).
//
// Contract: x is n × d, finite, n >= 1. Each tree is built on a sample of
// sample_size distinct rows: a cut picks a dimension with probability
// proportional to its range among the node's points and a cut value uniform
// in that range, until every point is alone (identical points share a leaf).
// A point's score in a tree is its collusive displacement (CoDisp): the
// largest ratio, over its ancestors, of the sibling subtree's size to the
// size of the subtree holding the point. Samples are consecutive slices of
// repeated random permutations, so every row is in at least one tree when
// trees · sample_size >= n (otherwise an error); a row's score is the mean
// over the trees that hold it. Higher means more anomalous. Same seed, same
// scores. Cost O(trees · sample_size · (d + depth)) time.
// Thread safety: pure function.
#pragma once

#include "kernels/common.h"
#include "kernels/result.h"

#include <cstdint>
#include <vector>

namespace kb::kernels {

struct RandomCutForestOptions {
  int trees = 100;         // trees, >= 1
  int sample_size = 256;   // rows per tree, >= 1 (clipped to n)
  uint64_t seed = 42;      // random seed
};

struct AnomalyScores {
  std::vector<double> scores;  // mean CoDisp per row
  std::vector<int> trees_per_row;  // how many trees each row's score averages
  double mean = 0, stdev = 0;  // of the scores, for thresholds such as mean + 3 sd
};

Result<AnomalyScores> random_cut_forest(const Matrix& x, const RandomCutForestOptions& options = {});

}  // namespace kb::kernels
