//===- ConvertShape.cpp - Shape, data movement and constant ONNX ops ------===//
//
// Part of Tessera. Constant, Shape, ConstantOfShape, Range, Reshape,
// Unsqueeze, Squeeze, Flatten's relatives, Concat, Split, Slice, Transpose,
// Expand, Gather, Pad and Trilu. With static shapes, Shape is a constant and
// every shape computation built on it folds as it is imported, so the shape
// inputs of Reshape, Expand, Slice, ... are constants by the time they are
// read.
//
//===----------------------------------------------------------------------===//

#include "compiler/import/onnx/ImporterImpl.h"

#include "dialects/tessera/ShapeInference.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::onnx_import;

namespace {

LogicalResult bind(NodeContext &ctx, FailureOr<Value> value) {
  if (failed(value))
    return failure();
  return ctx.setOutput(0, *value);
}

ArrayRef<int64_t> shapeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getShape();
}

/// The number of elements of `shape`, or failure (with an error) when it is
/// negative or absurd.
FailureOr<int64_t> checkedElementCount(NodeContext &ctx,
                                       ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t size : shape) {
    if (size < 0 || (size > 0 && count > kMaxTensorElements / size)) {
      ctx.emitError() << "shape " << shapeToString(shape)
                      << " is negative or absurdly large";
      return failure();
    }
    count *= size;
  }
  return count;
}

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

LogicalResult convertConstant(NodeContext &ctx) {
  Builder b(ctx.getContext());
  auto vector = [&](Type element, auto values) -> ElementsAttr {
    auto type = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                      element);
    return DenseElementsAttr::get(type, ArrayRef(values));
  };
  auto scalar = [&](Attribute value) -> ElementsAttr {
    auto type = RankedTensorType::get(
        {}, cast<TypedAttr>(value).getType());
    return DenseElementsAttr::get(type, value);
  };
  if (ctx.getNumInputs() != 0 || ctx.getContext() == nullptr)
    return ctx.emitError() << "takes no inputs";
  for (const char *name : {"sparse_value", "value_string", "value_strings"}) {
    if (ctx.findAttr(name))
      return ctx.emitError() << "a constant given as " << name
                             << " is not supported";
  }
  FailureOr<ElementsAttr> value = failure();
  if (const onnx::AttributeProto *attr = ctx.findAttr("value_float")) {
    FailureOr<float> f = ctx.getFloat("value_float", std::nullopt);
    if (failed(f))
      return failure();
    value = scalar(b.getF32FloatAttr(*f));
    (void)attr;
  } else if (ctx.findAttr("value_int")) {
    FailureOr<int64_t> i = ctx.getInt("value_int", std::nullopt);
    if (failed(i))
      return failure();
    value = scalar(b.getI64IntegerAttr(*i));
  } else if (const onnx::AttributeProto *attr = ctx.findAttr("value_floats")) {
    if (attr->type() != onnx::AttributeProto::FLOATS)
      return ctx.emitError() << "attribute 'value_floats' must be FLOATS";
    value = vector(b.getF32Type(),
                   SmallVector<float>(attr->floats().begin(),
                                      attr->floats().end()));
  } else if (ctx.findAttr("value_ints")) {
    FailureOr<SmallVector<int64_t>> ints = ctx.getInts("value_ints", std::nullopt);
    if (failed(ints))
      return failure();
    value = vector(b.getI64Type(), *ints);
  } else {
    value = ctx.getTensor("value");
  }
  if (failed(value))
    return failure();
  return ctx.setOutput(0, createConstant(ctx.builder, ctx.loc, *value));
}

LogicalResult convertShape(NodeContext &ctx) {
  FailureOr<Value> x = ctx.requiredInput(0);
  FailureOr<int64_t> start = ctx.getInt("start", 0);
  if (failed(x) || failed(start))
    return failure();
  ArrayRef<int64_t> shape = shapeOf(*x);
  int64_t rank = shape.size();
  FailureOr<int64_t> end = ctx.getInt("end", rank);
  if (failed(end))
    return failure();
  // Negative bounds count from the end; both are clamped to [0, rank].
  auto clamp = [&](int64_t v) {
    return std::clamp<int64_t>(v < 0 ? v + rank : v, 0, rank);
  };
  int64_t from = clamp(*start), to = std::max(from, clamp(*end));
  return ctx.setOutput(
      0, createI64Vector(ctx.builder, ctx.loc, shape.slice(from, to - from)));
}

LogicalResult convertSize(NodeContext &ctx) {
  FailureOr<Value> x = ctx.requiredInput(0);
  if (failed(x))
    return failure();
  auto type = RankedTensorType::get({}, ctx.builder.getI64Type());
  int64_t count = cast<RankedTensorType>(x->getType()).getNumElements();
  return ctx.setOutput(0, createConstant(ctx.builder, ctx.loc,
                                         DenseElementsAttr::get(type, count)));
}

LogicalResult convertConstantOfShape(NodeContext &ctx) {
  FailureOr<SmallVector<int64_t>> shape = ctx.intsInput(0, "the shape input");
  if (failed(shape) || failed(checkedElementCount(ctx, *shape)))
    return failure();
  Attribute element;
  if (ctx.findAttr("value")) {
    FailureOr<ElementsAttr> value = ctx.getTensor("value");
    if (failed(value))
      return failure();
    auto dense = dyn_cast<DenseElementsAttr>(*value);
    if (!dense || dense.getNumElements() != 1)
      return ctx.emitError() << "value must hold exactly one element";
    element = dense.getValues<Attribute>()[0];
  } else {
    element = ctx.builder.getF32FloatAttr(0.0f);
  }
  auto type =
      RankedTensorType::get(*shape, cast<TypedAttr>(element).getType());
  return ctx.setOutput(0, createConstant(ctx.builder, ctx.loc,
                                         DenseElementsAttr::get(type, element)));
}

LogicalResult convertRange(NodeContext &ctx) {
  // The range is built as a constant: its length must be reasonable.
  constexpr int64_t kMaxRangeElements = int64_t(1) << 24;
  FailureOr<DenseElementsAttr> start = ctx.constantInput(0, "start");
  if (failed(start))
    return failure();
  Type element = start->getElementType();
  if (!isa<FloatType>(element)) {
    // Integers exactly, in 128 bits: limit - start of two int64 values may
    // not fit 64, nor do they round-trip through double.
    FailureOr<SmallVector<int64_t>> first = ctx.intsInput(0, "start");
    FailureOr<SmallVector<int64_t>> last = ctx.intsInput(1, "limit");
    FailureOr<SmallVector<int64_t>> delta = ctx.intsInput(2, "delta");
    if (failed(first) || failed(last) || failed(delta))
      return failure();
    if (first->size() != 1 || last->size() != 1 || delta->size() != 1)
      return ctx.emitError() << "start, limit and delta must be scalars";
    auto wide = [](int64_t v) { return APInt(128, v, /*isSigned=*/true); };
    APInt span = wide(last->front()) - wide(first->front());
    APInt step = wide(delta->front());
    if (step.isZero())
      return ctx.emitError() << "delta must not be zero";
    int64_t count = 0;
    if (!span.isZero() && span.isNegative() == step.isNegative()) {
      APInt quotient = span.sdiv(step); // positive: rounds down
      if (quotient * step != span)
        quotient += 1;
      if (quotient.sgt(kMaxRangeElements))
        return ctx.emitError() << "the range has too many elements";
      count = quotient.getSExtValue();
    }
    unsigned width = element.getIntOrFloatBitWidth();
    SmallVector<APInt> values;
    for (int64_t i = 0; i < count; ++i)
      values.push_back((wide(first->front()) + wide(i) * step).trunc(width));
    auto type = RankedTensorType::get({count}, element);
    return ctx.setOutput(0, createConstant(ctx.builder, ctx.loc,
                                           DenseElementsAttr::get(type, values)));
  }
  FailureOr<double> startValue = ctx.scalarInput(0, "start");
  FailureOr<double> limit = ctx.scalarInput(1, "limit");
  FailureOr<double> delta = ctx.scalarInput(2, "delta");
  if (failed(startValue) || failed(limit) || failed(delta))
    return failure();
  if (*delta == 0.0 || std::isnan(*delta))
    return ctx.emitError() << "delta must not be zero";
  double steps = std::ceil((*limit - *startValue) / *delta);
  if (!(steps < kMaxRangeElements))
    return ctx.emitError() << "the range has too many elements (or a NaN or "
                              "infinite bound)";
  int64_t count = std::max<int64_t>(0, static_cast<int64_t>(steps));
  auto type = RankedTensorType::get({count}, element);
  SmallVector<APFloat> values;
  for (int64_t i = 0; i < count; ++i) {
    APFloat v(*startValue + i * *delta);
    bool losesInfo;
    v.convert(cast<FloatType>(element).getFloatSemantics(),
              APFloat::rmNearestTiesToEven, &losesInfo);
    values.push_back(v);
  }
  return ctx.setOutput(0, createConstant(ctx.builder, ctx.loc,
                                         DenseElementsAttr::get(type, values)));
}

//===----------------------------------------------------------------------===//
// Reshapes
//===----------------------------------------------------------------------===//

LogicalResult convertReshape(NodeContext &ctx) {
  FailureOr<Value> x = ctx.requiredInput(0);
  FailureOr<SmallVector<int64_t>> requested = ctx.intsInput(1, "the shape input");
  FailureOr<int64_t> allowZero = ctx.getInt("allowzero", 0);
  if (failed(x) || failed(requested) || failed(allowZero))
    return failure();
  ArrayRef<int64_t> input = shapeOf(*x);
  SmallVector<int64_t> shape;
  std::optional<size_t> inferred;
  int64_t known = 1;
  for (auto [i, size] : llvm::enumerate(*requested)) {
    if (size == -1) {
      if (inferred)
        return ctx.emitError() << "the shape has more than one -1";
      inferred = i;
      shape.push_back(1);
      continue;
    }
    if (size == 0 && !*allowZero) {
      if (i >= input.size())
        return ctx.emitError() << "shape value 0 at position " << i
                               << " has no input dimension to copy";
      size = input[i];
    }
    if (size < 0)
      return ctx.emitError() << "shape value " << size << " is invalid";
    shape.push_back(size);
  }
  FailureOr<int64_t> knownCount = checkedElementCount(ctx, shape);
  if (failed(knownCount))
    return failure();
  known = *knownCount;
  int64_t total = cast<RankedTensorType>(x->getType()).getNumElements();
  if (inferred) {
    if (known == 0 || total % known != 0)
      return ctx.emitError() << "cannot infer the -1 of shape ["
                             << llvm::join(llvm::map_range(*requested,
                                                           [](int64_t v) {
                                                             return std::to_string(v);
                                                           }),
                                           ", ")
                             << "] for " << total << " elements";
    shape[*inferred] = total / known;
  }
  return bind(ctx, ctx.reshape(*x, shape));
}

LogicalResult convertUnsqueeze(NodeContext &ctx) {
  FailureOr<Value> x = ctx.requiredInput(0);
  FailureOr<SmallVector<int64_t>> axes = ctx.intsInput(1, "the axes input");
  if (failed(x) || failed(axes))
    return failure();
  ArrayRef<int64_t> input = shapeOf(*x);
  int64_t rank = input.size() + axes->size();
  SmallVector<bool> inserted(rank, false);
  for (int64_t axis : *axes) {
    FailureOr<int64_t> normalized = ctx.normalizeAxis(axis, rank, "axes value");
    if (failed(normalized))
      return failure();
    if (inserted[*normalized])
      return ctx.emitError() << "axes value " << axis << " is repeated";
    inserted[*normalized] = true;
  }
  SmallVector<int64_t> shape;
  auto next = input.begin();
  for (int64_t d = 0; d < rank; ++d)
    shape.push_back(inserted[d] ? 1 : *next++);
  return bind(ctx, ctx.reshape(*x, shape));
}

LogicalResult convertSqueeze(NodeContext &ctx) {
  FailureOr<Value> x = ctx.requiredInput(0);
  if (failed(x))
    return failure();
  ArrayRef<int64_t> input = shapeOf(*x);
  int64_t rank = input.size();
  SmallVector<bool> removed(rank, false);
  if (ctx.hasInput(1)) {
    FailureOr<SmallVector<int64_t>> axes = ctx.intsInput(1, "the axes input");
    if (failed(axes))
      return failure();
    for (int64_t axis : *axes) {
      FailureOr<int64_t> d = ctx.normalizeAxis(axis, rank, "axes value");
      if (failed(d))
        return failure();
      if (input[*d] != 1)
        return ctx.emitError() << "cannot squeeze dimension " << *d
                               << " of size " << input[*d];
      removed[*d] = true;
    }
  } else {
    for (int64_t d = 0; d < rank; ++d)
      removed[d] = input[d] == 1;
  }
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d)
    if (!removed[d])
      shape.push_back(input[d]);
  return bind(ctx, ctx.reshape(*x, shape));
}

LogicalResult convertExpand(NodeContext &ctx) {
  FailureOr<Value> x = ctx.requiredInput(0);
  FailureOr<SmallVector<int64_t>> requested = ctx.intsInput(1, "the shape input");
  if (failed(x) || failed(requested))
    return failure();
  // Expand broadcasts both ways: the shape may have 1 where the input is
  // larger.
  FailureOr<Shape> shape =
      inferBroadcastShape(ctx.loc, {shapeOf(*x), ArrayRef(*requested)});
  if (failed(shape) || failed(checkedElementCount(ctx, *shape)))
    return failure();
  return bind(ctx, ctx.broadcastTo(*x, *shape));
}

//===----------------------------------------------------------------------===//
// Joining, cutting, permuting
//===----------------------------------------------------------------------===//

LogicalResult convertConcat(NodeContext &ctx) {
  FailureOr<int64_t> axis = ctx.getInt("axis", std::nullopt);
  if (failed(axis))
    return failure();
  SmallVector<Value> inputs;
  for (unsigned i = 0; i < ctx.getNumInputs(); ++i) {
    FailureOr<Value> input = ctx.requiredInput(i);
    if (failed(input))
      return failure();
    inputs.push_back(*input);
  }
  if (inputs.empty())
    return ctx.emitError() << "needs at least one input";
  FailureOr<int64_t> normalized =
      ctx.normalizeAxis(*axis, shapeOf(inputs.front()).size());
  if (failed(normalized))
    return failure();
  return bind(ctx, ctx.create<ConcatOp>(inputs, *normalized));
}

LogicalResult convertSplit(NodeContext &ctx) {
  FailureOr<Value> x = ctx.requiredInput(0);
  FailureOr<int64_t> axis = ctx.getInt("axis", 0);
  if (failed(x) || failed(axis))
    return failure();
  ArrayRef<int64_t> shape = shapeOf(*x);
  FailureOr<int64_t> d = ctx.normalizeAxis(*axis, shape.size());
  if (failed(d))
    return failure();
  int64_t size = shape[*d];
  SmallVector<int64_t> sizes;
  if (ctx.hasInput(1)) {
    FailureOr<SmallVector<int64_t>> given = ctx.intsInput(1, "the split input");
    if (failed(given))
      return failure();
    sizes = *given;
  } else {
    // num_outputs (opset 18) or one piece per output: equal pieces, the last
    // one smaller when the size does not divide.
    int64_t pieces = ctx.getNumOutputs();
    if (ctx.findAttr("num_outputs")) {
      FailureOr<int64_t> n = ctx.getInt("num_outputs", std::nullopt);
      if (failed(n))
        return failure();
      // Checked before the pieces are counted out: num_outputs comes from
      // the model and may be anything.
      if (*n != pieces)
        return ctx.emitError() << "num_outputs is " << *n << " but the node has "
                               << pieces << " outputs";
    }
    if (pieces <= 0)
      return ctx.emitError() << "needs at least one output";
    int64_t piece = (size + pieces - 1) / pieces;
    for (int64_t i = 0, left = size; i < pieces; ++i, left -= piece)
      sizes.push_back(std::clamp<int64_t>(left, 0, piece));
  }
  if (static_cast<int64_t>(sizes.size()) != ctx.getNumOutputs())
    return ctx.emitError() << "splits into " << sizes.size()
                           << " pieces but has " << ctx.getNumOutputs()
                           << " outputs";
  FailureOr<SmallVector<Value>> pieces =
      ctx.createResults<SplitOp>(sizes.size(), *x, *d, sizes);
  if (failed(pieces))
    return failure();
  for (auto [i, piece] : llvm::enumerate(*pieces))
    if (failed(ctx.setOutput(i, piece)))
      return failure();
  return success();
}

LogicalResult convertSlice(NodeContext &ctx) {
  FailureOr<Value> x = ctx.requiredInput(0);
  FailureOr<SmallVector<int64_t>> starts = ctx.intsInput(1, "starts");
  FailureOr<SmallVector<int64_t>> ends = ctx.intsInput(2, "ends");
  if (failed(x) || failed(starts) || failed(ends))
    return failure();
  ArrayRef<int64_t> shape = shapeOf(*x);
  int64_t rank = shape.size();
  size_t count = starts->size();
  SmallVector<int64_t> axes = llvm::to_vector(llvm::seq<int64_t>(0, count));
  SmallVector<int64_t> steps(count, 1);
  if (ctx.hasInput(3)) {
    FailureOr<SmallVector<int64_t>> given = ctx.intsInput(3, "axes");
    if (failed(given))
      return failure();
    axes = *given;
  }
  if (ctx.hasInput(4)) {
    FailureOr<SmallVector<int64_t>> given = ctx.intsInput(4, "steps");
    if (failed(given))
      return failure();
    steps = *given;
  }
  if (ends->size() != count || axes.size() != count || steps.size() != count)
    return ctx.emitError() << "starts, ends, axes and steps differ in length";

  // Every dimension starts as the whole of it; the listed axes are clamped
  // as ONNX specifies.
  SmallVector<int64_t> from(rank, 0), to(shape), by(rank, 1);
  SmallVector<bool> seen(rank, false);
  for (size_t i = 0; i < count; ++i) {
    FailureOr<int64_t> d = ctx.normalizeAxis(axes[i], rank, "axes value");
    if (failed(d))
      return failure();
    if (seen[*d])
      return ctx.emitError() << "axis " << *d << " is sliced twice";
    seen[*d] = true;
    int64_t size = shape[*d], step = steps[i];
    if (step == 0)
      return ctx.emitError() << "steps must not be zero";
    auto wrap = [&](int64_t v) {
      return v < 0 ? (v < -size ? -1 : v + size) : v;
    };
    int64_t start = wrap((*starts)[i]), end = wrap((*ends)[i]);
    if (step > 0) {
      start = std::clamp<int64_t>(start, 0, size);
      end = std::clamp<int64_t>(end, start, size);
    } else if (size == 0) {
      start = end = 0;
      step = 1;
    } else {
      start = std::clamp<int64_t>(start, 0, size - 1);
      end = std::clamp<int64_t>(end, -1, start);
    }
    from[*d] = start;
    to[*d] = end;
    by[*d] = step;
  }
  return bind(ctx, ctx.create<SliceOp>(*x, from, to, by));
}

LogicalResult convertTranspose(NodeContext &ctx) {
  FailureOr<Value> x = ctx.requiredInput(0);
  if (failed(x))
    return failure();
  int64_t rank = shapeOf(*x).size();
  SmallVector<int64_t> reversed =
      llvm::to_vector(llvm::reverse(llvm::seq<int64_t>(0, rank)));
  FailureOr<SmallVector<int64_t>> perm = ctx.getInts("perm", reversed);
  if (failed(perm))
    return failure();
  return bind(ctx, ctx.create<TransposeOp>(*x, *perm));
}

LogicalResult convertGather(NodeContext &ctx) {
  FailureOr<Value> data = ctx.requiredInput(0);
  FailureOr<Value> indices = ctx.requiredInput(1);
  FailureOr<int64_t> axis = ctx.getInt("axis", 0);
  if (failed(data) || failed(indices) || failed(axis))
    return failure();
  FailureOr<int64_t> d = ctx.normalizeAxis(*axis, shapeOf(*data).size());
  if (failed(d))
    return failure();
  return bind(ctx, ctx.create<GatherOp>(*data, *indices, *d));
}

LogicalResult convertPad(NodeContext &ctx) {
  FailureOr<Value> x = ctx.requiredInput(0);
  FailureOr<SmallVector<int64_t>> pads = ctx.intsInput(1, "the pads input");
  FailureOr<std::string> modeName = ctx.getString("mode", "constant");
  if (failed(x) || failed(pads) || failed(modeName))
    return failure();
  PadMode mode;
  if (*modeName == "constant")
    mode = PadMode::Constant;
  else if (*modeName == "reflect")
    mode = PadMode::Reflect;
  else if (*modeName == "edge")
    mode = PadMode::Edge;
  else
    return ctx.emitError() << "pad mode '" << *modeName
                           << "' is not supported (constant, reflect, edge)";
  double value = 0.0;
  if (ctx.hasInput(2)) {
    FailureOr<double> given = ctx.scalarInput(2, "constant_value");
    if (failed(given))
      return failure();
    value = *given;
  }
  ArrayRef<int64_t> shape = shapeOf(*x);
  int64_t rank = shape.size();
  SmallVector<int64_t> axes = llvm::to_vector(llvm::seq<int64_t>(0, rank));
  if (ctx.hasInput(3)) {
    FailureOr<SmallVector<int64_t>> given = ctx.intsInput(3, "the axes input");
    if (failed(given))
      return failure();
    axes.clear();
    for (int64_t axis : *given) {
      FailureOr<int64_t> d = ctx.normalizeAxis(axis, rank, "axes value");
      if (failed(d))
        return failure();
      axes.push_back(*d);
    }
  }
  if (pads->size() != 2 * axes.size())
    return ctx.emitError() << "expects " << 2 * axes.size() << " pads, got "
                           << pads->size();
  SmallVector<int64_t> low(rank, 0), high(rank, 0);
  for (auto [i, d] : llvm::enumerate(axes)) {
    low[d] = (*pads)[i];
    high[d] = (*pads)[i + axes.size()];
  }
  // Negative pads crop: slice them off first.
  SmallVector<int64_t> starts(rank, 0), limits(shape), steps(rank, 1);
  bool crops = false;
  for (int64_t d = 0; d < rank; ++d) {
    if (low[d] < 0) {
      starts[d] = std::min(-low[d], shape[d]);
      low[d] = 0;
      crops = true;
    }
    if (high[d] < 0) {
      limits[d] = std::max(shape[d] + high[d], starts[d]);
      high[d] = 0;
      crops = true;
    }
  }
  if (crops && failed(x = ctx.create<SliceOp>(*x, starts, limits, steps)))
    return failure();
  return bind(ctx, ctx.create<PadOp>(*x, low, high, mode, APFloat(value)));
}

LogicalResult convertTrilu(NodeContext &ctx) {
  FailureOr<Value> x = ctx.requiredInput(0);
  FailureOr<int64_t> upper = ctx.getInt("upper", 1);
  if (failed(x) || failed(upper))
    return failure();
  int64_t k = 0;
  if (ctx.hasInput(1)) {
    FailureOr<SmallVector<int64_t>> given = ctx.intsInput(1, "k");
    if (failed(given))
      return failure();
    if (given->size() != 1)
      return ctx.emitError() << "k must be a scalar";
    k = given->front();
  }
  ArrayRef<int64_t> shape = shapeOf(*x);
  if (shape.size() < 2)
    return ctx.emitError() << "input must have rank 2 or more";
  int64_t rows = shape[shape.size() - 2], cols = shape.back();
  // The mask is built from index vectors of these lengths.
  constexpr int64_t kMaxMaskSide = int64_t(1) << 24;
  if (rows > kMaxMaskSide || cols > kMaxMaskSide)
    return ctx.emitError() << "matrices of " << rows << "x" << cols
                           << " are too large to mask";
  // Keep element (i, j) where j - i >= k (upper) or j - i <= k (lower).
  Builder b(ctx.getContext());
  auto iota = [&](int64_t n, ArrayRef<int64_t> valueShape) {
    SmallVector<int64_t> values =
        llvm::to_vector(llvm::seq<int64_t>(0, n));
    auto type = RankedTensorType::get(valueShape, b.getI64Type());
    return createConstant(ctx.builder, ctx.loc,
                          DenseElementsAttr::get(type, ArrayRef(values)));
  };
  Value rowIndex = iota(rows, {rows, 1}), colIndex = iota(cols, {cols});
  FailureOr<Value> diagonal = ctx.create<SubOp>(colIndex, rowIndex);
  if (failed(diagonal))
    return failure();
  FailureOr<Value> keep = ctx.create<CompareOp>(
      *upper ? CompareDirection::GE : CompareDirection::LE, *diagonal,
      ctx.scalar(b.getI64Type(), static_cast<double>(k)));
  if (failed(keep))
    return failure();
  Type element = cast<RankedTensorType>(x->getType()).getElementType();
  return bind(ctx, ctx.create<WhereOp>(*keep, *x, ctx.scalar(element, 0.0)));
}

} // namespace

void onnx_import::addShapeConverters(ConverterMap &converters) {
  auto add = [&](StringRef opType, ConvertFn fn, int64_t since = 13) {
    converters[opType] = {since, fn};
  };
  add("Constant", convertConstant);
  add("Shape", convertShape);
  add("Size", convertSize);
  add("ConstantOfShape", convertConstantOfShape);
  add("Range", convertRange);
  add("Reshape", convertReshape);
  add("Unsqueeze", convertUnsqueeze);
  add("Squeeze", convertSqueeze);
  add("Expand", convertExpand);
  add("Concat", convertConcat);
  add("Split", convertSplit);
  add("Slice", convertSlice);
  add("Transpose", convertTranspose);
  add("Gather", convertGather);
  add("Pad", convertPad);
  add("Trilu", convertTrilu, /*since=*/14);
}
