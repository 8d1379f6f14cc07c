//===- MeshTest.cpp - Sessions that run a mesh of ranks -------------------===//
//
// Part of Tessera. Artifacts with every collective run in one process
// (ranks as threads) and as separate "processes" (sessions on threads of
// their own, each given a launch and a local communicator, which is the
// path mpirun takes with MPI): numerics against a reference, the mesh-size
// refusals, a failing rank stopping the others, a rank that never joins
// timing out with its name, and traces with one lane per rank.
//
//===----------------------------------------------------------------------===//

#include "ArtifactBuilder.h"
#include "TestUtil.h"

#include "runtime/api/ChromeTrace.h"
#include "runtime/api/Session.h"
#include "runtime/collectives/local/LocalCommunicator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

using namespace tessera::runtime;
using namespace tessera::test;
using ::testing::HasSubstr;

namespace {

using Clock = std::chrono::steady_clock;

StatusOr<std::unique_ptr<Artifact>> artifactOf(const ArtifactBuilder &builder,
                                               bool checkCommunication = true) {
  std::vector<uint8_t> bytes = builder.build();
  LoadOptions load;
  load.checkCommunication = checkCommunication;
  return Artifact::fromBytes(bytes.data(), bytes.size(), load, "mesh.tsr");
}

StatusOr<std::unique_ptr<Session>> sessionFor(const ArtifactBuilder &builder,
                                              SessionOptions options = {},
                                              bool checkCommunication = true) {
  TESSERA_ASSIGN_OR_RETURN(auto artifact,
                           artifactOf(builder, checkCommunication));
  return Session::create(std::move(artifact), options);
}

std::vector<float> inputValues() {
  std::vector<float> x(32);
  for (int i = 0; i < 32; ++i)
    x[i] = float((i * 37) % 19) * 0.25f - 2.f;
  return x;
}

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

TEST(MeshTest, RunsEveryCollectiveInOneProcess) {
  SessionOptions options;
  options.threads = 1;
  auto session = sessionFor(makeCollectiveModel(), options);
  ASSERT_TRUE(session.isOk()) << session.status().toString();
  EXPECT_EQ((*session)->localRanks(), (std::vector<uint32_t>{0, 1, 2, 3}));
  EXPECT_TRUE((*session)->producesOutputs());
  EXPECT_EQ((*session)->commandLabels(3),
            (std::vector<std::string>{
                "all_reduce", "all_gather", "reduce_scatter", "all_to_all",
                "collective_permute", "send", "all_gather"}));
  EXPECT_EQ((*session)->commandLabels(0)[5], "recv");
  std::vector<float> x = inputValues();
  auto [y, z] = collectiveModelReference(x);
  HostTensor input = HostTensor::fromVector<float>({4, 8}, x);
  // Several runs: the ranks' threads and sequence numbers carry over.
  for (int run = 0; run < 3; ++run) {
    auto outputs = (*session)->run({input});
    ASSERT_TRUE(outputs.isOk()) << outputs.status().toString();
    EXPECT_EQ((*outputs)[0].toVector<float>(), y);
    EXPECT_EQ((*outputs)[1].toVector<float>(), z);
  }
}

TEST(MeshTest, RefusesADeviceCountOtherThanTheMesh) {
  SessionOptions options;
  options.devices = 2;
  auto session = sessionFor(makeCollectiveModel(), options);
  ASSERT_FALSE(session.isOk());
  EXPECT_EQ(session.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(session.status().exitCode(), 3);
  EXPECT_THAT(session.status().message(),
              HasSubstr("2 devices were asked for, but the artifact's mesh is "
                        "dp:2,tp:2 (4 devices)"));
  options.devices = 4;
  EXPECT_TRUE(sessionFor(makeCollectiveModel(), options).isOk());
}

TEST(MeshTest, AFailingRankStopsTheOthers) {
  SessionOptions options;
  options.threads = 1;
  options.collectiveTimeout = 30;
  // Rank 1 fails before its AllGather (command 1) in the first run.
  options.fault = FaultInjection{1, 1, 0, FaultInjection::Action::Fail, 0};
  auto session = sessionFor(makeCollectiveModel(), options);
  ASSERT_TRUE(session.isOk()) << session.status().toString();
  HostTensor input = HostTensor::fromVector<float>({4, 8}, inputValues());
  auto start = Clock::now();
  auto outputs = (*session)->run({input});
  EXPECT_LT(secondsSince(start), 10.0);
  ASSERT_FALSE(outputs.isOk());
  EXPECT_EQ(outputs.status().code(), StatusCode::kInternal);
  EXPECT_EQ(outputs.status().message(),
            "rank 1 command 1 (AllGather): injected failure (TESSERA_FAULT) "
            "before command 1 (ranks 0, 2 and 3 stopped because of it)");
  // The next run (run 1) has no fault: the mesh recovered.
  outputs = (*session)->run({input});
  ASSERT_TRUE(outputs.isOk()) << outputs.status().toString();
  EXPECT_EQ((*outputs)[1].toVector<float>(),
            collectiveModelReference(inputValues()).second);
}

TEST(MeshTest, ARankThatNeverJoinsTimesOutWithItsName) {
  ArtifactBuilder skipped = makeSkippedCollectiveModel();
  // The verifier sees it first.
  auto refused = artifactOf(skipped);
  ASSERT_FALSE(refused.isOk());
  EXPECT_THAT(refused.status().message(),
              HasSubstr("rank 0 command 0 (AllReduce (sum) of f32 x 2 over "
                        "ranks [0,1]) never completes: rank 1 does not "
                        "communicate (a deadlock)"));
  SessionOptions options;
  options.collectiveTimeout = 1;
  auto session = sessionFor(skipped, options, /*checkCommunication=*/false);
  ASSERT_TRUE(session.isOk()) << session.status().toString();
  auto start = Clock::now();
  auto outputs = (*session)->run({HostTensor::fromVector<float>({2}, {1, 2})});
  double elapsed = secondsSince(start);
  EXPECT_GE(elapsed, 0.9);
  EXPECT_LT(elapsed, 5.0);
  ASSERT_FALSE(outputs.isOk());
  EXPECT_EQ(outputs.status().code(), StatusCode::kDeadlineExceeded);
  EXPECT_THAT(
      outputs.status().message(),
      HasSubstr("rank 0 command 0 (AllReduce, all_reduce): AllReduce "
                "(sum) of f32 x 2 over ranks [0,1] timed out after 1 s: "
                "rank 1 did not join"));
}

TEST(MeshTest, TracesHaveOneLanePerRank) {
  auto session = sessionFor(makeCollectiveModel());
  ASSERT_TRUE(session.isOk());
  ChromeTrace trace;
  (*session)->setTraceSink(&trace);
  HostTensor input = HostTensor::fromVector<float>({4, 8}, inputValues());
  ASSERT_TRUE((*session)->run({input}).isOk());
  std::string json = trace.json();
  for (int r = 0; r < 4; ++r)
    EXPECT_THAT(json,
                HasSubstr("\"tid\": " + std::to_string(r) +
                          ", \"args\": {\"name\": \"cpu:" + std::to_string(r) +
                          " (rank " + std::to_string(r) + ")\"}"));
  EXPECT_THAT(json,
              HasSubstr("{\"name\": \"all_reduce\", \"cat\": \"AllReduce\""));
  EXPECT_THAT(json, HasSubstr("{\"name\": \"send\", \"cat\": \"Send\", \"ph\": "
                              "\"X\", \"pid\": 0, \"tid\": 3"));
  EXPECT_EQ(trace.commandEvents(), 4u * 6 + 2);

  // Exported and imported (how the ranks of an mpirun launch merge theirs).
  ChromeTrace merged;
  ASSERT_TRUE(merged.importEvents(trace.exportEvents()).isOk());
  EXPECT_EQ(merged.commandEvents(), trace.commandEvents());
  EXPECT_EQ(merged.json(), json);
  EXPECT_FALSE(merged.importEvents("E\tbad\n").isOk());
}

TEST(MeshTest, PipelineTracesShowMicrobatchesAndIdleTime) {
  // Rank 1 runs stage 1: it waits 100 us for microbatch 0 (a receive),
  // works on it, waits 50 us for microbatch 1, works on it (its slice from
  // the batch has no stage and joins the span).
  ChromeTrace trace;
  auto command = [&](uint32_t index, const char *kind, int32_t microbatch,
                     int32_t stage, int64_t startUs, int64_t durationUs) {
    CommandEvent event;
    event.rank = 1;
    event.device = "cpu:1";
    event.command = index;
    event.kind = kind;
    event.label = kind;
    event.microbatch = microbatch;
    event.stage = stage;
    event.startNs = startUs * 1000;
    event.durationNs = durationUs * 1000;
    trace.onCommand(event);
  };
  command(0, "Recv", 0, 1, 0, 100);
  command(1, "Dispatch", 0, 1, 100, 30);
  command(2, "Send", 0, 1, 130, 10);
  command(3, "Recv", 1, 1, 140, 50);
  command(4, "Dispatch", 1, -1, 190, 5);
  command(5, "Dispatch", 1, 1, 195, 25);
  RunEvent run;
  run.rank = 1;
  run.device = "cpu:1";
  run.startNs = 0;
  run.durationNs = 230 * 1000;
  trace.onRun(run);
  std::string json = trace.json();
  EXPECT_THAT(json, HasSubstr("{\"name\": \"microbatch 0 (stage 1)\", \"cat\": "
                              "\"Microbatch\", \"ph\": \"X\", \"pid\": 0, "
                              "\"tid\": 1, \"ts\": 100.000, \"dur\": 40.000, "
                              "\"args\": {\"microbatch\": 0, \"stage\": 1, "
                              "\"run\": 0}}"));
  EXPECT_THAT(json, HasSubstr("{\"name\": \"microbatch 1 (stage 1)\", \"cat\": "
                              "\"Microbatch\", \"ph\": \"X\", \"pid\": 0, "
                              "\"tid\": 1, \"ts\": 190.000, \"dur\": 30.000"));
  EXPECT_THAT(json, HasSubstr("{\"name\": \"idle\", \"cat\": \"Idle\", \"ph\": "
                              "\"X\", \"pid\": 0, \"tid\": 1, \"ts\": 0.000, "
                              "\"dur\": 100.000"));
  EXPECT_THAT(json, HasSubstr("\"ts\": 140.000, \"dur\": 50.000"));
  EXPECT_THAT(json, HasSubstr("\"ts\": 220.000, \"dur\": 10.000"));
  EXPECT_THAT(json, HasSubstr("\"idle_us\": 160.000, \"run\": 0}"));
  EXPECT_THAT(json,
              HasSubstr("\"command\": 4, \"microbatch\": 1, \"run\": 0}"));

  // The spans and idle time survive the export an mpirun launch uses.
  ChromeTrace merged;
  ASSERT_TRUE(merged.importEvents(trace.exportEvents()).isOk());
  EXPECT_EQ(merged.json(), json);
}

/// Sessions on threads of their own, each launched as one rank with a local
/// communicator: the process-per-rank path without MPI.
std::vector<StatusOr<std::vector<HostTensor>>>
runLaunched(const ArtifactBuilder &builder, uint32_t worldSize,
            SessionOptions options, const std::vector<HostTensor> &inputs,
            std::vector<Status> *openStatuses = nullptr) {
  auto world = LocalWorld::create(worldSize);
  std::vector<StatusOr<std::vector<HostTensor>>> results(
      worldSize, Status(StatusCode::kInternal, "not run"));
  std::vector<Status> opens(worldSize);
  std::vector<std::thread> threads;
  for (uint32_t r = 0; r < worldSize; ++r)
    threads.emplace_back([&, r] {
      SessionOptions mine = options;
      LaunchInfo launch;
      launch.launched = true;
      launch.worldSize = worldSize;
      launch.rank = r;
      launch.source = "a test (" + std::to_string(worldSize) + " threads)";
      mine.launch = launch;
      mine.connect =
          [&world](const LaunchInfo &info,
                   double timeout) -> StatusOr<std::shared_ptr<Communicator>> {
        return std::shared_ptr<Communicator>(
            world->communicator(info.rank, timeout));
      };
      auto session = sessionFor(builder, mine);
      if (!session.isOk()) {
        opens[r] = session.status();
        results[r] = session.status();
        return;
      }
      results[r] = (*session)->run(inputs);
      if (results[r].isOk() && !(*session)->producesOutputs())
        EXPECT_TRUE(results[r]->empty());
    });
  for (std::thread &thread : threads)
    thread.join();
  if (openStatuses)
    *openStatuses = opens;
  return results;
}

TEST(MeshTest, ProcessPerRankGivesTheSameOutputs) {
  SessionOptions options;
  options.threads = 1;
  HostTensor input = HostTensor::fromVector<float>({4, 8}, inputValues());
  auto results = runLaunched(makeCollectiveModel(), 4, options, {input});
  for (uint32_t r = 0; r < 4; ++r)
    ASSERT_TRUE(results[r].isOk())
        << r << ": " << results[r].status().toString();
  auto [y, z] = collectiveModelReference(inputValues());
  ASSERT_EQ(results[0]->size(), 2u);
  EXPECT_EQ((*results[0])[0].toVector<float>(), y);
  EXPECT_EQ((*results[0])[1].toVector<float>(), z);
}

TEST(MeshTest, ProcessPerRankRefusesALaunchOfAnotherSize) {
  std::vector<Status> opens;
  SessionOptions options;
  auto results = runLaunched(makeCollectiveModel(), 2, options, {}, &opens);
  for (const Status &status : opens) {
    EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
    EXPECT_EQ(status.message(),
              "this process is one of 2 started by a test (2 threads), but "
              "the artifact's mesh is dp:2,tp:2 (4 devices): start one "
              "process per device of the mesh");
  }
  EXPECT_FALSE(results[0].isOk());
}

TEST(MeshTest, ProcessPerRankFailuresNameTheRank) {
  SessionOptions options;
  options.threads = 1;
  options.collectiveTimeout = 20;
  // Rank 2 fails before its ReduceScatter: the others are told.
  options.fault = FaultInjection{2, 2, 0, FaultInjection::Action::Fail, 0};
  HostTensor input = HostTensor::fromVector<float>({4, 8}, inputValues());
  auto start = Clock::now();
  auto results = runLaunched(makeCollectiveModel(), 4, options, {input});
  EXPECT_LT(secondsSince(start), 10.0);
  ASSERT_FALSE(results[2].isOk());
  EXPECT_THAT(results[2].status().message(),
              HasSubstr("rank 2 command 2 (ReduceScatter): injected failure"));
  for (uint32_t r : {0u, 1u, 3u}) {
    ASSERT_FALSE(results[r].isOk()) << r;
    EXPECT_THAT(results[r].status().message(),
                HasSubstr("stopped because rank 2 failed: "));
  }

  // A rank that never joins: the others time out naming it.
  options.fault.reset();
  options.collectiveTimeout = 1;
  ArtifactBuilder skipped = makeSkippedCollectiveModel();
  auto world = LocalWorld::create(2);
  std::vector<Status> statuses(2);
  std::vector<std::thread> threads;
  for (uint32_t r = 0; r < 2; ++r)
    threads.emplace_back([&, r] {
      SessionOptions mine = options;
      LaunchInfo launch;
      launch.launched = true;
      launch.worldSize = 2;
      launch.rank = r;
      launch.source = "a test";
      mine.launch = launch;
      mine.connect =
          [&world](const LaunchInfo &info,
                   double timeout) -> StatusOr<std::shared_ptr<Communicator>> {
        return std::shared_ptr<Communicator>(
            world->communicator(info.rank, timeout));
      };
      auto session = sessionFor(skipped, mine, /*checkCommunication=*/false);
      ASSERT_TRUE(session.isOk()) << session.status().toString();
      statuses[r] = (*session)
                        ->run({HostTensor::fromVector<float>({2}, {1, 2})})
                        .status();
    });
  for (std::thread &thread : threads)
    thread.join();
  // Rank 1 finished its program and waits in the run's closing barrier;
  // both time out at about the same moment: rank 0 says that rank 1 did not
  // join its AllReduce, rank 1 that rank 0 did not come to the barrier
  // because it is in that AllReduce; or one of them stops because the
  // other failed first. Each names the other.
  ASSERT_FALSE(statuses[0].isOk());
  ASSERT_FALSE(statuses[1].isOk());
  EXPECT_THAT(statuses[0].message(),
              ::testing::AnyOf(HasSubstr("rank 1 did not join"),
                               HasSubstr("stopped because rank 1 failed")));
  EXPECT_THAT(statuses[1].message(),
              ::testing::AnyOf(HasSubstr("rank 0 did not join (rank 0: it is "
                                         "in AllReduce over ranks [0,1])"),
                               HasSubstr("stopped because rank 0 failed")));
}

TEST(MeshTest, OneRankCollectivesNeedNoPeers) {
  ArtifactBuilder b;
  uint32_t x = b.addInput("x", TypeSpec(DType::I32, {4}));
  uint32_t y = b.addOutput("y", TypeSpec(DType::I32, {4}));
  RankSpec &rank = b.rank(0);
  rank.arenaSize = 64;
  uint32_t xb = rank.addBuffer(Buf::input(x, TypeSpec(DType::I32, {4})));
  uint32_t t = rank.addBuffer(Buf::arena(0, TypeSpec(DType::I32, {4})));
  uint32_t yb = rank.addBuffer(Buf::output(y, TypeSpec(DType::I32, {4})));
  rank.add(AllReduceSpec{xb, t, {0}, 3});
  rank.add(AllToAllSpec{t, yb, {0}});
  auto session = sessionFor(b);
  ASSERT_TRUE(session.isOk()) << session.status().toString();
  auto outputs =
      (*session)->run({HostTensor::fromVector<int32_t>({4}, {1, 2, 3, 4})});
  ASSERT_TRUE(outputs.isOk()) << outputs.status().toString();
  EXPECT_EQ((*outputs)[0].toVector<int32_t>(),
            (std::vector<int32_t>{1, 2, 3, 4}));
}

TEST(MeshTest, FaultsParse) {
  auto fault = FaultInjection::parse("1:2:fail");
  ASSERT_TRUE(fault.isOk());
  EXPECT_EQ(fault->rank, 1u);
  EXPECT_EQ(fault->command, 2u);
  EXPECT_EQ(fault->run, 0u);
  EXPECT_EQ(fault->action, FaultInjection::Action::Fail);
  fault = FaultInjection::parse("0:1:3:sleep=2.5");
  ASSERT_TRUE(fault.isOk());
  EXPECT_EQ(fault->run, 3u);
  EXPECT_EQ(fault->action, FaultInjection::Action::Sleep);
  EXPECT_EQ(fault->seconds, 2.5);
  EXPECT_EQ(FaultInjection::parse("3:0:kill")->action,
            FaultInjection::Action::Kill);
  EXPECT_EQ(FaultInjection::parse("3:0:exit")->action,
            FaultInjection::Action::Exit);
  for (const char *bad : {"", "1", "1:2", "a:2:fail", "1:2:explode",
                          "1:2:sleep=x", "1:2:3:4:fail"})
    EXPECT_FALSE(FaultInjection::parse(bad).isOk()) << bad;
}

} // namespace
