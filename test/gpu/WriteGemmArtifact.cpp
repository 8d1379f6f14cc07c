//===- WriteGemmArtifact.cpp - A GEMM benchmark as an artifact ------------===//
//
// Part of Tessera (the GPU check, test/gpu/run.sh). Writes an artifact that
// multiplies two constant matrices REPEAT times into its arena and outputs
// the first row of the product, so that a run's time is the GEMMs' (the
// constants are uploaded once, when the session opens; only N floats come
// back). Made where it runs: a 4096 x 4096 constant is 64 MiB, too much to
// carry to a GPU machine.
//
//   write-gemm-artifact M N K REPEAT OUT.tsr [A.npy B.npy]
//
// A [M, K] and B [K, N] hold uniform values in [-1, 1) from a fixed seed;
// with A.npy and B.npy given they are also written there, for a reference.
//
//===----------------------------------------------------------------------===//

#include "ArtifactBuilder.h"

#include "runtime/base/Npy.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>

using namespace tessera::runtime;
using namespace tessera::test;

int main(int argc, char **argv) {
  if (argc != 6 && argc != 8) {
    std::fprintf(stderr, "usage: %s M N K REPEAT OUT.tsr [A.npy B.npy]\n",
                 argv[0]);
    return 1;
  }
  int64_t m = std::atoll(argv[1]), n = std::atoll(argv[2]),
          k = std::atoll(argv[3]), repeat = std::atoll(argv[4]);
  if (m <= 0 || n <= 0 || k <= 0 || repeat <= 0) {
    std::fprintf(stderr, "M, N, K and REPEAT must be positive\n");
    return 1;
  }
  std::mt19937 random(1234);
  std::uniform_real_distribution<float> uniform(-1.f, 1.f);
  std::vector<float> a(size_t(m * k)), b(size_t(k * n));
  for (float &x : a)
    x = uniform(random);
  for (float &x : b)
    x = uniform(random);

  ArtifactBuilder builder;
  builder.compileOptions = "write-gemm-artifact " + std::to_string(m) + " " +
                           std::to_string(n) + " " + std::to_string(k) + " " +
                           std::to_string(repeat);
  uint32_t row = builder.addOutput("row", TypeSpec(DType::F32, {n}));
  uint32_t aSegment = builder.addFloatSegment(a);
  uint32_t bSegment = builder.addFloatSegment(b);
  RankSpec &rank = builder.rank(0);
  rank.arenaSize = uint64_t(m * n) * 4;
  uint32_t aBuffer =
      rank.addBuffer(Buf::constant(aSegment, 0, TypeSpec(DType::F32, {m, k})));
  uint32_t bBuffer =
      rank.addBuffer(Buf::constant(bSegment, 0, TypeSpec(DType::F32, {k, n})));
  uint32_t c = rank.addBuffer(Buf::arena(0, TypeSpec(DType::F32, {m, n})));
  uint32_t firstRow = rank.addBuffer(Buf::arena(0, TypeSpec(DType::F32, {n})));
  uint32_t out = rank.addBuffer(Buf::output(row, TypeSpec(DType::F32, {n})));
  for (int64_t i = 0; i < repeat; ++i) {
    MatMulSpec matmul;
    matmul.lhs = aBuffer;
    matmul.rhs = bBuffer;
    matmul.result = c;
    rank.add(matmul);
  }
  rank.add(CopySpec{firstRow, out});
  Status status = builder.writeTo(argv[5]);
  if (status.isOk() && argc == 8) {
    status = writeNpy(argv[6], HostTensor::fromVector<float>({m, k}, a));
    if (status.isOk())
      status = writeNpy(argv[7], HostTensor::fromVector<float>({k, n}, b));
  }
  if (!status.isOk()) {
    std::fprintf(stderr, "%s\n", status.toString().c_str());
    return 1;
  }
  return 0;
}
