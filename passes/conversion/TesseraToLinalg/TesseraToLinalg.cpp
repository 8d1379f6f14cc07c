//===- TesseraToLinalg.cpp - tessera ops to linalg, tensor, arith, math ---===//
//
// Part of Tessera. See Passes.td. Every computing op becomes one
// linalg.generic (or tensor.concat / tensor.extract_slice), so that the
// upstream elementwise fusion can merge chains of them before code
// generation.
//
// Unsigned element types: arith works on signless integers, so tensors of
// ui8...ui64 are converted to signless ones of the same width (the bytes
// do not change) and the unsignedness lives on only in the choice of
// operations (divui, cmpi ult, uitofp, ...), read from the original ops.
// Where unconverted values meet converted ones the conversion leaves
// unrealized_conversion_casts, which are views like tessera.reshape.
//
// f16 and bf16 are computed in f32 and rounded once per op.
//
//===----------------------------------------------------------------------===//

#include "dialects/exec/ExecOps.h"
#include "dialects/tessera/TesseraOps.h"
#include "passes/conversion/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

namespace mlir::tessera {
#define GEN_PASS_DEF_TESSERATOLINALGPASS
#include "passes/conversion/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;

namespace {

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

bool isUnsignedElement(Type type) {
  return type.isUnsignedInteger() || type.isInteger(1);
}

/// Element type of a (tensor) value or type.
Type elementTypeOf(Type type) { return getElementTypeOrSelf(type); }
Type elementTypeOf(Value value) { return elementTypeOf(value.getType()); }

RankedTensorType tensorTypeOf(Value value) {
  return cast<RankedTensorType>(value.getType());
}

/// ui8...ui64 tensors become signless; everything else stays.
class SignlessTypeConverter : public TypeConverter {
public:
  SignlessTypeConverter() {
    addConversion([](Type type) { return type; });
    addConversion([](RankedTensorType type) -> Type {
      auto integer = dyn_cast<IntegerType>(type.getElementType());
      if (!integer || integer.isSignless())
        return type;
      return type.clone(
          IntegerType::get(type.getContext(), integer.getWidth()));
    });
    auto cast = [](OpBuilder &b, Type type, ValueRange inputs,
                   Location loc) -> Value {
      return UnrealizedConversionCastOp::create(b, loc, type, inputs)
          .getResult(0);
    };
    addSourceMaterialization(cast);
    addTargetMaterialization(cast);
  }
};

//===----------------------------------------------------------------------===//
// Building blocks
//===----------------------------------------------------------------------===//

bool isLowPrecisionFloat(Type type) { return type.isF16() || type.isBF16(); }

/// The type a scalar computation on `type` runs in: f32 for f16/bf16.
Type computeType(Type type) {
  if (isLowPrecisionFloat(type))
    return Float32Type::get(type.getContext());
  return type;
}

Value scalarConstant(OpBuilder &b, Location loc, Type type, double value) {
  if (isa<FloatType>(type))
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(type, value));
  APInt integer(type.getIntOrFloatBitWidth(),
                static_cast<uint64_t>(static_cast<int64_t>(value)),
                /*isSigned=*/true, /*implicitTrunc=*/true);
  return arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, integer));
}

Value intConstant(OpBuilder &b, Location loc, Type type, const APInt &value) {
  return arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, value));
}

Value indexConstant(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIndexOp::create(b, loc, value);
}

/// Converts a scalar between any two numeric or boolean types, with the
/// semantics of tessera.cast. `fromUnsigned`/`toUnsigned` tell how integers
/// are read and written.
Value convertScalar(OpBuilder &b, Location loc, Value value, bool fromUnsigned,
                    Type to, bool toUnsigned) {
  Type from = value.getType();
  if (from == to)
    return value;
  auto fromFloat = dyn_cast<FloatType>(from);
  auto toFloat = dyn_cast<FloatType>(to);
  if (to.isInteger(1)) {
    if (fromFloat)
      return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, value,
                                   scalarConstant(b, loc, from, 0.0));
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, value,
                                 scalarConstant(b, loc, from, 0));
  }
  if (fromFloat && toFloat) {
    if (fromFloat.getWidth() < toFloat.getWidth())
      return arith::ExtFOp::create(b, loc, to, value);
    if (fromFloat.getWidth() > toFloat.getWidth())
      return arith::TruncFOp::create(b, loc, to, value);
    // f16 <-> bf16: through f32.
    Value wide = arith::ExtFOp::create(b, loc, b.getF32Type(), value);
    return arith::TruncFOp::create(b, loc, to, wide);
  }
  if (!fromFloat && toFloat) {
    if (fromUnsigned)
      return arith::UIToFPOp::create(b, loc, to, value);
    return arith::SIToFPOp::create(b, loc, to, value);
  }
  if (fromFloat && !toFloat) {
    // Saturate into the integer's range (NaN becomes 0): fptosi of a value
    // out of range would be poison.
    unsigned width = to.getIntOrFloatBitWidth();
    Type wideFloat = b.getF64Type();
    Value x = fromFloat.getWidth() < 64
                  ? Value(arith::ExtFOp::create(b, loc, wideFloat, value))
                  : value;
    APInt lo = toUnsigned ? APInt::getZero(width)
                          : APInt::getSignedMinValue(width);
    APInt hi = toUnsigned ? APInt::getMaxValue(width)
                          : APInt::getSignedMaxValue(width);
    double loF = toUnsigned ? lo.roundToDouble(false) : lo.roundToDouble(true);
    double hiF = toUnsigned ? hi.roundToDouble(false) : hi.roundToDouble(true);
    Value isNaN =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, x, x);
    Value clamped = arith::MaximumFOp::create(
        b, loc, x, scalarConstant(b, loc, wideFloat, loF));
    clamped = arith::MinimumFOp::create(b, loc, clamped,
                                        scalarConstant(b, loc, wideFloat, hiF));
    Value converted =
        toUnsigned ? Value(arith::FPToUIOp::create(b, loc, to, clamped))
                   : Value(arith::FPToSIOp::create(b, loc, to, clamped));
    // Rounding hi to double can overflow by one: pin the top.
    Value atTop = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGE, x,
                                        scalarConstant(b, loc, wideFloat, hiF));
    converted = arith::SelectOp::create(b, loc, atTop,
                                        intConstant(b, loc, to, hi), converted);
    return arith::SelectOp::create(b, loc, isNaN,
                                   scalarConstant(b, loc, to, 0), converted);
  }
  // Integer to integer.
  unsigned fromWidth = from.getIntOrFloatBitWidth();
  unsigned toWidth = to.getIntOrFloatBitWidth();
  if (fromWidth < toWidth)
    return fromUnsigned ? Value(arith::ExtUIOp::create(b, loc, to, value))
                        : Value(arith::ExtSIOp::create(b, loc, to, value));
  if (fromWidth > toWidth)
    return arith::TruncIOp::create(b, loc, to, value);
  return value;
}

/// Indexing map reading an operand of `shape` in a loop nest over
/// `resultShape`, broadcasting as NumPy does.
AffineMap broadcastMap(ArrayRef<int64_t> shape, ArrayRef<int64_t> resultShape,
                       MLIRContext *context) {
  int64_t rank = resultShape.size();
  int64_t offset = rank - static_cast<int64_t>(shape.size());
  SmallVector<AffineExpr> exprs;
  for (auto [i, size] : llvm::enumerate(shape)) {
    int64_t d = static_cast<int64_t>(i) + offset;
    exprs.push_back(size == 1 && resultShape[d] != 1
                        ? getAffineConstantExpr(0, context)
                        : getAffineDimExpr(d, context));
  }
  return AffineMap::get(rank, 0, exprs, context);
}

Value emptyTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                  Type element) {
  return tensor::EmptyOp::create(b, loc, shape, element);
}

using ScalarFn = function_ref<Value(OpBuilder &, Location, ValueRange)>;

/// A parallel linalg.generic over the result shape reading `inputs` with
/// broadcasting and computing each element with `body`.
Value buildElementwise(OpBuilder &b, Location loc, ValueRange inputs,
                       RankedTensorType resultType, ScalarFn body) {
  MLIRContext *context = b.getContext();
  int64_t rank = resultType.getRank();
  SmallVector<AffineMap> maps;
  for (Value input : inputs)
    maps.push_back(
        broadcastMap(tensorTypeOf(input).getShape(), resultType.getShape(),
                     context));
  maps.push_back(b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  Value init = emptyTensor(b, loc, resultType.getShape(),
                           resultType.getElementType());
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, inputs, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        linalg::YieldOp::create(nb, nloc, body(nb, nloc, args.drop_back()));
      });
  return generic.getResult(0);
}

/// A generic with no inputs over `resultType` whose body computes each
/// element from the loop indices (for gathers, pads, windows).
Value buildFromIndices(
    OpBuilder &b, Location loc, RankedTensorType resultType,
    function_ref<Value(OpBuilder &, Location, ArrayRef<Value>)> body) {
  int64_t rank = resultType.getRank();
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  Value init = emptyTensor(b, loc, resultType.getShape(),
                           resultType.getElementType());
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, ValueRange{}, ValueRange{init},
      SmallVector<AffineMap>{b.getMultiDimIdentityMap(rank)}, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange) {
        SmallVector<Value> indices;
        for (int64_t d = 0; d < rank; ++d)
          indices.push_back(linalg::IndexOp::create(nb, nloc, d));
        linalg::YieldOp::create(nb, nloc, body(nb, nloc, indices));
      });
  return generic.getResult(0);
}

//===----------------------------------------------------------------------===//
// Scalar semantics of the elementwise ops
//===----------------------------------------------------------------------===//

Value sigmoid(OpBuilder &b, Location loc, Value x) {
  Type type = x.getType();
  Value negated = arith::NegFOp::create(b, loc, x);
  Value exp = math::ExpOp::create(b, loc, negated);
  Value one = scalarConstant(b, loc, type, 1.0);
  return arith::DivFOp::create(b, loc, one,
                               arith::AddFOp::create(b, loc, one, exp));
}

Value gelu(OpBuilder &b, Location loc, Value x, bool tanhApproximation) {
  Type type = x.getType();
  auto c = [&](double v) { return scalarConstant(b, loc, type, v); };
  Value inner;
  if (tanhApproximation) {
    Value cube = arith::MulFOp::create(b, loc,
                                       arith::MulFOp::create(b, loc, x, x), x);
    Value poly = arith::AddFOp::create(
        b, loc, x, arith::MulFOp::create(b, loc, c(0.044715), cube));
    inner = math::TanhOp::create(
        b, loc, arith::MulFOp::create(b, loc, c(std::sqrt(2.0 / M_PI)), poly));
  } else {
    inner = math::ErfOp::create(b, loc,
                                arith::MulFOp::create(b, loc, x, c(M_SQRT1_2)));
  }
  Value half = arith::MulFOp::create(b, loc, c(0.5), x);
  return arith::MulFOp::create(b, loc, half,
                               arith::AddFOp::create(b, loc, c(1.0), inner));
}

/// Integer division that never traps: x / 0 = 0 and INT_MIN / -1 = INT_MIN.
Value safeIntDivide(OpBuilder &b, Location loc, Value x, Value y,
                    bool isUnsigned) {
  Type type = x.getType();
  unsigned width = type.getIntOrFloatBitWidth();
  Value zero = scalarConstant(b, loc, type, 0);
  Value one = scalarConstant(b, loc, type, 1);
  Value byZero =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, y, zero);
  if (isUnsigned) {
    Value safe = arith::SelectOp::create(b, loc, byZero, one, y);
    Value q = arith::DivUIOp::create(b, loc, x, safe);
    return arith::SelectOp::create(b, loc, byZero, zero, q);
  }
  Value min = intConstant(b, loc, type, APInt::getSignedMinValue(width));
  Value minusOne = intConstant(b, loc, type, APInt::getAllOnes(width));
  Value overflow = arith::AndIOp::create(
      b, loc,
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, x, min),
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, y, minusOne));
  Value bad = arith::OrIOp::create(b, loc, byZero, overflow);
  Value safe = arith::SelectOp::create(b, loc, bad, one, y);
  Value q = arith::DivSIOp::create(b, loc, x, safe);
  q = arith::SelectOp::create(b, loc, overflow, min, q);
  return arith::SelectOp::create(b, loc, byZero, zero, q);
}

Value maxOf(OpBuilder &b, Location loc, Value x, Value y, bool isUnsigned) {
  if (isa<FloatType>(x.getType()))
    return arith::MaximumFOp::create(b, loc, x, y);
  return isUnsigned ? Value(arith::MaxUIOp::create(b, loc, x, y))
                    : Value(arith::MaxSIOp::create(b, loc, x, y));
}

Value minOf(OpBuilder &b, Location loc, Value x, Value y, bool isUnsigned) {
  if (isa<FloatType>(x.getType()))
    return arith::MinimumFOp::create(b, loc, x, y);
  return isUnsigned ? Value(arith::MinUIOp::create(b, loc, x, y))
                    : Value(arith::MinSIOp::create(b, loc, x, y));
}

Value compare(OpBuilder &b, Location loc, CompareDirection direction, Value x,
              Value y, bool isUnsigned) {
  if (isa<FloatType>(x.getType())) {
    arith::CmpFPredicate predicate;
    switch (direction) {
    case CompareDirection::EQ:
      predicate = arith::CmpFPredicate::OEQ;
      break;
    case CompareDirection::NE:
      predicate = arith::CmpFPredicate::UNE;
      break;
    case CompareDirection::LT:
      predicate = arith::CmpFPredicate::OLT;
      break;
    case CompareDirection::LE:
      predicate = arith::CmpFPredicate::OLE;
      break;
    case CompareDirection::GT:
      predicate = arith::CmpFPredicate::OGT;
      break;
    case CompareDirection::GE:
      predicate = arith::CmpFPredicate::OGE;
      break;
    }
    return arith::CmpFOp::create(b, loc, predicate, x, y);
  }
  arith::CmpIPredicate predicate;
  switch (direction) {
  case CompareDirection::EQ:
    predicate = arith::CmpIPredicate::eq;
    break;
  case CompareDirection::NE:
    predicate = arith::CmpIPredicate::ne;
    break;
  case CompareDirection::LT:
    predicate = isUnsigned ? arith::CmpIPredicate::ult
                           : arith::CmpIPredicate::slt;
    break;
  case CompareDirection::LE:
    predicate = isUnsigned ? arith::CmpIPredicate::ule
                           : arith::CmpIPredicate::sle;
    break;
  case CompareDirection::GT:
    predicate = isUnsigned ? arith::CmpIPredicate::ugt
                           : arith::CmpIPredicate::sgt;
    break;
  case CompareDirection::GE:
    predicate = isUnsigned ? arith::CmpIPredicate::uge
                           : arith::CmpIPredicate::sge;
    break;
  }
  return arith::CmpIOp::create(b, loc, predicate, x, y);
}

/// The scalar computation of elementwise op `op` on `args` (already in the
/// compute type). `isUnsigned` describes the original integer operands.
FailureOr<Value> emitScalar(Operation *op, OpBuilder &b, Location loc,
                            ValueRange args, bool isUnsigned) {
  Value x = args.empty() ? Value() : args[0];
  bool isFloat = x && isa<FloatType>(x.getType());
  auto c = [&](double v) { return scalarConstant(b, loc, x.getType(), v); };
  return llvm::TypeSwitch<Operation *, FailureOr<Value>>(op)
      .Case([&](AddOp) -> Value {
        return isFloat ? Value(arith::AddFOp::create(b, loc, x, args[1]))
                       : Value(arith::AddIOp::create(b, loc, x, args[1]));
      })
      .Case([&](SubOp) -> Value {
        return isFloat ? Value(arith::SubFOp::create(b, loc, x, args[1]))
                       : Value(arith::SubIOp::create(b, loc, x, args[1]));
      })
      .Case([&](MulOp) -> Value {
        return isFloat ? Value(arith::MulFOp::create(b, loc, x, args[1]))
                       : Value(arith::MulIOp::create(b, loc, x, args[1]));
      })
      .Case([&](DivOp) -> Value {
        return isFloat ? Value(arith::DivFOp::create(b, loc, x, args[1]))
                       : safeIntDivide(b, loc, x, args[1], isUnsigned);
      })
      .Case([&](PowOp) -> Value {
        return isFloat ? Value(math::PowFOp::create(b, loc, x, args[1]))
                       : Value(math::IPowIOp::create(b, loc, x, args[1]));
      })
      .Case([&](MaxOp) { return maxOf(b, loc, x, args[1], isUnsigned); })
      .Case([&](MinOp) { return minOf(b, loc, x, args[1], isUnsigned); })
      .Case([&](LogicalAndOp) -> Value {
        return arith::AndIOp::create(b, loc, x, args[1]);
      })
      .Case([&](LogicalOrOp) -> Value {
        return arith::OrIOp::create(b, loc, x, args[1]);
      })
      .Case([&](LogicalXorOp) -> Value {
        return arith::XOrIOp::create(b, loc, x, args[1]);
      })
      .Case([&](LogicalNotOp) -> Value {
        return arith::XOrIOp::create(b, loc, x,
                                     scalarConstant(b, loc, x.getType(), 1));
      })
      .Case([&](CompareOp compareOp) {
        return compare(b, loc, compareOp.getDirection(), x, args[1],
                       isUnsigned);
      })
      .Case([&](WhereOp) -> Value {
        return arith::SelectOp::create(b, loc, x, args[1], args[2]);
      })
      .Case([&](NegOp) -> Value {
        return isFloat ? Value(arith::NegFOp::create(b, loc, x))
                       : Value(arith::SubIOp::create(b, loc, c(0), x));
      })
      .Case([&](AbsOp) -> Value {
        if (isFloat)
          return math::AbsFOp::create(b, loc, x);
        return isUnsigned ? x : Value(math::AbsIOp::create(b, loc, x));
      })
      .Case([&](ExpOp) -> Value { return math::ExpOp::create(b, loc, x); })
      .Case([&](LogOp) -> Value { return math::LogOp::create(b, loc, x); })
      .Case([&](SqrtOp) -> Value { return math::SqrtOp::create(b, loc, x); })
      .Case([&](RsqrtOp) -> Value { return math::RsqrtOp::create(b, loc, x); })
      .Case([&](TanhOp) -> Value { return math::TanhOp::create(b, loc, x); })
      .Case([&](ErfOp) -> Value { return math::ErfOp::create(b, loc, x); })
      .Case([&](SigmoidOp) { return sigmoid(b, loc, x); })
      .Case([&](SiluOp) -> Value {
        return arith::MulFOp::create(b, loc, x, sigmoid(b, loc, x));
      })
      .Case([&](GeluOp gelu) {
        return ::gelu(b, loc, x,
                      gelu.getApproximate() == GeluApproximation::Tanh);
      })
      .Case([&](ReluOp) -> Value {
        if (isUnsigned)
          return x;
        return maxOf(b, loc, x, c(0), false);
      })
      .Case([&](ClipOp clip) -> Value {
        Value y = x;
        if (isFloat) {
          if (std::optional<APFloat> lo = clip.getMin())
            y = arith::MaximumFOp::create(b, loc, y,
                                          c(lo->convertToDouble()));
          if (std::optional<APFloat> hi = clip.getMax())
            y = arith::MinimumFOp::create(b, loc, y,
                                          c(hi->convertToDouble()));
          return y;
        }
        if (std::optional<APInt> lo = clip.getIntegerBound(true))
          y = maxOf(b, loc, y, intConstant(b, loc, y.getType(), *lo),
                    isUnsigned);
        if (std::optional<APInt> hi = clip.getIntegerBound(false))
          y = minOf(b, loc, y, intConstant(b, loc, y.getType(), *hi),
                    isUnsigned);
        return y;
      })
      .Default([&](Operation *) -> FailureOr<Value> { return failure(); });
}

/// Elementwise ops (and cast) in one pattern: a linalg.generic whose body
/// is emitScalar, computed in f32 for f16/bf16.
struct ElementwiseLowering : public ConversionPattern {
  ElementwiseLowering(const TypeConverter &converter, MLIRContext *context)
      : ConversionPattern(converter, MatchAnyOpTypeTag(), /*benefit=*/1,
                          context) {}

  LogicalResult
  matchAndRewrite(Operation *op, ArrayRef<Value> operands,
                  ConversionPatternRewriter &rewriter) const override {
    if (!isa<AddOp, SubOp, MulOp, DivOp, PowOp, MaxOp, MinOp, LogicalAndOp,
             LogicalOrOp, LogicalXorOp, LogicalNotOp, CompareOp, WhereOp,
             NegOp, AbsOp, ExpOp, LogOp, SqrtOp, RsqrtOp, TanhOp, ErfOp,
             SigmoidOp, SiluOp, GeluOp, ReluOp, ClipOp, CastOp>(op))
      return failure();
    auto resultType = cast<RankedTensorType>(
        getTypeConverter()->convertType(op->getResult(0).getType()));
    Type originalResult = elementTypeOf(op->getResult(0));
    Type resultElement = resultType.getElementType();

    // What the computation reads: for `where`, the value operands.
    Value typical = isa<WhereOp>(op) ? op->getOperand(1) : op->getOperand(0);
    bool isUnsigned = isUnsignedElement(elementTypeOf(typical));
    Type operandElement = elementTypeOf(
        isa<WhereOp>(op) ? operands[1] : operands[0]);

    Value result = buildElementwise(
        rewriter, op->getLoc(), operands, resultType,
        [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
          if (auto castOp = dyn_cast<CastOp>(op))
            return convertScalar(
                b, loc, args[0],
                isUnsignedElement(elementTypeOf(castOp.getInput())),
                resultElement, isUnsignedElement(originalResult));
          // Compute in f32 for f16/bf16 operands.
          SmallVector<Value> wide;
          for (Value arg : args)
            wide.push_back(isLowPrecisionFloat(arg.getType())
                               ? Value(arith::ExtFOp::create(
                                     b, loc, b.getF32Type(), arg))
                               : arg);
          Value value = *emitScalar(op, b, loc, wide, isUnsigned);
          if (value.getType() != resultElement)
            value = arith::TruncFOp::create(b, loc, resultElement, value);
          return value;
        });
    (void)operandElement;
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

template <typename ReduceOpTy>
struct ReduceLowering : public OpConversionPattern<ReduceOpTy> {
  using OpConversionPattern<ReduceOpTy>::OpConversionPattern;
  using OpAdaptor = typename ReduceOpTy::Adaptor;

  LogicalResult
  matchAndRewrite(ReduceOpTy op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    Value input = adaptor.getInput();
    RankedTensorType inputType = tensorTypeOf(input);
    auto resultType = cast<RankedTensorType>(
        this->getTypeConverter()->convertType(op.getType()));
    Type element = inputType.getElementType();
    Type acc = computeType(element);
    bool isUnsigned = isUnsignedElement(elementTypeOf(op.getInput()));
    ArrayRef<int64_t> axes = op.getAxes();
    int64_t rank = inputType.getRank();

    SmallVector<utils::IteratorType> iterators;
    SmallVector<AffineExpr> outExprs;
    for (int64_t d = 0; d < rank; ++d) {
      bool reduced = llvm::is_contained(axes, d);
      iterators.push_back(reduced ? utils::IteratorType::reduction
                                  : utils::IteratorType::parallel);
      if (!reduced)
        outExprs.push_back(getAffineDimExpr(d, context));
      else if (op.getKeepdims())
        outExprs.push_back(getAffineConstantExpr(0, context));
    }
    AffineMap outMap = AffineMap::get(rank, 0, outExprs, context);

    // The identity of the reduction, in the accumulation type.
    Value identity;
    constexpr bool isSum =
        std::is_same_v<ReduceOpTy, ReduceSumOp> ||
        std::is_same_v<ReduceOpTy, ReduceMeanOp>;
    constexpr bool isMax = std::is_same_v<ReduceOpTy, ReduceMaxOp>;
    if (isSum) {
      identity = scalarConstant(rewriter, loc, acc, 0);
    } else if (auto floatType = dyn_cast<FloatType>(acc)) {
      identity = arith::ConstantOp::create(
          rewriter, loc,
          rewriter.getFloatAttr(acc, APFloat::getInf(floatType.getFloatSemantics(),
                                                     /*Negative=*/isMax)));
    } else {
      unsigned width = acc.getIntOrFloatBitWidth();
      APInt value = isMax ? (isUnsigned ? APInt::getZero(width)
                                        : APInt::getSignedMinValue(width))
                          : (isUnsigned ? APInt::getMaxValue(width)
                                        : APInt::getSignedMaxValue(width));
      identity = intConstant(rewriter, loc, acc, value);
    }
    Value init = emptyTensor(rewriter, loc, resultType.getShape(), acc);
    init = linalg::FillOp::create(rewriter, loc, identity, init).getResult(0);

    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{init.getType()}, ValueRange{input},
        ValueRange{init},
        SmallVector<AffineMap>{rewriter.getMultiDimIdentityMap(rank), outMap},
        iterators, [&](OpBuilder &b, Location bloc, ValueRange args) {
          Value x = args[0];
          if (x.getType() != acc)
            x = arith::ExtFOp::create(b, bloc, acc, x);
          Value combined;
          if (isSum)
            combined = isa<FloatType>(acc)
                           ? Value(arith::AddFOp::create(b, bloc, args[1], x))
                           : Value(arith::AddIOp::create(b, bloc, args[1], x));
          else if (isMax)
            combined = maxOf(b, bloc, args[1], x, isUnsigned);
          else
            combined = minOf(b, bloc, args[1], x, isUnsigned);
          linalg::YieldOp::create(b, bloc, combined);
        });
    Value result = generic.getResult(0);

    // The mean divides once; low-precision results are rounded once.
    int64_t count = 1;
    for (int64_t axis : axes)
      count *= inputType.getDimSize(axis);
    if (std::is_same_v<ReduceOpTy, ReduceMeanOp> || acc != element) {
      bool divide = std::is_same_v<ReduceOpTy, ReduceMeanOp>;
      result = buildElementwise(
          rewriter, loc, ValueRange{result}, resultType,
          [&](OpBuilder &b, Location bloc, ValueRange args) -> Value {
            Value x = args[0];
            if (divide)
              x = arith::DivFOp::create(
                  b, bloc, x, scalarConstant(b, bloc, acc, double(count)));
            if (x.getType() != element)
              x = arith::TruncFOp::create(b, bloc, element, x);
            return x;
          });
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

struct TransposeLowering : public OpConversionPattern<TransposeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    MLIRContext *context = rewriter.getContext();
    ArrayRef<int64_t> permutation = op.getPermutation();
    int64_t rank = permutation.size();
    // Input dimension permutation[i] is read at loop dimension i.
    SmallVector<AffineExpr> exprs(rank);
    for (int64_t i = 0; i < rank; ++i)
      exprs[permutation[i]] = getAffineDimExpr(i, context);
    auto resultType =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    Value init = emptyTensor(rewriter, op.getLoc(), resultType.getShape(),
                             resultType.getElementType());
    auto generic = linalg::GenericOp::create(
        rewriter, op.getLoc(), TypeRange{resultType},
        ValueRange{adaptor.getInput()}, ValueRange{init},
        SmallVector<AffineMap>{AffineMap::get(rank, 0, exprs, context),
                               rewriter.getMultiDimIdentityMap(rank)},
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [](OpBuilder &b, Location loc, ValueRange args) {
          linalg::YieldOp::create(b, loc, args[0]);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

struct BroadcastLowering : public OpConversionPattern<BroadcastOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BroadcastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    rewriter.replaceOp(op, buildElementwise(
                               rewriter, op.getLoc(),
                               ValueRange{adaptor.getInput()}, resultType,
                               [](OpBuilder &, Location, ValueRange args) {
                                 return args[0];
                               }));
    return success();
  }
};

struct SliceLowering : public OpConversionPattern<SliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    ArrayRef<int64_t> starts = op.getStarts(), steps = op.getSteps();
    Value input = adaptor.getInput();
    if (resultType.getNumElements() == 0) {
      // Nothing to read (and offsets may sit at the end of a dimension).
      rewriter.replaceOp(op, emptyTensor(rewriter, op.getLoc(),
                                         resultType.getShape(),
                                         resultType.getElementType()));
      return success();
    }
    if (llvm::all_of(steps, [](int64_t step) { return step > 0; })) {
      // A strided window: a view of the input, copied.
      SmallVector<OpFoldResult> offsets, sizes, strides;
      for (auto [start, size, step] :
           llvm::zip_equal(starts, resultType.getShape(), steps)) {
        offsets.push_back(rewriter.getIndexAttr(start));
        sizes.push_back(rewriter.getIndexAttr(size));
        strides.push_back(rewriter.getIndexAttr(step));
      }
      rewriter.replaceOp(op, tensor::ExtractSliceOp::create(
                                 rewriter, op.getLoc(), resultType, input,
                                 offsets, sizes, strides));
      return success();
    }
    // Reversed dimensions: element i of dimension d is input element
    // starts[d] + i * steps[d].
    Value result = buildFromIndices(
        rewriter, op.getLoc(), resultType,
        [&](OpBuilder &b, Location loc, ArrayRef<Value> ivs) -> Value {
          SmallVector<Value> at;
          for (auto [d, iv] : llvm::enumerate(ivs))
            at.push_back(arith::AddIOp::create(
                b, loc,
                arith::MulIOp::create(b, loc, iv,
                                      indexConstant(b, loc, steps[d])),
                indexConstant(b, loc, starts[d])));
          return tensor::ExtractOp::create(b, loc, input, at);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct ConcatLowering : public OpConversionPattern<ConcatOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    SmallVector<Value> inputs;
    for (Value input : adaptor.getInputs())
      if (tensorTypeOf(input).getDimSize(op.getAxis()) != 0)
        inputs.push_back(input);
    if (inputs.empty()) {
      rewriter.replaceOp(op, emptyTensor(rewriter, op.getLoc(),
                                         resultType.getShape(),
                                         resultType.getElementType()));
      return success();
    }
    if (inputs.size() == 1) {
      rewriter.replaceOp(op, inputs.front());
      return success();
    }
    rewriter.replaceOp(op, tensor::ConcatOp::create(rewriter, op.getLoc(),
                                                    resultType, op.getAxis(),
                                                    inputs));
    return success();
  }
};

struct SplitLowering : public OpConversionPattern<SplitOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SplitOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    int64_t axis = op.getAxis();
    int64_t rank = tensorTypeOf(adaptor.getInput()).getRank();
    SmallVector<Value> pieces;
    int64_t offset = 0;
    for (Value result : op.getResults()) {
      auto type = cast<RankedTensorType>(
          getTypeConverter()->convertType(result.getType()));
      if (type.getNumElements() == 0) {
        pieces.push_back(emptyTensor(rewriter, op.getLoc(), type.getShape(),
                                     type.getElementType()));
        offset += type.getDimSize(axis);
        continue;
      }
      SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0));
      offsets[axis] = rewriter.getIndexAttr(offset);
      SmallVector<OpFoldResult> sizes, strides(rank, rewriter.getIndexAttr(1));
      for (int64_t size : type.getShape())
        sizes.push_back(rewriter.getIndexAttr(size));
      pieces.push_back(tensor::ExtractSliceOp::create(
          rewriter, op.getLoc(), type, adaptor.getInput(), offsets, sizes,
          strides));
      offset += type.getDimSize(axis);
    }
    rewriter.replaceOp(op, pieces);
    return success();
  }
};

/// An index value clamped into [0, size).
Value clampIndex(OpBuilder &b, Location loc, Value index, int64_t size) {
  Value zero = indexConstant(b, loc, 0);
  Value last = indexConstant(b, loc, std::max<int64_t>(size - 1, 0));
  return arith::MinSIOp::create(b, loc,
                                arith::MaxSIOp::create(b, loc, index, zero),
                                last);
}

struct GatherLowering : public OpConversionPattern<GatherOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GatherOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    Value data = adaptor.getData(), indices = adaptor.getIndices();
    int64_t axis = op.getAxis();
    int64_t indexRank = tensorTypeOf(indices).getRank();
    int64_t axisSize = tensorTypeOf(data).getDimSize(axis);
    int64_t dataRank = tensorTypeOf(data).getRank();
    Value result = buildFromIndices(
        rewriter, op.getLoc(), resultType,
        [&](OpBuilder &b, Location loc, ArrayRef<Value> ivs) -> Value {
          Value raw = tensor::ExtractOp::create(
              b, loc, indices, ivs.slice(axis, indexRank));
          Value index =
              arith::IndexCastOp::create(b, loc, b.getIndexType(), raw);
          // A negative index counts from the end; out of range is clamped
          // so that no read leaves the tensor.
          Value negative = arith::CmpIOp::create(
              b, loc, arith::CmpIPredicate::slt, index,
              indexConstant(b, loc, 0));
          index = arith::SelectOp::create(
              b, loc, negative,
              arith::AddIOp::create(b, loc, index,
                                    indexConstant(b, loc, axisSize)),
              index);
          index = clampIndex(b, loc, index, axisSize);
          SmallVector<Value> at(ivs.take_front(axis));
          at.push_back(index);
          at.append(ivs.begin() + axis + indexRank, ivs.end());
          (void)dataRank;
          return tensor::ExtractOp::create(b, loc, data, at);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct PadLowering : public OpConversionPattern<PadOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(PadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    Value input = adaptor.getInput();
    ArrayRef<int64_t> shape = tensorTypeOf(input).getShape();
    ArrayRef<int64_t> low = op.getLow();
    PadMode mode = op.getMode();
    double padValue = op.getValue().convertToDouble();
    Type element = resultType.getElementType();
    bool isUnsigned = isUnsignedElement(elementTypeOf(op.getType()));
    Value result = buildFromIndices(
        rewriter, op.getLoc(), resultType,
        [&](OpBuilder &b, Location loc, ArrayRef<Value> ivs) -> Value {
          SmallVector<Value> at;
          Value inside;
          for (auto [d, iv] : llvm::enumerate(ivs)) {
            int64_t size = shape[d];
            Value j = arith::SubIOp::create(b, loc, iv,
                                            indexConstant(b, loc, low[d]));
            if (mode == PadMode::Reflect && size > 1) {
              // Mirror without repeating the edge: -j before the start,
              // 2 (size - 1) - j past the end.
              Value before = arith::CmpIOp::create(
                  b, loc, arith::CmpIPredicate::slt, j,
                  indexConstant(b, loc, 0));
              j = arith::SelectOp::create(
                  b, loc, before,
                  arith::SubIOp::create(b, loc, indexConstant(b, loc, 0), j),
                  j);
              Value after = arith::CmpIOp::create(
                  b, loc, arith::CmpIPredicate::sge, j,
                  indexConstant(b, loc, size));
              j = arith::SelectOp::create(
                  b, loc, after,
                  arith::SubIOp::create(b, loc,
                                        indexConstant(b, loc, 2 * (size - 1)),
                                        j),
                  j);
            } else if (mode == PadMode::Constant) {
              Value lo = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge,
                                               j, indexConstant(b, loc, 0));
              Value hi = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt,
                                               j, indexConstant(b, loc, size));
              Value ok = arith::AndIOp::create(b, loc, lo, hi);
              inside = inside ? Value(arith::AndIOp::create(b, loc, inside, ok))
                              : ok;
            }
            // Edge mode, and every read: stay inside the input.
            at.push_back(clampIndex(b, loc, j, size));
          }
          if (llvm::is_contained(shape, 0))
            return mode == PadMode::Constant
                       ? scalarConstant(b, loc, element, padValue)
                       : scalarConstant(b, loc, element, 0);
          Value read = tensor::ExtractOp::create(b, loc, input, at);
          if (!inside)
            return read;
          Value fill;
          if (isa<FloatType>(element)) {
            fill = scalarConstant(b, loc, element, padValue);
          } else {
            // The pad value converted like a cast to the element type.
            Value wide = scalarConstant(b, loc, b.getF64Type(), padValue);
            fill = convertScalar(b, loc, wide, false, element, isUnsigned);
          }
          return arith::SelectOp::create(b, loc, inside, read, fill);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Compute ops the library does not take (non-f32 types, odd windows)
//===----------------------------------------------------------------------===//

struct MatmulLowering : public OpConversionPattern<MatmulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MatmulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    MLIRContext *context = rewriter.getContext();
    Location loc = op.getLoc();
    auto resultType =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    Value lhs = adaptor.getLhs(), rhs = adaptor.getRhs();
    ArrayRef<int64_t> out = resultType.getShape();
    int64_t rank = out.size(); // loops: result dims, then K
    Type element = resultType.getElementType();
    Type acc = computeType(element);
    AffineExpr k = getAffineDimExpr(rank, context);
    auto operandMap = [&](ArrayRef<int64_t> shape, bool isLhs) {
      SmallVector<AffineExpr> exprs;
      int64_t batch = shape.size() - 2;
      int64_t offset = (rank - 2) - batch;
      for (int64_t d = 0; d < batch; ++d)
        exprs.push_back(shape[d] == 1 && out[d + offset] != 1
                            ? getAffineConstantExpr(0, context)
                            : getAffineDimExpr(d + offset, context));
      if (isLhs) {
        exprs.push_back(getAffineDimExpr(rank - 2, context));
        exprs.push_back(k);
      } else {
        exprs.push_back(k);
        exprs.push_back(getAffineDimExpr(rank - 1, context));
      }
      return AffineMap::get(rank + 1, 0, exprs, context);
    };
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    iterators.push_back(utils::IteratorType::reduction);
    Value init = emptyTensor(rewriter, loc, out, acc);
    init = linalg::FillOp::create(rewriter, loc,
                                  scalarConstant(rewriter, loc, acc, 0), init)
               .getResult(0);
    SmallVector<AffineExpr> outExprs;
    for (int64_t d = 0; d < rank; ++d)
      outExprs.push_back(getAffineDimExpr(d, context));
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{init.getType()}, ValueRange{lhs, rhs},
        ValueRange{init},
        SmallVector<AffineMap>{
            operandMap(tensorTypeOf(lhs).getShape(), true),
            operandMap(tensorTypeOf(rhs).getShape(), false),
            AffineMap::get(rank + 1, 0, outExprs, context)},
        iterators, [&](OpBuilder &b, Location bloc, ValueRange args) {
          Value x = args[0], y = args[1];
          if (x.getType() != acc) {
            x = arith::ExtFOp::create(b, bloc, acc, x);
            y = arith::ExtFOp::create(b, bloc, acc, y);
          }
          Value product =
              isa<FloatType>(acc) ? Value(arith::MulFOp::create(b, bloc, x, y))
                                  : Value(arith::MulIOp::create(b, bloc, x, y));
          Value sum =
              isa<FloatType>(acc)
                  ? Value(arith::AddFOp::create(b, bloc, args[2], product))
                  : Value(arith::AddIOp::create(b, bloc, args[2], product));
          linalg::YieldOp::create(b, bloc, sum);
        });
    Value result = generic.getResult(0);
    if (acc != element)
      result = buildElementwise(rewriter, loc, ValueRange{result}, resultType,
                                [&](OpBuilder &b, Location bloc, ValueRange args)
                                    -> Value {
                                  return arith::TruncFOp::create(
                                      b, bloc, element, args[0]);
                                });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// A convolution as one generic over the output and the window: loops n,
/// f, oh, ow (parallel), c, kh, kw (reduction, c within the group of f),
/// the weight read through its indexing map and the input with
/// tensor.extract, because padding makes some reads fall outside it (they
/// add nothing). f16 and bf16 accumulate in f32; the bias is added and the
/// sum rounded in one elementwise generic after it. Every element type,
/// stride, padding, dilation and group count: the library takes only some
/// (f32 on the cpu target), code generation the rest.
struct Conv2dLowering : public OpConversionPattern<Conv2dOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(Conv2dOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    MLIRContext *context = rewriter.getContext();
    Location loc = op.getLoc();
    auto resultType =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    Value input = adaptor.getInput(), weight = adaptor.getWeight();
    ArrayRef<int64_t> inShape = tensorTypeOf(input).getShape();
    ArrayRef<int64_t> wShape = tensorTypeOf(weight).getShape();
    ArrayRef<int64_t> outShape = resultType.getShape();
    ArrayRef<int64_t> strides = op.getStrides(), padding = op.getPadding(),
                      dilations = op.getDilations();
    int64_t groups = op.getGroups();
    int64_t filtersPerGroup = outShape[1] / groups;
    int64_t channelsPerGroup = wShape[1];
    Type element = resultType.getElementType();
    Type acc = computeType(element);

    auto dims = [&](std::initializer_list<unsigned> list) {
      SmallVector<AffineExpr> exprs;
      for (unsigned d : list)
        exprs.push_back(getAffineDimExpr(d, context));
      return AffineMap::get(7, 0, exprs, context);
    };
    SmallVector<utils::IteratorType> iterators(4,
                                               utils::IteratorType::parallel);
    iterators.append(3, utils::IteratorType::reduction);
    Value init = emptyTensor(rewriter, loc, outShape, acc);
    init = linalg::FillOp::create(rewriter, loc,
                                  scalarConstant(rewriter, loc, acc, 0), init)
               .getResult(0);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{init.getType()}, ValueRange{weight},
        ValueRange{init},
        SmallVector<AffineMap>{dims({1, 4, 5, 6}), dims({0, 1, 2, 3})},
        iterators, [&](OpBuilder &b, Location bloc, ValueRange args) {
          SmallVector<Value> ivs;
          for (int64_t d = 0; d < 7; ++d)
            ivs.push_back(linalg::IndexOp::create(b, bloc, d));
          // The input channel: c of the group filter f belongs to.
          Value channel = ivs[4];
          if (groups > 1) {
            Value group = arith::DivUIOp::create(
                b, bloc, ivs[1], indexConstant(b, bloc, filtersPerGroup));
            channel = arith::AddIOp::create(
                b, bloc,
                arith::MulIOp::create(b, bloc, group,
                                      indexConstant(b, bloc, channelsPerGroup)),
                channel);
          }
          Value inside;
          SmallVector<Value> at = {ivs[0], channel};
          for (int64_t d = 0; d < 2; ++d) {
            // i = o * stride + k * dilation - pad_begin
            Value i = arith::AddIOp::create(
                b, bloc,
                arith::MulIOp::create(b, bloc, ivs[2 + d],
                                      indexConstant(b, bloc, strides[d])),
                arith::MulIOp::create(b, bloc, ivs[5 + d],
                                      indexConstant(b, bloc, dilations[d])));
            i = arith::SubIOp::create(b, bloc, i,
                                      indexConstant(b, bloc, padding[d]));
            Value ok = arith::AndIOp::create(
                b, bloc,
                arith::CmpIOp::create(b, bloc, arith::CmpIPredicate::sge, i,
                                      indexConstant(b, bloc, 0)),
                arith::CmpIOp::create(b, bloc, arith::CmpIPredicate::slt, i,
                                      indexConstant(b, bloc, inShape[2 + d])));
            inside =
                inside ? Value(arith::AndIOp::create(b, bloc, inside, ok)) : ok;
            at.push_back(clampIndex(b, bloc, i, inShape[2 + d]));
          }
          Value x = tensor::ExtractOp::create(b, bloc, input, at);
          Value w = args[0];
          if (x.getType() != acc) {
            x = arith::ExtFOp::create(b, bloc, acc, x);
            w = arith::ExtFOp::create(b, bloc, acc, w);
          }
          Value sum = arith::AddFOp::create(
              b, bloc, args[1], arith::MulFOp::create(b, bloc, x, w));
          Value combined =
              arith::SelectOp::create(b, bloc, inside, sum, args[1]);
          linalg::YieldOp::create(b, bloc, combined);
        });
    Value result = generic.getResult(0);

    Value bias = adaptor.getBias();
    if (bias || acc != element) {
      // result[n, f, h, w] (+ bias[f]), rounded to the element type.
      SmallVector<Value> inputs = {result};
      AffineMap identity = rewriter.getMultiDimIdentityMap(4);
      SmallVector<AffineMap> maps = {identity};
      if (bias) {
        inputs.push_back(bias);
        maps.push_back(
            AffineMap::get(4, 0, {getAffineDimExpr(1, context)}, context));
      }
      maps.push_back(identity);
      Value out = emptyTensor(rewriter, loc, outShape, element);
      result = linalg::GenericOp::create(
                   rewriter, loc, TypeRange{resultType}, inputs,
                   ValueRange{out}, maps,
                   SmallVector<utils::IteratorType>(
                       4, utils::IteratorType::parallel),
                   [&](OpBuilder &b, Location bloc, ValueRange args) {
                     Value value = args[0];
                     if (bias) {
                       Value term = args[1];
                       if (term.getType() != acc)
                         term = arith::ExtFOp::create(b, bloc, acc, term);
                       value = arith::AddFOp::create(b, bloc, value, term);
                     }
                     if (acc != element)
                       value = arith::TruncFOp::create(b, bloc, element, value);
                     linalg::YieldOp::create(b, bloc, value);
                   })
                   .getResult(0);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Max and average pooling as windows over the output: exact ONNX
/// semantics for every padding, dilation, ceil mode and count_include_pad.
template <typename PoolOpTy>
struct PoolLowering : public OpConversionPattern<PoolOpTy> {
  using OpConversionPattern<PoolOpTy>::OpConversionPattern;
  using OpAdaptor = typename PoolOpTy::Adaptor;

  LogicalResult
  matchAndRewrite(PoolOpTy op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    constexpr bool isMax = std::is_same_v<PoolOpTy, MaxPool2dOp>;
    MLIRContext *context = rewriter.getContext();
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(
        this->getTypeConverter()->convertType(op.getType()));
    Value input = adaptor.getInput();
    ArrayRef<int64_t> inShape = tensorTypeOf(input).getShape();
    ArrayRef<int64_t> kernel = op.getKernel(), strides = op.getStrides(),
                      padding = op.getPadding(), dilations = op.getDilations();
    bool countPad = false;
    if constexpr (!isMax)
      countPad = op.getCountIncludePad();
    Type element = resultType.getElementType();
    Type acc = computeType(element);
    bool isUnsigned = isUnsignedElement(elementTypeOf(op.getType()));

    // Loops: n, c, oh, ow (parallel), kh, kw (reduction). The output is
    // written through (n, c, oh, ow); the input is read with tensor.extract
    // inside the body because padding makes some reads fall outside it.
    SmallVector<utils::IteratorType> iterators(4,
                                               utils::IteratorType::parallel);
    iterators.push_back(utils::IteratorType::reduction);
    iterators.push_back(utils::IteratorType::reduction);
    AffineMap outMap = AffineMap::get(
        6, 0,
        {getAffineDimExpr(0, context), getAffineDimExpr(1, context),
         getAffineDimExpr(2, context), getAffineDimExpr(3, context)},
        context);
    // The window shape, as an input of kernel's size, gives kh and kw their
    // ranges.
    Value window =
        emptyTensor(rewriter, loc, {kernel[0], kernel[1]}, rewriter.getI8Type());
    AffineMap windowMap = AffineMap::get(
        6, 0, {getAffineDimExpr(4, context), getAffineDimExpr(5, context)},
        context);

    Value identity;
    if (!isMax) {
      identity = scalarConstant(rewriter, loc, acc, 0);
    } else if (auto floatType = dyn_cast<FloatType>(acc)) {
      identity = arith::ConstantOp::create(
          rewriter, loc,
          rewriter.getFloatAttr(
              acc, APFloat::getInf(floatType.getFloatSemantics(), true)));
    } else {
      unsigned width = acc.getIntOrFloatBitWidth();
      identity = intConstant(rewriter, loc, acc,
                             isUnsigned ? APInt::getZero(width)
                                        : APInt::getSignedMinValue(width));
    }
    Value init = emptyTensor(rewriter, loc, resultType.getShape(), acc);
    init = linalg::FillOp::create(rewriter, loc, identity, init).getResult(0);

    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{init.getType()}, ValueRange{window},
        ValueRange{init}, SmallVector<AffineMap>{windowMap, outMap}, iterators,
        [&](OpBuilder &b, Location bloc, ValueRange args) {
          SmallVector<Value> ivs;
          for (int64_t d = 0; d < 6; ++d)
            ivs.push_back(linalg::IndexOp::create(b, bloc, d));
          Value inside;
          SmallVector<Value> at = {ivs[0], ivs[1]};
          for (int64_t d = 0; d < 2; ++d) {
            // i = o * stride + k * dilation - pad_begin
            Value i = arith::AddIOp::create(
                b, bloc,
                arith::MulIOp::create(b, bloc, ivs[2 + d],
                                      indexConstant(b, bloc, strides[d])),
                arith::MulIOp::create(b, bloc, ivs[4 + d],
                                      indexConstant(b, bloc, dilations[d])));
            i = arith::SubIOp::create(b, bloc, i,
                                      indexConstant(b, bloc, padding[d]));
            Value ok = arith::AndIOp::create(
                b, bloc,
                arith::CmpIOp::create(b, bloc, arith::CmpIPredicate::sge, i,
                                      indexConstant(b, bloc, 0)),
                arith::CmpIOp::create(b, bloc, arith::CmpIPredicate::slt, i,
                                      indexConstant(b, bloc, inShape[2 + d])));
            inside = inside ? Value(arith::AndIOp::create(b, bloc, inside, ok))
                            : ok;
            at.push_back(clampIndex(b, bloc, i, inShape[2 + d]));
          }
          Value read = tensor::ExtractOp::create(b, bloc, input, at);
          if (read.getType() != acc)
            read = arith::ExtFOp::create(b, bloc, acc, read);
          Value combined;
          if (isMax) {
            Value candidate = maxOf(b, bloc, args[1], read, isUnsigned);
            combined = arith::SelectOp::create(b, bloc, inside, candidate,
                                               args[1]);
          } else {
            Value sum = arith::AddFOp::create(b, bloc, args[1], read);
            combined = arith::SelectOp::create(b, bloc, inside, sum, args[1]);
          }
          linalg::YieldOp::create(b, bloc, combined);
        });
    Value result = generic.getResult(0);

    if (!isMax) {
      // The divisor of each output: window positions inside the input, or
      // inside the explicitly padded input with count_include_pad (the
      // extra reach of ceil mode never counts), computed per position.
      result = buildElementwiseWithIndices(
          rewriter, loc, result, resultType,
          [&](OpBuilder &b, Location bloc, Value sum,
              ArrayRef<Value> ivs) -> Value {
            Value count;
            for (int64_t d = 0; d < 2; ++d) {
              int64_t lo = countPad ? -padding[d] : 0;
              int64_t hi = countPad ? inShape[2 + d] + padding[d + 2]
                                    : inShape[2 + d];
              // start = o * stride - pad; positions start + k * dilation.
              Value start = arith::SubIOp::create(
                  b, bloc,
                  arith::MulIOp::create(b, bloc, ivs[2 + d],
                                        indexConstant(b, bloc, strides[d])),
                  indexConstant(b, bloc, padding[d]));
              Value n = indexConstant(b, bloc, 0);
              for (int64_t k = 0; k < kernel[d]; ++k) {
                Value pos = arith::AddIOp::create(
                    b, bloc, start,
                    indexConstant(b, bloc, k * dilations[d]));
                Value ok = arith::AndIOp::create(
                    b, bloc,
                    arith::CmpIOp::create(b, bloc, arith::CmpIPredicate::sge,
                                          pos, indexConstant(b, bloc, lo)),
                    arith::CmpIOp::create(b, bloc, arith::CmpIPredicate::slt,
                                          pos, indexConstant(b, bloc, hi)));
                n = arith::AddIOp::create(
                    b, bloc, n,
                    arith::IndexCastOp::create(
                        b, bloc, b.getIndexType(),
                        arith::ExtUIOp::create(b, bloc, b.getI64Type(), ok)));
              }
              count = count ? Value(arith::MulIOp::create(b, bloc, count, n))
                            : n;
            }
            Value countF = arith::SIToFPOp::create(
                b, bloc, acc,
                arith::IndexCastOp::create(b, bloc, b.getI64Type(), count));
            Value mean = arith::DivFOp::create(b, bloc, sum, countF);
            if (mean.getType() != element)
              mean = arith::TruncFOp::create(b, bloc, element, mean);
            return mean;
          });
    } else if (acc != element) {
      result = buildElementwise(
          rewriter, loc, ValueRange{result}, resultType,
          [&](OpBuilder &b, Location bloc, ValueRange args) -> Value {
            return arith::TruncFOp::create(b, bloc, element, args[0]);
          });
    }
    rewriter.replaceOp(op, result);
    return success();
  }

  /// An elementwise generic over `resultType` reading `input` whose body
  /// also sees the loop indices.
  static Value buildElementwiseWithIndices(
      OpBuilder &b, Location loc, Value input, RankedTensorType resultType,
      function_ref<Value(OpBuilder &, Location, Value, ArrayRef<Value>)> body) {
    int64_t rank = resultType.getRank();
    Value init = emptyTensor(b, loc, resultType.getShape(),
                             resultType.getElementType());
    auto generic = linalg::GenericOp::create(
        b, loc, TypeRange{resultType}, ValueRange{input}, ValueRange{init},
        SmallVector<AffineMap>{b.getMultiDimIdentityMap(rank),
                               b.getMultiDimIdentityMap(rank)},
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [&](OpBuilder &nb, Location nloc, ValueRange args) {
          SmallVector<Value> ivs;
          for (int64_t d = 0; d < rank; ++d)
            ivs.push_back(linalg::IndexOp::create(nb, nloc, d));
          linalg::YieldOp::create(nb, nloc, body(nb, nloc, args[0], ivs));
        });
    return generic.getResult(0);
  }
};

//===----------------------------------------------------------------------===//
// Ops that stay: constants and views, with signless types
//===----------------------------------------------------------------------===//

struct ConstantTypeConversion : public OpConversionPattern<ConstantOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConstantOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    if (type == op.getType())
      return failure();
    ElementsAttr value = op.getValue();
    ElementsAttr converted;
    if (auto dense = dyn_cast<DenseElementsAttr>(value))
      converted = dense.bitcast(type.getElementType());
    else if (auto resource = dyn_cast<DenseResourceElementsAttr>(value))
      converted = DenseResourceElementsAttr::get(type, resource.getRawHandle());
    if (!converted)
      return rewriter.notifyMatchFailure(op, "unknown constant kind");
    rewriter.replaceOpWithNewOp<ConstantOp>(op, converted);
    return success();
  }
};

struct ReshapeTypeConversion : public OpConversionPattern<ReshapeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type type = getTypeConverter()->convertType(op.getType());
    if (type == op.getType() && adaptor.getInput() == op.getInput())
      return failure();
    rewriter.replaceOpWithNewOp<ReshapeOp>(op, type, adaptor.getInput());
    return success();
  }
};

struct TesseraToLinalgPass
    : public mlir::tessera::impl::TesseraToLinalgPassBase<TesseraToLinalgPass> {
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    SignlessTypeConverter converter;
    ConversionTarget target(*context);
    target.addLegalDialect<linalg::LinalgDialect, tensor::TensorDialect,
                           arith::ArithDialect, math::MathDialect,
                           exec::ExecDialect, func::FuncDialect>();
    target.addLegalOp<UnrealizedConversionCastOp>();
    target.addDynamicallyLegalOp<ConstantOp, ReshapeOp>(
        [&](Operation *op) { return converter.isLegal(op); });
    target.addDynamicallyLegalDialect<exec::ExecDialect>(
        [&](Operation *op) { return converter.isLegal(op); });
    target.addIllegalDialect<TesseraDialect>();

    RewritePatternSet patterns(context);
    patterns.add<ElementwiseLowering>(converter, context);
    patterns.add<ReduceLowering<ReduceSumOp>, ReduceLowering<ReduceMeanOp>,
                 ReduceLowering<ReduceMaxOp>, ReduceLowering<ReduceMinOp>,
                 TransposeLowering, BroadcastLowering, SliceLowering,
                 ConcatLowering, SplitLowering, GatherLowering, PadLowering,
                 MatmulLowering, Conv2dLowering, PoolLowering<MaxPool2dOp>,
                 PoolLowering<AvgPool2dOp>, ConstantTypeConversion,
                 ReshapeTypeConversion>(converter, context);

    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
