//===- ShardingUtils.h - Helpers of the sharding passes -----------*- C++ -*-===//
//
// Part of Tessera. What the strategies, the rules file and propagation share,
// and what later passes (partitioning, the driver's report) can use to read
// what propagation decided:
//
// - ONNX names of values, from the importer's locations and attributes;
// - annotating a value (dist.shard) and checking a sharding against a tensor
//   with an error that names it;
// - the sharding of a value after propagation and the factor shardings of an
//   op (one list of mesh axes per factor of its ShardingRule).
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_PASSES_SHARDING_SHARDINGUTILS_H
#define TESSERA_PASSES_SHARDING_SHARDINGUTILS_H

#include "dialects/dist/DistOps.h"
#include "dialects/interfaces/ShardingRule.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

#include <string>

namespace mlir::tessera {

/// The mesh axes of one tensor dimension (or one factor), major to minor.
using AxisList = SmallVector<StringAttr, 2>;

//===----------------------------------------------------------------------===//
// Names
//===----------------------------------------------------------------------===//

/// The ONNX name of `value`, or "" when it has none: a function argument's
/// `tessera.name`, an initializer's name (a constant located at
/// NameLoc(name, "model.onnx":0:0)), or a node output's name (the
/// importer's `fused<["name", ...]>` location, one name per result).
std::string getOnnxName(Value value);

/// The ONNX node of `op` as "name (OpType)" (its NameLoc), or "".
std::string getNodeName(Operation *op);

/// `value` for a message: 'onnx name', else result #i of 'node (Op)' or of
/// the op, else argument #i.
std::string describeValue(Value value);

/// `op` for a message: 'node (OpType)', else its op name.
std::string describeOp(Operation *op);

/// `type` as text, for a message (diagnostics quote types streamed in).
std::string typeString(Type type);

//===----------------------------------------------------------------------===//
// Annotations
//===----------------------------------------------------------------------===//

/// The module's mesh, after checking it has each of `axes`; reports on the
/// module (naming `pass`) and fails otherwise.
FailureOr<dist::MeshAttr> requireMesh(ModuleOp module, StringRef pass,
                                      ArrayRef<StringRef> axes = {});

/// Checks `sharding` against `value`'s type and `mesh` (rank, axes,
/// divisibility); on failure reports at `loc`: "<what>: sharding <..> does
/// not fit <value> (<type>): <problem>".
LogicalResult checkSharding(Location loc, Value value,
                            dist::ShardingAttr sharding, dist::MeshAttr mesh,
                            const Twine &what);

/// Pins `value` to `sharding` with a dist.shard right after its definition
/// (at the start of the block for an argument) that the uses in `uses`
/// read; every use when `uses` is empty.
dist::ShardOp annotate(Value value, dist::ShardingAttr sharding,
                       ArrayRef<OpOperand *> uses = {});

/// Splits the first dimension of every tensor argument (of rank one or
/// more, without a `dist.sharding` already) of every function over `axis`
/// (nothing when the axis has size 1); an argument whose first dimension
/// `axis` does not divide is an error naming it.
LogicalResult shardInputsAlongBatch(ModuleOp module, dist::MeshAttr mesh,
                                    StringRef axis);

dist::ShardingAttr makeSharding(MLIRContext *context,
                                ArrayRef<AxisList> dims);
SmallVector<AxisList> getDimAxes(dist::ShardingAttr sharding);

//===----------------------------------------------------------------------===//
// Reading what propagation decided
//===----------------------------------------------------------------------===//

/// The sharding of `value` after tessera-propagate-sharding: a function
/// argument's `dist.sharding`, a result's entry of its op's
/// `dist.shardings` (a dist.shard's own sharding); null when there is none.
dist::ShardingAttr getValueSharding(Value value);

/// Assigns the axes of one dimension to its factors (major to minor, as
/// ShardingRule lists them): each factor takes axes while their sizes divide
/// what is left of it, and a more minor factor only once the major one is
/// split whole. Returns how many of `axes` were assigned.
size_t projectDimOntoFactors(ArrayRef<StringAttr> axes,
                             ArrayRef<int64_t> factors,
                             const ShardingRule &rule, dist::MeshAttr mesh,
                             MutableArrayRef<AxisList> factorAxes);

/// The axes of a dimension made of `factors` under `factorAxes`: each
/// factor's axes in turn, stopping after a factor that is not split whole
/// (the axes of a more minor factor would not describe whole blocks).
AxisList getDimAxesOfFactors(ArrayRef<int64_t> factors,
                             ArrayRef<AxisList> factorAxes,
                             const ShardingRule &rule, dist::MeshAttr mesh);

/// The factor shardings of `op` after propagation: one axis list per factor
/// of `rule`, read from the shardings of its operands and results (which
/// propagation makes agree). Fails when a tensor has no sharding or the
/// tensors disagree.
FailureOr<SmallVector<AxisList>>
getFactorShardings(Operation *op, const ShardingRule &rule,
                   dist::MeshAttr mesh);

/// The function attribute that lists propagation's reshard decisions:
/// an array of dictionaries {value, user, from, to, bytes,
/// alternative_bytes} (see docs/sharding.md).
inline constexpr llvm::StringLiteral kReshardDecisionsAttrName =
    dist::DistDialect::kReshardDecisionsAttrName;

} // namespace mlir::tessera

#endif // TESSERA_PASSES_SHARDING_SHARDINGUTILS_H
