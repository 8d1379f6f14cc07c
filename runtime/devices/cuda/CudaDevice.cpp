//===- CudaDevice.cpp - The cuda device -----------------------------------===//
//
// Part of Tessera. Buffer addresses handed around as void * are device
// addresses (CUdeviceptr) on this device; nothing on the host dereferences
// them.
//
//===----------------------------------------------------------------------===//

#include "runtime/devices/cuda/CudaDevice.h"

#include "runtime/base/Strings.h"
#include "runtime/collectives/Communicator.h"
#include "runtime/devices/cuda/CudaLibraries.h"
#include "runtime/devices/cuda/CudaPlanning.h"

#include <cmath>
#include <cstring>
#include <map>
#include <set>

namespace tessera::runtime {
namespace {

CUdeviceptr devicePointer(const void *p) {
  return CUdeviceptr(reinterpret_cast<uintptr_t>(p));
}
void *address(CUdeviceptr p) { return reinterpret_cast<void *>(uintptr_t(p)); }

uint64_t alignUp(uint64_t value, uint64_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

/// cuBLASLt's recommended workspace on Hopper.
constexpr uint64_t kWorkspaceBytes = uint64_t(32) << 20;

float activate(float x, Activation activation) {
  switch (activation) {
  case Activation::None:
    return x;
  case Activation::Relu:
    return x > 0 ? x : 0;
  case Activation::GeluErf:
    return 0.5f * x * (1 + std::erf(x * 0.70710678f));
  case Activation::GeluTanh:
    return 0.5f * x *
           (1 + std::tanh(0.7978845608f * (x + 0.044715f * x * x * x)));
  case Activation::Sigmoid:
    return 1 / (1 + std::exp(-x));
  case Activation::Silu:
    return x / (1 + std::exp(-x));
  }
  return x;
}

cublasLtEpilogue_t epilogueValue(const std::string &name) {
  if (name == "BIAS")
    return CUBLASLT_EPILOGUE_BIAS;
  if (name == "RELU")
    return CUBLASLT_EPILOGUE_RELU;
  if (name == "RELU_BIAS")
    return CUBLASLT_EPILOGUE_RELU_BIAS;
  if (name == "GELU")
    return CUBLASLT_EPILOGUE_GELU;
  if (name == "GELU_BIAS")
    return CUBLASLT_EPILOGUE_GELU_BIAS;
  return CUBLASLT_EPILOGUE_DEFAULT;
}

} // namespace

//===----------------------------------------------------------------------===//
// State
//===----------------------------------------------------------------------===//

struct CudaDevice::State {
  const CudaDriver *cu = nullptr;
  /// cuBLASLt, or why it could not be loaded (reported by the first
  /// MatMulCall).
  const CublasLt *lt = nullptr;
  Status ltStatus;
  CudaDeviceOptions options;

  CUdevice device = 0;
  CUcontext context = nullptr;
  bool retained = false;
  CUstream compute = nullptr, communication = nullptr;
  CUevent computeDone = nullptr, communicationDone = nullptr;
  int major = 0, minor = 0, multiprocessors = 0;
  size_t totalMemory = 0;
  std::string gpuName;
  CudaDeviceLimits limits;

  std::unique_ptr<CachingAllocator> deviceMemory, hostMemory;
  std::vector<CUdeviceptr> arenas;
  /// Constant segments, uploaded once.
  std::map<uint32_t, CUdeviceptr> constants;
  struct Module {
    CUmodule module = nullptr;
    std::string description;
  };
  std::map<uint32_t, Module> modules;
  cublasLtHandle_t ltHandle = nullptr;
  CUdeviceptr workspace = 0;

  /// The attached rank's inputs and outputs: a device copy of bytes
  /// [begin, begin + bytes) of the caller's tensor, staged at `staging`
  /// bytes into the pinned buffer.
  struct Transfer {
    uint32_t index = 0;
    uint64_t begin = 0, bytes = 0;
    CUdeviceptr device = 0;
    uint64_t staging = 0;
  };
  std::vector<Transfer> inputs, outputs;
  uint8_t *staging = nullptr;
  const RankProgram *program = nullptr;
  /// Pinned host memory that communication through a host communicator
  /// stages in (the largest any command needs).
  uint8_t *communicationStaging = nullptr;
  uint64_t communicationStagingBytes = 0;

  Status bind() const {
    return cu->check(cu->ctxSetCurrent(context), "ctxSetCurrent", __FILE__,
                     __LINE__);
  }

  Status allocateDevice(uint64_t bytes, CUdeviceptr &out) {
    StatusOr<uint64_t> block = deviceMemory->allocate(bytes);
    if (!block.isOk())
      return block.status();
    out = CUdeviceptr(*block);
    return Status::ok();
  }

  /// A representative device address of buffer `index` for alignment:
  /// exact for Arena and Constant buffers; for Input and Output buffers,
  /// their offset from a device copy (which is 256-byte aligned).
  uint64_t alignmentHint(const PrepareContext &context, uint32_t index) const {
    const BufferInfo &buffer = context.program->buffers[index];
    if (buffer.storage == StorageKind::Input) {
      for (const Transfer &input : inputs)
        if (input.index == buffer.index)
          return buffer.offset - input.begin;
      return buffer.offset;
    }
    if (buffer.storage == StorageKind::Output)
      return 0;
    return uint64_t(reinterpret_cast<uintptr_t>((*context.staticBuffers)[index]));
  }

  StatusOr<CUmodule> module(const Artifact &artifact, uint32_t index);

  ~State() {
    if (!cu || !context)
      return;
    cu->ctxSetCurrent(context);
    if (compute)
      cu->streamSynchronize(compute);
    if (communication)
      cu->streamSynchronize(communication);
    for (auto &[index, loaded] : modules)
      cu->moduleUnload(loaded.module);
    if (ltHandle && lt)
      lt->destroy(ltHandle);
    deviceMemory.reset();
    hostMemory.reset();
    for (CUdeviceptr arena : arenas)
      cu->memFree(arena);
    for (CUevent event : {computeDone, communicationDone})
      if (event)
        cu->eventDestroy(event);
    for (CUstream stream : {compute, communication})
      if (stream)
        cu->streamDestroy(stream);
    if (retained)
      cu->primaryCtxRelease(device);
  }
};

StatusOr<CUmodule> CudaDevice::State::module(const Artifact &artifact,
                                             uint32_t index) {
  auto found = modules.find(index);
  if (found != modules.end())
    return found->second.module;
  const ExecutableInfo &info = artifact.info().executables[index];
  std::string what = "executable " + std::to_string(index);
  if (info.format == ExecutableFormat::CpuSharedObject)
    return Status(StatusCode::kFailedPrecondition,
                  what + " is CpuSharedObject code (target '" + info.target +
                      "'); the cuda device runs CudaPtx and CudaCubin "
                      "executables: compile with --target=cuda:sm_XX");
  std::string ptxArch;
  std::vector<std::string> cubinArchs;
  if (info.format == ExecutableFormat::CudaPtx) {
    ptxArch = info.target;
    for (const CudaBinaryInfo &cubin : info.cubins)
      cubinArchs.push_back(cubin.arch);
  } else {
    cubinArchs.push_back(info.target);
  }
  StatusOr<CudaImageChoice> choice =
      selectCudaImage(ptxArch, cubinArchs, major, minor);
  if (!choice.isOk())
    return choice.status().withContext(what);
  std::string ptx;
  const void *image = nullptr;
  if (choice->ptx) {
    // The driver reads PTX as a NUL-terminated string.
    ptx.assign(reinterpret_cast<const char *>(artifact.segmentData(info.segment)),
               size_t(artifact.segmentSize(info.segment)));
    image = ptx.c_str();
  } else {
    uint32_t segment = info.format == ExecutableFormat::CudaCubin
                           ? info.segment
                           : info.cubins[choice->cubin].segment;
    image = artifact.segmentData(segment);
  }
  char log[16384] = {0};
  CUjit_option options[] = {CU_JIT_ERROR_LOG_BUFFER,
                            CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES};
  void *values[] = {log, reinterpret_cast<void *>(uintptr_t(sizeof(log) - 1))};
  CUmodule loaded = nullptr;
  CUresult result = cu->moduleLoadDataEx(&loaded, image, 2, options, values);
  if (result != CUDA_SUCCESS) {
    Status status = cu->check(result, "moduleLoadDataEx", __FILE__, __LINE__);
    std::string message = what + " (" + choice->description + "): " +
                          status.message();
    if (log[0])
      message += "; the driver's log: " + std::string(log);
    return Status(status.code(), message);
  }
  modules[index] = Module{loaded, choice->description};
  return loaded;
}

//===----------------------------------------------------------------------===//
// Prepared commands
//===----------------------------------------------------------------------===//

namespace {

using State = CudaDevice::State;

class CudaDispatch final : public PreparedCommand {
public:
  CudaDispatch(State &state, std::string name, std::vector<CUfunction> functions,
               std::vector<KernelLaunch> launches, std::vector<uint32_t> args)
      : state_(state), name_(std::move(name)), functions_(std::move(functions)),
        launches_(std::move(launches)), parameters_(std::move(args)) {}

  Status run(void *const *buffers) override {
    parameters_.bind(buffers);
    const CudaDriver &cu = *state_.cu;
    for (size_t i = 0; i < launches_.size(); ++i) {
      const KernelLaunch &l = launches_[i];
      CUresult result = cu.launchKernel(
          functions_[i], l.grid[0], l.grid[1], l.grid[2], l.block[0],
          l.block[1], l.block[2], l.sharedMemory, state_.compute,
          parameters_.pointers(), nullptr);
      if (result != CUDA_SUCCESS)
        return cu.check(result, "launchKernel", __FILE__, __LINE__)
            .withContext("launch " + std::to_string(i) + " ('" + l.function +
                         "')");
    }
    return Status::ok();
  }
  std::string label() const override { return name_; }

private:
  State &state_;
  std::string name_;
  std::vector<CUfunction> functions_;
  std::vector<KernelLaunch> launches_;
  LaunchParameters parameters_;
};

class CudaCopy final : public PreparedCommand {
public:
  CudaCopy(State &state, CopyCommand command)
      : state_(state), command_(command) {}
  Status run(void *const *buffers) override {
    CUdeviceptr source = devicePointer(buffers[command_.source]);
    CUdeviceptr target = devicePointer(buffers[command_.target]);
    if (command_.bytes && source != target)
      TESSERA_CU(*state_.cu, memcpyDtoDAsync, target, source,
                 size_t(command_.bytes), state_.compute);
    return Status::ok();
  }
  std::string label() const override { return "copy"; }

private:
  State &state_;
  CopyCommand command_;
};

class NoWork final : public PreparedCommand {
public:
  explicit NoWork(std::string label) : label_(std::move(label)) {}
  Status run(void *const *) override { return Status::ok(); }
  std::string label() const override { return label_; }

private:
  std::string label_;
};

/// MatMulCall through cuBLASLt: descriptors and the algorithm are chosen
/// once; a run sets the bias pointer and issues the plan's calls.
class CudaMatMul final : public PreparedCommand {
public:
  CudaMatMul(State &state, MatMulCommand command, MatMulPlan plan,
             uint64_t resultBytes)
      : state_(state), command_(std::move(command)), plan_(std::move(plan)),
        resultBytes_(resultBytes) {}
  ~CudaMatMul() override {
    const CublasLt *lt = state_.lt;
    if (!lt)
      return;
    for (cublasLtMatrixLayout_t layout : {a_, b_, c_})
      if (layout)
        lt->matrixLayoutDestroy(layout);
    if (desc_)
      lt->matmulDescDestroy(desc_);
  }

  Status create(const PrepareContext &context) {
    const CublasLt &lt = *state_.lt;
    cublasComputeType_t computeType = state_.options.allowTf32
                                          ? CUBLAS_COMPUTE_32F_FAST_TF32
                                          : CUBLAS_COMPUTE_32F;
    TESSERA_LT(lt, matmulDescCreate, &desc_, computeType, CUDA_R_32F);
    cublasOperation_t transA = plan_.transA ? CUBLAS_OP_T : CUBLAS_OP_N;
    cublasOperation_t transB = plan_.transB ? CUBLAS_OP_T : CUBLAS_OP_N;
    TESSERA_LT(lt, matmulDescSetAttribute, desc_, CUBLASLT_MATMUL_DESC_TRANSA,
               &transA, sizeof(transA));
    TESSERA_LT(lt, matmulDescSetAttribute, desc_, CUBLASLT_MATMUL_DESC_TRANSB,
               &transB, sizeof(transB));
    TESSERA_ASSIGN_OR_RETURN(
        std::string epilogueText,
        epilogueName(command_.activation, command_.bias >= 0));
    cublasLtEpilogue_t epilogue = epilogueValue(epilogueText);
    TESSERA_LT(lt, matmulDescSetAttribute, desc_, CUBLASLT_MATMUL_DESC_EPILOGUE,
               &epilogue, sizeof(epilogue));
    auto layout = [&](const LtLayout &l, int64_t stride,
                      cublasLtMatrixLayout_t &out) -> Status {
      TESSERA_LT(lt, matrixLayoutCreate, &out, CUDA_R_32F, l.rows, l.cols,
                 l.ld);
      if (plan_.batchCount > 1) {
        int32_t count = plan_.batchCount;
        TESSERA_LT(lt, matrixLayoutSetAttribute, out,
                   CUBLASLT_MATRIX_LAYOUT_BATCH_COUNT, &count, sizeof(count));
        TESSERA_LT(lt, matrixLayoutSetAttribute, out,
                   CUBLASLT_MATRIX_LAYOUT_STRIDED_BATCH_OFFSET, &stride,
                   sizeof(stride));
      }
      return Status::ok();
    };
    TESSERA_RETURN_IF_ERROR(layout(plan_.a, plan_.strideA, a_));
    TESSERA_RETURN_IF_ERROR(layout(plan_.b, plan_.strideB, b_));
    TESSERA_RETURN_IF_ERROR(layout(plan_.c, plan_.strideC, c_));

    // The algorithm: cuBLASLt's first choice for these sizes, epilogue and
    // the alignment the operands really have.
    std::vector<int64_t> offsetsA, offsetsB, offsetsC;
    for (const MatMulPlan::Call &call : plan_.calls) {
      offsetsA.push_back(call.a);
      offsetsB.push_back(call.b);
      offsetsC.push_back(call.c);
    }
    uint32_t alignA = operandAlignment(
        state_.alignmentHint(context, command_.rhs), offsetsA, plan_.strideA,
        plan_.batchCount, 4);
    uint32_t alignB = operandAlignment(
        state_.alignmentHint(context, command_.lhs), offsetsB, plan_.strideB,
        plan_.batchCount, 4);
    uint32_t alignC = operandAlignment(
        state_.alignmentHint(context, command_.result), offsetsC,
        plan_.strideC, plan_.batchCount, 4);
    if (command_.bias >= 0) {
      uint32_t alignBias = operandAlignment(
          state_.alignmentHint(context, uint32_t(command_.bias)), {}, 0, 1, 4);
      if (alignBias < 16)
        alignC = std::min(alignC, alignBias); // be conservative
    }
    cublasLtMatmulPreference_t preference = nullptr;
    TESSERA_LT(lt, preferenceCreate, &preference);
    uint64_t workspace = kWorkspaceBytes;
    Status status = Status::ok();
    auto set = [&](cublasLtMatmulPreferenceAttributes_t attribute,
                   const void *value, size_t size) {
      if (status.isOk())
        status = lt.check(lt.preferenceSetAttribute(preference, attribute,
                                                    value, size),
                          "preferenceSetAttribute", __FILE__, __LINE__);
    };
    set(CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES, &workspace,
        sizeof(workspace));
    set(CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_A_BYTES, &alignA, sizeof(alignA));
    set(CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_B_BYTES, &alignB, sizeof(alignB));
    set(CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_C_BYTES, &alignC, sizeof(alignC));
    set(CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_D_BYTES, &alignC, sizeof(alignC));
    cublasLtMatmulHeuristicResult_t heuristic;
    std::memset(&heuristic, 0, sizeof(heuristic));
    int found = 0;
    if (status.isOk())
      status = lt.check(lt.algoGetHeuristic(state_.ltHandle, desc_, a_, b_, c_,
                                            c_, preference, 1, &heuristic,
                                            &found),
                        "algoGetHeuristic", __FILE__, __LINE__);
    lt.preferenceDestroy(preference);
    TESSERA_RETURN_IF_ERROR(status);
    if (found == 0)
      return Status(StatusCode::kUnavailable,
                    "cuBLASLt has no algorithm for this matmul (" +
                        describe() + ")");
    algo_ = heuristic.algo;
    return Status::ok();
  }

  Status run(void *const *buffers) override {
    const CublasLt &lt = *state_.lt;
    CUdeviceptr lhs = devicePointer(buffers[command_.lhs]);
    CUdeviceptr rhs = devicePointer(buffers[command_.rhs]);
    CUdeviceptr result = devicePointer(buffers[command_.result]);
    float alpha = 1, beta = 0;
    if (command_.residual >= 0) {
      // result = ... + residual: cuBLASLt adds beta * C, and C is the
      // result, holding the residual.
      CUdeviceptr residual = devicePointer(buffers[command_.residual]);
      if (residual != result)
        TESSERA_CU(*state_.cu, memcpyDtoDAsync, result, residual,
                   size_t(resultBytes_), state_.compute);
      beta = 1;
    }
    if (command_.bias >= 0) {
      const void *bias = buffers[command_.bias];
      TESSERA_LT(lt, matmulDescSetAttribute, desc_,
                 CUBLASLT_MATMUL_DESC_BIAS_POINTER, &bias, sizeof(bias));
    }
    for (const MatMulPlan::Call &call : plan_.calls) {
      void *c = address(result + uint64_t(call.c) * 4);
      TESSERA_LT(lt, matmul, state_.ltHandle, desc_, &alpha,
                 address(rhs + uint64_t(call.a) * 4), a_,
                 address(lhs + uint64_t(call.b) * 4), b_, &beta, c, c_, c, c_,
                 &algo_, address(state_.workspace), size_t(kWorkspaceBytes),
                 state_.compute);
    }
    return Status::ok();
  }

  std::string label() const override { return "matmul"; }

private:
  std::string describe() const {
    return "m " + std::to_string(plan_.m) + ", n " + std::to_string(plan_.n) +
           ", k " + std::to_string(plan_.k) + ", batch " +
           std::to_string(plan_.batchCount) + " x " +
           std::to_string(plan_.calls.size()) + " calls";
  }

  State &state_;
  MatMulCommand command_;
  MatMulPlan plan_;
  uint64_t resultBytes_;
  cublasLtMatmulDesc_t desc_ = nullptr;
  cublasLtMatrixLayout_t a_ = nullptr, b_ = nullptr, c_ = nullptr;
  cublasLtMatmulAlgo_t algo_;
};

/// A MatMulCall with K = 0: result = act(bias + residual), computed on the
/// host (a rare shape; not worth a kernel).
class CudaMatMulEmptyK final : public PreparedCommand {
public:
  CudaMatMulEmptyK(State &state, MatMulCommand command, uint64_t elements)
      : state_(state), command_(std::move(command)), elements_(elements) {}

  Status run(void *const *buffers) override {
    const CudaDriver &cu = *state_.cu;
    const int64_t n = command_.geometry.n;
    std::vector<float> values(size_t(elements_), 0.f), bias;
    if (command_.residual >= 0)
      TESSERA_CU(cu, memcpyDtoHAsync, values.data(),
                 devicePointer(buffers[command_.residual]), values.size() * 4,
                 state_.compute);
    if (command_.bias >= 0) {
      bias.resize(size_t(n));
      TESSERA_CU(cu, memcpyDtoHAsync, bias.data(),
                 devicePointer(buffers[command_.bias]), bias.size() * 4,
                 state_.compute);
    }
    TESSERA_CU(cu, streamSynchronize, state_.compute);
    for (size_t i = 0; i < values.size(); ++i)
      values[i] = activate(values[i] + (bias.empty() ? 0.f : bias[i % size_t(n)]),
                           command_.activation);
    if (!values.empty())
      TESSERA_CU(cu, memcpyHtoDAsync, devicePointer(buffers[command_.result]),
                 values.data(), values.size() * 4, state_.compute);
    TESSERA_CU(cu, streamSynchronize, state_.compute);
    return Status::ok();
  }
  std::string label() const override { return "matmul"; }

private:
  State &state_;
  MatMulCommand command_;
  uint64_t elements_;
};

/// The buffers a communication command reads and writes (-1: none).
std::pair<int64_t, int64_t> communicationBuffers(const Command &command) {
  return std::visit(
      [](const auto &c) -> std::pair<int64_t, int64_t> {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, SendCommand>)
          return {c.input, -1};
        else if constexpr (std::is_same_v<T, RecvCommand>)
          return {-1, c.result};
        else if constexpr (std::is_same_v<T, AllReduceCommand> ||
                           std::is_same_v<T, AllGatherCommand> ||
                           std::is_same_v<T, ReduceScatterCommand> ||
                           std::is_same_v<T, AllToAllCommand> ||
                           std::is_same_v<T, CollectivePermuteCommand>)
          return {c.input, c.result};
        else
          return {-1, -1};
      },
      command);
}

/// NCCL on the communication stream: it starts after the compute stream's
/// work so far and the compute stream continues after it.
class OrderedCommunication final : public PreparedCommand {
public:
  OrderedCommunication(State &state, std::unique_ptr<PreparedCommand> inner)
      : state_(state), inner_(std::move(inner)) {}
  Status run(void *const *buffers) override {
    const CudaDriver &cu = *state_.cu;
    TESSERA_CU(cu, eventRecord, state_.computeDone, state_.compute);
    TESSERA_CU(cu, streamWaitEvent, state_.communication, state_.computeDone, 0);
    TESSERA_RETURN_IF_ERROR(inner_->run(buffers));
    TESSERA_CU(cu, eventRecord, state_.communicationDone, state_.communication);
    TESSERA_CU(cu, streamWaitEvent, state_.compute, state_.communicationDone, 0);
    return Status::ok();
  }
  std::string label() const override { return inner_->label(); }

private:
  State &state_;
  std::unique_ptr<PreparedCommand> inner_;
};

/// A host communicator (local, MPI) on device buffers: the input comes to
/// pinned host memory once the compute stream has produced it, the
/// communicator works there, and the result goes back.
class StagedCommunication final : public PreparedCommand {
public:
  StagedCommunication(State &state, std::unique_ptr<PreparedCommand> inner,
                      size_t numBuffers, int64_t input, uint64_t inputBytes,
                      int64_t result, uint64_t resultBytes)
      : state_(state), inner_(std::move(inner)), hostBuffers_(numBuffers),
        input_(input), result_(result), inputBytes_(inputBytes),
        resultBytes_(resultBytes) {}

  /// Bytes of staging it needs (input and result, 256-byte aligned).
  uint64_t stagingBytes() const {
    return alignUp(inputBytes_, 256) + alignUp(resultBytes_, 256);
  }

  Status run(void *const *buffers) override {
    const CudaDriver &cu = *state_.cu;
    uint8_t *in = state_.communicationStaging;
    uint8_t *out = in + alignUp(inputBytes_, 256);
    std::copy(buffers, buffers + hostBuffers_.size(), hostBuffers_.begin());
    bool inPlace = input_ >= 0 && result_ >= 0 &&
                   buffers[input_] == buffers[result_];
    if (inPlace)
      out = in;
    if (input_ >= 0) {
      if (inputBytes_)
        TESSERA_CU(cu, memcpyDtoHAsync, in, devicePointer(buffers[input_]),
                   size_t(inputBytes_), state_.compute);
      hostBuffers_[size_t(input_)] = in;
    }
    if (result_ >= 0)
      hostBuffers_[size_t(result_)] = out;
    TESSERA_CU(cu, streamSynchronize, state_.compute);
    TESSERA_RETURN_IF_ERROR(inner_->run(hostBuffers_.data()));
    if (result_ >= 0 && resultBytes_) {
      TESSERA_CU(cu, memcpyHtoDAsync, devicePointer(buffers[result_]), out,
                 size_t(resultBytes_), state_.compute);
      // The staging is reused by the next command.
      TESSERA_CU(cu, streamSynchronize, state_.compute);
    }
    return Status::ok();
  }
  std::string label() const override { return inner_->label(); }

private:
  State &state_;
  std::unique_ptr<PreparedCommand> inner_;
  std::vector<void *> hostBuffers_;
  int64_t input_, result_;
  uint64_t inputBytes_, resultBytes_;
};

} // namespace

//===----------------------------------------------------------------------===//
// CudaDevice
//===----------------------------------------------------------------------===//

StatusOr<int> cudaDeviceCount() {
  TESSERA_ASSIGN_OR_RETURN(const CudaDriver *cu, cudaDriver());
  int count = 0;
  TESSERA_CU(*cu, deviceGetCount, &count);
  return count;
}

CudaDevice::CudaDevice() : state_(std::make_unique<State>()) {}
CudaDevice::~CudaDevice() = default;

StatusOr<std::unique_ptr<CudaDevice>>
CudaDevice::create(const CudaDeviceOptions &options) {
  TESSERA_ASSIGN_OR_RETURN(const CudaDriver *cu, cudaDriver());
  int count = 0;
  TESSERA_CU(*cu, deviceGetCount, &count);
  if (options.ordinal < 0 || options.ordinal >= count)
    return Status(StatusCode::kInvalidArgument,
                  "GPU " + std::to_string(options.ordinal) +
                      " does not exist (this machine has " +
                      std::to_string(count) + (count == 1 ? " GPU)" : " GPUs)"));
  std::unique_ptr<CudaDevice> device(new CudaDevice());
  State &s = *device->state_;
  s.cu = cu;
  s.options = options;
  TESSERA_CU(*cu, deviceGet, &s.device, options.ordinal);
  TESSERA_CU(*cu, primaryCtxRetain, &s.context, s.device);
  s.retained = true;
  TESSERA_RETURN_IF_ERROR(s.bind());

  auto attribute = [&](CUdevice_attribute which, int &out) {
    return cu->check(cu->deviceGetAttribute(&out, which, s.device),
                     "deviceGetAttribute", __FILE__, __LINE__);
  };
  int values[10];
  const CUdevice_attribute attributes[10] = {
      CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_X,
      CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_Y,
      CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_Z,
      CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_X,
      CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_Y,
      CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_Z,
      CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK,
      CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK,
      CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN,
      CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT};
  for (int i = 0; i < 10; ++i)
    TESSERA_RETURN_IF_ERROR(attribute(attributes[i], values[i]));
  TESSERA_RETURN_IF_ERROR(
      attribute(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, s.major));
  TESSERA_RETURN_IF_ERROR(
      attribute(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, s.minor));
  for (int d = 0; d < 3; ++d) {
    s.limits.maxGrid[d] = uint32_t(values[d]);
    s.limits.maxBlock[d] = uint32_t(values[3 + d]);
  }
  s.limits.maxThreadsPerBlock = uint32_t(values[6]);
  s.limits.sharedMemoryPerBlock = uint32_t(values[7]);
  s.limits.sharedMemoryPerBlockOptin =
      std::max(uint32_t(values[8]), uint32_t(values[7]));
  s.multiprocessors = values[9];
  char name[256] = {0};
  TESSERA_CU(*cu, deviceGetName, name, int(sizeof(name) - 1), s.device);
  s.gpuName = name;
  TESSERA_CU(*cu, deviceTotalMem, &s.totalMemory, s.device);

  TESSERA_CU(*cu, streamCreate, &s.compute, CU_STREAM_NON_BLOCKING);
  TESSERA_CU(*cu, streamCreate, &s.communication, CU_STREAM_NON_BLOCKING);
  TESSERA_CU(*cu, eventCreate, &s.computeDone, CU_EVENT_DISABLE_TIMING);
  TESSERA_CU(*cu, eventCreate, &s.communicationDone, CU_EVENT_DISABLE_TIMING);

  State *state = &s;
  s.deviceMemory = std::make_unique<CachingAllocator>(
      [state](uint64_t bytes) -> StatusOr<uint64_t> {
        CUdeviceptr pointer = 0;
        TESSERA_CU(*state->cu, memAlloc, &pointer, size_t(bytes));
        return uint64_t(pointer);
      },
      [state](uint64_t pointer) { state->cu->memFree(CUdeviceptr(pointer)); });
  s.hostMemory = std::make_unique<CachingAllocator>(
      [state](uint64_t bytes) -> StatusOr<uint64_t> {
        void *pointer = nullptr;
        TESSERA_CU(*state->cu, memHostAlloc, &pointer, size_t(bytes),
                   CU_MEMHOSTALLOC_PORTABLE);
        return uint64_t(reinterpret_cast<uintptr_t>(pointer));
      },
      [state](uint64_t pointer) {
        state->cu->memFreeHost(reinterpret_cast<void *>(uintptr_t(pointer)));
      });

  // cuBLASLt is loaded now, but only a MatMulCall needs it.
  StatusOr<const CublasLt *> lt = cublasLt();
  if (lt.isOk())
    s.lt = *lt;
  else
    s.ltStatus = lt.status();
  return device;
}

std::string CudaDevice::name() const {
  return "cuda:" + std::to_string(state_->options.ordinal);
}

int CudaDevice::ordinal() const { return state_->options.ordinal; }

void *CudaDevice::communicationStream() const {
  return state_->communication;
}

std::string CudaDevice::description() const {
  const State &s = *state_;
  std::string out = s.gpuName + ", sm_" + std::to_string(s.major) +
                    std::to_string(s.minor) + ", " +
                    std::to_string(s.multiprocessors) + " SMs, " +
                    formatBytes(s.totalMemory) + "; CUDA " +
                    std::to_string(s.cu->version / 1000) + "." +
                    std::to_string(s.cu->version % 1000 / 10) + " driver, ";
  out += s.lt ? "cuBLASLt " + std::to_string(s.lt->version)
              : std::string("no cuBLASLt");
  if (s.options.allowTf32)
    out += " (TF32)";
  return out;
}

Status CudaDevice::attach(const Artifact &artifact, const RankProgram &program) {
  State &s = *state_;
  TESSERA_RETURN_IF_ERROR(s.bind());
  s.program = &program;
  const ModelInfo &info = artifact.info();
  // The part of each input the rank reads, and the outputs it writes.
  std::map<uint32_t, std::pair<uint64_t, uint64_t>> inputs;
  std::set<uint32_t> outputs;
  for (const BufferInfo &buffer : program.buffers) {
    if (buffer.storage == StorageKind::Input) {
      auto [it, inserted] = inputs.emplace(
          buffer.index,
          std::make_pair(buffer.offset, buffer.offset + buffer.byteSize));
      if (!inserted) {
        it->second.first = std::min(it->second.first, buffer.offset);
        it->second.second =
            std::max(it->second.second, buffer.offset + buffer.byteSize);
      }
    } else if (buffer.storage == StorageKind::Output) {
      outputs.insert(buffer.index);
    }
  }
  uint64_t staging = 0;
  for (const auto &[index, range] : inputs) {
    State::Transfer transfer;
    transfer.index = index;
    transfer.begin = range.first;
    transfer.bytes = range.second - range.first;
    transfer.staging = staging;
    staging += alignUp(transfer.bytes, 256);
    TESSERA_RETURN_IF_ERROR(
        s.allocateDevice(transfer.bytes, transfer.device)
            .withContext("input " + std::to_string(index) + " on " + name()));
    s.inputs.push_back(transfer);
  }
  for (uint32_t index : outputs) {
    State::Transfer transfer;
    transfer.index = index;
    transfer.bytes = info.outputs[index].type.byteSize();
    transfer.staging = staging;
    staging += alignUp(transfer.bytes, 256);
    TESSERA_RETURN_IF_ERROR(
        s.allocateDevice(transfer.bytes, transfer.device)
            .withContext("output " + std::to_string(index) + " on " + name()));
    s.outputs.push_back(transfer);
  }
  if (staging) {
    StatusOr<uint64_t> pinned = s.hostMemory->allocate(staging);
    if (!pinned.isOk())
      return pinned.status().withContext("pinned staging of " +
                                         formatBytes(staging) + " on " + name());
    s.staging = reinterpret_cast<uint8_t *>(uintptr_t(*pinned));
  }
  return Status::ok();
}

StatusOr<void *> CudaDevice::allocateArena(uint64_t size) {
  State &s = *state_;
  TESSERA_RETURN_IF_ERROR(s.bind());
  CUdeviceptr arena = 0;
  CUresult result = s.cu->memAlloc(&arena, size_t(size));
  if (result != CUDA_SUCCESS)
    return s.cu->check(result, "memAlloc", __FILE__, __LINE__)
        .withContext("an arena of " + formatBytes(size) + " on " + name());
  s.arenas.push_back(arena);
  TESSERA_CU(*s.cu, memsetD8, arena, 0, size_t(size));
  return address(arena);
}

StatusOr<void *> CudaDevice::constantAddress(const Artifact &artifact,
                                             uint32_t segment,
                                             uint64_t offset) {
  State &s = *state_;
  auto found = s.constants.find(segment);
  if (found == s.constants.end()) {
    TESSERA_RETURN_IF_ERROR(s.bind());
    uint64_t size = artifact.segmentSize(segment);
    CUdeviceptr copy = 0;
    TESSERA_RETURN_IF_ERROR(s.allocateDevice(size, copy).withContext(
        "constant segment " + std::to_string(segment) + " (" +
        formatBytes(size) + ") on " + name()));
    if (size)
      TESSERA_CU(*s.cu, memcpyHtoD, copy, artifact.segmentData(segment),
                 size_t(size));
    found = s.constants.emplace(segment, copy).first;
  }
  return address(found->second + offset);
}

StatusOr<std::unique_ptr<PreparedCommand>>
CudaDevice::prepare(const Command &command, const PrepareContext &context) {
  State &s = *state_;
  TESSERA_RETURN_IF_ERROR(s.bind());
  const Artifact &artifact = *context.artifact;

  if (const auto *dispatch = std::get_if<DispatchCommand>(&command)) {
    TESSERA_ASSIGN_OR_RETURN(CUmodule module,
                             s.module(artifact, dispatch->executable));
    const KernelInfo &kernel = artifact.info()
                                   .executables[dispatch->executable]
                                   .kernels[dispatch->kernel];
    std::vector<CUfunction> functions;
    std::map<CUfunction, uint32_t> sharedMemory;
    for (size_t i = 0; i < kernel.launches.size(); ++i) {
      const KernelLaunch &launch = kernel.launches[i];
      std::string where = "kernel '" + kernel.name + "' launch " +
                          std::to_string(i) + " ('" + launch.function + "')";
      CUfunction function = nullptr;
      CUresult result =
          s.cu->moduleGetFunction(&function, module, launch.function.c_str());
      if (result != CUDA_SUCCESS)
        return s.cu->check(result, "moduleGetFunction", __FILE__, __LINE__)
            .withContext(where + ": the code has no such function");
      // The parameters: one 8-byte pointer per buffer argument.
      if (s.cu->funcGetParamInfo) {
        size_t offset = 0, size = 0;
        uint32_t count = 0;
        while (count < kernel.numArgs + 1 &&
               s.cu->funcGetParamInfo(function, count, &offset, &size) ==
                   CUDA_SUCCESS) {
          if (count < kernel.numArgs && size != 8)
            return Status(StatusCode::kFailedPrecondition,
                          where + ": parameter " + std::to_string(count) +
                              " is " + std::to_string(size) +
                              " bytes; every parameter must be a device "
                              "pointer (8 bytes), one per buffer argument");
          ++count;
        }
        if (count != kernel.numArgs)
          return Status(StatusCode::kFailedPrecondition,
                        where + ": the function takes " +
                            (count > kernel.numArgs
                                 ? "more than " + std::to_string(kernel.numArgs)
                                 : std::to_string(count)) +
                            " parameters, and the kernel passes " +
                            std::to_string(kernel.numArgs) +
                            " device pointers (one per buffer argument)");
      }
      int maxThreads = 0, staticShared = 0;
      TESSERA_CU(*s.cu, funcGetAttribute, &maxThreads,
                 CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK, function);
      TESSERA_CU(*s.cu, funcGetAttribute, &staticShared,
                 CU_FUNC_ATTRIBUTE_SHARED_SIZE_BYTES, function);
      TESSERA_RETURN_IF_ERROR(checkLaunch(launch, s.limits, uint32_t(maxThreads),
                                          uint32_t(staticShared), where));
      if (needsSharedMemoryOptIn(launch, s.limits)) {
        uint32_t &most = sharedMemory[function];
        if (launch.sharedMemory > most) {
          most = launch.sharedMemory;
          TESSERA_CU(*s.cu, funcSetAttribute, function,
                     CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
                     int(launch.sharedMemory));
        }
      }
      functions.push_back(function);
    }
    return std::unique_ptr<PreparedCommand>(std::make_unique<CudaDispatch>(
        s, kernel.name, std::move(functions), kernel.launches,
        dispatch->args));
  }

  if (const auto *copy = std::get_if<CopyCommand>(&command))
    return std::unique_ptr<PreparedCommand>(std::make_unique<CudaCopy>(s, *copy));

  if (const auto *matmul = std::get_if<MatMulCommand>(&command)) {
    TESSERA_ASSIGN_OR_RETURN(MatMulPlan plan, planMatMul(matmul->geometry));
    const BufferInfo &result = context.program->buffers[matmul->result];
    if (plan.emptyK)
      return std::unique_ptr<PreparedCommand>(
          std::make_unique<CudaMatMulEmptyK>(s, *matmul,
                                             uint64_t(result.type.numElements())));
    if (plan.calls.empty())
      return std::unique_ptr<PreparedCommand>(std::make_unique<NoWork>("matmul"));
    if (!s.lt)
      return s.ltStatus;
    if (!s.ltHandle)
      TESSERA_LT(*s.lt, create, &s.ltHandle);
    if (!s.workspace)
      TESSERA_RETURN_IF_ERROR(s.allocateDevice(kWorkspaceBytes, s.workspace)
                                  .withContext("cuBLASLt's workspace"));
    auto prepared =
        std::make_unique<CudaMatMul>(s, *matmul, std::move(plan), result.byteSize);
    TESSERA_RETURN_IF_ERROR(prepared->create(context));
    return std::unique_ptr<PreparedCommand>(std::move(prepared));
  }

  std::string kind = commandKindName(command);
  if (std::holds_alternative<Conv2dCommand>(command) ||
      std::holds_alternative<Pool2dCommand>(command))
    return Status(StatusCode::kFailedPrecondition,
                  kind + " does not run on the cuda device: for the cuda "
                         "target the compiler emits convolutions and pooling "
                         "as generated kernels (docs/design/0004-cuda.md), "
                         "so this artifact was compiled for another target "
                         "or by an older compiler");
  return Status(StatusCode::kInternal,
                kind + " is not a command the cuda device prepares");
}

StatusOr<std::unique_ptr<PreparedCommand>>
CudaDevice::prepareCommunication(const Command &command,
                                 std::unique_ptr<PreparedCommand> generic,
                                 Communicator &communicator) {
  State &s = *state_;
  if (communicator.memory() == MemoryKind::Device)
    return std::unique_ptr<PreparedCommand>(
        std::make_unique<OrderedCommunication>(s, std::move(generic)));
  auto [input, result] = communicationBuffers(command);
  const std::vector<BufferInfo> &buffers = s.program->buffers;
  uint64_t inputBytes = input >= 0 ? buffers[size_t(input)].byteSize : 0;
  uint64_t resultBytes = result >= 0 ? buffers[size_t(result)].byteSize : 0;
  auto prepared = std::make_unique<StagedCommunication>(
      s, std::move(generic), buffers.size(), input, inputBytes, result,
      resultBytes);
  uint64_t needed = std::max<uint64_t>(prepared->stagingBytes(), 256);
  if (needed > s.communicationStagingBytes) {
    TESSERA_RETURN_IF_ERROR(s.bind());
    if (s.communicationStaging)
      s.hostMemory->release(uint64_t(uintptr_t(s.communicationStaging)));
    StatusOr<uint64_t> pinned = s.hostMemory->allocate(needed);
    if (!pinned.isOk())
      return pinned.status().withContext("pinned staging for communication");
    s.communicationStaging = reinterpret_cast<uint8_t *>(uintptr_t(*pinned));
    s.communicationStagingBytes = needed;
  }
  return std::unique_ptr<PreparedCommand>(std::move(prepared));
}

Status CudaDevice::beginRun(std::vector<const void *> &inputs,
                            std::vector<void *> &outputs) {
  State &s = *state_;
  TESSERA_RETURN_IF_ERROR(s.bind());
  for (const State::Transfer &input : s.inputs) {
    if (input.index >= inputs.size() || !inputs[input.index])
      return Status(StatusCode::kInternal,
                    "input " + std::to_string(input.index) + " is missing");
    if (input.bytes) {
      std::memcpy(s.staging + input.staging,
                  static_cast<const uint8_t *>(inputs[input.index]) + input.begin,
                  size_t(input.bytes));
      TESSERA_CU(*s.cu, memcpyHtoDAsync, input.device, s.staging + input.staging,
                 size_t(input.bytes), s.compute);
    }
    // Buffers add their offset into the whole input to this base.
    inputs[input.index] = address(input.device - input.begin);
  }
  for (const State::Transfer &output : s.outputs) {
    if (output.index >= outputs.size())
      return Status(StatusCode::kInternal,
                    "output " + std::to_string(output.index) + " is missing");
    outputs[output.index] = address(output.device);
  }
  return Status::ok();
}

Status CudaDevice::endRun(const std::vector<void *> &outputs, bool failed) {
  State &s = *state_;
  TESSERA_RETURN_IF_ERROR(s.bind());
  Status status = Status::ok();
  if (!failed)
    for (const State::Transfer &output : s.outputs)
      if (output.bytes && status.isOk())
        status = s.cu->check(
            s.cu->memcpyDtoHAsync(s.staging + output.staging, output.device,
                                  size_t(output.bytes), s.compute),
            "memcpyDtoHAsync", __FILE__, __LINE__);
  // Kernels run asynchronously: their errors surface here.
  for (CUstream stream : {s.compute, s.communication}) {
    Status synced = s.cu->check(s.cu->streamSynchronize(stream),
                                "streamSynchronize", __FILE__, __LINE__);
    if (!synced.isOk() && status.isOk())
      status = synced.withContext(
          "the GPU failed running this run's kernels, matmuls or copies");
  }
  if (failed || !status.isOk())
    return status;
  for (const State::Transfer &output : s.outputs)
    if (output.bytes && output.index < outputs.size() && outputs[output.index])
      std::memcpy(outputs[output.index], s.staging + output.staging,
                  size_t(output.bytes));
  return Status::ok();
}

Status CudaDevice::synchronize() {
  State &s = *state_;
  TESSERA_CU(*s.cu, streamSynchronize, s.compute);
  return Status::ok();
}

} // namespace tessera::runtime
