//===- ToolSupportTest.cpp - tessera-run's helpers, inspect, text ---------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "ArtifactBuilder.h"

#include "runtime/api/Inspect.h"
#include "runtime/api/ToolSupport.h"
#include "runtime/base/Strings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>

using namespace tessera::runtime;
using namespace tessera::test;
using ::testing::HasSubstr;

namespace {

TEST(ToolSupportTest, TensorArguments) {
  auto positional = parseTensorArgument("@x.npy", "--input");
  ASSERT_TRUE(positional.isOk());
  EXPECT_EQ(positional->name, "");
  EXPECT_EQ(positional->path, "x.npy");
  auto named = parseTensorArgument("input.1=@dir/a=b.npy", "--input");
  ASSERT_TRUE(named.isOk());
  EXPECT_EQ(named->name, "input.1");
  EXPECT_EQ(named->path, "dir/a=b.npy");
  auto bare = parseTensorArgument("x.npy", "--output");
  ASSERT_FALSE(bare.isOk());
  EXPECT_EQ(bare.status().message(),
            "--output=x.npy: expected --output=@FILE.npy or "
            "--output=NAME=@FILE.npy");
  EXPECT_FALSE(parseTensorArgument("@", "--input").isOk());
  EXPECT_FALSE(parseTensorArgument("=@x.npy", "--input").isOk());
}

TEST(ToolSupportTest, ComparesTensorsRelativeToTheirScale) {
  HostTensor expected = HostTensor::fromVector<float>({4}, {10, -20, 0.5f, 0});
  HostTensor actual = HostTensor::fromVector<float>({4}, {10, -20.01f, 0.5f, 0});
  auto c = compareTensors(actual, expected);
  ASSERT_TRUE(c.isOk()) << c.status().toString();
  EXPECT_NEAR(c->maxAbsError, 0.01, 1e-5);
  EXPECT_EQ(c->maxAbsExpected, 20);
  EXPECT_NEAR(c->normalizedError, 0.0005, 1e-6);
  EXPECT_EQ(c->worstIndex, 1);
  EXPECT_TRUE(c->matches(1e-3));
  EXPECT_FALSE(c->matches(1e-4));
  EXPECT_THAT(c->toString(), HasSubstr("at element 1"));

  // An all-zero reference: the absolute error.
  auto zeros = compareTensors(HostTensor::fromVector<float>({2}, {0, 1e-6f}),
                              HostTensor::fromVector<float>({2}, {0, 0}));
  ASSERT_TRUE(zeros.isOk());
  EXPECT_NEAR(zeros->normalizedError, 1e-6, 1e-9);

  // NaN must meet NaN, an infinity the same infinity.
  float nan = std::numeric_limits<float>::quiet_NaN();
  float inf = std::numeric_limits<float>::infinity();
  auto same = compareTensors(HostTensor::fromVector<float>({3}, {nan, inf, 1}),
                             HostTensor::fromVector<float>({3}, {nan, inf, 1}));
  ASSERT_TRUE(same.isOk());
  EXPECT_TRUE(same->matches(0));
  auto differ = compareTensors(HostTensor::fromVector<float>({3}, {nan, -inf, 1}),
                               HostTensor::fromVector<float>({3}, {1, inf, 1}));
  ASSERT_TRUE(differ.isOk());
  EXPECT_EQ(differ->nonFiniteMismatches, 2);
  EXPECT_FALSE(differ->matches(1e9));
  EXPECT_THAT(differ->toString(), HasSubstr("2 NaN or infinity mismatches"));

  // Integers: any difference is an error of at least 1 / max |expected|.
  auto ints = compareTensors(HostTensor::fromVector<int64_t>({2}, {3, 7}),
                             HostTensor::fromVector<int64_t>({2}, {3, 8}));
  ASSERT_TRUE(ints.isOk());
  EXPECT_EQ(ints->maxAbsError, 1);
  EXPECT_FALSE(ints->matches(1e-4));

  // Another shape or dtype is refused.
  auto shape = compareTensors(HostTensor::fromVector<float>({2}, {1, 2}),
                              HostTensor::fromVector<float>({1, 2}, {1, 2}));
  ASSERT_FALSE(shape.isOk());
  EXPECT_EQ(shape.status().message(), "expected f32[2], got f32[1,2]");
  EXPECT_FALSE(compareTensors(HostTensor::fromVector<float>({2}, {1, 2}),
                              HostTensor::fromVector<int32_t>({2}, {1, 2}))
                   .isOk());
}

TEST(ToolSupportTest, BenchmarkStatistics) {
  BenchmarkStats stats = computeStats({5, 1, 4, 2, 3, 10, 6, 7, 9, 8});
  EXPECT_EQ(stats.runs, 10u);
  EXPECT_EQ(stats.minMs, 1);
  EXPECT_EQ(stats.medianMs, 5.5);
  EXPECT_EQ(stats.p90Ms, 9);
  EXPECT_EQ(stats.maxMs, 10);
  EXPECT_EQ(stats.meanMs, 5.5);
  EXPECT_EQ(computeStats({2.5}).p90Ms, 2.5);
  EXPECT_EQ(computeStats({1, 2, 3}).medianMs, 2);
  EXPECT_EQ(benchmarkJson(computeStats({1, 2, 3})),
            "{\"runs\": 3, \"min_ms\": 1.0000, \"median_ms\": 2.0000, "
            "\"p90_ms\": 3.0000}");
}

TEST(ToolSupportTest, RandomTensorsAreSeededAndInRange) {
  for (int d = 0; d < kNumDTypes; ++d) {
    TensorType type(DType(d), {3, 5});
    auto a = randomTensor(type, 7), b = randomTensor(type, 7),
         c = randomTensor(type, 8);
    ASSERT_TRUE(a.isOk() && b.isOk() && c.isOk());
    EXPECT_EQ(a->type(), type);
    EXPECT_EQ(std::memcmp(a->data(), b->data(), a->byteSize()), 0);
    EXPECT_NE(std::memcmp(a->data(), c->data(), a->byteSize()), 0)
        << dtypeName(DType(d));
    for (int64_t i = 0; i < a->numElements(); ++i) {
      double v = elementAsDouble(*a, i);
      if (isFloatingPoint(DType(d)))
        EXPECT_TRUE(v >= -1 && v <= 1) << v;
      else
        EXPECT_TRUE(v >= 0 && v <= 9) << v;
    }
  }
}

TEST(ToolSupportTest, Summaries) {
  HostTensor t = HostTensor::fromVector<float>({2, 2}, {1, -2.5f, 3, 0});
  EXPECT_EQ(summarizeTensor(t),
            "f32[2,2]  min -2.5  max 3  mean 0.375\n  values: [1, -2.5, 3, 0]");
  HostTensor big = HostTensor::fromVector<int32_t>({10}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  EXPECT_THAT(summarizeTensor(big, 3),
              HasSubstr("values: [0, 1, 2, ... (10 values)]"));
  HostTensor nan = HostTensor::fromVector<float>({2}, {NAN, 1});
  EXPECT_THAT(summarizeTensor(nan), HasSubstr("nan 1"));
  auto empty = HostTensor::allocate(DType::F32, {0, 3});
  EXPECT_EQ(summarizeTensor(*empty), "f32[0,3]  (empty)");
}

TEST(ToolSupportTest, Strings) {
  EXPECT_EQ(jsonString("a\"b\\c\n\x01"), "\"a\\\"b\\\\c\\n\\u0001\"");
  EXPECT_EQ(formatBytes(1), "1 byte");
  EXPECT_EQ(formatBytes(1023), "1023 bytes");
  EXPECT_EQ(formatBytes(1536), "1.5 KiB");
  EXPECT_EQ(formatBytes(uint64_t(3) << 30), "3.0 GiB");
  EXPECT_EQ(formatNumber(0.1), "0.1");
  EXPECT_EQ(formatNumber(1e30), "1e+30");
}

TEST(InspectTest, DescribesEverything) {
  std::vector<uint8_t> bytes = makeSmallModel().build();
  auto artifact = Artifact::fromBytes(bytes.data(), bytes.size(), {}, "s.tsr");
  ASSERT_TRUE(artifact.isOk());
  std::string text = describeArtifact(**artifact);
  EXPECT_THAT(text, HasSubstr("artifact: s.tsr ("));
  EXPECT_THAT(text, HasSubstr("options: --target=cpu\n"));
  EXPECT_THAT(text, HasSubstr("inputs:\n  0 x: f32[2,4]\n"));
  EXPECT_THAT(text, HasSubstr("rank 0: arena 128 bytes, 7 buffers (Arena 2, "
                              "Constant 2, Input 1, Output 2), 3 commands "
                              "(MatMulCall 1, Pool2dCall 1, Copy 1)\n"));
  EXPECT_THAT(text, HasSubstr("executables: 0\n"));
  EXPECT_THAT(text, HasSubstr("segments: 2, 60 bytes\n  0: offset "));
  std::string json = describeArtifactJson(**artifact);
  EXPECT_THAT(json, HasSubstr("\"schema_version\": 3,"));
  EXPECT_THAT(json, HasSubstr("\"outputs\": [{\"name\": \"y\", \"dtype\": "
                              "\"f32\", \"shape\": [2, 3]}, {\"name\": \"z\""));
  EXPECT_THAT(json, HasSubstr("\"buffers_by_storage\": {\"Arena\": 2, "
                              "\"Constant\": 2, \"Input\": 1, \"Output\": 2}"));
  EXPECT_THAT(json, HasSubstr("\"executables\": [],"));
}

} // namespace
