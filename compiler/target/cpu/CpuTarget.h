//===- CpuTarget.h - Kernels to an x86-64 shared object -----------*- C++ -*-===//
//
// Part of Tessera. Code generation for the cpu target: the kernels of a
// texec.executable (func.funcs on memrefs, in linalg) are bufferized,
// lowered to loops and to the LLVM dialect, optimized by LLVM at -O3 for
// the chosen x86-64 level and linked by ld.lld into a shared object whose
// kernels are `void name(void **buffers)`, the ABI of
// runtime/schemas/tessera_artifact.fbs.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_COMPILER_TARGET_CPU_CPUTARGET_H
#define TESSERA_COMPILER_TARGET_CPU_CPUTARGET_H

#include "dialects/exec/ExecOps.h"

#include <string>
#include <vector>

namespace mlir::tessera {

struct CpuTargetOptions {
  /// The x86-64 level or CPU the code may use: "x86-64-v3" (AVX2 and FMA,
  /// the default), "x86-64-v4" (AVX-512), "x86-64" (SSE2), or "native" for
  /// the compiling machine's CPU.
  std::string cpu = "x86-64-v3";
  /// The linker; found next to LLVM's tools when empty.
  std::string linker;
};

/// A compiled executable: the shared object and the kernels it exports, in
/// the order of the executable's functions.
struct CpuBinary {
  std::string sharedObject;
  std::vector<std::string> kernelNames;
  std::vector<unsigned> kernelArgCounts;
};

/// Compiles the kernels of `executable`. Errors are reported on it.
FailureOr<CpuBinary> compileCpuExecutable(exec::ExecutableOp executable,
                                          const CpuTargetOptions &options);

} // namespace mlir::tessera

#endif // TESSERA_COMPILER_TARGET_CPU_CPUTARGET_H
