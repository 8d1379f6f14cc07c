//===- Session.cpp - Running an artifact ----------------------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "runtime/api/Session.h"

#include "runtime/collectives/local/LocalCommunicator.h"
#include "runtime/devices/cpu/CpuDevice.h"
#include "runtime/executor/Executor.h"
#if TESSERA_HAVE_CUDA_DEVICE
#include "runtime/devices/cuda/CudaDevice.h"
#include "runtime/devices/cuda/CudaLibraries.h"
#endif

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <optional>
#include <set>
#include <thread>

namespace tessera::runtime {

/// Threads that run ranks 1..N-1 of an in-process mesh, kept for the
/// session's life: a rank keeps its thread, so its library's thread pool
/// (OpenMP) stays warm between runs. Handing a job over and back spins
/// (yielding) for a moment before sleeping: in a benchmark loop the next
/// run comes within microseconds, and a condition variable's wake-up costs
/// tens of them.
class RankWorkers {
public:
  explicit RankWorkers(size_t count) : workers_(count) {
    for (Worker &worker : workers_)
      worker.thread = std::thread([&worker] { worker.loop(); });
  }
  ~RankWorkers() {
    for (Worker &worker : workers_) {
      {
        std::lock_guard<std::mutex> lock(worker.mutex);
        worker.stop = true;
      }
      worker.cv.notify_all();
      worker.thread.join();
    }
  }

  /// Starts `job()` on worker i.
  void start(size_t i, std::function<Status()> job) {
    Worker &worker = workers_[i];
    {
      std::lock_guard<std::mutex> lock(worker.mutex);
      worker.job = std::move(job);
      worker.posted.fetch_add(1, std::memory_order_release);
    }
    worker.cv.notify_all();
  }
  /// Waits for worker i's job and returns its status.
  Status wait(size_t i) {
    Worker &worker = workers_[i];
    uint64_t posted = worker.posted.load(std::memory_order_relaxed);
    spinUntil([&] {
      return worker.finished.load(std::memory_order_acquire) == posted;
    });
    std::unique_lock<std::mutex> lock(worker.mutex);
    worker.cv.wait(lock, [&] {
      return worker.finished.load(std::memory_order_acquire) == posted;
    });
    return worker.result;
  }

private:
  /// Yields until `done()` or about 200 microseconds passed.
  template <typename Done> static void spinUntil(Done done) {
    auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(200);
    for (int i = 0; !done(); ++i) {
      if (i % 32 == 31 && std::chrono::steady_clock::now() > until)
        return;
      std::this_thread::yield();
    }
  }

  struct Worker {
    std::thread thread;
    std::mutex mutex;
    std::condition_variable cv;
    std::function<Status()> job;
    Status result;
    /// Jobs handed over, and jobs done.
    std::atomic<uint64_t> posted{0}, finished{0};
    bool stop = false;

    void loop() {
      uint64_t done = 0;
      for (;;) {
        spinUntil([&] { return posted.load(std::memory_order_acquire) > done; });
        std::unique_lock<std::mutex> lock(mutex);
        cv.wait(lock, [&] {
          return posted.load(std::memory_order_acquire) > done || stop;
        });
        if (posted.load(std::memory_order_acquire) == done)
          return; // stopped
        std::function<Status()> work = std::move(job);
        lock.unlock();
        Status status = work();
        lock.lock();
        result = status;
        finished.store(++done, std::memory_order_release);
        lock.unlock();
        cv.notify_all();
      }
    }
  };
  std::vector<Worker> workers_;
};

namespace {

std::string meshText(const ModelInfo &info) {
  uint32_t ranks = info.numRanks();
  return info.meshString() + " (" + std::to_string(ranks) +
         (ranks == 1 ? " device)" : " devices)");
}

/// Every group any rank's collectives use, in one order for all ranks.
std::vector<std::vector<uint32_t>> groupsOf(const ModelInfo &info) {
  std::set<std::vector<uint32_t>> groups;
  for (const RankProgram &program : info.ranks)
    for (const Command &command : program.commands)
      std::visit(
          [&](const auto &x) {
            if constexpr (std::is_same_v<std::decay_t<decltype(x)>,
                                         AllReduceCommand> ||
                          std::is_same_v<std::decay_t<decltype(x)>,
                                         AllGatherCommand> ||
                          std::is_same_v<std::decay_t<decltype(x)>,
                                         ReduceScatterCommand> ||
                          std::is_same_v<std::decay_t<decltype(x)>,
                                         AllToAllCommand>)
              groups.insert(x.ranks);
          },
          command);
  return std::vector<std::vector<uint32_t>>(groups.begin(), groups.end());
}

Status checkOptions(const SessionOptions &options) {
  if (options.device != "cpu" && options.device != "cuda")
    return Status(StatusCode::kInvalidArgument,
                  "unknown device '" + options.device +
                      "' (expected cpu or cuda)");
  if (options.devices < 0 || options.threads < 0)
    return Status(StatusCode::kInvalidArgument,
                  "the device and thread counts must not be negative");
  if (!(options.collectiveTimeout > 0))
    return Status(StatusCode::kInvalidArgument,
                  "the collective timeout must be a positive number of seconds");
  return Status::ok();
}

/// --devices must be the mesh size.
Status checkDevices(const SessionOptions &options, const ModelInfo &info) {
  if (options.devices != 0 && uint32_t(options.devices) != info.numRanks())
    return Status(StatusCode::kFailedPrecondition,
                  std::to_string(options.devices) +
                      " devices were asked for, but the artifact's mesh is " +
                      meshText(info) +
                      ": a run has exactly one device per rank of the mesh");
  return Status::ok();
}

bool isLaunched(const SessionOptions &options) {
  return options.launch && options.launch->launched;
}

} // namespace

Session::Session() = default;
Session::~Session() {
  // Worker threads go first: they use the executors and communicators.
  workers_.reset();
  executors_.clear();
}

StatusOr<std::unique_ptr<Session>> Session::open(const std::string &path,
                                                 const SessionOptions &options) {
  TESSERA_RETURN_IF_ERROR(checkOptions(options));
  LoadOptions load;
  load.checkCommunication = options.verifyCommunication;
  // A launched process checks its mesh before it reads any weights, and
  // then only its own rank's.
  load.verifyChecksums = options.verifyChecksums && !isLaunched(options);
  TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<Artifact> artifact,
                           Artifact::open(path, load));
  // A launched process's checksums are verified by create(), after its
  // mesh check.
  return create(std::move(artifact), options);
}

StatusOr<std::unique_ptr<Session>>
Session::create(std::unique_ptr<Artifact> artifact,
                const SessionOptions &options) {
  TESSERA_RETURN_IF_ERROR(checkOptions(options));
  const ModelInfo &info = artifact->info();
  TESSERA_RETURN_IF_ERROR(checkDevices(options, info));
  if (!isLaunched(options))
    return build(std::move(artifact), options, nullptr);

  const LaunchInfo &launch = *options.launch;
  if (launch.worldSize != info.numRanks())
    return Status(StatusCode::kFailedPrecondition,
                  "this process is one of " + std::to_string(launch.worldSize) +
                      " started by " + launch.source +
                      ", but the artifact's mesh is " + meshText(info) +
                      ": start one process per device of the mesh");
  if (launch.worldSize == 1) {
    if (options.verifyChecksums)
      TESSERA_RETURN_IF_ERROR(artifact->verifyChecksums({}));
    return build(std::move(artifact), options, nullptr);
  }
  auto connect = options.connect ? options.connect : connectMpi;
  TESSERA_ASSIGN_OR_RETURN(std::shared_ptr<Communicator> communicator,
                           connect(launch, options.collectiveTimeout));
  communicator->setTimeout(options.collectiveTimeout);
  Status status = options.verifyChecksums
                      ? artifact->verifyChecksums({communicator->rank()})
                      : Status::ok();
  StatusOr<std::unique_ptr<Session>> session =
      status.isOk() ? build(std::move(artifact), options, communicator)
                    : StatusOr<std::unique_ptr<Session>>(status);
  // Every process meets here once it is ready: one that failed tells the
  // others, which then stop instead of waiting for it in their first
  // collective.
  if (!session.isOk()) {
    communicator->abort(session.status());
    return session;
  }
  Status ready = communicator->barrier();
  if (!ready.isOk()) {
    if (!communicator->peerFailed())
      communicator->abort(ready);
    return ready.withContext("rank " + std::to_string(communicator->rank()) +
                             ", waiting for the other processes to load");
  }
  return session;
}

StatusOr<std::unique_ptr<Session>>
Session::build(std::unique_ptr<Artifact> artifact, const SessionOptions &options,
               std::shared_ptr<Communicator> processCommunicator) {
  std::unique_ptr<Session> session(new Session());
  session->artifact_ = std::move(artifact);
  const ModelInfo &info = session->artifact_->info();
  uint32_t ranks = info.numRanks();
  session->processCommunicator_ = processCommunicator;
  if (processCommunicator) {
    session->localRanks_ = {processCommunicator->rank()};
  } else {
    for (uint32_t rank = 0; rank < ranks; ++rank)
      session->localRanks_.push_back(rank);
  }
  size_t local = session->localRanks_.size();

  // The devices, one per local rank.
  std::vector<std::unique_ptr<Device>> devices;
  if (options.device == "cuda") {
    TESSERA_RETURN_IF_ERROR(session->createCudaDevices(options, devices));
  } else {
    // By default a single device leaves the thread count to the library
    // (OpenMP: OMP_NUM_THREADS, else every hardware thread); the ranks that
    // share this machine share its threads.
    int threads = options.threads;
    uint32_t sharing = processCommunicator
                           ? (options.launch ? options.launch->localSize : 0)
                           : ranks;
    if (threads == 0 && sharing > 1)
      threads =
          std::max(1, int(std::thread::hardware_concurrency()) / int(sharing));
    for (size_t i = 0; i < local; ++i) {
      uint32_t rank = session->localRanks_[i];
      CpuDeviceOptions deviceOptions;
      deviceOptions.index = int(rank);
      deviceOptions.threads = threads;
      deviceOptions.referenceCalls = options.referenceCalls;
      TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<CpuDevice> device,
                               CpuDevice::create(deviceOptions));
      if (i == 0) {
        std::string library = options.referenceCalls
                                  ? std::string("reference loops")
                                  : libraryDescription();
        std::string threadText =
            std::to_string(device->threads()) +
            (device->threads() == 1 ? " thread" : " threads");
        if (ranks == 1)
          session->description_ =
              device->name() + " (" + library + ", " + threadText + ")";
        else if (processCommunicator)
          session->description_ =
              device->name() + " (rank " + std::to_string(rank) + " of " +
              std::to_string(ranks) + ", " + processCommunicator->kind() +
              " collectives; " + library + ", " + threadText + ")";
        else
          session->description_ =
              "cpu:0-" + std::to_string(ranks - 1) + " (" +
              std::to_string(ranks) + " ranks in this process, local "
              "collectives; " + library + ", " + threadText + " each)";
      }
      devices.push_back(std::move(device));
    }
  }

  // Communicators: the process's, or a local world when ranks talk here
  // (a one-rank artifact may still hold one-member collectives).
  bool communicates = false;
  for (const RankProgram &program : info.ranks)
    communicates |= program.communicates;
  std::vector<Communicator *> communicators(local, nullptr);
  std::vector<std::vector<uint32_t>> groups = groupsOf(info);
  if (processCommunicator) {
    TESSERA_RETURN_IF_ERROR(processCommunicator->prepareGroups(groups));
    communicators[0] = processCommunicator.get();
  } else if (ranks > 1 || communicates) {
    session->world_ = LocalWorld::create(ranks);
    for (uint32_t rank = 0; rank < ranks; ++rank) {
      session->localCommunicators_.push_back(
          session->world_->communicator(rank, options.collectiveTimeout));
      TESSERA_RETURN_IF_ERROR(
          session->localCommunicators_.back()->prepareGroups(groups));
      communicators[rank] = session->localCommunicators_.back().get();
    }
  }
  if (options.device == "cuda" && communicates) {
    TESSERA_RETURN_IF_ERROR(
        session->connectCudaCommunicators(options, groups, devices));
    for (size_t i = 0; i < session->deviceCommunicators_.size(); ++i)
      communicators[i] = session->deviceCommunicators_[i].get();
  }

  for (size_t i = 0; i < local; ++i) {
    uint32_t rank = session->localRanks_[i];
    ExecutorOptions executorOptions;
    executorOptions.communicator = communicators[i];
    executorOptions.fault = options.fault;
    StatusOr<std::unique_ptr<RankExecutor>> executor = RankExecutor::create(
        *session->artifact_, rank, std::move(devices[i]), executorOptions);
    if (!executor.isOk())
      return executor.status().withContext(session->artifact_->name());
    session->executors_.push_back(std::move(executor).value());
  }
  if (local > 1)
    session->workers_ = std::make_unique<RankWorkers>(local - 1);
  return session;
}

Status Session::createCudaDevices(const SessionOptions &options,
                                  std::vector<std::unique_ptr<Device>> &devices) {
#if TESSERA_HAVE_CUDA_DEVICE
  TESSERA_ASSIGN_OR_RETURN(int count, cudaDeviceCount());
  uint32_t ranks = artifact_->info().numRanks();
  std::set<int> ordinals;
  for (uint32_t rank : localRanks_) {
    // In one process, rank r takes GPU r % count; a launched process the
    // GPU of its rank on its node.
    int64_t slot = rank;
    if (processCommunicator_ && options.launch && options.launch->localRank >= 0)
      slot = options.launch->localRank;
    CudaDeviceOptions deviceOptions;
    deviceOptions.ordinal = int(slot % count);
    deviceOptions.allowTf32 = options.allowTf32;
    TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<CudaDevice> device,
                             CudaDevice::create(deviceOptions));
    ordinals.insert(device->ordinal());
    if (devices.empty()) {
      if (ranks == 1)
        description_ = device->name() + " (" + device->description() + ")";
      else if (processCommunicator_)
        description_ = device->name() + " (rank " + std::to_string(rank) +
                       " of " + std::to_string(ranks) + "; " +
                       device->description() + ")";
      else
        description_ = device->description();
    }
    devices.push_back(std::move(device));
  }
  if (!processCommunicator_ && ranks > 1) {
    // "cuda:0-3 (4 ranks in this process on 4 GPUs; NVIDIA H100 ...)"
    int first = *ordinals.begin(), last = *ordinals.rbegin();
    description_ = "cuda:" + std::to_string(first) +
                   (first == last ? "" : "-" + std::to_string(last)) + " (" +
                   std::to_string(ranks) + " ranks in this process on " +
                   std::to_string(ordinals.size()) +
                   (ordinals.size() == 1 ? " GPU; " : " GPUs; ") +
                   description_ + ")";
  }
  return Status::ok();
#else
  return Status(StatusCode::kUnavailable,
                "the cuda device needs an NVIDIA GPU: this build of the "
                "runtime has no cuda device (the CUDA headers cuda.h and "
                "cublasLt.h were not found when it was built)");
#endif
}

Status Session::connectCudaCommunicators(
    const SessionOptions &options,
    const std::vector<std::vector<uint32_t>> &groups,
    const std::vector<std::unique_ptr<Device>> &devices) {
#if TESSERA_HAVE_CUDA_DEVICE
  // NCCL needs one GPU per rank (it refuses two ranks on one GPU) and its
  // library; otherwise the host communicator carries the collectives and
  // the cuda device stages them through host memory.
  uint32_t ranks = artifact_->info().numRanks();
  std::set<int> ordinals;
  for (const auto &device : devices)
    ordinals.insert(static_cast<const CudaDevice &>(*device).ordinal());
  std::string why;
  Status library = ncclLibraryStatus();
  if (ranks == 1)
    why = "one rank";
  else if (!library.isOk())
    why = library.message();
  else if (ordinals.size() != devices.size())
    why = "ranks share a GPU";
  else if (processCommunicator_ && options.launch &&
           options.launch->localSize > 0 && options.launch->localRank < 0)
    why = "the launcher does not say which GPU is this process's";
  Communicator *host =
      processCommunicator_ ? processCommunicator_.get()
                           : localCommunicators_.empty()
                                 ? nullptr
                                 : localCommunicators_[0].get();
  if (processCommunicator_) {
    // Every process must take the same way: NCCL's creation is collective.
    uint32_t ok = why.empty() ? 1 : 0;
    std::vector<uint32_t> world(ranks);
    for (uint32_t r = 0; r < ranks; ++r)
      world[r] = r;
    TESSERA_RETURN_IF_ERROR(processCommunicator_->allReduce(
        &ok, &ok, 1, DType::U32, ReduceOp::Min, world));
    if (!ok && why.empty())
      why = "another process cannot use NCCL";
  }
  if (!why.empty() || !host) {
    description_.insert(description_.size() - 1,
                        "; " + std::string(host ? host->kind() : "no") +
                            " collectives through host memory" +
                            (why.empty() ? "" : " (" + why + ")"));
    return Status::ok();
  }
  if (processCommunicator_) {
    const auto &device = static_cast<const CudaDevice &>(*devices[0]);
    TESSERA_ASSIGN_OR_RETURN(
        std::shared_ptr<Communicator> nccl,
        connectNccl(processCommunicator_, device.ordinal(),
                    options.collectiveTimeout, device.communicationStream()));
    TESSERA_RETURN_IF_ERROR(nccl->prepareGroups(groups));
    deviceCommunicators_.push_back(std::move(nccl));
  } else {
    // NCCL's creation is collective: every rank's on its own thread.
    std::vector<std::optional<StatusOr<std::shared_ptr<Communicator>>>> made(
        ranks);
    std::vector<std::thread> threads;
    for (uint32_t rank = 0; rank < ranks; ++rank)
      threads.emplace_back([&, rank] {
        const auto &device = static_cast<const CudaDevice &>(*devices[rank]);
        Communicator *bootstrap = localCommunicators_[rank].get();
        // The session keeps the local communicators alive longer than NCCL's.
        std::shared_ptr<Communicator> shared(bootstrap, [](Communicator *) {});
        StatusOr<std::shared_ptr<Communicator>> nccl =
            connectNccl(shared, device.ordinal(), options.collectiveTimeout,
                        device.communicationStream());
        if (nccl.isOk()) {
          Status prepared = (*nccl)->prepareGroups(groups);
          if (!prepared.isOk())
            nccl = prepared;
        }
        if (!nccl.isOk() && !bootstrap->peerFailed())
          bootstrap->abort(nccl.status());
        made[rank] = std::move(nccl);
      });
    for (std::thread &thread : threads)
      thread.join();
    for (uint32_t rank = 0; rank < ranks; ++rank)
      if (!made[rank]->isOk()) {
        std::optional<std::pair<uint32_t, Status>> first = world_->failure();
        return first ? first->second.withContext(
                           "rank " + std::to_string(first->first) +
                           " connecting NCCL")
                     : made[rank]->status();
      }
    for (uint32_t rank = 0; rank < ranks; ++rank)
      deviceCommunicators_.push_back(std::move(*made[rank]).value());
  }
  description_.insert(description_.size() - 1, "; nccl collectives");
  return Status::ok();
#else
  return Status::ok();
#endif
}

std::vector<std::string> describeDevices() {
  unsigned threads = std::thread::hardware_concurrency();
  std::vector<std::string> lines = {
      "cpu: " + libraryDescription() + ", " + std::to_string(threads) +
      (threads == 1 ? " hardware thread" : " hardware threads")};
#if TESSERA_HAVE_CUDA_DEVICE
  for (const std::string &line : cudaLibraryReport())
    lines.push_back("cuda " + line);
#else
  lines.push_back("cuda: not in this build (the CUDA headers cuda.h and "
                  "cublasLt.h were not found when it was built)");
#endif
  return lines;
}

const std::vector<TensorSignature> &Session::inputs() const {
  return artifact_->info().inputs;
}

const std::vector<TensorSignature> &Session::outputs() const {
  return artifact_->info().outputs;
}

uint32_t Session::numRanks() const { return artifact_->info().numRanks(); }

bool Session::producesOutputs() const {
  return !localRanks_.empty() && localRanks_[0] == 0;
}

std::optional<size_t> Session::inputIndex(const std::string &name) const {
  for (size_t i = 0; i < inputs().size(); ++i)
    if (inputs()[i].name == name)
      return i;
  return std::nullopt;
}

std::optional<size_t> Session::outputIndex(const std::string &name) const {
  for (size_t i = 0; i < outputs().size(); ++i)
    if (outputs()[i].name == name)
      return i;
  return std::nullopt;
}

Status Session::checkInputs(const std::vector<HostTensor> &tensors) const {
  const std::vector<TensorSignature> &signatures = inputs();
  if (tensors.size() != signatures.size())
    return Status(StatusCode::kInvalidArgument,
                  "the model takes " + std::to_string(signatures.size()) +
                      (signatures.size() == 1 ? " input" : " inputs") +
                      ", " + std::to_string(tensors.size()) + " were given");
  for (size_t i = 0; i < tensors.size(); ++i) {
    const TensorSignature &signature = signatures[i];
    const HostTensor &tensor = tensors[i];
    // bf16 arrives as raw 16-bit words from tools without bfloat16.
    bool dtypeOk = tensor.dtype() == signature.type.dtype ||
                   (signature.type.dtype == DType::BF16 &&
                    tensor.dtype() == DType::U16);
    if (!dtypeOk || tensor.shape() != signature.type.shape)
      return Status(StatusCode::kInvalidArgument,
                    "input " + std::to_string(i) + " ('" + signature.name +
                        "'): expected " + signature.type.toString() +
                        ", got " + tensor.type().toString());
  }
  return Status::ok();
}

Status Session::runRank(size_t local, const std::vector<const void *> &inputs,
                        const std::vector<void *> &outputs) {
  Status status = executors_[local]->run(inputs, outputs, trace_);
  Communicator *communicator =
      processCommunicator_ ? processCommunicator_.get()
      : localCommunicators_.empty()
          ? nullptr
          : localCommunicators_[localRanks_[local]].get();
  if (!status.isOk() && communicator && !communicator->peerFailed())
    communicator->abort(status);
  return status;
}

Status Session::run(const std::vector<HostTensor> &tensors,
                    std::vector<HostTensor> &outputs) {
  TESSERA_RETURN_IF_ERROR(checkInputs(tensors));
  const std::vector<TensorSignature> &signatures = this->outputs();
  std::vector<void *> outputPointers(signatures.size(), nullptr);
  if (producesOutputs()) {
    outputs.resize(signatures.size());
    for (size_t i = 0; i < signatures.size(); ++i) {
      if (outputs[i].type() != signatures[i].type) {
        TESSERA_ASSIGN_OR_RETURN(outputs[i],
                                 HostTensor::allocate(signatures[i].type));
      }
      outputPointers[i] = outputs[i].data();
    }
  } else {
    outputs.clear();
  }
  std::vector<const void *> inputPointers;
  for (const HostTensor &tensor : tensors)
    inputPointers.push_back(tensor.data());

  std::lock_guard<std::mutex> lock(mutex_);
  if (executors_.size() == 1 && !processCommunicator_)
    return executors_[0]->run(inputPointers, outputPointers, trace_);

  if (processCommunicator_) {
    // One rank of several processes: the run ends when every rank ended
    // it, so a failure anywhere is reported everywhere.
    Status status = runRank(0, inputPointers, outputPointers);
    if (status.isOk()) {
      status = processCommunicator_->barrier();
      if (!status.isOk() && !processCommunicator_->peerFailed())
        processCommunicator_->abort(status);
    }
    return status;
  }

  // Every rank in this process: ranks 1.. on the workers, rank 0 here.
  size_t local = executors_.size();
  for (size_t i = 1; i < local; ++i)
    workers_->start(i - 1, [this, i, &inputPointers, &outputPointers] {
      return runRank(i, inputPointers, outputPointers);
    });
  std::vector<Status> statuses(local);
  statuses[0] = runRank(0, inputPointers, outputPointers);
  for (size_t i = 1; i < local; ++i)
    statuses[i] = workers_->wait(i - 1);
  std::vector<uint32_t> failed;
  for (size_t i = 0; i < local; ++i)
    if (!statuses[i].isOk())
      failed.push_back(localRanks_[i]);
  if (failed.empty())
    return Status::ok();
  // The rank that failed first; the others stopped because of it.
  std::optional<std::pair<uint32_t, Status>> first = world_->failure();
  uint32_t culprit = first ? first->first : failed[0];
  Status root = first ? first->second : statuses[culprit];
  std::vector<uint32_t> stopped;
  for (uint32_t rank : failed)
    if (rank != culprit)
      stopped.push_back(rank);
  world_->reset();
  std::string message = root.message();
  if (!stopped.empty())
    message += " (" + ranksPhrase(stopped) + " stopped because of it)";
  return Status(root.code(), message);
}

StatusOr<std::vector<HostTensor>>
Session::run(const std::vector<HostTensor> &inputs) {
  std::vector<HostTensor> outputs;
  TESSERA_RETURN_IF_ERROR(run(inputs, outputs));
  return outputs;
}

void Session::setTraceSink(TraceSink *sink) {
  std::lock_guard<std::mutex> lock(mutex_);
  trace_ = sink;
}

std::string Session::deviceDescription() const { return description_; }

std::vector<std::string> Session::commandLabels(uint32_t rank) const {
  for (size_t i = 0; i < localRanks_.size(); ++i)
    if (localRanks_[i] == rank)
      return executors_[i]->commandLabels();
  return {};
}

} // namespace tessera::runtime
