//===- Schedule.h - Pipeline schedules ----------------------------*- C++ -*-===//
//
// Part of Tessera. The order in which each device runs its (stage,
// microbatch) items, and what that order costs: one place for both, used by
// rank specialization (which builds each rank's program in this order) and
// by the compiler's report (the predicted bubble).
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_PASSES_PIPELINE_SCHEDULE_H
#define TESSERA_PASSES_PIPELINE_SCHEDULE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>

namespace mlir::tessera {

/// One item of a device's schedule: a forward pass of one microbatch
/// through one (virtual) stage.
struct ScheduleItem {
  int64_t stage, microbatch;
};

/// Whether `kind` names a schedule: gpipe, 1f1b or interleaved.
bool isPipelineSchedule(llvm::StringRef kind);

/// The items of device `device` (of `devices` along the pipeline axis, each
/// holding `virtualStages` stages: stage s runs on device s % devices), in
/// order. Forward only: gpipe and 1f1b give every microbatch through the
/// device's stages in turn (1F1B differs only once backward passes exist);
/// interleaved (Megatron's) takes microbatches in groups of `devices`, each
/// group through the device's virtual stages in turn.
llvm::SmallVector<ScheduleItem> buildSchedule(llvm::StringRef kind,
                                              int64_t devices,
                                              int64_t virtualStages,
                                              int64_t microbatches,
                                              int64_t device);

/// What a schedule predicts, given each stage's time.
struct SchedulePrediction {
  /// From the first item's start to the last item's end.
  double makespan = 0;
  /// The share of devices x makespan spent waiting.
  double bubbleFraction = 0;
};

/// Simulates `kind` on `stageTimes` (one per stage, stages = devices x
/// virtual stages) and `microbatches`: each device runs its items in
/// order, an item starting when its device is free and the previous stage
/// has finished the same microbatch. For uniform stage times and gpipe the
/// bubble is (p - 1) / (m + p - 1).
SchedulePrediction simulateSchedule(llvm::StringRef kind, int64_t devices,
                                    llvm::ArrayRef<double> stageTimes,
                                    int64_t microbatches);

} // namespace mlir::tessera

#endif // TESSERA_PASSES_PIPELINE_SCHEDULE_H
