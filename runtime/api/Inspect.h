//===- Inspect.h - Describing an artifact -------------------------*- C++ -*-===//
//
// Part of Tessera. What tessera-inspect prints: mesh, signatures, per-rank
// arena, buffers and commands by kind, executables (format, target, size,
// kernels), segments, compiler version and options; as text for people or
// JSON for scripts.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_API_INSPECT_H
#define TESSERA_RUNTIME_API_INSPECT_H

#include "runtime/artifact/Artifact.h"

#include <string>

namespace tessera::runtime {

std::string describeArtifact(const Artifact &artifact);
std::string describeArtifactJson(const Artifact &artifact);

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_API_INSPECT_H
