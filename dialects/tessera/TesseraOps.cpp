//===- TesseraOps.cpp - Type inference and verifiers of tessera ops ------===//
//
// Part of Tessera. The shape rules themselves live in ShapeInference.cpp;
// this file binds them to the ops and checks what ODS cannot say.
//
//===----------------------------------------------------------------------===//

#include "dialects/tessera/TesseraOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/APSInt.h"

using namespace mlir;
using namespace mlir::tessera;

#include "dialects/tessera/TesseraEnums.cpp.inc"

#define GET_OP_CLASSES
#include "dialects/tessera/TesseraOps.cpp.inc"

static ArrayRef<int64_t> shapeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getShape();
}

static Type elementTypeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getElementType();
}

/// Pushes a tensor of `shape` with the element type of `like`, or fails
/// when the shape could not be inferred.
static LogicalResult pushTensor(FailureOr<Shape> shape, Value like,
                                SmallVectorImpl<Type> &types) {
  if (failed(shape))
    return failure();
  types.push_back(RankedTensorType::get(*shape, elementTypeOf(like)));
  return success();
}

//===----------------------------------------------------------------------===//
// ClipOp
//===----------------------------------------------------------------------===//

LogicalResult ClipOp::verify() {
  if ((getMin() && getMin()->isNaN()) || (getMax() && getMax()->isNaN()))
    return emitOpError("bounds must not be NaN");
  if (getMin() && getMax() && getMin()->convertToDouble() >
                                  getMax()->convertToDouble())
    return emitOpError("min ") << getMin()->convertToDouble()
                               << " is greater than max "
                               << getMax()->convertToDouble();
  return success();
}

std::optional<APInt> ClipOp::getIntegerBound(bool isMin) {
  std::optional<APFloat> bound = isMin ? getMin() : getMax();
  auto type = dyn_cast<IntegerType>(getType().getElementType());
  if (!bound || !type)
    return std::nullopt;
  // Round inward, then saturate: the integers in [min, max] are kept.
  APFloat rounded = *bound;
  rounded.roundToIntegral(isMin ? APFloat::rmTowardPositive
                                : APFloat::rmTowardNegative);
  APSInt result(type.getWidth(), type.isUnsigned());
  bool isExact;
  // convertToInteger saturates out-of-range values (and reports opInvalidOp).
  (void)rounded.convertToInteger(result, APFloat::rmTowardZero, &isExact);
  return APInt(result);
}

//===----------------------------------------------------------------------===//
// MatmulOp and Conv2dOp
//===----------------------------------------------------------------------===//

LogicalResult MatmulOp::inferReturnTypes(MLIRContext *, std::optional<Location> location,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  return pushTensor(inferMatmulShape(location, shapeOf(adaptor.getLhs()),
                                     shapeOf(adaptor.getRhs())),
                    adaptor.getLhs(), types);
}

LogicalResult Conv2dOp::inferReturnTypes(MLIRContext *, std::optional<Location> location,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  return pushTensor(
      inferConv2dShape(location, shapeOf(adaptor.getInput()),
                       shapeOf(adaptor.getWeight()), adaptor.getStrides(),
                       adaptor.getPadding(), adaptor.getDilations(),
                       adaptor.getGroups()),
      adaptor.getInput(), types);
}

LogicalResult Conv2dOp::verify() {
  Value bias = getBias();
  if (!bias)
    return success();
  if (elementTypeOf(bias) != elementTypeOf(getInput()))
    return emitOpError("expects bias of element type ")
           << elementTypeOf(getInput()) << ", got " << elementTypeOf(bias);
  return verifyParameterShape(getLoc(), "bias", shapeOf(bias),
                              {shapeOf(getWeight())[0]});
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

LogicalResult MaxPool2dOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> location,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  return pushTensor(
      inferPool2dShape(location, shapeOf(adaptor.getInput()),
                       adaptor.getKernel(), adaptor.getStrides(),
                       adaptor.getPadding(), adaptor.getDilations(),
                       adaptor.getCeilMode()),
      adaptor.getInput(), types);
}

LogicalResult AvgPool2dOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> location,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  return pushTensor(inferPool2dShape(location, shapeOf(adaptor.getInput()),
                                     adaptor.getKernel(), adaptor.getStrides(),
                                     adaptor.getPadding(),
                                     adaptor.getDilations(),
                                     adaptor.getCeilMode()),
                    adaptor.getInput(), types);
}

static LogicalResult inferGlobalPool(std::optional<Location> location,
                                     Value input,
                                     SmallVectorImpl<Type> &types) {
  ArrayRef<int64_t> shape = shapeOf(input);
  if (shape.size() != 4)
    return emitOptionalError(location,
                             "expects input of rank 4 (N, C, H, W), got ",
                             shapeToString(shape));
  return pushTensor(Shape{shape[0], shape[1], 1, 1}, input, types);
}

LogicalResult GlobalAvgPool2dOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  return inferGlobalPool(location, adaptor.getInput(), types);
}

LogicalResult GlobalMaxPool2dOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  return inferGlobalPool(location, adaptor.getInput(), types);
}

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

LogicalResult BatchNormOp::verify() {
  ArrayRef<int64_t> shape = shapeOf(getInput());
  if (shape.size() < 2)
    return emitOpError("expects input of rank 2 or more (N, C, ...), got ")
           << shapeToString(shape);
  for (auto [name, value] :
       {std::pair<StringRef, Value>{"scale", getScale()},
        {"bias", getBias()},
        {"mean", getMean()},
        {"variance", getVariance()}})
    if (failed(verifyParameterShape(getLoc(), name, shapeOf(value),
                                    {shape[1]})))
      return failure();
  return success();
}

/// The checks shared by layer_norm and rms_norm: a valid axis and parameters
/// of the normalized shape.
static LogicalResult verifyTrailingNorm(Operation *op, Value input, int64_t axis,
                                        ArrayRef<std::pair<StringRef, Value>>
                                            parameters) {
  ArrayRef<int64_t> shape = shapeOf(input);
  if (failed(verifyAxis(op->getLoc(), axis, shape.size())))
    return failure();
  for (auto [name, value] : parameters)
    if (value && failed(verifyParameterShape(op->getLoc(), name, shapeOf(value),
                                             shape.drop_front(axis))))
      return failure();
  return success();
}

LogicalResult LayerNormOp::verify() {
  if (Value bias = getBias(); bias && elementTypeOf(bias) != elementTypeOf(getInput()))
    return emitOpError("expects bias of element type ")
           << elementTypeOf(getInput()) << ", got " << elementTypeOf(bias);
  return verifyTrailingNorm(*this, getInput(), getAxis(),
                            {{"scale", getScale()}, {"bias", getBias()}});
}

LogicalResult RmsNormOp::verify() {
  return verifyTrailingNorm(*this, getInput(), getAxis(),
                            {{"scale", getScale()}});
}

LogicalResult SoftmaxOp::verify() {
  return verifyAxis(getLoc(), getAxis(), shapeOf(getInput()).size());
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

#define TESSERA_REDUCE_INFERENCE(OpClass)                                      \
  LogicalResult OpClass::inferReturnTypes(                                     \
      MLIRContext *, std::optional<Location> location, Adaptor adaptor,        \
      SmallVectorImpl<Type> &types) {                                          \
    return pushTensor(inferReduceShape(location, shapeOf(adaptor.getInput()),  \
                                       adaptor.getAxes(),                      \
                                       adaptor.getKeepdims()),                 \
                      adaptor.getInput(), types);                              \
  }
TESSERA_REDUCE_INFERENCE(ReduceSumOp)
TESSERA_REDUCE_INFERENCE(ReduceMeanOp)
TESSERA_REDUCE_INFERENCE(ReduceMaxOp)
TESSERA_REDUCE_INFERENCE(ReduceMinOp)
#undef TESSERA_REDUCE_INFERENCE

//===----------------------------------------------------------------------===//
// Shape and data movement
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  auto inputType = cast<RankedTensorType>(getInput().getType());
  auto resultType = cast<RankedTensorType>(getResult().getType());
  if (inputType.getNumElements() != resultType.getNumElements())
    return emitOpError("cannot reshape ")
           << shapeToString(inputType.getShape()) << " ("
           << inputType.getNumElements() << " elements) to "
           << shapeToString(resultType.getShape()) << " ("
           << resultType.getNumElements() << " elements)";
  return success();
}

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> location,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  return pushTensor(inferTransposeShape(location, shapeOf(adaptor.getInput()),
                                        adaptor.getPermutation()),
                    adaptor.getInput(), types);
}

LogicalResult BroadcastOp::verify() {
  ArrayRef<int64_t> from = shapeOf(getInput()), to = shapeOf(getResult());
  if (!isBroadcastableTo(from, to))
    return emitOpError("cannot broadcast ")
           << shapeToString(from) << " to " << shapeToString(to);
  return success();
}

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> location,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  if (adaptor.getInputs().empty())
    return emitOptionalError(location, "expects at least one input");
  SmallVector<ArrayRef<int64_t>> shapes;
  for (Value input : adaptor.getInputs())
    shapes.push_back(shapeOf(input));
  return pushTensor(inferConcatShape(location, shapes, adaptor.getAxis()),
                    adaptor.getInputs().front(), types);
}

LogicalResult SplitOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> location,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  FailureOr<SmallVector<Shape>> shapes = inferSplitShapes(
      location, shapeOf(adaptor.getInput()), adaptor.getAxis(),
      adaptor.getSizes());
  if (failed(shapes))
    return failure();
  for (const Shape &shape : *shapes)
    types.push_back(
        RankedTensorType::get(shape, elementTypeOf(adaptor.getInput())));
  return success();
}

LogicalResult SliceOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> location,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  return pushTensor(inferSliceShape(location, shapeOf(adaptor.getInput()),
                                    adaptor.getStarts(), adaptor.getLimits(),
                                    adaptor.getSteps()),
                    adaptor.getInput(), types);
}

LogicalResult GatherOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> location,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  return pushTensor(inferGatherShape(location, shapeOf(adaptor.getData()),
                                     shapeOf(adaptor.getIndices()),
                                     adaptor.getAxis()),
                    adaptor.getData(), types);
}

LogicalResult PadOp::inferReturnTypes(MLIRContext *,
                                      std::optional<Location> location,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &types) {
  PadMode mode = adaptor.getMode();
  return pushTensor(inferPadShape(location, shapeOf(adaptor.getInput()),
                                  adaptor.getLow(), adaptor.getHigh(),
                                  mode == PadMode::Reflect,
                                  mode == PadMode::Edge),
                    adaptor.getInput(), types);
}
