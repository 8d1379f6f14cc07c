//===- NcclCommunicator.cpp - Collectives of CUDA devices over NCCL -------===//
//
// Part of Tessera. The communicator of a rank whose buffers are device
// memory. Nothing here is linked: the NVIDIA driver (libcuda.so.1) and NCCL
// (libnccl.so.2) are loaded with dlopen when a communicator is created, so
// the same binary runs where there is no GPU and says so plainly.
//
//   - NCCL's unique id goes from rank 0 to the others over the bootstrap
//     communicator (mpi across processes, local for GPUs of one process),
//     which also carries failure notices (poll()).
//   - Communicators are created non-blocking (config.blocking = 0) and every
//     wait polls ncclCommGetAsyncError and the stream against the deadline;
//     on a timeout or a peer's failure every NCCL communicator of this rank
//     is aborted (ncclCommAbort), the only way to get a stuck kernel back.
//     NCCL does not tell which rank is missing: a timeout names the group.
//   - prepareGroups splits one sub-communicator per group (ncclCommSplit,
//     every rank in the same order, non-members with NCCL_SPLIT_NOCOLOR);
//     AllReduce, AllGather and ReduceScatter are NCCL's own; AllToAll,
//     CollectivePermute is grouped ncclSend/ncclRecv.
//   - Send and Recv (pipeline stages) go through the bootstrap communicator,
//     staged through host memory. The Communicator contract says a Send
//     never waits for its receiver, and pipeline programs rely on it (the
//     first stage sends every microbatch before it receives the outputs
//     that the last stage sends back), but NCCL's point to point is a
//     rendezvous: ncclSend would wait for a ncclRecv that the peer only
//     posts after its own blocked ncclSend, and both would time out.
//   - Limits: NCCL reduces no i16, u16 or bool; reductions are NCCL's, so
//     their bits may differ from the host communicators'.
//
//===----------------------------------------------------------------------===//

#include "runtime/collectives/Launch.h"

#include <cuda.h>
#include <nccl.h>

#include <algorithm>
#include <cstring>
#include <dlfcn.h>
#include <map>
#include <sched.h>
#include <time.h>

namespace tessera::runtime {
namespace {

using Clock = std::chrono::steady_clock;

/// The driver functions used, resolved by their versioned symbol names.
struct CudaApi {
  void *library = nullptr;
  CUresult (*init)(unsigned int) = nullptr;
  CUresult (*getErrorName)(CUresult, const char **) = nullptr;
  CUresult (*deviceGet)(CUdevice *, int) = nullptr;
  CUresult (*primaryCtxRetain)(CUcontext *, CUdevice) = nullptr;
  CUresult (*ctxSetCurrent)(CUcontext) = nullptr;
  CUresult (*streamCreate)(CUstream *, unsigned int) = nullptr;
  CUresult (*streamQuery)(CUstream) = nullptr;
  CUresult (*memcpyDtoDAsync)(CUdeviceptr, CUdeviceptr, size_t,
                              CUstream) = nullptr;
  CUresult (*memsetD8Async)(CUdeviceptr, unsigned char, size_t,
                            CUstream) = nullptr;
  CUresult (*memcpyDtoHAsync)(void *, CUdeviceptr, size_t, CUstream) = nullptr;
  CUresult (*memcpyHtoDAsync)(CUdeviceptr, const void *, size_t,
                              CUstream) = nullptr;

  std::string error(CUresult result) const {
    const char *name = nullptr;
    if (getErrorName && getErrorName(result, &name) == CUDA_SUCCESS && name)
      return name;
    return "CUDA error " + std::to_string(int(result));
  }
};

struct NcclApi {
  void *library = nullptr;
  ncclResult_t (*getUniqueId)(ncclUniqueId *) = nullptr;
  ncclResult_t (*commInitRankConfig)(ncclComm_t *, int, ncclUniqueId, int,
                                     ncclConfig_t *) = nullptr;
  ncclResult_t (*commSplit)(ncclComm_t, int, int, ncclComm_t *,
                            ncclConfig_t *) = nullptr;
  ncclResult_t (*commGetAsyncError)(ncclComm_t, ncclResult_t *) = nullptr;
  ncclResult_t (*commAbort)(ncclComm_t) = nullptr;
  ncclResult_t (*commDestroy)(ncclComm_t) = nullptr;
  const char *(*getErrorString)(ncclResult_t) = nullptr;
  ncclResult_t (*allReduce)(const void *, void *, size_t, ncclDataType_t,
                            ncclRedOp_t, ncclComm_t, cudaStream_t) = nullptr;
  ncclResult_t (*allGather)(const void *, void *, size_t, ncclDataType_t,
                            ncclComm_t, cudaStream_t) = nullptr;
  ncclResult_t (*reduceScatter)(const void *, void *, size_t, ncclDataType_t,
                                ncclRedOp_t, ncclComm_t,
                                cudaStream_t) = nullptr;
  ncclResult_t (*send)(const void *, size_t, ncclDataType_t, int, ncclComm_t,
                       cudaStream_t) = nullptr;
  ncclResult_t (*recv)(void *, size_t, ncclDataType_t, int, ncclComm_t,
                       cudaStream_t) = nullptr;
  ncclResult_t (*groupStart)() = nullptr;
  ncclResult_t (*groupEnd)() = nullptr;

  std::string error(ncclResult_t result) const {
    return getErrorString ? getErrorString(result)
                          : "NCCL error " + std::to_string(int(result));
  }
};

template <typename F> bool resolve(void *library, const char *name, F &out) {
  out = reinterpret_cast<F>(dlsym(library, name));
  return out != nullptr;
}

Status loadCuda(CudaApi &api) {
  api.library = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!api.library)
    return Status(StatusCode::kUnavailable,
                  std::string("the nccl communicator needs an NVIDIA GPU, and "
                              "this machine has no NVIDIA driver (") +
                      dlerror() + ")");
  bool ok =
      resolve(api.library, "cuInit", api.init) &&
      resolve(api.library, "cuGetErrorName", api.getErrorName) &&
      resolve(api.library, "cuDeviceGet", api.deviceGet) &&
      resolve(api.library, "cuDevicePrimaryCtxRetain", api.primaryCtxRetain) &&
      resolve(api.library, "cuCtxSetCurrent", api.ctxSetCurrent) &&
      resolve(api.library, "cuStreamCreate", api.streamCreate) &&
      resolve(api.library, "cuStreamQuery", api.streamQuery) &&
      resolve(api.library, "cuMemcpyDtoDAsync_v2", api.memcpyDtoDAsync) &&
      resolve(api.library, "cuMemsetD8Async", api.memsetD8Async) &&
      resolve(api.library, "cuMemcpyDtoHAsync_v2", api.memcpyDtoHAsync) &&
      resolve(api.library, "cuMemcpyHtoDAsync_v2", api.memcpyHtoDAsync);
  if (!ok)
    return Status(StatusCode::kUnavailable,
                  "the NVIDIA driver (libcuda.so.1) lacks a function the nccl "
                  "communicator needs (driver too old?)");
  CUresult result = api.init(0);
  if (result != CUDA_SUCCESS)
    return Status(StatusCode::kUnavailable,
                  "the nccl communicator needs an NVIDIA GPU, and cuInit "
                  "failed: " +
                      api.error(result) +
                      (result == CUDA_ERROR_STUB_LIBRARY
                           ? " (this is the CUDA toolkit's stub, not a driver)"
                       : result == CUDA_ERROR_NO_DEVICE ? " (no GPU)"
                                                        : ""));
  return Status::ok();
}

Status loadNccl(NcclApi &api) {
  api.library = dlopen("libnccl.so.2", RTLD_NOW | RTLD_LOCAL);
  if (!api.library)
    return Status(StatusCode::kUnavailable,
                  std::string("NCCL is not installed (") + dlerror() + ")");
  bool ok =
      resolve(api.library, "ncclGetUniqueId", api.getUniqueId) &&
      resolve(api.library, "ncclCommInitRankConfig", api.commInitRankConfig) &&
      resolve(api.library, "ncclCommSplit", api.commSplit) &&
      resolve(api.library, "ncclCommGetAsyncError", api.commGetAsyncError) &&
      resolve(api.library, "ncclCommAbort", api.commAbort) &&
      resolve(api.library, "ncclCommDestroy", api.commDestroy) &&
      resolve(api.library, "ncclGetErrorString", api.getErrorString) &&
      resolve(api.library, "ncclAllReduce", api.allReduce) &&
      resolve(api.library, "ncclAllGather", api.allGather) &&
      resolve(api.library, "ncclReduceScatter", api.reduceScatter) &&
      resolve(api.library, "ncclSend", api.send) &&
      resolve(api.library, "ncclRecv", api.recv) &&
      resolve(api.library, "ncclGroupStart", api.groupStart) &&
      resolve(api.library, "ncclGroupEnd", api.groupEnd);
  if (!ok)
    return Status(StatusCode::kUnavailable,
                  "libnccl.so.2 lacks a function the nccl communicator needs "
                  "(NCCL 2.18 or newer is required)");
  return Status::ok();
}

/// NCCL's type for a reduction; none for i16, u16 and bool.
bool ncclTypeOf(DType dtype, ncclDataType_t &out) {
  switch (dtype) {
  case DType::F32:
    out = ncclFloat32;
    return true;
  case DType::F16:
    out = ncclFloat16;
    return true;
  case DType::BF16:
    out = ncclBfloat16;
    return true;
  case DType::F64:
    out = ncclFloat64;
    return true;
  case DType::I8:
    out = ncclInt8;
    return true;
  case DType::I32:
    out = ncclInt32;
    return true;
  case DType::I64:
    out = ncclInt64;
    return true;
  case DType::U8:
    out = ncclUint8;
    return true;
  case DType::U32:
    out = ncclUint32;
    return true;
  case DType::U64:
    out = ncclUint64;
    return true;
  default:
    return false;
  }
}

ncclRedOp_t ncclOpOf(ReduceOp op) {
  switch (op) {
  case ReduceOp::Sum:
    return ncclSum;
  case ReduceOp::Max:
    return ncclMax;
  case ReduceOp::Min:
    return ncclMin;
  case ReduceOp::Prod:
    return ncclProd;
  }
  return ncclSum;
}

CUdeviceptr devicePointer(const void *p) {
  return CUdeviceptr(reinterpret_cast<uintptr_t>(p));
}

class NcclCommunicator final : public Communicator {
public:
  explicit NcclCommunicator(std::shared_ptr<Communicator> bootstrap)
      : bootstrap_(std::move(bootstrap)), rank_(bootstrap_->rank()),
        size_(bootstrap_->size()) {}

  ~NcclCommunicator() override {
    for (auto &[group, comm] : groups_)
      if (comm)
        broken_.isOk() ? nccl_.commDestroy(comm) : nccl_.commAbort(comm);
    if (world_)
      broken_.isOk() ? nccl_.commDestroy(world_) : nccl_.commAbort(world_);
  }

  Status init(int cudaDevice, double timeoutSeconds, void *stream) {
    setTimeout(timeoutSeconds);
    TESSERA_RETURN_IF_ERROR(loadCuda(cuda_));
    TESSERA_RETURN_IF_ERROR(loadNccl(nccl_));
    CUdevice device;
    TESSERA_RETURN_IF_ERROR(cudaCall(cuda_.deviceGet(&device, cudaDevice),
                                     "cuDeviceGet", __LINE__));
    CUcontext context;
    TESSERA_RETURN_IF_ERROR(cudaCall(cuda_.primaryCtxRetain(&context, device),
                                     "cuDevicePrimaryCtxRetain", __LINE__));
    TESSERA_RETURN_IF_ERROR(
        cudaCall(cuda_.ctxSetCurrent(context), "cuCtxSetCurrent", __LINE__));
    // The cuda device's communication stream, ordered after its compute
    // stream by the device; or a stream of our own.
    if (stream)
      stream_ = static_cast<CUstream>(stream);
    else
      TESSERA_RETURN_IF_ERROR(
          cudaCall(cuda_.streamCreate(&stream_, CU_STREAM_NON_BLOCKING),
                   "cuStreamCreate", __LINE__));
    // The unique id, from rank 0 over the bootstrap communicator.
    ncclUniqueId id;
    std::memset(&id, 0, sizeof(id));
    if (rank_ == 0) {
      TESSERA_RETURN_IF_ERROR(
          ncclCall(nccl_.getUniqueId(&id), "ncclGetUniqueId", __LINE__));
      for (uint32_t r = 1; r < size_; ++r)
        TESSERA_RETURN_IF_ERROR(
            bootstrap_->send(&id, sizeof(id), DType::U8, r));
    } else {
      TESSERA_RETURN_IF_ERROR(bootstrap_->recv(&id, sizeof(id), DType::U8, 0));
    }
    ncclConfig_t config = NCCL_CONFIG_INITIALIZER;
    config.blocking = 0;
    ncclResult_t result =
        nccl_.commInitRankConfig(&world_, int(size_), id, int(rank_), &config);
    if (result != ncclSuccess && result != ncclInProgress)
      return ncclCall(result, "ncclCommInitRankConfig", __LINE__);
    return settle({world_}, deadline(), "creating the NCCL communicator");
  }

  const char *kind() const override { return "nccl"; }
  uint32_t rank() const override { return rank_; }
  uint32_t size() const override { return size_; }
  MemoryKind memory() const override { return MemoryKind::Device; }
  bool peerFailed() const override {
    return peerFailed_ || bootstrap_->peerFailed();
  }
  Status poll() override { return bootstrap_->poll(); }
  void abort(const Status &status) override { bootstrap_->abort(status); }

  Status
  prepareGroups(const std::vector<std::vector<uint32_t>> &groups) override {
    auto until = deadline();
    for (const std::vector<uint32_t> &group : groups) {
      if (groups_.count(group))
        continue;
      int64_t index = indexInGroup(group, rank_);
      ncclConfig_t config = NCCL_CONFIG_INITIALIZER;
      config.blocking = 0;
      ncclComm_t comm = nullptr;
      ncclResult_t result =
          nccl_.commSplit(world_, index >= 0 ? 0 : NCCL_SPLIT_NOCOLOR,
                          int(std::max<int64_t>(index, 0)), &comm, &config);
      if (result != ncclSuccess && result != ncclInProgress)
        return ncclCall(result, "ncclCommSplit", __LINE__);
      std::vector<ncclComm_t> comms = {world_};
      if (comm)
        comms.push_back(comm);
      TESSERA_RETURN_IF_ERROR(settle(
          comms, until,
          "splitting the NCCL communicator of ranks " + groupText(group)));
      groups_[group] = comm;
    }
    return Status::ok();
  }

  Status allReduce(const void *input, void *result, uint64_t count, DType dtype,
                   ReduceOp op, const std::vector<uint32_t> &group) override {
    std::string what =
        operationText("AllReduce", reduceOpName(op), dtype, count, group);
    TESSERA_ASSIGN_OR_RETURN(ncclComm_t comm, groupComm(group));
    ncclDataType_t type;
    TESSERA_RETURN_IF_ERROR(reducible(dtype, what, type));
    return enqueue(
        [&] {
          return nccl_.allReduce(input, result, count, type, ncclOpOf(op), comm,
                                 stream_);
        },
        comm, what);
  }

  Status allGather(const void *input, void *result, uint64_t count, DType dtype,
                   const std::vector<uint32_t> &group) override {
    std::string what = operationText("AllGather", nullptr, dtype, count, group);
    TESSERA_ASSIGN_OR_RETURN(ncclComm_t comm, groupComm(group));
    size_t bytes = count * dtypeSize(dtype);
    return enqueue(
        [&] {
          return nccl_.allGather(input, result, bytes, ncclUint8, comm,
                                 stream_);
        },
        comm, what);
  }

  Status reduceScatter(const void *input, void *result, uint64_t count,
                       DType dtype, ReduceOp op,
                       const std::vector<uint32_t> &group) override {
    std::string what =
        operationText("ReduceScatter", reduceOpName(op), dtype, count, group);
    TESSERA_ASSIGN_OR_RETURN(ncclComm_t comm, groupComm(group));
    ncclDataType_t type;
    TESSERA_RETURN_IF_ERROR(reducible(dtype, what, type));
    return enqueue(
        [&] {
          return nccl_.reduceScatter(input, result, count, type, ncclOpOf(op),
                                     comm, stream_);
        },
        comm, what);
  }

  Status allToAll(const void *input, void *result, uint64_t count, DType dtype,
                  const std::vector<uint32_t> &group) override {
    std::string what = operationText("AllToAll", nullptr, dtype, count, group);
    TESSERA_ASSIGN_OR_RETURN(ncclComm_t comm, groupComm(group));
    size_t bytes = count * dtypeSize(dtype);
    const char *in = static_cast<const char *>(input);
    char *out = static_cast<char *>(result);
    return enqueue(
        [&] {
          ncclResult_t r = nccl_.groupStart();
          for (size_t i = 0; r == ncclSuccess && i < group.size(); ++i) {
            r = nccl_.send(in + i * bytes, bytes, ncclUint8, int(i), comm,
                           stream_);
            if (r == ncclSuccess)
              r = nccl_.recv(out + i * bytes, bytes, ncclUint8, int(i), comm,
                             stream_);
          }
          ncclResult_t end = nccl_.groupEnd();
          return r != ncclSuccess ? r : end;
        },
        comm, what);
  }

  Status collectivePermute(const void *input, void *result, uint64_t count,
                           DType dtype, int64_t sendTo,
                           int64_t recvFrom) override {
    TESSERA_RETURN_IF_ERROR(checkPeer(sendTo, size_, true, true, rank_));
    TESSERA_RETURN_IF_ERROR(checkPeer(recvFrom, size_, true, true, rank_));
    std::string what =
        operationText("CollectivePermute", nullptr, dtype, count, {});
    size_t bytes = count * dtypeSize(dtype);
    if (recvFrom < 0 && bytes)
      TESSERA_RETURN_IF_ERROR(cudaCall(
          cuda_.memsetD8Async(devicePointer(result), 0, bytes, stream_),
          "cuMemsetD8Async", __LINE__));
    return enqueue(
        [&] {
          ncclResult_t r = nccl_.groupStart();
          if (r == ncclSuccess && sendTo >= 0)
            r = nccl_.send(input, bytes, ncclUint8, int(sendTo), world_,
                           stream_);
          if (r == ncclSuccess && recvFrom >= 0)
            r = nccl_.recv(result, bytes, ncclUint8, int(recvFrom), world_,
                           stream_);
          ncclResult_t end = nccl_.groupEnd();
          return r != ncclSuccess ? r : end;
        },
        world_, what);
  }

  // Buffered, through the bootstrap (see the file comment): the device
  // data is copied to the host on this rank's stream first.
  Status send(const void *input, uint64_t count, DType dtype,
              uint32_t peer) override {
    TESSERA_RETURN_IF_ERROR(checkPeer(peer, size_, false, false, rank_));
    if (!broken_.isOk())
      return broken_;
    std::string what = operationText("Send", nullptr, dtype, count, {}) +
                       " to rank " + std::to_string(peer);
    size_t bytes = count * dtypeSize(dtype);
    std::vector<uint8_t> host(bytes);
    if (bytes) {
      auto until = deadline();
      TESSERA_RETURN_IF_ERROR(
          cudaCall(cuda_.memcpyDtoHAsync(host.data(), devicePointer(input),
                                         bytes, stream_),
                   "cuMemcpyDtoHAsync", __LINE__));
      TESSERA_RETURN_IF_ERROR(waitStream(world_, until, what));
    }
    // A failed rank must not leave the others in NCCL: abort ours too.
    Status sent = bootstrap_->send(host.data(), bytes, DType::U8, peer);
    return sent.isOk() ? sent : fail(sent);
  }

  Status recv(void *result, uint64_t count, DType dtype,
              uint32_t peer) override {
    TESSERA_RETURN_IF_ERROR(checkPeer(peer, size_, false, false, rank_));
    if (!broken_.isOk())
      return broken_;
    std::string what = operationText("Recv", nullptr, dtype, count, {}) +
                       " from rank " + std::to_string(peer);
    size_t bytes = count * dtypeSize(dtype);
    std::vector<uint8_t> host(bytes);
    Status received = bootstrap_->recv(host.data(), bytes, DType::U8, peer);
    if (!received.isOk())
      return fail(received);
    if (!bytes)
      return Status::ok();
    auto until = deadline();
    TESSERA_RETURN_IF_ERROR(
        cudaCall(cuda_.memcpyHtoDAsync(devicePointer(result), host.data(),
                                       bytes, stream_),
                 "cuMemcpyHtoDAsync", __LINE__));
    // The host staging must outlive the copy.
    return waitStream(world_, until, what);
  }

  Status barrier() override {
    // The host ranks meet over the bootstrap once this rank's GPU work ended.
    TESSERA_RETURN_IF_ERROR(
        waitStream(world_, deadline(), "the barrier of all ranks"));
    return bootstrap_->barrier();
  }

private:
  Status cudaCall(CUresult result, const char *call, int line) {
    if (result == CUDA_SUCCESS)
      return Status::ok();
    return makeStatusAt(StatusCode::kUnavailable,
                        std::string(call) + " failed: " + cuda_.error(result),
                        __FILE__, line);
  }
  Status ncclCall(ncclResult_t result, const char *call, int line) {
    if (result == ncclSuccess)
      return Status::ok();
    return makeStatusAt(StatusCode::kUnavailable,
                        std::string(call) + " failed: " + nccl_.error(result),
                        __FILE__, line);
  }

  Status reducible(DType dtype, const std::string &what, ncclDataType_t &type) {
    if (ncclTypeOf(dtype, type))
      return Status::ok();
    return Status(StatusCode::kFailedPrecondition,
                  what + ": NCCL cannot reduce " + dtypeName(dtype));
  }

  StatusOr<ncclComm_t> groupComm(const std::vector<uint32_t> &group) {
    if (!broken_.isOk())
      return broken_;
    TESSERA_RETURN_IF_ERROR(checkGroup(group, rank_, size_));
    auto found = groups_.find(group);
    if (found == groups_.end() || !found->second)
      return Status(StatusCode::kInternal,
                    "no NCCL communicator for ranks " + groupText(group) +
                        " (prepareGroups was not told of it)");
    return found->second;
  }

  /// Every NCCL communicator of this rank, aborted after a failure.
  void abortAll() {
    for (auto &[group, comm] : groups_)
      if (comm) {
        nccl_.commAbort(comm);
        comm = nullptr;
      }
    if (world_) {
      nccl_.commAbort(world_);
      world_ = nullptr;
    }
  }

  Status fail(Status status) {
    abortAll();
    broken_ = status;
    return status;
  }

  /// Waits until the communicators are no longer "in progress" (creation,
  /// splits and enqueueing are asynchronous with config.blocking = 0).
  Status settle(const std::vector<ncclComm_t> &comms, Clock::time_point until,
                const std::string &what) {
    for (;;) {
      bool busy = false;
      for (ncclComm_t comm : comms) {
        ncclResult_t state = ncclSuccess;
        nccl_.commGetAsyncError(comm, &state);
        if (state == ncclInProgress)
          busy = true;
        else if (state != ncclSuccess)
          return fail(Status(StatusCode::kUnavailable,
                             what + ": NCCL failed: " + nccl_.error(state)));
      }
      if (!busy)
        return Status::ok();
      TESSERA_RETURN_IF_ERROR(checkPeers());
      if (Clock::now() >= until)
        return fail(Status(StatusCode::kDeadlineExceeded,
                           what + " " + timedOutText() +
                               ": not every rank joined (NCCL does not say "
                               "which)"));
      pause();
    }
  }

  Status checkPeers() {
    Status status = bootstrap_->poll();
    if (!status.isOk()) {
      peerFailed_ = true;
      return fail(status);
    }
    return Status::ok();
  }

  Status waitStream(ncclComm_t comm, Clock::time_point until,
                    const std::string &what) {
    TESSERA_RETURN_IF_ERROR(settle({comm}, until, what));
    for (;;) {
      CUresult result = cuda_.streamQuery(stream_);
      if (result == CUDA_SUCCESS)
        return Status::ok();
      if (result != CUDA_ERROR_NOT_READY)
        return fail(cudaCall(result, "cuStreamQuery", __LINE__));
      ncclResult_t state = ncclSuccess;
      nccl_.commGetAsyncError(comm, &state);
      if (state != ncclSuccess && state != ncclInProgress)
        return fail(Status(StatusCode::kUnavailable,
                           what + ": NCCL failed: " + nccl_.error(state)));
      TESSERA_RETURN_IF_ERROR(checkPeers());
      if (Clock::now() >= until)
        return fail(Status(StatusCode::kDeadlineExceeded,
                           what + " " + timedOutText() +
                               ": a rank did not join (NCCL does not say "
                               "which); this rank's NCCL communicators were "
                               "aborted"));
      pause();
    }
  }

  template <typename Issue>
  Status enqueue(Issue issue, ncclComm_t comm, const std::string &what) {
    if (!broken_.isOk())
      return broken_;
    TESSERA_RETURN_IF_ERROR(checkPeers());
    auto until = deadline();
    ncclResult_t result = issue();
    if (result != ncclSuccess && result != ncclInProgress)
      return fail(Status(StatusCode::kUnavailable,
                         what + ": NCCL failed: " + nccl_.error(result)));
    return waitStream(comm, until, what);
  }

  static void pause() {
    struct timespec ts = {0, 20000};
    nanosleep(&ts, nullptr);
  }

  std::shared_ptr<Communicator> bootstrap_;
  uint32_t rank_, size_;
  CudaApi cuda_;
  NcclApi nccl_;
  CUstream stream_ = nullptr;
  ncclComm_t world_ = nullptr;
  std::map<std::vector<uint32_t>, ncclComm_t> groups_;
  Status broken_;
  bool peerFailed_ = false;
};

} // namespace

Status ncclLibraryStatusImpl() {
  static const Status status = [] {
    NcclApi api;
    return loadNccl(api);
  }();
  return status;
}

StatusOr<std::shared_ptr<Communicator>>
connectNcclImpl(std::shared_ptr<Communicator> bootstrap, int cudaDevice,
                double timeoutSeconds, void *stream) {
  auto communicator = std::make_shared<NcclCommunicator>(std::move(bootstrap));
  Status status = communicator->init(cudaDevice, timeoutSeconds, stream);
  if (!status.isOk())
    return status;
  return std::shared_ptr<Communicator>(std::move(communicator));
}

} // namespace tessera::runtime
