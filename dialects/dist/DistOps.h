//===- DistOps.h - The dist dialect: attributes and ops ----------*- C++
//-*-===//
//
// Part of Tessera. See DistBase.td and docs/design/0003-distribution.md.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_DIALECTS_DIST_DISTOPS_H
#define TESSERA_DIALECTS_DIST_DISTOPS_H

#include "dialects/interfaces/CostModelOpInterface.h"
#include "dialects/interfaces/ShardingRuleOpInterface.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "dialects/dist/DistDialect.h.inc"
#include "dialects/dist/DistEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/dist/DistAttrs.h.inc"

#define GET_OP_CLASSES
#include "dialects/dist/DistOps.h.inc"

namespace mlir::tessera::dist {

/// The mesh of the module enclosing `op` (its `dist.mesh` attribute), or
/// null when there is none.
MeshAttr getMesh(Operation *op);

/// Checks that `axes` are distinct axes of the mesh around `op`; reports on
/// `op` and returns the mesh.
FailureOr<MeshAttr> verifyAxes(Operation *op, ArrayRef<Attribute> axes);

/// The axis names of an array of string attributes.
SmallVector<StringAttr> getAxisNames(ArrayAttr axes);

/// Where an op of a rank's pipeline program belongs: the (virtual) stage
/// and the microbatch it works on; -1 when it belongs to none.
struct PipelinePlace {
  int64_t stage = -1, microbatch = -1;
};

/// Marks `op` as working on `place`: the dist.stage and dist.microbatch
/// attributes, and the same in its location's metadata. Rewrites drop
/// discardable attributes but keep locations (fusion fuses them), so the
/// place survives lowering to the program's commands, for traces.
void setPipelinePlace(Operation *op, PipelinePlace place);

/// The place setPipelinePlace gave `op` or the ops it was lowered from:
/// its attributes, else the first place in its location.
PipelinePlace getPipelinePlace(Operation *op);

} // namespace mlir::tessera::dist

#endif // TESSERA_DIALECTS_DIST_DISTOPS_H
