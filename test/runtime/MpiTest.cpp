//===- MpiTest.cpp - tessera-run under mpirun -----------------------------===//
//
// Part of Tessera. Runs the conformance suite of the mpi communicator and
// tessera-run in separate processes under OpenMPI's mpirun (as root:
// --allow-run-as-root; more ranks than cores: --oversubscribe): the outputs
// equal the in-process run's byte for byte, a launch of the wrong size is
// refused, a failing rank stops the others with an error naming it, a rank
// that never joins is named by a timeout, and a killed rank is named
// without a hang. Every test is skipped, with the reason, where mpirun or
// MPI support is missing.
//
// What OpenMPI 4.1 does when a process dies (kill -9, or exit without
// MPI_Finalize): mpirun notices at once, prints "mpirun noticed that process
// rank 1 with PID ... exited on signal 9 (Killed)", kills the other
// processes itself and exits non-zero (137) - the others never reach their
// own timeout. With --enable-recovery mpirun lets them run: they time out
// after --collective-timeout naming the dead rank ("rank 1 did not join
// (nothing arrived from it)"), and the MPI_Finalize watchdog ends them.
//
//===----------------------------------------------------------------------===//

#include "runtime/base/Npy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

using namespace tessera::runtime;
using ::testing::HasSubstr;

namespace {

struct Result {
  int exitCode = -1;
  std::string out, err;
  double seconds = 0;
};

class MpiTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    mpirun_ = TESSERA_MPIRUN;
    // TESSERA_TEST_MPIRUN overrides it (empty: as if there were none).
    if (const char *override = std::getenv("TESSERA_TEST_MPIRUN"))
      mpirun_ = override;
    else if (mpirun_.empty() || access(mpirun_.c_str(), X_OK) != 0) {
      // Not found when the runtime was configured; maybe on PATH now.
      mpirun_.clear();
      if (std::system("command -v mpirun >/dev/null 2>&1") == 0)
        mpirun_ = "mpirun";
    }
    char templ[] = "/tmp/tessera-mpi-XXXXXX";
    dir_ = mkdtemp(templ);
    std::string command =
        std::string(TESSERA_WRITE_TEST_ARTIFACTS) + " " + dir_;
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
  static void TearDownTestSuite() {
    std::system(("rm -rf '" + dir_ + "'").c_str());
  }

  void SetUp() override {
    if (std::string(TESSERA_COLLECTIVES_CONFORMANCE).empty())
      GTEST_SKIP() << "this build has no MPI (install libopenmpi-dev and "
                      "reconfigure): the mpi communicator is not built";
    if (mpirun_.empty())
      GTEST_SKIP() << "mpirun not found (install openmpi-bin): multi-process "
                      "runs are not tested";
  }

  static std::string path(const std::string &name) { return dir_ + "/" + name; }

  static std::string slurp(const std::string &file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  /// `env mpirun -np N program args` in the test directory, killed after
  /// 120 s (a hang fails the test rather than the suite).
  static Result mpirun(int processes, const std::string &program,
                       const std::string &args, const std::string &env = "",
                       const std::string &mpirunFlags = "") {
    std::string command =
        "cd '" + dir_ + "' && " + env + " timeout -s KILL 120 " + mpirun_ +
        " --allow-run-as-root --oversubscribe " + mpirunFlags + " -np " +
        std::to_string(processes) + " " + program + " " + args + " >'" + dir_ +
        "/stdout' 2>'" + dir_ + "/stderr'";
    auto start = std::chrono::steady_clock::now();
    int status = std::system(command.c_str());
    Result result;
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = slurp(dir_ + "/stdout");
    result.err = slurp(dir_ + "/stderr");
    return result;
  }
  static Result runTool(int processes, const std::string &args,
                        const std::string &env = "",
                        const std::string &mpirunFlags = "") {
    return mpirun(processes, TESSERA_RUN_PATH, args, env, mpirunFlags);
  }

  static std::string mpirun_, dir_;
};
std::string MpiTest::mpirun_, MpiTest::dir_;

TEST_F(MpiTest, ConformanceOnTwoThreeAndFourProcesses) {
  for (int processes : {2, 3, 4}) {
    Result r = mpirun(processes, TESSERA_COLLECTIVES_CONFORMANCE, "");
    ASSERT_EQ(r.exitCode, 0) << processes << " processes:\n" << r.err << r.out;
    for (int rank = 0; rank < processes; ++rank)
      EXPECT_THAT(r.out, HasSubstr("rank " + std::to_string(rank) + " of " +
                                   std::to_string(processes) + " (mpi): "));
  }
}

TEST_F(MpiTest, OutputsEqualTheInProcessRun) {
  std::string command = "cd '" + dir_ + "' && " + TESSERA_RUN_PATH +
                        " collectives.tsr --input=@x48.npy --output=@y1.npy "
                        "--output=@z1.npy";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  Result r = runTool(4, "collectives.tsr --input=@x48.npy --output=@y4.npy "
                        "--output=@z4.npy --expected-output=@y1.npy "
                        "--expected-output=@z1.npy --threads=1");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  // Only rank 0 reports.
  EXPECT_THAT(r.out, HasSubstr("output 0 'y' matches y1.npy: normalized max "
                               "error 0 (max abs error 0)"));
  EXPECT_EQ(r.out.find("output 0 'y' matches"),
            r.out.rfind("output 0 'y' matches"));
  // Byte for byte: both reduce in group order.
  EXPECT_EQ(slurp(path("y1.npy")), slurp(path("y4.npy")));
  EXPECT_EQ(slurp(path("z1.npy")), slurp(path("z4.npy")));

  // Printed outputs, a benchmark and one trace with a lane per rank.
  r = runTool(4, "collectives.tsr --input=@x48.npy --benchmark=3 "
                 "--trace=mpi.json");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("on cpu:0 (rank 0 of 4, mpi collectives;"));
  EXPECT_EQ(r.out.find("\"runs\": 3"), r.out.rfind("\"runs\": 3"));
  std::string trace = slurp(path("mpi.json"));
  for (int rank = 0; rank < 4; ++rank)
    EXPECT_THAT(trace, HasSubstr("\"tid\": " + std::to_string(rank) +
                                 ", \"args\": {\"name\": \"cpu:" +
                                 std::to_string(rank) + " (rank " +
                                 std::to_string(rank) + ")\"}"));
  EXPECT_THAT(trace, HasSubstr("{\"name\": \"send\", \"cat\": \"Send\""));
  r = runTool(4, "collectives.tsr --input=@x48.npy");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("output 1 'z': f32[4]"));
  EXPECT_THAT(r.out, HasSubstr("values: [3, 2.5, 2, 1.5]"));
}

TEST_F(MpiTest, CudaWithoutAGpuStopsEveryRank) {
  std::string devices = std::string(TESSERA_RUN_PATH) + " --list-devices";
  FILE *pipe = popen(devices.c_str(), "r");
  ASSERT_TRUE(pipe);
  char buffer[4096];
  std::string listed;
  while (size_t n = fread(buffer, 1, sizeof(buffer), pipe))
    listed.append(buffer, n);
  pclose(pipe);
  if (listed.find("cuda driver: unavailable") == std::string::npos &&
      listed.find("cuda: not in this build") == std::string::npos)
    GTEST_SKIP() << "this machine has a GPU";
  const char *args = "mesh2.tsr --input=@x.npy --device=cuda "
                     "--collective-timeout=20";
  Result r = runTool(2, args);
  EXPECT_LT(r.seconds, 15.0); // nobody waits for a timeout
  EXPECT_NE(r.exitCode, 0);
  EXPECT_THAT(r.err, HasSubstr(": unavailable: the cuda device needs an "
                               "NVIDIA GPU: "))
      << r.err;
  // mpirun kills the job when the first rank exits 3, sometimes before it
  // has forwarded the other's message; let every rank end to see that each
  // says why (mpirun then exits 0 whatever the ranks return).
  r = runTool(2, args, "", "--mca orte_abort_on_non_zero_status 0");
  EXPECT_LT(r.seconds, 15.0);
  for (int rank : {0, 1})
    EXPECT_THAT(r.err, HasSubstr("tessera-run: rank " + std::to_string(rank) +
                                 ": unavailable: the cuda device needs an "
                                 "NVIDIA GPU: "))
        << r.err;
}

TEST_F(MpiTest, RefusesALaunchOfAnotherSize) {
  Result r = runTool(2, "collectives.tsr --input=@x48.npy");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_THAT(r.err, HasSubstr("tessera-run: rank 0: failed precondition: this "
                               "process is one of 2 started by mpirun "
                               "(OMPI_COMM_WORLD_SIZE=2), but the artifact's "
                               "mesh is dp:2,tp:2 (4 devices)"));
  // Printed once, by rank 0.
  EXPECT_EQ(r.err.find("this process is one of"),
            r.err.rfind("this process is one of"));
  r = runTool(4, "collectives.tsr --input=@x48.npy --devices=2");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_THAT(r.err, HasSubstr("2 devices were asked for"));
}

TEST_F(MpiTest, AFailingRankStopsTheOthers) {
  Result r =
      runTool(4, "collectives.tsr --input=@x48.npy --collective-timeout=30",
              "TESSERA_FAULT=2:2:fail", "-x TESSERA_FAULT");
  EXPECT_LT(r.seconds, 25.0); // the others do not wait for their timeout
  EXPECT_NE(r.exitCode, 0);
  EXPECT_THAT(r.err, HasSubstr("tessera-run: rank 2: internal error: rank 2 "
                               "command 2 (ReduceScatter): injected failure"));
  // Each of the others stops in the collective it is in when the notice
  // arrives (its AllGather or the ReduceScatter), naming rank 2.
  for (int rank : {0, 1, 3}) {
    std::string prefix = "tessera-run: rank " + std::to_string(rank) +
                         ": unavailable: rank " + std::to_string(rank) +
                         " command ";
    size_t at = r.err.find(prefix);
    ASSERT_NE(at, std::string::npos) << rank << ":\n" << r.err;
    std::string line = r.err.substr(at, r.err.find('\n', at) - at);
    EXPECT_THAT(line,
                HasSubstr("stopped because rank 2 failed: internal error: "
                          "rank 2 command 2 (ReduceScatter): injected "
                          "failure"));
  }
}

TEST_F(MpiTest, ARankThatNeverJoinsIsNamed) {
  Result r = runTool(2, "skip.tsr --input=@x2.npy --no-verify-communication "
                        "--collective-timeout=1");
  EXPECT_LT(r.seconds, 20.0);
  EXPECT_NE(r.exitCode, 0);
  EXPECT_THAT(r.err, HasSubstr("tessera-run: rank 0: deadline exceeded: rank 0 "
                               "command 0 (AllReduce, all_reduce): AllReduce "
                               "(sum) of f32 x 2 over ranks [0,1] timed out "
                               "after 1 s: rank 1 did not join"));
  EXPECT_THAT(r.err, HasSubstr("tessera-run: rank 1: unavailable: stopped "
                               "because rank 0 failed"));
}

TEST_F(MpiTest, AKilledRankIsNamedWithoutAHang) {
  // mpirun sees the process die and ends the job itself.
  Result r =
      runTool(4, "collectives.tsr --input=@x48.npy --collective-timeout=5",
              "TESSERA_FAULT=1:3:kill", "-x TESSERA_FAULT");
  EXPECT_LT(r.seconds, 30.0);
  EXPECT_NE(r.exitCode, 0);
  EXPECT_THAT(r.err, HasSubstr("rank 1 kills itself with SIGKILL"));
  EXPECT_THAT(r.err, HasSubstr("process rank 1 with PID"));
  EXPECT_THAT(r.err, HasSubstr("exited on signal 9"));

  // A process that exits without MPI_Finalize: likewise.
  r = runTool(4, "collectives.tsr --input=@x48.npy --collective-timeout=5",
              "TESSERA_FAULT=3:1:exit", "-x TESSERA_FAULT");
  EXPECT_LT(r.seconds, 30.0);
  EXPECT_NE(r.exitCode, 0);
  EXPECT_THAT(r.err, HasSubstr("rank 3 exits on purpose"));

  // When mpirun lets the job go on (--enable-recovery), the others' own
  // timeouts name the dead rank, and none of them hangs.
  r = runTool(4, "collectives.tsr --input=@x48.npy --collective-timeout=2",
              "TESSERA_FAULT=1:3:kill", "-x TESSERA_FAULT --enable-recovery");
  EXPECT_LT(r.seconds, 60.0);
  EXPECT_THAT(r.err, HasSubstr("timed out after 2 s: rank 1 did not join "
                               "(nothing arrived from it)"));
}

} // namespace
