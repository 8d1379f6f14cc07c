//===- Artifact.cpp - A loaded, verified artifact -------------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "runtime/artifact/Artifact.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tessera::runtime {

Artifact::~Artifact() {
  if (mapped_ && size_)
    munmap(const_cast<uint8_t *>(data_), size_);
}

uint64_t Artifact::flatbufferSize() const {
  uint32_t prefix;
  std::memcpy(&prefix, data_, 4);
  return uint64_t(prefix) + 4;
}

Status Artifact::load(const LoadOptions &options) {
  VerifyOptions verifyOptions;
  verifyOptions.verifyChecksums = options.verifyChecksums;
  verifyOptions.checksumRanks = options.checksumRanks;
  verifyOptions.checkCommunication = options.checkCommunication;
  StatusOr<ModelInfo> info = verifyArtifact(data_, size_, verifyOptions);
  if (!info.isOk())
    return info.status().withContext(name_);
  info_ = std::move(info).value();
  return Status::ok();
}

Status Artifact::verifyChecksums(const std::vector<uint32_t> &ranks) const {
  return verifySegmentChecksums(data_, info_, segmentsUsedBy(info_, ranks))
      .withContext(name_);
}

StatusOr<std::unique_ptr<Artifact>> Artifact::open(const std::string &path,
                                                   const LoadOptions &options) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int error = errno;
    return Status(error == ENOENT ? StatusCode::kNotFound
                                  : StatusCode::kInvalidArgument,
                  "cannot open artifact '" + path + "': " +
                      std::strerror(error));
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status(StatusCode::kInvalidArgument,
                  "cannot open artifact '" + path + "': not a regular file");
  }
  std::unique_ptr<Artifact> artifact(new Artifact());
  artifact->name_ = path;
  artifact->size_ = uint64_t(st.st_size);
  if (artifact->size_ > 0) {
    void *mapping =
        mmap(nullptr, artifact->size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (mapping == MAP_FAILED) {
      int error = errno;
      ::close(fd);
      return Status(StatusCode::kResourceExhausted,
                    "cannot map artifact '" + path + "': " +
                        std::strerror(error));
    }
    artifact->data_ = static_cast<const uint8_t *>(mapping);
    artifact->mapped_ = true;
  } else {
    static const uint8_t kEmpty[8] = {};
    artifact->data_ = kEmpty;
  }
  ::close(fd);
  TESSERA_RETURN_IF_ERROR(artifact->load(options));
  return artifact;
}

StatusOr<std::unique_ptr<Artifact>>
Artifact::fromBytes(const void *data, size_t size, const LoadOptions &options,
                    const std::string &name) {
  std::unique_ptr<Artifact> artifact(new Artifact());
  artifact->name_ = name;
  artifact->size_ = size;
  // A copy: aligned for the FlatBuffers verifier, and owned.
  artifact->owned_ = alignedAlloc(size);
  if (!artifact->owned_)
    return Status(StatusCode::kResourceExhausted,
                  "out of memory copying a " + std::to_string(size) +
                      "-byte artifact");
  if (size)
    std::memcpy(artifact->owned_.get(), data, size);
  artifact->data_ = artifact->owned_.get();
  TESSERA_RETURN_IF_ERROR(artifact->load(options));
  return artifact;
}

} // namespace tessera::runtime
