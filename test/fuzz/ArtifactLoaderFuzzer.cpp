//===- ArtifactLoaderFuzzer.cpp - libFuzzer target for the artifact loader ===//
//
// Part of Tessera. Feeds arbitrary bytes to the loader as a .tsr file: the
// size prefix, identifier and FlatBuffers checks, every semantic check of
// the verifier and the checksums. Every input must end in a loaded artifact
// or a kInvalidArtifact error: a crash, a sanitizer report, a hang or an
// out-of-memory abort is a bug. Seeds include meshes with every collective
// (collectives.tsr), so the cross-rank simulation is fuzzed too, and CUDA
// code with launches and cubins (cuda.tsr). Nothing is executed (no
// executable is loaded), so only the loader is linked.
//
//===----------------------------------------------------------------------===//

#include "runtime/artifact/Artifact.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <type_traits>
#include <variant>

using namespace tessera::runtime;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  LoadOptions options;
  options.verifyChecksums = true;
  StatusOr<std::unique_ptr<Artifact>> artifact =
      Artifact::fromBytes(data, size, options, "fuzz.tsr");
  if (!artifact.isOk()) {
    if (artifact.status().code() != StatusCode::kInvalidArtifact)
      std::abort(); // only "invalid artifact" is a correct answer
    return 0;
  }
  // What a loaded artifact promises: every index in range.
  const ModelInfo &info = (*artifact)->info();
  // Code: segments exist; CUDA kernels are launches within CUDA's limits,
  // CPU kernels have none.
  for (const ExecutableInfo &executable : info.executables) {
    if (executable.segment >= info.segments.size())
      std::abort();
    for (const CudaBinaryInfo &cubin : executable.cubins)
      if (cubin.segment >= info.segments.size() ||
          executable.format != ExecutableFormat::CudaPtx)
        std::abort();
    bool cuda = executable.format != ExecutableFormat::CpuSharedObject;
    for (const KernelInfo &kernel : executable.kernels) {
      if (cuda == kernel.launches.empty())
        std::abort();
      for (const KernelLaunch &launch : kernel.launches) {
        uint64_t threads = 1;
        for (int d = 0; d < 3; ++d) {
          if (launch.grid[d] == 0 || launch.block[d] == 0)
            std::abort();
          threads *= launch.block[d];
        }
        if (launch.function.empty() || threads > kMaxThreadsPerBlock ||
            launch.grid[0] > kMaxGridX ||
            launch.sharedMemory > kMaxSharedMemoryBytes)
          std::abort();
      }
    }
  }
  for (const RankProgram &rank : info.ranks) {
    for (const BufferInfo &buffer : rank.buffers)
      if (buffer.storage == StorageKind::Constant &&
          (buffer.index >= info.segments.size() ||
           buffer.offset + buffer.byteSize > info.segments[buffer.index].size))
        std::abort();
    for (uint32_t segment : rank.segmentsUsed)
      if (segment >= info.segments.size())
        std::abort();
    // Communication commands: buffers, groups and peers in range.
    auto buffer = [&](uint32_t index) {
      if (index >= rank.buffers.size())
        std::abort();
    };
    auto member = [&](int64_t r) {
      if (r < -1 || r >= int64_t(info.numRanks()))
        std::abort();
    };
    for (const Command &command : rank.commands)
      std::visit(
          [&](const auto &c) {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, AllReduceCommand> ||
                          std::is_same_v<T, AllGatherCommand> ||
                          std::is_same_v<T, ReduceScatterCommand> ||
                          std::is_same_v<T, AllToAllCommand>) {
              buffer(c.input);
              buffer(c.result);
              bool self = false;
              for (uint32_t r : c.ranks) {
                member(r);
                self |= r == rank.rank;
              }
              if (!self)
                std::abort();
            } else if constexpr (std::is_same_v<T, CollectivePermuteCommand>) {
              buffer(c.input);
              buffer(c.result);
              member(c.sendTo);
              member(c.recvFrom);
            } else if constexpr (std::is_same_v<T, SendCommand>) {
              buffer(c.input);
              member(c.peer);
            } else if constexpr (std::is_same_v<T, RecvCommand>) {
              buffer(c.result);
              member(c.peer);
            }
          },
          command);
  }
  return 0;
}
