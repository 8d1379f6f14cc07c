//===- ReferenceCalls.cpp - Naive library calls ---------------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "runtime/devices/cpu/ReferenceCalls.h"

#include <cmath>
#include <limits>
#include <vector>

namespace tessera::runtime {

float applyActivation(Activation activation, float x) {
  switch (activation) {
  case Activation::None:
    return x;
  case Activation::Relu:
    return x > 0.f ? x : 0.f;
  case Activation::GeluErf:
    return float(0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0))));
  case Activation::GeluTanh: {
    double xd = x;
    return float(0.5 * xd *
                 (1.0 + std::tanh(std::sqrt(2.0 / M_PI) *
                                  (xd + 0.044715 * xd * xd * xd))));
  }
  case Activation::Sigmoid:
    return float(1.0 / (1.0 + std::exp(-double(x))));
  case Activation::Silu:
    return float(x / (1.0 + std::exp(-double(x))));
  }
  return x;
}

void referenceMatMul(const MatMulGeometry &g, const float *lhs,
                     const float *rhs, const float *bias, const float *residual,
                     Activation activation, float *result) {
  const size_t rank = g.batch.size();
  const int64_t batches = g.batchCount();
  std::vector<int64_t> index(rank, 0);
  for (int64_t b = 0; b < batches; ++b) {
    // Offsets of this batch element in lhs and rhs (broadcast dims stay 0).
    int64_t lhsBatch = 0, rhsBatch = 0;
    for (size_t d = 0; d < rank; ++d) {
      lhsBatch = lhsBatch * g.lhsBatch[d] + (g.lhsBatch[d] == 1 ? 0 : index[d]);
      rhsBatch = rhsBatch * g.rhsBatch[d] + (g.rhsBatch[d] == 1 ? 0 : index[d]);
    }
    const float *a = lhs + lhsBatch * g.m * g.k;
    const float *w = rhs + rhsBatch * g.k * g.n;
    float *out = result + b * g.m * g.n;
    const float *res = residual ? residual + b * g.m * g.n : nullptr;
    for (int64_t i = 0; i < g.m; ++i) {
      for (int64_t j = 0; j < g.n; ++j) {
        double sum = 0;
        for (int64_t k = 0; k < g.k; ++k) {
          float x = g.transposeLhs ? a[k * g.m + i] : a[i * g.k + k];
          float y = g.transposeRhs ? w[j * g.k + k] : w[k * g.n + j];
          sum += double(x) * double(y);
        }
        if (bias)
          sum += bias[j];
        if (res)
          sum += res[i * g.n + j];
        out[i * g.n + j] = applyActivation(activation, float(sum));
      }
    }
    for (size_t d = rank; d-- > 0;) {
      if (++index[d] < g.batch[d])
        break;
      index[d] = 0;
    }
  }
}

void referenceConv2d(const Conv2dGeometry &g, const float *input,
                     const float *weight, const float *bias,
                     const float *residual, Activation activation,
                     float *result) {
  const Window2d &win = g.window;
  const int64_t kh = win.kernel[0], kw = win.kernel[1];
  const int64_t cPerGroup = g.c / g.groups, fPerGroup = g.f / g.groups;
  for (int64_t n = 0; n < g.n; ++n)
    for (int64_t f = 0; f < g.f; ++f) {
      int64_t group = f / fPerGroup;
      for (int64_t oy = 0; oy < g.oh; ++oy)
        for (int64_t ox = 0; ox < g.ow; ++ox) {
          double sum = bias ? bias[f] : 0.0;
          for (int64_t c = 0; c < cPerGroup; ++c) {
            int64_t ic = group * cPerGroup + c;
            for (int64_t ky = 0; ky < kh; ++ky) {
              int64_t iy =
                  oy * win.strides[0] - win.padBegin(0) + ky * win.dilations[0];
              if (iy < 0 || iy >= g.h)
                continue;
              for (int64_t kx = 0; kx < kw; ++kx) {
                int64_t ix = ox * win.strides[1] - win.padBegin(1) +
                             kx * win.dilations[1];
                if (ix < 0 || ix >= g.w)
                  continue;
                sum +=
                    double(input[((n * g.c + ic) * g.h + iy) * g.w + ix]) *
                    double(weight[((f * cPerGroup + c) * kh + ky) * kw + kx]);
              }
            }
          }
          int64_t at = ((n * g.f + f) * g.oh + oy) * g.ow + ox;
          if (residual)
            sum += residual[at];
          result[at] = applyActivation(activation, float(sum));
        }
    }
}

void referencePool2d(const Pool2dGeometry &g, PoolKind kind,
                     bool countIncludePad, const float *input, float *result) {
  const Window2d &win = g.window;
  for (int64_t nc = 0; nc < g.n * g.c; ++nc) {
    const float *plane = input + nc * g.h * g.w;
    for (int64_t oy = 0; oy < g.oh; ++oy)
      for (int64_t ox = 0; ox < g.ow; ++ox) {
        double sum = 0;
        float best = -std::numeric_limits<float>::infinity();
        int64_t count = 0;
        for (int64_t ky = 0; ky < win.kernel[0]; ++ky) {
          int64_t iy =
              oy * win.strides[0] - win.padBegin(0) + ky * win.dilations[0];
          if (iy < 0 || iy >= g.h)
            continue;
          for (int64_t kx = 0; kx < win.kernel[1]; ++kx) {
            int64_t ix =
                ox * win.strides[1] - win.padBegin(1) + kx * win.dilations[1];
            if (ix < 0 || ix >= g.w)
              continue;
            float v = plane[iy * g.w + ix];
            sum += v;
            if (v > best || std::isnan(v))
              best = v;
            ++count;
          }
        }
        float &out = result[(nc * g.oh + oy) * g.ow + ox];
        if (kind == PoolKind::Max) {
          out = best;
        } else {
          int64_t divisor =
              countIncludePad ? win.kernel[0] * win.kernel[1] : count;
          out = divisor ? float(sum / double(divisor)) : 0.f;
        }
      }
  }
}

namespace {

float *pointer(void *const *buffers, int64_t index) {
  return index < 0 ? nullptr : static_cast<float *>(buffers[index]);
}

class ReferenceCall final : public PreparedCommand {
public:
  ReferenceCall(Command command, std::string label)
      : command_(std::move(command)),
        label_(std::move(label) + " (reference)") {}

  Status run(void *const *buffers) override {
    if (const auto *m = std::get_if<MatMulCommand>(&command_)) {
      referenceMatMul(m->geometry, pointer(buffers, m->lhs),
                      pointer(buffers, m->rhs), pointer(buffers, m->bias),
                      pointer(buffers, m->residual), m->activation,
                      pointer(buffers, m->result));
    } else if (const auto *c = std::get_if<Conv2dCommand>(&command_)) {
      referenceConv2d(c->geometry, pointer(buffers, c->input),
                      pointer(buffers, c->weight), pointer(buffers, c->bias),
                      pointer(buffers, c->residual), c->activation,
                      pointer(buffers, c->result));
    } else if (const auto *p = std::get_if<Pool2dCommand>(&command_)) {
      referencePool2d(p->geometry, p->kind, p->countIncludePad,
                      pointer(buffers, p->input), pointer(buffers, p->result));
    } else {
      return Status(StatusCode::kInternal, "not a library call");
    }
    return Status::ok();
  }
  std::string label() const override { return label_; }

private:
  Command command_;
  std::string label_;
};

} // namespace

const char *libraryCallLabel(const Command &command) {
  if (std::holds_alternative<MatMulCommand>(command))
    return "matmul";
  if (std::holds_alternative<Conv2dCommand>(command))
    return "conv2d";
  if (const auto *pool = std::get_if<Pool2dCommand>(&command))
    return pool->kind == PoolKind::Max ? "maxpool2d" : "avgpool2d";
  return nullptr;
}

std::unique_ptr<PreparedCommand> makeReferenceCall(const Command &command,
                                                   const std::string &label) {
  return std::make_unique<ReferenceCall>(command, label);
}

} // namespace tessera::runtime
