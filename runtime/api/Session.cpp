//===- Session.cpp - Running an artifact ----------------------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "runtime/api/Session.h"

#include "runtime/devices/cpu/CpuDevice.h"
#include "runtime/executor/Executor.h"

#include <thread>

namespace tessera::runtime {

Session::Session() = default;
Session::~Session() = default;

StatusOr<std::unique_ptr<Session>> Session::open(const std::string &path,
                                                 const SessionOptions &options) {
  LoadOptions load;
  load.verifyChecksums = options.verifyChecksums;
  TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<Artifact> artifact,
                           Artifact::open(path, load));
  return create(std::move(artifact), options);
}

StatusOr<std::unique_ptr<Session>>
Session::create(std::unique_ptr<Artifact> artifact,
                const SessionOptions &options) {
  const ModelInfo &info = artifact->info();
  uint32_t ranks = info.numRanks();
  std::string mesh = info.meshString() + " (" + std::to_string(ranks) +
                     (ranks == 1 ? " device)" : " devices)");
  if (options.device == "cuda")
    return Status(StatusCode::kUnavailable,
                  "the cuda device is not available in this build");
  if (options.device != "cpu")
    return Status(StatusCode::kInvalidArgument,
                  "unknown device '" + options.device +
                      "' (expected cpu or cuda)");
  if (options.devices < 0 || options.threads < 0)
    return Status(StatusCode::kInvalidArgument,
                  "the device and thread counts must not be negative");
  if (options.devices != 0 && uint32_t(options.devices) != ranks)
    return Status(StatusCode::kInvalidArgument,
                  std::to_string(options.devices) +
                      " devices were asked for, but the artifact's mesh is " +
                      mesh);
  if (ranks != 1)
    return Status(StatusCode::kFailedPrecondition,
                  "the artifact's mesh is " + mesh +
                      "; this runtime runs single-device artifacts only so far");

  std::unique_ptr<Session> session(new Session());
  session->artifact_ = std::move(artifact);
  // By default a single device leaves the count to the library (OpenMP:
  // OMP_NUM_THREADS, else every hardware thread); several share them.
  int threads = options.threads;
  if (threads == 0 && ranks > 1)
    threads = std::max(1, int(std::thread::hardware_concurrency()) / int(ranks));
  for (uint32_t rank = 0; rank < ranks; ++rank) {
    CpuDeviceOptions deviceOptions;
    deviceOptions.index = int(rank);
    deviceOptions.threads = threads;
    deviceOptions.referenceCalls = options.referenceCalls;
    TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<CpuDevice> device,
                             CpuDevice::create(deviceOptions));
    if (rank == 0)
      session->description_ =
          device->name() + " (" +
          (options.referenceCalls ? std::string("reference loops")
                                  : libraryDescription()) +
          ", " + std::to_string(device->threads()) +
          (device->threads() == 1 ? " thread)" : " threads)");
    StatusOr<std::unique_ptr<RankExecutor>> executor =
        RankExecutor::create(*session->artifact_, rank, std::move(device));
    if (!executor.isOk())
      return executor.status().withContext(session->artifact_->name());
    session->executors_.push_back(std::move(executor).value());
  }
  return session;
}

const std::vector<TensorSignature> &Session::inputs() const {
  return artifact_->info().inputs;
}

const std::vector<TensorSignature> &Session::outputs() const {
  return artifact_->info().outputs;
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

Status Session::run(const std::vector<HostTensor> &tensors,
                    std::vector<HostTensor> &outputs) {
  TESSERA_RETURN_IF_ERROR(checkInputs(tensors));
  const std::vector<TensorSignature> &signatures = this->outputs();
  outputs.resize(signatures.size());
  for (size_t i = 0; i < signatures.size(); ++i) {
    if (outputs[i].type() == signatures[i].type)
      continue;
    TESSERA_ASSIGN_OR_RETURN(outputs[i],
                             HostTensor::allocate(signatures[i].type));
  }
  std::vector<const void *> inputPointers;
  for (const HostTensor &tensor : tensors)
    inputPointers.push_back(tensor.data());
  std::vector<void *> outputPointers;
  for (HostTensor &tensor : outputs)
    outputPointers.push_back(tensor.data());

  std::lock_guard<std::mutex> lock(mutex_);
  // One rank so far; a mesh will run one thread per executor here.
  return executors_[0]->run(inputPointers, outputPointers, trace_);
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
  if (rank >= executors_.size())
    return {};
  return executors_[rank]->commandLabels();
}

} // namespace tessera::runtime
