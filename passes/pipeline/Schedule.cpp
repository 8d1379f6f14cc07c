//===- Schedule.cpp - Pipeline schedules -----------------------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "passes/pipeline/Schedule.h"

#include <algorithm>
#include <vector>

using namespace mlir::tessera;

bool mlir::tessera::isPipelineSchedule(llvm::StringRef kind) {
  return kind == "gpipe" || kind == "1f1b" || kind == "interleaved";
}

llvm::SmallVector<ScheduleItem>
mlir::tessera::buildSchedule(llvm::StringRef kind, int64_t devices,
                             int64_t virtualStages, int64_t microbatches,
                             int64_t device) {
  llvm::SmallVector<ScheduleItem> items;
  if (kind == "interleaved") {
    for (int64_t group = 0; group < microbatches; group += devices)
      for (int64_t chunk = 0; chunk < virtualStages; ++chunk)
        for (int64_t m = group; m < std::min(group + devices, microbatches);
             ++m)
          items.push_back({chunk * devices + device, m});
    return items;
  }
  for (int64_t m = 0; m < microbatches; ++m)
    for (int64_t chunk = 0; chunk < virtualStages; ++chunk)
      items.push_back({chunk * devices + device, m});
  return items;
}

SchedulePrediction
mlir::tessera::simulateSchedule(llvm::StringRef kind, int64_t devices,
                                llvm::ArrayRef<double> stageTimes,
                                int64_t microbatches) {
  int64_t stages = stageTimes.size();
  int64_t virtualStages = std::max<int64_t>(1, stages / devices);
  std::vector<std::vector<double>> finish(
      stages, std::vector<double>(microbatches, -1.0));
  std::vector<llvm::SmallVector<ScheduleItem>> order(devices);
  std::vector<size_t> next(devices, 0);
  std::vector<double> free(devices, 0.0), busy(devices, 0.0);
  for (int64_t d = 0; d < devices; ++d)
    order[d] = buildSchedule(kind, devices, virtualStages, microbatches, d);
  // Run whichever device can start its next item, until all are done.
  bool progress = true;
  while (progress) {
    progress = false;
    for (int64_t d = 0; d < devices; ++d) {
      if (next[d] == order[d].size())
        continue;
      ScheduleItem item = order[d][next[d]];
      double ready = 0;
      if (item.stage > 0) {
        ready = finish[item.stage - 1][item.microbatch];
        if (ready < 0)
          continue; // the previous stage has not run it yet
      }
      double start = std::max(ready, free[d]);
      double time = stageTimes[item.stage];
      finish[item.stage][item.microbatch] = start + time;
      free[d] = start + time;
      busy[d] += time;
      ++next[d];
      progress = true;
    }
  }
  SchedulePrediction prediction;
  for (int64_t d = 0; d < devices; ++d)
    prediction.makespan = std::max(prediction.makespan, free[d]);
  double total = 0;
  for (double b : busy)
    total += b;
  if (prediction.makespan > 0)
    prediction.bubbleFraction =
        1.0 - total / (double(devices) * prediction.makespan);
  return prediction;
}
