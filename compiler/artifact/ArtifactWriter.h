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

#include <string>
#include <vector>

namespace mlir::tessera {

/// The compiled code of one texec.executable.
struct ExecutableBinary {
  std::string bytes;
  std::vector<std::string> kernelNames;
  std::vector<unsigned> kernelArgCounts;
};

struct ArtifactMetadata {
  std::string compilerVersion;
  /// The command-line options that produced the artifact.
  std::string compileOptions;
};

/// Writes the artifact of `module` to `path` ("-" for stdout). `binaries`
/// maps executable symbol names to their code. The mesh is the module's
/// `dist.mesh` (none: one device), with one texec.program per rank. Errors
/// are reported on the module.
LogicalResult writeArtifact(ModuleOp module,
                            const llvm::StringMap<ExecutableBinary> &binaries,
                            const ArtifactMetadata &metadata,
                            llvm::StringRef path);

} // namespace mlir::tessera

#endif // TESSERA_COMPILER_ARTIFACT_ARTIFACTWRITER_H
