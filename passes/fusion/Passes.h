//===- Passes.h - Fusion passes -----------------------------------*- C++ -*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_PASSES_FUSION_PASSES_H
#define TESSERA_PASSES_FUSION_PASSES_H

#include "dialects/exec/ExecDialect.h"
#include "mlir/Pass/Pass.h"

namespace mlir::tessera {

#define GEN_PASS_DECL
#include "passes/fusion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "passes/fusion/Passes.h.inc"

} // namespace mlir::tessera

#endif // TESSERA_PASSES_FUSION_PASSES_H
