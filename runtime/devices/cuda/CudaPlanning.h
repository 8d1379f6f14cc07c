//===- CudaPlanning.h - What the cuda device computes before a GPU -*- C++ -*-===//
//
// Part of Tessera. The decisions of the cuda device that need no GPU, as
// pure functions so that they are unit-tested on any machine:
//
//   planMatMul        a MatMulCall (row-major, NumPy batch broadcasting) as
//                     cuBLASLt matmuls (column-major): layouts, leading
//                     dimensions, a strided batch and a loop over the rest
//   selectCudaImage   which code of an executable runs on a GPU of compute
//                     capability X.Y: a cubin of the same major version and
//                     a lower or equal minor, else the PTX (JIT), else an
//                     error naming both
//   checkLaunch       a launch against the GPU's own limits
//   LaunchParameters  the kernel parameters of a launch: one device pointer
//                     per buffer argument (MLIR's bare-pointer convention)
//   CachingAllocator  size classes and free lists over any allocate/free
//                     pair (device memory, pinned host memory)
//
// Nothing here includes a CUDA header.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_DEVICES_CUDA_CUDAPLANNING_H
#define TESSERA_RUNTIME_DEVICES_CUDA_CUDAPLANNING_H

#include "runtime/artifact/Program.h"
#include "runtime/base/Status.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace tessera::runtime {

//===----------------------------------------------------------------------===//
// MatMulCall as cuBLASLt matmuls
//===----------------------------------------------------------------------===//

/// A matrix as cuBLASLt sees it: column-major, `rows` x `cols`, `ld`
/// elements between columns.
struct LtLayout {
  uint64_t rows = 0, cols = 0;
  int64_t ld = 1;
};

/// result = lhs x rhs, row-major, is computed column-major as
/// result^T = rhs^T x lhs^T: cuBLASLt's A is the call's rhs, its B the
/// call's lhs, its C and D the result (no data moves: a row-major matrix
/// read column-major is its transpose).
struct MatMulPlan {
  /// cuBLASLt's sizes: D (m x n) = op(A) (m x k) x op(B) (k x n), so m is
  /// the call's N and n the call's M (times any batch folded into it).
  uint64_t m = 0, n = 0, k = 0;
  /// op(A) = A^T (CUBLAS_OP_T), op(B) = B^T.
  bool transA = false, transB = false;
  LtLayout a, b, c;
  /// One cuBLASLt call covers `batchCount` products, operand i of product j
  /// at element offset j * stride (a stride of 0 broadcasts the operand).
  int32_t batchCount = 1;
  int64_t strideA = 0, strideB = 0, strideC = 0;
  /// Element offsets of A (rhs), B (lhs) and C (result) of each call; the
  /// calls together cover the batch. Empty when there is nothing to compute
  /// (an empty result).
  struct Call {
    int64_t a = 0, b = 0, c = 0;
  };
  std::vector<Call> calls;
  /// Batch dimensions folded into cuBLASLt's n (the call's M): the product
  /// of their sizes (1: none folded).
  int64_t foldedBatch = 1;
  /// K = 0: no product; the result is bias and residual alone (the device
  /// computes that without cuBLASLt).
  bool emptyK = false;
};

/// Plans `g` (a verified MatMulCall's geometry). Batch dimensions of size
/// 1 are dropped, neighbours with the same broadcasting merged; innermost
/// dimensions over which the rhs is broadcast fold into M when the lhs is
/// not transposed ([B, S, K] x [K, N] is one GEMM of B*S rows); the largest
/// remaining dimension is cuBLASLt's strided batch and the others a loop
/// of calls. kInternal when a size does not fit cuBLASLt (a batch over
/// 2^31).
StatusOr<MatMulPlan> planMatMul(const MatMulGeometry &g);

/// The largest power of two (at most 256) dividing every byte address an
/// operand is read at: `base`, plus each call's offset and each batch
/// step, in elements of `elementSize` bytes. cuBLASLt is told it, so that
/// it picks no kernel that needs more alignment than there is.
uint32_t operandAlignment(uint64_t base, const std::vector<int64_t> &offsets,
                          int64_t stride, int32_t batchCount,
                          uint32_t elementSize);

/// cuBLASLt's epilogue for a call's bias and activation:
/// "DEFAULT", "BIAS", "RELU", "RELU_BIAS", "GELU", "GELU_BIAS" (GELU is
/// cuBLASLt's tanh form: GeluTanh), or an error for activations cuBLASLt
/// does not fuse (GeluErf, Sigmoid, Silu: the compiler keeps those out of
/// matmuls on the cuda target).
StatusOr<std::string> epilogueName(Activation activation, bool bias);

//===----------------------------------------------------------------------===//
// Code selection and launches
//===----------------------------------------------------------------------===//

/// What runs on the GPU: a cubin (its index in the executable's list) or
/// the PTX, JIT-compiled by the driver.
struct CudaImageChoice {
  bool ptx = false;
  size_t cubin = 0;
  /// The chosen code's architecture ("sm_90"), and why, for descriptions:
  /// "cubin sm_90", "PTX sm_80 (JIT: no cubin for sm_89)".
  std::string arch, description;
};

/// Picks the code of an executable for a GPU of compute capability
/// major.minor: the cubin for exactly that GPU ("sm_90a" before "sm_90"),
/// else the cubin of the same major version with the highest minor not
/// above the GPU's, else the PTX when its architecture is not newer than
/// the GPU, else kFailedPrecondition naming the GPU and every target.
/// `ptxArch` is empty when there is no PTX (a CudaCubin executable).
StatusOr<CudaImageChoice>
selectCudaImage(const std::string &ptxArch,
                const std::vector<std::string> &cubinArchs, int major,
                int minor);

/// What a GPU allows (cuDeviceGetAttribute).
struct CudaDeviceLimits {
  std::array<uint32_t, 3> maxGrid{kMaxGridX, kMaxGridYZ, kMaxGridYZ};
  std::array<uint32_t, 3> maxBlock{kMaxBlockXY, kMaxBlockXY, kMaxBlockZ};
  uint32_t maxThreadsPerBlock = kMaxThreadsPerBlock;
  /// Dynamic shared memory without opting in, and the opt-in maximum.
  uint32_t sharedMemoryPerBlock = 48 * 1024;
  uint32_t sharedMemoryPerBlockOptin = 48 * 1024;
};

/// A launch against the GPU's limits and, when known (> 0), the most
/// threads the compiled function can run per block (its registers limit
/// it) and its static shared memory. kFailedPrecondition naming `where`.
Status checkLaunch(const KernelLaunch &launch, const CudaDeviceLimits &limits,
                   uint32_t functionMaxThreads, uint32_t staticSharedMemory,
                   const std::string &where);

/// Whether the launch needs the function's dynamic shared memory limit
/// raised (cuFuncSetAttribute) before it runs.
inline bool needsSharedMemoryOptIn(const KernelLaunch &launch,
                                   const CudaDeviceLimits &limits) {
  return launch.sharedMemory > limits.sharedMemoryPerBlock;
}

/// The `kernelParams` of cuLaunchKernel for a Dispatch: one 8-byte device
/// pointer per argument, in order. bind() stores the run's addresses;
/// pointers() stays valid (and the same) for the object's life.
class LaunchParameters {
public:
  explicit LaunchParameters(std::vector<uint32_t> args);
  LaunchParameters(const LaunchParameters &) = delete;
  LaunchParameters &operator=(const LaunchParameters &) = delete;

  /// `buffers[i]` is the device address of the rank's buffer i.
  void bind(void *const *buffers);
  /// The array handed to cuLaunchKernel: entry i points at argument i's
  /// device pointer.
  void **pointers() { return pointers_.data(); }
  const std::vector<uint64_t> &values() const { return values_; }

private:
  std::vector<uint32_t> args_;
  std::vector<uint64_t> values_;
  std::vector<void *> pointers_;
};

//===----------------------------------------------------------------------===//
// Caching allocator
//===----------------------------------------------------------------------===//

/// Hands out blocks of size classes and keeps freed blocks for reuse, over
/// an allocate/free pair (cuMemAlloc/cuMemFree, cuMemHostAlloc/...). Not
/// thread-safe: each device owns its own.
class CachingAllocator {
public:
  /// Returns the new block's address, or an error (out of memory).
  using Allocate = std::function<StatusOr<uint64_t>(uint64_t bytes)>;
  using Free = std::function<void(uint64_t address)>;

  CachingAllocator(Allocate allocate, Free free);
  ~CachingAllocator();
  CachingAllocator(const CachingAllocator &) = delete;
  CachingAllocator &operator=(const CachingAllocator &) = delete;

  /// The size a request is rounded to: at least 512 bytes, powers of two up
  /// to 1 MiB, multiples of 2 MiB above.
  static uint64_t sizeClass(uint64_t bytes);

  /// A block of at least `bytes` (0 gives a block too): a cached one of the
  /// same class if any, else a new one; when the backend fails, the cache
  /// is freed and the allocation tried once more.
  StatusOr<uint64_t> allocate(uint64_t bytes);
  /// Returns a block to the cache. An address allocate() did not return is
  /// ignored.
  void release(uint64_t address);
  /// Frees every cached block.
  void trim();

  uint64_t bytesInUse() const { return inUse_; }
  uint64_t bytesCached() const { return cached_; }
  /// How many blocks the backend allocated (a reuse does not count).
  uint64_t backendAllocations() const { return backendAllocations_; }

private:
  Allocate allocate_;
  Free free_;
  /// Live blocks: address -> size class.
  std::map<uint64_t, uint64_t> live_;
  /// Cached blocks by size class.
  std::multimap<uint64_t, uint64_t> cache_;
  uint64_t inUse_ = 0, cached_ = 0, backendAllocations_ = 0;
};

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_DEVICES_CUDA_CUDAPLANNING_H
