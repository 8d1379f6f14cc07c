//===- Trace.h - Observing what a run does ------------------------*- C++
//-*-===//
//
// Part of Tessera. A TraceSink is told about every command a rank runs,
// with its start and duration, and about every whole run. Executors call
// it from the thread that runs the rank, so a sink shared by several ranks
// must be thread-safe (ChromeTrace is). Timestamps are nanoseconds of
// std::chrono::steady_clock.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_EXECUTOR_TRACE_H
#define TESSERA_RUNTIME_EXECUTOR_TRACE_H

#include <cstdint>
#include <string>

namespace tessera::runtime {

struct CommandEvent {
  uint32_t rank = 0;
  /// "cpu:0"
  std::string device;
  /// The run's number, counted per executor from 0.
  uint64_t run = 0;
  /// Index in the rank's command list.
  uint32_t command = 0;
  /// "Dispatch", "MatMulCall", "Conv2dCall", "Pool2dCall", "Copy".
  const char *kind = "";
  /// The kernel name of a Dispatch, else the call's name ("matmul").
  std::string label;
  /// In a pipeline stage's program, the microbatch and (virtual) stage the
  /// command works on; -1 outside pipelines.
  int32_t microbatch = -1;
  int32_t stage = -1;
  int64_t startNs = 0;
  int64_t durationNs = 0;
};

struct RunEvent {
  uint32_t rank = 0;
  std::string device;
  uint64_t run = 0;
  int64_t startNs = 0;
  int64_t durationNs = 0;
};

class TraceSink {
public:
  virtual ~TraceSink() = default;
  virtual void onCommand(const CommandEvent &event) = 0;
  virtual void onRun(const RunEvent &event) {}
};

/// Nanoseconds of the steady clock.
int64_t traceNowNs();

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_EXECUTOR_TRACE_H
