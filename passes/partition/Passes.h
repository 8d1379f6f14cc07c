//===- Passes.h - SPMD partitioning and rank specialization -------*- C++ -*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_PASSES_PARTITION_PASSES_H
#define TESSERA_PASSES_PARTITION_PASSES_H

#include "dialects/dist/DistOps.h"
#include "dialects/tessera/TesseraDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::tessera {

#define GEN_PASS_DECL
#include "passes/partition/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "passes/partition/Passes.h.inc"

} // namespace mlir::tessera

#endif // TESSERA_PASSES_PARTITION_PASSES_H
