//===- CudaArtifactTest.cpp - The verifier's rules for CUDA code ----------===//
//
// Part of Tessera. Schema version 3 added GPU launches to kernels and cubins
// to CudaPtx executables (docs/design/0004-cuda.md). Each test takes the
// valid hand-built CUDA model (fake PTX text and cubins: the verifier never
// looks inside code), breaks one rule and checks the message.
//
//===----------------------------------------------------------------------===//

#include "ArtifactBuilder.h"

#include "runtime/api/Inspect.h"
#include "runtime/artifact/Artifact.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace tessera::runtime;
using namespace tessera::test;
using ::testing::HasSubstr;

namespace {

StatusOr<std::unique_ptr<Artifact>> load(const ArtifactBuilder &builder) {
  std::vector<uint8_t> bytes = builder.build();
  return Artifact::fromBytes(bytes.data(), bytes.size(), {}, "m.tsr");
}

std::string rejection(const ArtifactBuilder &builder) {
  StatusOr<std::unique_ptr<Artifact>> result = load(builder);
  EXPECT_FALSE(result.isOk());
  if (result.isOk())
    return "<loaded>";
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArtifact)
      << result.status().toString();
  return result.status().message();
}

/// makeCudaModel with `change` applied.
template <typename Change> std::string broken(Change change) {
  ArtifactBuilder builder = makeCudaModel();
  change(builder);
  return rejection(builder);
}

LaunchSpec &launch0(ArtifactBuilder &b) {
  return b.executables[0].kernels[0].launches[0];
}

TEST(CudaArtifactTest, LoadsAndDecodesLaunchesAndCubins) {
  ArtifactBuilder builder = makeCudaModel();
  launch0(builder).grid = std::vector<uint32_t>{3, 2, 1};
  launch0(builder).sharedMemory = 4096;
  builder.executables[0].kernels[0].launches.push_back(
      LaunchSpec{"scale2_tail", std::vector<uint32_t>{1, 1, 1},
                 std::vector<uint32_t>{32, 4, 2}, 0});
  auto artifact = load(builder);
  ASSERT_TRUE(artifact.isOk()) << artifact.status().toString();
  const ModelInfo &info = (*artifact)->info();
  ASSERT_EQ(info.executables.size(), 1u);
  const ExecutableInfo &code = info.executables[0];
  EXPECT_EQ(code.format, ExecutableFormat::CudaPtx);
  EXPECT_EQ(code.target, "sm_80");
  ASSERT_EQ(code.kernels.size(), 1u);
  const KernelInfo &kernel = code.kernels[0];
  EXPECT_EQ(kernel.name, "scale2");
  ASSERT_EQ(kernel.launches.size(), 2u);
  EXPECT_EQ(kernel.launches[0].function, "scale2");
  EXPECT_EQ(kernel.launches[0].grid, (std::array<uint32_t, 3>{3, 2, 1}));
  EXPECT_EQ(kernel.launches[0].block, (std::array<uint32_t, 3>{6, 1, 1}));
  EXPECT_EQ(kernel.launches[0].sharedMemory, 4096u);
  EXPECT_EQ(kernel.launches[1].block, (std::array<uint32_t, 3>{32, 4, 2}));
  ASSERT_EQ(code.cubins.size(), 2u);
  EXPECT_EQ(code.cubins[0].arch, "sm_80");
  EXPECT_EQ(code.cubins[1].arch, "sm_90");
  // The rank reads the PTX and both cubins (their checksums are verified
  // with the rank's).
  const std::vector<uint32_t> &used = info.ranks[0].segmentsUsed;
  for (uint32_t segment :
       {code.segment, code.cubins[0].segment, code.cubins[1].segment})
    EXPECT_NE(std::find(used.begin(), used.end(), segment), used.end())
        << segment;
}

TEST(CudaArtifactTest, AcceptsTheLimitsThemselves) {
  ArtifactBuilder builder = makeCudaModel();
  launch0(builder).grid = std::vector<uint32_t>{0x7fffffffu, 65535, 65535};
  launch0(builder).block = std::vector<uint32_t>{1024, 1, 1};
  launch0(builder).sharedMemory = 227 * 1024;
  builder.executables[0].kernels[0].launches.push_back(
      LaunchSpec{"b", std::vector<uint32_t>{1, 1, 1},
                 std::vector<uint32_t>{1, 16, 64}, 0});
  builder.executables[0].kernels[0].launches.push_back(
      LaunchSpec{"$ptx_name_2", std::vector<uint32_t>{1, 1, 1},
                 std::vector<uint32_t>{1, 1024, 1}, 0});
  auto artifact = load(builder);
  EXPECT_TRUE(artifact.isOk()) << artifact.status().toString();
}

TEST(CudaArtifactTest, LaunchSizes) {
  EXPECT_THAT(broken([](ArtifactBuilder &b) {
                launch0(b).grid = std::vector<uint32_t>{1, 1};
              }),
              HasSubstr("executable 0 kernel 0 ('scale2') launch 0 ('scale2'): "
                        "grid has 2 sizes; it must have three (x, y, z)"));
  EXPECT_THAT(broken([](ArtifactBuilder &b) { launch0(b).block.reset(); }),
              HasSubstr("launch 0 ('scale2'): block has 0 sizes; it must "
                        "have three"));
  EXPECT_THAT(broken([](ArtifactBuilder &b) {
                launch0(b).grid = std::vector<uint32_t>{1, 0, 1};
              }),
              HasSubstr("grid [1, 0] has a zero size; every size must be "
                        "positive"));
  EXPECT_THAT(broken([](ArtifactBuilder &b) {
                launch0(b).block = std::vector<uint32_t>{1, 1, 0};
              }),
              HasSubstr("block [1, 1, 0] has a zero size"));
  EXPECT_THAT(broken([](ArtifactBuilder &b) {
                launch0(b).grid = std::vector<uint32_t>{0x80000000u, 1, 1};
              }),
              HasSubstr("grid [2147483648, 1, 1] exceeds CUDA's limits (x "
                        "below 2^31, y and z at most 65535)"));
  EXPECT_THAT(broken([](ArtifactBuilder &b) {
                launch0(b).grid = std::vector<uint32_t>{1, 1, 65536};
              }),
              HasSubstr("grid [1, 1, 65536] exceeds CUDA's limits"));
  EXPECT_THAT(broken([](ArtifactBuilder &b) {
                launch0(b).block = std::vector<uint32_t>{1025, 1, 1};
              }),
              HasSubstr("block [1025, 1, 1] exceeds CUDA's limits (x and y "
                        "at most 1024, z at most 64)"));
  EXPECT_THAT(broken([](ArtifactBuilder &b) {
                launch0(b).block = std::vector<uint32_t>{1, 1, 65};
              }),
              HasSubstr("block [1, 1, 65] exceeds CUDA's limits"));
  EXPECT_THAT(broken([](ArtifactBuilder &b) {
                launch0(b).block = std::vector<uint32_t>{32, 32, 2};
              }),
              HasSubstr("block [32, 32, 2] has 2048 threads; a block has at "
                        "most 1024"));
  EXPECT_THAT(broken([](ArtifactBuilder &b) {
                launch0(b).sharedMemory = 227 * 1024 + 1;
              }),
              HasSubstr("232449 bytes of dynamic shared memory; no GPU gives "
                        "a block more than 232448 (227 KiB)"));
}

TEST(CudaArtifactTest, LaunchFunctionNames) {
  EXPECT_THAT(broken([](ArtifactBuilder &b) { launch0(b).function = ""; }),
              HasSubstr("launch 0: function '' is not a PTX entry name"));
  EXPECT_THAT(
      broken([](ArtifactBuilder &b) { launch0(b).function = "9lives"; }),
      HasSubstr("function '9lives' is not a PTX entry name"));
  EXPECT_THAT(
      broken([](ArtifactBuilder &b) { launch0(b).function = "a kernel"; }),
      HasSubstr("function 'a kernel' is not a PTX entry name"));
}

TEST(CudaArtifactTest, CudaKernelsHaveLaunchesCpuKernelsNone) {
  EXPECT_THAT(broken([](ArtifactBuilder &b) {
                b.executables[0].kernels[0].launches.clear();
              }),
              HasSubstr("executable 0 kernel 0 ('scale2') has no launches: a "
                        "CudaPtx kernel is the GPU launches that make it up"));
  EXPECT_THAT(broken([](ArtifactBuilder &b) {
                b.executables[0].format = 2; // CudaCubin
                b.executables[0].cubins.clear();
                b.executables[0].kernels[0].launches.clear();
              }),
              HasSubstr("has no launches: a CudaCubin kernel"));
  EXPECT_THAT(broken([](ArtifactBuilder &b) {
                b.executables[0].format = 0; // CpuSharedObject
                b.executables[0].cubins.clear();
                b.executables[0].target = "x86_64";
              }),
              HasSubstr("executable 0 kernel 0 ('scale2') has 1 GPU launch, "
                        "but a CpuSharedObject kernel is a function called on "
                        "the host and has none"));
}

TEST(CudaArtifactTest, Targets) {
  for (const char *bad : {"", "x86_64", "sm_", "sm_9", "sm_1000", "sm_09",
                          "sm_90b", "compute_90", "SM_90"}) {
    std::string message = broken([&](ArtifactBuilder &b) {
      b.executables[0].target = bad;
    });
    EXPECT_THAT(message, HasSubstr("executable 0 (CudaPtx): target '" +
                                   std::string(bad) +
                                   "' is not a CUDA architecture such as "
                                   "sm_80"))
        << bad;
  }
  for (const char *good : {"sm_75", "sm_90a", "sm_100", "sm_100f", "sm_121"}) {
    ArtifactBuilder builder = makeCudaModel();
    builder.executables[0].target = good;
    auto artifact = load(builder);
    EXPECT_TRUE(artifact.isOk()) << good << ": " << artifact.status().toString();
  }
}

TEST(CudaArtifactTest, Cubins) {
  EXPECT_THAT(broken([](ArtifactBuilder &b) {
                b.executables[0].cubins[1].segment = 42;
              }),
              HasSubstr("executable 0 cubin 1 (sm_90): segment 42 does not "
                        "exist (the artifact has 5 segments)"));
  EXPECT_THAT(broken([](ArtifactBuilder &b) {
                b.executables[0].cubins[0].arch = "sm80";
              }),
              HasSubstr("executable 0 cubin 0: arch 'sm80' is not a CUDA "
                        "architecture such as sm_90"));
  EXPECT_THAT(broken([](ArtifactBuilder &b) {
                b.executables[0].cubins[1].arch = "sm_80";
              }),
              HasSubstr("executable 0 cubin 1: arch 'sm_80' has another cubin "
                        "in the same executable"));
  EXPECT_THAT(broken([](ArtifactBuilder &b) {
                b.executables[0].format = 2; // CudaCubin
              }),
              HasSubstr("executable 0 (CudaCubin) lists 2 cubins; only a "
                        "CudaPtx executable has cubins"));
}

TEST(CudaArtifactTest, ParseCudaArch) {
  CudaArch arch;
  ASSERT_TRUE(parseCudaArch("sm_86", arch));
  EXPECT_EQ(arch.major, 8);
  EXPECT_EQ(arch.minor, 6);
  EXPECT_EQ(arch.suffix, 0);
  ASSERT_TRUE(parseCudaArch("sm_90a", arch));
  EXPECT_EQ(arch.major, 9);
  EXPECT_EQ(arch.minor, 0);
  EXPECT_EQ(arch.suffix, 'a');
  ASSERT_TRUE(parseCudaArch("sm_120f", arch));
  EXPECT_EQ(arch.major, 12);
  EXPECT_EQ(arch.minor, 0);
  EXPECT_EQ(arch.suffix, 'f');
  EXPECT_FALSE(parseCudaArch("sm_8", arch));
  EXPECT_FALSE(parseCudaArch("sm_8x", arch));
  EXPECT_FALSE(parseCudaArch("sm_90af", arch));
}

TEST(CudaArtifactTest, InspectShowsArchitecturesAndLaunches) {
  ArtifactBuilder builder = makeCudaModel();
  launch0(builder).grid = std::vector<uint32_t>{4, 1, 1};
  launch0(builder).sharedMemory = 1024;
  auto artifact = load(builder);
  ASSERT_TRUE(artifact.isOk()) << artifact.status().toString();
  std::string text = describeArtifact(**artifact);
  EXPECT_THAT(text, HasSubstr("0: CudaPtx sm_80, segment 2"));
  EXPECT_THAT(text, HasSubstr("cubins sm_80 (segment 3, "));
  EXPECT_THAT(text, HasSubstr("sm_90 (segment 4, "));
  EXPECT_THAT(text, HasSubstr("    scale2(2): 1 launch: scale2 grid [4,1,1] "
                              "block [6,1,1] shared 1024 B"));
  std::string json = describeArtifactJson(**artifact);
  EXPECT_THAT(json, HasSubstr("\"cubins\": [{\"arch\": \"sm_80\", "
                              "\"segment\": 3, \"bytes\": "));
  EXPECT_THAT(json, HasSubstr("\"launches\": [{\"function\": \"scale2\", "
                              "\"grid\": [4, 1, 1], \"block\": [6, 1, 1], "
                              "\"shared_memory\": 1024}]"));
}

} // namespace
