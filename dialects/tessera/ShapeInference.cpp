//===- ShapeInference.cpp - Result shapes of tessera ops ------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "dialects/tessera/ShapeInference.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CheckedArithmetic.h"

using namespace mlir;
using namespace mlir::tessera;

std::string mlir::tessera::shapeToString(ArrayRef<int64_t> shape) {
  if (shape.empty())
    return "scalar";
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::interleave(shape, os, "x");
  return text;
}

static std::string listToString(ArrayRef<int64_t> values) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << '[';
  llvm::interleaveComma(values, os);
  os << ']';
  return text;
}

//===----------------------------------------------------------------------===//
// Broadcasting
//===----------------------------------------------------------------------===//

FailureOr<Shape>
mlir::tessera::inferBroadcastShape(std::optional<Location> location,
                                   ArrayRef<ArrayRef<int64_t>> shapes) {
  size_t rank = 0;
  for (ArrayRef<int64_t> shape : shapes)
    rank = std::max(rank, shape.size());
  Shape result(rank, 1);
  for (ArrayRef<int64_t> shape : shapes) {
    size_t offset = rank - shape.size();
    for (auto [i, size] : llvm::enumerate(shape)) {
      int64_t &out = result[offset + i];
      if (size == out || size == 1)
        continue;
      if (out != 1) {
        SmallVector<std::string> texts;
        for (ArrayRef<int64_t> s : shapes)
          texts.push_back(shapeToString(s));
        (void)emitOptionalError(location, "shapes ", llvm::join(texts, ", "),
                                " do not broadcast");
        return failure();
      }
      out = size;
    }
  }
  return result;
}

bool mlir::tessera::isBroadcastableTo(ArrayRef<int64_t> from,
                                      ArrayRef<int64_t> to) {
  if (from.size() > to.size())
    return false;
  size_t offset = to.size() - from.size();
  for (auto [i, size] : llvm::enumerate(from))
    if (size != 1 && size != to[offset + i])
      return false;
  return true;
}

LogicalResult mlir::tessera::inferBroadcastResultType(
    std::optional<Location> location, ValueRange operands,
    int64_t elementTypeFrom, SmallVectorImpl<Type> &types) {
  SmallVector<ArrayRef<int64_t>> shapes;
  for (Value operand : operands) {
    auto type = dyn_cast<RankedTensorType>(operand.getType());
    if (!type)
      return emitOptionalError(location, "expects ranked tensor operands");
    shapes.push_back(type.getShape());
  }
  FailureOr<Shape> shape = inferBroadcastShape(location, shapes);
  if (failed(shape))
    return failure();
  Type elementType =
      elementTypeFrom < 0
          ? IntegerType::get(operands.front().getContext(), 1)
          : cast<RankedTensorType>(operands[elementTypeFrom].getType())
                .getElementType();
  types.push_back(RankedTensorType::get(*shape, elementType));
  return success();
}

//===----------------------------------------------------------------------===//
// Matmul
//===----------------------------------------------------------------------===//

FailureOr<Shape> mlir::tessera::inferMatmulShape(std::optional<Location> location,
                                                 ArrayRef<int64_t> lhs,
                                                 ArrayRef<int64_t> rhs) {
  if (lhs.size() < 2 || rhs.size() < 2) {
    (void)emitOptionalError(location,
                            "expects operands of rank 2 or more, got ",
                            shapeToString(lhs), " and ", shapeToString(rhs));
    return failure();
  }
  int64_t k = lhs[lhs.size() - 1];
  if (k != rhs[rhs.size() - 2]) {
    (void)emitOptionalError(location, "contracting dimensions differ: lhs ",
                            shapeToString(lhs), " has K = ", k, ", rhs ",
                            shapeToString(rhs), " has K = ",
                            rhs[rhs.size() - 2]);
    return failure();
  }
  FailureOr<Shape> batch =
      inferBroadcastShape(location, {lhs.drop_back(2), rhs.drop_back(2)});
  if (failed(batch))
    return failure();
  batch->push_back(lhs[lhs.size() - 2]);
  batch->push_back(rhs.back());
  return batch;
}

//===----------------------------------------------------------------------===//
// Window ops
//===----------------------------------------------------------------------===//

FailureOr<int64_t> mlir::tessera::inferWindowedDim(
    std::optional<Location> location, int64_t size, int64_t window,
    int64_t stride, int64_t dilation, int64_t padLow, int64_t padHigh,
    bool ceilMode, StringRef dimName) {
  // Attributes come from untrusted models: compute without overflow.
  std::optional<int64_t> padded = llvm::checkedAdd(size, padLow);
  if (padded)
    padded = llvm::checkedAdd(*padded, padHigh);
  std::optional<int64_t> extent = llvm::checkedMul(dilation, window - 1);
  if (extent)
    extent = llvm::checkedAdd(*extent, int64_t(1));
  if (!padded || !extent) {
    (void)emitOptionalError(location, "window, dilation or padding of the ",
                            dimName, " dimension is too large");
    return failure();
  }
  if (*extent > *padded) {
    (void)emitOptionalError(location, "window of extent ", *extent,
                            " does not fit the padded ", dimName,
                            " dimension of size ", *padded);
    return failure();
  }
  int64_t span = *padded - *extent;
  int64_t out = span / stride + (ceilMode && span % stride != 0 ? 1 : 0) + 1;
  // As in ONNX and PyTorch, a last window that would start inside the high
  // padding is dropped.
  if (ceilMode && (out - 1) * stride >= size + padLow)
    --out;
  return out;
}

FailureOr<Shape> mlir::tessera::inferWindowed2dShape(
    std::optional<Location> location, ArrayRef<int64_t> inputHW,
    ArrayRef<int64_t> window, ArrayRef<int64_t> strides,
    ArrayRef<int64_t> padding, ArrayRef<int64_t> dilations, bool ceilMode,
    StringRef windowName) {
  auto checkCount = [&](ArrayRef<int64_t> values, size_t count, StringRef name,
                        int64_t minimum) -> LogicalResult {
    if (values.size() != count)
      return emitOptionalError(location, "expects ", count, " ", name,
                               " values, got ", values.size());
    for (int64_t v : values)
      if (v < minimum)
        return emitOptionalError(
            location, "expects ", name,
            minimum > 0 ? " to be positive" : " to be non-negative", ", got ",
            listToString(values));
    return success();
  };
  if (failed(checkCount(window, 2, windowName, 1)) ||
      failed(checkCount(strides, 2, "strides", 1)) ||
      failed(checkCount(padding, 4, "padding", 0)) ||
      failed(checkCount(dilations, 2, "dilations", 1)))
    return failure();
  Shape out;
  for (int d = 0; d < 2; ++d) {
    FailureOr<int64_t> size = inferWindowedDim(
        location, inputHW[d], window[d], strides[d], dilations[d], padding[d],
        padding[d + 2], ceilMode, d == 0 ? "height" : "width");
    if (failed(size))
      return failure();
    out.push_back(*size);
  }
  return out;
}

static LogicalResult verifyRank(std::optional<Location> location,
                                StringRef name, ArrayRef<int64_t> shape,
                                size_t rank, StringRef layout) {
  if (shape.size() == rank)
    return success();
  return emitOptionalError(location, "expects ", name, " of rank ", rank, " (",
                           layout, "), got ", shapeToString(shape));
}

FailureOr<Shape> mlir::tessera::inferConv2dShape(
    std::optional<Location> location, ArrayRef<int64_t> input,
    ArrayRef<int64_t> weight, ArrayRef<int64_t> strides,
    ArrayRef<int64_t> padding, ArrayRef<int64_t> dilations, int64_t groups) {
  if (failed(verifyRank(location, "input", input, 4, "N, C, H, W")) ||
      failed(verifyRank(location, "weight", weight, 4,
                        "F, C / groups, KH, KW")))
    return failure();
  if (groups < 1) {
    (void)emitOptionalError(location, "expects groups to be positive, got ",
                            groups);
    return failure();
  }
  std::optional<int64_t> channels = llvm::checkedMul(weight[1], groups);
  if (channels != input[1]) {
    (void)emitOptionalError(location, "input has ", input[1],
                            " channels but weight expects ", weight[1], " x ",
                            groups, " groups",
                            channels ? " = " + std::to_string(*channels)
                                     : std::string(" (overflows)"));
    return failure();
  }
  if (weight[0] % groups != 0) {
    (void)emitOptionalError(location, "expects the ", weight[0],
                            " filters to be a multiple of groups = ", groups);
    return failure();
  }
  FailureOr<Shape> hw =
      inferWindowed2dShape(location, input.drop_front(2), weight.drop_front(2),
                           strides, padding, dilations, /*ceilMode=*/false,
                           "kernel");
  if (failed(hw))
    return failure();
  return Shape{input[0], weight[0], (*hw)[0], (*hw)[1]};
}

FailureOr<Shape> mlir::tessera::inferPool2dShape(
    std::optional<Location> location, ArrayRef<int64_t> input,
    ArrayRef<int64_t> kernel, ArrayRef<int64_t> strides,
    ArrayRef<int64_t> padding, ArrayRef<int64_t> dilations, bool ceilMode) {
  if (failed(verifyRank(location, "input", input, 4, "N, C, H, W")))
    return failure();
  FailureOr<Shape> hw = inferWindowed2dShape(
      location, input.drop_front(2), kernel, strides, padding, dilations,
      ceilMode, "kernel");
  if (failed(hw))
    return failure();
  // A window made only of padding would have nothing to pool.
  for (int d = 0; d < 2; ++d) {
    if (padding[d] >= kernel[d] || padding[d + 2] >= kernel[d]) {
      (void)emitOptionalError(location, "expects padding smaller than the ",
                              "kernel, got padding ", listToString(padding),
                              " for kernel ", listToString(kernel));
      return failure();
    }
  }
  return Shape{input[0], input[1], (*hw)[0], (*hw)[1]};
}

//===----------------------------------------------------------------------===//
// Axes
//===----------------------------------------------------------------------===//

LogicalResult mlir::tessera::verifyAxis(std::optional<Location> location,
                                        int64_t axis, int64_t rank,
                                        StringRef name) {
  if (axis >= 0 && axis < rank)
    return success();
  return emitOptionalError(location, name, " ", axis,
                           " is out of range for rank ", rank);
}

FailureOr<Shape> mlir::tessera::inferReduceShape(
    std::optional<Location> location, ArrayRef<int64_t> input,
    ArrayRef<int64_t> axes, bool keepDims) {
  if (axes.empty()) {
    (void)emitOptionalError(location, "expects at least one axis");
    return failure();
  }
  for (auto [i, axis] : llvm::enumerate(axes)) {
    if (failed(verifyAxis(location, axis, input.size())))
      return failure();
    if (i > 0 && axes[i - 1] >= axis) {
      (void)emitOptionalError(location,
                              "expects sorted, distinct axes, got ",
                              listToString(axes));
      return failure();
    }
  }
  Shape out;
  for (auto [dim, size] : llvm::enumerate(input)) {
    if (!llvm::is_contained(axes, static_cast<int64_t>(dim)))
      out.push_back(size);
    else if (keepDims)
      out.push_back(1);
  }
  return out;
}

LogicalResult mlir::tessera::verifyPermutation(std::optional<Location> location,
                                               ArrayRef<int64_t> permutation,
                                               int64_t rank) {
  SmallVector<bool> seen(rank, false);
  bool ok = static_cast<int64_t>(permutation.size()) == rank;
  for (int64_t p : permutation) {
    if (!ok || p < 0 || p >= rank || seen[p]) {
      ok = false;
      break;
    }
    seen[p] = true;
  }
  if (ok)
    return success();
  return emitOptionalError(location, "permutation ", listToString(permutation),
                           " is not a permutation of the ", rank,
                           " dimensions");
}

FailureOr<Shape>
mlir::tessera::inferTransposeShape(std::optional<Location> location,
                                   ArrayRef<int64_t> input,
                                   ArrayRef<int64_t> permutation) {
  if (failed(verifyPermutation(location, permutation, input.size())))
    return failure();
  Shape out;
  for (int64_t p : permutation)
    out.push_back(input[p]);
  return out;
}

FailureOr<Shape>
mlir::tessera::inferConcatShape(std::optional<Location> location,
                                ArrayRef<ArrayRef<int64_t>> inputs,
                                int64_t axis) {
  if (inputs.empty()) {
    (void)emitOptionalError(location, "expects at least one input");
    return failure();
  }
  ArrayRef<int64_t> first = inputs.front();
  if (failed(verifyAxis(location, axis, first.size())))
    return failure();
  Shape out(first);
  for (auto [index, shape] : llvm::enumerate(inputs.drop_front())) {
    bool compatible = shape.size() == first.size();
    for (size_t d = 0; compatible && d < shape.size(); ++d)
      compatible = static_cast<int64_t>(d) == axis || shape[d] == first[d];
    if (!compatible) {
      (void)emitOptionalError(location, "input #", index + 1, " of shape ",
                              shapeToString(shape),
                              " does not match input #0 of shape ",
                              shapeToString(first), " outside axis ", axis);
      return failure();
    }
    out[axis] += shape[axis];
  }
  return out;
}

FailureOr<SmallVector<Shape>>
mlir::tessera::inferSplitShapes(std::optional<Location> location,
                                ArrayRef<int64_t> input, int64_t axis,
                                ArrayRef<int64_t> sizes) {
  if (failed(verifyAxis(location, axis, input.size())))
    return failure();
  int64_t total = 0;
  for (int64_t size : sizes) {
    if (size < 0) {
      (void)emitOptionalError(location, "expects non-negative sizes, got ",
                              listToString(sizes));
      return failure();
    }
    total += size;
  }
  if (sizes.empty() || total != input[axis]) {
    (void)emitOptionalError(location, "sizes ", listToString(sizes),
                            " do not add up to dimension ", axis,
                            " of size ", input[axis]);
    return failure();
  }
  SmallVector<Shape> out;
  for (int64_t size : sizes) {
    Shape piece(input);
    piece[axis] = size;
    out.push_back(std::move(piece));
  }
  return out;
}

int64_t mlir::tessera::getSliceSize(int64_t start, int64_t limit,
                                    int64_t step) {
  // Written so that no step, however large, overflows.
  if (step > 0)
    return limit > start ? 1 + (limit - start - 1) / step : 0;
  if (start <= limit)
    return 0;
  uint64_t span = static_cast<uint64_t>(start - limit - 1);
  return 1 + static_cast<int64_t>(span / (0 - static_cast<uint64_t>(step)));
}

FailureOr<Shape> mlir::tessera::inferSliceShape(
    std::optional<Location> location, ArrayRef<int64_t> input,
    ArrayRef<int64_t> starts, ArrayRef<int64_t> limits,
    ArrayRef<int64_t> steps) {
  size_t rank = input.size();
  if (starts.size() != rank || limits.size() != rank || steps.size() != rank) {
    (void)emitOptionalError(location, "expects ", rank,
                            " starts, limits and steps (one per dimension), "
                            "got ",
                            starts.size(), ", ", limits.size(), " and ",
                            steps.size());
    return failure();
  }
  Shape out;
  for (size_t d = 0; d < rank; ++d) {
    int64_t size = input[d], start = starts[d], limit = limits[d],
            step = steps[d];
    bool ok;
    if (step > 0)
      ok = 0 <= start && start <= limit && limit <= size;
    else if (step < 0)
      ok = -1 <= limit && limit <= start && 0 <= start && start < size;
    else
      ok = false;
    if (!ok) {
      (void)emitOptionalError(location, "slice ", start, ":", limit, ":", step,
                              " of dimension ", d, " (size ", size,
                              ") is out of range");
      return failure();
    }
    out.push_back(getSliceSize(start, limit, step));
  }
  return out;
}

FailureOr<Shape> mlir::tessera::inferGatherShape(std::optional<Location> location,
                                                 ArrayRef<int64_t> data,
                                                 ArrayRef<int64_t> indices,
                                                 int64_t axis) {
  if (failed(verifyAxis(location, axis, data.size())))
    return failure();
  Shape out(data.take_front(axis));
  out.append(indices.begin(), indices.end());
  out.append(data.begin() + axis + 1, data.end());
  return out;
}

FailureOr<Shape> mlir::tessera::inferPadShape(std::optional<Location> location,
                                              ArrayRef<int64_t> input,
                                              ArrayRef<int64_t> low,
                                              ArrayRef<int64_t> high,
                                              bool reflect, bool edge) {
  if (low.size() != input.size() || high.size() != input.size()) {
    (void)emitOptionalError(location, "expects ", input.size(),
                            " low and high pads (one per dimension), got ",
                            low.size(), " and ", high.size());
    return failure();
  }
  Shape out;
  for (auto [d, size] : llvm::enumerate(input)) {
    if (low[d] < 0 || high[d] < 0) {
      (void)emitOptionalError(location, "expects non-negative pads, got low ",
                              listToString(low), " high ", listToString(high));
      return failure();
    }
    if (reflect && (low[d] >= size || high[d] >= size) &&
        (low[d] > 0 || high[d] > 0)) {
      (void)emitOptionalError(location, "reflect pads of dimension ", d,
                              " must be smaller than its size ", size);
      return failure();
    }
    if (edge && size == 0 && (low[d] > 0 || high[d] > 0)) {
      (void)emitOptionalError(location, "edge padding of dimension ", d,
                              " has no element to repeat");
      return failure();
    }
    std::optional<int64_t> padded = llvm::checkedAdd(size, low[d]);
    if (padded)
      padded = llvm::checkedAdd(*padded, high[d]);
    if (!padded) {
      (void)emitOptionalError(location, "pads of dimension ", d,
                              " are too large");
      return failure();
    }
    out.push_back(*padded);
  }
  return out;
}

LogicalResult mlir::tessera::verifyParameterShape(
    std::optional<Location> location, StringRef name, ArrayRef<int64_t> actual,
    ArrayRef<int64_t> expected) {
  if (actual == expected)
    return success();
  return emitOptionalError(location, "expects ", name, " of shape ",
                           shapeToString(expected), ", got ",
                           shapeToString(actual));
}
