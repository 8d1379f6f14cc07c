//===- Registration.h - Everything Tessera's tools register -------*- C++ -*-===//
//
// Part of Tessera. The one place that lists the dialects, passes, pipelines
// and translations of the project and the upstream pieces it uses; every
// tool (tessera-opt, tessera-compile) and test driver calls these, so they
// all accept the same IR and the same pass names.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_COMPILER_REGISTRATION_REGISTRATION_H
#define TESSERA_COMPILER_REGISTRATION_REGISTRATION_H

#include "mlir/IR/DialectRegistry.h"

namespace mlir::tessera {

/// Adds Tessera's dialects, the upstream dialects the compiler lowers
/// through (func, arith, math, tensor, linalg, bufferization, memref, scf,
/// affine, vector, gpu, nvvm, llvm, quant, shard) and the LLVM IR
/// translations that GPU serialization needs.
void registerAllDialects(DialectRegistry &registry);

/// Registers Tessera's passes and pipelines and the upstream passes the
/// project uses, for command-line use.
void registerAllPasses();

} // namespace mlir::tessera

#endif // TESSERA_COMPILER_REGISTRATION_REGISTRATION_H
