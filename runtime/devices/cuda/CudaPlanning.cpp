//===- CudaPlanning.cpp - What the cuda device computes before a GPU ------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "runtime/devices/cuda/CudaPlanning.h"

#include <algorithm>
#include <climits>

namespace tessera::runtime {

//===----------------------------------------------------------------------===//
// planMatMul
//===----------------------------------------------------------------------===//

namespace {

/// One batch dimension: its size and each operand's element stride (0:
/// broadcast).
struct BatchDim {
  int64_t size = 1;
  int64_t lhs = 0, rhs = 0, result = 0;
};

} // namespace

StatusOr<MatMulPlan> planMatMul(const MatMulGeometry &g) {
  MatMulPlan plan;
  const int64_t m = g.m, n = g.n, k = g.k;
  if (m == 0 || n == 0 || g.batchCount() == 0)
    return plan; // an empty result: nothing to compute
  if (k == 0) {
    plan.emptyK = true;
    return plan;
  }

  // Strides of each batch dimension, row-major; size-1 dimensions are
  // dropped (they move nothing).
  const size_t rank = g.batch.size();
  std::vector<BatchDim> dims;
  int64_t lhsAfter = m * k, rhsAfter = k * n, resultAfter = m * n;
  for (size_t i = rank; i-- > 0;) {
    BatchDim dim;
    dim.size = g.batch[i];
    dim.lhs = g.lhsBatch[i] == 1 ? 0 : lhsAfter;
    dim.rhs = g.rhsBatch[i] == 1 ? 0 : rhsAfter;
    dim.result = resultAfter;
    lhsAfter *= g.lhsBatch[i];
    rhsAfter *= g.rhsBatch[i];
    resultAfter *= g.batch[i];
    if (dim.size > 1)
      dims.insert(dims.begin(), dim);
  }
  // Merge neighbours that step through every operand as one dimension
  // would: contiguous in each full operand, broadcast in the same ones.
  for (size_t i = dims.size(); i-- > 1;) {
    BatchDim &outer = dims[i - 1], &inner = dims[i];
    if (outer.lhs == inner.size * inner.lhs &&
        outer.rhs == inner.size * inner.rhs &&
        outer.result == inner.size * inner.result) {
      inner.size *= outer.size;
      dims.erase(dims.begin() + (i - 1));
    }
  }
  // [B..., M, K] x [K, N]: the innermost dimensions over which the rhs is
  // broadcast are more rows of one GEMM when the lhs rows are contiguous.
  int64_t rows = m;
  if (!g.transposeLhs && !dims.empty() && dims.back().rhs == 0 &&
      dims.back().lhs == m * k && dims.back().result == m * n) {
    plan.foldedBatch = dims.back().size;
    rows = m * dims.back().size;
    dims.pop_back();
  }

  plan.m = uint64_t(n);
  plan.n = uint64_t(rows);
  plan.k = uint64_t(k);
  plan.transA = g.transposeRhs;
  plan.transB = g.transposeLhs;
  plan.a = g.transposeRhs ? LtLayout{uint64_t(k), uint64_t(n), k}
                          : LtLayout{uint64_t(n), uint64_t(k), n};
  plan.b = g.transposeLhs ? LtLayout{uint64_t(m), uint64_t(k), m}
                          : LtLayout{uint64_t(k), uint64_t(rows), k};
  plan.c = LtLayout{uint64_t(n), uint64_t(rows), n};

  // The largest dimension is cuBLASLt's batch; the others are a loop.
  if (!dims.empty()) {
    size_t batched = 0;
    for (size_t i = 1; i < dims.size(); ++i)
      if (dims[i].size >= dims[batched].size)
        batched = i;
    const BatchDim &dim = dims[batched];
    if (dim.size > INT32_MAX)
      return Status(StatusCode::kInternal,
                    "a matmul batch of " + std::to_string(dim.size) +
                        " exceeds what cuBLASLt takes (2^31 - 1)");
    plan.batchCount = int32_t(dim.size);
    plan.strideA = dim.rhs;
    plan.strideB = dim.lhs;
    plan.strideC = dim.result;
    dims.erase(dims.begin() + batched);
  }
  // Every combination of the remaining dimensions, row-major.
  std::vector<int64_t> index(dims.size(), 0);
  for (;;) {
    MatMulPlan::Call call;
    for (size_t i = 0; i < dims.size(); ++i) {
      call.a += index[i] * dims[i].rhs;
      call.b += index[i] * dims[i].lhs;
      call.c += index[i] * dims[i].result;
    }
    plan.calls.push_back(call);
    size_t d = dims.size();
    while (d > 0 && ++index[d - 1] == dims[d - 1].size)
      index[--d] = 0;
    if (d == 0)
      break;
  }
  return plan;
}

uint32_t operandAlignment(uint64_t base, const std::vector<int64_t> &offsets,
                          int64_t stride, int32_t batchCount,
                          uint32_t elementSize) {
  uint64_t bits = base;
  for (int64_t offset : offsets)
    bits |= uint64_t(offset) * elementSize;
  if (batchCount > 1)
    bits |= uint64_t(stride) * elementSize;
  uint32_t alignment = 256;
  while (alignment > 1 && (bits & (alignment - 1)))
    alignment /= 2;
  return alignment;
}

StatusOr<std::string> epilogueName(Activation activation, bool bias) {
  switch (activation) {
  case Activation::None:
    return std::string(bias ? "BIAS" : "DEFAULT");
  case Activation::Relu:
    return std::string(bias ? "RELU_BIAS" : "RELU");
  case Activation::GeluTanh:
    return std::string(bias ? "GELU_BIAS" : "GELU");
  default:
    break;
  }
  return Status(StatusCode::kFailedPrecondition,
                std::string("cuBLASLt has no ") + activationName(activation) +
                    " epilogue (it fuses Relu and GeluTanh); the compiler "
                    "keeps other activations out of matmuls on the cuda "
                    "target (docs/design/0004-cuda.md)");
}

//===----------------------------------------------------------------------===//
// Code selection and launches
//===----------------------------------------------------------------------===//

namespace {

std::string gpuArch(int major, int minor) {
  return "sm_" + std::to_string(major) + std::to_string(minor);
}

/// Whether code for `arch` runs on a GPU of major.minor: the same major
/// and a lower or equal minor ('a': exactly that GPU).
bool cubinRuns(const CudaArch &arch, int major, int minor) {
  if (arch.suffix == 'a')
    return arch.major == major && arch.minor == minor;
  return arch.major == major && arch.minor <= minor;
}

} // namespace

StatusOr<CudaImageChoice>
selectCudaImage(const std::string &ptxArch,
                const std::vector<std::string> &cubinArchs, int major,
                int minor) {
  const std::string gpu = gpuArch(major, minor);
  // The best cubin: an exact 'a' match, then the highest minor.
  int best = -1, bestScore = -1;
  for (size_t i = 0; i < cubinArchs.size(); ++i) {
    CudaArch arch;
    if (!parseCudaArch(cubinArchs[i], arch) || !cubinRuns(arch, major, minor))
      continue;
    int score = arch.minor * 4 + (arch.suffix == 'a' ? 2 : 0) +
                (arch.suffix == 'f' ? 0 : 1);
    if (score > bestScore) {
      best = int(i);
      bestScore = score;
    }
  }
  if (best >= 0) {
    CudaImageChoice choice;
    choice.cubin = size_t(best);
    choice.arch = cubinArchs[size_t(best)];
    choice.description = "cubin " + choice.arch;
    return choice;
  }
  if (!ptxArch.empty()) {
    CudaArch arch;
    if (parseCudaArch(ptxArch, arch)) {
      bool runs = arch.suffix ? cubinRuns(arch, major, minor)
                              : arch.major * 10 + arch.minor <=
                                    major * 10 + minor;
      if (runs) {
        CudaImageChoice choice;
        choice.ptx = true;
        choice.arch = ptxArch;
        choice.description = "PTX " + ptxArch + " (JIT-compiled: no cubin for " +
                             gpu + ")";
        return choice;
      }
    }
  }
  std::string targets;
  if (!ptxArch.empty())
    targets = "PTX " + ptxArch;
  if (!cubinArchs.empty()) {
    targets += targets.empty() ? "cubins " : ", cubins ";
    for (size_t i = 0; i < cubinArchs.size(); ++i)
      targets += (i ? ", " : "") + cubinArchs[i];
  }
  if (targets.empty())
    targets = "no code at all";
  return Status(StatusCode::kFailedPrecondition,
                "the GPU is " + gpu + " (compute capability " +
                    std::to_string(major) + "." + std::to_string(minor) +
                    "), and the executable has no code that runs on it (" +
                    targets + "); compile for --target=cuda:" + gpu +
                    " or an older architecture of the same major version");
}

Status checkLaunch(const KernelLaunch &launch, const CudaDeviceLimits &limits,
                   uint32_t functionMaxThreads, uint32_t staticSharedMemory,
                   const std::string &where) {
  auto text = [](const std::array<uint32_t, 3> &d) {
    return "[" + std::to_string(d[0]) + ", " + std::to_string(d[1]) + ", " +
           std::to_string(d[2]) + "]";
  };
  auto fail = [&](const std::string &message) {
    return Status(StatusCode::kFailedPrecondition, where + ": " + message);
  };
  for (int d = 0; d < 3; ++d) {
    if (launch.grid[d] > limits.maxGrid[d])
      return fail("grid " + text(launch.grid) + " exceeds this GPU's " +
                  text(limits.maxGrid));
    if (launch.block[d] > limits.maxBlock[d])
      return fail("block " + text(launch.block) + " exceeds this GPU's " +
                  text(limits.maxBlock));
  }
  uint64_t threads =
      uint64_t(launch.block[0]) * launch.block[1] * uint64_t(launch.block[2]);
  if (threads > limits.maxThreadsPerBlock)
    return fail("block " + text(launch.block) + " has " +
                std::to_string(threads) + " threads; this GPU runs at most " +
                std::to_string(limits.maxThreadsPerBlock) + " per block");
  if (functionMaxThreads > 0 && threads > functionMaxThreads)
    return fail("block " + text(launch.block) + " has " +
                std::to_string(threads) + " threads; the compiled function " +
                "runs at most " + std::to_string(functionMaxThreads) +
                " per block (it uses too many registers)");
  uint64_t shared = uint64_t(launch.sharedMemory) + staticSharedMemory;
  if (shared > limits.sharedMemoryPerBlockOptin)
    return fail(std::to_string(launch.sharedMemory) +
                " bytes of dynamic shared memory" +
                (staticSharedMemory
                     ? " (and " + std::to_string(staticSharedMemory) +
                           " static)"
                     : std::string()) +
                " exceed this GPU's " +
                std::to_string(limits.sharedMemoryPerBlockOptin) +
                " bytes per block");
  return Status::ok();
}

LaunchParameters::LaunchParameters(std::vector<uint32_t> args)
    : args_(std::move(args)), values_(args_.size() + 1, 0),
      pointers_(args_.size() + 1, nullptr) {
  // One spare entry so that data() is never null for a kernel of no
  // arguments.
  for (size_t i = 0; i < values_.size(); ++i)
    pointers_[i] = &values_[i];
}

void LaunchParameters::bind(void *const *buffers) {
  for (size_t i = 0; i < args_.size(); ++i)
    values_[i] = uint64_t(reinterpret_cast<uintptr_t>(buffers[args_[i]]));
}

//===----------------------------------------------------------------------===//
// CachingAllocator
//===----------------------------------------------------------------------===//

CachingAllocator::CachingAllocator(Allocate allocate, Free free)
    : allocate_(std::move(allocate)), free_(std::move(free)) {}

CachingAllocator::~CachingAllocator() {
  trim();
  for (const auto &[address, size] : live_)
    free_(address);
}

uint64_t CachingAllocator::sizeClass(uint64_t bytes) {
  constexpr uint64_t kMin = 512, kLarge = uint64_t(1) << 20,
                     kChunk = uint64_t(2) << 20;
  if (bytes <= kMin)
    return kMin;
  if (bytes <= kLarge) {
    uint64_t size = kMin;
    while (size < bytes)
      size *= 2;
    return size;
  }
  if (bytes > UINT64_MAX - kChunk)
    return bytes;
  return (bytes + kChunk - 1) / kChunk * kChunk;
}

StatusOr<uint64_t> CachingAllocator::allocate(uint64_t bytes) {
  uint64_t size = sizeClass(bytes);
  auto cached = cache_.find(size);
  if (cached != cache_.end()) {
    uint64_t address = cached->second;
    cache_.erase(cached);
    cached_ -= size;
    live_[address] = size;
    inUse_ += size;
    return address;
  }
  StatusOr<uint64_t> address = allocate_(size);
  if (!address.isOk() && !cache_.empty()) {
    trim();
    address = allocate_(size);
  }
  if (!address.isOk())
    return address.status();
  ++backendAllocations_;
  live_[*address] = size;
  inUse_ += size;
  return *address;
}

void CachingAllocator::release(uint64_t address) {
  auto found = live_.find(address);
  if (found == live_.end())
    return;
  uint64_t size = found->second;
  live_.erase(found);
  inUse_ -= size;
  cache_.emplace(size, address);
  cached_ += size;
}

void CachingAllocator::trim() {
  for (const auto &[size, address] : cache_)
    free_(address);
  cache_.clear();
  cached_ = 0;
}

} // namespace tessera::runtime
