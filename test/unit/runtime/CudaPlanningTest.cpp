//===- CudaPlanningTest.cpp - The cuda device's decisions, without a GPU --===//
//
// Part of Tessera. planMatMul is checked by executing its plans on the host
// exactly as cuBLASLt would (column-major, op(A) x op(B), strided batches,
// the calls' offsets) and comparing with the reference MatMulCall; code
// selection, launch limits, kernel parameters and the caching allocator
// are checked directly.
//
//===----------------------------------------------------------------------===//

#include "runtime/devices/cpu/ReferenceCalls.h"
#include "runtime/devices/cuda/CudaPlanning.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

using namespace tessera::runtime;
using ::testing::HasSubstr;

namespace {

//===----------------------------------------------------------------------===//
// planMatMul
//===----------------------------------------------------------------------===//

/// What cuBLASLt computes for `plan`, on host arrays: D = op(A) op(B),
/// column-major, for each call and each product of its strided batch.
void executePlan(const MatMulPlan &plan, const float *lhs, const float *rhs,
                 float *result) {
  for (const MatMulPlan::Call &call : plan.calls)
    for (int32_t j = 0; j < plan.batchCount; ++j) {
      const float *a = rhs + call.a + int64_t(j) * plan.strideA;
      const float *b = lhs + call.b + int64_t(j) * plan.strideB;
      float *d = result + call.c + int64_t(j) * plan.strideC;
      for (uint64_t col = 0; col < plan.n; ++col)
        for (uint64_t row = 0; row < plan.m; ++row) {
          double sum = 0;
          for (uint64_t l = 0; l < plan.k; ++l) {
            float av = plan.transA ? a[l + row * uint64_t(plan.a.ld)]
                                   : a[row + l * uint64_t(plan.a.ld)];
            float bv = plan.transB ? b[col + l * uint64_t(plan.b.ld)]
                                   : b[l + col * uint64_t(plan.b.ld)];
            sum += double(av) * bv;
          }
          d[row + col * uint64_t(plan.c.ld)] = float(sum);
        }
    }
}

int64_t product(const std::vector<int64_t> &shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

/// Plans lhs x rhs, executes the plan and compares with the reference.
void checkPlan(std::vector<int64_t> lhsShape, std::vector<int64_t> rhsShape,
               bool transposeLhs, bool transposeRhs,
               const MatMulPlan **out = nullptr) {
  SCOPED_TRACE(shapeToString(lhsShape) + (transposeLhs ? "^T" : "") + " x " +
               shapeToString(rhsShape) + (transposeRhs ? "^T" : ""));
  StatusOr<MatMulGeometry> g =
      inferMatMul(lhsShape, rhsShape, transposeLhs, transposeRhs);
  ASSERT_TRUE(g.isOk()) << g.status().toString();
  StatusOr<MatMulPlan> plan = planMatMul(*g);
  ASSERT_TRUE(plan.isOk()) << plan.status().toString();
  std::mt19937 random(7);
  std::uniform_real_distribution<float> uniform(-1, 1);
  std::vector<float> lhs(size_t(product(lhsShape))), rhs(size_t(product(rhsShape)));
  for (float &x : lhs)
    x = uniform(random);
  for (float &x : rhs)
    x = uniform(random);
  size_t resultSize = size_t(product(g->resultShape()));
  std::vector<float> expected(resultSize), actual(resultSize, 1e30f);
  referenceMatMul(*g, lhs.data(), rhs.data(), nullptr, nullptr,
                  Activation::None, expected.data());
  executePlan(*plan, lhs.data(), rhs.data(), actual.data());
  for (size_t i = 0; i < resultSize; ++i)
    ASSERT_NEAR(actual[i], expected[i], 1e-4) << "element " << i;
  // Leading dimensions are at least the rows (what cuBLASLt requires).
  EXPECT_GE(uint64_t(plan->a.ld), plan->a.rows);
  EXPECT_GE(uint64_t(plan->b.ld), plan->b.rows);
  EXPECT_GE(uint64_t(plan->c.ld), plan->c.rows);
  static MatMulPlan kept;
  kept = *plan;
  if (out)
    *out = &kept;
}

TEST(CudaPlanningTest, PlainMatMulIsOneCall) {
  const MatMulPlan *plan = nullptr;
  checkPlan({3, 5}, {5, 4}, false, false, &plan);
  ASSERT_TRUE(plan);
  // D (4 x 3) = rhs^T-as-column-major (4 x 5) x lhs (5 x 3).
  EXPECT_EQ(plan->m, 4u);
  EXPECT_EQ(plan->n, 3u);
  EXPECT_EQ(plan->k, 5u);
  EXPECT_FALSE(plan->transA);
  EXPECT_FALSE(plan->transB);
  EXPECT_EQ(plan->a.ld, 4);
  EXPECT_EQ(plan->b.ld, 5);
  EXPECT_EQ(plan->c.ld, 4);
  EXPECT_EQ(plan->batchCount, 1);
  EXPECT_EQ(plan->calls.size(), 1u);
}

TEST(CudaPlanningTest, Transposes) {
  checkPlan({5, 3}, {5, 4}, true, false);
  checkPlan({3, 5}, {4, 5}, false, true);
  const MatMulPlan *plan = nullptr;
  checkPlan({5, 3}, {4, 5}, true, true, &plan);
  EXPECT_TRUE(plan->transA);
  EXPECT_TRUE(plan->transB);
  EXPECT_EQ(plan->a.ld, 5); // rhs [4, 5] read column-major: 5 x 4
  EXPECT_EQ(plan->b.ld, 3); // lhs [5, 3] read column-major: 3 x 5
}

TEST(CudaPlanningTest, SharedWeightsFoldTheBatchIntoRows) {
  // [B, S, K] x [K, N]: one GEMM of B*S rows (the transformer's linear
  // layers).
  const MatMulPlan *plan = nullptr;
  checkPlan({2, 6, 8}, {8, 5}, false, false, &plan);
  EXPECT_EQ(plan->foldedBatch, 2);
  EXPECT_EQ(plan->n, 12u);
  EXPECT_EQ(plan->batchCount, 1);
  EXPECT_EQ(plan->calls.size(), 1u);
  // Also when the rhs has leading 1s, and over two batch dimensions.
  checkPlan({2, 3, 4, 8}, {1, 1, 8, 5}, false, false, &plan);
  EXPECT_EQ(plan->foldedBatch, 6);
  EXPECT_EQ(plan->calls.size(), 1u);
  // A transposed lhs cannot fold: a strided batch with the rhs broadcast.
  checkPlan({2, 8, 6}, {8, 5}, true, false, &plan);
  EXPECT_EQ(plan->foldedBatch, 1);
  EXPECT_EQ(plan->batchCount, 2);
  EXPECT_EQ(plan->strideA, 0);
  EXPECT_EQ(plan->calls.size(), 1u);
}

TEST(CudaPlanningTest, BatchedAttentionIsOneStridedBatch) {
  // [B, H, S, D] x [B, H, D, S]^T: B*H products, every operand strided.
  const MatMulPlan *plan = nullptr;
  checkPlan({2, 3, 4, 5}, {2, 3, 4, 5}, false, true, &plan);
  EXPECT_EQ(plan->batchCount, 6);
  EXPECT_EQ(plan->calls.size(), 1u);
  EXPECT_EQ(plan->strideA, 20);
  EXPECT_EQ(plan->strideB, 20);
  EXPECT_EQ(plan->strideC, 16);
}

TEST(CudaPlanningTest, BroadcastLhsAcrossTheBatch) {
  // [M, K] x [B, K, N]: the lhs is broadcast (stride 0).
  const MatMulPlan *plan = nullptr;
  checkPlan({3, 4}, {5, 4, 2}, false, false, &plan);
  EXPECT_EQ(plan->batchCount, 5);
  EXPECT_EQ(plan->strideB, 0);
  EXPECT_EQ(plan->strideA, 8);
  EXPECT_EQ(plan->calls.size(), 1u);
}

TEST(CudaPlanningTest, MixedBroadcastingLoopsOverTheRest) {
  // [2, 1, M, K] x [1, 3, K, N]: neither dimension merges with the other;
  // the larger (3) is the strided batch, the other a loop of 2 calls.
  const MatMulPlan *plan = nullptr;
  checkPlan({2, 1, 3, 4}, {1, 3, 4, 5}, false, false, &plan);
  EXPECT_EQ(plan->batchCount, 3);
  EXPECT_EQ(plan->calls.size(), 2u);
  EXPECT_EQ(plan->strideB, 0); // lhs broadcast along the batched dimension
  checkPlan({2, 1, 4, 3}, {1, 3, 5, 4}, true, true);
  checkPlan({4, 1, 2, 3, 4}, {1, 5, 1, 4, 2}, false, false);
  checkPlan({4, 1, 2, 4, 3}, {1, 5, 1, 2, 4}, true, true);
  checkPlan({1, 2, 1, 3, 4}, {3, 1, 2, 4, 5}, false, false);
}

TEST(CudaPlanningTest, RandomShapes) {
  std::mt19937 random(11);
  std::uniform_int_distribution<int> size(1, 4), rankDist(0, 3), coin(0, 1);
  for (int trial = 0; trial < 200; ++trial) {
    int lhsRank = rankDist(random), rhsRank = rankDist(random);
    int rank = std::max(lhsRank, rhsRank);
    std::vector<int64_t> batch(rank);
    for (int64_t &d : batch)
      d = size(random);
    auto batchOf = [&](int r) {
      std::vector<int64_t> dims(batch.end() - r, batch.end());
      for (int64_t &d : dims)
        if (coin(random))
          d = 1;
      return dims;
    };
    int64_t m = size(random), n = size(random), k = size(random);
    bool tl = coin(random), tr = coin(random);
    std::vector<int64_t> lhs = batchOf(lhsRank), rhs = batchOf(rhsRank);
    lhs.push_back(tl ? k : m);
    lhs.push_back(tl ? m : k);
    rhs.push_back(tr ? n : k);
    rhs.push_back(tr ? k : n);
    checkPlan(lhs, rhs, tl, tr);
    if (HasFatalFailure())
      return;
  }
}

TEST(CudaPlanningTest, EmptyShapes) {
  StatusOr<MatMulGeometry> g = inferMatMul({0, 4}, {4, 3}, false, false);
  ASSERT_TRUE(g.isOk());
  StatusOr<MatMulPlan> plan = planMatMul(*g);
  ASSERT_TRUE(plan.isOk());
  EXPECT_TRUE(plan->calls.empty());
  EXPECT_FALSE(plan->emptyK);
  g = inferMatMul({2, 0}, {0, 3}, false, false);
  ASSERT_TRUE(g.isOk());
  plan = planMatMul(*g);
  ASSERT_TRUE(plan.isOk());
  EXPECT_TRUE(plan->emptyK);
  EXPECT_TRUE(plan->calls.empty());
  g = inferMatMul({0, 2, 3}, {3, 3}, false, false);
  plan = planMatMul(*g);
  EXPECT_TRUE(plan->calls.empty());
}

TEST(CudaPlanningTest, OperandAlignment) {
  EXPECT_EQ(operandAlignment(0, {0}, 0, 1, 4), 256u);
  EXPECT_EQ(operandAlignment(0x1000, {0}, 0, 1, 4), 256u);
  EXPECT_EQ(operandAlignment(0x1004, {0}, 0, 1, 4), 4u);
  EXPECT_EQ(operandAlignment(0x1000, {0, 3}, 0, 1, 4), 4u);  // 12 bytes
  EXPECT_EQ(operandAlignment(0x1000, {0, 8}, 0, 1, 4), 32u); // 32 bytes
  EXPECT_EQ(operandAlignment(0x1000, {0}, 6, 2, 4), 8u);     // 24-byte steps
  EXPECT_EQ(operandAlignment(0x1000, {0}, 6, 1, 4), 256u);   // no steps
}

TEST(CudaPlanningTest, Epilogues) {
  EXPECT_EQ(*epilogueName(Activation::None, false), "DEFAULT");
  EXPECT_EQ(*epilogueName(Activation::None, true), "BIAS");
  EXPECT_EQ(*epilogueName(Activation::Relu, false), "RELU");
  EXPECT_EQ(*epilogueName(Activation::Relu, true), "RELU_BIAS");
  EXPECT_EQ(*epilogueName(Activation::GeluTanh, false), "GELU");
  EXPECT_EQ(*epilogueName(Activation::GeluTanh, true), "GELU_BIAS");
  for (Activation a : {Activation::GeluErf, Activation::Sigmoid, Activation::Silu}) {
    StatusOr<std::string> name = epilogueName(a, true);
    ASSERT_FALSE(name.isOk());
    EXPECT_THAT(name.status().message(),
                HasSubstr(std::string("cuBLASLt has no ") + activationName(a) +
                          " epilogue"));
  }
}

//===----------------------------------------------------------------------===//
// Code selection
//===----------------------------------------------------------------------===//

std::string pick(const std::string &ptx, const std::vector<std::string> &cubins,
                 int major, int minor) {
  StatusOr<CudaImageChoice> choice = selectCudaImage(ptx, cubins, major, minor);
  if (!choice.isOk())
    return "error: " + choice.status().message();
  return choice->description;
}

TEST(CudaPlanningTest, SelectsTheCubinOfTheGpu) {
  std::vector<std::string> both = {"sm_80", "sm_90"};
  EXPECT_EQ(pick("sm_80", both, 9, 0), "cubin sm_90");
  EXPECT_EQ(pick("sm_80", both, 8, 0), "cubin sm_80");
  // Same major, lower minor: an A100 cubin runs on an RTX 30xx (8.6) or an
  // L4 (8.9).
  EXPECT_EQ(pick("sm_80", both, 8, 6), "cubin sm_80");
  EXPECT_EQ(pick("sm_80", {"sm_80", "sm_86"}, 8, 9), "cubin sm_86");
  // A newer major has no cubin: the PTX is JIT-compiled.
  EXPECT_EQ(pick("sm_80", both, 10, 0),
            "PTX sm_80 (JIT-compiled: no cubin for sm_100)");
  EXPECT_EQ(pick("sm_80", both, 12, 0),
            "PTX sm_80 (JIT-compiled: no cubin for sm_120)");
  // Architecture-specific cubins run on exactly their GPU, and win there.
  EXPECT_EQ(pick("sm_90", {"sm_90", "sm_90a"}, 9, 0), "cubin sm_90a");
  EXPECT_EQ(pick("sm_80", {"sm_90a"}, 10, 0),
            "PTX sm_80 (JIT-compiled: no cubin for sm_100)");
  // A CudaCubin executable: no PTX.
  EXPECT_EQ(pick("", {"sm_90"}, 9, 0), "cubin sm_90");
}

TEST(CudaPlanningTest, RefusesGpusOlderThanEveryTarget) {
  EXPECT_EQ(pick("sm_80", {"sm_80", "sm_90"}, 7, 5),
            "error: the GPU is sm_75 (compute capability 7.5), and the "
            "executable has no code that runs on it (PTX sm_80, cubins sm_80, "
            "sm_90); compile for --target=cuda:sm_75 or an older architecture "
            "of the same major version");
  EXPECT_THAT(pick("", {"sm_90"}, 10, 0),
              HasSubstr("no code that runs on it (cubins sm_90)"));
  EXPECT_THAT(pick("sm_90a", {}, 10, 0),
              HasSubstr("no code that runs on it (PTX sm_90a)"));
}

//===----------------------------------------------------------------------===//
// Launches
//===----------------------------------------------------------------------===//

TEST(CudaPlanningTest, LaunchLimits) {
  CudaDeviceLimits limits; // an H100's: 227 KiB opt-in
  limits.sharedMemoryPerBlockOptin = 227 * 1024;
  KernelLaunch launch;
  launch.function = "k";
  launch.grid = {1024, 4, 1};
  launch.block = {256, 1, 1};
  EXPECT_TRUE(checkLaunch(launch, limits, 1024, 0, "w").isOk());
  EXPECT_FALSE(needsSharedMemoryOptIn(launch, limits));
  launch.sharedMemory = 100 * 1024;
  EXPECT_TRUE(checkLaunch(launch, limits, 1024, 0, "w").isOk());
  EXPECT_TRUE(needsSharedMemoryOptIn(launch, limits));
  Status status = checkLaunch(launch, limits, 1024, 128 * 1024, "launch 0");
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(),
            "launch 0: 102400 bytes of dynamic shared memory (and 131072 "
            "static) exceed this GPU's 232448 bytes per block");
  launch.sharedMemory = 0;
  status = checkLaunch(launch, limits, 128, 0, "launch 0");
  EXPECT_EQ(status.message(),
            "launch 0: block [256, 1, 1] has 256 threads; the compiled "
            "function runs at most 128 per block (it uses too many "
            "registers)");
  CudaDeviceLimits small = limits;
  small.maxGrid = {1000, 65535, 65535};
  EXPECT_THAT(checkLaunch(launch, small, 0, 0, "w").message(),
              HasSubstr("grid [1024, 4, 1] exceeds this GPU's [1000, 65535, "
                        "65535]"));
  small = limits;
  small.maxThreadsPerBlock = 128;
  EXPECT_THAT(checkLaunch(launch, small, 0, 0, "w").message(),
              HasSubstr("256 threads; this GPU runs at most 128 per block"));
}

TEST(CudaPlanningTest, LaunchParametersPointAtDevicePointers) {
  LaunchParameters parameters({2, 0, 2});
  void *buffers[3] = {reinterpret_cast<void *>(0x1000),
                      reinterpret_cast<void *>(0x2000),
                      reinterpret_cast<void *>(0x3000)};
  void **pointers = parameters.pointers();
  parameters.bind(buffers);
  ASSERT_EQ(parameters.values().size(), 4u); // one spare entry
  EXPECT_EQ(*static_cast<uint64_t *>(pointers[0]), 0x3000u);
  EXPECT_EQ(*static_cast<uint64_t *>(pointers[1]), 0x1000u);
  EXPECT_EQ(*static_cast<uint64_t *>(pointers[2]), 0x3000u);
  // The array stays where it is; a new run rebinds the values in it.
  buffers[2] = reinterpret_cast<void *>(0x4000);
  parameters.bind(buffers);
  EXPECT_EQ(parameters.pointers(), pointers);
  EXPECT_EQ(*static_cast<uint64_t *>(pointers[0]), 0x4000u);
  LaunchParameters none({});
  EXPECT_NE(none.pointers(), nullptr);
}

//===----------------------------------------------------------------------===//
// CachingAllocator
//===----------------------------------------------------------------------===//

struct FakeBackend {
  uint64_t next = 0x10000;
  uint64_t limit = UINT64_MAX, used = 0;
  std::map<uint64_t, uint64_t> live;
  int frees = 0;

  CachingAllocator make() {
    return CachingAllocator(
        [this](uint64_t bytes) -> StatusOr<uint64_t> {
          if (used + bytes > limit)
            return Status(StatusCode::kResourceExhausted, "out of memory");
          uint64_t address = next;
          next += bytes + 4096;
          live[address] = bytes;
          used += bytes;
          return address;
        },
        [this](uint64_t address) {
          used -= live[address];
          live.erase(address);
          ++frees;
        });
  }
};

TEST(CudaPlanningTest, SizeClasses) {
  EXPECT_EQ(CachingAllocator::sizeClass(0), 512u);
  EXPECT_EQ(CachingAllocator::sizeClass(1), 512u);
  EXPECT_EQ(CachingAllocator::sizeClass(512), 512u);
  EXPECT_EQ(CachingAllocator::sizeClass(513), 1024u);
  EXPECT_EQ(CachingAllocator::sizeClass(1 << 20), 1u << 20);
  EXPECT_EQ(CachingAllocator::sizeClass((1 << 20) + 1), 2u << 20);
  EXPECT_EQ(CachingAllocator::sizeClass(5u << 20), 6u << 20);
}

TEST(CudaPlanningTest, CachingAllocatorReusesBlocks) {
  FakeBackend backend;
  {
    CachingAllocator allocator = backend.make();
    uint64_t a = *allocator.allocate(1000);
    uint64_t b = *allocator.allocate(1000);
    EXPECT_NE(a, b);
    EXPECT_EQ(allocator.bytesInUse(), 2048u);
    allocator.release(a);
    EXPECT_EQ(allocator.bytesCached(), 1024u);
    // The same class comes back from the cache; another class does not.
    EXPECT_EQ(*allocator.allocate(900), a);
    EXPECT_EQ(allocator.backendAllocations(), 2u);
    uint64_t c = *allocator.allocate(5000);
    EXPECT_NE(c, a);
    EXPECT_EQ(allocator.backendAllocations(), 3u);
    allocator.release(12345); // not a block: ignored
    allocator.release(c);
    allocator.trim();
    EXPECT_EQ(allocator.bytesCached(), 0u);
    EXPECT_EQ(backend.frees, 1);
  }
  // The destructor frees everything, live blocks too.
  EXPECT_TRUE(backend.live.empty());
}

TEST(CudaPlanningTest, CachingAllocatorFreesTheCacheWhenMemoryRunsOut) {
  FakeBackend backend;
  backend.limit = 5u << 20;
  CachingAllocator allocator = backend.make();
  uint64_t a = *allocator.allocate(2u << 20);
  allocator.release(a); // cached, still taking the backend's memory
  StatusOr<uint64_t> b = allocator.allocate(4u << 20);
  ASSERT_TRUE(b.isOk()) << b.status().toString();
  EXPECT_EQ(allocator.bytesCached(), 0u);
  StatusOr<uint64_t> c = allocator.allocate(2u << 20);
  EXPECT_FALSE(c.isOk());
  EXPECT_EQ(c.status().code(), StatusCode::kResourceExhausted);
}

} // namespace
