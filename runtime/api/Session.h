//===- Session.h - Running an artifact ----------------------------*- C++ -*-===//
//
// Part of Tessera. The runtime's C++ API:
//
//   auto session = Session::open("model.tsr");          // load + verify
//   if (!session.isOk()) { ... session.status() ... }
//   for (const TensorSignature &in : (*session)->inputs()) ...
//   StatusOr<std::vector<HostTensor>> outputs = (*session)->run(inputs);
//
// open() maps and verifies the artifact, creates one executor per rank on
// the chosen device kind and prepares every command (code loaded,
// primitives created, constant weights reordered), so run() only runs.
// run() checks its inputs against the signatures (count, dtype, shape;
// a u16 tensor is accepted for a bf16 input, bits as they are) and returns
// the outputs in signature order. Errors are Status values: kNotFound /
// kInvalidArgument for bad files or inputs (tool exit 1), kInvalidArtifact
// (exit 2), anything else a runtime failure (exit 3).
//
// Devices: "cpu" (one per rank, threads of the host) or "cuda" (rank r on
// GPU r % count in one process; under a launcher, the GPU of the process's
// local rank). A cuda mesh communicates through NCCL when every rank has a
// GPU of its own and NCCL loads, else through the host communicator
// (local or MPI) with each collective staged through host memory.
//
// A mesh runs in one of two ways:
//  - in this process (the default): every rank on its own thread (rank 0 on
//    the caller's, the others on threads the session keeps), connected by
//    a LocalWorld; run() returns when all ranks are done;
//  - one rank per process (SessionOptions::launch, from mpirun or srun):
//    this process runs its rank only, connected to the others by MPI; every
//    process calls run() the same number of times, and each run ends with
//    a barrier, so a rank that failed is reported by all.
// Every rank reads the whole inputs; only rank 0 writes outputs, so
// run() returns no outputs in a process that does not run rank 0. When a
// rank fails, the others stop at their next communication with an error
// naming it, and run() reports the rank that failed first.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_API_SESSION_H
#define TESSERA_RUNTIME_API_SESSION_H

#include "runtime/artifact/Artifact.h"
#include "runtime/base/HostTensor.h"
#include "runtime/base/Status.h"
#include "runtime/collectives/Communicator.h"
#include "runtime/collectives/Launch.h"
#include "runtime/executor/Executor.h"
#include "runtime/executor/Trace.h"

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace tessera::runtime {

class LocalWorld;
class RankWorkers;

struct SessionOptions {
  /// The device kind: "cpu" or "cuda".
  std::string device = "cpu";
  /// In-process devices (one per rank); 0: the artifact's mesh size.
  int devices = 0;
  /// Threads each cpu device's library calls use; 0: the library's default
  /// for one device (OMP_NUM_THREADS, else every hardware thread), the
  /// hardware threads divided among the devices of a mesh.
  int threads = 0;
  /// Verify segment checksums when loading.
  bool verifyChecksums = true;
  /// Run library calls with the naive reference loops (debugging; cpu).
  bool referenceCalls = false;
  /// cuda: let f32 matmuls use TF32 tensor cores (cuBLASLt's
  /// CUBLAS_COMPUTE_32F_FAST_TF32); off, they compute in full f32.
  bool allowTf32 = false;
  /// Seconds a collective, receive or barrier waits for the other ranks
  /// before it fails naming the ranks that did not join.
  double collectiveTimeout = kDefaultCollectiveTimeoutSeconds;
  /// Check when loading that the ranks' communication matches; off only to
  /// test how the runtime stops ranks that do not match.
  bool verifyCommunication = true;
  /// Set when a launcher started this process as one rank of several
  /// (detectLaunch): the mesh must have launch->worldSize ranks, and this
  /// process runs rank launch->rank only. Unset (or not launched): every
  /// rank of the mesh runs in this process.
  std::optional<LaunchInfo> launch;
  /// How a launched process reaches the others; default connectMpi.
  std::function<StatusOr<std::shared_ptr<Communicator>>(const LaunchInfo &,
                                                        double timeout)>
      connect;
  /// A failure to inject on purpose (tests; tessera-run's TESSERA_FAULT).
  std::optional<FaultInjection> fault;
};

/// The devices this process could use, a line each: "cpu: oneDNN 2.6.3
/// (OpenMP), 8 hardware threads", then the cuda device's libraries
/// ("cuda driver: ...", "cuda cuBLASLt: ...", "cuda NCCL: ..."; each says
/// where it was found or why it is unavailable). tessera-run
/// --list-devices prints them.
std::vector<std::string> describeDevices();

class Session {
public:
  /// Loads, verifies and prepares the artifact at `path`.
  static StatusOr<std::unique_ptr<Session>>
  open(const std::string &path, const SessionOptions &options = {});
  /// Prepares an artifact already loaded (Artifact::fromBytes, say).
  static StatusOr<std::unique_ptr<Session>>
  create(std::unique_ptr<Artifact> artifact, const SessionOptions &options = {});

  ~Session();

  const std::vector<TensorSignature> &inputs() const;
  const std::vector<TensorSignature> &outputs() const;
  const Artifact &artifact() const { return *artifact_; }
  /// The index of the input or output called `name`.
  std::optional<size_t> inputIndex(const std::string &name) const;
  std::optional<size_t> outputIndex(const std::string &name) const;

  /// Runs the model once. Thread-safe (runs are serialized).
  StatusOr<std::vector<HostTensor>> run(const std::vector<HostTensor> &inputs);
  /// Runs into `outputs`, reusing its tensors when they already have the
  /// output types (no allocation in a benchmark loop).
  Status run(const std::vector<HostTensor> &inputs,
             std::vector<HostTensor> &outputs);
  /// What run() checks first: kInvalidArgument naming the input and the
  /// type it expected.
  Status checkInputs(const std::vector<HostTensor> &inputs) const;

  /// Every later run reports its commands to `sink` (not owned; null
  /// stops tracing).
  void setTraceSink(TraceSink *sink);

  /// "cpu:0 (oneDNN 2.6.3 (OpenMP), 8 threads)"; with a mesh, what runs
  /// here: "cpu:0-3 (4 ranks in this process, ...)".
  std::string deviceDescription() const;
  /// The labels of rank `rank`'s prepared commands ("matmul", kernel
  /// names); empty for a rank another process runs.
  std::vector<std::string> commandLabels(uint32_t rank = 0) const;

  /// The mesh's number of ranks, and those this process runs (ascending).
  uint32_t numRanks() const;
  const std::vector<uint32_t> &localRanks() const { return localRanks_; }
  /// Whether this process runs rank 0, which writes the outputs.
  bool producesOutputs() const;
  /// A launched process's communicator (null when every rank is here).
  Communicator *communicator() const { return processCommunicator_.get(); }

private:
  Session();
  static StatusOr<std::unique_ptr<Session>>
  build(std::unique_ptr<Artifact> artifact, const SessionOptions &options,
        std::shared_ptr<Communicator> processCommunicator);
  Status runRank(size_t local, const std::vector<const void *> &inputs,
                 const std::vector<void *> &outputs);
  /// cuda: a device per local rank, and the description.
  Status createCudaDevices(const SessionOptions &options,
                           std::vector<std::unique_ptr<Device>> &devices);
  /// cuda, when ranks communicate: NCCL communicators on the devices'
  /// communication streams, or nothing (host communicators, staged).
  Status connectCudaCommunicators(
      const SessionOptions &options,
      const std::vector<std::vector<uint32_t>> &groups,
      const std::vector<std::unique_ptr<Device>> &devices);

  std::unique_ptr<Artifact> artifact_;
  std::vector<uint32_t> localRanks_;
  /// One per local rank, in localRanks_ order.
  std::vector<std::unique_ptr<RankExecutor>> executors_;
  std::vector<std::unique_ptr<Communicator>> localCommunicators_;
  std::shared_ptr<LocalWorld> world_;
  std::shared_ptr<Communicator> processCommunicator_;
  /// NCCL communicators of the local ranks (cuda), over the local or
  /// process communicators.
  std::vector<std::shared_ptr<Communicator>> deviceCommunicators_;
  std::unique_ptr<RankWorkers> workers_;
  std::string description_;
  TraceSink *trace_ = nullptr;
  std::mutex mutex_;
};

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_API_SESSION_H
