//===- ScheduleTest.cpp - Tests of pipeline schedules
//----------------------===//
//
// Part of Tessera. The orders devices run their (stage, microbatch) items
// in, and the bubbles the simulation predicts against the closed forms.
//
//===----------------------------------------------------------------------===//

#include "passes/pipeline/Schedule.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

using namespace mlir::tessera;

namespace {

std::vector<std::pair<int64_t, int64_t>>
items(llvm::StringRef kind, int64_t devices, int64_t virtualStages,
      int64_t microbatches, int64_t device) {
  std::vector<std::pair<int64_t, int64_t>> out;
  for (ScheduleItem item :
       buildSchedule(kind, devices, virtualStages, microbatches, device))
    out.push_back({item.stage, item.microbatch});
  return out;
}

TEST(ScheduleTest, KnowsItsSchedules) {
  EXPECT_TRUE(isPipelineSchedule("gpipe"));
  EXPECT_TRUE(isPipelineSchedule("1f1b"));
  EXPECT_TRUE(isPipelineSchedule("interleaved"));
  EXPECT_FALSE(isPipelineSchedule("zero-bubble"));
  EXPECT_FALSE(isPipelineSchedule(""));
}

TEST(ScheduleTest, GpipeRunsMicrobatchesInOrderOnTheDevicesStage) {
  using Items = std::vector<std::pair<int64_t, int64_t>>;
  EXPECT_EQ(items("gpipe", 4, 1, 3, 2), (Items{{2, 0}, {2, 1}, {2, 2}}));
  // Forward only, 1F1B runs the same order (it differs with backward).
  EXPECT_EQ(items("1f1b", 4, 1, 3, 2), items("gpipe", 4, 1, 3, 2));
}

TEST(ScheduleTest, InterleavedTakesGroupsOfMicrobatchesThroughEachChunk) {
  using Items = std::vector<std::pair<int64_t, int64_t>>;
  // Device 1 of 2 holds stages 1 and 3; microbatches go in groups of 2.
  EXPECT_EQ(
      items("interleaved", 2, 2, 4, 1),
      (Items{{1, 0}, {1, 1}, {3, 0}, {3, 1}, {1, 2}, {1, 3}, {3, 2}, {3, 3}}));
  // A last group smaller than the devices.
  EXPECT_EQ(items("interleaved", 2, 2, 3, 0),
            (Items{{0, 0}, {0, 1}, {2, 0}, {2, 1}, {0, 2}, {2, 2}}));
}

TEST(ScheduleTest, GpipeBubbleOnUniformStagesIsTheClosedForm) {
  for (int64_t p : {1, 2, 3, 4, 8})
    for (int64_t m : {1, 2, 4, 7, 16}) {
      std::vector<double> times(p, 2.5);
      SchedulePrediction prediction = simulateSchedule("gpipe", p, times, m);
      EXPECT_NEAR(prediction.bubbleFraction, double(p - 1) / double(m + p - 1),
                  1e-12)
          << "p=" << p << " m=" << m;
      EXPECT_NEAR(prediction.makespan, 2.5 * double(m + p - 1), 1e-9);
    }
}

TEST(ScheduleTest, UnevenStagesOnlyAddToTheBubble) {
  // The slowest stage sets the pace: sum(t) + (m - 1) max(t).
  std::vector<double> times = {1.0, 3.0, 2.0};
  SchedulePrediction prediction = simulateSchedule("gpipe", 3, times, 4);
  EXPECT_NEAR(prediction.makespan, 6.0 + 3 * 3.0, 1e-9);
  EXPECT_NEAR(prediction.bubbleFraction, 1.0 - 4 * 6.0 / (3 * 15.0), 1e-12);
  EXPECT_GT(prediction.bubbleFraction, 2.0 / 6.0);
}

TEST(ScheduleTest, InterleavingShrinksTheBubble) {
  // v chunks of a uniform stage per device: (p - 1) / (v m + p - 1) when
  // the microbatches fill whole groups of p.
  for (int64_t p : {2, 4})
    for (int64_t v : {1, 2, 3})
      for (int64_t m : {p, 2 * p, 4 * p}) {
        std::vector<double> times(p * v, 1.0 / double(v));
        SchedulePrediction prediction =
            simulateSchedule("interleaved", p, times, m);
        EXPECT_NEAR(prediction.bubbleFraction,
                    double(p - 1) / double(v * m + p - 1), 1e-12)
            << "p=" << p << " v=" << v << " m=" << m;
      }
}

} // namespace
