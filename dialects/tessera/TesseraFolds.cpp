//===- TesseraFolds.cpp - Folders and canonicalizations of tessera ops ----===//
//
// Part of Tessera. Two kinds of simplification live here:
//  - algebraic: identity ops disappear (x + 0, a reshape to the same type,
//    an identity permutation), chains collapse (reshape of reshape,
//    transpose of transpose, concat of concat);
//  - constant folding of small dense constants, which is what turns the
//    shape-computing subgraphs of exported models (Shape -> Gather -> Concat
//    -> Reshape) into static shapes.
// Folding never produces a non-splat constant of more than
// kMaxFoldedElements elements, so weights are never copied into giant inline
// attributes; dense_resource weights are left alone.
//
//===----------------------------------------------------------------------===//

#include "dialects/tessera/TesseraOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/APSInt.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tessera;

/// The largest non-splat constant a fold may create.
static constexpr int64_t kMaxFoldedElements = 1 << 16;

//===----------------------------------------------------------------------===//
// Constant folding machinery
//===----------------------------------------------------------------------===//

namespace {

/// Row-major strides of `shape`.
SmallVector<int64_t> getStrides(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t d = static_cast<int64_t>(shape.size()) - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  return strides;
}

/// Maps the linear index of an element of a result to the linear index of the
/// element of an operand that broadcasts to it (NumPy rules).
class BroadcastIndexer {
public:
  BroadcastIndexer(ArrayRef<int64_t> operandShape,
                   ArrayRef<int64_t> resultShape)
      : resultStrides(getStrides(resultShape)),
        operandStrides(resultShape.size(), 0) {
    SmallVector<int64_t> strides = getStrides(operandShape);
    size_t offset = resultShape.size() - operandShape.size();
    for (auto [d, size] : llvm::enumerate(operandShape))
      if (size != 1)
        operandStrides[offset + d] = strides[d];
  }

  int64_t operator()(int64_t resultIndex) const {
    int64_t index = 0;
    for (auto [resultStride, operandStride] :
         llvm::zip_equal(resultStrides, operandStrides)) {
      index += (resultIndex / resultStride) * operandStride;
      resultIndex %= resultStride;
    }
    return index;
  }

private:
  SmallVector<int64_t> resultStrides;
  SmallVector<int64_t> operandStrides;
};

APFloat floatAt(DenseElementsAttr attr, int64_t index) {
  if (attr.isSplat())
    return attr.getSplatValue<APFloat>();
  return *std::next(attr.value_begin<APFloat>(), index);
}

APInt intAt(DenseElementsAttr attr, int64_t index) {
  if (attr.isSplat())
    return attr.getSplatValue<APInt>();
  return *std::next(attr.value_begin<APInt>(), index);
}

bool isUnsignedElement(Type type) {
  return type.isUnsignedInteger() || type.isInteger(1);
}

/// Whether a constant of `type` may be created: splats always, other
/// constants up to kMaxFoldedElements.
bool mayMaterialize(ShapedType type, bool splat) {
  return splat || type.getNumElements() <= kMaxFoldedElements;
}

/// Computes a constant of `resultType` element by element. `compute` gets
/// the result element's linear index and returns its value (APFloat for
/// float results, APInt for integer results), or nothing to abandon the
/// fold. When `splat` is set, element 0 is computed once and splatted.
template <typename T>
Attribute buildConstant(ShapedType resultType, bool splat,
                        function_ref<std::optional<T>(int64_t)> compute) {
  if (!mayMaterialize(resultType, splat))
    return {};
  int64_t count = splat ? 1 : resultType.getNumElements();
  SmallVector<T> values;
  values.reserve(count);
  for (int64_t i = 0; i < count; ++i) {
    std::optional<T> value = compute(i);
    if (!value)
      return {};
    values.push_back(std::move(*value));
  }
  return DenseElementsAttr::get(resultType, values);
}

/// Builds a constant from per-element callbacks chosen by the result's
/// element type.
Attribute buildConstant(ShapedType resultType, bool splat,
                        function_ref<std::optional<APFloat>(int64_t)> floatFn,
                        function_ref<std::optional<APInt>(int64_t)> intFn) {
  if (isa<FloatType>(resultType.getElementType()))
    return floatFn ? buildConstant<APFloat>(resultType, splat, floatFn)
                   : Attribute();
  return intFn ? buildConstant<APInt>(resultType, splat, intFn) : Attribute();
}

/// Folds an elementwise op whose operands are all dense constants.
/// `floatFn`/`intFn` get the operand values of one element.
Attribute foldElementwise(
    ArrayRef<Attribute> operandAttrs, TypeRange operandTypes,
    ShapedType resultType,
    function_ref<std::optional<APFloat>(ArrayRef<APFloat>)> floatFn,
    function_ref<std::optional<APInt>(ArrayRef<APInt>, bool isUnsigned)>
        intFn) {
  SmallVector<DenseElementsAttr> operands;
  bool splat = true;
  for (Attribute attr : operandAttrs) {
    auto dense = dyn_cast_or_null<DenseElementsAttr>(attr);
    if (!dense)
      return {};
    splat &= dense.isSplat();
    operands.push_back(dense);
  }
  SmallVector<BroadcastIndexer> indexers;
  for (Type type : operandTypes)
    indexers.emplace_back(cast<ShapedType>(type).getShape(),
                          resultType.getShape());
  Type operandElement = operands.front().getElementType();
  bool isUnsigned = isUnsignedElement(operandElement);
  auto floatOfElement = [&](int64_t i) -> std::optional<APFloat> {
    SmallVector<APFloat> values;
    for (auto [dense, indexer] : llvm::zip_equal(operands, indexers))
      values.push_back(floatAt(dense, indexer(i)));
    return floatFn(values);
  };
  auto intOfElement = [&](int64_t i) -> std::optional<APInt> {
    SmallVector<APInt> values;
    for (auto [dense, indexer] : llvm::zip_equal(operands, indexers))
      values.push_back(intAt(dense, indexer(i)));
    return intFn(values, isUnsigned);
  };
  if (isa<FloatType>(operandElement))
    return floatFn ? buildConstant<APFloat>(resultType, splat, floatOfElement)
                   : Attribute();
  return intFn ? buildConstant<APInt>(resultType, splat, intOfElement)
               : Attribute();
}

/// Applies a double-precision function to a float of any semantics.
std::optional<APFloat> applyInDouble(const APFloat &value,
                                     function_ref<double(double)> fn) {
  bool losesInfo;
  APFloat wide = value;
  wide.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven, &losesInfo);
  APFloat result(fn(wide.convertToDouble()));
  result.convert(value.getSemantics(), APFloat::rmNearestTiesToEven,
                 &losesInfo);
  return result;
}

/// Folds a unary float op on a constant with a double-precision function.
Attribute foldUnaryFloat(Attribute operand, Type operandType,
                         ShapedType resultType,
                         function_ref<double(double)> fn) {
  return foldElementwise(
      ArrayRef<Attribute>(operand), ArrayRef<Type>(operandType), resultType,
      [&](ArrayRef<APFloat> v) { return applyInDouble(v[0], fn); }, nullptr);
}

/// Whether `value` is a constant whose elements all equal the integer or
/// float `number`.
bool isSplatOf(Value value, double number) {
  DenseElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)) || !attr.isSplat())
    return false;
  if (isa<FloatType>(attr.getElementType())) {
    APFloat splat = attr.getSplatValue<APFloat>();
    bool losesInfo;
    APFloat expected(number);
    expected.convert(splat.getSemantics(), APFloat::rmNearestTiesToEven,
                     &losesInfo);
    return splat.bitwiseIsEqual(expected);
  }
  APInt splat = attr.getSplatValue<APInt>();
  int64_t integer = isUnsignedElement(attr.getElementType())
                        ? static_cast<int64_t>(splat.getZExtValue())
                        : splat.getSExtValue();
  return static_cast<double>(integer) == number;
}

/// `value` when it already has the op's result type (so the op is an
/// identity on it), null otherwise.
OpFoldResult ifSameType(Value value, Value result) {
  return value.getType() == result.getType() ? OpFoldResult(value)
                                             : OpFoldResult();
}

} // namespace

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValueAttr(); }

//===----------------------------------------------------------------------===//
// Elementwise unary ops
//===----------------------------------------------------------------------===//

OpFoldResult NegOp::fold(FoldAdaptor adaptor) {
  if (auto producer = getInput().getDefiningOp<NegOp>())
    return producer.getInput();
  return foldElementwise(
      adaptor.getOperands(), (*this)->getOperandTypes(), getType(),
      [](ArrayRef<APFloat> v) -> std::optional<APFloat> { return -v[0]; },
      [](ArrayRef<APInt> v, bool) -> std::optional<APInt> { return -v[0]; });
}

OpFoldResult AbsOp::fold(FoldAdaptor adaptor) {
  if (getInput().getDefiningOp<AbsOp>())
    return getInput();
  return foldElementwise(
      adaptor.getOperands(), (*this)->getOperandTypes(), getType(),
      [](ArrayRef<APFloat> v) -> std::optional<APFloat> {
        return llvm::abs(v[0]);
      },
      [](ArrayRef<APInt> v, bool isUnsigned) -> std::optional<APInt> {
        return isUnsigned ? v[0] : v[0].abs();
      });
}

OpFoldResult ReluOp::fold(FoldAdaptor adaptor) {
  if (getInput().getDefiningOp<ReluOp>())
    return getInput();
  return foldElementwise(
      adaptor.getOperands(), (*this)->getOperandTypes(), getType(),
      [](ArrayRef<APFloat> v) -> std::optional<APFloat> {
        return v[0].isNegative() && !v[0].isNaN()
                   ? APFloat::getZero(v[0].getSemantics())
                   : v[0];
      },
      [](ArrayRef<APInt> v, bool isUnsigned) -> std::optional<APInt> {
        return !isUnsigned && v[0].isNegative()
                   ? APInt::getZero(v[0].getBitWidth())
                   : v[0];
      });
}

OpFoldResult LogicalNotOp::fold(FoldAdaptor adaptor) {
  if (auto producer = getInput().getDefiningOp<LogicalNotOp>())
    return producer.getInput();
  return foldElementwise(adaptor.getOperands(), (*this)->getOperandTypes(), getType(),
                         nullptr,
                         [](ArrayRef<APInt> v, bool) -> std::optional<APInt> {
                           return ~v[0];
                         });
}

#define TESSERA_UNARY_FLOAT_FOLD(OpClass, expression)                          \
  OpFoldResult OpClass::fold(FoldAdaptor adaptor) {                            \
    return foldUnaryFloat(adaptor.getInput(), getInput().getType(), getType(), \
                          [](double x) { return expression; });                \
  }
TESSERA_UNARY_FLOAT_FOLD(ExpOp, std::exp(x))
TESSERA_UNARY_FLOAT_FOLD(LogOp, std::log(x))
TESSERA_UNARY_FLOAT_FOLD(SqrtOp, std::sqrt(x))
TESSERA_UNARY_FLOAT_FOLD(RsqrtOp, 1.0 / std::sqrt(x))
TESSERA_UNARY_FLOAT_FOLD(TanhOp, std::tanh(x))
TESSERA_UNARY_FLOAT_FOLD(ErfOp, std::erf(x))
TESSERA_UNARY_FLOAT_FOLD(SigmoidOp, 1.0 / (1.0 + std::exp(-x)))
TESSERA_UNARY_FLOAT_FOLD(SiluOp, x / (1.0 + std::exp(-x)))
#undef TESSERA_UNARY_FLOAT_FOLD

OpFoldResult GeluOp::fold(FoldAdaptor adaptor) {
  if (getApproximate() == GeluApproximation::Tanh)
    return foldUnaryFloat(adaptor.getInput(), getInput().getType(), getType(),
                          [](double x) {
                            constexpr double kSqrt2OverPi =
                                0.79788456080286535588;
                            return 0.5 * x *
                                   (1.0 + std::tanh(kSqrt2OverPi *
                                                    (x + 0.044715 * x * x * x)));
                          });
  return foldUnaryFloat(adaptor.getInput(), getInput().getType(), getType(),
                        [](double x) {
                          return 0.5 * x * (1.0 + std::erf(x * M_SQRT1_2));
                        });
}

OpFoldResult ClipOp::fold(FoldAdaptor adaptor) {
  if (!getMin() && !getMax())
    return getInput();
  double lo = getMin() ? getMin()->convertToDouble() : -INFINITY;
  double hi = getMax() ? getMax()->convertToDouble() : INFINITY;
  std::optional<APInt> intLo = getIntegerBound(/*isMin=*/true);
  std::optional<APInt> intHi = getIntegerBound(/*isMin=*/false);
  return foldElementwise(
      adaptor.getOperands(), (*this)->getOperandTypes(), getType(),
      [&](ArrayRef<APFloat> v) {
        return applyInDouble(v[0], [&](double x) {
          return std::isnan(x) ? x : std::min(std::max(x, lo), hi);
        });
      },
      [&](ArrayRef<APInt> v, bool isUnsigned) -> std::optional<APInt> {
        APInt x = v[0];
        if (intLo && (isUnsigned ? x.ult(*intLo) : x.slt(*intLo)))
          x = *intLo;
        if (intHi && (isUnsigned ? x.ugt(*intHi) : x.sgt(*intHi)))
          x = *intHi;
        return x;
      });
}

//===----------------------------------------------------------------------===//
// Elementwise binary ops
//===----------------------------------------------------------------------===//

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  // x + 0 is x for integers; for floats only x + (-0.0) is exact for x = -0.
  bool isFloat = isa<FloatType>(getType().getElementType());
  if (isSplatOf(getRhs(), isFloat ? -0.0 : 0.0))
    if (OpFoldResult same = ifSameType(getLhs(), getResult()))
      return same;
  return foldElementwise(
      adaptor.getOperands(), (*this)->getOperandTypes(), getType(),
      [](ArrayRef<APFloat> v) -> std::optional<APFloat> { return v[0] + v[1]; },
      [](ArrayRef<APInt> v, bool) -> std::optional<APInt> {
        return v[0] + v[1];
      });
}

OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  if (isSplatOf(getRhs(), 0.0))
    if (OpFoldResult same = ifSameType(getLhs(), getResult()))
      return same;
  return foldElementwise(
      adaptor.getOperands(), (*this)->getOperandTypes(), getType(),
      [](ArrayRef<APFloat> v) -> std::optional<APFloat> { return v[0] - v[1]; },
      [](ArrayRef<APInt> v, bool) -> std::optional<APInt> {
        return v[0] - v[1];
      });
}

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  if (isSplatOf(getRhs(), 1.0))
    if (OpFoldResult same = ifSameType(getLhs(), getResult()))
      return same;
  return foldElementwise(
      adaptor.getOperands(), (*this)->getOperandTypes(), getType(),
      [](ArrayRef<APFloat> v) -> std::optional<APFloat> { return v[0] * v[1]; },
      [](ArrayRef<APInt> v, bool) -> std::optional<APInt> {
        return v[0] * v[1];
      });
}

OpFoldResult DivOp::fold(FoldAdaptor adaptor) {
  if (isSplatOf(getRhs(), 1.0))
    if (OpFoldResult same = ifSameType(getLhs(), getResult()))
      return same;
  return foldElementwise(
      adaptor.getOperands(), (*this)->getOperandTypes(), getType(),
      [](ArrayRef<APFloat> v) -> std::optional<APFloat> { return v[0] / v[1]; },
      [](ArrayRef<APInt> v, bool isUnsigned) -> std::optional<APInt> {
        // Division by zero and INT_MIN / -1 are left to run time.
        if (v[1].isZero() ||
            (!isUnsigned && v[0].isMinSignedValue() && v[1].isAllOnes()))
          return std::nullopt;
        return isUnsigned ? v[0].udiv(v[1]) : v[0].sdiv(v[1]);
      });
}

OpFoldResult PowOp::fold(FoldAdaptor adaptor) {
  if (isSplatOf(getRhs(), 1.0))
    if (OpFoldResult same = ifSameType(getLhs(), getResult()))
      return same;
  return foldElementwise(
      adaptor.getOperands(), (*this)->getOperandTypes(), getType(),
      [](ArrayRef<APFloat> v) -> std::optional<APFloat> {
        bool losesInfo;
        APFloat exponent = v[1];
        exponent.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven,
                         &losesInfo);
        double e = exponent.convertToDouble();
        return applyInDouble(v[0], [e](double x) { return std::pow(x, e); });
      },
      nullptr);
}

OpFoldResult MaxOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs())
    return ifSameType(getLhs(), getResult());
  return foldElementwise(
      adaptor.getOperands(), (*this)->getOperandTypes(), getType(),
      [](ArrayRef<APFloat> v) -> std::optional<APFloat> {
        return llvm::maximum(v[0], v[1]);
      },
      [](ArrayRef<APInt> v, bool isUnsigned) -> std::optional<APInt> {
        return isUnsigned ? llvm::APIntOps::umax(v[0], v[1])
                          : llvm::APIntOps::smax(v[0], v[1]);
      });
}

OpFoldResult MinOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs())
    return ifSameType(getLhs(), getResult());
  return foldElementwise(
      adaptor.getOperands(), (*this)->getOperandTypes(), getType(),
      [](ArrayRef<APFloat> v) -> std::optional<APFloat> {
        return llvm::minimum(v[0], v[1]);
      },
      [](ArrayRef<APInt> v, bool isUnsigned) -> std::optional<APInt> {
        return isUnsigned ? llvm::APIntOps::umin(v[0], v[1])
                          : llvm::APIntOps::smin(v[0], v[1]);
      });
}

OpFoldResult LogicalAndOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs() || isSplatOf(getRhs(), 1.0))
    if (OpFoldResult same = ifSameType(getLhs(), getResult()))
      return same;
  return foldElementwise(adaptor.getOperands(), (*this)->getOperandTypes(), getType(),
                         nullptr,
                         [](ArrayRef<APInt> v, bool) -> std::optional<APInt> {
                           return v[0] & v[1];
                         });
}

OpFoldResult LogicalOrOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs() || isSplatOf(getRhs(), 0.0))
    if (OpFoldResult same = ifSameType(getLhs(), getResult()))
      return same;
  return foldElementwise(adaptor.getOperands(), (*this)->getOperandTypes(), getType(),
                         nullptr,
                         [](ArrayRef<APInt> v, bool) -> std::optional<APInt> {
                           return v[0] | v[1];
                         });
}

OpFoldResult LogicalXorOp::fold(FoldAdaptor adaptor) {
  if (isSplatOf(getRhs(), 0.0))
    if (OpFoldResult same = ifSameType(getLhs(), getResult()))
      return same;
  return foldElementwise(adaptor.getOperands(), (*this)->getOperandTypes(), getType(),
                         nullptr,
                         [](ArrayRef<APInt> v, bool) -> std::optional<APInt> {
                           return v[0] ^ v[1];
                         });
}

/// Evaluates `direction` on one pair of elements.
static bool compareValues(CompareDirection direction, int ordering,
                          bool unordered) {
  if (unordered)
    return direction == CompareDirection::NE;
  switch (direction) {
  case CompareDirection::EQ:
    return ordering == 0;
  case CompareDirection::NE:
    return ordering != 0;
  case CompareDirection::LT:
    return ordering < 0;
  case CompareDirection::LE:
    return ordering <= 0;
  case CompareDirection::GT:
    return ordering > 0;
  case CompareDirection::GE:
    return ordering >= 0;
  }
  llvm_unreachable("unknown compare direction");
}

OpFoldResult CompareOp::fold(FoldAdaptor adaptor) {
  auto lhs = dyn_cast_or_null<DenseElementsAttr>(adaptor.getLhs());
  auto rhs = dyn_cast_or_null<DenseElementsAttr>(adaptor.getRhs());
  if (!lhs || !rhs)
    return {};
  CompareDirection direction = getDirection();
  ShapedType resultType = getType();
  BroadcastIndexer lhsIndex(getLhs().getType().getShape(),
                            resultType.getShape());
  BroadcastIndexer rhsIndex(getRhs().getType().getShape(),
                            resultType.getShape());
  Type element = lhs.getElementType();
  bool isFloat = isa<FloatType>(element);
  bool isUnsigned = isUnsignedElement(element);
  return buildConstant<APInt>(
      resultType, lhs.isSplat() && rhs.isSplat(),
      [&](int64_t i) -> std::optional<APInt> {
        bool value;
        if (isFloat) {
          APFloat::cmpResult c =
              floatAt(lhs, lhsIndex(i)).compare(floatAt(rhs, rhsIndex(i)));
          int ordering = c == APFloat::cmpLessThan      ? -1
                         : c == APFloat::cmpGreaterThan ? 1
                                                        : 0;
          value = compareValues(direction, ordering,
                                c == APFloat::cmpUnordered);
        } else {
          APInt a = intAt(lhs, lhsIndex(i)), b = intAt(rhs, rhsIndex(i));
          int ordering = isUnsigned ? (a.ult(b) ? -1 : a == b ? 0 : 1)
                                    : (a.slt(b) ? -1 : a == b ? 0 : 1);
          value = compareValues(direction, ordering, /*unordered=*/false);
        }
        return APInt(1, value);
      });
}

OpFoldResult WhereOp::fold(FoldAdaptor adaptor) {
  if (getTrueValue() == getFalseValue())
    if (OpFoldResult same = ifSameType(getTrueValue(), getResult()))
      return same;
  auto condition = dyn_cast_or_null<DenseElementsAttr>(adaptor.getCondition());
  if (!condition)
    return {};
  if (condition.isSplat()) {
    Value taken = condition.getSplatValue<bool>() ? getTrueValue()
                                                  : getFalseValue();
    if (OpFoldResult same = ifSameType(taken, getResult()))
      return same;
  }
  auto onTrue = dyn_cast_or_null<DenseElementsAttr>(adaptor.getTrueValue());
  auto onFalse = dyn_cast_or_null<DenseElementsAttr>(adaptor.getFalseValue());
  if (!onTrue || !onFalse)
    return {};
  ArrayRef<int64_t> shape = getType().getShape();
  BroadcastIndexer conditionIndex(getCondition().getType().getShape(), shape);
  BroadcastIndexer trueIndex(getTrueValue().getType().getShape(), shape);
  BroadcastIndexer falseIndex(getFalseValue().getType().getShape(), shape);
  auto takesTrue = [&](int64_t i) {
    return intAt(condition, conditionIndex(i)).getBoolValue();
  };
  return buildConstant(
      getType(), condition.isSplat() && onTrue.isSplat() && onFalse.isSplat(),
      [&](int64_t i) -> std::optional<APFloat> {
        return takesTrue(i) ? floatAt(onTrue, trueIndex(i))
                            : floatAt(onFalse, falseIndex(i));
      },
      [&](int64_t i) -> std::optional<APInt> {
        return takesTrue(i) ? intAt(onTrue, trueIndex(i))
                            : intAt(onFalse, falseIndex(i));
      });
}

//===----------------------------------------------------------------------===//
// CastOp
//===----------------------------------------------------------------------===//

/// Converts one element between any two tessera element types, or nothing
/// when the value does not fit (left to run time).
static std::optional<APFloat> castToFloat(Attribute source, int64_t index,
                                          Type from, FloatType to) {
  auto dense = cast<DenseElementsAttr>(source);
  bool losesInfo;
  if (auto fromFloat = dyn_cast<FloatType>(from)) {
    APFloat value = floatAt(dense, index);
    value.convert(to.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                  &losesInfo);
    return value;
  }
  APFloat value(to.getFloatSemantics());
  value.convertFromAPInt(intAt(dense, index), !isUnsignedElement(from),
                         APFloat::rmNearestTiesToEven);
  return value;
}

static std::optional<APInt> castToInt(Attribute source, int64_t index,
                                      Type from, Type to) {
  auto dense = cast<DenseElementsAttr>(source);
  unsigned width = to.getIntOrFloatBitWidth();
  if (isa<FloatType>(from)) {
    APFloat value = floatAt(dense, index);
    if (width == 1)
      return APInt(1, !value.isZero());
    APSInt result(width, isUnsignedElement(to));
    bool isExact;
    if (value.convertToInteger(result, APFloat::rmTowardZero, &isExact) ==
        APFloat::opInvalidOp)
      return std::nullopt;
    return APInt(result);
  }
  APInt value = intAt(dense, index);
  if (width == 1)
    return APInt(1, !value.isZero());
  return isUnsignedElement(from) ? value.zextOrTrunc(width)
                                 : value.sextOrTrunc(width);
}

OpFoldResult CastOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  auto dense = dyn_cast_or_null<DenseElementsAttr>(adaptor.getInput());
  if (!dense)
    return {};
  Type from = dense.getElementType(), to = getType().getElementType();
  return buildConstant(
      getType(), dense.isSplat(),
      [&](int64_t i) { return castToFloat(dense, i, from, cast<FloatType>(to)); },
      [&](int64_t i) { return castToInt(dense, i, from, to); });
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

/// A 1x1 window moving by one with no padding copies its input.
static bool isIdentityWindow(ArrayRef<int64_t> kernel,
                             ArrayRef<int64_t> strides,
                             ArrayRef<int64_t> padding) {
  return llvm::all_of(kernel, [](int64_t k) { return k == 1; }) &&
         llvm::all_of(strides, [](int64_t s) { return s == 1; }) &&
         llvm::all_of(padding, [](int64_t p) { return p == 0; });
}

OpFoldResult MaxPool2dOp::fold(FoldAdaptor) {
  if (isIdentityWindow(getKernel(), getStrides(), getPadding()))
    return ifSameType(getInput(), getResult());
  return {};
}

OpFoldResult AvgPool2dOp::fold(FoldAdaptor) {
  if (isIdentityWindow(getKernel(), getStrides(), getPadding()))
    return ifSameType(getInput(), getResult());
  return {};
}

OpFoldResult GlobalAvgPool2dOp::fold(FoldAdaptor) {
  return ifSameType(getInput(), getResult());
}

OpFoldResult GlobalMaxPool2dOp::fold(FoldAdaptor) {
  return ifSameType(getInput(), getResult());
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

namespace {
enum class ReduceKind { Sum, Mean, Max, Min };
} // namespace

/// Folds a reduction of a small dense constant.
static Attribute foldReduction(ReduceKind kind, Attribute input,
                               RankedTensorType inputType,
                               ArrayRef<int64_t> axes,
                               RankedTensorType resultType) {
  auto dense = dyn_cast_or_null<DenseElementsAttr>(input);
  if (!dense || inputType.getNumElements() == 0)
    return {};
  int64_t groupSize = inputType.getNumElements() / resultType.getNumElements();
  if (dense.isSplat()) {
    // Every group reduces the same values: the result is a splat too.
    if (auto floatType = dyn_cast<FloatType>(inputType.getElementType())) {
      if (kind != ReduceKind::Sum)
        return DenseElementsAttr::get(resultType, dense.getSplatValue<APFloat>());
      return DenseElementsAttr::get(
          resultType, *applyInDouble(dense.getSplatValue<APFloat>(),
                                     [&](double x) { return x * groupSize; }));
    }
    APInt value = dense.getSplatValue<APInt>();
    if (kind == ReduceKind::Sum)
      value *= APInt(value.getBitWidth(), groupSize, /*isSigned=*/false,
                     /*implicitTrunc=*/true);
    return DenseElementsAttr::get(resultType, value);
  }
  if (inputType.getNumElements() > kMaxFoldedElements)
    return {};
  ArrayRef<int64_t> shape = inputType.getShape();
  // The result index of each input element: drop (or zero) reduced dims.
  SmallVector<int64_t> keptStrides(shape.size(), 0);
  {
    int64_t stride = 1;
    for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
      if (llvm::is_contained(axes, d))
        continue;
      keptStrides[d] = stride;
      stride *= shape[d];
    }
  }
  SmallVector<int64_t> inputStrides = getStrides(shape);
  auto resultIndexOf = [&](int64_t inputIndex) {
    int64_t index = 0;
    for (auto [inputStride, keptStride] :
         llvm::zip_equal(inputStrides, keptStrides)) {
      index += (inputIndex / inputStride) * keptStride;
      inputIndex %= inputStride;
    }
    return index;
  };
  int64_t resultCount = resultType.getNumElements();

  if (auto floatType = dyn_cast<FloatType>(inputType.getElementType())) {
    // Accumulate in double and round once: f16 and bf16 running sums would
    // lose or overflow what the result can represent.
    SmallVector<std::optional<double>> acc(resultCount);
    for (int64_t i = 0, e = inputType.getNumElements(); i < e; ++i) {
      bool losesInfo;
      APFloat element = floatAt(dense, i);
      element.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven,
                      &losesInfo);
      double value = element.convertToDouble();
      std::optional<double> &slot = acc[resultIndexOf(i)];
      if (!slot)
        slot = value;
      else if (kind == ReduceKind::Sum || kind == ReduceKind::Mean)
        *slot += value;
      else if (std::isnan(value) || std::isnan(*slot))
        *slot = NAN;
      else if (kind == ReduceKind::Max)
        *slot = std::max(*slot, value);
      else
        *slot = std::min(*slot, value);
    }
    SmallVector<APFloat> values;
    for (std::optional<double> &slot : acc) {
      double value = kind == ReduceKind::Mean ? *slot / groupSize : *slot;
      bool losesInfo;
      APFloat result(value);
      result.convert(floatType.getFloatSemantics(),
                     APFloat::rmNearestTiesToEven, &losesInfo);
      values.push_back(result);
    }
    return DenseElementsAttr::get(resultType, values);
  }

  bool isUnsigned = isUnsignedElement(inputType.getElementType());
  SmallVector<std::optional<APInt>> acc(resultCount);
  for (int64_t i = 0, e = inputType.getNumElements(); i < e; ++i) {
    APInt value = intAt(dense, i);
    std::optional<APInt> &slot = acc[resultIndexOf(i)];
    if (!slot)
      slot = value;
    else if (kind == ReduceKind::Sum)
      *slot += value;
    else if (kind == ReduceKind::Max)
      slot = isUnsigned ? llvm::APIntOps::umax(*slot, value)
                        : llvm::APIntOps::smax(*slot, value);
    else
      slot = isUnsigned ? llvm::APIntOps::umin(*slot, value)
                        : llvm::APIntOps::smin(*slot, value);
  }
  SmallVector<APInt> values;
  for (std::optional<APInt> &slot : acc)
    values.push_back(*slot);
  return DenseElementsAttr::get(resultType, values);
}

/// A reduction over dimensions of size 1 changes no value: with keepdims it
/// is the identity, without it a reshape.
template <typename ReduceOpTy>
static bool reducesOnlyUnitDims(ReduceOpTy op) {
  ArrayRef<int64_t> shape = op.getInput().getType().getShape();
  return llvm::all_of(op.getAxes(), [&](int64_t a) { return shape[a] == 1; });
}

template <typename ReduceOpTy>
static OpFoldResult foldReduceOp(ReduceOpTy op, Attribute input,
                                 ReduceKind kind) {
  if (reducesOnlyUnitDims(op) && op.getKeepdims())
    return ifSameType(op.getInput(), op.getResult());
  return foldReduction(kind, input, op.getInput().getType(), op.getAxes(),
                       op.getType());
}

OpFoldResult ReduceSumOp::fold(FoldAdaptor adaptor) {
  return foldReduceOp(*this, adaptor.getInput(), ReduceKind::Sum);
}
OpFoldResult ReduceMeanOp::fold(FoldAdaptor adaptor) {
  return foldReduceOp(*this, adaptor.getInput(), ReduceKind::Mean);
}
OpFoldResult ReduceMaxOp::fold(FoldAdaptor adaptor) {
  return foldReduceOp(*this, adaptor.getInput(), ReduceKind::Max);
}
OpFoldResult ReduceMinOp::fold(FoldAdaptor adaptor) {
  return foldReduceOp(*this, adaptor.getInput(), ReduceKind::Min);
}

namespace {
/// reduce over unit dimensions without keepdims -> reshape.
template <typename ReduceOpTy>
struct ReduceUnitDimsToReshape : OpRewritePattern<ReduceOpTy> {
  using OpRewritePattern<ReduceOpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(ReduceOpTy op,
                                PatternRewriter &rewriter) const override {
    if (op.getKeepdims() || !reducesOnlyUnitDims(op))
      return failure();
    rewriter.replaceOpWithNewOp<ReshapeOp>(op, op.getType(), op.getInput());
    return success();
  }
};
} // namespace

void ReduceSumOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<ReduceUnitDimsToReshape<ReduceSumOp>>(context);
}
void ReduceMeanOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                               MLIRContext *context) {
  results.add<ReduceUnitDimsToReshape<ReduceMeanOp>>(context);
}
void ReduceMaxOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<ReduceUnitDimsToReshape<ReduceMaxOp>>(context);
}
void ReduceMinOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<ReduceUnitDimsToReshape<ReduceMinOp>>(context);
}

//===----------------------------------------------------------------------===//
// Shape and data movement
//===----------------------------------------------------------------------===//

/// Builds a constant of `resultType` whose element i is element
/// `sourceIndex(i)` of `source` (a dense constant), or null.
static Attribute gatherElements(Attribute source, ShapedType resultType,
                                function_ref<int64_t(int64_t)> sourceIndex) {
  auto dense = dyn_cast_or_null<DenseElementsAttr>(source);
  if (!dense)
    return {};
  if (dense.isSplat())
    return DenseElementsAttr::get(resultType,
                                  dense.getSplatValue<Attribute>());
  return buildConstant(
      resultType, /*splat=*/false,
      [&](int64_t i) -> std::optional<APFloat> {
        return floatAt(dense, sourceIndex(i));
      },
      [&](int64_t i) -> std::optional<APInt> {
        return intAt(dense, sourceIndex(i));
      });
}

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  if (auto producer = getInput().getDefiningOp<ReshapeOp>()) {
    getInputMutable().assign(producer.getInput());
    return getResult();
  }
  if (auto dense = dyn_cast_or_null<DenseElementsAttr>(adaptor.getInput()))
    if (mayMaterialize(getType(), dense.isSplat()))
      return dense.reshape(getType());
  return {};
}

OpFoldResult TransposeOp::fold(FoldAdaptor adaptor) {
  ArrayRef<int64_t> permutation = getPermutation();
  if (llvm::equal(permutation, llvm::seq<int64_t>(0, permutation.size())))
    return getInput();
  if (auto producer = getInput().getDefiningOp<TransposeOp>()) {
    // y[i] = x[p1[p2[i]]]
    ArrayRef<int64_t> inner = producer.getPermutation();
    SmallVector<int64_t> composed;
    for (int64_t p : permutation)
      composed.push_back(inner[p]);
    getInputMutable().assign(producer.getInput());
    setPermutation(composed);
    return getResult();
  }
  ArrayRef<int64_t> inputShape = getInput().getType().getShape();
  SmallVector<int64_t> inputStrides = getStrides(inputShape);
  SmallVector<int64_t> resultStrides = getStrides(getType().getShape());
  return gatherElements(adaptor.getInput(), getType(), [&](int64_t i) {
    int64_t index = 0;
    for (auto [d, stride] : llvm::enumerate(resultStrides)) {
      index += (i / stride) * inputStrides[permutation[d]];
      i %= stride;
    }
    return index;
  });
}

OpFoldResult BroadcastOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  if (auto producer = getInput().getDefiningOp<BroadcastOp>()) {
    getInputMutable().assign(producer.getInput());
    return getResult();
  }
  BroadcastIndexer indexer(getInput().getType().getShape(),
                           getType().getShape());
  return gatherElements(adaptor.getInput(), getType(), indexer);
}

OpFoldResult ConcatOp::fold(FoldAdaptor adaptor) {
  if (getInputs().size() == 1)
    return ifSameType(getInputs().front(), getResult());
  if (llvm::any_of(adaptor.getInputs(), [](Attribute a) {
        return !isa_and_nonnull<DenseElementsAttr>(a);
      }))
    return {};
  // Element i of the result comes from the input whose range along `axis`
  // holds its coordinate.
  int64_t axis = getAxis();
  ArrayRef<int64_t> resultShape = getType().getShape();
  SmallVector<int64_t> resultStrides = getStrides(resultShape);
  auto locate = [&](int64_t i) -> std::pair<DenseElementsAttr, int64_t> {
    int64_t outer = i / (resultStrides[axis] * resultShape[axis]);
    int64_t coord = (i / resultStrides[axis]) % resultShape[axis];
    int64_t inner = i % resultStrides[axis];
    for (auto [attr, value] : llvm::zip_equal(adaptor.getInputs(), getInputs())) {
      int64_t size = cast<RankedTensorType>(value.getType()).getDimSize(axis);
      if (coord < size)
        return {cast<DenseElementsAttr>(attr),
                (outer * size + coord) * resultStrides[axis] + inner};
      coord -= size;
    }
    llvm_unreachable("coordinate beyond the concatenation");
  };
  return buildConstant(
      getType(), /*splat=*/false,
      [&](int64_t i) -> std::optional<APFloat> {
        auto [attr, index] = locate(i);
        return floatAt(attr, index);
      },
      [&](int64_t i) -> std::optional<APInt> {
        auto [attr, index] = locate(i);
        return intAt(attr, index);
      });
}

namespace {
/// concat(a, concat(b, c), d) along the same axis -> concat(a, b, c, d), and
/// inputs of size 0 along the axis are dropped.
struct FlattenConcat : OpRewritePattern<ConcatOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConcatOp op,
                                PatternRewriter &rewriter) const override {
    SmallVector<Value> inputs;
    bool changed = false;
    for (Value input : op.getInputs()) {
      auto type = cast<RankedTensorType>(input.getType());
      if (type.getDimSize(op.getAxis()) == 0 && op.getInputs().size() > 1) {
        changed = true;
        continue;
      }
      auto producer = input.getDefiningOp<ConcatOp>();
      if (producer && producer.getAxis() == op.getAxis()) {
        llvm::append_range(inputs, producer.getInputs());
        changed = true;
        continue;
      }
      inputs.push_back(input);
    }
    if (!changed || inputs.empty())
      return failure();
    rewriter.replaceOpWithNewOp<ConcatOp>(op, inputs, op.getAxis());
    return success();
  }
};
} // namespace

void ConcatOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                           MLIRContext *context) {
  results.add<FlattenConcat>(context);
}

LogicalResult SplitOp::fold(FoldAdaptor adaptor,
                            SmallVectorImpl<OpFoldResult> &results) {
  if (getNumResults() == 1 && getInput().getType() == getResult(0).getType()) {
    results.push_back(getInput());
    return success();
  }
  if (!isa_and_nonnull<DenseElementsAttr>(adaptor.getInput()))
    return failure();
  int64_t axis = getAxis();
  ArrayRef<int64_t> inputShape = getInput().getType().getShape();
  SmallVector<int64_t> inputStrides = getStrides(inputShape);
  int64_t offset = 0;
  for (Value result : getResults()) {
    auto type = cast<RankedTensorType>(result.getType());
    SmallVector<int64_t> strides = getStrides(type.getShape());
    Attribute piece = gatherElements(adaptor.getInput(), type, [&](int64_t i) {
      int64_t index = 0;
      for (auto [d, stride] : llvm::enumerate(strides)) {
        int64_t coord = i / stride + (static_cast<int64_t>(d) == axis ? offset : 0);
        index += coord * inputStrides[d];
        i %= stride;
      }
      return index;
    });
    if (!piece)
      return failure();
    results.push_back(piece);
    offset += type.getDimSize(axis);
  }
  return success();
}

OpFoldResult SliceOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType() &&
      llvm::all_of(getSteps(), [](int64_t s) { return s == 1; }))
    return getInput();
  ArrayRef<int64_t> starts = getStarts(), steps = getSteps();
  SmallVector<int64_t> inputStrides =
      getStrides(getInput().getType().getShape());
  SmallVector<int64_t> resultStrides = getStrides(getType().getShape());
  return gatherElements(adaptor.getInput(), getType(), [&](int64_t i) {
    int64_t index = 0;
    for (auto [d, stride] : llvm::enumerate(resultStrides)) {
      index += (starts[d] + (i / stride) * steps[d]) * inputStrides[d];
      i %= stride;
    }
    return index;
  });
}

OpFoldResult GatherOp::fold(FoldAdaptor adaptor) {
  auto indices = dyn_cast_or_null<DenseElementsAttr>(adaptor.getIndices());
  if (!indices || !isa_and_nonnull<DenseElementsAttr>(adaptor.getData()))
    return {};
  int64_t axis = getAxis();
  ArrayRef<int64_t> dataShape = getData().getType().getShape();
  int64_t axisSize = dataShape[axis];
  // Normalize indices; an index out of range is a run-time error, not folded.
  SmallVector<int64_t> picked;
  for (int64_t i = 0, e = getIndices().getType().getNumElements(); i < e; ++i) {
    int64_t index = intAt(indices, i).getSExtValue();
    if (index < 0)
      index += axisSize;
    if (index < 0 || index >= axisSize)
      return {};
    picked.push_back(index);
  }
  int64_t inner = 1;
  for (int64_t size : dataShape.drop_front(axis + 1))
    inner *= size;
  int64_t numIndices = picked.size();
  return gatherElements(adaptor.getData(), getType(), [&](int64_t i) {
    int64_t innerIndex = i % inner;
    int64_t which = (i / inner) % numIndices;
    int64_t outer = i / (inner * numIndices);
    return (outer * axisSize + picked[which]) * inner + innerIndex;
  });
}

OpFoldResult PadOp::fold(FoldAdaptor) {
  if (llvm::all_of(getLow(), [](int64_t p) { return p == 0; }) &&
      llvm::all_of(getHigh(), [](int64_t p) { return p == 0; }))
    return getInput();
  return {};
}
