//===- CudaDeviceTest.cpp - The cuda device, with and without a GPU -------===//
//
// Part of Tessera. Without a GPU (the usual test machine: the CUDA toolkit
// with its driver stub, no driver): every way in reports "the cuda device
// needs an NVIDIA GPU: <why>" as kUnavailable (exit code 3) and nothing
// crashes or hangs; the libraries' presence is reported. With a GPU, the
// hand-built CUDA model (a real PTX kernel, JIT-compiled or as a cubin made
// by ptxas), matmuls of every batching and epilogue against the reference
// loops, copies, collectives in one process, traces and the refusals run
// for real; those tests skip with the reason where there is no GPU.
//
//===----------------------------------------------------------------------===//

#include "ArtifactBuilder.h"
#include "TestUtil.h"

#include "runtime/api/ChromeTrace.h"
#include "runtime/api/Session.h"
#include "runtime/devices/cpu/ReferenceCalls.h"
#include "runtime/devices/cuda/CudaDevice.h"
#include "runtime/devices/cuda/CudaLibraries.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <unistd.h>

using namespace tessera::runtime;
using namespace tessera::test;
using ::testing::HasSubstr;
using ::testing::StartsWith;

namespace {

const char *kNeedsGpu = "the cuda device needs an NVIDIA GPU: ";

StatusOr<std::unique_ptr<Session>> cudaSession(const ArtifactBuilder &builder,
                                               SessionOptions options = {}) {
  options.device = "cuda";
  std::vector<uint8_t> bytes = builder.build();
  TESSERA_ASSIGN_OR_RETURN(auto artifact,
                           Artifact::fromBytes(bytes.data(), bytes.size()));
  return Session::create(std::move(artifact), options);
}

/// Why there is no GPU, or "" when there is one.
std::string noGpu() {
  StatusOr<int> count = cudaDeviceCount();
  return count.isOk() ? std::string() : count.status().message();
}

#define SKIP_WITHOUT_GPU()                                                    \
  do {                                                                        \
    std::string why = noGpu();                                                \
    if (!why.empty())                                                         \
      GTEST_SKIP() << "needs a GPU: " << why;                                 \
  } while (false)

#define SKIP_WITH_GPU()                                                       \
  do {                                                                        \
    if (noGpu().empty())                                                      \
      GTEST_SKIP() << "this machine has a GPU: the device-less behaviour "    \
                      "is not observable";                                    \
  } while (false)

//===----------------------------------------------------------------------===//
// Without a GPU
//===----------------------------------------------------------------------===//

TEST(CudaDeviceTest, TheDriverIsLoadedWithDlopen) {
  // A missing library: the plain "no driver" answer.
  StatusOr<const CudaDriver *> missing =
      loadCudaDriver("/nonexistent/libcuda.so.1");
  ASSERT_FALSE(missing.isOk());
  EXPECT_EQ(missing.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(missing.status().message(),
              StartsWith(std::string(kNeedsGpu) +
                         "this machine has no NVIDIA driver ("));
  EXPECT_EQ(missing.status().exitCode(), 3);
}

TEST(CudaDeviceTest, TheToolkitStubIsNotADriver) {
  const char *stub = "/usr/local/cuda/lib64/stubs/libcuda.so";
  if (access(stub, R_OK) != 0)
    GTEST_SKIP() << "no CUDA toolkit stub at " << stub;
  StatusOr<const CudaDriver *> loaded = loadCudaDriver(stub);
  ASSERT_FALSE(loaded.isOk());
  EXPECT_EQ(loaded.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(loaded.status().message(),
              StartsWith(std::string(kNeedsGpu) +
                         "cuInit failed: CUDA_ERROR_STUB_LIBRARY"));
  EXPECT_THAT(loaded.status().message(),
              HasSubstr("is the CUDA toolkit's stub library, not a driver"));
}

TEST(CudaDeviceTest, NoGpuIsReportedEverywhere) {
  SKIP_WITH_GPU();
  StatusOr<int> count = cudaDeviceCount();
  ASSERT_FALSE(count.isOk());
  EXPECT_EQ(count.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(count.status().message(), StartsWith(kNeedsGpu));

  StatusOr<std::unique_ptr<CudaDevice>> device = CudaDevice::create();
  ASSERT_FALSE(device.isOk());
  EXPECT_THAT(device.status().message(), StartsWith(kNeedsGpu));

  // Sessions: one device, a mesh in one process, a CPU artifact.
  for (const ArtifactBuilder &builder :
       {makeCudaModel(), makeCollectiveModel(), makeSmallModel()}) {
    StatusOr<std::unique_ptr<Session>> session = cudaSession(builder);
    ASSERT_FALSE(session.isOk());
    EXPECT_EQ(session.status().code(), StatusCode::kUnavailable);
    EXPECT_THAT(session.status().message(), StartsWith(kNeedsGpu));
    EXPECT_EQ(session.status().exitCode(), 3);
  }
}

TEST(CudaDeviceTest, ReportsTheLibraries) {
  std::vector<std::string> report = cudaLibraryReport();
  ASSERT_EQ(report.size(), 3u);
  EXPECT_THAT(report[0], StartsWith("driver: "));
  EXPECT_THAT(report[1], StartsWith("cuBLASLt: "));
  EXPECT_THAT(report[2], StartsWith("NCCL: "));
  if (!noGpu().empty())
    EXPECT_THAT(report[0], HasSubstr("unavailable: " + std::string(kNeedsGpu)));
  // The CUDA 13 toolkit of the build machine has cuBLASLt; where it loads,
  // its version is CUDA 13's.
  StatusOr<const CublasLt *> lt = cublasLt();
  if (lt.isOk()) {
    EXPECT_THAT(report[1], HasSubstr((*lt)->path));
    EXPECT_GE((*lt)->version, 130000u);
  } else {
    EXPECT_THAT(report[1], HasSubstr("unavailable: cuBLASLt"));
  }
  std::vector<std::string> devices = describeDevices();
  ASSERT_GE(devices.size(), 2u);
  EXPECT_THAT(devices[0], StartsWith("cpu: "));
  EXPECT_THAT(devices[1], StartsWith("cuda "));
}

//===----------------------------------------------------------------------===//
// With a GPU
//===----------------------------------------------------------------------===//

/// makeCudaModel's outputs: y2 = 2 relu(x W + b), z = relu(x W + b).
std::vector<HostTensor> cudaModelReference(const HostTensor &x) {
  std::vector<float> w, bias = {0.5f, -1.f, 0.25f};
  for (int i = 0; i < 12; ++i)
    w.push_back(float(i % 5) - 2.f);
  StatusOr<MatMulGeometry> g = inferMatMul({2, 4}, {4, 3}, false, false);
  std::vector<float> y(6);
  referenceMatMul(*g, x.data<float>(), w.data(), bias.data(), nullptr,
                  Activation::Relu, y.data());
  std::vector<float> y2 = y;
  for (float &v : y2)
    v *= 2;
  return {HostTensor::fromVector<float>({2, 3}, y2),
          HostTensor::fromVector<float>({2, 3}, y)};
}

void runCudaModel(const ArtifactBuilder &builder) {
  auto session = cudaSession(builder);
  ASSERT_TRUE(session.isOk()) << session.status().toString();
  EXPECT_THAT((*session)->deviceDescription(), StartsWith("cuda:0 ("));
  HostTensor x = randomTensor({2, 4}, 3);
  std::vector<HostTensor> expected = cudaModelReference(x);
  for (int run = 0; run < 3; ++run) {
    auto outputs = (*session)->run({x});
    ASSERT_TRUE(outputs.isOk()) << outputs.status().toString();
    ASSERT_EQ(outputs->size(), 2u);
    EXPECT_TRUE(allClose((*outputs)[0], expected[0]));
    EXPECT_TRUE(allClose((*outputs)[1], expected[1]));
  }
}

TEST(CudaDeviceTest, RunsPtxThroughTheJit) {
  SKIP_WITHOUT_GPU();
  runCudaModel(makeCudaModel(/*fakeCubins=*/false));
}

TEST(CudaDeviceTest, RunsACubinForThisGpu) {
  SKIP_WITHOUT_GPU();
  // ptxas makes the cubin of this GPU's architecture.
  auto device = CudaDevice::create();
  ASSERT_TRUE(device.isOk());
  std::string description = (*device)->description();
  size_t at = description.find("sm_");
  ASSERT_NE(at, std::string::npos);
  std::string arch = description.substr(at, description.find(',', at) - at);
  const char *ptxas = "/usr/local/cuda/bin/ptxas";
  if (access(ptxas, X_OK) != 0)
    GTEST_SKIP() << "no " << ptxas << " to make a cubin with";
  TempDir dir;
  {
    std::ofstream ptx(dir.file("k.ptx"));
    ptx << kScale2Ptx;
  }
  std::string command = std::string(ptxas) + " -arch=" + arch + " " +
                        dir.file("k.ptx") + " -o " + dir.file("k.cubin");
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  std::ifstream file(dir.file("k.cubin"), std::ios::binary);
  std::vector<uint8_t> cubin((std::istreambuf_iterator<char>(file)), {});
  ArtifactBuilder builder = makeCudaModel(false);
  // A PTX no GPU can JIT (it claims a future architecture) proves the
  // cubin is what runs.
  builder.executables[0].target = "sm_99";
  builder.executables[0].cubins.push_back({arch, builder.addSegment(cubin)});
  runCudaModel(builder);
}

TEST(CudaDeviceTest, RefusesCodeItCannotRun) {
  SKIP_WITHOUT_GPU();
  ArtifactBuilder builder = makeCudaModel(false);
  builder.executables[0].target = "sm_99";
  auto session = cudaSession(builder);
  ASSERT_FALSE(session.isOk());
  EXPECT_EQ(session.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(session.status().message(),
              HasSubstr("executable 0: the GPU is sm_"));
  // A CPU artifact's Dispatch.
  ArtifactBuilder cpu = makeCudaModel(false);
  cpu.executables[0].format = 0;
  cpu.executables[0].target = "x86_64";
  cpu.executables[0].kernels[0].launches.clear();
  session = cudaSession(cpu);
  ASSERT_FALSE(session.isOk());
  EXPECT_THAT(session.status().message(),
              HasSubstr("is CpuSharedObject code"));
  // A kernel whose function is not in the code.
  ArtifactBuilder missing = makeCudaModel(false);
  missing.executables[0].kernels[0].launches[0].function = "nothere";
  session = cudaSession(missing);
  ASSERT_FALSE(session.isOk());
  EXPECT_THAT(session.status().message(),
              HasSubstr("kernel 'scale2' launch 0 ('nothere'): the code has "
                        "no such function"));
  // The wrong number of parameters (where the driver tells them).
  ArtifactBuilder extra = makeCudaModel(false);
  extra.executables[0].kernels[0].numArgs = 3;
  auto &dispatch = std::get<DispatchSpec>(extra.rank(0).commands[1]);
  dispatch.args.push_back(dispatch.args[0]);
  session = cudaSession(extra);
  if (!session.isOk())
    EXPECT_THAT(session.status().message(),
                HasSubstr("the function takes 2 parameters, and the kernel "
                          "passes 3 device pointers"));
}

TEST(CudaDeviceTest, RefusesConvolutionsAndPooling) {
  SKIP_WITHOUT_GPU();
  auto session = cudaSession(makeSmallModel()); // holds a Pool2dCall
  ASSERT_FALSE(session.isOk());
  EXPECT_EQ(session.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(session.status().message(),
              HasSubstr("Pool2dCall does not run on the cuda device"));
}

/// One MatMulCall: lhs, rhs, bias and residual inputs, the result an
/// output (or, with `inPlace`, the residual copied into the output first
/// and accumulated there).
struct MatMulCase {
  std::vector<int64_t> lhs, rhs;
  bool transposeLhs = false, transposeRhs = false;
  bool bias = false, residual = false, inPlace = false;
  Activation activation = Activation::None;
};

ArtifactBuilder matMulArtifact(const MatMulCase &c) {
  StatusOr<MatMulGeometry> g =
      inferMatMul(c.lhs, c.rhs, c.transposeLhs, c.transposeRhs);
  EXPECT_TRUE(g.isOk());
  std::vector<int64_t> resultShape = g->resultShape();
  ArtifactBuilder b;
  uint32_t lhs = b.addInput("lhs", TypeSpec(DType::F32, c.lhs));
  uint32_t rhs = b.addInput("rhs", TypeSpec(DType::F32, c.rhs));
  uint32_t bias = b.addInput("bias", TypeSpec(DType::F32, {g->n}));
  uint32_t residual = b.addInput("residual", TypeSpec(DType::F32, resultShape));
  uint32_t out = b.addOutput("out", TypeSpec(DType::F32, resultShape));
  RankSpec &r = b.rank(0);
  MatMulSpec mm;
  mm.lhs = r.addBuffer(Buf::input(lhs, TypeSpec(DType::F32, c.lhs)));
  mm.rhs = r.addBuffer(Buf::input(rhs, TypeSpec(DType::F32, c.rhs)));
  uint32_t biasBuffer = r.addBuffer(Buf::input(bias, TypeSpec(DType::F32, {g->n})));
  uint32_t residualBuffer =
      r.addBuffer(Buf::input(residual, TypeSpec(DType::F32, resultShape)));
  mm.result = r.addBuffer(Buf::output(out, TypeSpec(DType::F32, resultShape)));
  mm.transposeLhs = c.transposeLhs;
  mm.transposeRhs = c.transposeRhs;
  mm.activation = uint8_t(c.activation);
  if (c.bias)
    mm.bias = int32_t(biasBuffer);
  if (c.residual) {
    if (c.inPlace) {
      r.add(CopySpec{residualBuffer, mm.result});
      mm.residual = int32_t(mm.result);
    } else {
      mm.residual = int32_t(residualBuffer);
    }
  }
  r.add(mm);
  return b;
}

void checkCudaMatMul(const MatMulCase &c, bool tf32 = false) {
  StatusOr<MatMulGeometry> g =
      inferMatMul(c.lhs, c.rhs, c.transposeLhs, c.transposeRhs);
  ASSERT_TRUE(g.isOk());
  std::vector<int64_t> resultShape = g->resultShape();
  SessionOptions options;
  options.allowTf32 = tf32;
  auto session = cudaSession(matMulArtifact(c), options);
  ASSERT_TRUE(session.isOk()) << session.status().toString();
  std::vector<HostTensor> inputs = {
      randomTensor(c.lhs, 1), randomTensor(c.rhs, 2), randomTensor({g->n}, 3),
      randomTensor(resultShape, 4)};
  auto expected = HostTensor::allocate(DType::F32, resultShape);
  referenceMatMul(*g, inputs[0].data<float>(), inputs[1].data<float>(),
                  c.bias ? inputs[2].data<float>() : nullptr,
                  c.residual ? inputs[3].data<float>() : nullptr, c.activation,
                  expected->data<float>());
  auto outputs = (*session)->run(inputs);
  ASSERT_TRUE(outputs.isOk()) << outputs.status().toString();
  float tolerance = tf32 ? 2e-2f : 1e-4f;
  EXPECT_TRUE(allClose((*outputs)[0], *expected, tolerance, tolerance));
}

TEST(CudaDeviceTest, MatMulsThroughCublasLt) {
  SKIP_WITHOUT_GPU();
  std::vector<MatMulCase> cases = {
      {{3, 5}, {5, 4}},
      {{64, 128}, {128, 96}},
      {{5, 3}, {4, 5}, true, true},
      {{2, 7, 16}, {16, 9}},                     // folded into rows
      {{2, 16, 7}, {16, 9}, true},               // strided, rhs broadcast
      {{2, 3, 8, 16}, {2, 3, 8, 16}, false, true}, // attention scores
      {{8, 16}, {4, 16, 5}},                     // lhs broadcast
      {{2, 1, 4, 8}, {1, 3, 8, 5}},              // a loop of calls
      {{4, 1, 2, 3, 4}, {1, 5, 1, 4, 2}},
  };
  for (const MatMulCase &c : cases) {
    SCOPED_TRACE(shapeToString(c.lhs) + " x " + shapeToString(c.rhs));
    checkCudaMatMul(c);
  }
}

TEST(CudaDeviceTest, MatMulEpiloguesAndResiduals) {
  SKIP_WITHOUT_GPU();
  for (Activation activation :
       {Activation::None, Activation::Relu, Activation::GeluTanh})
    for (bool bias : {false, true})
      for (int residual = 0; residual < 3; ++residual) {
        MatMulCase c{{2, 6, 32}, {32, 24}};
        c.activation = activation;
        c.bias = bias;
        c.residual = residual > 0;
        c.inPlace = residual == 2;
        SCOPED_TRACE(std::string(activationName(activation)) +
                     (bias ? " bias" : "") +
                     (residual == 1   ? " residual"
                      : residual == 2 ? " residual in place"
                                      : ""));
        checkCudaMatMul(c);
        c.lhs = {2, 32, 6};
        c.transposeLhs = true; // a strided batch with the epilogue
        checkCudaMatMul(c);
      }
  // An activation cuBLASLt does not fuse is refused when preparing.
  MatMulCase silu{{4, 8}, {8, 4}};
  silu.activation = Activation::Silu;
  auto session = cudaSession(matMulArtifact(silu));
  ASSERT_FALSE(session.isOk());
  EXPECT_THAT(session.status().message(),
              HasSubstr("cuBLASLt has no Silu epilogue"));
}

TEST(CudaDeviceTest, Tf32MatMulsAreClose) {
  SKIP_WITHOUT_GPU();
  checkCudaMatMul({{128, 256}, {256, 64}}, /*tf32=*/true);
}

TEST(CudaDeviceTest, CollectivesInOneProcess) {
  SKIP_WITHOUT_GPU();
  // Four ranks on however many GPUs: NCCL when each has its own, else the
  // local communicator through host memory.
  auto session = cudaSession(makeCollectiveModel());
  ASSERT_TRUE(session.isOk()) << session.status().toString();
  std::string description = (*session)->deviceDescription();
  EXPECT_THAT(description, HasSubstr("4 ranks in this process"));
  EXPECT_THAT(description, HasSubstr("collectives"));
  HostTensor x = randomTensor({4, 8}, 9);
  auto [y, z] = collectiveModelReference(
      std::vector<float>(x.data<float>(), x.data<float>() + 32));
  for (int run = 0; run < 2; ++run) {
    auto outputs = (*session)->run({x});
    ASSERT_TRUE(outputs.isOk()) << outputs.status().toString();
    EXPECT_TRUE(allClose((*outputs)[0], HostTensor::fromVector<float>({16}, y)));
    EXPECT_TRUE(allClose((*outputs)[1], HostTensor::fromVector<float>({4}, z)));
  }
}

TEST(CudaDeviceTest, TracesTimeTheGpuWork) {
  SKIP_WITHOUT_GPU();
  auto session = cudaSession(makeCudaModel(false));
  ASSERT_TRUE(session.isOk()) << session.status().toString();
  ChromeTrace trace;
  (*session)->setTraceSink(&trace);
  auto outputs = (*session)->run({randomTensor({2, 4}, 1)});
  ASSERT_TRUE(outputs.isOk()) << outputs.status().toString();
  std::string json = trace.exportEvents();
  EXPECT_THAT(json, HasSubstr("\"matmul\""));
  EXPECT_THAT(json, HasSubstr("\"scale2\""));
  EXPECT_THAT(json, HasSubstr("\"copy\""));
  EXPECT_EQ((*session)->commandLabels(),
            (std::vector<std::string>{"matmul", "scale2", "copy"}));
}

} // namespace
