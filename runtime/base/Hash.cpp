//===- Hash.cpp - XXH64 ---------------------------------------------------===//
//
// Part of Tessera. Follows the XXH64 specification (xxHash's
// doc/xxhash_spec.md): four lanes over 32-byte stripes, then the remaining
// 8-, 4- and 1-byte pieces, then the avalanche. Reads are little-endian.
//
//===----------------------------------------------------------------------===//

#include "runtime/base/Hash.h"

#include <cstring>

namespace tessera::runtime {
namespace {

constexpr uint64_t kPrime1 = 0x9E3779B185EBCA87ULL;
constexpr uint64_t kPrime2 = 0xC2B2AE3D27D4EB4FULL;
constexpr uint64_t kPrime3 = 0x165667B19E3779F9ULL;
constexpr uint64_t kPrime4 = 0x85EBCA77C2B2AE63ULL;
constexpr uint64_t kPrime5 = 0x27D4EB2F165667C5ULL;

inline uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

// x86-64 is little-endian, and so is the specification's byte order.
inline uint64_t read64(const unsigned char *p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline uint32_t read32(const unsigned char *p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

inline uint64_t round(uint64_t acc, uint64_t input) {
  acc += input * kPrime2;
  acc = rotl(acc, 31);
  return acc * kPrime1;
}

inline uint64_t mergeRound(uint64_t acc, uint64_t val) {
  acc ^= round(0, val);
  return acc * kPrime1 + kPrime4;
}

/// The lanes' combination for inputs of at least 32 bytes.
inline uint64_t convergeLanes(const uint64_t acc[4]) {
  uint64_t h = rotl(acc[0], 1) + rotl(acc[1], 7) + rotl(acc[2], 12) +
               rotl(acc[3], 18);
  for (int i = 0; i < 4; ++i)
    h = mergeRound(h, acc[i]);
  return h;
}

/// Consumes the last (< 32) bytes and mixes the result.
uint64_t finish(uint64_t h, const unsigned char *p, size_t len) {
  while (len >= 8) {
    h ^= round(0, read64(p));
    h = rotl(h, 27) * kPrime1 + kPrime4;
    p += 8;
    len -= 8;
  }
  if (len >= 4) {
    h ^= static_cast<uint64_t>(read32(p)) * kPrime1;
    h = rotl(h, 23) * kPrime2 + kPrime3;
    p += 4;
    len -= 4;
  }
  while (len > 0) {
    h ^= (*p) * kPrime5;
    h = rotl(h, 11) * kPrime1;
    ++p;
    --len;
  }
  h ^= h >> 33;
  h *= kPrime2;
  h ^= h >> 29;
  h *= kPrime3;
  h ^= h >> 32;
  return h;
}

void initLanes(uint64_t acc[4], uint64_t seed) {
  acc[0] = seed + kPrime1 + kPrime2;
  acc[1] = seed + kPrime2;
  acc[2] = seed;
  acc[3] = seed - kPrime1;
}

inline void stripe(uint64_t acc[4], const unsigned char *p) {
  acc[0] = round(acc[0], read64(p));
  acc[1] = round(acc[1], read64(p + 8));
  acc[2] = round(acc[2], read64(p + 16));
  acc[3] = round(acc[3], read64(p + 24));
}

} // namespace

uint64_t xxh64(const void *data, size_t size, uint64_t seed) {
  const auto *p = static_cast<const unsigned char *>(data);
  uint64_t h;
  size_t len = size;
  if (len >= 32) {
    uint64_t acc[4];
    initLanes(acc, seed);
    do {
      stripe(acc, p);
      p += 32;
      len -= 32;
    } while (len >= 32);
    h = convergeLanes(acc);
  } else {
    h = seed + kPrime5;
  }
  h += static_cast<uint64_t>(size);
  return finish(h, p, len);
}

Xxh64::Xxh64(uint64_t seed) : seed_(seed) { initLanes(acc_, seed); }

void Xxh64::update(const void *data, size_t size) {
  const auto *p = static_cast<const unsigned char *>(data);
  totalLength_ += size;
  if (buffered_ + size < 32) {
    if (size)
      std::memcpy(buffer_ + buffered_, p, size);
    buffered_ += size;
    return;
  }
  if (buffered_) {
    size_t take = 32 - buffered_;
    std::memcpy(buffer_ + buffered_, p, take);
    stripe(acc_, buffer_);
    p += take;
    size -= take;
    buffered_ = 0;
  }
  while (size >= 32) {
    stripe(acc_, p);
    p += 32;
    size -= 32;
  }
  if (size)
    std::memcpy(buffer_, p, size);
  buffered_ = size;
}

uint64_t Xxh64::digest() const {
  uint64_t h = totalLength_ >= 32 ? convergeLanes(acc_) : seed_ + kPrime5;
  h += totalLength_;
  return finish(h, buffer_, buffered_);
}

} // namespace tessera::runtime
