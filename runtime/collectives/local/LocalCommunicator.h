//===- LocalCommunicator.h - Ranks as threads of one process ----*- C++ -*-===//
//
// Part of Tessera. A LocalWorld connects N ranks that run as threads of one
// process (tessera-run --devices=N, the tests). Its collectives meet in
// shared memory: every member posts the addresses of its buffers, and once
// all have arrived each member computes its own part straight from the
// others' buffers (a reduction's chunk g is reduced by member g and written
// into every member's result), then waits until all are done before its
// buffers may change again. Nothing is copied twice and the members work in
// parallel. Sends are copied into a queue (a Send never waits); permutes
// post their input and wait until the receiver has copied it.
//
// One mutex and one condition variable guard the world; every wait has the
// communicator's deadline and ends early when another rank called abort().
// A timeout names the members that did not join and what they are doing
// ("rank 2 did not join: it is in AllReduce over ranks [2,3]").
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_COLLECTIVES_LOCAL_LOCALCOMMUNICATOR_H
#define TESSERA_RUNTIME_COLLECTIVES_LOCAL_LOCALCOMMUNICATOR_H

#include "runtime/collectives/Communicator.h"

#include <memory>
#include <optional>
#include <utility>

namespace tessera::runtime {

class LocalWorldState;

class LocalWorld {
public:
  /// A world of `size` ranks (at least 1).
  static std::shared_ptr<LocalWorld> create(uint32_t size);
  ~LocalWorld();

  uint32_t size() const;
  /// The communicator of `rank` (call once per rank; it keeps the world
  /// alive).
  std::unique_ptr<Communicator>
  communicator(uint32_t rank,
               double timeoutSeconds = kDefaultCollectiveTimeoutSeconds);

  /// The first failure any rank reported with abort(): its rank and status.
  std::optional<std::pair<uint32_t, Status>> failure() const;

  /// Forgets everything in flight (operations, queued sends, the failure)
  /// so that the ranks can run again after a failed run. Only when no rank
  /// is inside an operation.
  void reset();

private:
  LocalWorld() = default;
  std::shared_ptr<LocalWorldState> state_;
};

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_COLLECTIVES_LOCAL_LOCALCOMMUNICATOR_H
