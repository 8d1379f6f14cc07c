//===- ToolsTest.cpp - tessera-run and tessera-inspect, as users run them -===//
//
// Part of Tessera. Runs the built tools on artifacts written by
// write-test-artifacts and checks exit codes (0 ok, 1 bad usage or input,
// 2 invalid artifact, 3 runtime failure, 4 an output differs from its
// --expected-output), messages and outputs.
//
//===----------------------------------------------------------------------===//

#include "runtime/base/Npy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

using namespace tessera::runtime;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

struct Result {
  int exitCode = -1;
  std::string out, err;
};

/// A temporary directory holding the test artifacts, made once.
class Fixture : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    char templ[] = "/tmp/tessera-tools-XXXXXX";
    dir_ = mkdtemp(templ);
    std::string command = std::string(TESSERA_WRITE_TEST_ARTIFACTS) + " " +
                          dir_ + " " + TESSERA_TEST_KERNELS_PATH;
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
  static void TearDownTestSuite() {
    std::system(("rm -rf '" + dir_ + "'").c_str());
  }

  static std::string path(const std::string &name) { return dir_ + "/" + name; }

  static std::string slurp(const std::string &file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  /// Runs `tool args`, in the test directory.
  static Result run(const std::string &tool, const std::string &args) {
    std::string command = "cd '" + dir_ + "' && " + tool + " " + args +
                          " >'" + dir_ + "/stdout' 2>'" + dir_ + "/stderr'";
    int status = std::system(command.c_str());
    Result result;
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = slurp(dir_ + "/stdout");
    result.err = slurp(dir_ + "/stderr");
    return result;
  }
  static Result runTool(const std::string &args) {
    return run(TESSERA_RUN_PATH, args);
  }
  static Result inspect(const std::string &args) {
    return run(TESSERA_INSPECT_PATH, args);
  }

  static std::string dir_;
};
std::string Fixture::dir_;

using TesseraRunTest = Fixture;
using TesseraInspectTest = Fixture;

TEST_F(TesseraRunTest, PrintsOutputs) {
  Result r = runTool("small.tsr --input=@x.npy");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  // x = [[1,-2,3,-4],[5,-6,7,-8]], W[i][j] = (3i+j) % 5 - 2, b = [.5,-1,.25]
  EXPECT_THAT(r.out, HasSubstr("output 0 'y': f32[2,3]"));
  EXPECT_THAT(r.out, HasSubstr("output 1 'z': f32[1,1,1,3]"));
  EXPECT_THAT(r.out, HasSubstr("values: ["));
  EXPECT_THAT(r.out, HasSubstr("min "));
}

TEST_F(TesseraRunTest, WritesOutputsInOrderAndByName) {
  Result r = runTool("small.tsr --input=x=@x.npy --output=@y.npy --output=@z.npy");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out, "");
  auto y = readNpy(path("y.npy"));
  ASSERT_TRUE(y.isOk()) << y.status().toString();
  EXPECT_EQ(y->type().toString(), "f32[2,3]");
  auto z = readNpy(path("z.npy"));
  ASSERT_TRUE(z.isOk());
  // z is the max over the two rows of y.
  for (int j = 0; j < 3; ++j)
    EXPECT_EQ(z->data<float>()[j],
              std::max(y->data<float>()[j], y->data<float>()[3 + j]));

  r = runTool("small.tsr --input=@x.npy --output=z=@z2.npy");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("output 0 'y'"));
  EXPECT_THAT(r.out, Not(HasSubstr("output 1 'z'")));
  auto z2 = readNpy(path("z2.npy"));
  ASSERT_TRUE(z2.isOk());
  EXPECT_EQ(z2->toVector<float>(), z->toVector<float>());
}

TEST_F(TesseraRunTest, ComparesWithExpectedOutputs) {
  Result r = runTool("small.tsr --input=@x.npy --output=@y-ref.npy "
                     "--output=@z-ref.npy");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  r = runTool("small.tsr --input=@x.npy --expected-output=@y-ref.npy "
              "--expected-output=@z-ref.npy");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("output 0 'y' matches y-ref.npy: normalized "
                               "max error 0 (max abs error 0), tolerance 0.0001"));
  EXPECT_THAT(r.out, HasSubstr("output 1 'z' matches z-ref.npy"));

  // One element off by 1% of the tensor's largest magnitude.
  auto y = readNpy(path("y-ref.npy"));
  ASSERT_TRUE(y.isOk());
  float largest = 0;
  for (float v : y->toVector<float>())
    largest = std::max(largest, std::abs(v));
  y->data<float>()[4] += 0.01f * largest;
  ASSERT_TRUE(writeNpy(path("y-off.npy"), *y).isOk());
  r = runTool("small.tsr --input=@x.npy --expected-output=y=@y-off.npy");
  EXPECT_EQ(r.exitCode, 4);
  EXPECT_THAT(r.err, HasSubstr("tessera-run: output 0 'y' DIFFERS from "
                               "y-off.npy: normalized max error 0.01"));
  EXPECT_THAT(r.err, HasSubstr("at element 4"));
  r = runTool("small.tsr --input=@x.npy --expected-output=y=@y-off.npy "
              "--tolerance=0.02");
  EXPECT_EQ(r.exitCode, 0) << r.err;
  r = runTool("small.tsr --input=@x.npy --expected-output=y=@y-off.npy "
              "--benchmark=2");
  EXPECT_EQ(r.exitCode, 4);
  EXPECT_THAT(r.out, HasSubstr("\"runs\": 2"));

  // Bad expected files are refused before running.
  r = runTool("small.tsr --input=@x.npy --expected-output=@z-ref.npy");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_THAT(r.err, HasSubstr("expected output 0 'y' from z-ref.npy: "
                               "expected f32[2,3], got f32[1,1,1,3]"));
  r = runTool("small.tsr --input=@x.npy --expected-output=@missing.npy");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_THAT(r.err, HasSubstr("missing.npy"));
  r = runTool("small.tsr --input=@x.npy --expected-output=w=@y-ref.npy");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_THAT(r.err, HasSubstr("the model has no output 'w'"));
  r = runTool("small.tsr --input=@x.npy --expected-output=@y-ref.npy "
              "--tolerance=-1");
  EXPECT_EQ(r.exitCode, 1);
}

TEST_F(TesseraRunTest, RunsGeneratedKernelsAndCnns) {
  Result r = runTool("kernels.tsr --input=@a.npy --input=@a.npy --output=@sum.npy");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  auto sum = readNpy(path("sum.npy"));
  ASSERT_TRUE(sum.isOk());
  EXPECT_EQ(sum->toVector<float>(), (std::vector<float>{2, 4, 6, 8, 10, 12}));
  r = runTool("conv.tsr --random-inputs --seed=3");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("output 0 'logits': f32[1,10]"));
}

TEST_F(TesseraRunTest, Bfloat16InputsFromRawWords) {
  Result r = runTool("bf16.tsr --input=@bf16-words.npy --output=@bf16-out.npy");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  std::string bytes = slurp(path("bf16-out.npy"));
  EXPECT_THAT(bytes, HasSubstr("'descr': '<V2'"));
  r = runTool("bf16.tsr --input=@bf16-words.npy");
  ASSERT_EQ(r.exitCode, 0);
  EXPECT_THAT(r.out, HasSubstr("output 0 'y': bf16[3]"));
  EXPECT_THAT(r.out, HasSubstr("values: [1, -2, 3.14062]"));
}

TEST_F(TesseraRunTest, BenchmarkEndsWithJson) {
  Result r = runTool("conv.tsr --random-inputs --benchmark=5 --threads=1");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  std::string out = r.out;
  ASSERT_FALSE(out.empty());
  ASSERT_EQ(out.back(), '\n');
  std::string last = out.substr(out.rfind('\n', out.size() - 2) + 1);
  EXPECT_THAT(last, ::testing::MatchesRegex(
                        "\\{\"runs\": 5, \"min_ms\": [0-9.]+, \"median_ms\": "
                        "[0-9.]+, \"p90_ms\": [0-9.]+\\}\n"));
  EXPECT_THAT(out, HasSubstr("1 thread"));
}

TEST_F(TesseraRunTest, WritesATrace) {
  Result r = runTool("small.tsr --input=@x.npy --benchmark=2 --trace=trace.json");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  std::string trace = slurp(path("trace.json"));
  EXPECT_THAT(trace, HasSubstr("\"traceEvents\""));
  EXPECT_THAT(trace, HasSubstr("\"cpu:0 (rank 0)\""));
  // A build without oneDNN runs library calls through the reference loops,
  // whose slices say so.
  bool oneDnn =
      runTool("--list-devices").out.find("cpu: oneDNN") != std::string::npos;
  std::string reference = oneDnn ? "" : " (reference)";
  EXPECT_THAT(trace, HasSubstr("{\"name\": \"matmul" + reference +
                               "\", \"cat\": \"MatMulCall\""));
  EXPECT_THAT(trace, HasSubstr("{\"name\": \"maxpool2d" + reference +
                               "\", \"cat\": \"Pool2dCall\""));
  EXPECT_THAT(trace, HasSubstr("{\"name\": \"run 2\""));
}

TEST_F(TesseraRunTest, BadUsageExitsOne) {
  Result r = runTool("");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_THAT(r.err, HasSubstr("artifact is required"));
  r = runTool("small.tsr --bogus");
  EXPECT_EQ(r.exitCode, 1);
  r = runTool("small.tsr --input=x.npy");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_THAT(r.err, HasSubstr("--input=x.npy: expected --input=@FILE.npy or "
                               "--input=NAME=@FILE.npy"));
  r = runTool("small.tsr");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_THAT(r.err, HasSubstr("missing input 0 'x' (f32[2,4]): pass "
                               "--input=@FILE.npy in signature order, "
                               "--input=x=@FILE.npy, or --random-inputs"));
  r = runTool("small.tsr --input=w=@x.npy");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_THAT(r.err, HasSubstr("the model has no input 'w' (its inputs: x)"));
  r = runTool("small.tsr --input=@x.npy --input=@x.npy");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_THAT(r.err, HasSubstr("2 --input values given, but the model has 1 input"));
  r = runTool("small.tsr --input=@x.npy --device=tpu");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_THAT(r.err, HasSubstr("--device=tpu: expected cpu or cuda"));
  r = runTool("small.tsr --input=@x.npy --threads=0");
  EXPECT_EQ(r.exitCode, 1);
  r = runTool("small.tsr --input=@x.npy --devices=2");
  EXPECT_EQ(r.exitCode, 3);
  EXPECT_THAT(r.err, HasSubstr("2 devices were asked for, but the artifact's "
                               "mesh is 1 device"));
  r = runTool("small.tsr --input=@x.npy --collective-timeout=0");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_THAT(r.err, HasSubstr("--collective-timeout must be a positive number"));
  r = runTool("--help");
  EXPECT_EQ(r.exitCode, 0);
  EXPECT_THAT(r.out, HasSubstr("--benchmark"));
}

TEST_F(TesseraRunTest, BadInputsExitOneNamingTheInput) {
  Result r = runTool("small.tsr --input=@missing.npy");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_THAT(r.err, HasSubstr("input 0 'x': cannot open 'missing.npy'"));
  r = runTool("small.tsr --input=@garbage.npy");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_THAT(r.err, HasSubstr("input 0 'x': garbage.npy: not a valid .npy file"));
  r = runTool("small.tsr --input=@x-f64.npy");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_THAT(r.err, HasSubstr("input 0 'x' from x-f64.npy: expected f32[2,4], "
                               "got f64[2,4]"));
  r = runTool("small.tsr --input=@x-shape.npy");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_THAT(r.err, HasSubstr("expected f32[2,4], got f32[4,2]"));
  r = runTool("small.tsr --input=@x.npy --output=@/nonexistent/y.npy");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_THAT(r.err, HasSubstr("output 0 'y': cannot write '/nonexistent/y.npy'"));
  r = runTool("missing.tsr --input=@x.npy");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_THAT(r.err, HasSubstr("cannot open artifact 'missing.tsr'"));
}

TEST_F(TesseraRunTest, InvalidArtifactsExitTwo) {
  Result r = runTool("bad-checksum.tsr --input=@x.npy");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_THAT(r.err, HasSubstr("tessera-run: invalid artifact: bad-checksum.tsr: "
                               "segment 1 "));
  EXPECT_THAT(r.err, HasSubstr("checksum mismatch"));
  r = runTool("bad-checksum.tsr --input=@x.npy --no-verify-checksums");
  EXPECT_EQ(r.exitCode, 0) << r.err;
  r = runTool("bad-version.tsr --input=@x.npy");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_THAT(r.err, HasSubstr("schema version 99 is not supported"));
  r = runTool("bad-index.tsr --input=@x.npy");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_THAT(r.err, HasSubstr("rank 0 command 3 (Copy): source is buffer 99, "
                               "but the rank has 7 buffers"));
  r = runTool("x.npy");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_THAT(r.err, HasSubstr("not a Tessera artifact"));
}

TEST_F(TesseraRunTest, RuntimeFailuresExitThree) {
  Result r = runTool("small.tsr --input=@x.npy --device=cuda");
  EXPECT_EQ(r.exitCode, 3);
  // No GPU here; on a GPU, the Pool2dCall is what the cuda device refuses.
  EXPECT_THAT(r.err, ::testing::AnyOf(
                         HasSubstr("tessera-run: unavailable: the cuda device "
                                   "needs an NVIDIA GPU: "),
                         HasSubstr("Pool2dCall does not run on the cuda "
                                   "device")));
  r = runTool("mesh2.tsr --input=@x.npy --devices=4");
  EXPECT_EQ(r.exitCode, 3);
  EXPECT_THAT(r.err, HasSubstr("4 devices were asked for, but the artifact's "
                               "mesh is dp:2 (2 devices)"));
}

TEST_F(TesseraRunTest, TheCudaDevice) {
  // Where there is no GPU, every way in says so and exits 3.
  Result devices = runTool("--list-devices");
  ASSERT_EQ(devices.exitCode, 0) << devices.err;
  EXPECT_THAT(devices.out, HasSubstr("cpu: "));
  EXPECT_THAT(devices.out, HasSubstr("cuda "));
  bool gpu = devices.out.find("cuda driver: unavailable") == std::string::npos &&
             devices.out.find("cuda: not in this build") == std::string::npos;
  if (!gpu) {
    for (const char *args :
         {"cuda.tsr --random-inputs --device=cuda",
          "cuda.tsr --random-inputs --device=cuda --benchmark=3 "
          "--trace=t.json",
          "collectives.tsr --input=@x48.npy --device=cuda",
          "mesh2.tsr --input=@x.npy --device=cuda --devices=2"}) {
      Result r = runTool(args);
      EXPECT_EQ(r.exitCode, 3) << args << ": " << r.err;
      EXPECT_THAT(r.err, HasSubstr("tessera-run: unavailable: the cuda device "
                                   "needs an NVIDIA GPU: "))
          << args;
    }
  }
  // A CUDA artifact on the cpu device.
  Result r = runTool("cuda.tsr --random-inputs");
  EXPECT_EQ(r.exitCode, 3);
  EXPECT_THAT(r.err, HasSubstr("executable 0 is CudaPtx code (target "
                               "'sm_80'); cpu:0 runs only CpuSharedObject "
                               "executables (run it with --device=cuda)"));
  // Usage errors come before the device.
  r = runTool("--device=cuda");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_THAT(r.err, HasSubstr("artifact is required"));
}

TEST_F(TesseraInspectTest, ShowsCudaArchitecturesAndLaunches) {
  Result r = inspect("cuda.tsr");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("options: --target=cuda:sm_80,sm_90"));
  EXPECT_THAT(r.out, HasSubstr("0: CudaPtx sm_80, segment 2 ("));
  EXPECT_THAT(r.out, HasSubstr("    cubins sm_80 (segment 3, "));
  EXPECT_THAT(r.out, HasSubstr("    scale2(2): 1 launch: scale2 grid [1,1,1] "
                               "block [6,1,1]\n"));
  r = inspect("cuda.tsr --json");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"format\": \"CudaPtx\", \"target\": \"sm_80\""));
  EXPECT_THAT(r.out, HasSubstr("\"cubins\": [{\"arch\": \"sm_80\""));
  EXPECT_THAT(r.out, HasSubstr("\"launches\": [{\"function\": \"scale2\""));
}

TEST_F(TesseraRunTest, RunsAMeshInOneProcess) {
  Result r = runTool("collectives.tsr --input=@x48.npy --output=@y-mesh.npy "
                     "--output=@z-mesh.npy --threads=1");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  auto y = readNpy(path("y-mesh.npy"));
  auto z = readNpy(path("z-mesh.npy"));
  ASSERT_TRUE(y.isOk() && z.isOk());
  EXPECT_EQ(y->type().toString(), "f32[16]");
  // z is rank 3's ReduceScatter(max) chunk (see makeCollectiveModel).
  EXPECT_EQ(z->toVector<float>(), (std::vector<float>{3, 2.5, 2, 1.5}));
  r = runTool("collectives.tsr --input=@x48.npy --devices=4 "
              "--expected-output=@y-mesh.npy --expected-output=@z-mesh.npy "
              "--benchmark=3 --trace=mesh.json");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("on cpu:0-3 (4 ranks in this process, local "
                               "collectives;"));
  EXPECT_THAT(r.out, HasSubstr("output 1 'z' matches z-mesh.npy"));
  EXPECT_THAT(r.out, HasSubstr("\"runs\": 3"));
  std::string trace = slurp(path("mesh.json"));
  EXPECT_THAT(trace, HasSubstr("\"tid\": 3, \"args\": {\"name\": \"cpu:3 "
                               "(rank 3)\"}"));
  EXPECT_THAT(trace, HasSubstr("{\"name\": \"reduce_scatter\", \"cat\": "
                               "\"ReduceScatter\""));

  r = runTool("collectives.tsr --input=@x48.npy --devices=2");
  EXPECT_EQ(r.exitCode, 3);
  EXPECT_THAT(r.err, HasSubstr("tessera-run: failed precondition: 2 devices "
                               "were asked for, but the artifact's mesh is "
                               "dp:2,tp:2 (4 devices)"));
}

TEST_F(TesseraRunTest, MeshFailuresNameTheRank) {
  // The verifier refuses ranks that do not match.
  Result r = runTool("skip.tsr --input=@x2.npy");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_THAT(r.err, HasSubstr("rank 0 command 0 (AllReduce (sum) of f32 x 2 "
                               "over ranks [0,1]) never completes: rank 1 does "
                               "not communicate (a deadlock)"));
  // Run anyway, rank 0 waits for rank 1 and times out naming it.
  auto start = std::chrono::steady_clock::now();
  r = runTool("skip.tsr --input=@x2.npy --no-verify-communication "
              "--collective-timeout=1");
  double seconds = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - start)
                       .count();
  EXPECT_LT(seconds, 5.0);
  EXPECT_EQ(r.exitCode, 3);
  EXPECT_THAT(r.err, HasSubstr("tessera-run: deadline exceeded: rank 0 command 0 "
                               "(AllReduce, all_reduce): AllReduce (sum) of f32 "
                               "x 2 over ranks [0,1] timed out after 1 s: rank 1 "
                               "did not join"));
  // A rank that fails stops the others.
  r = run("TESSERA_FAULT=1:1:fail " + std::string(TESSERA_RUN_PATH),
          "collectives.tsr --input=@x48.npy");
  EXPECT_EQ(r.exitCode, 3);
  EXPECT_THAT(r.err, HasSubstr("tessera-run: internal error: rank 1 command 1 "
                               "(AllGather): injected failure (TESSERA_FAULT) "
                               "before command 1 (ranks 0, 2 and 3 stopped "
                               "because of it)"));
  r = run("TESSERA_FAULT=nonsense " + std::string(TESSERA_RUN_PATH),
          "collectives.tsr --input=@x48.npy");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_THAT(r.err, HasSubstr("TESSERA_FAULT: fault 'nonsense'"));
}

TEST_F(TesseraInspectTest, Text) {
  Result r = inspect("conv.tsr");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("schema version: 3\n"));
  EXPECT_THAT(r.out, HasSubstr("compiler: tessera test builder\n"));
  EXPECT_THAT(r.out, HasSubstr("options: --target=cpu (hand-built CNN)\n"));
  EXPECT_THAT(r.out, HasSubstr("mesh: 1 device (1 rank)\n"));
  EXPECT_THAT(r.out, HasSubstr("inputs:\n  0 image: f32[1,3,16,16]\n"));
  EXPECT_THAT(r.out, HasSubstr("outputs:\n  0 logits: f32[1,10]\n"));
  EXPECT_THAT(r.out, HasSubstr("rank 0: arena 8.0 KiB, 9 buffers (Arena 3, "
                               "Constant 4, Input 1, Output 1), 3 commands "
                               "(MatMulCall 1, Conv2dCall 1, Pool2dCall 1)\n"));
  EXPECT_THAT(r.out, HasSubstr("segments: 4, "));
  r = inspect("kernels.tsr");
  ASSERT_EQ(r.exitCode, 0);
  EXPECT_THAT(r.out, HasSubstr("executables: 1\n  0: CpuSharedObject x86_64, "
                               "segment 0 ("));
  EXPECT_THAT(r.out, HasSubstr("1 kernel: tessera_test_add6(3)\n"));
}

TEST_F(TesseraInspectTest, Meshes) {
  Result r = inspect("collectives.tsr");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("mesh: dp:2,tp:2 (4 ranks)\n"));
  EXPECT_THAT(r.out, HasSubstr("  0 x: f32[4,8] sharded [{\"dp\", \"tp\"}, {}]\n"));
  EXPECT_THAT(r.out, HasSubstr("rank 3: arena 1.0 KiB, 7 buffers (Arena 6, "
                               "Input 1), 7 commands (AllReduce 1, AllGather 2, "
                               "ReduceScatter 1, AllToAll 1, CollectivePermute "
                               "1, Send 1)\n"));
  r = inspect("collectives.tsr --json");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("{\"name\": \"x\", \"dtype\": \"f32\", "
                               "\"shape\": [4, 8], \"sharding\": \"[{\\\"dp\\\", "
                               "\\\"tp\\\"}, {}]\"}"));
  EXPECT_THAT(r.out, HasSubstr("\"commands_by_kind\": {\"AllReduce\": 1, "
                               "\"AllGather\": 2, \"ReduceScatter\": 1, "
                               "\"AllToAll\": 1, \"CollectivePermute\": 1, "
                               "\"Recv\": 1}"));
  r = inspect("skip.tsr");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_THAT(r.err, HasSubstr("never completes"));
}

TEST_F(TesseraInspectTest, Json) {
  Result r = inspect("mesh2.tsr --json");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"mesh\": {\"axes\": [{\"name\": \"dp\", "
                               "\"size\": 2}], \"ranks\": 2}"));
  EXPECT_THAT(r.out, HasSubstr("\"inputs\": [{\"name\": \"x\", \"dtype\": "
                               "\"f32\", \"shape\": [2, 4]}]"));
  EXPECT_THAT(r.out, HasSubstr("\"commands_by_kind\": {\"MatMulCall\": 1, "
                               "\"Pool2dCall\": 1, \"Copy\": 1}"));
  EXPECT_THAT(r.out, HasSubstr("\"segments\": {\"count\": 2, \"bytes\": 60"));
}

TEST_F(TesseraInspectTest, ExitCodes) {
  Result r = inspect("bad-index.tsr");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_THAT(r.err, HasSubstr("tessera-inspect: invalid artifact: bad-index.tsr: "
                               "rank 0 command 3 (Copy)"));
  r = inspect("bad-checksum.tsr");
  EXPECT_EQ(r.exitCode, 2);
  r = inspect("bad-checksum.tsr --no-verify-checksums");
  EXPECT_EQ(r.exitCode, 0);
  r = inspect("missing.tsr");
  EXPECT_EQ(r.exitCode, 1);
  r = inspect("");
  EXPECT_EQ(r.exitCode, 1);
}

} // namespace
