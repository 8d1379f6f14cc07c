//===- CollectivesTest.cpp - The local communicator, reductions, launches -===//
//
// Part of Tessera. The conformance suite (CollectiveConformance.h) on
// worlds of 1 to 4 threads; timeouts that name the rank that did not join;
// a failed rank stopping the others; mismatched ranks; the reduction
// arithmetic; reading mpirun's and srun's environment.
//
//===----------------------------------------------------------------------===//

#include "CollectiveConformance.h"

#include "runtime/base/HostTensor.h"
#include "runtime/base/Reduce.h"
#include "runtime/collectives/Launch.h"
#include "runtime/collectives/local/LocalCommunicator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <thread>

using namespace tessera::runtime;
using namespace tessera::test;
using ::testing::HasSubstr;

namespace {

using Clock = std::chrono::steady_clock;

/// Runs body(rank, communicator) on `size` threads of one local world; a
/// rank whose body fails tells the others (as sessions do).
std::vector<Status>
onThreads(uint32_t size, double timeout,
          const std::function<Status(uint32_t, Communicator &)> &body,
          std::shared_ptr<LocalWorld> world = nullptr) {
  if (!world)
    world = LocalWorld::create(size);
  std::vector<std::unique_ptr<Communicator>> communicators;
  for (uint32_t r = 0; r < size; ++r)
    communicators.push_back(world->communicator(r, timeout));
  std::vector<Status> statuses(size);
  std::vector<std::thread> threads;
  for (uint32_t r = 0; r < size; ++r)
    threads.emplace_back([&, r] {
      Status status = body(r, *communicators[r]);
      if (!status.isOk() && !communicators[r]->peerFailed())
        communicators[r]->abort(status);
      statuses[r] = status;
    });
  for (std::thread &thread : threads)
    thread.join();
  return statuses;
}

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

class ConformanceTest : public ::testing::TestWithParam<uint32_t> {};

TEST_P(ConformanceTest, EveryCollectiveOnThreads) {
  uint32_t size = GetParam();
  std::vector<uint64_t> checks(size);
  auto statuses = onThreads(size, 30, [&](uint32_t r, Communicator &c) {
    EXPECT_STREQ(c.kind(), "local");
    EXPECT_EQ(c.rank(), r);
    EXPECT_EQ(c.size(), size);
    return runCollectiveConformance(c, &checks[r]);
  });
  for (uint32_t r = 0; r < size; ++r) {
    EXPECT_TRUE(statuses[r].isOk()) << statuses[r].toString();
    EXPECT_GT(checks[r], 100u);
  }
}

INSTANTIATE_TEST_SUITE_P(WorldSizes, ConformanceTest,
                         ::testing::Values(1u, 2u, 3u, 4u));

TEST(LocalCommunicatorTest, ATimeoutNamesTheRankThatDidNotJoin) {
  auto start = Clock::now();
  auto statuses = onThreads(4, 1, [](uint32_t r, Communicator &c) {
    float x[4] = {1, 2, 3, 4};
    if (r == 2)
      return Status::ok(); // skips the collective
    return c.allReduce(x, x, 4, DType::F32, ReduceOp::Sum, {0, 1, 2, 3});
  });
  double elapsed = secondsSince(start);
  EXPECT_LT(elapsed, 5.0);
  EXPECT_GE(elapsed, 0.9);
  EXPECT_TRUE(statuses[2].isOk());
  // The first rank to time out names rank 2; the others stop because of it.
  int timedOut = 0;
  for (uint32_t r : {0u, 1u, 3u}) {
    ASSERT_FALSE(statuses[r].isOk());
    EXPECT_THAT(statuses[r].message(), HasSubstr("rank 2 did not join"));
    if (statuses[r].code() == StatusCode::kDeadlineExceeded) {
      ++timedOut;
      EXPECT_THAT(statuses[r].message(),
                  HasSubstr("AllReduce (sum) of f32 x 4 over ranks [0,1,2,3] "
                            "timed out after 1 s: rank 2 did not join (rank 2: "
                            "it is not communicating"));
    } else {
      EXPECT_EQ(statuses[r].code(), StatusCode::kUnavailable);
      EXPECT_THAT(statuses[r].message(), HasSubstr("stopped because rank"));
    }
  }
  EXPECT_GE(timedOut, 1);
}

TEST(LocalCommunicatorTest, ATimeoutSaysWhatTheMissingRankIsDoing) {
  // Rank 1 waits in another group's collective that rank 0 never joins.
  auto statuses = onThreads(3, 0.5, [](uint32_t r, Communicator &c) {
    int32_t v = 1;
    if (r == 1)
      return c.allGather(&v, nullptr, 0, DType::I32, {1, 0});
    return c.allReduce(&v, &v, 1, DType::I32, ReduceOp::Max, {0, 1, 2});
  });
  // Whichever rank times out first says what the one it waits for does.
  bool named = false;
  for (const Status &status : statuses)
    named |= status.message().find(
                 "rank 1 did not join (rank 1: it is in AllGather over ranks "
                 "[1,0])") != std::string::npos ||
             status.message().find(
                 "rank 0 did not join (rank 0: it is in AllReduce over ranks "
                 "[0,1,2])") != std::string::npos;
  EXPECT_TRUE(named) << statuses[0].toString() << "\n"
                     << statuses[2].toString();
}

TEST(LocalCommunicatorTest, RecvPermuteAndBarrierTimeOutNamingThePeer) {
  auto statuses = onThreads(2, 0.3, [](uint32_t r, Communicator &c) {
    float v[2] = {0, 0};
    if (r == 0)
      return c.recv(v, 2, DType::F32, 1);
    return Status::ok();
  });
  EXPECT_EQ(statuses[0].code(), StatusCode::kDeadlineExceeded);
  EXPECT_THAT(statuses[0].message(),
              HasSubstr("Recv of f32 x 2 from rank 1 timed out after 0.3 s: "
                        "rank 1 did not send"));

  statuses = onThreads(2, 0.3, [](uint32_t r, Communicator &c) {
    float in[2] = {1, 2}, out[2];
    if (r == 0)
      return c.collectivePermute(in, out, 2, DType::F32, 1, 1);
    return Status::ok();
  });
  EXPECT_EQ(statuses[0].code(), StatusCode::kDeadlineExceeded);
  EXPECT_THAT(statuses[0].message(),
              HasSubstr("rank 1 did not send its input"));

  statuses = onThreads(3, 0.3, [](uint32_t r, Communicator &c) {
    return r == 1 ? Status::ok() : c.barrier();
  });
  bool named = false;
  for (uint32_t r : {0u, 2u})
    named |= statuses[r].message().find(
                 "the barrier of all ranks timed out after 0.45 s: rank 1 did "
                 "not join") != std::string::npos;
  EXPECT_TRUE(named) << statuses[0].toString();
}

TEST(LocalCommunicatorTest, AFailedRankStopsTheOthersAtOnce) {
  auto start = Clock::now();
  auto world = LocalWorld::create(4);
  auto statuses = onThreads(
      4, 30,
      [](uint32_t r, Communicator &c) {
        double x[3] = {1, 2, 3};
        if (r == 1) {
          std::this_thread::sleep_for(std::chrono::milliseconds(50));
          return Status(StatusCode::kInternal,
                        "the kernel of command 4 failed");
        }
        TESSERA_RETURN_IF_ERROR(
            c.allReduce(x, x, 3, DType::F64, ReduceOp::Sum, {0, 2, 3}));
        return c.allReduce(x, x, 3, DType::F64, ReduceOp::Sum, {0, 1, 2, 3});
      },
      world);
  EXPECT_LT(secondsSince(start), 5.0); // far below the 30 s timeout
  EXPECT_EQ(statuses[1].code(), StatusCode::kInternal);
  for (uint32_t r : {0u, 2u, 3u}) {
    EXPECT_EQ(statuses[r].code(), StatusCode::kUnavailable);
    EXPECT_EQ(statuses[r].message(),
              "stopped because rank 1 failed: the kernel of command 4 failed");
  }
  auto failure = world->failure();
  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(failure->first, 1u);

  // After a reset the same world runs again.
  world->reset();
  EXPECT_FALSE(world->failure().has_value());
  statuses = onThreads(
      4, 30,
      [](uint32_t r, Communicator &c) { return runCollectiveConformance(c); },
      world);
  for (const Status &status : statuses)
    EXPECT_TRUE(status.isOk()) << status.toString();
}

TEST(LocalCommunicatorTest, RanksThatDoNotMatchAreTold) {
  auto statuses = onThreads(2, 1, [](uint32_t r, Communicator &c) {
    float x[8] = {};
    if (r == 0)
      return c.allReduce(x, x, 8, DType::F32, ReduceOp::Sum, {0, 1});
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return c.allGather(x, x + 4, 4, DType::F32, {0, 1});
  });
  EXPECT_EQ(statuses[1].code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(statuses[1].message(),
              HasSubstr("this rank is at AllGather of f32 x 4 over ranks "
                        "[0,1], but rank 0 is at AllReduce (sum) of f32 x 8 "
                        "over ranks [0,1]: the ranks' programs do not match"));
  EXPECT_EQ(statuses[0].code(), StatusCode::kUnavailable);
  EXPECT_THAT(statuses[0].message(),
              HasSubstr("stopped because rank 1 failed"));

  statuses = onThreads(2, 1, [](uint32_t r, Communicator &c) {
    float x[4] = {};
    if (r == 0)
      return c.send(x, 4, DType::F32, 1);
    return c.recv(x, 2, DType::F32, 0);
  });
  EXPECT_TRUE(statuses[0].isOk());
  EXPECT_THAT(
      statuses[1].message(),
      HasSubstr("this rank is at Recv of f32 x 2 from rank 0, but rank 0 "
                "is at Send of f32 x 4"));
}

TEST(LocalCommunicatorTest, RefusesBadGroupsAndPeers) {
  auto world = LocalWorld::create(2);
  auto c = world->communicator(0);
  float x = 0;
  EXPECT_THAT(c->allReduce(&x, &x, 1, DType::F32, ReduceOp::Sum, {1}).message(),
              HasSubstr("group [1] does not include this rank (0)"));
  EXPECT_THAT(c->allGather(&x, &x, 1, DType::F32, {0, 0}).message(),
              HasSubstr("names rank 0 twice"));
  EXPECT_THAT(c->allToAll(&x, &x, 1, DType::F32, {0, 5}).message(),
              HasSubstr("names rank 5, but the world has 2 ranks"));
  EXPECT_THAT(c->send(&x, 1, DType::F32, 0).message(),
              HasSubstr("peer 0 is this rank"));
  EXPECT_THAT(c->recv(&x, 1, DType::F32, 2).message(),
              HasSubstr("peer 2 is not a rank of the world (2 ranks)"));
}

//===----------------------------------------------------------------------===//
// The reduction arithmetic
//===----------------------------------------------------------------------===//

TEST(ReduceElementsTest, FloatsIntegersAndBooleans) {
  float a[3] = {1, NAN, -2}, b[3] = {NAN, 3, 5}, out[3];
  const void *f[] = {a, b};
  reduceElements(DType::F32, ReduceOp::Max, out, f, 2, 3);
  EXPECT_TRUE(std::isnan(out[0]));
  EXPECT_TRUE(std::isnan(out[1]));
  EXPECT_EQ(out[2], 5);
  reduceElements(DType::F32, ReduceOp::Min, out, f, 2, 3);
  EXPECT_TRUE(std::isnan(out[0]) && std::isnan(out[1]));
  EXPECT_EQ(out[2], -2);

  int8_t i[2] = {100, -128}, j[2] = {100, -1}, io[2];
  const void *ij[] = {i, j};
  reduceElements(DType::I8, ReduceOp::Sum, io, ij, 2, 2);
  EXPECT_EQ(io[0], int8_t(-56)); // wraps around
  EXPECT_EQ(io[1], int8_t(127));
  reduceElements(DType::I8, ReduceOp::Min, io, ij, 2, 2);
  EXPECT_EQ(io[1], -128);
  uint16_t u[1] = {60000}, v[1] = {2}, uo[1];
  const void *uv[] = {u, v};
  reduceElements(DType::U16, ReduceOp::Prod, uo, uv, 2, 1);
  EXPECT_EQ(uo[0], uint16_t(120000 % 65536));
  reduceElements(DType::U16, ReduceOp::Max, uo, uv, 2, 1);
  EXPECT_EQ(uo[0], 60000);

  uint8_t p[4] = {0, 1, 0, 1}, q[4] = {0, 0, 1, 7}, bo[4];
  const void *pq[] = {p, q};
  reduceElements(DType::Bool, ReduceOp::Sum, bo, pq, 2, 4);
  EXPECT_EQ(std::vector<uint8_t>(bo, bo + 4),
            (std::vector<uint8_t>{0, 1, 1, 1}));
  reduceElements(DType::Bool, ReduceOp::Prod, bo, pq, 2, 4);
  EXPECT_EQ(std::vector<uint8_t>(bo, bo + 4),
            (std::vector<uint8_t>{0, 0, 0, 1}));
}

TEST(ReduceElementsTest, HalfPrecisionRoundsOnceAndInPlaceWorks) {
  // 2048 + 1 + 1 in f16: step by step 2048 + 1 rounds back to 2048 (f16
  // has 11 significant bits); accumulated in f32 the sum is 2050.
  uint16_t a[1] = {floatToHalf(2048)}, b[1] = {floatToHalf(1)};
  const void *abb[] = {a, b, b};
  uint16_t out[1];
  reduceElements(DType::F16, ReduceOp::Sum, out, abb, 3, 1);
  EXPECT_EQ(halfToFloat(out[0]), 2050.f);
  // The destination may be a source (in place).
  std::vector<float> x(1000, 1.5f), y(1000, 2.f);
  const void *xy[] = {x.data(), y.data()};
  reduceElements(DType::F32, ReduceOp::Prod, x.data(), xy, 2, 1000);
  EXPECT_EQ(x[999], 3.f);
  EXPECT_EQ(x[0], 3.f);
}

//===----------------------------------------------------------------------===//
// Launchers
//===----------------------------------------------------------------------===//

StatusOr<LaunchInfo> launchWith(std::map<std::string, std::string> env) {
  return detectLaunch([env](const char *name) -> const char * {
    auto found = env.find(name);
    return found == env.end() ? nullptr : found->second.c_str();
  });
}

TEST(LaunchTest, ReadsTheLaunchersEnvironment) {
  auto none = launchWith({});
  ASSERT_TRUE(none.isOk());
  EXPECT_FALSE(none->launched);
  EXPECT_EQ(none->worldSize, 1u);

  auto ompi = launchWith({{"OMPI_COMM_WORLD_SIZE", "4"},
                          {"OMPI_COMM_WORLD_RANK", "2"},
                          {"OMPI_COMM_WORLD_LOCAL_SIZE", "4"},
                          {"PMIX_RANK", "2"}});
  ASSERT_TRUE(ompi.isOk());
  EXPECT_TRUE(ompi->launched);
  EXPECT_EQ(ompi->worldSize, 4u);
  EXPECT_EQ(ompi->rank, 2u);
  EXPECT_EQ(ompi->localSize, 4u);
  EXPECT_EQ(ompi->source, "mpirun (OMPI_COMM_WORLD_SIZE=4)");

  auto pmi = launchWith({{"PMI_SIZE", "8"}, {"PMI_RANK", "7"}});
  ASSERT_TRUE(pmi.isOk());
  EXPECT_EQ(pmi->worldSize, 8u);
  EXPECT_EQ(pmi->rank, 7u);

  auto srun = launchWith({{"SLURM_PROCID", "1"},
                          {"SLURM_STEP_NUM_TASKS", "2"},
                          {"SLURM_NTASKS", "16"}});
  ASSERT_TRUE(srun.isOk());
  EXPECT_EQ(srun->worldSize, 2u);
  EXPECT_EQ(srun->source, "srun (SLURM_STEP_NUM_TASKS=2)");
  auto pmix = launchWith(
      {{"PMIX_RANK", "3"}, {"SLURM_NTASKS", "4"}, {"SLURM_PROCID", "3"}});
  ASSERT_TRUE(pmix.isOk());
  EXPECT_EQ(pmix->rank, 3u);
  EXPECT_EQ(pmix->worldSize, 4u);
  // A batch script has SLURM_NTASKS and SLURM_PROCID but is no task of a
  // step: it runs the ranks in its own process.
  auto batch = launchWith({{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "4"}});
  ASSERT_TRUE(batch.isOk());
  EXPECT_FALSE(batch->launched);
  auto step = launchWith(
      {{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "4"}, {"SLURM_STEP_ID", "0"}});
  ASSERT_TRUE(step.isOk());
  EXPECT_TRUE(step->launched);

  EXPECT_THAT(launchWith({{"OMPI_COMM_WORLD_SIZE", "two"},
                          {"OMPI_COMM_WORLD_RANK", "0"}})
                  .status()
                  .message(),
              HasSubstr("OMPI_COMM_WORLD_SIZE='two' is not a number"));
  EXPECT_THAT(
      launchWith({{"PMI_SIZE", "2"}, {"PMI_RANK", "2"}}).status().message(),
      HasSubstr("PMI_RANK='2' is not a rank below PMI_SIZE=2"));
  EXPECT_THAT(launchWith({{"PMI_SIZE", "2"}}).status().message(),
              HasSubstr("PMI_SIZE is set but PMI_RANK is not"));
}

TEST(LaunchTest, SaysWhatThisBuildCanConnect) {
  LaunchInfo launch;
  launch.launched = true;
  launch.worldSize = 2;
  launch.source = "mpirun (OMPI_COMM_WORLD_SIZE=2)";
  if (!haveMpi()) {
    auto connected = connectMpi(launch, 1);
    ASSERT_FALSE(connected.isOk());
    EXPECT_EQ(connected.status().code(), StatusCode::kUnavailable);
    EXPECT_THAT(connected.status().message(), HasSubstr("has no MPI"));
  } else {
    EXPECT_THAT(mpiLibraryVersion(), ::testing::Not(::testing::IsEmpty()));
  }
  // NCCL needs a GPU and says so plainly where there is none.
  auto world = LocalWorld::create(1);
  std::shared_ptr<Communicator> bootstrap = world->communicator(0);
  auto nccl = connectNccl(bootstrap, 0, 1);
  if (!nccl.isOk()) {
    EXPECT_EQ(nccl.status().code(), StatusCode::kUnavailable);
    EXPECT_THAT(nccl.status().message(),
                ::testing::AnyOf(HasSubstr("needs an NVIDIA GPU"),
                                 HasSubstr("NCCL is not installed"),
                                 HasSubstr("no nccl communicator")));
  }
}

} // namespace
