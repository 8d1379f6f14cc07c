//===- Device.h - What the executor needs from a device -----------*- C++ -*-===//
//
// Part of Tessera. A device runs one rank's commands. The executor asks it
// to prepare each command once (load code, create library primitives,
// reorder constant weights) and then runs the prepared commands in order,
// handing them the addresses of the rank's buffers for that run. The cpu
// device is in devices/cpu; a cuda device will implement the same
// interface.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_DEVICES_DEVICE_H
#define TESSERA_RUNTIME_DEVICES_DEVICE_H

#include "runtime/artifact/Artifact.h"
#include "runtime/artifact/Program.h"
#include "runtime/base/Status.h"

#include <memory>
#include <string>
#include <vector>

namespace tessera::runtime {

/// A command ready to run. Not thread-safe: a rank runs one at a time.
class PreparedCommand {
public:
  virtual ~PreparedCommand() = default;
  /// Runs the command. `buffers[i]` is the address of the rank's buffer i
  /// for this run (the same every run for Arena and Constant buffers).
  virtual Status run(void *const *buffers) = 0;
  /// What traces call it: the kernel name of a Dispatch, "matmul",
  /// "conv2d", "maxpool2d", "avgpool2d", "copy".
  virtual std::string label() const = 0;
};

/// What prepare() may look at. Addresses of Arena and Constant buffers are
/// final; Input and Output entries are null until a run binds them.
struct PrepareContext {
  const Artifact *artifact = nullptr;
  const RankProgram *program = nullptr;
  const std::vector<void *> *staticBuffers = nullptr;
};

class Device {
public:
  virtual ~Device() = default;
  /// "cpu:0"
  virtual std::string name() const = 0;
  /// Memory for a rank's arena: 64-byte aligned, zeroed, valid for the
  /// device's lifetime.
  virtual StatusOr<void *> allocateArena(uint64_t size) = 0;
  /// The address of a Constant buffer's bytes (`offset` into `segment`).
  virtual StatusOr<void *> constantAddress(const Artifact &artifact,
                                           uint32_t segment,
                                           uint64_t offset) = 0;
  virtual StatusOr<std::unique_ptr<PreparedCommand>>
  prepare(const Command &command, const PrepareContext &context) = 0;
  /// Called on the thread that runs the commands, before each run.
  virtual Status beginRun() { return Status::ok(); }
};

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_DEVICES_DEVICE_H
