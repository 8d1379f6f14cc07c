//===- Executor.h - Running one rank's commands -------------------*- C++ -*-===//
//
// Part of Tessera. A RankExecutor owns one device and one rank's program:
// create() allocates the arena, resolves every Arena and Constant buffer to
// an address and prepares every command once; run() binds the caller's
// inputs and outputs and runs the commands in order. A mesh of N devices
// is N executors, one per rank, each run on its own thread.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_EXECUTOR_EXECUTOR_H
#define TESSERA_RUNTIME_EXECUTOR_EXECUTOR_H

#include "runtime/artifact/Artifact.h"
#include "runtime/devices/Device.h"
#include "runtime/executor/Trace.h"

#include <memory>
#include <vector>

namespace tessera::runtime {

class RankExecutor {
public:
  /// `artifact` must outlive the executor.
  static StatusOr<std::unique_ptr<RankExecutor>>
  create(const Artifact &artifact, uint32_t rank,
         std::unique_ptr<Device> device);

  /// Runs the rank's commands once. inputs[i] and outputs[i] are the
  /// addresses of model input and output i (sized as their signatures);
  /// inputs are only read. `trace` may be null. Not reentrant.
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
};

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_EXECUTOR_EXECUTOR_H
