//===- CollectivesConformanceMain.cpp - The conformance suite over MPI ----===//
//
// Part of Tessera (tests only). Started by mpirun (MpiTest): each process
// connects with MPI, runs runCollectiveConformance and prints
// "rank R: N checks passed" or its error; exits 0, or 3 on a failure.
//
//===----------------------------------------------------------------------===//

#include "CollectiveConformance.h"

#include "runtime/collectives/Launch.h"

#include <cstdio>

using namespace tessera::runtime;

int main() {
  StatusOr<LaunchInfo> launch = detectLaunch();
  if (!launch.isOk()) {
    std::fprintf(stderr, "%s\n", launch.status().toString().c_str());
    return 1;
  }
  auto communicator = connectMpi(*launch, 30);
  if (!communicator.isOk()) {
    std::fprintf(stderr, "%s\n", communicator.status().toString().c_str());
    return 3;
  }
  Communicator &c = **communicator;
  uint64_t checks = 0;
  Status status = tessera::test::runCollectiveConformance(c, &checks);
  if (!status.isOk()) {
    if (!c.peerFailed())
      c.abort(status);
    std::fprintf(stderr, "rank %u: %s\n", c.rank(), status.toString().c_str());
    return 3;
  }
  std::printf("rank %u of %u (%s): %llu checks passed\n", c.rank(), c.size(),
              c.kind(), static_cast<unsigned long long>(checks));
  return 0;
}
