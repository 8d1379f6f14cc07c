//===- ArtifactWriter.h - The executable level into a .tsr file ---*- C++ -*-===//
//
// Part of Tessera. Serializes a module at the executable level (texec
// programs and executables, and the model signature kept as a function
// declaration) into the artifact of runtime/schemas/tessera_artifact.fbs:
// a size-prefixed FlatBuffer followed by 64-byte aligned segments (code and
// weights) with XXH64 checksums. The translation is one-to-one; the same
// module and options give the same bytes.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_COMPILER_ARTIFACT_ARTIFACTWRITER_H
#define TESSERA_COMPILER_ARTIFACT_ARTIFACTWRITER_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/StringMap.h"

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mlir::tessera {

/// One GPU launch of a CUDA kernel.
struct KernelLaunch {
  std::string function;
  std::array<uint32_t, 3> grid = {1, 1, 1};
  std::array<uint32_t, 3> block = {1, 1, 1};
  uint32_t sharedMemory = 0;
};

/// The compiled code of one texec.executable.
struct ExecutableBinary {
  /// The shared object (cpu_so) or the PTX (cuda_ptx).
  std::string bytes;
  std::vector<std::string> kernelNames;
  std::vector<unsigned> kernelArgCounts;
  /// cuda_ptx: each kernel's launches, in the order of kernelNames.
  std::vector<std::vector<KernelLaunch>> kernelLaunches;
  /// cuda_ptx: (architecture, cubin) pairs.
  std::vector<std::pair<std::string, std::string>> cubins;
};

struct ArtifactMetadata {
  std::string compilerVersion;
  /// The command-line options that produced the artifact.
  std::string compileOptions;
};

/// Writes the artifact of `module` to `path` ("-" for stdout). `binaries`
/// maps executable symbol names to their code. Segments: each executable's
/// code (segment i for executable i), then the cubins of the executables
/// in order, then the weights. The mesh is the module's
/// `dist.mesh` (none: one device), with one texec.program per rank. Errors
/// are reported on the module.
LogicalResult writeArtifact(ModuleOp module,
                            const llvm::StringMap<ExecutableBinary> &binaries,
                            const ArtifactMetadata &metadata,
                            llvm::StringRef path);

} // namespace mlir::tessera

#endif // TESSERA_COMPILER_ARTIFACT_ARTIFACTWRITER_H
