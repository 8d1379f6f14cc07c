//===- CostModel.cpp - Helpers for the cost model interface ---------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "dialects/interfaces/CostModel.h"

#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;
using namespace mlir::tessera;

int64_t mlir::tessera::getElementSizeInBytes(Type elementType) {
  if (elementType.isIndex())
    return 8;
  if (auto complex = dyn_cast<ComplexType>(elementType))
    return 2 * getElementSizeInBytes(complex.getElementType());
  unsigned bits = elementType.getIntOrFloatBitWidth();
  return (bits + 7) / 8;
}

int64_t mlir::tessera::getNumElements(Type type) {
  if (auto shaped = dyn_cast<ShapedType>(type);
      shaped && shaped.hasStaticShape())
    return shaped.getNumElements();
  return 1;
}

int64_t mlir::tessera::getSizeInBytes(Type type) {
  if (auto shaped = dyn_cast<ShapedType>(type))
    return getNumElements(type) *
           getElementSizeInBytes(shaped.getElementType());
  if (type.isIntOrIndexOrFloat())
    return getElementSizeInBytes(type);
  return 0;
}

int64_t mlir::tessera::getTotalSizeInBytes(TypeRange types) {
  int64_t total = 0;
  for (Type type : types)
    total += getSizeInBytes(type);
  return total;
}

int64_t mlir::tessera::getDefaultFlops(Operation *op) {
  int64_t flops = 0;
  for (Type type : op->getResultTypes())
    flops += getNumElements(type);
  return flops;
}

int64_t mlir::tessera::getDefaultBytesAccessed(Operation *op) {
  return getTotalSizeInBytes(op->getOperandTypes()) +
         getTotalSizeInBytes(op->getResultTypes());
}
