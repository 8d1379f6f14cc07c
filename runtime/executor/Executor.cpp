//===- Executor.cpp - Running one rank's commands -------------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "runtime/executor/Executor.h"

#include "runtime/base/Strings.h"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <thread>
#include <unistd.h>

namespace tessera::runtime {
namespace {

/// A communication command: its buffers' addresses to the communicator.
class CommunicationCommand final : public PreparedCommand {
public:
  CommunicationCommand(const Command &command, Communicator &communicator)
      : command_(command), communicator_(communicator) {}

  Status run(void *const *buffers) override {
    Communicator &c = communicator_;
    return std::visit(
        [&](const auto &x) -> Status {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, AllReduceCommand>)
            return c.allReduce(buffers[x.input], buffers[x.result], x.count,
                               x.dtype, x.op, x.ranks);
          else if constexpr (std::is_same_v<T, AllGatherCommand>)
            return c.allGather(buffers[x.input], buffers[x.result], x.count,
                               x.dtype, x.ranks);
          else if constexpr (std::is_same_v<T, ReduceScatterCommand>)
            return c.reduceScatter(buffers[x.input], buffers[x.result], x.count,
                                   x.dtype, x.op, x.ranks);
          else if constexpr (std::is_same_v<T, AllToAllCommand>)
            return c.allToAll(buffers[x.input], buffers[x.result], x.count,
                              x.dtype, x.ranks);
          else if constexpr (std::is_same_v<T, CollectivePermuteCommand>)
            return c.collectivePermute(buffers[x.input], buffers[x.result],
                                       x.count, x.dtype, x.sendTo, x.recvFrom);
          else if constexpr (std::is_same_v<T, SendCommand>)
            return c.send(buffers[x.input], x.count, x.dtype, x.peer);
          else if constexpr (std::is_same_v<T, RecvCommand>)
            return c.recv(buffers[x.result], x.count, x.dtype, x.peer);
          else
            return Status(StatusCode::kInternal, "not a communication command");
        },
        command_);
  }

  std::string label() const override {
    static const char *const kLabels[] = {
        "all_reduce", "all_gather",         "reduce_scatter",
        "all_to_all", "collective_permute", "send",
        "recv"};
    return kLabels[command_.index() - 5];
  }

private:
  Command command_;
  Communicator &communicator_;
};

} // namespace

StatusOr<FaultInjection> FaultInjection::parse(const std::string &text) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t colon = text.find(':', start);
    parts.push_back(text.substr(start, colon - start));
    if (colon == std::string::npos)
      break;
    start = colon + 1;
  }
  auto bad = [&] {
    return Status(StatusCode::kInvalidArgument,
                  "fault '" + text +
                      "': expected RANK:COMMAND[:RUN]:ACTION "
                      "with ACTION fail, exit, kill or sleep=SECONDS");
  };
  if (parts.size() != 3 && parts.size() != 4)
    return bad();
  auto number = [](const std::string &s, uint64_t &out) {
    if (s.empty() || s.size() > 18 ||
        s.find_first_not_of("0123456789") != std::string::npos)
      return false;
    out = std::stoull(s);
    return true;
  };
  uint64_t rank, command, run = 0;
  if (!number(parts[0], rank) || !number(parts[1], command) ||
      rank > UINT32_MAX || command > UINT32_MAX ||
      (parts.size() == 4 && !number(parts[2], run)))
    return bad();
  FaultInjection fault;
  fault.rank = uint32_t(rank);
  fault.command = uint32_t(command);
  fault.run = run;
  const std::string &action = parts.back();
  if (action == "fail")
    fault.action = Action::Fail;
  else if (action == "exit")
    fault.action = Action::Exit;
  else if (action == "kill")
    fault.action = Action::Kill;
  else if (action.rfind("sleep=", 0) == 0) {
    fault.action = Action::Sleep;
    char *end = nullptr;
    fault.seconds = std::strtod(action.c_str() + 6, &end);
    if (!end || *end || !(fault.seconds >= 0) || fault.seconds > 1e6)
      return bad();
  } else {
    return bad();
  }
  return fault;
}

Status RankExecutor::injectFault() {
  switch (fault_.action) {
  case FaultInjection::Action::Fail:
    return Status(StatusCode::kInternal,
                  "injected failure (TESSERA_FAULT) before command " +
                      std::to_string(fault_.command));
  case FaultInjection::Action::Exit:
    std::fprintf(stderr, "tessera: rank %u exits on purpose (TESSERA_FAULT)\n",
                 fault_.rank);
    std::fflush(stderr);
    std::_Exit(1);
  case FaultInjection::Action::Kill:
    std::fprintf(stderr,
                 "tessera: rank %u kills itself with SIGKILL on purpose "
                 "(TESSERA_FAULT)\n",
                 fault_.rank);
    std::fflush(stderr);
    ::kill(::getpid(), SIGKILL);
    std::_Exit(137);
  case FaultInjection::Action::Sleep:
    std::this_thread::sleep_for(std::chrono::duration<double>(fault_.seconds));
    return Status::ok();
  }
  return Status::ok();
}

int64_t traceNowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

StatusOr<std::unique_ptr<RankExecutor>>
RankExecutor::create(const Artifact &artifact, uint32_t rank,
                     std::unique_ptr<Device> device,
                     const ExecutorOptions &options) {
  if (rank >= artifact.info().ranks.size())
    return Status(StatusCode::kInvalidArgument,
                  "rank " + std::to_string(rank) + " is not in the mesh (" +
                      artifact.info().meshString() + ")");
  const RankProgram &program = artifact.info().ranks[rank];
  std::unique_ptr<RankExecutor> executor(new RankExecutor(artifact, program));
  executor->device_ = std::move(device);
  Device &dev = *executor->device_;
  std::string where = "rank " + std::to_string(rank) + " on " + dev.name();

  TESSERA_RETURN_IF_ERROR(dev.attach(artifact, program).withContext(where));
  // Arena: at least one cache line, so no buffer address is ever null.
  StatusOr<void *> arena =
      dev.allocateArena(std::max<uint64_t>(program.arenaSize, 64));
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
  if (program.communicates && !options.communicator)
    return Status(StatusCode::kFailedPrecondition,
                  where + ": the rank's program communicates, and it was "
                          "given no communicator");
  if (options.fault && options.fault->rank == rank) {
    executor->fault_ = *options.fault;
    executor->faultCommand_ = options.fault->command;
  }
  for (size_t i = 0; i < program.commands.size(); ++i) {
    const Command &command = program.commands[i];
    if (isCommunication(command)) {
      StatusOr<std::unique_ptr<PreparedCommand>> prepared =
          dev.prepareCommunication(command,
                                   std::make_unique<CommunicationCommand>(
                                       command, *options.communicator),
                                   *options.communicator);
      if (!prepared.isOk())
        return prepared.status().withContext(where + ": command " +
                                             std::to_string(i) + " (" +
                                             commandKindName(command) + ")");
      executor->commands_.push_back(std::move(prepared).value());
      continue;
    }
    StatusOr<std::unique_ptr<PreparedCommand>> prepared =
        dev.prepare(command, context);
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
                         const std::vector<void *> &outputs, TraceSink *trace) {
  const ModelInfo &info = artifact_.info();
  if (inputs.size() != info.inputs.size() ||
      outputs.size() != info.outputs.size())
    return Status(StatusCode::kInvalidArgument,
                  "the model takes " + std::to_string(info.inputs.size()) +
                      " inputs and " + std::to_string(info.outputs.size()) +
                      " outputs");
  // The device may move inputs and outputs into its own memory.
  std::vector<const void *> runInputs = inputs;
  std::vector<void *> runOutputs = outputs;
  TESSERA_RETURN_IF_ERROR(device_->beginRun(runInputs, runOutputs));
  for (size_t i = 0; i < program_.buffers.size(); ++i) {
    const BufferInfo &buffer = program_.buffers[i];
    if (buffer.storage == StorageKind::Input)
      // Inputs are read-only by contract: no command writes them (the
      // verifier checks library calls and copies; kernels are generated so).
      // An input buffer may view a part of its input (a rank's block).
      buffers_[i] = const_cast<char *>(
          static_cast<const char *>(runInputs[buffer.index]) + buffer.offset);
    else if (buffer.storage == StorageKind::Output)
      buffers_[i] = runOutputs[buffer.index];
  }
  Status status = runCommands(trace);
  Status ended = device_->endRun(outputs, !status.isOk());
  if (status.isOk() && !ended.isOk())
    status = ended.withContext("rank " + std::to_string(program_.rank) +
                               ", finishing the run on " + device_->name());
  return status;
}

Status RankExecutor::runCommands(TraceSink *trace) {
  uint64_t run = runs_++;
  int64_t runStart = trace ? traceNowNs() : 0;
  std::string deviceName = trace ? device_->name() : std::string();
  for (size_t i = 0; i < commands_.size(); ++i) {
    if (i == faultCommand_ && run == fault_.run)
      TESSERA_RETURN_IF_ERROR(injectFault().withContext(
          "rank " + std::to_string(program_.rank) + " command " +
          std::to_string(i) + " (" + commandKindName(program_.commands[i]) +
          ")"));
    int64_t start = trace ? traceNowNs() : 0;
    Status status = commands_[i]->run(buffers_.data());
    // A traced command's slice covers its work, not only its launch.
    if (trace && status.isOk())
      status = device_->synchronize();
    if (trace) {
      CommandEvent event;
      event.rank = program_.rank;
      event.device = deviceName;
      event.run = run;
      event.command = uint32_t(i);
      event.kind = commandKindName(program_.commands[i]);
      event.label = commands_[i]->label();
      if (i < program_.places.size()) {
        event.microbatch = program_.places[i].microbatch;
        event.stage = program_.places[i].stage;
      }
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
