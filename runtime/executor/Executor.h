//===- Executor.h - Running one rank's commands -------------------*- C++ -*-===//
//
// Part of Tessera. A RankExecutor owns one device and one rank's program:
// create() allocates the arena, resolves every Arena and Constant buffer to
// an address and prepares every command once; run() binds the caller's
// inputs and outputs and runs the commands in order. A mesh of N devices
// is N executors, one per rank, each run on its own thread (in one process)
// or in its own process (mpirun); communication commands go through the
// rank's Communicator.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_EXECUTOR_EXECUTOR_H
#define TESSERA_RUNTIME_EXECUTOR_EXECUTOR_H

#include "runtime/artifact/Artifact.h"
#include "runtime/collectives/Communicator.h"
#include "runtime/devices/Device.h"
#include "runtime/executor/Trace.h"

#include <memory>
#include <optional>
#include <vector>

namespace tessera::runtime {

/// A failure made on purpose, to test how the other ranks stop
/// (tessera-run reads it from TESSERA_FAULT): rank `rank`, before its
/// command `command` in run `run` (counted from 0, the warm-up included),
/// fails with an error, exits the process, kills it with SIGKILL, or sleeps.
struct FaultInjection {
  enum class Action { Fail, Exit, Kill, Sleep };
  uint32_t rank = 0;
  uint32_t command = 0;
  uint64_t run = 0;
  Action action = Action::Fail;
  /// Sleep's duration.
  double seconds = 0;

  /// "RANK:COMMAND:ACTION" or "RANK:COMMAND:RUN:ACTION", ACTION one of
  /// fail, exit, kill, sleep=SECONDS: "1:2:fail", "0:1:3:kill".
  static StatusOr<FaultInjection> parse(const std::string &text);
};

struct ExecutorOptions {
  /// The rank's communicator (not owned); needed when its program
  /// communicates.
  Communicator *communicator = nullptr;
  /// Applied when its rank is the executor's.
  std::optional<FaultInjection> fault;
};

class RankExecutor {
public:
  /// `artifact` (and the communicator) must outlive the executor.
  static StatusOr<std::unique_ptr<RankExecutor>>
  create(const Artifact &artifact, uint32_t rank,
         std::unique_ptr<Device> device, const ExecutorOptions &options = {});

  /// Runs the rank's commands once. inputs[i] and outputs[i] are the
  /// addresses of model input and output i (sized as their signatures);
  /// inputs are only read. `trace` may be null. Not reentrant. A rank
  /// other than rank 0 of a mesh writes no outputs: its `outputs` may be
  /// null pointers.
  Status run(const std::vector<const void *> &inputs,
             const std::vector<void *> &outputs, TraceSink *trace = nullptr);

  const RankProgram &program() const { return program_; }
  Device &device() { return *device_; }
  /// Labels of the prepared commands, in order.
  std::vector<std::string> commandLabels() const;

private:
  RankExecutor(const Artifact &artifact, const RankProgram &program)
      : artifact_(artifact), program_(program) {}

  const Artifact &artifact_;
  const RankProgram &program_;
  std::unique_ptr<Device> device_;
  /// Addresses of the rank's buffers; Input and Output entries are
  /// rewritten each run.
  std::vector<void *> buffers_;
  std::vector<std::unique_ptr<PreparedCommand>> commands_;
  uint64_t runs_ = 0;
  /// The command before which the fault strikes, or SIZE_MAX.
  size_t faultCommand_ = SIZE_MAX;
  FaultInjection fault_;
  Status injectFault();
  /// The commands of one run, with buffers_ bound.
  Status runCommands(TraceSink *trace);
};

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_EXECUTOR_EXECUTOR_H
