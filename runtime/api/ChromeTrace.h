//===- ChromeTrace.h - Chrome trace event files -------------------*- C++ -*-===//
//
// Part of Tessera. A TraceSink that writes the Chrome trace event format
// (chrome://tracing, https://ui.perfetto.dev): one process "tessera", one
// lane (thread) per device named "cpu:0 (rank 0)", a complete event ("X")
// per run ("run 0") and per command, named by its kernel or call
// ("matmul") with category = the command kind ("MatMulCall") and args
// {"command": index, "run": n}. Times are microseconds from the first
// event.
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

private:
  struct Event {
    std::string name, category;
    int lane = 0;
    int64_t startNs = 0, durationNs = 0;
    int64_t command = -1;
    uint64_t run = 0;
  };
  int lane(const std::string &device, uint32_t rank);

  mutable std::mutex mutex_;
  std::vector<Event> events_;
  std::map<std::string, int> lanes_;
  std::vector<std::string> laneNames_;
  size_t commands_ = 0;
};

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_API_CHROMETRACE_H
