//===- Verifier.h - Checking an untrusted artifact ----------------*- C++ -*-===//
//
// Part of Tessera. An artifact is untrusted input. verifyArtifact checks the
// bytes of a whole .tsr file in this order, stopping at the first failure:
//
//  1. layout: the identifier "TSRA" (bytes 8-11), a 4-byte size prefix
//     whose FlatBuffer fits in the file, the FlatBuffers verifier (every
//     offset and vector inside the FlatBuffer), schema_version ==
//     kSchemaVersion;
//  2. semantics: every enum value known, every index (segment, executable,
//     kernel, buffer, signature, rank) in range, segments 64-byte aligned,
//     after the FlatBuffer, inside the file and not overlapping, buffer
//     sizes inside the arena or their segment and naturally aligned,
//     Input/Output buffers typed exactly as their signature, Dispatch
//     argument counts equal to the kernel's, library-call operand shapes and
//     dtypes consistent, writes only to Arena or Output buffers, Copy sizes
//     equal, the mesh's ranks each present once;
//  3. checksums: XXH64 of every segment (unless disabled).
//
// Each failure is kInvalidArtifact with a message naming the field, e.g.
//   rank 0 command 12 (Dispatch): argument 3 is buffer 99, but the rank has
//   40 buffers
// On success it returns the decoded ModelInfo.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_ARTIFACT_VERIFIER_H
#define TESSERA_RUNTIME_ARTIFACT_VERIFIER_H

#include "runtime/artifact/Program.h"
#include "runtime/base/Status.h"

#include <cstddef>
#include <cstdint>

namespace tessera::runtime {

struct VerifyOptions {
  /// Compute every segment's XXH64 and compare it with the artifact's.
  bool verifyChecksums = true;
};

/// Verifies the `size` bytes of an artifact file at `file` and decodes it.
/// `file` must be aligned to 8 bytes (an mmap or malloc result is).
StatusOr<ModelInfo> verifyArtifact(const uint8_t *file, uint64_t size,
                                   const VerifyOptions &options = {});

/// Maximum mesh size the runtime accepts.
inline constexpr uint32_t kMaxRanks = 1u << 16;

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_ARTIFACT_VERIFIER_H
