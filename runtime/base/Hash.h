//===- Hash.h - XXH64, the artifact's segment checksum ------------*- C++ -*-===//
//
// Part of Tessera. Segment checksums in an artifact are XXH64 with seed 0
// (Yann Collet's xxHash, 64-bit variant), implemented here so the runtime
// depends on no hashing library. Both a one-shot function and a streaming
// hasher (for writers that produce a segment piece by piece) give the same
// value for the same bytes.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_BASE_HASH_H
#define TESSERA_RUNTIME_BASE_HASH_H

#include <cstddef>
#include <cstdint>

namespace tessera::runtime {

/// XXH64 of `size` bytes at `data`.
uint64_t xxh64(const void *data, size_t size, uint64_t seed = 0);

/// XXH64 over bytes fed in pieces: update() any number of times, then
/// digest() (which may be called again after more updates).
class Xxh64 {
public:
  explicit Xxh64(uint64_t seed = 0);
  void update(const void *data, size_t size);
  uint64_t digest() const;

private:
  uint64_t seed_;
  uint64_t acc_[4];
  uint64_t totalLength_ = 0;
  unsigned char buffer_[32];
  size_t buffered_ = 0;
};

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_BASE_HASH_H
