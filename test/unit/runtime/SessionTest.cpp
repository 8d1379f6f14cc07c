//===- SessionTest.cpp - Running artifacts end to end ---------------------===//
//
// Part of Tessera. Hand-built artifacts with generated-code Dispatches (a
// real shared object, built from test_kernels.c and embedded as a segment),
// library calls and copies, run through the Session API; input checking,
// the device and mesh refusals, and traces.
//
//===----------------------------------------------------------------------===//

#include "ArtifactBuilder.h"
#include "TestUtil.h"

#include "runtime/api/ChromeTrace.h"
#include "runtime/api/Session.h"
#include "runtime/base/Hash.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <unistd.h>

using namespace tessera::runtime;
using namespace tessera::test;
using ::testing::HasSubstr;

namespace {

std::vector<uint8_t> kernelObject() {
  std::ifstream file(TESSERA_TEST_KERNELS_PATH, std::ios::binary);
  EXPECT_TRUE(file.good()) << TESSERA_TEST_KERNELS_PATH;
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(file), {});
}

StatusOr<std::unique_ptr<Session>> sessionFor(const ArtifactBuilder &builder,
                                              SessionOptions options = {}) {
  std::vector<uint8_t> bytes = builder.build();
  TESSERA_ASSIGN_OR_RETURN(auto artifact,
                           Artifact::fromBytes(bytes.data(), bytes.size()));
  return Session::create(std::move(artifact), options);
}

/// x, y: f32[2,3] inputs; W: f32[3,4] constant.
///   t = add6(x, y)              (Dispatch, arena)
///   z = relu(t @ W)             (MatMulCall, output 0, f32[2,4])
///   u = scale8(z)               (Dispatch, output 1, f32[8])
///   dispatch count()            (no arguments)
ArtifactBuilder endToEndModel() {
  ArtifactBuilder b;
  uint32_t x = b.addInput("x", TypeSpec(DType::F32, {2, 3}));
  uint32_t y = b.addInput("y", TypeSpec(DType::F32, {2, 3}));
  uint32_t z = b.addOutput("z", TypeSpec(DType::F32, {2, 4}));
  uint32_t u = b.addOutput("u", TypeSpec(DType::F32, {8}));
  std::vector<float> w(12);
  for (int i = 0; i < 12; ++i)
    w[i] = float(i % 4) - 1.f; // rows [-1, 0, 1, 2]
  uint32_t wSeg = b.addFloatSegment(w);
  uint32_t code = b.addSegment(kernelObject());
  ExecutableSpec executable;
  executable.segment = code;
  executable.kernels = {{"tessera_test_add6", 3},
                        {"tessera_test_scale8", 2},
                        {"tessera_test_count", 0}};
  b.addExecutable(executable);

  RankSpec &r = b.rank(0);
  r.arenaSize = 64;
  uint32_t xb = r.addBuffer(Buf::input(x, TypeSpec(DType::F32, {2, 3})));
  uint32_t yb = r.addBuffer(Buf::input(y, TypeSpec(DType::F32, {2, 3})));
  uint32_t wb = r.addBuffer(Buf::constant(wSeg, 0, TypeSpec(DType::F32, {3, 4})));
  uint32_t tb = r.addBuffer(Buf::arena(0, TypeSpec(DType::F32, {2, 3})));
  uint32_t zb = r.addBuffer(Buf::output(z, TypeSpec(DType::F32, {2, 4})));
  uint32_t zflat = r.addBuffer(Buf::output(z, TypeSpec(DType::F32, {2, 4})));
  uint32_t ub = r.addBuffer(Buf::output(u, TypeSpec(DType::F32, {8})));
  r.add(DispatchSpec{0, 0, {xb, yb, tb}});
  MatMulSpec mm;
  mm.lhs = tb;
  mm.rhs = wb;
  mm.result = zb;
  mm.activation = 1;
  r.add(mm);
  r.add(DispatchSpec{0, 1, {zflat, ub}});
  r.add(DispatchSpec{0, 2, {}});
  return b;
}

TEST(SessionTest, RunsGeneratedKernelsAndLibraryCalls) {
  auto session = sessionFor(endToEndModel());
  ASSERT_TRUE(session.isOk()) << session.status().toString();
  EXPECT_EQ((*session)->inputs().size(), 2u);
  EXPECT_EQ((*session)->outputs()[1].type.toString(), "f32[8]");
  EXPECT_EQ((*session)->inputIndex("y"), 1u);
  EXPECT_EQ((*session)->outputIndex("nope"), std::nullopt);
  EXPECT_EQ(
      (*session)->commandLabels(),
      (std::vector<std::string>{"tessera_test_add6", cpuCallLabel("matmul"),
                                "tessera_test_scale8", "tessera_test_count"}));

  HostTensor x = HostTensor::fromVector<float>({2, 3}, {1, 2, 3, 4, 5, 6});
  HostTensor y = HostTensor::fromVector<float>({2, 3}, {0, 0, 0, 1, 1, 1});
  auto outputs = (*session)->run({x, y});
  ASSERT_TRUE(outputs.isOk()) << outputs.status().toString();
  ASSERT_EQ(outputs->size(), 2u);
  // t = [[1,2,3],[5,6,7]]; t @ W: each column j sums t's row times
  // (j - 1): [[-6,0,6,12],[-18,0,18,36]], relu.
  HostTensor expectedZ =
      HostTensor::fromVector<float>({2, 4}, {0, 0, 6, 12, 0, 0, 18, 36});
  EXPECT_TRUE(allClose((*outputs)[0], expectedZ, 0, 0));
  HostTensor expectedU =
      HostTensor::fromVector<float>({8}, {0, 0, 12, 24, 0, 0, 36, 72});
  EXPECT_TRUE(allClose((*outputs)[1], expectedU, 0, 0));

  // Reusing output tensors.
  std::vector<HostTensor> reused;
  ASSERT_TRUE((*session)->run({x, y}, reused).isOk());
  const void *address = reused[0].data();
  ASSERT_TRUE((*session)->run({y, x}, reused).isOk());
  EXPECT_EQ(reused[0].data(), address);
  EXPECT_TRUE(allClose(reused[0], expectedZ, 0, 0));
}

TEST(SessionTest, ChecksInputs) {
  auto session = sessionFor(endToEndModel());
  ASSERT_TRUE(session.isOk());
  HostTensor x = HostTensor::fromVector<float>({2, 3}, {1, 2, 3, 4, 5, 6});
  auto run = (*session)->run({x});
  ASSERT_FALSE(run.isOk());
  EXPECT_EQ(run.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(run.status().message(), "the model takes 2 inputs, 1 were given");
  run = (*session)->run({x, HostTensor::fromVector<double>({2, 3}, {1, 2, 3, 4, 5, 6})});
  ASSERT_FALSE(run.isOk());
  EXPECT_EQ(run.status().message(),
            "input 1 ('y'): expected f32[2,3], got f64[2,3]");
  run = (*session)->run({HostTensor::fromVector<float>({3, 2}, {1, 2, 3, 4, 5, 6}), x});
  EXPECT_EQ(run.status().message(),
            "input 0 ('x'): expected f32[2,3], got f32[3,2]");
}

TEST(SessionTest, Bfloat16InputsAcceptRawWords) {
  ArtifactBuilder b;
  uint32_t x = b.addInput("x", TypeSpec(DType::BF16, {4}));
  uint32_t y = b.addOutput("y", TypeSpec(DType::BF16, {4}));
  RankSpec &r = b.rank(0);
  uint32_t xb = r.addBuffer(Buf::input(x, TypeSpec(DType::BF16, {4})));
  uint32_t yb = r.addBuffer(Buf::output(y, TypeSpec(DType::BF16, {4})));
  r.add(CopySpec{xb, yb});
  auto session = sessionFor(b);
  ASSERT_TRUE(session.isOk());
  HostTensor words = HostTensor::fromVector<uint16_t>({4}, {0x3f80, 0xc000, 0, 1});
  auto outputs = (*session)->run({words});
  ASSERT_TRUE(outputs.isOk()) << outputs.status().toString();
  EXPECT_EQ((*outputs)[0].dtype(), DType::BF16);
  EXPECT_EQ((*outputs)[0].toVector<uint16_t>(), words.toVector<uint16_t>());
  words.reinterpretAs(DType::BF16);
  EXPECT_TRUE((*session)->run({words}).isOk());
  EXPECT_FALSE(
      (*session)->run({HostTensor::fromVector<int16_t>({4}, {1, 2, 3, 4})}).isOk());
}

TEST(SessionTest, RefusesWhatItCannotRun) {
  SessionOptions cuda;
  cuda.device = "cuda";
  auto session = sessionFor(makeSmallModel(), cuda);
  ASSERT_FALSE(session.isOk());
  // Without a GPU (or a cuda device in the build): kUnavailable; with one,
  // the model's Pool2dCall is refused (the cuda target emits kernels).
  std::string message = session.status().message();
  EXPECT_TRUE(message.rfind("the cuda device needs an NVIDIA GPU: ", 0) == 0 ||
              message.find("Pool2dCall does not run on the cuda device") !=
                  std::string::npos)
      << message;
  EXPECT_EQ(session.status().exitCode(), 3);

  SessionOptions two;
  two.devices = 2;
  session = sessionFor(makeSmallModel(), two);
  ASSERT_FALSE(session.isOk());
  EXPECT_EQ(session.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(session.status().exitCode(), 3);
  EXPECT_THAT(session.status().message(),
              HasSubstr("2 devices were asked for, but the artifact's mesh is "
                        "1 device (1 device)"));
}

TEST(SessionTest, RunsATwoRankMeshWithoutCollectives) {
  ArtifactBuilder mesh = makeSmallModel();
  mesh.mesh = {{"dp", 2}};
  mesh.ranks.push_back(mesh.ranks[0]);
  mesh.ranks[1].rank = 1;
  mesh.ranks[1].buffers[4] = Buf::arena(64, TypeSpec(DType::F32, {2, 3}));
  mesh.ranks[1].buffers[6] = Buf::arena(96, TypeSpec(DType::F32, {1, 1, 1, 3}));
  auto session = sessionFor(mesh);
  ASSERT_TRUE(session.isOk()) << session.status().toString();
  EXPECT_EQ((*session)->numRanks(), 2u);
  EXPECT_EQ((*session)->localRanks(), (std::vector<uint32_t>{0, 1}));
  EXPECT_THAT((*session)->deviceDescription(),
              HasSubstr("cpu:0-1 (2 ranks in this process"));
  auto single = sessionFor(makeSmallModel());
  ASSERT_TRUE(single.isOk());
  HostTensor x = HostTensor::fromVector<float>({2, 4}, {1, -2, 3, -4, 5, -6, 7, -8});
  auto outputs = (*session)->run({x});
  auto expected = (*single)->run({x});
  ASSERT_TRUE(outputs.isOk()) << outputs.status().toString();
  ASSERT_TRUE(expected.isOk());
  ASSERT_EQ(outputs->size(), 2u);
  EXPECT_EQ((*outputs)[0].toVector<float>(), (*expected)[0].toVector<float>());
  EXPECT_EQ((*outputs)[1].toVector<float>(), (*expected)[1].toVector<float>());
  EXPECT_EQ((*session)->commandLabels(1),
            (std::vector<std::string>{cpuCallLabel("matmul"), "copy",
                                      cpuCallLabel("maxpool2d")}));
}

TEST(SessionTest, BadExecutablesFailWhenPrepared) {
  {
    ArtifactBuilder b = endToEndModel();
    b.segments[1] = std::vector<uint8_t>(100, 0x90);
    auto session = sessionFor(b);
    ASSERT_FALSE(session.isOk());
    EXPECT_EQ(session.status().code(), StatusCode::kInvalidArtifact);
    EXPECT_THAT(session.status().message(),
                HasSubstr("rank 0 on cpu:0: command 0 (Dispatch): executable 0 "
                          "is not an x86-64 ELF shared object: no ELF magic"));
  }
  {
    ArtifactBuilder b = endToEndModel();
    b.executables[0].kernels[1].name = "missing_kernel";
    auto session = sessionFor(b);
    ASSERT_FALSE(session.isOk());
    EXPECT_EQ(session.status().code(), StatusCode::kInvalidArtifact);
    EXPECT_THAT(session.status().message(),
                HasSubstr("command 2 (Dispatch): executable 0 does not export "
                          "kernel 'missing_kernel'"));
  }
  {
    // A libc function is visible through the object's dependencies, but
    // the object does not define it.
    ArtifactBuilder b = endToEndModel();
    b.executables[0].kernels[2].name = "abort";
    auto session = sessionFor(b);
    ASSERT_FALSE(session.isOk());
    EXPECT_THAT(session.status().message(),
                HasSubstr("does not define kernel 'abort' itself"));
  }
  {
    ArtifactBuilder b = endToEndModel();
    b.executables[0].format = 1; // CudaPtx
    b.executables[0].target = "sm_80";
    for (KernelSpec &kernel : b.executables[0].kernels)
      kernel.launches = {LaunchSpec{kernel.name}};
    auto session = sessionFor(b);
    ASSERT_FALSE(session.isOk());
    EXPECT_EQ(session.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_THAT(session.status().message(),
                HasSubstr("executable 0 is CudaPtx code (target 'sm_80'); "
                          "cpu:0 runs only CpuSharedObject executables"));
  }
}

TEST(SessionTest, ChecksTheCpuLevelOfTheCode) {
  // This machine runs the test suite, so it has at least x86-64-v2; the
  // check passes for it (and would name the missing features elsewhere).
  ArtifactBuilder b = endToEndModel();
  b.executables[0].target = "x86-64-v2";
  auto session = sessionFor(b);
  ASSERT_TRUE(session.isOk()) << session.status().toString();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
      __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx512dq") &&
      __builtin_cpu_supports("avx512vl"))
    return;
  b.executables[0].target = "x86-64-v4";
  session = sessionFor(b);
  ASSERT_FALSE(session.isOk());
  EXPECT_EQ(session.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(session.status().message(),
              HasSubstr("executable 0 was compiled for x86-64-v4, and this "
                        "CPU lacks avx512"));
}

TEST(SessionTest, TwoSessionsLoadTheSameCodeIndependently) {
  auto first = sessionFor(endToEndModel());
  auto second = sessionFor(endToEndModel());
  ASSERT_TRUE(first.isOk() && second.isOk());
  HostTensor x = HostTensor::fromVector<float>({2, 3}, {1, 1, 1, 1, 1, 1});
  EXPECT_TRUE((*first)->run({x, x}).isOk());
  first->reset();
  EXPECT_TRUE((*second)->run({x, x}).isOk());
}

TEST(SessionTest, TracesEveryCommand) {
  auto session = sessionFor(endToEndModel());
  ASSERT_TRUE(session.isOk());
  ChromeTrace trace;
  (*session)->setTraceSink(&trace);
  HostTensor x = HostTensor::fromVector<float>({2, 3}, {1, 2, 3, 4, 5, 6});
  ASSERT_TRUE((*session)->run({x, x}).isOk());
  ASSERT_TRUE((*session)->run({x, x}).isOk());
  (*session)->setTraceSink(nullptr);
  ASSERT_TRUE((*session)->run({x, x}).isOk());
  EXPECT_EQ(trace.commandEvents(), 8u);
  std::string json = trace.json();
  EXPECT_THAT(json, HasSubstr("\"traceEvents\""));
  EXPECT_THAT(json, HasSubstr("\"name\": \"thread_name\", \"ph\": \"M\", "
                              "\"pid\": 0, \"tid\": 0, \"args\": {\"name\": "
                              "\"cpu:0 (rank 0)\"}"));
  EXPECT_THAT(json, HasSubstr("{\"name\": \"tessera_test_add6\", \"cat\": "
                              "\"Dispatch\", \"ph\": \"X\""));
  EXPECT_THAT(json, HasSubstr("{\"name\": \"" + cpuCallLabel("matmul") +
                              "\", \"cat\": \"MatMulCall\""));
  EXPECT_THAT(json, HasSubstr("\"args\": {\"command\": 3, \"run\": 1}"));
  EXPECT_THAT(json, HasSubstr("{\"name\": \"run 1\", \"cat\": \"Run\""));
  TempDir dir;
  ASSERT_TRUE(trace.write(dir.file("t.json")).isOk());
  EXPECT_FALSE(trace.write("/nonexistent/t.json").isOk());
}

TEST(SessionTest, RunsAConstantPast2GiB) {
  ArtifactBuilder builder;
  uint32_t y = builder.addOutput("y", TypeSpec(DType::F32, {2}));
  RankSpec &rank = builder.rank(0);
  uint32_t w = rank.addBuffer(Buf::constant(0, 0, TypeSpec(DType::F32, {2})));
  uint32_t out = rank.addBuffer(Buf::output(y, TypeSpec(DType::F32, {2})));
  rank.add(CopySpec{w, out});
  std::vector<float> values = {1.25f, -8.f};
  const uint64_t offset = (uint64_t(5) << 29) + 64; // 2.5 GiB
  builder.segments.push_back({});
  std::vector<uint8_t> flatbuffer =
      builder.buildFlatBuffer({{offset, 8, xxh64(values.data(), 8)}});
  TempDir dir;
  std::string path = dir.file("big.tsr");
  int fd = open(path.c_str(), O_WRONLY | O_CREAT, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, flatbuffer.data(), flatbuffer.size()),
            ssize_t(flatbuffer.size()));
  ASSERT_EQ(ftruncate(fd, off_t(offset + 8)), 0);
  ASSERT_EQ(pwrite(fd, values.data(), 8, off_t(offset)), 8);
  close(fd);
  auto session = Session::open(path);
  ASSERT_TRUE(session.isOk()) << session.status().toString();
  auto outputs = (*session)->run({});
  ASSERT_TRUE(outputs.isOk());
  EXPECT_EQ((*outputs)[0].toVector<float>(), values);
}

} // namespace
