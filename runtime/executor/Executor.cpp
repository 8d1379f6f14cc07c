//===- Executor.cpp - Running one rank's commands -------------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "runtime/executor/Executor.h"

#include <chrono>

namespace tessera::runtime {

int64_t traceNowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

StatusOr<std::unique_ptr<RankExecutor>>
RankExecutor::create(const Artifact &artifact, uint32_t rank,
                     std::unique_ptr<Device> device) {
  if (rank >= artifact.info().ranks.size())
    return Status(StatusCode::kInvalidArgument,
                  "rank " + std::to_string(rank) + " is not in the mesh (" +
                      artifact.info().meshString() + ")");
  const RankProgram &program = artifact.info().ranks[rank];
  std::unique_ptr<RankExecutor> executor(new RankExecutor(artifact, program));
  executor->device_ = std::move(device);
  Device &dev = *executor->device_;
  std::string where = "rank " + std::to_string(rank) + " on " + dev.name();

  // Arena: at least one cache line, so no buffer address is ever null.
  StatusOr<void *> arena = dev.allocateArena(std::max<uint64_t>(program.arenaSize, 64));
  if (!arena.isOk())
    return arena.status().withContext(where);
  auto *base = static_cast<uint8_t *>(*arena);

  executor->buffers_.assign(program.buffers.size(), nullptr);
  for (size_t i = 0; i < program.buffers.size(); ++i) {
    const BufferInfo &buffer = program.buffers[i];
    if (buffer.storage == StorageKind::Arena) {
      executor->buffers_[i] = base + buffer.offset;
    } else if (buffer.storage == StorageKind::Constant) {
      StatusOr<void *> address =
          dev.constantAddress(artifact, buffer.index, buffer.offset);
      if (!address.isOk())
        return address.status().withContext(where);
      executor->buffers_[i] = *address;
    }
  }

  PrepareContext context;
  context.artifact = &artifact;
  context.program = &program;
  context.staticBuffers = &executor->buffers_;
  for (size_t i = 0; i < program.commands.size(); ++i) {
    StatusOr<std::unique_ptr<PreparedCommand>> prepared =
        dev.prepare(program.commands[i], context);
    if (!prepared.isOk())
      return prepared.status().withContext(
          where + ": command " + std::to_string(i) + " (" +
          commandKindName(program.commands[i]) + ")");
    executor->commands_.push_back(std::move(prepared).value());
  }
  return executor;
}

std::vector<std::string> RankExecutor::commandLabels() const {
  std::vector<std::string> labels;
  for (const auto &command : commands_)
    labels.push_back(command->label());
  return labels;
}

Status RankExecutor::run(const std::vector<const void *> &inputs,
                         const std::vector<void *> &outputs,
                         TraceSink *trace) {
  const ModelInfo &info = artifact_.info();
  if (inputs.size() != info.inputs.size() ||
      outputs.size() != info.outputs.size())
    return Status(StatusCode::kInvalidArgument,
                  "the model takes " + std::to_string(info.inputs.size()) +
                      " inputs and " + std::to_string(info.outputs.size()) +
                      " outputs");
  for (size_t i = 0; i < program_.buffers.size(); ++i) {
    const BufferInfo &buffer = program_.buffers[i];
    if (buffer.storage == StorageKind::Input)
      // Inputs are read-only by contract: no command writes them (the
      // verifier checks library calls and copies; kernels are generated so).
      buffers_[i] = const_cast<void *>(inputs[buffer.index]);
    else if (buffer.storage == StorageKind::Output)
      buffers_[i] = outputs[buffer.index];
  }
  TESSERA_RETURN_IF_ERROR(device_->beginRun());
  uint64_t run = runs_++;
  int64_t runStart = trace ? traceNowNs() : 0;
  std::string deviceName = trace ? device_->name() : std::string();
  for (size_t i = 0; i < commands_.size(); ++i) {
    int64_t start = trace ? traceNowNs() : 0;
    Status status = commands_[i]->run(buffers_.data());
    if (trace) {
      CommandEvent event;
      event.rank = program_.rank;
      event.device = deviceName;
      event.run = run;
      event.command = uint32_t(i);
      event.kind = commandKindName(program_.commands[i]);
      event.label = commands_[i]->label();
      event.startNs = start;
      event.durationNs = traceNowNs() - start;
      trace->onCommand(event);
    }
    if (!status.isOk())
      return status.withContext("rank " + std::to_string(program_.rank) +
                                " command " + std::to_string(i) + " (" +
                                commandKindName(program_.commands[i]) + ", " +
                                commands_[i]->label() + ")");
  }
  if (trace) {
    RunEvent event;
    event.rank = program_.rank;
    event.device = deviceName;
    event.run = run;
    event.startNs = runStart;
    event.durationNs = traceNowNs() - runStart;
    trace->onRun(event);
  }
  return Status::ok();
}

} // namespace tessera::runtime
