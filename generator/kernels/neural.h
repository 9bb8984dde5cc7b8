// Neural-network kernels: activation functions and their derivatives, a
// small multilayer perceptron trained by backpropagation, a numerical
// gradient check, and per-layer gradient norms that show vanishing
// gradients.
//
// Contract:
// - An Mlp is plain data: weights[l] is (units of layer l+1) × (units of
//   layer l), biases[l] has units of layer l+1; layer 0 is the input. The
//   hidden layers share one activation; the single output unit is a sigmoid
//   with mean log loss (binary labels 0/1) or the identity with mean squared
//   error (regression).
// - Weights start as Gaussian draws with standard deviation sqrt(1/fan_in)
//   (Xavier/LeCun, for sigmoid and tanh) or sqrt(2/fan_in) (He, for ReLU),
//   biases at 0, all from the caller's seed.
// - Bad input (empty data, mismatched sizes, a layer of 0 units, a
//   non-positive learning rate, labels other than 0/1 for classification)
//   gives an error.
// - Cost: one forward/backward pass is O(n · Σ layer_l · layer_{l+1});
//   the gradient check does two forward passes per parameter.
// Thread safety: pure functions.
#pragma once

#include "kernels/common.h"
#include "kernels/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kb::kernels {

enum class Activation { kSigmoid, kTanh, kRelu, kLeakyRelu, kIdentity };

double activate(Activation a, double z);
// dσ/dz at z (ReLU at 0: 0; leaky ReLU at 0: 0.01).
double activation_derivative(Activation a, double z);

struct ActivationCurve {
  std::vector<double> x;           // evenly spaced inputs
  std::vector<double> value;       // σ(x)
  std::vector<double> derivative;  // σ'(x)
};
// `points` (>= 2) inputs from lo to hi (lo < hi).
Result<ActivationCurve> activation_curve(Activation a, double lo, double hi, int points);

enum class OutputKind { kBinary, kRegression };
enum class WeightInit { kAuto, kXavier, kHe };  // kAuto: He for (leaky) ReLU, Xavier otherwise

struct Mlp {
  std::vector<int> layers;        // units per layer, input first, output (1) last
  Activation hidden = Activation::kTanh;    // activation of every hidden layer
  OutputKind output = OutputKind::kBinary;  // sigmoid + log loss, or identity + squared error
  std::vector<Matrix> weights;    // weights[l]: layers[l+1] × layers[l]
  std::vector<Vector> biases;     // biases[l]: layers[l+1]
};

// A freshly initialised network. layers: input units, hidden units..., and
// the output must be 1.
Result<Mlp> init_mlp(const std::vector<int>& layers, Activation hidden, OutputKind output,
                     WeightInit init, uint64_t seed);

// Network output per row (probability for kBinary).
std::vector<double> mlp_predict(const Mlp& net, const Matrix& x);
// Mean loss on (x, y): log loss (kBinary) or squared error (kRegression).
double mlp_loss(const Mlp& net, const Matrix& x, const Vector& y);

struct MlpGradients {
  double loss = 0;              // mean loss at these parameters
  std::vector<Matrix> weights;  // ∂loss/∂weights[l]
  std::vector<Vector> biases;   // ∂loss/∂biases[l]
};
// Backpropagation. Sizes must match the network (checked).
Result<MlpGradients> mlp_gradients(const Mlp& net, const Matrix& x, const Vector& y);

struct GradientCheck {
  double relative_error = 0;     // ‖analytic - numeric‖ / (‖analytic‖ + ‖numeric‖) over all parameters
  double max_abs_error = 0;      // largest |analytic - numeric| of one parameter
  int parameters = 0;            // parameters compared
  std::vector<double> analytic;  // every gradient, layer by layer, weights (column-major) then biases
  std::vector<double> numeric;   // central differences (f(θ+ε) - f(θ-ε)) / 2ε, same order
};
// epsilon > 0; ReLU kinks make the check unreliable when a unit sits near 0.
Result<GradientCheck> gradient_check(const Mlp& net, const Matrix& x, const Vector& y,
                                     double epsilon = 1e-5);

struct MlpOptions {
  std::vector<int> hidden = {8};          // units per hidden layer, each >= 1 (empty: logistic/linear regression)
  Activation activation = Activation::kTanh;  // of the hidden layers
  OutputKind output = OutputKind::kBinary;    // binary classification or regression
  WeightInit init = WeightInit::kAuto;    // initial weight scale (see above)
  double learning_rate = 0.1;             // gradient-descent step, > 0
  int epochs = 500;                       // passes over the data, >= 1
  int batch_size = 0;                     // rows per update; 0 = the whole set (batch gradient descent)
  uint64_t seed = 42;                     // initial weights and mini-batch order
};
struct MlpTraining {
  Mlp net;                                          // the trained network
  std::vector<double> loss_curve;                   // training loss before training and after each epoch
  std::vector<std::vector<double>> gradient_norms;  // per epoch: ‖∂loss/∂weights[l]‖ of the first update, per layer
  std::vector<double> predictions;                  // final output per training row
  double accuracy = 0;                              // kBinary: training accuracy at 0.5; kRegression: 0
  bool diverged = false;                            // the loss became non-finite (training stopped)
};
Result<MlpTraining> train_mlp(const Matrix& x, const Vector& y, const MlpOptions& options = {});

struct VanishingOptions {
  int depth = 10;               // hidden layers, >= 1
  int width = 16;               // units per hidden layer (and inputs), >= 1
  Activation activation = Activation::kSigmoid;  // of every hidden layer
  WeightInit init = WeightInit::kAuto;   // initial weight scale (kAuto: He for ReLU, else Xavier)
  int samples = 128;            // random input rows (standard normal), with random 0/1 labels, >= 1
  uint64_t seed = 42;           // weights, inputs and labels
};
struct VanishingGradients {
  std::vector<double> gradient_norms;    // ‖∂loss/∂weights[l]‖ at initialisation, input layer first
  std::vector<double> activation_means;  // mean |activation| of each hidden layer
  std::vector<double> saturation;        // share of hidden units per layer with σ'(z) < 1% of its maximum
};
Result<VanishingGradients> vanishing_gradients(const VanishingOptions& options = {});

}  // namespace kb::kernels
