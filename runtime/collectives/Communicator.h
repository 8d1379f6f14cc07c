//===- Communicator.h - Collectives and point to point ----------*- C++ -*-===//
//
// Part of Tessera. The one interface every rank's communication goes
// through, whatever carries it:
//
//   local  ranks as threads of one process (shared memory; tests, one host)
//   mpi    one process per rank (mpirun, srun), host memory
//   nccl   cuda devices (device memory); its unique id travels over another
//          communicator (mpi, or local for GPUs of one process)
//
// A communicator belongs to one rank and is used from one thread at a time.
// Groups are explicit, ordered lists of world ranks that include this rank
// (the compiler resolved mesh axes to ranks); a member's index in the list
// is its position in gathers and scatters. Counts are elements of `dtype`.
// The semantics are those of the artifact's commands (docs/artifact-format.md):
//
//   allReduce      result = op over the members' inputs (input may be result)
//   allGather      result = members' inputs concatenated in group order;
//                  result holds group.size() * count elements
//   reduceScatter  input is group.size() chunks of count; result = op over
//                  the members' chunk g (g: this rank's index)
//   allToAll       chunk j (count elements) of input goes to member j;
//                  chunk i of result comes from member i
//   collectivePermute  sends input to sendTo and receives result from
//                  recvFrom at once (-1: none; a result not received is
//                  zeroed); completes when both are done
//   send           buffered: never waits for the receiver
//   recv           waits for the next send from `peer` to this rank
//   barrier        every rank of the world
//
// No hang: every operation that waits for other ranks fails after the
// timeout (kDeadlineExceeded) with a message naming the ranks that did not
// join, and fails at once (kUnavailable, "rank 2 failed: ...") when another
// rank called abort(). Reductions combine members in group order with
// reduceElements (runtime/base/Reduce.h), so every host communicator gives
// the same bits.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_COLLECTIVES_COMMUNICATOR_H
#define TESSERA_RUNTIME_COLLECTIVES_COMMUNICATOR_H

#include "runtime/base/DType.h"
#include "runtime/base/Reduce.h"
#include "runtime/base/Status.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace tessera::runtime {

/// Where the buffers handed to a communicator live.
enum class MemoryKind { Host, Device };

/// The timeout when none is given (tessera-run --collective-timeout).
inline constexpr double kDefaultCollectiveTimeoutSeconds = 60;

class Communicator {
public:
  virtual ~Communicator() = default;

  /// "local", "mpi", "nccl".
  virtual const char *kind() const = 0;
  /// This rank, and the number of ranks in the world.
  virtual uint32_t rank() const = 0;
  virtual uint32_t size() const = 0;
  virtual MemoryKind memory() const { return MemoryKind::Host; }

  /// Called once, before any operation, with every group any rank of the
  /// artifact uses (the same list, in the same order, on every rank): a
  /// communicator that needs per-group state (NCCL sub-communicators)
  /// creates it here. Others need nothing.
  virtual Status
  prepareGroups(const std::vector<std::vector<uint32_t>> &groups) {
    return Status::ok();
  }

  virtual Status allReduce(const void *input, void *result, uint64_t count,
                           DType dtype, ReduceOp op,
                           const std::vector<uint32_t> &group) = 0;
  virtual Status allGather(const void *input, void *result, uint64_t count,
                           DType dtype, const std::vector<uint32_t> &group) = 0;
  virtual Status reduceScatter(const void *input, void *result, uint64_t count,
                               DType dtype, ReduceOp op,
                               const std::vector<uint32_t> &group) = 0;
  virtual Status allToAll(const void *input, void *result, uint64_t count,
                          DType dtype, const std::vector<uint32_t> &group) = 0;
  virtual Status collectivePermute(const void *input, void *result,
                                   uint64_t count, DType dtype, int64_t sendTo,
                                   int64_t recvFrom) = 0;
  virtual Status send(const void *input, uint64_t count, DType dtype,
                      uint32_t peer) = 0;
  virtual Status recv(void *result, uint64_t count, DType dtype,
                      uint32_t peer) = 0;
  /// Waits for every rank of the world (half as long again as the others,
  /// see barrierDeadline()).
  virtual Status barrier() = 0;

  /// Checks, without waiting, whether another rank has failed
  /// (kUnavailable naming it): for a communicator that waits on something
  /// else (NCCL on a GPU stream) and bootstraps over this one.
  virtual Status poll() { return Status::ok(); }

  /// Tells every other rank that this rank failed with `status`: their
  /// waiting and later operations fail with "rank R failed: <message>".
  /// Does not wait for them; a no-op after the first call.
  virtual void abort(const Status &status) = 0;
  /// Whether an operation failed because another rank failed (so this rank
  /// need not tell the others: the failed rank did).
  virtual bool peerFailed() const = 0;

  /// The longest any operation waits for other ranks.
  void setTimeout(double seconds);
  double timeoutSeconds() const { return timeoutSeconds_; }

protected:
  std::chrono::steady_clock::time_point deadline() const {
    return std::chrono::steady_clock::now() + timeout_;
  }
  /// A barrier waits half as long again as an operation: when a rank that
  /// finished its run waits in the closing barrier for one stuck in a
  /// collective, the stuck one times out first and names the rank that did
  /// not join its collective, which says more than "it did not come to
  /// the barrier".
  std::chrono::steady_clock::time_point barrierDeadline() const {
    return std::chrono::steady_clock::now() + timeout_ + timeout_ / 2;
  }
  /// "timed out after 1.5 s" (for a barrier: its longer wait).
  std::string timedOutText(bool barrier = false) const;

  double timeoutSeconds_ = kDefaultCollectiveTimeoutSeconds;
  std::chrono::steady_clock::duration timeout_ = std::chrono::seconds(60);
};

//===----------------------------------------------------------------------===//
// Helpers the implementations share
//===----------------------------------------------------------------------===//

/// "[0,1,2,3]"
std::string groupText(const std::vector<uint32_t> &group);
/// "rank 2", "ranks 1 and 3", "ranks 1, 2 and 3"
std::string ranksPhrase(const std::vector<uint32_t> &ranks);
/// The index of `rank` in `group`, or -1.
int64_t indexInGroup(const std::vector<uint32_t> &group, uint32_t rank);

/// AllReduce splits `count` elements into n near-equal chunks: chunk g
/// starts at chunkBegin(count, n, g) (g = n gives count).
inline uint64_t chunkBegin(uint64_t count, uint64_t n, uint64_t g) {
  uint64_t base = count / n, extra = count % n;
  return g * base + (g < extra ? g : extra);
}

/// What a collective is, for messages: "AllReduce (sum) of f32 x 8 over
/// ranks [0,1]".
std::string operationText(const char *kind, const char *op, DType dtype,
                          uint64_t count, const std::vector<uint32_t> &group);

/// Checks the arguments every implementation relies on: this rank in the
/// group, members distinct and in the world, peers in the world, sizes that
/// fit in memory. kInvalidArgument naming the problem.
Status checkGroup(const std::vector<uint32_t> &group, uint32_t rank,
                  uint32_t worldSize);
Status checkPeer(int64_t peer, uint32_t worldSize, bool allowNone,
                 bool allowSelf, uint32_t rank);

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_COLLECTIVES_COMMUNICATOR_H
