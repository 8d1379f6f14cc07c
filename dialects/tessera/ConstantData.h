//===- ConstantData.h - The bytes of constants --------------------*- C++ -*-===//
//
// Part of Tessera. Constants are inline (DenseElementsAttr) when small and
// dense_resource blobs when large; code that needs their bytes (the
// artifact writer, rank specialization cutting weight blocks) reads and
// makes them here, one way.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_DIALECTS_TESSERA_CONSTANTDATA_H
#define TESSERA_DIALECTS_TESSERA_CONSTANTDATA_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/Support/LLVM.h"

#include <string>

namespace mlir::tessera {

/// The little-endian bytes of a constant, row-major, one element after
/// another (booleans one byte each); splats are expanded.
FailureOr<std::string> getConstantBytes(ElementsAttr value);

/// A constant of `type` holding `bytes` (as getConstantBytes lays them
/// out): a dense_resource blob called `name` when large, inline when small
/// or boolean (dense_resource has no i1 layout).
ElementsAttr makeConstant(ShapedType type, StringRef bytes, StringRef name);

/// The block of `bytes` (a row-major tensor of `shape`, `elementBytes`
/// per element) that starts at `offsets` and has shape `blockShape`.
std::string sliceBytes(StringRef bytes, ArrayRef<int64_t> shape,
                       int64_t elementBytes, ArrayRef<int64_t> offsets,
                       ArrayRef<int64_t> blockShape);

} // namespace mlir::tessera

#endif // TESSERA_DIALECTS_TESSERA_CONSTANTDATA_H
