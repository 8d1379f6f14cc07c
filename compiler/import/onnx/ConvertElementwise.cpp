//===- ConvertElementwise.cpp - Elementwise ONNX ops ----------------------===//
//
// Part of Tessera. Arithmetic, comparisons, logic, activations, casts and
// the ops that are identities at inference (Identity, Dropout).
//
//===----------------------------------------------------------------------===//

#include "compiler/import/onnx/ImporterImpl.h"

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::onnx_import;

namespace {

/// Binds output 0 to `value` unless building it failed.
LogicalResult bind(NodeContext &ctx, FailureOr<Value> value) {
  if (failed(value))
    return failure();
  return ctx.setOutput(0, *value);
}

Type elementTypeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getElementType();
}

template <typename OpTy>
LogicalResult convertUnary(NodeContext &ctx) {
  FailureOr<Value> x = ctx.requiredInput(0);
  if (failed(x))
    return failure();
  return bind(ctx, ctx.create<OpTy>(*x));
}

template <typename OpTy>
LogicalResult convertBinary(NodeContext &ctx) {
  FailureOr<Value> a = ctx.requiredInput(0);
  FailureOr<Value> b = ctx.requiredInput(1);
  if (failed(a) || failed(b))
    return failure();
  return bind(ctx, ctx.create<OpTy>(*a, *b));
}

template <CompareDirection direction>
LogicalResult convertCompare(NodeContext &ctx) {
  FailureOr<Value> a = ctx.requiredInput(0);
  FailureOr<Value> b = ctx.requiredInput(1);
  if (failed(a) || failed(b))
    return failure();
  return bind(ctx, ctx.create<CompareOp>(direction, *a, *b));
}

/// Sum, Max, Min (and Mean through it): any number of inputs, combined
/// pairwise with broadcasting.
template <typename OpTy>
FailureOr<Value> combineInputs(NodeContext &ctx) {
  if (ctx.getNumInputs() == 0) {
    ctx.emitError() << "needs at least one input";
    return failure();
  }
  FailureOr<Value> result = ctx.requiredInput(0);
  for (unsigned i = 1; succeeded(result) && i < ctx.getNumInputs(); ++i) {
    FailureOr<Value> next = ctx.requiredInput(i);
    if (failed(next))
      return failure();
    result = ctx.create<OpTy>(*result, *next);
  }
  return result;
}

template <typename OpTy>
LogicalResult convertVariadic(NodeContext &ctx) {
  return bind(ctx, combineInputs<OpTy>(ctx));
}

LogicalResult convertMean(NodeContext &ctx) {
  FailureOr<Value> sum = combineInputs<AddOp>(ctx);
  if (failed(sum))
    return failure();
  Value count = ctx.scalar(elementTypeOf(*sum), ctx.getNumInputs());
  return bind(ctx, ctx.create<DivOp>(*sum, count));
}

LogicalResult convertPow(NodeContext &ctx) {
  // ONNX lets the exponent have its own type; tessera.pow does not.
  FailureOr<Value> base = ctx.requiredInput(0);
  FailureOr<Value> exponent = ctx.requiredInput(1);
  if (failed(base) || failed(exponent))
    return failure();
  Type baseType = elementTypeOf(*base);
  if (isa<IntegerType>(baseType) &&
      isa<FloatType>(elementTypeOf(*exponent))) {
    // An integer base with a float exponent is raised in floating point and
    // truncated back (4 ^ 0.5 = 2, as onnxruntime computes it); truncating
    // the exponent instead would give 4 ^ 0 = 1.
    Type f64 = Float64Type::get(ctx.getContext());
    FailureOr<Value> wideBase = ctx.castTo(*base, f64);
    FailureOr<Value> wideExponent = ctx.castTo(*exponent, f64);
    if (failed(wideBase) || failed(wideExponent))
      return failure();
    FailureOr<Value> power = ctx.create<PowOp>(*wideBase, *wideExponent);
    if (failed(power))
      return failure();
    return bind(ctx, ctx.castTo(*power, baseType));
  }
  FailureOr<Value> converted = ctx.castTo(*exponent, baseType);
  if (failed(converted))
    return failure();
  return bind(ctx, ctx.create<PowOp>(*base, *converted));
}

LogicalResult convertReciprocal(NodeContext &ctx) {
  FailureOr<Value> x = ctx.requiredInput(0);
  if (failed(x))
    return failure();
  return bind(ctx, ctx.create<DivOp>(ctx.scalar(elementTypeOf(*x), 1.0), *x));
}

LogicalResult convertLeakyRelu(NodeContext &ctx) {
  FailureOr<Value> x = ctx.requiredInput(0);
  FailureOr<float> alpha = ctx.getFloat("alpha", 0.01f);
  if (failed(x) || failed(alpha))
    return failure();
  // x < 0 ? alpha * x : x
  Type element = elementTypeOf(*x);
  FailureOr<Value> negative =
      ctx.create<CompareOp>(CompareDirection::LT, *x, ctx.scalar(element, 0.0));
  FailureOr<Value> scaled = ctx.create<MulOp>(*x, ctx.scalar(element, *alpha));
  if (failed(negative) || failed(scaled))
    return failure();
  return bind(ctx, ctx.create<WhereOp>(*negative, *scaled, *x));
}

/// max(0, min(1, alpha * x + beta)).
FailureOr<Value> hardSigmoid(NodeContext &ctx, Value x, double alpha,
                             double beta) {
  Type element = elementTypeOf(x);
  FailureOr<Value> scaled = ctx.create<MulOp>(x, ctx.scalar(element, alpha));
  if (failed(scaled))
    return failure();
  FailureOr<Value> shifted =
      ctx.create<AddOp>(*scaled, ctx.scalar(element, beta));
  if (failed(shifted))
    return failure();
  Builder b(ctx.getContext());
  return ctx.create<ClipOp>(*shifted, b.getF64FloatAttr(0.0),
                            b.getF64FloatAttr(1.0));
}

LogicalResult convertHardSigmoid(NodeContext &ctx) {
  FailureOr<Value> x = ctx.requiredInput(0);
  FailureOr<float> alpha = ctx.getFloat("alpha", 0.2f);
  FailureOr<float> beta = ctx.getFloat("beta", 0.5f);
  if (failed(x) || failed(alpha) || failed(beta))
    return failure();
  return bind(ctx, hardSigmoid(ctx, *x, *alpha, *beta));
}

LogicalResult convertHardSwish(NodeContext &ctx) {
  FailureOr<Value> x = ctx.requiredInput(0);
  if (failed(x))
    return failure();
  FailureOr<Value> gate = hardSigmoid(ctx, *x, 1.0 / 6.0, 0.5);
  if (failed(gate))
    return failure();
  return bind(ctx, ctx.create<MulOp>(*x, *gate));
}

LogicalResult convertGelu(NodeContext &ctx) {
  FailureOr<Value> x = ctx.requiredInput(0);
  FailureOr<std::string> approximate = ctx.getString("approximate", "none");
  if (failed(x) || failed(approximate))
    return failure();
  GeluApproximation mode;
  if (*approximate == "none") {
    mode = GeluApproximation::None;
  } else if (*approximate == "tanh") {
    mode = GeluApproximation::Tanh;
  } else {
    ctx.emitError() << "approximate must be 'none' or 'tanh', got '"
                    << *approximate << "'";
    return failure();
  }
  return bind(ctx, ctx.create<GeluOp>(*x, mode));
}

LogicalResult convertClip(NodeContext &ctx) {
  FailureOr<Value> x = ctx.requiredInput(0);
  if (failed(x))
    return failure();
  Builder b(ctx.getContext());
  FloatAttr bounds[2];
  for (unsigned i : {1u, 2u}) {
    if (!ctx.hasInput(i))
      continue;
    FailureOr<double> bound =
        ctx.scalarInput(i, i == 1 ? "the min input" : "the max input");
    if (failed(bound))
      return failure();
    bounds[i - 1] = b.getF64FloatAttr(*bound);
  }
  // min > max makes every element max (as numpy.clip and onnxruntime do);
  // tessera.clip wants min <= max, and clip(x, max, max) is that.
  if (bounds[0] && bounds[1] &&
      bounds[0].getValueAsDouble() > bounds[1].getValueAsDouble())
    bounds[0] = bounds[1];
  return bind(ctx, ctx.create<ClipOp>(*x, bounds[0], bounds[1]));
}

LogicalResult convertCast(NodeContext &ctx) {
  FailureOr<Value> x = ctx.requiredInput(0);
  FailureOr<int64_t> to = ctx.getInt("to", std::nullopt);
  if (failed(x) || failed(to))
    return failure();
  Type element = convertElementType(ctx.getContext(), *to);
  if (!element) {
    ctx.emitError() << "casting to " << onnxTypeName(*to)
                    << ", which Tessera does not support";
    return failure();
  }
  return bind(ctx, ctx.castTo(*x, element));
}

LogicalResult convertCastLike(NodeContext &ctx) {
  FailureOr<Value> x = ctx.requiredInput(0);
  FailureOr<Value> like = ctx.requiredInput(1);
  if (failed(x) || failed(like))
    return failure();
  return bind(ctx, ctx.castTo(*x, elementTypeOf(*like)));
}

LogicalResult convertIdentity(NodeContext &ctx) {
  return bind(ctx, ctx.requiredInput(0));
}

LogicalResult convertDropout(NodeContext &ctx) {
  // Inference: the output is the input and the mask keeps everything.
  FailureOr<Value> x = ctx.requiredInput(0);
  if (failed(x))
    return failure();
  if (ctx.hasInput(2)) {
    FailureOr<double> training = ctx.scalarInput(2, "training_mode");
    if (failed(training))
      return failure();
    if (*training != 0.0) {
      ctx.emitError() << "training mode is not supported (Tessera compiles "
                         "for inference)";
      return failure();
    }
  }
  if (failed(ctx.setOutput(0, *x)))
    return failure();
  if (!ctx.isOutputUsed(1))
    return success();
  auto maskType = cast<RankedTensorType>(x->getType())
                      .clone(IntegerType::get(ctx.getContext(), 1));
  return ctx.setOutput(
      1, createConstant(ctx.builder, ctx.loc,
                        DenseElementsAttr::get(maskType, true)));
}

} // namespace

void onnx_import::addElementwiseConverters(ConverterMap &converters) {
  auto add = [&](StringRef opType, ConvertFn fn, int64_t since = 13) {
    converters[opType] = {since, fn};
  };
  add("Add", convertBinary<AddOp>);
  add("Sub", convertBinary<SubOp>);
  add("Mul", convertBinary<MulOp>);
  add("Div", convertBinary<DivOp>);
  add("Pow", convertPow);
  add("Max", convertVariadic<MaxOp>);
  add("Min", convertVariadic<MinOp>);
  add("Sum", convertVariadic<AddOp>);
  add("Mean", convertMean);
  add("And", convertBinary<LogicalAndOp>);
  add("Or", convertBinary<LogicalOrOp>);
  add("Xor", convertBinary<LogicalXorOp>);
  add("Not", convertUnary<LogicalNotOp>);
  add("Equal", convertCompare<CompareDirection::EQ>);
  add("Less", convertCompare<CompareDirection::LT>);
  add("LessOrEqual", convertCompare<CompareDirection::LE>);
  add("Greater", convertCompare<CompareDirection::GT>);
  add("GreaterOrEqual", convertCompare<CompareDirection::GE>);
  add("Where", [](NodeContext &ctx) -> LogicalResult {
    FailureOr<Value> c = ctx.requiredInput(0);
    FailureOr<Value> x = ctx.requiredInput(1);
    FailureOr<Value> y = ctx.requiredInput(2);
    if (failed(c) || failed(x) || failed(y))
      return failure();
    return bind(ctx, ctx.create<WhereOp>(*c, *x, *y));
  });
  add("Neg", convertUnary<NegOp>);
  add("Abs", convertUnary<AbsOp>);
  add("Exp", convertUnary<ExpOp>);
  add("Log", convertUnary<LogOp>);
  add("Sqrt", convertUnary<SqrtOp>);
  add("Reciprocal", convertReciprocal);
  add("Tanh", convertUnary<TanhOp>);
  add("Erf", convertUnary<ErfOp>);
  add("Sigmoid", convertUnary<SigmoidOp>);
  add("Relu", convertUnary<ReluOp>);
  add("LeakyRelu", convertLeakyRelu);
  add("HardSigmoid", convertHardSigmoid);
  add("HardSwish", convertHardSwish);
  add("Gelu", convertGelu, /*since=*/20);
  add("Clip", convertClip);
  add("Cast", convertCast);
  add("CastLike", convertCastLike, /*since=*/15);
  add("Identity", convertIdentity);
  add("Dropout", convertDropout);
}
