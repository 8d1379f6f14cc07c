//===- Geometry.h - Shapes of the library calls -------------------*- C++ -*-===//
//
// Part of Tessera. The shape rules of MatMulCall, Conv2dCall and Pool2dCall,
// written once: the verifier uses them to check an artifact's operands and
// the devices use the decoded sizes to run the call. Each function returns
// an error message (without context: the caller prefixes "rank 0 command
// 3 (MatMulCall): ") when the operand types do not fit together.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_ARTIFACT_GEOMETRY_H
#define TESSERA_RUNTIME_ARTIFACT_GEOMETRY_H

#include "runtime/base/DType.h"
#include "runtime/base/Status.h"

#include <array>
#include <cstdint>
#include <vector>

namespace tessera::runtime {

/// result[b..., m, n] = sum_k op(lhs)[b..., m, k] * op(rhs)[b..., k, n],
/// with NumPy broadcasting of the batch dimensions b...
struct MatMulGeometry {
  int64_t m = 0, n = 0, k = 0;
  bool transposeLhs = false, transposeRhs = false;
  /// Batch dimensions of the result, and of lhs and rhs padded with leading
  /// 1s to the same length (a 1 where the result's size is larger means the
  /// operand is broadcast along that dimension).
  std::vector<int64_t> batch, lhsBatch, rhsBatch;

  int64_t batchCount() const;
  /// Result shape: batch + [m, n].
  std::vector<int64_t> resultShape() const;
};

/// The geometry of lhs x rhs, or kInvalidArtifact explaining the mismatch.
StatusOr<MatMulGeometry> inferMatMul(const std::vector<int64_t> &lhs,
                                     const std::vector<int64_t> &rhs,
                                     bool transposeLhs, bool transposeRhs);

/// Window parameters along the two spatial dimensions (h, w).
struct Window2d {
  std::array<int64_t, 2> kernel{1, 1};
  std::array<int64_t, 2> strides{1, 1};
  std::array<int64_t, 2> dilations{1, 1};
  /// [top, left, bottom, right], as in the schema.
  std::array<int64_t, 4> padding{0, 0, 0, 0};

  int64_t padBegin(int dim) const { return padding[dim]; }
  int64_t padEnd(int dim) const { return padding[dim + 2]; }
};

/// floor((in + padBegin + padEnd - dilation * (kernel - 1) - 1) / stride) + 1
/// along one spatial dimension, or an error when the (dilated) kernel does
/// not fit the padded input. Parameters are assumed validated (positive
/// strides, dilations and kernel, non-negative padding), sizes up to 2^62.
StatusOr<int64_t> windowOutputSize(const Window2d &window, int dim, int64_t in);

/// NCHW convolution: input [n, c, h, w], weight [f, c / groups, kh, kw],
/// result [n, f, oh, ow].
struct Conv2dGeometry {
  int64_t n = 0, c = 0, h = 0, w = 0, f = 0, oh = 0, ow = 0, groups = 1;
  Window2d window; // kernel = [kh, kw]
};

StatusOr<Conv2dGeometry> inferConv2d(const std::vector<int64_t> &input,
                                     const std::vector<int64_t> &weight,
                                     const Window2d &window, int64_t groups);

/// NCHW pooling: input [n, c, h, w], result [n, c, oh, ow].
struct Pool2dGeometry {
  int64_t n = 0, c = 0, h = 0, w = 0, oh = 0, ow = 0;
  Window2d window;
};

/// Also checks that every window covers at least one element of the input
/// (not only padding), so max and average are always defined.
StatusOr<Pool2dGeometry> inferPool2d(const std::vector<int64_t> &input,
                                     const Window2d &window);

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_ARTIFACT_GEOMETRY_H
