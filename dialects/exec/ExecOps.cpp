//===- ExecOps.cpp - The texec dialect -------------------------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "dialects/exec/ExecOps.h"

#include "dialects/tessera/ShapeInference.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::exec;

#include "dialects/exec/ExecDialect.cpp.inc"
#include "dialects/exec/ExecEnums.cpp.inc"

void ExecDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialects/exec/ExecOps.cpp.inc"
      >();
}

#define GET_OP_CLASSES
#include "dialects/exec/ExecOps.cpp.inc"

static ArrayRef<int64_t> shapeOf(Value value) {
  return cast<ShapedType>(value.getType()).getShape();
}

/// Bytes of a statically shaped value (i1 takes a byte).
static int64_t byteSize(Type type) {
  auto shaped = cast<ShapedType>(type);
  return shaped.getNumElements() *
         ((shaped.getElementTypeBitWidth() + 7) / 8);
}

//===----------------------------------------------------------------------===//
// Containers
//===----------------------------------------------------------------------===//

void ExecutableOp::build(OpBuilder &builder, OperationState &state,
                         StringRef name, StringRef format, StringRef target) {
  state.addAttribute(mlir::SymbolTable::getSymbolAttrName(),
                     builder.getStringAttr(name));
  state.addAttribute("format", builder.getStringAttr(format));
  state.addAttribute("target", builder.getStringAttr(target));
  state.addRegion()->emplaceBlock();
}

void ProgramOp::build(OpBuilder &builder, OperationState &state,
                      StringRef name, int64_t rank, int64_t arenaSize) {
  state.addAttribute(mlir::SymbolTable::getSymbolAttrName(),
                     builder.getStringAttr(name));
  state.addAttribute("rank", builder.getI64IntegerAttr(rank));
  state.addAttribute("arena_size", builder.getI64IntegerAttr(arenaSize));
  state.addRegion()->emplaceBlock();
}

LogicalResult ProgramOp::verify() {
  for (Operation &op : getBody().front()) {
    if (!isa<BufferOp, DispatchOp, CopyOp, MatmulOp, Conv2dOp, Pool2dOp,
             AllReduceOp, AllGatherOp, ReduceScatterOp, AllToAllOp,
             CollectivePermuteOp, SendOp, RecvOp>(op))
      return op.emitOpError("is not a command or a buffer of a texec.program");
    // The program verifies before the ops in it: an arena buffer without
    // a valid offset is left for the buffer's own verifier to report.
    if (auto buffer = dyn_cast<BufferOp>(op);
        buffer && buffer.getStorage() == StorageKind::Arena &&
        buffer.getOffsetAttr() && buffer.getOffsetAttr().getInt() >= 0 &&
        buffer.getOffsetAttr().getInt() + byteSize(buffer.getType()) >
            static_cast<int64_t>(getArenaSize()))
      return buffer.emitOpError("lies beyond the arena of ")
             << getArenaSize() << " bytes";
    for (Value operand : op.getOperands())
      if (!isa<MemRefType>(operand.getType()))
        return op.emitOpError("of a program must work on buffers");
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Buffers and commands
//===----------------------------------------------------------------------===//

LogicalResult BufferOp::verify() {
  MemRefType type = getType();
  // The I64Attr getters return uint64_t: read the attributes as signed so
  // that negative values are caught.
  switch (getStorage()) {
  case StorageKind::Arena:
    if (!getOffsetAttr() || getOffsetAttr().getInt() < 0 ||
        getOffsetAttr().getInt() % 64 != 0)
      return emitOpError("in the arena needs an offset that is a "
                         "non-negative multiple of 64");
    break;
  case StorageKind::Constant: {
    std::optional<ElementsAttr> value = getValue();
    if (!value)
      return emitOpError("of a constant needs its value");
    auto valueType = cast<ShapedType>(value->getType());
    if (valueType.getElementType() != type.getElementType() ||
        valueType.getNumElements() != type.getNumElements())
      return emitOpError("of type ")
             << type << " cannot hold a constant of type " << valueType;
    break;
  }
  case StorageKind::Input:
  case StorageKind::Output:
    if (!getIndexAttr() || getIndexAttr().getInt() < 0)
      return emitOpError("of an input or output needs its index");
    break;
  }
  return success();
}

LogicalResult DispatchOp::verifySymbolUses(SymbolTableCollection &tables) {
  auto kernel = tables.lookupNearestSymbolFrom<func::FuncOp>(
      getOperation(), getKernel());
  if (!kernel)
    return emitOpError("refers to no kernel function ") << getKernel();
  FunctionType type = kernel.getFunctionType();
  if (type.getNumResults() != 0 ||
      TypeRange(type.getInputs()) != getArgs().getTypes())
    return emitOpError("passes ")
           << getArgs().getTypes() << " to a kernel of type " << type;
  return success();
}

LogicalResult CopyOp::verify() {
  if (byteSize(getSource().getType()) != byteSize(getTarget().getType()))
    return emitOpError("copies between buffers of different sizes");
  return success();
}

//===----------------------------------------------------------------------===//
// Library calls
//===----------------------------------------------------------------------===//

/// The checks every library call shares: tensors in and one result, or
/// buffers in and `outs`.
static LogicalResult verifyForm(Operation *op, Value out, Value result) {
  bool onBuffers = out != nullptr;
  if (onBuffers == (result != nullptr))
    return op->emitOpError("has either a result (on tensors) or `outs` (on "
                           "buffers), not both or neither");
  for (Value operand : op->getOperands())
    if (isa<MemRefType>(operand.getType()) != onBuffers)
      return op->emitOpError("mixes tensors and buffers");
  return success();
}

static LogicalResult verifyEpilogue(Operation *op, Value bias, Value residual,
                                    ArrayRef<int64_t> result,
                                    ArrayRef<int64_t> biasShape) {
  if (bias && shapeOf(bias) != biasShape)
    return op->emitOpError("expects a bias of shape ")
           << shapeToString(biasShape) << ", got "
           << shapeToString(shapeOf(bias));
  if (residual && shapeOf(residual) != result)
    return op->emitOpError("expects a residual of the result's shape ")
           << shapeToString(result);
  return success();
}

LogicalResult MatmulOp::verify() {
  Value result = getResultOrOut();
  if (failed(verifyForm(*this, getOut(), getResult())))
    return failure();
  auto transposed = [](ArrayRef<int64_t> shape, bool transpose) {
    Shape out(shape);
    if (transpose && out.size() >= 2)
      std::swap(out[out.size() - 1], out[out.size() - 2]);
    return out;
  };
  FailureOr<Shape> expected = inferMatmulShape(
      getLoc(), transposed(shapeOf(getLhs()), getTransposeLhs()),
      transposed(shapeOf(getRhs()), getTransposeRhs()));
  if (failed(expected))
    return failure();
  if (*expected != shapeOf(result))
    return emitOpError("computes ") << shapeToString(*expected)
                                    << " but its result is "
                                    << shapeToString(shapeOf(result));
  return verifyEpilogue(*this, getBias(), getResidual(), *expected,
                        {expected->back()});
}

LogicalResult Conv2dOp::verify() {
  Value result = getResultOrOut();
  if (failed(verifyForm(*this, getOut(), getResult())))
    return failure();
  FailureOr<Shape> expected =
      inferConv2dShape(getLoc(), shapeOf(getInput()), shapeOf(getWeight()),
                       getStrides(), getPadding(), getDilations(), getGroups());
  if (failed(expected))
    return failure();
  if (*expected != shapeOf(result))
    return emitOpError("computes ") << shapeToString(*expected)
                                    << " but its result is "
                                    << shapeToString(shapeOf(result));
  return verifyEpilogue(*this, getBias(), getResidual(), *expected,
                        {(*expected)[1]});
}

LogicalResult Pool2dOp::verify() {
  Value result = getResultOrOut();
  if (failed(verifyForm(*this, getOut(), getResult())))
    return failure();
  FailureOr<Shape> expected =
      inferPool2dShape(getLoc(), shapeOf(getInput()), getKernel(),
                       getStrides(), getPadding(), getDilations(), false);
  if (failed(expected))
    return failure();
  if (*expected != shapeOf(result))
    return emitOpError("computes ") << shapeToString(*expected)
                                    << " but its result is "
                                    << shapeToString(shapeOf(result));
  return success();
}

//===----------------------------------------------------------------------===//
// Collectives
//===----------------------------------------------------------------------===//

static int64_t elementCount(Value value) {
  return cast<ShapedType>(value.getType()).getNumElements();
}

/// The checks every collective shares: the form, the element type, and a
/// list of distinct ranks (which, inside a program, holds its rank).
/// `inputParts`/`resultParts`: how many of the other the element counts
/// hold (all_gather: the result is n inputs).
static LogicalResult verifyCollective(Operation *op, Value input, Value out,
                                      Value result, ArrayRef<int64_t> ranks,
                                      int64_t inputParts, int64_t resultParts,
                                      bool divisible = false) {
  if (failed(verifyForm(op, out, result)))
    return failure();
  Value written = out ? out : result;
  if (cast<ShapedType>(input.getType()).getElementType() !=
      cast<ShapedType>(written.getType()).getElementType())
    return op->emitOpError("reads and writes different element types");
  if (ranks.empty())
    return op->emitOpError("needs at least one rank");
  llvm::SmallDenseSet<int64_t> seen;
  for (int64_t rank : ranks)
    if (rank < 0 || !seen.insert(rank).second)
      return op->emitOpError("lists rank ") << rank
                                            << " twice or a negative rank";
  if (auto program = op->getParentOfType<ProgramOp>())
    if (!seen.contains(program.getRank()))
      return op->emitOpError("runs in rank ")
             << program.getRank() << ", which is not among its ranks";
  int64_t n = int64_t(ranks.size());
  int64_t in = elementCount(input), res = elementCount(written);
  if (in * (inputParts ? n : 1) != res * (resultParts ? n : 1))
    return op->emitOpError("over ")
           << n << " ranks cannot take " << in << " elements to " << res;
  if (divisible && in % n != 0)
    return op->emitOpError("splits ") << in << " elements into " << n
                                      << " equal parts";
  return success();
}

LogicalResult AllReduceOp::verify() {
  return verifyCollective(*this, getInput(), getOut(), getResult(),
                          getRanks(), 0, 0);
}

LogicalResult AllGatherOp::verify() {
  return verifyCollective(*this, getInput(), getOut(), getResult(),
                          getRanks(), /*inputParts=*/1, 0);
}

LogicalResult ReduceScatterOp::verify() {
  return verifyCollective(*this, getInput(), getOut(), getResult(),
                          getRanks(), 0, /*resultParts=*/1);
}

LogicalResult AllToAllOp::verify() {
  return verifyCollective(*this, getInput(), getOut(), getResult(),
                          getRanks(), 0, 0, /*divisible=*/true);
}

LogicalResult CollectivePermuteOp::verify() {
  if (failed(verifyForm(*this, getOut(), getResult())))
    return failure();
  Value written = getResultOrOut();
  if (getInput().getType() != written.getType() &&
      (elementCount(getInput()) != elementCount(written) ||
       cast<ShapedType>(getInput().getType()).getElementType() !=
           cast<ShapedType>(written.getType()).getElementType()))
    return emitOpError("sends and receives tensors of different sizes");
  // Read signed: the generated getters of I64Attr are unsigned.
  int64_t sendTo = getSendToAttr().getInt(), recvFrom = getRecvFromAttr().getInt();
  if (sendTo < -1 || recvFrom < -1)
    return emitOpError("peers are ranks, or -1 for none");
  if (auto program = (*this)->getParentOfType<ProgramOp>())
    if (sendTo == int64_t(program.getRank()) ||
        recvFrom == int64_t(program.getRank()))
      return emitOpError("cannot send to or receive from its own rank");
  return success();
}

//===----------------------------------------------------------------------===//
// Point to point
//===----------------------------------------------------------------------===//

/// A peer is another rank of the program it is in.
static LogicalResult verifyPeer(Operation *op, IntegerAttr peer) {
  int64_t rank = peer.getInt();
  if (rank < 0)
    return op->emitOpError("peer must be a rank, got ") << rank;
  if (auto program = op->getParentOfType<ProgramOp>())
    if (rank == int64_t(program.getRank()))
      return op->emitOpError("cannot send to or receive from its own rank");
  return success();
}

LogicalResult SendOp::verify() { return verifyPeer(*this, getPeerAttr()); }

LogicalResult RecvOp::verify() {
  if ((getOut() != nullptr) == (getResult() != nullptr))
    return emitOpError("has either a result (on tensors) or `outs` (on "
                       "buffers), not both or neither");
  return verifyPeer(*this, getPeerAttr());
}
