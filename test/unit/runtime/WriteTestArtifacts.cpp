//===- WriteTestArtifacts.cpp - Artifacts for tool tests and fuzz seeds ---===//
//
// Part of Tessera (tests only). Writes hand-built artifacts into a directory:
//
//   write-test-artifacts DIR [KERNELS.so]
//
//   small.tsr          x f32[2,4] -> y = relu(x W + b) f32[2,3],
//                      z = maxpool(y) f32[1,1,1,3]
//   conv.tsr           a conv + bias + relu, avg pool, 2 matmuls (CNN-like)
//   kernels.tsr        Dispatches of KERNELS.so (when given)
//   bf16.tsr           a bf16 input copied to the output
//   cuda.tsr           a CudaPtx kernel (real PTX, fake cubins) with a
//                      MatMulCall and a Copy (makeCudaModel)
//   mesh2.tsr          a valid artifact for a dp:2 mesh (no collectives)
//   collectives.tsr    every collective on a dp:2 x tp:2 mesh
//                      (makeCollectiveModel); x48.npy its input f32[4,8]
//   skip.tsr           dp:2, rank 1 skips rank 0's AllReduce (invalid unless
//                      loaded without the communication check); x2.npy
//   bad-checksum.tsr   small.tsr with a corrupt weight byte
//   bad-version.tsr    small.tsr with schema_version 99
//   bad-index.tsr      a Copy from buffer 99
//   x.npy              f32[2,4] input of small.tsr; x-f64.npy, x-shape.npy
//                      wrong ones; garbage.npy not a .npy file
//
//===----------------------------------------------------------------------===//

#include "ArtifactBuilder.h"

#include "runtime/base/Npy.h"

#include <cstdio>
#include <fstream>
#include <iterator>

using namespace tessera::runtime;
using namespace tessera::test;

namespace {

ArtifactBuilder convModel() {
  ArtifactBuilder b;
  b.compileOptions = "--target=cpu (hand-built CNN)";
  uint32_t image = b.addInput("image", TypeSpec(DType::F32, {1, 3, 16, 16}));
  uint32_t logits = b.addOutput("logits", TypeSpec(DType::F32, {1, 10}));
  std::vector<float> w1(8 * 3 * 3 * 3), b1(8), w3(32 * 10), b3(10);
  for (size_t i = 0; i < w1.size(); ++i)
    w1[i] = float(int(i % 7) - 3) * 0.1f;
  for (size_t i = 0; i < b1.size(); ++i)
    b1[i] = 0.01f * float(i);
  for (size_t i = 0; i < w3.size(); ++i)
    w3[i] = float(int(i % 3) - 1) * 0.2f;
  uint32_t s1 = b.addFloatSegment(w1), s2 = b.addFloatSegment(b1),
           s4 = b.addFloatSegment(w3), s5 = b.addFloatSegment(b3);
  RankSpec &r = b.rank(0);
  r.arenaSize = 8192;
  uint32_t in = r.addBuffer(Buf::input(image, TypeSpec(DType::F32, {1, 3, 16, 16})));
  uint32_t cw = r.addBuffer(Buf::constant(s1, 0, TypeSpec(DType::F32, {8, 3, 3, 3})));
  uint32_t cb = r.addBuffer(Buf::constant(s2, 0, TypeSpec(DType::F32, {8})));
  uint32_t c = r.addBuffer(Buf::arena(0, TypeSpec(DType::F32, {1, 8, 8, 8})));
  uint32_t p = r.addBuffer(Buf::arena(2048, TypeSpec(DType::F32, {1, 8, 2, 2})));
  uint32_t flat = r.addBuffer(Buf::arena(2048, TypeSpec(DType::F32, {1, 32})));
  uint32_t hw = r.addBuffer(Buf::constant(s4, 0, TypeSpec(DType::F32, {32, 10})));
  uint32_t hb = r.addBuffer(Buf::constant(s5, 0, TypeSpec(DType::F32, {10})));
  uint32_t out = r.addBuffer(Buf::output(logits, TypeSpec(DType::F32, {1, 10})));
  Conv2dSpec conv;
  conv.input = in;
  conv.weight = cw;
  conv.bias = int32_t(cb);
  conv.result = c;
  conv.strides = std::vector<int64_t>{2, 2};
  conv.padding = std::vector<int64_t>{1, 1, 1, 1};
  conv.activation = 1;
  r.add(conv);
  Pool2dSpec pool;
  pool.kind = 1;
  pool.input = c;
  pool.result = p;
  pool.kernel = std::vector<int64_t>{4, 4};
  pool.strides = std::vector<int64_t>{4, 4};
  r.add(pool);
  MatMulSpec head;
  head.lhs = flat;
  head.rhs = hw;
  head.bias = int32_t(hb);
  head.result = out;
  r.add(head);
  return b;
}

ArtifactBuilder kernelModel(const std::vector<uint8_t> &object) {
  ArtifactBuilder b;
  uint32_t x = b.addInput("x", TypeSpec(DType::F32, {2, 3}));
  uint32_t y = b.addInput("y", TypeSpec(DType::F32, {2, 3}));
  uint32_t z = b.addOutput("sum", TypeSpec(DType::F32, {2, 3}));
  uint32_t code = b.addSegment(object);
  ExecutableSpec executable;
  executable.segment = code;
  executable.kernels = {{"tessera_test_add6", 3}};
  b.addExecutable(executable);
  RankSpec &r = b.rank(0);
  uint32_t xb = r.addBuffer(Buf::input(x, TypeSpec(DType::F32, {2, 3})));
  uint32_t yb = r.addBuffer(Buf::input(y, TypeSpec(DType::F32, {2, 3})));
  uint32_t zb = r.addBuffer(Buf::output(z, TypeSpec(DType::F32, {2, 3})));
  r.add(DispatchSpec{0, 0, {xb, yb, zb}});
  return b;
}

ArtifactBuilder bf16Model() {
  ArtifactBuilder b;
  uint32_t x = b.addInput("x", TypeSpec(DType::BF16, {3}));
  uint32_t y = b.addOutput("y", TypeSpec(DType::BF16, {3}));
  RankSpec &r = b.rank(0);
  uint32_t xb = r.addBuffer(Buf::input(x, TypeSpec(DType::BF16, {3})));
  uint32_t yb = r.addBuffer(Buf::output(y, TypeSpec(DType::BF16, {3})));
  r.add(CopySpec{xb, yb});
  return b;
}

bool write(const ArtifactBuilder &builder, const std::string &path) {
  Status status = builder.writeTo(path);
  if (!status.isOk())
    std::fprintf(stderr, "%s\n", status.toString().c_str());
  return status.isOk();
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DIR [KERNELS.so]\n", argv[0]);
    return 1;
  }
  std::string dir = argv[1];
  bool ok = write(makeSmallModel(), dir + "/small.tsr");
  ok &= write(convModel(), dir + "/conv.tsr");
  ok &= write(bf16Model(), dir + "/bf16.tsr");
  ok &= write(makeCudaModel(), dir + "/cuda.tsr");
  if (argc > 2) {
    std::ifstream file(argv[2], std::ios::binary);
    std::vector<uint8_t> object((std::istreambuf_iterator<char>(file)), {});
    if (object.empty()) {
      std::fprintf(stderr, "cannot read %s\n", argv[2]);
      return 1;
    }
    ok &= write(kernelModel(object), dir + "/kernels.tsr");
  }
  ArtifactBuilder mesh = makeSmallModel();
  mesh.mesh = {{"dp", 2}};
  mesh.ranks.push_back(mesh.ranks[0]);
  mesh.ranks[1].rank = 1;
  // Only rank 0 writes outputs: rank 1 computes the same into its arena.
  mesh.ranks[1].buffers[4] = Buf::arena(64, TypeSpec(DType::F32, {2, 3}));
  mesh.ranks[1].buffers[6] = Buf::arena(96, TypeSpec(DType::F32, {1, 1, 1, 3}));
  ok &= write(mesh, dir + "/mesh2.tsr");
  ok &= write(makeCollectiveModel(), dir + "/collectives.tsr");
  ok &= write(makeSkippedCollectiveModel(), dir + "/skip.tsr");
  {
    std::vector<float> x(32);
    for (int i = 0; i < 32; ++i)
      x[i] = float((i * 37) % 19) * 0.25f - 2.f;
    ok &= writeNpy(dir + "/x48.npy", HostTensor::fromVector<float>({4, 8}, x)).isOk();
    ok &= writeNpy(dir + "/x2.npy", HostTensor::fromVector<float>({2}, {1, 2})).isOk();
  }
  ArtifactBuilder checksum = makeSmallModel();
  checksum.adjustFile = [](std::vector<uint8_t> &file) { file.back() ^= 1; };
  ok &= write(checksum, dir + "/bad-checksum.tsr");
  ArtifactBuilder version = makeSmallModel();
  version.schemaVersion = 99;
  ok &= write(version, dir + "/bad-version.tsr");
  ArtifactBuilder index = makeSmallModel();
  index.rank(0).add(CopySpec{99, 4});
  ok &= write(index, dir + "/bad-index.tsr");

  ok &= writeNpy(dir + "/x.npy",
                 HostTensor::fromVector<float>({2, 4}, {1, -2, 3, -4, 5, -6, 7, -8}))
            .isOk();
  ok &= writeNpy(dir + "/x-f64.npy",
                 HostTensor::fromVector<double>({2, 4}, {1, 2, 3, 4, 5, 6, 7, 8}))
            .isOk();
  ok &= writeNpy(dir + "/x-shape.npy",
                 HostTensor::fromVector<float>({4, 2}, {1, 2, 3, 4, 5, 6, 7, 8}))
            .isOk();
  ok &= writeNpy(dir + "/a.npy",
                 HostTensor::fromVector<float>({2, 3}, {1, 2, 3, 4, 5, 6}))
            .isOk();
  ok &= writeNpy(dir + "/bf16-words.npy",
                 HostTensor::fromVector<uint16_t>({3}, {0x3f80, 0xc000, 0x4049}))
            .isOk();
  std::FILE *garbage = std::fopen((dir + "/garbage.npy").c_str(), "wb");
  if (garbage) {
    std::fputs("this is not numpy\n", garbage);
    std::fclose(garbage);
  }
  return ok && garbage ? 0 : 1;
}
