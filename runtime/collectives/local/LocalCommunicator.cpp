//===- LocalCommunicator.cpp - Ranks as threads of one process ------------===//
//
// Part of Tessera. See LocalCommunicator.h for the protocol.
//
//===----------------------------------------------------------------------===//

#include "runtime/collectives/local/LocalCommunicator.h"

#include "runtime/base/HostTensor.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace tessera::runtime {

/// What a rank is doing, for timeout messages. The group is a copy: the
/// caller's vector may be gone when another rank's message is written.
struct Activity {
  const char *kind = nullptr;
  std::vector<uint32_t> group;
  int64_t peer = -1;
};

/// One instance of a group's collective at a time.
struct GroupState {
  /// The instance under way: members arriving for a later one wait.
  uint64_t instance = 0;
  uint32_t arrived = 0, finished = 0;
  std::vector<const void *> inputs;
  std::vector<void *> results;
  std::vector<bool> present, done;
  /// What the first member to arrive does; the others must do the same.
  const char *kind = nullptr;
  int op = -1;
  DType dtype = DType::F32;
  uint64_t count = 0;
  uint32_t firstRank = 0;
};

struct Message {
  AlignedBytes bytes;
  DType dtype = DType::F32;
  uint64_t count = 0;
};

/// A CollectivePermute's input, posted until its receiver copied it.
struct Post {
  bool active = false, consumed = false;
  uint32_t to = 0;
  const void *data = nullptr;
  DType dtype = DType::F32;
  uint64_t count = 0;
};

class LocalWorldState {
public:
  explicit LocalWorldState(uint32_t size)
      : size(size), posts(size), barrierSeen(size, 0), activity(size) {}

  void reset() {
    std::lock_guard<std::mutex> lock(mutex);
    ++epoch;
    failed = false;
    failure = Status::ok();
    groups.clear();
    messages.clear();
    std::fill(posts.begin(), posts.end(), Post());
    barrierGeneration = 0;
    barrierArrived = 0;
    std::fill(barrierSeen.begin(), barrierSeen.end(), 0);
    for (Activity &a : activity)
      a = Activity();
    notify();
  }

  /// "it is in AllReduce over ranks [2,3]"
  std::string doing(uint32_t rank) const {
    const Activity &a = activity[rank];
    if (!a.kind)
      return "it is not communicating (computing, or done with its run)";
    std::string out = std::string("it is in ") + a.kind;
    if (!a.group.empty())
      out += " over ranks " + groupText(a.group);
    if (a.peer >= 0)
      out += std::string(std::strcmp(a.kind, "Recv") == 0 ? " from" : " with") +
             " rank " + std::to_string(a.peer);
    return out;
  }

  /// Wakes every waiting rank; under the lock.
  void notify() {
    changes.fetch_add(1, std::memory_order_release);
    cv.notify_all();
  }

  const uint32_t size;
  std::mutex mutex;
  std::condition_variable cv;
  /// Counts notify() calls: a waiter spins on it briefly before sleeping,
  /// as a condition variable's wake-up costs tens of microseconds.
  std::atomic<uint64_t> changes{0};
  uint64_t epoch = 0;
  bool failed = false;
  uint32_t failedRank = 0;
  Status failure;
  std::map<std::vector<uint32_t>, GroupState> groups;
  std::map<std::pair<uint32_t, uint32_t>, std::deque<Message>> messages;
  std::vector<Post> posts;
  uint64_t barrierGeneration = 0;
  uint32_t barrierArrived = 0;
  /// Per rank: the barrier generation it last arrived at, plus one.
  std::vector<uint64_t> barrierSeen;
  std::vector<Activity> activity;
};

namespace {

using Clock = std::chrono::steady_clock;
using Lock = std::unique_lock<std::mutex>;

/// A waiting rank re-checks after each change up to kSpinRounds times, and
/// yields up to kSpinYields times waiting for one, before it sleeps.
constexpr int kSpinRounds = 8;
constexpr int kSpinYields = 200;

/// Runs `f` under the world's lock when the scope ends (taking the lock if
/// the caller released it).
template <typename F> class AtExit {
public:
  AtExit(Lock &lock, F f) : lock_(lock), f_(std::move(f)) {}
  ~AtExit() {
    if (lock_.owns_lock()) {
      f_();
      return;
    }
    Lock relock(*lock_.mutex());
    f_();
  }

private:
  Lock &lock_;
  F f_;
};

/// Records what a rank does while it waits, and forgets it on the way out
/// (taking the lock if the caller released it).
class ActivityScope {
public:
  ActivityScope(LocalWorldState &world, uint32_t rank, Lock &lock,
                const char *kind, const std::vector<uint32_t> *group,
                int64_t peer)
      : world_(world), rank_(rank), lock_(lock) {
    Activity &a = world_.activity[rank_];
    a.kind = kind;
    if (group)
      a.group.assign(group->begin(), group->end());
    else
      a.group.clear();
    a.peer = peer;
  }
  ~ActivityScope() {
    if (!lock_.owns_lock()) {
      Lock relock(*lock_.mutex());
      world_.activity[rank_].kind = nullptr;
      return;
    }
    world_.activity[rank_].kind = nullptr;
  }

private:
  LocalWorldState &world_;
  uint32_t rank_;
  Lock &lock_;
};

class LocalCommunicator final : public Communicator {
public:
  LocalCommunicator(std::shared_ptr<LocalWorldState> world, uint32_t rank)
      : world_(std::move(world)), rank_(rank) {}

  const char *kind() const override { return "local"; }
  uint32_t rank() const override { return rank_; }
  uint32_t size() const override { return world_->size; }
  bool peerFailed() const override { return peerFailed_; }

  void abort(const Status &status) override {
    std::lock_guard<std::mutex> lock(world_->mutex);
    if (!world_->failed) {
      world_->failed = true;
      world_->failedRank = rank_;
      world_->failure = status;
    }
    world_->notify();
  }

  Status allReduce(const void *input, void *result, uint64_t count, DType dtype,
                   ReduceOp op, const std::vector<uint32_t> &group) override {
    size_t size = dtypeSize(dtype);
    return collective(
        "AllReduce", int(op), dtype, count, input, result, group,
        [&](const std::vector<const void *> &inputs,
            const std::vector<void *> &results, size_t g) {
          // Member g reduces chunk g of every input and writes it into every
          // result: chunks are disjoint, so in-place inputs are safe.
          size_t n = inputs.size();
          uint64_t begin = chunkBegin(count, n, g),
                   end = chunkBegin(count, n, g + 1);
          constexpr uint64_t kBlock = 16384;
          std::vector<const void *> srcs(n);
          for (uint64_t at = begin; at < end; at += kBlock) {
            uint64_t m = std::min(kBlock, end - at);
            for (size_t j = 0; j < n; ++j)
              srcs[j] = static_cast<const char *>(inputs[j]) + at * size;
            char *mine = static_cast<char *>(results[g]) + at * size;
            reduceElements(dtype, op, mine, srcs.data(), n, m);
            for (size_t j = 0; j < n; ++j)
              if (j != g)
                std::memcpy(static_cast<char *>(results[j]) + at * size, mine,
                            m * size);
          }
        });
  }

  Status allGather(const void *input, void *result, uint64_t count, DType dtype,
                   const std::vector<uint32_t> &group) override {
    size_t bytes = count * dtypeSize(dtype);
    return collective("AllGather", -1, dtype, count, input, result, group,
                      [&](const std::vector<const void *> &inputs,
                          const std::vector<void *> &results, size_t g) {
                        for (size_t j = 0; j < inputs.size(); ++j)
                          copy(static_cast<char *>(results[g]) + j * bytes,
                               inputs[j], bytes);
                      });
  }

  Status reduceScatter(const void *input, void *result, uint64_t count,
                       DType dtype, ReduceOp op,
                       const std::vector<uint32_t> &group) override {
    size_t bytes = count * dtypeSize(dtype);
    return collective(
        "ReduceScatter", int(op), dtype, count, input, result, group,
        [&](const std::vector<const void *> &inputs,
            const std::vector<void *> &results, size_t g) {
          std::vector<const void *> srcs(inputs.size());
          for (size_t j = 0; j < inputs.size(); ++j)
            srcs[j] = static_cast<const char *>(inputs[j]) + g * bytes;
          reduceElements(dtype, op, results[g], srcs.data(), srcs.size(),
                         count);
        });
  }

  Status allToAll(const void *input, void *result, uint64_t count, DType dtype,
                  const std::vector<uint32_t> &group) override {
    size_t bytes = count * dtypeSize(dtype);
    return collective("AllToAll", -1, dtype, count, input, result, group,
                      [&](const std::vector<const void *> &inputs,
                          const std::vector<void *> &results, size_t g) {
                        for (size_t i = 0; i < inputs.size(); ++i)
                          copy(static_cast<char *>(results[g]) + i * bytes,
                               static_cast<const char *>(inputs[i]) + g * bytes,
                               bytes);
                      });
  }

  Status collectivePermute(const void *input, void *result, uint64_t count,
                           DType dtype, int64_t sendTo,
                           int64_t recvFrom) override {
    TESSERA_RETURN_IF_ERROR(checkPeer(sendTo, size(), true, true, rank_));
    TESSERA_RETURN_IF_ERROR(checkPeer(recvFrom, size(), true, true, rank_));
    size_t bytes = count * dtypeSize(dtype);
    std::string what =
        operationText("CollectivePermute", nullptr, dtype, count, {});
    if (sendTo == int64_t(rank_) && recvFrom == int64_t(rank_)) {
      copy(result, input, bytes);
      return Status::ok();
    }
    auto until = deadline();
    Lock lock(world_->mutex);
    TESSERA_RETURN_IF_ERROR(enter(lock));
    ActivityScope activity(*world_, rank_, lock, "CollectivePermute", nullptr,
                           recvFrom >= 0 ? recvFrom : sendTo);
    Post &mine = world_->posts[rank_];
    // Whatever happens, this rank's input is not offered any longer.
    AtExit withdraw(lock, [&] {
      if (sendTo >= 0)
        mine = Post();
    });
    if (sendTo >= 0) {
      mine = Post();
      mine.active = true;
      mine.to = uint32_t(sendTo);
      mine.data = input;
      mine.dtype = dtype;
      mine.count = count;
      world_->notify();
    }
    if (recvFrom >= 0) {
      uint32_t from = uint32_t(recvFrom);
      Post &theirs = world_->posts[from];
      TESSERA_RETURN_IF_ERROR(wait(
          lock, until,
          [&] {
            return theirs.active && theirs.to == rank_ && !theirs.consumed;
          },
          [&] {
            return what + " " + timedOutText() + ": rank " +
                   std::to_string(from) + " did not send its input (" +
                   world_->doing(from) + ")";
          }));
      if (theirs.dtype != dtype || theirs.count != count)
        return mismatch(what, from,
                        operationText("CollectivePermute", nullptr,
                                      theirs.dtype, theirs.count, {}));
      const void *data = theirs.data;
      lock.unlock();
      copy(result, data, bytes);
      lock.lock();
      theirs.consumed = true;
      world_->notify();
    } else if (bytes) {
      std::memset(result, 0, bytes);
    }
    if (sendTo >= 0) {
      TESSERA_RETURN_IF_ERROR(wait(
          lock, until, [&] { return mine.consumed; },
          [&] {
            return what + " " + timedOutText() + ": rank " +
                   std::to_string(sendTo) +
                   " did not receive this rank's input (" +
                   world_->doing(uint32_t(sendTo)) + ")";
          }));
    }
    return Status::ok();
  }

  Status send(const void *input, uint64_t count, DType dtype,
              uint32_t peer) override {
    TESSERA_RETURN_IF_ERROR(checkPeer(peer, size(), false, false, rank_));
    size_t bytes = count * dtypeSize(dtype);
    Message message;
    message.bytes = alignedAlloc(bytes);
    if (!message.bytes)
      return Status(StatusCode::kResourceExhausted,
                    "out of memory buffering a Send of " +
                        std::to_string(bytes) + " bytes");
    copy(message.bytes.get(), input, bytes);
    message.dtype = dtype;
    message.count = count;
    Lock lock(world_->mutex);
    TESSERA_RETURN_IF_ERROR(enter(lock));
    world_->messages[{rank_, peer}].push_back(std::move(message));
    world_->notify();
    return Status::ok();
  }

  Status recv(void *result, uint64_t count, DType dtype,
              uint32_t peer) override {
    TESSERA_RETURN_IF_ERROR(checkPeer(peer, size(), false, false, rank_));
    std::string what = operationText("Recv", nullptr, dtype, count, {}) +
                       " from rank " + std::to_string(peer);
    auto until = deadline();
    Lock lock(world_->mutex);
    TESSERA_RETURN_IF_ERROR(enter(lock));
    ActivityScope activity(*world_, rank_, lock, "Recv", nullptr, peer);
    auto &queue = world_->messages[{peer, rank_}];
    TESSERA_RETURN_IF_ERROR(wait(
        lock, until, [&] { return !queue.empty(); },
        [&] {
          return what + " " + timedOutText() + ": rank " +
                 std::to_string(peer) + " did not send (" +
                 world_->doing(peer) + ")";
        }));
    Message message = std::move(queue.front());
    queue.pop_front();
    lock.unlock();
    if (message.dtype != dtype || message.count != count)
      return mismatch(
          what, peer,
          operationText("Send", nullptr, message.dtype, message.count, {}));
    copy(result, message.bytes.get(), count * dtypeSize(dtype));
    return Status::ok();
  }

  Status poll() override {
    Lock lock(world_->mutex);
    return enter(lock);
  }

  Status barrier() override {
    auto until = barrierDeadline();
    Lock lock(world_->mutex);
    TESSERA_RETURN_IF_ERROR(enter(lock));
    uint64_t generation = world_->barrierGeneration;
    world_->barrierSeen[rank_] = generation + 1;
    if (++world_->barrierArrived == world_->size) {
      world_->barrierArrived = 0;
      ++world_->barrierGeneration;
      world_->notify();
      return Status::ok();
    }
    ActivityScope activity(*world_, rank_, lock, "a barrier", nullptr, -1);
    TESSERA_RETURN_IF_ERROR(wait(
        lock, until, [&] { return world_->barrierGeneration > generation; },
        [&] {
          std::vector<uint32_t> missing;
          for (uint32_t r = 0; r < world_->size; ++r)
            if (world_->barrierSeen[r] <= generation)
              missing.push_back(r);
          std::string out = "the barrier of all ranks " + timedOutText(true) +
                            ": " + ranksPhrase(missing) + " did not join";
          if (!missing.empty())
            out += " (rank " + std::to_string(missing[0]) + ": " +
                   world_->doing(missing[0]) + ")";
          return out;
        }));
    return Status::ok();
  }

private:
  static void copy(void *to, const void *from, size_t bytes) {
    if (bytes && to != from)
      std::memcpy(to, from, bytes);
  }

  /// At the start of every operation, under the lock: a reset world forgets
  /// this rank's sequence numbers; a failed one fails at once.
  Status enter(Lock &lock) {
    if (epoch_ != world_->epoch) {
      epoch_ = world_->epoch;
      sequence_.clear();
      peerFailed_ = false;
    }
    return failedStatus();
  }

  Status failedStatus() {
    if (!world_->failed)
      return Status::ok();
    if (world_->failedRank == rank_)
      return Status(StatusCode::kFailedPrecondition,
                    "this rank already failed: " + world_->failure.message());
    peerFailed_ = true;
    return Status(StatusCode::kUnavailable,
                  "stopped because rank " + std::to_string(world_->failedRank) +
                      " failed: " + world_->failure.message());
  }

  /// Waits for `ready`, another rank's failure or the deadline.
  template <typename Ready, typename Missing>
  Status wait(Lock &lock, Clock::time_point until, Ready ready,
              Missing missing) {
    // First spin (yielding the core) for a little while: the other ranks
    // usually arrive within microseconds.
    for (int round = 0; round < kSpinRounds && !ready(); ++round) {
      TESSERA_RETURN_IF_ERROR(failedStatus());
      uint64_t seen = world_->changes.load(std::memory_order_acquire);
      lock.unlock();
      for (int i = 0; i < kSpinYields &&
                      world_->changes.load(std::memory_order_acquire) == seen;
           ++i)
        std::this_thread::yield();
      lock.lock();
    }
    while (!ready()) {
      TESSERA_RETURN_IF_ERROR(failedStatus());
      if (world_->cv.wait_until(lock, until) == std::cv_status::timeout &&
          !ready()) {
        TESSERA_RETURN_IF_ERROR(failedStatus());
        return Status(StatusCode::kDeadlineExceeded, missing());
      }
    }
    return failedStatus();
  }

  Status mismatch(const std::string &mine, uint32_t other,
                  const std::string &theirs) {
    return Status(StatusCode::kFailedPrecondition,
                  "this rank is at " + mine + ", but rank " +
                      std::to_string(other) + " is at " + theirs +
                      ": the ranks' programs do not match");
  }

  template <typename Work>
  Status collective(const char *kind, int op, DType dtype, uint64_t count,
                    const void *input, void *result,
                    const std::vector<uint32_t> &group, Work work) {
    TESSERA_RETURN_IF_ERROR(checkGroup(group, rank_, size()));
    size_t n = group.size();
    size_t g = size_t(indexInGroup(group, rank_));
    const char *opName = op >= 0 ? reduceOpName(ReduceOp(op)) : nullptr;
    if (n == 1) {
      work({input}, {result}, 0);
      return Status::ok();
    }
    auto until = deadline();
    Lock lock(world_->mutex);
    TESSERA_RETURN_IF_ERROR(enter(lock));
    uint64_t instance = sequence_[group]++;
    GroupState &state = world_->groups[group];
    if (state.present.empty()) {
      state.inputs.assign(n, nullptr);
      state.results.assign(n, nullptr);
      state.present.assign(n, false);
      state.done.assign(n, false);
    }
    ActivityScope activity(*world_, rank_, lock, kind, &group, -1);
    auto describe = [&] {
      return operationText(kind, opName, dtype, count, group);
    };
    // Members of the previous instance may still be finishing.
    TESSERA_RETURN_IF_ERROR(wait(
        lock, until, [&] { return state.instance == instance; },
        [&] {
          std::vector<uint32_t> busy;
          for (size_t j = 0; j < n; ++j)
            if (state.present[j] && !state.done[j])
              busy.push_back(group[j]);
          return describe() + " " + timedOutText() + ": " +
                 (busy.empty() ? std::string("the group's previous collective")
                               : ranksPhrase(busy)) +
                 " did not finish the group's previous collective";
        }));
    if (state.arrived == 0) {
      state.kind = kind;
      state.op = op;
      state.dtype = dtype;
      state.count = count;
      state.firstRank = rank_;
    } else if (std::strcmp(state.kind, kind) != 0 || state.op != op ||
               state.dtype != dtype || state.count != count) {
      const char *theirOp =
          state.op >= 0 ? reduceOpName(ReduceOp(state.op)) : nullptr;
      return mismatch(
          describe(), state.firstRank,
          operationText(state.kind, theirOp, state.dtype, state.count, group));
    }
    state.inputs[g] = input;
    state.results[g] = result;
    state.present[g] = true;
    ++state.arrived;
    world_->notify();
    TESSERA_RETURN_IF_ERROR(wait(
        lock, until, [&] { return state.arrived == n; },
        [&] {
          std::vector<uint32_t> missing;
          for (size_t j = 0; j < n; ++j)
            if (!state.present[j])
              missing.push_back(group[j]);
          std::string out = describe() + " " + timedOutText() + ": " +
                            ranksPhrase(missing) + " did not join";
          for (size_t i = 0; i < missing.size() && i < 4; ++i)
            out += (i ? "; rank " : " (rank ") + std::to_string(missing[i]) +
                   ": " + world_->doing(missing[i]);
          return out + ")";
        }));
    const std::vector<const void *> &inputs = state.inputs;
    const std::vector<void *> &results = state.results;
    lock.unlock();
    work(inputs, results, g);
    lock.lock();
    state.done[g] = true;
    if (++state.finished == n) {
      ++state.instance;
      state.arrived = state.finished = 0;
      std::fill(state.present.begin(), state.present.end(), false);
      std::fill(state.done.begin(), state.done.end(), false);
      world_->notify();
    } else {
      TESSERA_RETURN_IF_ERROR(wait(
          lock, until, [&] { return state.instance > instance; },
          [&] {
            std::vector<uint32_t> busy;
            for (size_t j = 0; j < n; ++j)
              if (!state.done[j])
                busy.push_back(group[j]);
            return describe() + " " + timedOutText() + ": " +
                   ranksPhrase(busy) + " did not finish its part";
          }));
    }
    return Status::ok();
  }

  std::shared_ptr<LocalWorldState> world_;
  const uint32_t rank_;
  uint64_t epoch_ = 0;
  bool peerFailed_ = false;
  /// Per group: how many of its collectives this rank has started.
  std::map<std::vector<uint32_t>, uint64_t> sequence_;
};

} // namespace

std::shared_ptr<LocalWorld> LocalWorld::create(uint32_t size) {
  std::shared_ptr<LocalWorld> world(new LocalWorld());
  world->state_ =
      std::make_shared<LocalWorldState>(std::max<uint32_t>(size, 1));
  return world;
}

LocalWorld::~LocalWorld() = default;

uint32_t LocalWorld::size() const { return state_->size; }

std::unique_ptr<Communicator> LocalWorld::communicator(uint32_t rank,
                                                       double timeoutSeconds) {
  auto communicator = std::make_unique<LocalCommunicator>(state_, rank);
  communicator->setTimeout(timeoutSeconds);
  return communicator;
}

std::optional<std::pair<uint32_t, Status>> LocalWorld::failure() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  if (!state_->failed)
    return std::nullopt;
  return std::make_pair(state_->failedRank, state_->failure);
}

void LocalWorld::reset() { state_->reset(); }

} // namespace tessera::runtime
