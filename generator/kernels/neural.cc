#include "kernels/neural.h"

#include <algorithm>
#include <cmath>

namespace kb::kernels {
namespace {

double sigmoid(double z) { return z >= 0 ? 1 / (1 + std::exp(-z)) : std::exp(z) / (1 + std::exp(z)); }
double softplus(double z) { return std::max(z, 0.0) + std::log1p(std::exp(-std::abs(z))); }

double max_derivative(Activation a) { return a == Activation::kSigmoid ? 0.25 : 1.0; }

struct Forward {
  std::vector<Matrix> z;  // z[l]: pre-activations of layer l+1 (units × n)
  std::vector<Matrix> a;  // a[0] = xᵀ; a[l]: activations of layer l
};

Forward forward(const Mlp& net, const Matrix& x) {
  Forward f;
  f.a.push_back(x.transpose());
  const size_t layers = net.weights.size();
  for (size_t l = 0; l < layers; ++l) {
    Matrix z = (net.weights[l] * f.a.back()).colwise() + net.biases[l];
    Matrix a = z;
    const bool last = l + 1 == layers;
    if (!last) {
      a = z.unaryExpr([&](double v) { return activate(net.hidden, v); });
    } else if (net.output == OutputKind::kBinary) {
      a = z.unaryExpr([](double v) { return sigmoid(v); });
    }
    f.z.push_back(std::move(z));
    f.a.push_back(std::move(a));
  }
  return f;
}

double loss_from(const Mlp& net, const Forward& f, const Vector& y) {
  const Eigen::Index n = y.size();
  double s = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (net.output == OutputKind::kBinary) {
      const double z = f.z.back()(0, i);
      s += softplus(z) - y[i] * z;
    } else {
      const double e = f.a.back()(0, i) - y[i];
      s += e * e;
    }
  }
  return s / n;
}

MlpGradients backward(const Mlp& net, const Forward& f, const Vector& y) {
  const size_t layers = net.weights.size();
  const double n = static_cast<double>(y.size());
  MlpGradients g;
  g.loss = loss_from(net, f, y);
  g.weights.resize(layers);
  g.biases.resize(layers);
  Matrix delta = f.a.back();  // 1 × n
  for (Eigen::Index i = 0; i < delta.cols(); ++i) {
    delta(0, i) = net.output == OutputKind::kBinary ? (delta(0, i) - y[i]) / n
                                                    : 2 * (delta(0, i) - y[i]) / n;
  }
  for (size_t l = layers; l-- > 0;) {
    g.weights[l] = delta * f.a[l].transpose();
    g.biases[l] = delta.rowwise().sum();
    if (l > 0) {
      const Matrix back = net.weights[l].transpose() * delta;
      delta = back.cwiseProduct(
          f.z[l - 1].unaryExpr([&](double v) { return activation_derivative(net.hidden, v); }));
    }
  }
  return g;
}

std::string check_data(const Mlp& net, const Matrix& x, const Vector& y) {
  if (auto e = check_matrix(x, "x"); !e.empty()) return e;
  if (auto e = check_vector(y, "y"); !e.empty()) return e;
  if (auto e = check_same_length(x.rows(), "x", y.size(), "y"); !e.empty()) return e;
  if (net.layers.empty() || x.cols() != net.layers[0]) {
    return "x has " + std::to_string(x.cols()) + " columns but the network takes " +
           std::to_string(net.layers.empty() ? 0 : net.layers[0]) + " inputs";
  }
  if (net.output == OutputKind::kBinary) {
    for (Eigen::Index i = 0; i < y.size(); ++i) {
      if (y[i] != 0 && y[i] != 1) {
        return "binary output needs labels 0 or 1; value " + std::to_string(i + 1) + " is " + num(y[i]);
      }
    }
  }
  return {};
}

}  // namespace

double activate(Activation a, double z) {
  switch (a) {
    case Activation::kSigmoid: return sigmoid(z);
    case Activation::kTanh: return std::tanh(z);
    case Activation::kRelu: return z > 0 ? z : 0.0;
    case Activation::kLeakyRelu: return z > 0 ? z : 0.01 * z;
    case Activation::kIdentity: return z;
  }
  return z;
}

double activation_derivative(Activation a, double z) {
  switch (a) {
    case Activation::kSigmoid: {
      const double s = sigmoid(z);
      return s * (1 - s);
    }
    case Activation::kTanh: {
      const double t = std::tanh(z);
      return 1 - t * t;
    }
    case Activation::kRelu: return z > 0 ? 1.0 : 0.0;
    case Activation::kLeakyRelu: return z > 0 ? 1.0 : 0.01;
    case Activation::kIdentity: return 1.0;
  }
  return 1.0;
}

Result<ActivationCurve> activation_curve(Activation a, double lo, double hi, int points) {
  if (!(lo < hi) || !std::isfinite(lo) || !std::isfinite(hi)) {
    return fail("the range needs lo < hi, got [" + num(lo) + ", " + num(hi) + "]");
  }
  if (points < 2 || points > 100000) return fail("points must be in [2, 100000], got " + std::to_string(points));
  ActivationCurve c;
  for (int i = 0; i < points; ++i) {
    const double x = lo + (hi - lo) * i / (points - 1);
    c.x.push_back(x);
    c.value.push_back(activate(a, x));
    c.derivative.push_back(activation_derivative(a, x));
  }
  return c;
}

Result<Mlp> init_mlp(const std::vector<int>& layers, Activation hidden, OutputKind output,
                     WeightInit init, uint64_t seed) {
  if (layers.size() < 2) return fail("a network needs an input and an output layer");
  for (size_t l = 0; l < layers.size(); ++l) {
    if (layers[l] < 1 || layers[l] > 4096) {
      return fail("layer " + std::to_string(l) + " must have 1..4096 units, got " + std::to_string(layers[l]));
    }
  }
  if (layers.back() != 1) return fail("the output layer must have 1 unit, got " + std::to_string(layers.back()));
  const bool relu_like = hidden == Activation::kRelu || hidden == Activation::kLeakyRelu;
  const bool he = init == WeightInit::kHe || (init == WeightInit::kAuto && relu_like);
  Mlp net;
  net.layers = layers;
  net.hidden = hidden;
  net.output = output;
  Rng rng(seed);
  for (size_t l = 0; l + 1 < layers.size(); ++l) {
    const double sd = std::sqrt((he ? 2.0 : 1.0) / layers[l]);
    Matrix w(layers[l + 1], layers[l]);
    for (Eigen::Index j = 0; j < w.cols(); ++j) {
      for (Eigen::Index i = 0; i < w.rows(); ++i) w(i, j) = sd * standard_normal(rng);
    }
    net.weights.push_back(std::move(w));
    net.biases.push_back(Vector::Zero(layers[l + 1]));
  }
  return net;
}

std::vector<double> mlp_predict(const Mlp& net, const Matrix& x) {
  const Forward f = forward(net, x);
  const Matrix& out = f.a.back();
  return std::vector<double>(out.data(), out.data() + out.size());
}

double mlp_loss(const Mlp& net, const Matrix& x, const Vector& y) {
  return loss_from(net, forward(net, x), y);
}

Result<MlpGradients> mlp_gradients(const Mlp& net, const Matrix& x, const Vector& y) {
  if (auto e = check_data(net, x, y); !e.empty()) return fail(e);
  return backward(net, forward(net, x), y);
}

Result<GradientCheck> gradient_check(const Mlp& net, const Matrix& x, const Vector& y, double epsilon) {
  if (auto e = check_data(net, x, y); !e.empty()) return fail(e);
  if (!(epsilon > 0 && epsilon < 1)) return fail("epsilon must be in (0, 1), got " + num(epsilon));
  long params = 0;
  for (size_t l = 0; l < net.weights.size(); ++l) params += net.weights[l].size() + net.biases[l].size();
  if (params > 20000) {
    return fail("the network has " + std::to_string(params) +
                " parameters; the gradient check is limited to 20000");
  }
  const MlpGradients g = backward(net, forward(net, x), y);
  GradientCheck c;
  Mlp probe = net;
  auto compare = [&](double& param, double analytic) {
    const double saved = param;
    param = saved + epsilon;
    const double up = mlp_loss(probe, x, y);
    param = saved - epsilon;
    const double down = mlp_loss(probe, x, y);
    param = saved;
    const double numeric = (up - down) / (2 * epsilon);
    c.analytic.push_back(analytic);
    c.numeric.push_back(numeric);
    c.max_abs_error = std::max(c.max_abs_error, std::abs(analytic - numeric));
  };
  for (size_t l = 0; l < net.weights.size(); ++l) {
    for (Eigen::Index i = 0; i < net.weights[l].size(); ++i) {
      compare(probe.weights[l].data()[i], g.weights[l].data()[i]);
    }
    for (Eigen::Index i = 0; i < net.biases[l].size(); ++i) compare(probe.biases[l][i], g.biases[l][i]);
  }
  double diff = 0, na = 0, nn = 0;
  for (size_t i = 0; i < c.analytic.size(); ++i) {
    diff += (c.analytic[i] - c.numeric[i]) * (c.analytic[i] - c.numeric[i]);
    na += c.analytic[i] * c.analytic[i];
    nn += c.numeric[i] * c.numeric[i];
  }
  const double denom = std::sqrt(na) + std::sqrt(nn);
  c.relative_error = denom > 0 ? std::sqrt(diff) / denom : 0.0;
  c.parameters = static_cast<int>(c.analytic.size());
  return c;
}

Result<MlpTraining> train_mlp(const Matrix& x, const Vector& y, const MlpOptions& o) {
  if (auto e = check_matrix(x, "x"); !e.empty()) return fail(e);
  if (!(o.learning_rate > 0) || !std::isfinite(o.learning_rate)) {
    return fail("learning_rate must be > 0, got " + num(o.learning_rate));
  }
  if (o.epochs < 1) return fail("epochs must be at least 1, got " + std::to_string(o.epochs));
  if (o.batch_size < 0) return fail("batch_size must be >= 0 (0 = all rows), got " + std::to_string(o.batch_size));
  std::vector<int> layers = {static_cast<int>(x.cols())};
  layers.insert(layers.end(), o.hidden.begin(), o.hidden.end());
  layers.push_back(1);
  auto net = init_mlp(layers, o.activation, o.output, o.init, o.seed);
  if (!net) return fail(net.error);
  if (auto e = check_data(*net, x, y); !e.empty()) return fail(e);
  if (o.output == OutputKind::kBinary && (y.array() == 0).all()) return fail("labels must contain both 0 and 1");
  if (o.output == OutputKind::kBinary && (y.array() == 1).all()) return fail("labels must contain both 0 and 1");
  MlpTraining t;
  t.net = std::move(*net);
  const int n = static_cast<int>(x.rows());
  const int batch = o.batch_size == 0 ? n : std::min(o.batch_size, n);
  Rng rng(o.seed ^ 0x9e3779b97f4a7c15ULL);  // batch order, independent of the weight draws
  std::vector<int> order = iota_indices(n);
  t.loss_curve.push_back(mlp_loss(t.net, x, y));
  for (int epoch = 0; epoch < o.epochs && !t.diverged; ++epoch) {
    if (batch < n) shuffle(order, rng);
    for (int start = 0; start < n; start += batch) {
      const std::vector<int> rows(order.begin() + start, order.begin() + std::min(n, start + batch));
      const Matrix xb = batch < n ? take_rows(x, rows) : x;
      const Vector yb = batch < n ? take(y, rows) : y;
      const MlpGradients g = backward(t.net, forward(t.net, xb), yb);
      if (start == 0) {
        std::vector<double> norms;
        for (const Matrix& gw : g.weights) norms.push_back(gw.norm());
        t.gradient_norms.push_back(std::move(norms));
      }
      for (size_t l = 0; l < t.net.weights.size(); ++l) {
        t.net.weights[l] -= o.learning_rate * g.weights[l];
        t.net.biases[l] -= o.learning_rate * g.biases[l];
      }
    }
    const double loss = mlp_loss(t.net, x, y);
    t.loss_curve.push_back(loss);
    if (!std::isfinite(loss)) t.diverged = true;
  }
  t.predictions = mlp_predict(t.net, x);
  if (o.output == OutputKind::kBinary) {
    int right = 0;
    for (int i = 0; i < n; ++i) right += (t.predictions[i] >= 0.5) == (y[i] == 1);
    t.accuracy = static_cast<double>(right) / n;
  }
  return t;
}

Result<VanishingGradients> vanishing_gradients(const VanishingOptions& o) {
  if (o.depth < 1 || o.depth > 100) return fail("depth must be in [1, 100], got " + std::to_string(o.depth));
  if (o.width < 1 || o.width > 1024) return fail("width must be in [1, 1024], got " + std::to_string(o.width));
  if (o.samples < 1 || o.samples > 100000) {
    return fail("samples must be in [1, 100000], got " + std::to_string(o.samples));
  }
  std::vector<int> layers(o.depth + 1, o.width);
  layers.push_back(1);
  auto net = init_mlp(layers, o.activation, OutputKind::kBinary, o.init, o.seed);
  if (!net) return fail(net.error);
  Rng rng(o.seed ^ 0x9e3779b97f4a7c15ULL);
  Matrix x(o.samples, o.width);
  Vector y(o.samples);
  for (int i = 0; i < o.samples; ++i) {
    for (int j = 0; j < o.width; ++j) x(i, j) = standard_normal(rng);
    y[i] = uniform01(rng) < 0.5 ? 0 : 1;
  }
  const Forward f = forward(*net, x);
  const MlpGradients g = backward(*net, f, y);
  VanishingGradients v;
  for (const Matrix& gw : g.weights) v.gradient_norms.push_back(gw.norm());
  const double limit = 0.01 * max_derivative(o.activation);
  for (int l = 0; l < o.depth; ++l) {
    v.activation_means.push_back(f.a[l + 1].cwiseAbs().mean());
    const Matrix& z = f.z[l];
    long saturated = 0;
    for (Eigen::Index i = 0; i < z.size(); ++i) {
      saturated += activation_derivative(o.activation, z.data()[i]) < limit;
    }
    v.saturation.push_back(static_cast<double>(saturated) / z.size());
  }
  return v;
}

}  // namespace kb::kernels
