//===- CostModel.h - Helpers for the cost model interface ---------*- C++ -*-===//
//
// Part of Tessera. The cost model gives each op its arithmetic work (FLOPs)
// and the bytes it moves between memory and the compute units, assuming every
// operand is read once and every result written once. Pipeline partitioning
// and automatic sharding compare ops and whole stages with it, so it is
// deliberately simple and deterministic rather than a hardware model.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_DIALECTS_INTERFACES_COSTMODEL_H
#define TESSERA_DIALECTS_INTERFACES_COSTMODEL_H

#include "mlir/IR/Operation.h"
#include "mlir/IR/Types.h"
#include "mlir/IR/ValueRange.h"

namespace mlir::tessera {

/// Bytes one element of `type` occupies in memory: a whole number of bytes
/// (i1 takes one byte), 8 for index.
int64_t getElementSizeInBytes(Type elementType);

/// Number of elements of a statically shaped tensor or memref; 1 for any
/// other type (a scalar).
int64_t getNumElements(Type type);

/// Bytes of a statically shaped tensor or memref, or of a scalar.
int64_t getSizeInBytes(Type type);

/// Total bytes of the values' types.
int64_t getTotalSizeInBytes(TypeRange types);

/// Default cost: one FLOP per result element.
int64_t getDefaultFlops(Operation *op);

/// Default traffic: every operand read once and every result written once.
int64_t getDefaultBytesAccessed(Operation *op);

} // namespace mlir::tessera

#endif // TESSERA_DIALECTS_INTERFACES_COSTMODEL_H
