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
#include "mlir/IR/BuiltinOps.h"

#include <string>
#include <vector>

namespace mlir::tessera {

/// The x86-64 micro-architecture level for `name`: "x86-64" (SSE2),
/// "x86-64-v2" (SSE4.2), "x86-64-v3" (AVX2 and FMA) or "x86-64-v4"
/// (AVX-512) as they are, "native" as the highest level this machine
/// supports. Only levels are accepted, not CPU names, because the runtime
/// checks the level's features before it loads the code: a CPU name would
/// make an artifact that dies of an illegal instruction elsewhere.
FailureOr<std::string> resolveCpuLevel(StringRef name, std::string &error);

struct CpuTargetOptions {
  /// The x86-64 level the code may use (see resolveCpuLevel).
  std::string cpu = "x86-64-v3";
  /// The linker; found next to LLVM's tools when empty.
  std::string linker;
  /// Stop after LLVM's optimizations and return their IR in
  /// CpuBinary::llvmIR instead of a shared object.
  bool llvmIROnly = false;
};

/// A compiled executable: the shared object and the kernels it exports, in
/// the order of the executable's functions.
struct CpuBinary {
  std::string sharedObject;
  std::vector<std::string> kernelNames;
  std::vector<unsigned> kernelArgCounts;
  /// The optimized LLVM IR, with CpuTargetOptions::llvmIROnly.
  std::string llvmIR;
};

/// Compiles the kernels of `executable`. Errors are reported on it.
FailureOr<CpuBinary> compileCpuExecutable(exec::ExecutableOp executable,
                                          const CpuTargetOptions &options);

/// Compiles `module`, kernels as compileCpuExecutable takes them or
/// already bufferized (func.funcs on memrefs in scf, arith, math and
/// memref, as the CUDA launches' emulation makes them), into `binary`,
/// whose kernelNames and kernelArgCounts are set. Errors are reported on
/// `anchor`.
FailureOr<CpuBinary> compileCpuKernelModule(ModuleOp module, CpuBinary binary,
                                            Operation *anchor,
                                            const CpuTargetOptions &options);

} // namespace mlir::tessera

#endif // TESSERA_COMPILER_TARGET_CPU_CPUTARGET_H
