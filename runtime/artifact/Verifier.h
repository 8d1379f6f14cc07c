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
//     Input/Output buffers typed as their signature (an Input buffer may
//     view a part of its input), Output buffers only in rank 0's program of
//     a mesh, Dispatch argument counts equal to the kernel's, library-call
//     operand shapes and dtypes consistent, writes only to Arena or Output
//     buffers, Copy sizes equal, the mesh's ranks each present once;
//     communication commands' groups (distinct ranks of the mesh, this one
//     among them), peers and sizes;
//  3. communication across ranks (unless disabled): every rank's
//     collectives, sends and receives simulated together; every member of
//     a group meets the group's collectives in the same order with the same
//     kind, reduction, element type and sizes, every Recv and
//     CollectivePermute gets a matching message, nothing deadlocks and
//     nothing sent is left unreceived;
//  4. checksums: XXH64 of every segment, or of the segments some ranks use
//     (unless disabled).
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
#include <vector>

namespace tessera::runtime {

struct VerifyOptions {
  /// Compute segments' XXH64 and compare them with the artifact's.
  bool verifyChecksums = true;
  /// Check only the segments these ranks use; empty: every segment.
  std::vector<uint32_t> checksumRanks;
  /// Simulate the communication of all ranks together (step 3). Turning it
  /// off lets through artifacts whose ranks do not match, which the runtime
  /// then stops with timeouts: for testing those.
  bool checkCommunication = true;
};

/// Verifies the `size` bytes of an artifact file at `file` and decodes it.
/// `file` must be aligned to 8 bytes (an mmap or malloc result is).
StatusOr<ModelInfo> verifyArtifact(const uint8_t *file, uint64_t size,
                                   const VerifyOptions &options = {});

/// The XXH64 checks of step 4 for `segments` of an artifact already
/// verified (`info` decoded from `file`).
Status verifySegmentChecksums(const uint8_t *file, const ModelInfo &info,
                              const std::vector<uint32_t> &segments);

/// The segments `ranks` use (constants and code), ascending; every segment
/// when `ranks` is empty.
std::vector<uint32_t> segmentsUsedBy(const ModelInfo &info,
                                     const std::vector<uint32_t> &ranks);

/// Maximum mesh size the runtime accepts.
inline constexpr uint32_t kMaxRanks = 1u << 16;

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_ARTIFACT_VERIFIER_H
