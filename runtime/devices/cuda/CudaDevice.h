//===- CudaDevice.h - The cuda device -----------------------------*- C++ -*-===//
//
// Part of Tessera. Runs a rank's commands on an NVIDIA GPU through the
// driver API and cuBLASLt, both loaded with dlopen (CudaLibraries.h), per
// docs/design/0004-cuda.md:
//
//   context     the GPU's primary context (shared with cuBLASLt, NCCL and
//               any CUDA runtime code in the process), made current on
//               every thread that uses the device
//   streams     one compute stream for kernels, matmuls, copies and the
//               input/output transfers; one communication stream for NCCL,
//               ordered after the compute stream's work with an event, and
//               the compute stream after it with another
//   memory      the rank's arena, allocated once (zeroed); each Constant
//               segment uploaded once, when the program is prepared; the
//               inputs the rank reads and the outputs it writes in device
//               buffers, copied each run through pinned host staging;
//               everything else (those buffers, the staging, cuBLASLt's
//               workspace, communication staging) from caching allocators
//   Dispatch    the executable's code for this GPU (CudaPlanning.h:
//               selectCudaImage), each launch checked against the GPU's
//               limits and run with cuLaunchKernel, one device pointer per
//               buffer argument as its parameters
//   MatMulCall  cuBLASLt (planMatMul): bias, Relu and GeluTanh epilogues,
//               a residual through beta = 1 with the residual as C (copied
//               to the result first when it is another buffer)
//   Copy        cuMemcpyDtoDAsync
//   Conv2dCall, Pool2dCall  refused: the compiler emits kernels for them on
//               the cuda target
//   collectives through the rank's communicator: NCCL on device memory and
//               the communication stream, or a host communicator (local,
//               MPI) through pinned staging when NCCL cannot be used
//
// Work is asynchronous: endRun waits for the GPU, so an error of a kernel
// is reported there ("finishing the run on cuda:0: ...").
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_DEVICES_CUDA_CUDADEVICE_H
#define TESSERA_RUNTIME_DEVICES_CUDA_CUDADEVICE_H

#include "runtime/devices/Device.h"

#include <memory>
#include <string>

namespace tessera::runtime {

struct CudaDeviceOptions {
  /// The GPU's ordinal (cuDeviceGet).
  int ordinal = 0;
  /// Let cuBLASLt use TF32 tensor cores for f32 matmuls (faster, about 10
  /// bits of mantissa); off: full f32, as PyTorch's default.
  bool allowTf32 = false;
};

/// What the process sees: the number of GPUs, or kUnavailable "the cuda
/// device needs an NVIDIA GPU: <why>".
StatusOr<int> cudaDeviceCount();

class CudaDevice final : public Device {
public:
  /// Loads the driver and cuBLASLt when needed; kUnavailable "the cuda
  /// device needs an NVIDIA GPU: ..." without them, kInvalidArgument for an
  /// ordinal the machine does not have.
  static StatusOr<std::unique_ptr<CudaDevice>>
  create(const CudaDeviceOptions &options = {});
  ~CudaDevice() override;

  std::string name() const override;
  /// "NVIDIA H100 80GB HBM3, sm_90, 132 SMs, 79.2 GiB; CUDA 13.0 driver,
  /// cuBLASLt 130100"
  std::string description() const;
  int ordinal() const;
  /// The communication stream (a CUstream), for the nccl communicator.
  void *communicationStream() const;

  Status attach(const Artifact &artifact, const RankProgram &program) override;
  StatusOr<void *> allocateArena(uint64_t size) override;
  StatusOr<void *> constantAddress(const Artifact &artifact, uint32_t segment,
                                   uint64_t offset) override;
  StatusOr<std::unique_ptr<PreparedCommand>>
  prepare(const Command &command, const PrepareContext &context) override;
  StatusOr<std::unique_ptr<PreparedCommand>>
  prepareCommunication(const Command &command,
                       std::unique_ptr<PreparedCommand> generic,
                       Communicator &communicator) override;
  Status beginRun(std::vector<const void *> &inputs,
                  std::vector<void *> &outputs) override;
  Status endRun(const std::vector<void *> &outputs, bool failed) override;
  Status synchronize() override;

  struct State;

private:
  CudaDevice();
  std::unique_ptr<State> state_;
};

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_DEVICES_CUDA_CUDADEVICE_H
