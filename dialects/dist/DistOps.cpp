//===- DistOps.cpp - The dist dialect's ops --------------------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "dialects/dist/DistOps.h"

#include "dialects/interfaces/CostModel.h"
#include "dialects/interfaces/ShardingRule.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/SmallSet.h"

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::dist;

#define GET_OP_CLASSES
#include "dialects/dist/DistOps.cpp.inc"

namespace {

/// Checks `axes` against the mesh and returns the group size.
FailureOr<int64_t> verifyGroup(Operation *op, ArrayAttr axes) {
  FailureOr<MeshAttr> mesh = verifyAxes(op, axes.getValue());
  if (failed(mesh))
    return failure();
  if (axes.empty())
    return op->emitOpError("needs at least one mesh axis");
  return mesh->getGroupSize(getAxisNames(axes));
}

LogicalResult verifyDim(Operation *op, StringRef name, int64_t dim,
                        int64_t rank) {
  if (dim < 0 || dim >= rank)
    return op->emitOpError() << name << " " << dim
                             << " is out of range for rank " << rank;
  return success();
}

/// Whether `result` equals `input` with dimension `dim` scaled by
/// `factor` (multiplied when `multiply`, else divided).
bool scaledAlong(RankedTensorType input, RankedTensorType result, int64_t dim,
                 int64_t factor, bool multiply) {
  if (input.getRank() != result.getRank() ||
      input.getElementType() != result.getElementType())
    return false;
  for (int64_t d = 0; d < input.getRank(); ++d) {
    int64_t expected = input.getDimSize(d);
    if (d == dim) {
      if (!multiply && expected % factor != 0)
        return false;
      expected = multiply ? expected * factor : expected / factor;
    }
    if (result.getDimSize(d) != expected)
      return false;
  }
  return true;
}

int64_t collectiveGroupSize(Operation *op, ArrayAttr axes) {
  MeshAttr mesh = getMesh(op);
  return mesh ? mesh.getGroupSize(getAxisNames(axes)) : 1;
}

} // namespace

//===----------------------------------------------------------------------===//
// ShardOp
//===----------------------------------------------------------------------===//

LogicalResult ShardOp::verify() {
  std::string problem = getSharding().check(getType(), getMesh(*this));
  if (!problem.empty())
    return emitOpError() << "cannot shard " << getType() << " as "
                         << getSharding() << ": " << problem;
  return success();
}

ShardingRule ShardOp::getShardingRule() {
  return getPointwiseShardingRule(getOperation());
}

int64_t ShardOp::getFlops() { return 0; }

//===----------------------------------------------------------------------===//
// Collectives
//===----------------------------------------------------------------------===//

LogicalResult AllReduceOp::verify() {
  return failure(failed(verifyGroup(*this, getAxes())));
}

LogicalResult AllGatherOp::verify() {
  FailureOr<int64_t> n = verifyGroup(*this, getAxes());
  if (failed(n) || failed(verifyDim(*this, "dim", getDim(),
                                    getInput().getType().getRank())))
    return failure();
  if (!scaledAlong(getInput().getType(), getResult().getType(), getDim(), *n,
                   /*multiply=*/true))
    return emitOpError() << "gathering " << getInput().getType()
                         << " along dimension " << getDim() << " over "
                         << *n << " devices gives a result with that "
                         << "dimension " << *n << " times larger, not "
                         << getResult().getType();
  return success();
}

LogicalResult ReduceScatterOp::verify() {
  FailureOr<int64_t> n = verifyGroup(*this, getAxes());
  if (failed(n) || failed(verifyDim(*this, "dim", getDim(),
                                    getInput().getType().getRank())))
    return failure();
  if (!scaledAlong(getInput().getType(), getResult().getType(), getDim(), *n,
                   /*multiply=*/false))
    return emitOpError() << "scattering " << getInput().getType()
                         << " along dimension " << getDim() << " over "
                         << *n << " devices needs that dimension to divide "
                         << "and gives it " << *n << " times smaller, not "
                         << getResult().getType();
  return success();
}

LogicalResult AllToAllOp::verify() {
  FailureOr<int64_t> n = verifyGroup(*this, getAxes());
  int64_t rank = getInput().getType().getRank();
  if (failed(n) || failed(verifyDim(*this, "split_dim", getSplitDim(), rank)) ||
      failed(verifyDim(*this, "concat_dim", getConcatDim(), rank)))
    return failure();
  RankedTensorType input = getInput().getType();
  RankedTensorType result = getResult().getType();
  bool ok = input.getRank() == result.getRank() &&
            input.getElementType() == result.getElementType() &&
            input.getDimSize(getSplitDim()) % *n == 0;
  for (int64_t d = 0; ok && d < rank; ++d) {
    int64_t expected = input.getDimSize(d);
    if (d == getSplitDim())
      expected /= *n;
    if (d == getConcatDim())
      expected *= *n;
    ok = result.getDimSize(d) == expected;
  }
  if (!ok)
    return emitOpError() << "splitting " << input << " along dimension "
                         << getSplitDim() << " and concatenating along "
                         << getConcatDim() << " over " << *n
                         << " devices cannot give " << result;
  return success();
}

LogicalResult CollectivePermuteOp::verify() {
  FailureOr<int64_t> n = verifyGroup(*this, getAxes());
  if (failed(n))
    return failure();
  ArrayRef<int64_t> values = getPairs();
  if (values.size() % 2 != 0)
    return emitOpError("pairs must list (source, target) pairs, flattened");
  llvm::SmallSet<int64_t, 8> sources, targets;
  for (size_t i = 0; i < values.size(); i += 2) {
    int64_t source = values[i], target = values[i + 1];
    if (source < 0 || source >= *n || target < 0 || target >= *n)
      return emitOpError() << "pair [" << source << ", " << target
                           << "] is outside the group of " << *n;
    if (!sources.insert(source).second || !targets.insert(target).second)
      return emitOpError() << "pair [" << source << ", " << target
                           << "] repeats a source or a target";
  }
  return success();
}

int64_t AllReduceOp::getGroupSize() {
  return collectiveGroupSize(*this, getAxes());
}
int64_t AllGatherOp::getGroupSize() {
  return collectiveGroupSize(*this, getAxes());
}
int64_t ReduceScatterOp::getGroupSize() {
  return collectiveGroupSize(*this, getAxes());
}
int64_t AllToAllOp::getGroupSize() {
  return collectiveGroupSize(*this, getAxes());
}
int64_t CollectivePermuteOp::getGroupSize() {
  return collectiveGroupSize(*this, getAxes());
}

// A reduction combines n tensors: (n - 1) operations per element. Moving data
// does no arithmetic.
int64_t AllReduceOp::getFlops() {
  return (getGroupSize() - 1) * getNumElements(getType());
}
int64_t ReduceScatterOp::getFlops() {
  return (getGroupSize() - 1) * getNumElements(getResult().getType());
}
int64_t AllGatherOp::getFlops() { return 0; }
int64_t AllToAllOp::getFlops() { return 0; }
int64_t CollectivePermuteOp::getFlops() { return 0; }

int64_t AllReduceOp::getBytesAccessed() {
  return getDefaultBytesAccessed(*this);
}
int64_t ReduceScatterOp::getBytesAccessed() {
  return getDefaultBytesAccessed(*this);
}
int64_t AllGatherOp::getBytesAccessed() {
  return getDefaultBytesAccessed(*this);
}
int64_t AllToAllOp::getBytesAccessed() {
  return getDefaultBytesAccessed(*this);
}
int64_t CollectivePermuteOp::getBytesAccessed() {
  return getDefaultBytesAccessed(*this);
}

//===----------------------------------------------------------------------===//
// AxisIndexOp, LocalShardOp
//===----------------------------------------------------------------------===//

LogicalResult AxisIndexOp::verify() {
  return failure(failed(verifyGroup(*this, getAxes())));
}

int64_t AxisIndexOp::getFlops() { return 0; }
int64_t AxisIndexOp::getBytesAccessed() { return 0; }

LogicalResult LocalShardOp::verify() {
  MeshAttr mesh = getMesh(*this);
  RankedTensorType input = getInput().getType();
  std::string problem = getSharding().check(input, mesh);
  if (!problem.empty())
    return emitOpError() << "cannot shard " << input << " as "
                         << getSharding() << ": " << problem;
  SmallVector<int64_t> local =
      mesh ? getSharding().getLocalShape(input.getShape(), mesh)
           : SmallVector<int64_t>(input.getShape());
  RankedTensorType result = getResult().getType();
  if (result.getShape() != ArrayRef<int64_t>(local) ||
      result.getElementType() != input.getElementType())
    return emitOpError() << "the block of " << input << " under "
                         << getSharding() << " is "
                         << RankedTensorType::get(local,
                                                  input.getElementType())
                         << ", not " << result;
  return success();
}

int64_t LocalShardOp::getFlops() { return 0; }
