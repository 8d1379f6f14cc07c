//===- DistToExec.cpp - dist collectives to texec collectives -------------===//
//
// Part of Tessera. See Passes.td.
//
//===----------------------------------------------------------------------===//

#include "dialects/dist/DistOps.h"
#include "dialects/exec/ExecOps.h"
#include "dialects/tessera/TesseraOps.h"
#include "passes/conversion/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_DISTTOEXECPASS
#include "passes/conversion/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;

namespace {

exec::ReduceKind toExec(dist::ReduceKind kind) {
  switch (kind) {
  case dist::ReduceKind::Sum:
    return exec::ReduceKind::Sum;
  case dist::ReduceKind::Max:
    return exec::ReduceKind::Max;
  case dist::ReduceKind::Min:
    return exec::ReduceKind::Min;
  case dist::ReduceKind::Prod:
    return exec::ReduceKind::Prod;
  }
  llvm_unreachable("a reduce kind");
}

class Lowering {
public:
  Lowering(OpBuilder &b, Location loc) : b(b), loc(loc) {}

  RankedTensorType typeOf(Value v) { return cast<RankedTensorType>(v.getType()); }

  /// [.., size, ..] -> [.., n, size / n, ..] at `dim`.
  Value split(Value v, int64_t dim, int64_t n) {
    SmallVector<int64_t> shape(typeOf(v).getShape());
    shape[dim] /= n;
    shape.insert(shape.begin() + dim, n);
    return reshape(v, shape);
  }
  /// [.., a, b, ..] -> [.., a * b, ..] at `dim`.
  Value merge(Value v, int64_t dim) {
    SmallVector<int64_t> shape(typeOf(v).getShape());
    shape[dim] *= shape[dim + 1];
    shape.erase(shape.begin() + dim + 1);
    return reshape(v, shape);
  }
  /// Moves dimension `from` to position `to`.
  Value move(Value v, int64_t from, int64_t to) {
    if (from == to)
      return v;
    int64_t rank = typeOf(v).getRank();
    SmallVector<int64_t> order;
    for (int64_t d = 0; d < rank; ++d)
      if (d != from)
        order.push_back(d);
    order.insert(order.begin() + to, from);
    return TransposeOp::create(b, loc, v, b.getDenseI64ArrayAttr(order));
  }
  Value reshape(Value v, ArrayRef<int64_t> shape) {
    return ReshapeOp::create(
        b, loc, RankedTensorType::get(shape, typeOf(v).getElementType()), v);
  }
  /// Whether every dimension before `dim` has size 1 (then a split of
  /// `dim` is a split of the flat tensor).
  bool majorOnly(Value v, int64_t dim) {
    return llvm::all_of(typeOf(v).getShape().take_front(dim),
                        [](int64_t s) { return s == 1; });
  }

  OpBuilder &b;
  Location loc;
};

/// Remembers the texec collective a lowering creates.
struct CollectiveListener : OpBuilder::Listener {
  void notifyOperationInserted(Operation *op,
                               OpBuilder::InsertPoint) override {
    if (isa<exec::ExecDialect>(op->getDialect()))
      created = op;
  }
  Operation *created = nullptr;
};

LogicalResult lower(Operation *op, dist::MeshAttr mesh, int64_t rank) {
  OpBuilder b(op);
  CollectiveListener listener;
  b.setListener(&listener);
  Lowering l(b, op->getLoc());
  auto groupOf = [&](ArrayAttr axes) {
    return b.getDenseI64ArrayAttr(
        mesh.getGroup(rank, dist::getAxisNames(axes)));
  };
  Value replacement;
  if (auto reduce = dyn_cast<dist::AllReduceOp>(op)) {
    replacement = exec::AllReduceOp::create(
        b, op->getLoc(), reduce.getType(), reduce.getInput(), Value(),
        groupOf(reduce.getAxes()), toExec(reduce.getKind())).getResult();
  } else if (auto gather = dyn_cast<dist::AllGatherOp>(op)) {
    int64_t n = gather.getGroupSize(), dim = gather.getDim();
    Value input = gather.getInput();
    if (l.majorOnly(input, dim)) {
      replacement = exec::AllGatherOp::create(
          b, op->getLoc(), gather.getType(), input, Value(),
          groupOf(gather.getAxes())).getResult();
    } else {
      SmallVector<int64_t> shape(l.typeOf(input).getShape());
      shape.insert(shape.begin(), n);
      Value flat = exec::AllGatherOp::create(
          b, op->getLoc(),
          RankedTensorType::get(shape, l.typeOf(input).getElementType()),
          input, Value(), groupOf(gather.getAxes())).getResult();
      replacement = l.merge(l.move(flat, 0, dim), dim);
    }
  } else if (auto scatter = dyn_cast<dist::ReduceScatterOp>(op)) {
    int64_t n = scatter.getGroupSize(), dim = scatter.getDim();
    Value input = scatter.getInput();
    if (!l.majorOnly(input, dim))
      input = l.move(l.split(input, dim, n), dim, 0);
    replacement = exec::ReduceScatterOp::create(
        b, op->getLoc(), scatter.getType(), input, Value(),
        groupOf(scatter.getAxes()), toExec(scatter.getKind())).getResult();
  } else if (auto toAll = dyn_cast<dist::AllToAllOp>(op)) {
    int64_t n = toAll.getGroupSize();
    int64_t split = toAll.getSplitDim(), concat = toAll.getConcatDim();
    // Parts to send, major; the parts received come back major too.
    Value parts = l.move(l.split(toAll.getInput(), split, n), split, 0);
    Value received = exec::AllToAllOp::create(
        b, op->getLoc(), parts.getType(), parts, Value(),
        groupOf(toAll.getAxes())).getResult();
    replacement = l.merge(l.move(received, 0, concat), concat);
  } else if (auto permute = dyn_cast<dist::CollectivePermuteOp>(op)) {
    SmallVector<int64_t> members =
        mesh.getGroup(rank, dist::getAxisNames(permute.getAxes()));
    int64_t self = mesh.getGroupIndex(rank, dist::getAxisNames(permute.getAxes()));
    int64_t sendTo = -1, recvFrom = -1;
    ArrayRef<int64_t> pairs = permute.getPairs();
    for (size_t i = 0; i + 1 < pairs.size(); i += 2) {
      if (pairs[i] == self)
        sendTo = members[pairs[i + 1]];
      if (pairs[i + 1] == self)
        recvFrom = members[pairs[i]];
    }
    replacement = exec::CollectivePermuteOp::create(
        b, op->getLoc(), permute.getType(), permute.getInput(), Value(),
        b.getI64IntegerAttr(sendTo), b.getI64IntegerAttr(recvFrom)).getResult();
  } else {
    return op->emitOpError("must be resolved by rank specialization before "
                           "collectives are lowered");
  }
  // The axes stay on the collective, for the compiler's report.
  if (auto axes = op->getAttrOfType<ArrayAttr>("axes"); axes && listener.created)
    listener.created->setAttr(dist::DistDialect::kAxesAttrName, axes);
  op->getResult(0).replaceAllUsesWith(replacement);
  op->erase();
  return success();
}

struct DistToExecPass
    : mlir::tessera::impl::DistToExecPassBase<DistToExecPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto mesh = module->getAttrOfType<dist::MeshAttr>(
        dist::DistDialect::kMeshAttrName);
    for (auto function : module.getOps<func::FuncOp>()) {
      SmallVector<Operation *> ops;
      function.walk([&](Operation *op) {
        if (isa<dist::DistDialect>(op->getDialect()))
          ops.push_back(op);
      });
      if (ops.empty())
        continue;
      auto rank = function->getAttrOfType<IntegerAttr>(
          dist::DistDialect::kRankAttrName);
      if (!mesh || !rank) {
        ops.front()->emitOpError("is in a function not specialized for a "
                                 "rank (run tessera-specialize-ranks first)");
        return signalPassFailure();
      }
      for (Operation *op : ops)
        if (failed(lower(op, mesh, rank.getInt())))
          return signalPassFailure();
    }
  }
};

} // namespace
