//===- Passes.h - CUDA code generation passes ---------------------*- C++
//-*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_COMPILER_TARGET_CUDA_PASSES_H
#define TESSERA_COMPILER_TARGET_CUDA_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::tessera {

#define GEN_PASS_DECL
#include "compiler/target/cuda/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "compiler/target/cuda/Passes.h.inc"

} // namespace mlir::tessera

#endif // TESSERA_COMPILER_TARGET_CUDA_PASSES_H
