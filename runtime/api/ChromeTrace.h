//===- ChromeTrace.h - Chrome trace event files -------------------*- C++
//-*-===//
//
// Part of Tessera. A TraceSink that writes the Chrome trace event format
// (chrome://tracing, https://ui.perfetto.dev): one process "tessera", one
// lane per rank (tid = the rank) named "cpu:0 (rank 0)", a complete event ("X")
// per run ("run 0") and per command, named by its kernel or call
// ("matmul") with category = the command kind ("MatMulCall") and args
// {"command": index, "run": n} (and "microbatch", "stage" in pipelines).
// Times are microseconds from the first event.
//
// In a pipeline stage's program each run also gets, on its rank's lane, a
// span per microbatch ("microbatch 2 (stage 1)", category "Microbatch")
// around the commands of that microbatch and stage, and an "idle" span
// (category "Idle") for every stretch of the run outside them: waiting for
// the previous stage (the receives fall there) or for the run to end. The
// run's event gets "idle_us", their sum.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_API_CHROMETRACE_H
#define TESSERA_RUNTIME_API_CHROMETRACE_H

#include "runtime/base/Status.h"
#include "runtime/executor/Trace.h"

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace tessera::runtime {

class ChromeTrace final : public TraceSink {
public:
  void onCommand(const CommandEvent &event) override;
  void onRun(const RunEvent &event) override;

  /// The whole trace as JSON.
  std::string json() const;
  Status write(const std::string &path) const;
  size_t commandEvents() const;

  /// The events as text another process's trace can import: how the ranks
  /// of an mpirun launch send theirs to rank 0, which writes one file.
  std::string exportEvents() const;
  /// Adds events from exportEvents(); kInvalidArgument when malformed.
  Status importEvents(const std::string &text);

private:
  struct Event {
    std::string name, category;
    int lane = 0;
    int64_t startNs = 0, durationNs = 0;
    int64_t command = -1;
    uint64_t run = 0;
    int32_t microbatch = -1, stage = -1;
    /// A pipeline run's idle time; -1 elsewhere.
    int64_t idleNs = -1;
  };
  /// Adds the microbatch and idle spans of a pipeline run whose command
  /// events are in events_ (mutex_ held); returns the idle time, or -1 when
  /// no command of the run belongs to a microbatch.
  int64_t addPipelineSpans(int lane, uint64_t run, int64_t startNs,
                           int64_t endNs);
  int lane(const std::string &device, uint32_t rank);

  mutable std::mutex mutex_;
  std::vector<Event> events_;
  /// Lane (rank) -> its name.
  std::map<int, std::string> lanes_;
  /// Lane -> the size of events_ after its last run's events.
  std::map<int, size_t> laneRunsEnd_;
  size_t commands_ = 0;
};

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_API_CHROMETRACE_H
