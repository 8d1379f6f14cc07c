//===- Passes.h - Graph-level passes on the tessera dialect -------*- C++ -*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_PASSES_GRAPH_PASSES_H
#define TESSERA_PASSES_GRAPH_PASSES_H

#include "dialects/tessera/TesseraDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::tessera {

#define GEN_PASS_DECL
#include "passes/graph/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "passes/graph/Passes.h.inc"

} // namespace mlir::tessera

#endif // TESSERA_PASSES_GRAPH_PASSES_H
