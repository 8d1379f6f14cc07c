//===- HashTest.cpp - XXH64 against published vectors ---------------------===//
//
// Part of Tessera. The vectors are xxHash's own sanity checks (xxhsum) and
// the python-xxhash README example; they were also checked against the
// reference libxxhash 0.8.1.
//
//===----------------------------------------------------------------------===//

#include "runtime/base/Hash.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace tessera::runtime;

namespace {

uint64_t hashString(const std::string &s, uint64_t seed = 0) {
  return xxh64(s.data(), s.size(), seed);
}

/// xxhsum's sanity buffer: bytes from a squared 32-bit generator.
std::vector<unsigned char> sanityBuffer(size_t size) {
  std::vector<unsigned char> buffer(size);
  uint32_t generator = 2654435761U;
  for (size_t i = 0; i < size; ++i) {
    buffer[i] = static_cast<unsigned char>(generator >> 24);
    generator *= generator;
  }
  return buffer;
}

TEST(HashTest, KnownStrings) {
  EXPECT_EQ(hashString(""), 0xEF46DB3751D8E999ULL);
  EXPECT_EQ(xxh64(nullptr, 0), 0xEF46DB3751D8E999ULL);
  EXPECT_EQ(hashString("a"), 0xD24EC4F1A98C6E5BULL);
  EXPECT_EQ(hashString("abc"), 0x44BC2CF5AD770999ULL);
  // 39 bytes: the 32-byte stripe loop, an 8-byte, no 4-byte, 7 single bytes.
  EXPECT_EQ(hashString("Nobody inspects the spammish repetition"),
            0xFBCEA83C8A378BF1ULL);
}

TEST(HashTest, SanityBufferWithAndWithoutSeed) {
  std::vector<unsigned char> buffer = sanityBuffer(101);
  const uint64_t prime = 2654435761U;
  EXPECT_EQ(xxh64(buffer.data(), 1, 0), 0x4FCE394CC88952D8ULL);
  EXPECT_EQ(xxh64(buffer.data(), 1, prime), 0x739840CB819FA723ULL);
  EXPECT_EQ(xxh64(buffer.data(), 14, 0), 0xCFFA8DB881BC3A3DULL);
  EXPECT_EQ(xxh64(buffer.data(), 14, prime), 0x5B9611585EFCC9CBULL);
  EXPECT_EQ(xxh64(buffer.data(), 101, 0), 0x0EAB543384F878ADULL);
  EXPECT_EQ(xxh64(buffer.data(), 101, prime), 0xCAA65939306F1E21ULL);
}

TEST(HashTest, LongInput) {
  std::vector<unsigned char> ramp(10240);
  for (size_t i = 0; i < ramp.size(); ++i)
    ramp[i] = static_cast<unsigned char>(i);
  EXPECT_EQ(xxh64(ramp.data(), ramp.size()), 0x58B820AA7970DBE2ULL);
}

TEST(HashTest, StreamingMatchesOneShotForEverySplit) {
  std::vector<unsigned char> buffer = sanityBuffer(101);
  for (size_t length : {0, 1, 14, 31, 32, 33, 64, 101}) {
    uint64_t expected = xxh64(buffer.data(), length, 7);
    for (size_t split = 0; split <= length; ++split) {
      Xxh64 hasher(7);
      hasher.update(buffer.data(), split);
      hasher.update(buffer.data() + split, length - split);
      EXPECT_EQ(hasher.digest(), expected) << length << " split " << split;
    }
    // Byte by byte.
    Xxh64 bytewise(7);
    for (size_t i = 0; i < length; ++i)
      bytewise.update(buffer.data() + i, 1);
    EXPECT_EQ(bytewise.digest(), expected);
  }
}

} // namespace
