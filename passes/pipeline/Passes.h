//===- Passes.h - Pipeline parallelism ----------------------------*- C++ -*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_PASSES_PIPELINE_PASSES_H
#define TESSERA_PASSES_PIPELINE_PASSES_H

#include "dialects/dist/DistOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::tessera {

#define GEN_PASS_DECL
#include "passes/pipeline/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "passes/pipeline/Passes.h.inc"

} // namespace mlir::tessera

#endif // TESSERA_PASSES_PIPELINE_PASSES_H
