//===- ConvertNeuralNet.cpp - Linear algebra, convolution, pooling, norms -===//
//
// Part of Tessera. Gemm, MatMul, Conv, pooling, BatchNormalization,
// LayerNormalization, Softmax, the Reduce ops and Flatten. One-dimensional
// convolution and pooling are imported as two-dimensional ones over a
// height of 1.
//
//===----------------------------------------------------------------------===//

#include "compiler/import/onnx/ImporterImpl.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CheckedArithmetic.h"

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

Type elementTypeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getElementType();
}

//===----------------------------------------------------------------------===//
// Gemm and MatMul
//===----------------------------------------------------------------------===//

LogicalResult convertGemm(NodeContext &ctx) {
  FailureOr<Value> a = ctx.requiredInput(0);
  FailureOr<Value> b = ctx.requiredInput(1);
  FailureOr<float> alpha = ctx.getFloat("alpha", 1.0f);
  FailureOr<float> beta = ctx.getFloat("beta", 1.0f);
  FailureOr<int64_t> transA = ctx.getInt("transA", 0);
  FailureOr<int64_t> transB = ctx.getInt("transB", 0);
  if (failed(a) || failed(b) || failed(alpha) || failed(beta) ||
      failed(transA) || failed(transB))
    return failure();
  if (shapeOf(*a).size() != 2 || shapeOf(*b).size() != 2) {
    ctx.emitError() << "A and B must be matrices, got " << a->getType()
                    << " and " << b->getType();
    return failure();
  }
  SmallVector<int64_t> swap = {1, 0};
  if (*transA)
    a = ctx.create<TransposeOp>(*a, swap);
  if (succeeded(a) && *transB)
    b = ctx.create<TransposeOp>(*b, swap);
  if (failed(a) || failed(b))
    return failure();
  FailureOr<Value> y = ctx.create<MatmulOp>(*a, *b);
  Type element = elementTypeOf(*a);
  if (succeeded(y) && *alpha != 1.0f)
    y = ctx.create<MulOp>(*y, ctx.scalar(element, *alpha));
  if (succeeded(y) && ctx.hasInput(2)) {
    FailureOr<Value> c = ctx.requiredInput(2);
    if (succeeded(c) && *beta != 1.0f)
      c = ctx.create<MulOp>(*c, ctx.scalar(element, *beta));
    if (failed(c))
      return failure();
    y = ctx.create<AddOp>(*y, *c);
  }
  return bind(ctx, y);
}

LogicalResult convertMatMul(NodeContext &ctx) {
  FailureOr<Value> a = ctx.requiredInput(0);
  FailureOr<Value> b = ctx.requiredInput(1);
  if (failed(a) || failed(b))
    return failure();
  // Vectors become matrices and their unit dimension is dropped afterwards,
  // as numpy.matmul does.
  bool vectorA = shapeOf(*a).size() == 1, vectorB = shapeOf(*b).size() == 1;
  if (vectorA)
    a = ctx.reshape(*a, {1, shapeOf(*a)[0]});
  if (succeeded(a) && vectorB)
    b = ctx.reshape(*b, {shapeOf(*b)[0], 1});
  if (failed(a) || failed(b))
    return failure();
  FailureOr<Value> y = ctx.create<MatmulOp>(*a, *b);
  if (failed(y) || (!vectorA && !vectorB))
    return bind(ctx, y);
  SmallVector<int64_t> shape(shapeOf(*y));
  if (vectorB)
    shape.pop_back();
  if (vectorA)
    shape.erase(shape.end() - (vectorB ? 1 : 2));
  return bind(ctx, ctx.reshape(*y, shape));
}

//===----------------------------------------------------------------------===//
// Windows: Conv, MaxPool, AveragePool
//===----------------------------------------------------------------------===//

/// The window attributes of a Conv or pooling node, normalized to two
/// spatial dimensions.
struct Window {
  SmallVector<int64_t> kernel, strides, dilations;
  SmallVector<int64_t> padding; // [top, left, bottom, right]
  bool ceilMode = false;
  /// 1 when the node is one-dimensional and was lifted to 2-D.
  bool lifted = false;
};

/// Reads kernel_shape (or takes `kernel`), strides, dilations, pads and
/// auto_pad for an input of spatial size `spatial`, and lifts 1-D windows to
/// 2-D.
FailureOr<Window> readWindow(NodeContext &ctx, ArrayRef<int64_t> spatial,
                             std::optional<SmallVector<int64_t>> kernel,
                             bool hasDilations) {
  size_t rank = spatial.size();
  if (rank != 1 && rank != 2) {
    ctx.emitError() << "only 1-D and 2-D windows are supported, got "
                    << rank << " spatial dimensions";
    return failure();
  }
  Window w;
  FailureOr<SmallVector<int64_t>> kernelShape =
      ctx.getInts("kernel_shape", kernel);
  FailureOr<SmallVector<int64_t>> strides =
      ctx.getInts("strides", SmallVector<int64_t>(rank, 1));
  FailureOr<SmallVector<int64_t>> dilations =
      hasDilations ? ctx.getInts("dilations", SmallVector<int64_t>(rank, 1))
                   : FailureOr<SmallVector<int64_t>>(
                         SmallVector<int64_t>(rank, 1));
  FailureOr<SmallVector<int64_t>> pads =
      ctx.getInts("pads", SmallVector<int64_t>(2 * rank, 0));
  FailureOr<std::string> autoPad = ctx.getString("auto_pad", "NOTSET");
  if (failed(kernelShape) || failed(strides) || failed(dilations) ||
      failed(pads) || failed(autoPad))
    return failure();
  if (kernel && *kernelShape != *kernel) {
    ctx.emitError() << "kernel_shape does not match the weight";
    return failure();
  }
  if (kernelShape->size() != rank || strides->size() != rank ||
      dilations->size() != rank || pads->size() != 2 * rank) {
    ctx.emitError() << "kernel_shape, strides, dilations and pads must have "
                    << rank << ", " << rank << ", " << rank << " and "
                    << 2 * rank << " values";
    return failure();
  }
  for (int64_t v : llvm::concat<int64_t>(*strides, *dilations)) {
    if (v < 1) {
      ctx.emitError() << "strides and dilations must be positive";
      return failure();
    }
  }
  if (*autoPad == "SAME_UPPER" || *autoPad == "SAME_LOWER") {
    // Output size ceil(in / stride); the padding that achieves it, split
    // with the odd element at the end (UPPER) or the beginning (LOWER).
    for (size_t d = 0; d < rank; ++d) {
      // Attributes of an untrusted model: compute without overflow.
      int64_t stride = (*strides)[d];
      int64_t out = spatial[d] / stride + (spatial[d] % stride != 0);
      std::optional<int64_t> extent =
          llvm::checkedMul((*kernelShape)[d] - 1, (*dilations)[d]);
      if (extent)
        extent = llvm::checkedAdd(*extent, int64_t(1));
      std::optional<int64_t> reach =
          extent ? llvm::checkedMul(out - 1, stride) : std::nullopt;
      if (reach)
        reach = llvm::checkedAdd(*reach, *extent);
      if ((*kernelShape)[d] < 1 || !reach) {
        ctx.emitError() << "kernel_shape, strides or dilations of spatial "
                           "dimension "
                        << d << " are too large or not positive";
        return failure();
      }
      int64_t total = std::max<int64_t>(0, *reach - spatial[d]);
      int64_t small = total / 2;
      (*pads)[d] = *autoPad == "SAME_UPPER" ? small : total - small;
      (*pads)[d + rank] = total - (*pads)[d];
    }
  } else if (*autoPad == "VALID") {
    std::fill(pads->begin(), pads->end(), 0);
  } else if (*autoPad != "NOTSET") {
    ctx.emitError() << "unknown auto_pad '" << *autoPad << "'";
    return failure();
  }
  if (rank == 2) {
    w.kernel = *kernelShape;
    w.strides = *strides;
    w.dilations = *dilations;
    w.padding = *pads;
  } else {
    w.lifted = true;
    w.kernel = {1, (*kernelShape)[0]};
    w.strides = {1, (*strides)[0]};
    w.dilations = {1, (*dilations)[0]};
    w.padding = {0, (*pads)[0], 0, (*pads)[1]};
  }
  return w;
}

/// [N, C, L] -> [N, C, 1, L] for lifted 1-D windows.
FailureOr<Value> liftTo2d(NodeContext &ctx, Value value) {
  ArrayRef<int64_t> shape = shapeOf(value);
  return ctx.reshape(value, {shape[0], shape[1], 1, shape[2]});
}

/// [N, C, 1, L] -> [N, C, L].
FailureOr<Value> dropLift(NodeContext &ctx, FailureOr<Value> value) {
  if (failed(value))
    return failure();
  ArrayRef<int64_t> shape = shapeOf(*value);
  return ctx.reshape(*value, {shape[0], shape[1], shape[3]});
}

/// The input of a window op, checked to be [N, C, spatial...].
FailureOr<Value> windowInput(NodeContext &ctx) {
  FailureOr<Value> x = ctx.requiredInput(0);
  if (failed(x))
    return failure();
  if (shapeOf(*x).size() < 3) {
    ctx.emitError() << "input must be [N, C, spatial...], got " << x->getType();
    return failure();
  }
  return x;
}

LogicalResult convertConv(NodeContext &ctx) {
  FailureOr<Value> x = windowInput(ctx);
  FailureOr<Value> w = ctx.requiredInput(1);
  FailureOr<int64_t> group = ctx.getInt("group", 1);
  if (failed(x) || failed(w) || failed(group))
    return failure();
  if (shapeOf(*w).size() != shapeOf(*x).size()) {
    ctx.emitError() << "weight " << w->getType() << " and input "
                    << x->getType() << " differ in rank";
    return failure();
  }
  SmallVector<int64_t> kernel(shapeOf(*w).drop_front(2));
  FailureOr<Window> window =
      readWindow(ctx, shapeOf(*x).drop_front(2), kernel, true);
  if (failed(window))
    return failure();
  Value bias = ctx.input(2);
  if (ctx.hasInput(2) && !bias)
    return failure();
  if (window->lifted) {
    x = liftTo2d(ctx, *x);
    if (succeeded(x))
      w = liftTo2d(ctx, *w);
    if (failed(x) || failed(w))
      return failure();
  }
  FailureOr<Value> y = ctx.create<Conv2dOp>(
      *x, *w, bias, window->strides, window->padding, window->dilations,
      *group);
  return bind(ctx, window->lifted ? dropLift(ctx, y) : y);
}

LogicalResult convertMaxPool(NodeContext &ctx) {
  FailureOr<Value> x = windowInput(ctx);
  FailureOr<int64_t> ceilMode = ctx.getInt("ceil_mode", 0);
  FailureOr<int64_t> storageOrder = ctx.getInt("storage_order", 0);
  if (failed(x) || failed(ceilMode) || failed(storageOrder))
    return failure();
  FailureOr<Window> window =
      readWindow(ctx, shapeOf(*x).drop_front(2), std::nullopt, true);
  if (failed(window))
    return failure();
  if (window->lifted && failed(x = liftTo2d(ctx, *x)))
    return failure();
  FailureOr<Value> y = ctx.create<MaxPool2dOp>(
      *x, window->kernel, window->strides, window->padding, window->dilations,
      *ceilMode != 0);
  return bind(ctx, window->lifted ? dropLift(ctx, y) : y);
}

LogicalResult convertAveragePool(NodeContext &ctx) {
  FailureOr<Value> x = windowInput(ctx);
  FailureOr<int64_t> ceilMode = ctx.getInt("ceil_mode", 0);
  FailureOr<int64_t> countIncludePad = ctx.getInt("count_include_pad", 0);
  if (failed(x) || failed(ceilMode) || failed(countIncludePad))
    return failure();
  FailureOr<Window> window = readWindow(ctx, shapeOf(*x).drop_front(2),
                                        std::nullopt, ctx.getOpset() >= 19);
  if (failed(window))
    return failure();
  if (window->lifted && failed(x = liftTo2d(ctx, *x)))
    return failure();
  FailureOr<Value> y = ctx.create<AvgPool2dOp>(
      *x, window->kernel, window->strides, window->padding, window->dilations,
      *ceilMode != 0, *countIncludePad != 0);
  return bind(ctx, window->lifted ? dropLift(ctx, y) : y);
}

/// GlobalAveragePool and GlobalMaxPool: the global op for [N, C, H, W], a
/// reduction over the spatial axes otherwise.
template <typename GlobalOpTy, typename ReduceOpTy>
LogicalResult convertGlobalPool(NodeContext &ctx) {
  FailureOr<Value> x = windowInput(ctx);
  if (failed(x))
    return failure();
  int64_t rank = shapeOf(*x).size();
  if (rank == 4)
    return bind(ctx, ctx.create<GlobalOpTy>(*x));
  SmallVector<int64_t> axes = llvm::to_vector(llvm::seq<int64_t>(2, rank));
  return bind(ctx, ctx.create<ReduceOpTy>(*x, axes, /*keepdims=*/true));
}

//===----------------------------------------------------------------------===//
// Normalization and softmax
//===----------------------------------------------------------------------===//

LogicalResult convertBatchNormalization(NodeContext &ctx) {
  FailureOr<float> epsilon = ctx.getFloat("epsilon", 1e-5f);
  FailureOr<int64_t> training = ctx.getInt("training_mode", 0);
  if (failed(epsilon) || failed(training))
    return failure();
  if (*training != 0) {
    ctx.emitError() << "training mode is not supported (Tessera compiles for "
                       "inference)";
    return failure();
  }
  SmallVector<Value> operands;
  for (unsigned i = 0; i < 5; ++i) {
    FailureOr<Value> operand = ctx.requiredInput(i);
    if (failed(operand))
      return failure();
    operands.push_back(*operand);
  }
  Builder b(ctx.getContext());
  return bind(ctx, ctx.create<BatchNormOp>(operands[0], operands[1],
                                           operands[2], operands[3],
                                           operands[4],
                                           b.getF64FloatAttr(*epsilon)));
}

LogicalResult convertLayerNormalization(NodeContext &ctx) {
  FailureOr<Value> x = ctx.requiredInput(0);
  FailureOr<Value> scale = ctx.requiredInput(1);
  FailureOr<int64_t> axis = ctx.getInt("axis", -1);
  FailureOr<float> epsilon = ctx.getFloat("epsilon", 1e-5f);
  if (failed(x) || failed(scale) || failed(axis) || failed(epsilon))
    return failure();
  FailureOr<int64_t> normalized = ctx.normalizeAxis(*axis, shapeOf(*x).size());
  if (failed(normalized))
    return failure();
  // ONNX allows parameters that broadcast to the normalized shape.
  ArrayRef<int64_t> paramShape = shapeOf(*x).drop_front(*normalized);
  scale = ctx.broadcastTo(*scale, paramShape);
  Value bias = ctx.input(2);
  if (ctx.hasInput(2) && !bias)
    return failure();
  if (bias) {
    FailureOr<Value> broadcast = ctx.broadcastTo(bias, paramShape);
    if (failed(broadcast))
      return failure();
    bias = *broadcast;
  }
  if (failed(scale))
    return failure();
  if (failed(bind(ctx, ctx.create<LayerNormOp>(*x, *scale, bias, *normalized,
                                                APFloat(double(*epsilon))))))
    return failure();
  if (!ctx.isOutputUsed(1) && !ctx.isOutputUsed(2))
    return success();

  // The optional statistics outputs, in the stash type (f32 by default),
  // shaped like the input with the normalized dimensions kept as 1.
  FailureOr<int64_t> stashType =
      ctx.getInt("stash_type", onnx::TensorProto::FLOAT);
  if (failed(stashType))
    return failure();
  Type stash = convertElementType(ctx.getContext(), *stashType);
  if (!stash || !isa<FloatType>(stash)) {
    ctx.emitError() << "stash_type " << onnxTypeName(*stashType)
                    << " is not a floating-point type";
    return failure();
  }
  SmallVector<int64_t> axes =
      llvm::to_vector(llvm::seq<int64_t>(*normalized, shapeOf(*x).size()));
  FailureOr<Value> wide = ctx.castTo(*x, stash);
  if (failed(wide))
    return failure();
  FailureOr<Value> mean = ctx.create<ReduceMeanOp>(*wide, axes, true);
  if (failed(mean))
    return failure();
  FailureOr<Value> centred = ctx.create<SubOp>(*wide, *mean);
  if (failed(centred))
    return failure();
  FailureOr<Value> square = ctx.create<MulOp>(*centred, *centred);
  if (failed(square))
    return failure();
  FailureOr<Value> variance = ctx.create<ReduceMeanOp>(*square, axes, true);
  if (failed(variance))
    return failure();
  FailureOr<Value> shifted =
      ctx.create<AddOp>(*variance, ctx.scalar(stash, *epsilon));
  if (failed(shifted))
    return failure();
  FailureOr<Value> inverse = ctx.create<RsqrtOp>(*shifted);
  if (failed(inverse))
    return failure();
  if (failed(ctx.setOutput(1, *mean)))
    return failure();
  return ctx.setOutput(2, *inverse);
}

LogicalResult convertSoftmax(NodeContext &ctx) {
  FailureOr<Value> x = ctx.requiredInput(0);
  FailureOr<int64_t> axis = ctx.getInt("axis", -1);
  if (failed(x) || failed(axis))
    return failure();
  FailureOr<int64_t> normalized = ctx.normalizeAxis(*axis, shapeOf(*x).size());
  if (failed(normalized))
    return failure();
  return bind(ctx, ctx.create<SoftmaxOp>(*x, *normalized));
}

//===----------------------------------------------------------------------===//
// Reductions and Flatten
//===----------------------------------------------------------------------===//

/// ReduceSum (axes input since 13), ReduceMean/Max/Min (axes attribute
/// until opset 17, input from 18).
template <typename ReduceOpTy>
LogicalResult convertReduce(NodeContext &ctx, int64_t axesInputSince) {
  FailureOr<Value> x = ctx.requiredInput(0);
  FailureOr<int64_t> keepdims = ctx.getInt("keepdims", 1);
  FailureOr<int64_t> noopWithEmptyAxes = ctx.getInt("noop_with_empty_axes", 0);
  if (failed(x) || failed(keepdims) || failed(noopWithEmptyAxes))
    return failure();
  SmallVector<int64_t> axes;
  if (ctx.getOpset() >= axesInputSince) {
    if (ctx.hasInput(1)) {
      FailureOr<SmallVector<int64_t>> given = ctx.intsInput(1, "the axes input");
      if (failed(given))
        return failure();
      axes = *given;
    }
  } else {
    FailureOr<SmallVector<int64_t>> given =
        ctx.getInts("axes", SmallVector<int64_t>());
    if (failed(given))
      return failure();
    axes = *given;
  }
  int64_t rank = shapeOf(*x).size();
  if (axes.empty()) {
    if (*noopWithEmptyAxes)
      return ctx.setOutput(0, *x);
    axes = llvm::to_vector(llvm::seq<int64_t>(0, rank));
  }
  for (int64_t &axis : axes) {
    FailureOr<int64_t> normalized = ctx.normalizeAxis(axis, rank, "axes value");
    if (failed(normalized))
      return failure();
    axis = *normalized;
  }
  llvm::sort(axes);
  axes.erase(std::unique(axes.begin(), axes.end()), axes.end());
  if (axes.empty()) // A rank-0 input: nothing to reduce.
    return ctx.setOutput(0, *x);
  return bind(ctx, ctx.create<ReduceOpTy>(*x, axes, *keepdims != 0));
}

LogicalResult convertFlatten(NodeContext &ctx) {
  FailureOr<Value> x = ctx.requiredInput(0);
  FailureOr<int64_t> axis = ctx.getInt("axis", 1);
  if (failed(x) || failed(axis))
    return failure();
  ArrayRef<int64_t> shape = shapeOf(*x);
  int64_t rank = shape.size();
  if (*axis < -rank || *axis > rank) {
    ctx.emitError() << "axis " << *axis << " is out of range for rank " << rank;
    return failure();
  }
  int64_t split = *axis < 0 ? *axis + rank : *axis;
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < rank; ++d)
    (d < split ? outer : inner) *= shape[d];
  return bind(ctx, ctx.reshape(*x, {outer, inner}));
}

} // namespace

void onnx_import::addNeuralNetConverters(ConverterMap &converters) {
  auto add = [&](StringRef opType, ConvertFn fn, int64_t since = 13) {
    converters[opType] = {since, fn};
  };
  add("Gemm", convertGemm);
  add("MatMul", convertMatMul);
  add("Conv", convertConv);
  add("MaxPool", convertMaxPool);
  add("AveragePool", convertAveragePool);
  add("GlobalAveragePool", convertGlobalPool<GlobalAvgPool2dOp, ReduceMeanOp>);
  add("GlobalMaxPool", convertGlobalPool<GlobalMaxPool2dOp, ReduceMaxOp>);
  add("BatchNormalization", convertBatchNormalization);
  add("LayerNormalization", convertLayerNormalization, /*since=*/17);
  add("Softmax", convertSoftmax);
  add("ReduceSum", [](NodeContext &ctx) {
    return convertReduce<ReduceSumOp>(ctx, 13);
  });
  add("ReduceMean", [](NodeContext &ctx) {
    return convertReduce<ReduceMeanOp>(ctx, 18);
  });
  add("ReduceMax", [](NodeContext &ctx) {
    return convertReduce<ReduceMaxOp>(ctx, 18);
  });
  add("ReduceMin", [](NodeContext &ctx) {
    return convertReduce<ReduceMinOp>(ctx, 18);
  });
  add("Flatten", convertFlatten);
}
