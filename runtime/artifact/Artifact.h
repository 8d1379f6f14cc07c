//===- Artifact.h - A loaded, verified artifact -------------------*- C++ -*-===//
//
// Part of Tessera. Artifact::open maps a .tsr file read-only and verifies it
// (see Verifier.h) before anything else may look at it; fromBytes does the
// same for bytes in memory (fuzzing, tests). The decoded ModelInfo describes
// everything; segment bytes are read from the mapping, so a weight is never
// copied and a model larger than memory only pages in what is used.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_ARTIFACT_ARTIFACT_H
#define TESSERA_RUNTIME_ARTIFACT_ARTIFACT_H

#include "runtime/artifact/Program.h"
#include "runtime/artifact/Verifier.h"
#include "runtime/base/HostTensor.h"
#include "runtime/base/Status.h"

#include <memory>
#include <string>

namespace tessera::runtime {

struct LoadOptions {
  /// Verify segments' XXH64 checksums (reads them from disk).
  bool verifyChecksums = true;
  /// Verify only the segments these ranks use (a process that runs one rank
  /// of a mesh reads only its own weights); empty: every segment.
  std::vector<uint32_t> checksumRanks;
  /// Check that the ranks' communication matches (VerifyOptions).
  bool checkCommunication = true;
};

class Artifact {
public:
  /// Maps and verifies the file at `path`. Errors: kNotFound (no such file),
  /// kInvalidArgument (not a regular file), kInvalidArtifact (anything
  /// wrong with its contents; the message starts with the path).
  static StatusOr<std::unique_ptr<Artifact>>
  open(const std::string &path, const LoadOptions &options = {});

  /// Verifies a copy of `size` bytes at `data`; `name` prefixes messages.
  static StatusOr<std::unique_ptr<Artifact>>
  fromBytes(const void *data, size_t size, const LoadOptions &options = {},
            const std::string &name = "<memory>");

  ~Artifact();
  Artifact(const Artifact &) = delete;
  Artifact &operator=(const Artifact &) = delete;

  /// The path, or the name given to fromBytes.
  const std::string &name() const { return name_; }
  const ModelInfo &info() const { return info_; }
  uint64_t fileSize() const { return size_; }
  /// Bytes taken by the size prefix and the FlatBuffer.
  uint64_t flatbufferSize() const;

  /// The bytes of segment `index` (which must be < info().segments.size()).
  const uint8_t *segmentData(uint32_t index) const {
    return data_ + info_.segments[index].offset;
  }
  uint64_t segmentSize(uint32_t index) const {
    return info_.segments[index].size;
  }

  /// Verifies the checksums of the segments `ranks` use (every segment when
  /// empty): for a load that skipped them.
  Status verifyChecksums(const std::vector<uint32_t> &ranks) const;

private:
  Artifact() = default;
  Status load(const LoadOptions &options);

  std::string name_;
  const uint8_t *data_ = nullptr;
  uint64_t size_ = 0;
  /// Set when data_ is an mmap of size_ bytes.
  bool mapped_ = false;
  /// Set when data_ is a copy in memory.
  AlignedBytes owned_;
  ModelInfo info_;
};

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_ARTIFACT_ARTIFACT_H
