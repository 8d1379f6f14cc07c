//===- Geometry.cpp - Shapes of the library calls -------------------------===//
//
// Part of Tessera. Sizes in an artifact are untrusted and may be as large as
// 2^62; the arithmetic here is done in 128 bits so that no product or sum
// overflows before it is compared.
//
//===----------------------------------------------------------------------===//

#include "runtime/artifact/Geometry.h"

#include <algorithm>

namespace tessera::runtime {
namespace {

Status invalid(const std::string &message) {
  return Status(StatusCode::kInvalidArtifact, message);
}

using Int128 = __int128;

} // namespace

int64_t MatMulGeometry::batchCount() const {
  int64_t count = 1;
  for (int64_t dim : batch)
    count *= dim;
  return count;
}

std::vector<int64_t> MatMulGeometry::resultShape() const {
  std::vector<int64_t> shape = batch;
  shape.push_back(m);
  shape.push_back(n);
  return shape;
}

StatusOr<MatMulGeometry> inferMatMul(const std::vector<int64_t> &lhs,
                                     const std::vector<int64_t> &rhs,
                                     bool transposeLhs, bool transposeRhs) {
  if (lhs.size() < 2)
    return invalid("lhs must have at least 2 dimensions, it is " +
                   shapeToString(lhs));
  if (rhs.size() < 2)
    return invalid("rhs must have at least 2 dimensions, it is " +
                   shapeToString(rhs));
  MatMulGeometry g;
  g.transposeLhs = transposeLhs;
  g.transposeRhs = transposeRhs;
  size_t lr = lhs.size(), rr = rhs.size();
  g.m = transposeLhs ? lhs[lr - 1] : lhs[lr - 2];
  int64_t lhsK = transposeLhs ? lhs[lr - 2] : lhs[lr - 1];
  int64_t rhsK = transposeRhs ? rhs[rr - 1] : rhs[rr - 2];
  g.n = transposeRhs ? rhs[rr - 2] : rhs[rr - 1];
  if (lhsK != rhsK)
    return invalid("contracted dimensions differ: lhs " + shapeToString(lhs) +
                   (transposeLhs ? " (transposed)" : "") + " has K = " +
                   std::to_string(lhsK) + ", rhs " + shapeToString(rhs) +
                   (transposeRhs ? " (transposed)" : "") + " has K = " +
                   std::to_string(rhsK));
  g.k = lhsK;
  size_t batchRank = std::max(lr, rr) - 2;
  g.batch.assign(batchRank, 1);
  g.lhsBatch.assign(batchRank, 1);
  g.rhsBatch.assign(batchRank, 1);
  std::copy(lhs.begin(), lhs.end() - 2,
            g.lhsBatch.begin() + (batchRank - (lr - 2)));
  std::copy(rhs.begin(), rhs.end() - 2,
            g.rhsBatch.begin() + (batchRank - (rr - 2)));
  for (size_t i = 0; i < batchRank; ++i) {
    int64_t a = g.lhsBatch[i], b = g.rhsBatch[i];
    if (a != b && a != 1 && b != 1)
      return invalid("batch dimensions of lhs " + shapeToString(lhs) +
                     " and rhs " + shapeToString(rhs) +
                     " do not broadcast (" + std::to_string(a) + " vs " +
                     std::to_string(b) + ")");
    g.batch[i] = a == 1 ? b : a;
  }
  return g;
}

StatusOr<int64_t> windowOutputSize(const Window2d &window, int dim,
                                   int64_t in) {
  Int128 padded = Int128(in) + window.padBegin(dim) + window.padEnd(dim);
  Int128 extent = Int128(window.dilations[dim]) * (window.kernel[dim] - 1) + 1;
  const char *name = dim == 0 ? "height" : "width";
  if (extent > padded)
    return invalid(std::string("the dilated kernel ") + name + " (" +
                   std::to_string(int64_t(std::min<Int128>(extent, INT64_MAX))) +
                   ") exceeds the padded input " + name + " (" +
                   std::to_string(int64_t(std::min<Int128>(padded, INT64_MAX))) +
                   ")");
  Int128 out = (padded - extent) / window.strides[dim] + 1;
  return int64_t(out); // <= padded, which fits in 64 bits
}

StatusOr<Conv2dGeometry> inferConv2d(const std::vector<int64_t> &input,
                                     const std::vector<int64_t> &weight,
                                     const Window2d &windowIn, int64_t groups) {
  if (input.size() != 4)
    return invalid("input must be NCHW (4 dimensions), it is " +
                   shapeToString(input));
  if (weight.size() != 4)
    return invalid("weight must be [F, C/groups, KH, KW] (4 dimensions), it is " +
                   shapeToString(weight));
  if (groups < 1)
    return invalid("groups must be positive, it is " + std::to_string(groups));
  Conv2dGeometry g;
  g.n = input[0];
  g.c = input[1];
  g.h = input[2];
  g.w = input[3];
  g.f = weight[0];
  g.groups = groups;
  if (g.c % groups != 0)
    return invalid("input channels (" + std::to_string(g.c) +
                   ") are not divisible by groups (" + std::to_string(groups) +
                   ")");
  if (g.f % groups != 0)
    return invalid("output channels (" + std::to_string(g.f) +
                   ") are not divisible by groups (" + std::to_string(groups) +
                   ")");
  if (weight[1] != g.c / groups)
    return invalid("weight " + shapeToString(weight) + " must have C/groups = " +
                   std::to_string(g.c / groups) + " input channels, it has " +
                   std::to_string(weight[1]));
  if (weight[2] < 1 || weight[3] < 1)
    return invalid("weight " + shapeToString(weight) +
                   " has an empty kernel");
  g.window = windowIn;
  g.window.kernel = {weight[2], weight[3]};
  TESSERA_ASSIGN_OR_RETURN(g.oh, windowOutputSize(g.window, 0, g.h));
  TESSERA_ASSIGN_OR_RETURN(g.ow, windowOutputSize(g.window, 1, g.w));
  return g;
}

namespace {
/// Whether output position `o` along `dim` sees at least one input element.
bool windowTouchesInput(const Window2d &window, int dim, int64_t in,
                        int64_t o) {
  Int128 start = Int128(o) * window.strides[dim] - window.padBegin(dim);
  Int128 d = window.dilations[dim];
  // The first tap index i with start + d * i >= 0, and the last one with
  // start + d * i <= in - 1.
  Int128 first = start >= 0 ? 0 : (-start + d - 1) / d;
  Int128 lastInside = Int128(in) - 1 - start;
  if (lastInside < 0)
    return false;
  Int128 last = std::min<Int128>(lastInside / d, window.kernel[dim] - 1);
  return first <= last;
}

Status checkWindowsTouchInput(const Window2d &window, int dim, int64_t in,
                              int64_t out) {
  const char *name = dim == 0 ? "row" : "column";
  if (out == 0)
    return Status::ok();
  auto fail = [&](int64_t o) {
    return invalid(std::string("output ") + name + " " + std::to_string(o) +
                   " pools over padding only");
  };
  if (window.dilations[dim] <= in) {
    // Taps are at most `in` apart, so a window that reaches into [0, in)
    // from both sides has one inside: only the first and last can miss.
    if (!windowTouchesInput(window, dim, in, 0))
      return fail(0);
    if (!windowTouchesInput(window, dim, in, out - 1))
      return fail(out - 1);
    return Status::ok();
  }
  if (out > (int64_t(1) << 20))
    return invalid(std::string("dilation ") +
                   std::to_string(window.dilations[dim]) +
                   " exceeds the input size " + std::to_string(in) +
                   " with more than 2^20 outputs");
  for (int64_t o = 0; o < out; ++o)
    if (!windowTouchesInput(window, dim, in, o))
      return fail(o);
  return Status::ok();
}
} // namespace

StatusOr<Pool2dGeometry> inferPool2d(const std::vector<int64_t> &input,
                                     const Window2d &window) {
  if (input.size() != 4)
    return invalid("input must be NCHW (4 dimensions), it is " +
                   shapeToString(input));
  Pool2dGeometry g;
  g.n = input[0];
  g.c = input[1];
  g.h = input[2];
  g.w = input[3];
  g.window = window;
  TESSERA_ASSIGN_OR_RETURN(g.oh, windowOutputSize(window, 0, g.h));
  TESSERA_ASSIGN_OR_RETURN(g.ow, windowOutputSize(window, 1, g.w));
  TESSERA_RETURN_IF_ERROR(checkWindowsTouchInput(window, 0, g.h, g.oh));
  TESSERA_RETURN_IF_ERROR(checkWindowsTouchInput(window, 1, g.w, g.ow));
  return g;
}

} // namespace tessera::runtime
