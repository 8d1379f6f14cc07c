//===- ShapeInference.h - Result shapes of tessera ops ------------*- C++ -*-===//
//
// Part of Tessera. The shape rules of the tessera ops, written once and used
// by result type inference, by the verifiers and by the importer. Each
// function reports what is wrong at `location` when one is given (as
// InferTypeOpInterface does) and stays silent otherwise.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_DIALECTS_TESSERA_SHAPEINFERENCE_H
#define TESSERA_DIALECTS_TESSERA_SHAPEINFERENCE_H

#include "mlir/IR/Location.h"
#include "mlir/IR/Types.h"
#include "mlir/IR/ValueRange.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace mlir::tessera {

using Shape = llvm::SmallVector<int64_t, 4>;

/// The NumPy broadcast of `shapes`: aligned at the last dimension, each
/// dimension equal or 1.
FailureOr<Shape> inferBroadcastShape(std::optional<Location> location,
                                     llvm::ArrayRef<llvm::ArrayRef<int64_t>> shapes);

/// Whether `from` broadcasts to exactly `to`.
bool isBroadcastableTo(llvm::ArrayRef<int64_t> from, llvm::ArrayRef<int64_t> to);

/// The result type of an elementwise op over `operands` (ranked tensors):
/// the broadcast shape with the element type of operand
/// `elementTypeFrom`, or i1 when it is negative.
LogicalResult inferBroadcastResultType(std::optional<Location> location,
                                       ValueRange operands,
                                       int64_t elementTypeFrom,
                                       llvm::SmallVectorImpl<Type> &types);

/// `[..., M, K] x [..., K, N] -> [broadcast(...), M, N]`.
FailureOr<Shape> inferMatmulShape(std::optional<Location> location,
                                  llvm::ArrayRef<int64_t> lhs,
                                  llvm::ArrayRef<int64_t> rhs);

/// Output size of one spatial dimension of a window op, or failure when the
/// window does not fit.
FailureOr<int64_t> inferWindowedDim(std::optional<Location> location,
                                    int64_t size, int64_t window,
                                    int64_t stride, int64_t dilation,
                                    int64_t padLow, int64_t padHigh,
                                    bool ceilMode, llvm::StringRef dimName);

/// Checks the attributes shared by 2-D window ops (two values each for
/// the window, strides, dilations; four for padding; all positive but
/// padding, which is non-negative) and gives the output `[HO, WO]`.
/// `windowName` names the window attribute in messages.
FailureOr<Shape> inferWindowed2dShape(std::optional<Location> location,
                                      llvm::ArrayRef<int64_t> inputHW,
                                      llvm::ArrayRef<int64_t> window,
                                      llvm::ArrayRef<int64_t> strides,
                                      llvm::ArrayRef<int64_t> padding,
                                      llvm::ArrayRef<int64_t> dilations,
                                      bool ceilMode, llvm::StringRef windowName);

/// Conv2d: input [N, C, H, W], weight [F, C/groups, KH, KW].
FailureOr<Shape> inferConv2dShape(std::optional<Location> location,
                                  llvm::ArrayRef<int64_t> input,
                                  llvm::ArrayRef<int64_t> weight,
                                  llvm::ArrayRef<int64_t> strides,
                                  llvm::ArrayRef<int64_t> padding,
                                  llvm::ArrayRef<int64_t> dilations,
                                  int64_t groups);

/// Pooling over [N, C, H, W].
FailureOr<Shape> inferPool2dShape(std::optional<Location> location,
                                  llvm::ArrayRef<int64_t> input,
                                  llvm::ArrayRef<int64_t> kernel,
                                  llvm::ArrayRef<int64_t> strides,
                                  llvm::ArrayRef<int64_t> padding,
                                  llvm::ArrayRef<int64_t> dilations,
                                  bool ceilMode);

/// Checks that `axis` is a dimension of a tensor of `rank`.
LogicalResult verifyAxis(std::optional<Location> location, int64_t axis,
                         int64_t rank, llvm::StringRef name = "axis");

/// Reduction over sorted, distinct, non-empty `axes`.
FailureOr<Shape> inferReduceShape(std::optional<Location> location,
                                  llvm::ArrayRef<int64_t> input,
                                  llvm::ArrayRef<int64_t> axes, bool keepDims);

/// Checks that `permutation` is a permutation of [0, rank).
LogicalResult verifyPermutation(std::optional<Location> location,
                                llvm::ArrayRef<int64_t> permutation,
                                int64_t rank);

FailureOr<Shape> inferTransposeShape(std::optional<Location> location,
                                     llvm::ArrayRef<int64_t> input,
                                     llvm::ArrayRef<int64_t> permutation);

FailureOr<Shape> inferConcatShape(std::optional<Location> location,
                                  llvm::ArrayRef<llvm::ArrayRef<int64_t>> inputs,
                                  int64_t axis);

FailureOr<llvm::SmallVector<Shape>>
inferSplitShapes(std::optional<Location> location,
                 llvm::ArrayRef<int64_t> input, int64_t axis,
                 llvm::ArrayRef<int64_t> sizes);

/// Number of elements a slice of a dimension takes (see tessera.slice).
int64_t getSliceSize(int64_t start, int64_t limit, int64_t step);

FailureOr<Shape> inferSliceShape(std::optional<Location> location,
                                 llvm::ArrayRef<int64_t> input,
                                 llvm::ArrayRef<int64_t> starts,
                                 llvm::ArrayRef<int64_t> limits,
                                 llvm::ArrayRef<int64_t> steps);

FailureOr<Shape> inferGatherShape(std::optional<Location> location,
                                  llvm::ArrayRef<int64_t> data,
                                  llvm::ArrayRef<int64_t> indices,
                                  int64_t axis);

/// Pad by `low` and `high`; `reflect` needs each pad smaller than its
/// dimension, `edge` a non-empty dimension to repeat.
FailureOr<Shape> inferPadShape(std::optional<Location> location,
                               llvm::ArrayRef<int64_t> input,
                               llvm::ArrayRef<int64_t> low,
                               llvm::ArrayRef<int64_t> high, bool reflect,
                               bool edge);

/// Checks that a normalization's parameter has shape `expected` (the
/// normalized or channel dimensions).
LogicalResult verifyParameterShape(std::optional<Location> location,
                                   llvm::StringRef name,
                                   llvm::ArrayRef<int64_t> actual,
                                   llvm::ArrayRef<int64_t> expected);

/// Prints a shape as `2x3x4` (`scalar` for rank 0), for diagnostics.
std::string shapeToString(llvm::ArrayRef<int64_t> shape);

} // namespace mlir::tessera

#endif // TESSERA_DIALECTS_TESSERA_SHAPEINFERENCE_H
