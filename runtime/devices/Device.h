//===- Device.h - What the executor needs from a device -----------*- C++ -*-===//
//
// Part of Tessera. A device runs one rank's commands. The executor asks it
// to prepare each command once (load code, create library primitives,
// reorder constant weights) and then runs the prepared commands in order,
// handing them the addresses of the rank's buffers for that run. The cpu
// device (devices/cpu) computes in host memory on the calling thread; the
// cuda device (devices/cuda) in GPU memory on streams, asynchronously: its
// beginRun copies the inputs into device memory and endRun waits for the
// GPU and copies the outputs back.
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

class Communicator;

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
  /// Called once, before anything else, with the rank the executor runs on
  /// this device: a device that keeps inputs and outputs in its own memory
  /// learns here which of them the rank reads and writes.
  virtual Status attach(const Artifact &artifact, const RankProgram &program) {
    return Status::ok();
  }
  /// Memory for a rank's arena: 64-byte aligned, zeroed, valid for the
  /// device's lifetime.
  virtual StatusOr<void *> allocateArena(uint64_t size) = 0;
  /// The address of a Constant buffer's bytes (`offset` into `segment`).
  virtual StatusOr<void *> constantAddress(const Artifact &artifact,
                                           uint32_t segment,
                                           uint64_t offset) = 0;
  virtual StatusOr<std::unique_ptr<PreparedCommand>>
  prepare(const Command &command, const PrepareContext &context) = 0;
  /// A communication command: `generic` hands the command's buffers to
  /// `communicator` as they are. A device whose memory the communicator
  /// cannot read (GPU memory, host collectives) or that must order the
  /// communication after its own work (streams) wraps it.
  virtual StatusOr<std::unique_ptr<PreparedCommand>>
  prepareCommunication(const Command &command,
                       std::unique_ptr<PreparedCommand> generic,
                       Communicator &communicator) {
    return generic;
  }

  /// Called on the thread that runs the commands, before each run, with
  /// the caller's input and output addresses (host memory; an output of
  /// a rank that writes none may be null). A device with memory of its
  /// own copies the inputs there and replaces both with its addresses.
  virtual Status beginRun(std::vector<const void *> &inputs,
                          std::vector<void *> &outputs) {
    return Status::ok();
  }
  /// After the last command of a run, also of one that failed
  /// (`failed`): a device that computes asynchronously waits for its work
  /// and copies the outputs to `outputs`, the caller's addresses given to
  /// beginRun (unless the run failed).
  virtual Status endRun(const std::vector<void *> &outputs, bool failed) {
    return Status::ok();
  }
  /// Waits until the commands issued so far have finished: called after
  /// each command when a run is traced, so that slices time the work.
  virtual Status synchronize() { return Status::ok(); }
};

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_DEVICES_DEVICE_H
