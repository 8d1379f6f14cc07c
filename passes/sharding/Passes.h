//===- Passes.h - Sharding strategies, rules and propagation ------*- C++ -*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_PASSES_SHARDING_PASSES_H
#define TESSERA_PASSES_SHARDING_PASSES_H

#include "dialects/dist/DistOps.h"
#include "dialects/tessera/TesseraDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::tessera {

#define GEN_PASS_DECL
#include "passes/sharding/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "passes/sharding/Passes.h.inc"

} // namespace mlir::tessera

#endif // TESSERA_PASSES_SHARDING_PASSES_H
