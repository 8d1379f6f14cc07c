//===- MpiCommunicator.cpp - One process per rank, over MPI ---------------===//
//
// Part of Tessera. Every operation is built from non-blocking point-to-point
// messages (MPI_Isend/MPI_Irecv) that this rank then polls against its
// deadline, rather than from MPI's blocking collectives: a blocking
// MPI_Allreduce whose peer died or took another path never returns, while a
// polled receive knows exactly which peer has not delivered. So a timeout
// names the ranks that did not join, and a failed rank's notice (a message
// with its own tag, received at any time) ends every other rank's wait
// with "stopped because rank R failed: ...".
//
// The algorithms are direct (each member exchanges with every other member
// of the group): AllReduce is a reduce-scatter of n chunks followed by an
// all-gather of the reduced chunks; member g reduces chunk g in group order
// with reduceElements, exactly as the local communicator does, so the two
// give the same bits. They suit the CPU meshes this path is for (tens of
// ranks); NCCL carries large GPU meshes.
//
// Tags keep the kinds of traffic apart (two ranks may have a buffered Send
// and a collective in flight at once); MPI's order between one sender and
// one receiver on one tag keeps consecutive collectives apart. Messages
// above 1 GiB are split, as MPI counts are ints.
//
//===----------------------------------------------------------------------===//

#include "runtime/collectives/Launch.h"

#include "runtime/base/HostTensor.h"

#include <mpi.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <list>
#include <mutex>
#include <sched.h>
#include <thread>
#include <time.h>

namespace tessera::runtime {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kTagData = 7001;    // first phase of a collective
constexpr int kTagGather = 7002;  // AllReduce's second phase
constexpr int kTagSend = 7003;    // Send/Recv
constexpr int kTagPermute = 7004; // CollectivePermute
constexpr int kTagBarrier = 7005;
constexpr int kTagAbort = 7006; // a failed rank's notice
constexpr size_t kMaxNotice = 4096;
constexpr uint64_t kMaxPiece = uint64_t(1) << 30;

std::string mpiError(int code) {
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  if (MPI_Error_string(code, text, &length) != MPI_SUCCESS)
    return "MPI error " + std::to_string(code);
  return std::string(text, size_t(length));
}

/// A posted message: which peer it goes to or comes from.
struct Pending {
  MPI_Request request = MPI_REQUEST_NULL;
  uint32_t peer = 0;
  bool receive = false;
  /// Bytes expected (receives).
  int bytes = 0;
};

/// Backs off from yielding to short sleeps: ranks oversubscribed on few
/// cores must let each other run, and MPI only progresses inside MPI calls.
class Backoff {
public:
  void pause() {
    auto waited = Clock::now() - start_;
    if (waited < std::chrono::milliseconds(2)) {
      sched_yield();
      return;
    }
    struct timespec ts = {0, waited < std::chrono::milliseconds(200) ? 50000
                                                                     : 1000000};
    nanosleep(&ts, nullptr);
  }

private:
  Clock::time_point start_ = Clock::now();
};

class MpiCommunicator final : public Communicator {
public:
  MpiCommunicator() = default;

  Status init(const LaunchInfo &launch, double timeoutSeconds) {
    setTimeout(timeoutSeconds);
    int initialized = 0;
    MPI_Initialized(&initialized);
    if (!initialized) {
      int provided = 0;
      int rc =
          MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided);
      if (rc != MPI_SUCCESS)
        return TESSERA_STATUS_AT(StatusCode::kUnavailable,
                                 "MPI_Init_thread failed: " + mpiError(rc));
      ownsMpi_ = true;
    }
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    int rc = MPI_Comm_dup(MPI_COMM_WORLD, &comm_);
    if (rc != MPI_SUCCESS)
      return TESSERA_STATUS_AT(StatusCode::kUnavailable,
                               "MPI_Comm_dup failed: " + mpiError(rc));
    MPI_Comm_set_errhandler(comm_, MPI_ERRORS_RETURN);
    int rank = 0, size = 1;
    MPI_Comm_rank(comm_, &rank);
    MPI_Comm_size(comm_, &size);
    rank_ = uint32_t(rank);
    size_ = uint32_t(size);
    if (launch.launched && (size_ != launch.worldSize || rank_ != launch.rank))
      return Status(StatusCode::kFailedPrecondition,
                    "MPI says this process is rank " + std::to_string(rank_) +
                        " of " + std::to_string(size_) + ", but " +
                        launch.source + " made it rank " +
                        std::to_string(launch.rank) + " of " +
                        std::to_string(launch.worldSize) +
                        " (is tessera-run built against the MPI that "
                        "launched it?)");
    rc = MPI_Irecv(notice_, int(kMaxNotice), MPI_CHAR, MPI_ANY_SOURCE,
                   kTagAbort, comm_, &noticeRequest_);
    if (rc != MPI_SUCCESS)
      return TESSERA_STATUS_AT(StatusCode::kUnavailable,
                               "MPI_Irecv failed: " + mpiError(rc));
    return Status::ok();
  }

  ~MpiCommunicator() override { shutdown(); }

  const char *kind() const override { return "mpi"; }
  uint32_t rank() const override { return rank_; }
  uint32_t size() const override { return size_; }
  bool peerFailed() const override { return peerFailed_; }

  Status allReduce(const void *input, void *result, uint64_t count, DType dtype,
                   ReduceOp op, const std::vector<uint32_t> &group) override {
    TESSERA_RETURN_IF_ERROR(start(group));
    size_t es = dtypeSize(dtype);
    size_t n = group.size(), g = size_t(indexInGroup(group, rank_));
    auto what = [&] {
      return operationText("AllReduce", reduceOpName(op), dtype, count, group);
    };
    const char *in = static_cast<const char *>(input);
    char *out = static_cast<char *>(result);
    if (n == 1) {
      copy(out, in, count * es);
      return Status::ok();
    }
    uint64_t begin = chunkBegin(count, n, g),
             mine = chunkBegin(count, n, g + 1) - begin;
    auto until = deadline();
    // Phase 1: chunk j of the input to member j; the members' chunk g here.
    TESSERA_ASSIGN_OR_RETURN(char *slots, scratch((n - 1) * mine * es));
    std::vector<Pending> pending;
    std::vector<const void *> sources(n);
    for (size_t i = 0, slot = 0; i < n; ++i) {
      if (i == g) {
        sources[i] = in + begin * es;
        continue;
      }
      sources[i] = slots + slot * mine * es;
      TESSERA_RETURN_IF_ERROR(postRecv(slots + slot++ * mine * es, mine * es,
                                       group[i], kTagData, pending));
    }
    for (size_t j = 0; j < n; ++j)
      if (j != g) {
        uint64_t b = chunkBegin(count, n, j), e = chunkBegin(count, n, j + 1);
        TESSERA_RETURN_IF_ERROR(
            postSend(in + b * es, (e - b) * es, group[j], kTagData, pending));
      }
    TESSERA_RETURN_IF_ERROR(waitAll(pending, until, what));
    reduceElements(dtype, op, out + begin * es, sources.data(), n, mine);
    // Phase 2: the reduced chunk g to every member; theirs here.
    for (size_t i = 0; i < n; ++i)
      if (i != g) {
        uint64_t b = chunkBegin(count, n, i), e = chunkBegin(count, n, i + 1);
        TESSERA_RETURN_IF_ERROR(postRecv(out + b * es, (e - b) * es, group[i],
                                         kTagGather, pending));
      }
    for (size_t j = 0; j < n; ++j)
      if (j != g)
        TESSERA_RETURN_IF_ERROR(postSend(out + begin * es, mine * es, group[j],
                                         kTagGather, pending));
    return waitAll(pending, until, what);
  }

  Status allGather(const void *input, void *result, uint64_t count, DType dtype,
                   const std::vector<uint32_t> &group) override {
    TESSERA_RETURN_IF_ERROR(start(group));
    size_t bytes = count * dtypeSize(dtype);
    size_t n = group.size(), g = size_t(indexInGroup(group, rank_));
    char *out = static_cast<char *>(result);
    copy(out + g * bytes, input, bytes);
    if (n == 1)
      return Status::ok();
    auto until = deadline();
    std::vector<Pending> pending;
    for (size_t i = 0; i < n; ++i)
      if (i != g)
        TESSERA_RETURN_IF_ERROR(
            postRecv(out + i * bytes, bytes, group[i], kTagData, pending));
    for (size_t j = 0; j < n; ++j)
      if (j != g)
        TESSERA_RETURN_IF_ERROR(
            postSend(input, bytes, group[j], kTagData, pending));
    return waitAll(pending, until, [&] {
      return operationText("AllGather", nullptr, dtype, count, group);
    });
  }

  Status reduceScatter(const void *input, void *result, uint64_t count,
                       DType dtype, ReduceOp op,
                       const std::vector<uint32_t> &group) override {
    TESSERA_RETURN_IF_ERROR(start(group));
    size_t bytes = count * dtypeSize(dtype);
    size_t n = group.size(), g = size_t(indexInGroup(group, rank_));
    const char *in = static_cast<const char *>(input);
    if (n == 1) {
      copy(result, in, bytes);
      return Status::ok();
    }
    auto until = deadline();
    TESSERA_ASSIGN_OR_RETURN(char *slots, scratch((n - 1) * bytes));
    std::vector<Pending> pending;
    std::vector<const void *> sources(n);
    for (size_t i = 0, slot = 0; i < n; ++i) {
      if (i == g) {
        sources[i] = in + g * bytes;
        continue;
      }
      sources[i] = slots + slot * bytes;
      TESSERA_RETURN_IF_ERROR(
          postRecv(slots + slot++ * bytes, bytes, group[i], kTagData, pending));
    }
    for (size_t j = 0; j < n; ++j)
      if (j != g)
        TESSERA_RETURN_IF_ERROR(
            postSend(in + j * bytes, bytes, group[j], kTagData, pending));
    TESSERA_RETURN_IF_ERROR(waitAll(pending, until, [&] {
      return operationText("ReduceScatter", reduceOpName(op), dtype, count,
                           group);
    }));
    reduceElements(dtype, op, result, sources.data(), n, count);
    return Status::ok();
  }

  Status allToAll(const void *input, void *result, uint64_t count, DType dtype,
                  const std::vector<uint32_t> &group) override {
    TESSERA_RETURN_IF_ERROR(start(group));
    size_t bytes = count * dtypeSize(dtype);
    size_t n = group.size(), g = size_t(indexInGroup(group, rank_));
    const char *in = static_cast<const char *>(input);
    char *out = static_cast<char *>(result);
    copy(out + g * bytes, in + g * bytes, bytes);
    if (n == 1)
      return Status::ok();
    auto until = deadline();
    std::vector<Pending> pending;
    for (size_t i = 0; i < n; ++i)
      if (i != g)
        TESSERA_RETURN_IF_ERROR(
            postRecv(out + i * bytes, bytes, group[i], kTagData, pending));
    for (size_t j = 0; j < n; ++j)
      if (j != g)
        TESSERA_RETURN_IF_ERROR(
            postSend(in + j * bytes, bytes, group[j], kTagData, pending));
    return waitAll(pending, until, [&] {
      return operationText("AllToAll", nullptr, dtype, count, group);
    });
  }

  Status collectivePermute(const void *input, void *result, uint64_t count,
                           DType dtype, int64_t sendTo,
                           int64_t recvFrom) override {
    TESSERA_RETURN_IF_ERROR(start({}));
    TESSERA_RETURN_IF_ERROR(checkPeer(sendTo, size_, true, true, rank_));
    TESSERA_RETURN_IF_ERROR(checkPeer(recvFrom, size_, true, true, rank_));
    size_t bytes = count * dtypeSize(dtype);
    bool self = sendTo == int64_t(rank_) && recvFrom == int64_t(rank_);
    if (self) {
      copy(result, input, bytes);
      return Status::ok();
    }
    auto until = deadline();
    std::vector<Pending> pending;
    if (recvFrom >= 0)
      TESSERA_RETURN_IF_ERROR(
          postRecv(result, bytes, uint32_t(recvFrom), kTagPermute, pending));
    else if (bytes)
      std::memset(result, 0, bytes);
    if (sendTo >= 0)
      TESSERA_RETURN_IF_ERROR(
          postSend(input, bytes, uint32_t(sendTo), kTagPermute, pending));
    return waitAll(pending, until, [&] {
      return operationText("CollectivePermute", nullptr, dtype, count, {});
    });
  }

  Status send(const void *input, uint64_t count, DType dtype,
              uint32_t peer) override {
    TESSERA_RETURN_IF_ERROR(start({}));
    TESSERA_RETURN_IF_ERROR(checkPeer(peer, size_, false, false, rank_));
    size_t bytes = count * dtypeSize(dtype);
    Outgoing message;
    message.bytes = alignedAlloc(bytes);
    if (!message.bytes)
      return Status(StatusCode::kResourceExhausted,
                    "out of memory buffering a Send of " +
                        std::to_string(bytes) + " bytes");
    copy(message.bytes.get(), input, bytes);
    TESSERA_RETURN_IF_ERROR(
        postSend(message.bytes.get(), bytes, peer, kTagSend, message.pending));
    outgoing_.push_back(std::move(message));
    return Status::ok();
  }

  Status recv(void *result, uint64_t count, DType dtype,
              uint32_t peer) override {
    TESSERA_RETURN_IF_ERROR(start({}));
    TESSERA_RETURN_IF_ERROR(checkPeer(peer, size_, false, false, rank_));
    auto until = deadline();
    std::vector<Pending> pending;
    TESSERA_RETURN_IF_ERROR(
        postRecv(result, count * dtypeSize(dtype), peer, kTagSend, pending));
    return waitAll(pending, until, [&] {
      return operationText("Recv", nullptr, dtype, count, {}) + " from rank " +
             std::to_string(peer);
    });
  }

  Status barrier() override {
    TESSERA_RETURN_IF_ERROR(start({}));
    auto until = barrierDeadline();
    barrier_ = true;
    std::vector<Pending> pending;
    static char token[1];
    for (uint32_t r = 0; r < size_; ++r)
      if (r != rank_)
        TESSERA_RETURN_IF_ERROR(
            postRecv(&tokens_[0], 0, r, kTagBarrier, pending));
    for (uint32_t r = 0; r < size_; ++r)
      if (r != rank_)
        TESSERA_RETURN_IF_ERROR(postSend(token, 0, r, kTagBarrier, pending));
    Status status = waitAll(
        pending, until, [] { return std::string("the barrier of all ranks"); });
    barrier_ = false;
    return status;
  }

  Status poll() override {
    if (!broken_.isOk())
      return broken_;
    return checkNotice();
  }

  void abort(const Status &status) override {
    if (noticed_ || peerFailed_ || !comm_initialized())
      return;
    noticed_ = true;
    noticeText_ = status.toString();
    if (noticeText_.size() > kMaxNotice - 1)
      noticeText_.resize(kMaxNotice - 1);
    std::vector<MPI_Request> requests;
    for (uint32_t r = 0; r < size_; ++r) {
      if (r == rank_)
        continue;
      MPI_Request request;
      if (MPI_Isend(noticeText_.data(), int(noticeText_.size()), MPI_CHAR,
                    int(r), kTagAbort, comm_, &request) == MPI_SUCCESS)
        requests.push_back(request);
    }
    // The notices are small (sent eagerly); give them a moment to leave.
    auto until = Clock::now() +
                 std::min<Clock::duration>(timeout_, std::chrono::seconds(2));
    Backoff backoff;
    while (!requests.empty() && Clock::now() < until) {
      int done = 0;
      MPI_Testall(int(requests.size()), requests.data(), &done,
                  MPI_STATUSES_IGNORE);
      if (done)
        return;
      backoff.pause();
    }
    for (MPI_Request &request : requests)
      if (request != MPI_REQUEST_NULL)
        MPI_Request_free(&request);
  }

private:
  struct Outgoing {
    AlignedBytes bytes;
    std::vector<Pending> pending;
  };

  bool comm_initialized() const { return comm_ != MPI_COMM_NULL; }

  static void copy(void *to, const void *from, size_t bytes) {
    if (bytes && to != from)
      std::memcpy(to, from, bytes);
  }

  /// At the start of every operation: fails at once after a failure,
  /// checks the group and lets finished Sends go.
  Status start(const std::vector<uint32_t> &group) {
    if (!broken_.isOk())
      return broken_;
    TESSERA_RETURN_IF_ERROR(checkNotice());
    if (!group.empty())
      TESSERA_RETURN_IF_ERROR(checkGroup(group, rank_, size_));
    reapOutgoing();
    return Status::ok();
  }

  void reapOutgoing() {
    for (auto it = outgoing_.begin(); it != outgoing_.end();) {
      bool done = true;
      for (Pending &p : it->pending) {
        int flag = 1;
        if (p.request != MPI_REQUEST_NULL)
          MPI_Test(&p.request, &flag, MPI_STATUS_IGNORE);
        done &= flag != 0;
      }
      it = done ? outgoing_.erase(it) : std::next(it);
    }
  }

  StatusOr<char *> scratch(size_t bytes) {
    if (scratchSize_ < bytes) {
      scratch_ = alignedAlloc(bytes);
      if (!scratch_) {
        scratchSize_ = 0;
        return Status(StatusCode::kResourceExhausted,
                      "out of memory for " + std::to_string(bytes) +
                          " bytes of collective buffers");
      }
      scratchSize_ = bytes;
    }
    return reinterpret_cast<char *>(scratch_.get());
  }

  /// Posts `bytes` (in pieces of at most 1 GiB; at least one message).
  Status post(bool receive, const void *data, uint64_t bytes, uint32_t peer,
              int tag, std::vector<Pending> &pending) {
    uint64_t offset = 0;
    do {
      uint64_t piece = std::min(kMaxPiece, bytes - offset);
      Pending p;
      p.peer = peer;
      p.receive = receive;
      p.bytes = int(piece);
      char *at = const_cast<char *>(static_cast<const char *>(data)) + offset;
      int rc = receive ? MPI_Irecv(at, int(piece), MPI_BYTE, int(peer), tag,
                                   comm_, &p.request)
                       : MPI_Isend(at, int(piece), MPI_BYTE, int(peer), tag,
                                   comm_, &p.request);
      if (rc != MPI_SUCCESS) {
        cancel(pending);
        return fail(TESSERA_STATUS_AT(
            StatusCode::kUnavailable,
            std::string(receive ? "MPI_Irecv from" : "MPI_Isend to") +
                " rank " + std::to_string(peer) + " failed: " + mpiError(rc)));
      }
      pending.push_back(p);
      offset += piece;
    } while (offset < bytes);
    return Status::ok();
  }
  Status postSend(const void *data, uint64_t bytes, uint32_t peer, int tag,
                  std::vector<Pending> &pending) {
    return post(false, data, bytes, peer, tag, pending);
  }
  Status postRecv(void *data, uint64_t bytes, uint32_t peer, int tag,
                  std::vector<Pending> &pending) {
    return post(true, data, bytes, peer, tag, pending);
  }

  /// Whether another rank's failure notice arrived.
  Status checkNotice() {
    if (noticeRequest_ == MPI_REQUEST_NULL)
      return Status::ok();
    int flag = 0;
    MPI_Status status;
    if (MPI_Test(&noticeRequest_, &flag, &status) != MPI_SUCCESS || !flag)
      return Status::ok();
    int length = 0;
    MPI_Get_count(&status, MPI_CHAR, &length);
    std::string text(notice_, size_t(std::max(0, length)));
    peerFailed_ = true;
    return fail(
        Status(StatusCode::kUnavailable, "stopped because rank " +
                                             std::to_string(status.MPI_SOURCE) +
                                             " failed: " + text));
  }

  /// Cancels what has not completed: receives are cancelled and waited
  /// for (so nothing writes their buffers later), sends are left to finish
  /// on their own.
  void cancel(std::vector<Pending> &pending) {
    for (Pending &p : pending) {
      if (p.request == MPI_REQUEST_NULL)
        continue;
      if (p.receive) {
        MPI_Cancel(&p.request);
        MPI_Wait(&p.request, MPI_STATUS_IGNORE);
      } else {
        MPI_Request_free(&p.request);
      }
    }
    pending.clear();
  }

  /// After a failure the communicator is unusable: its peers' sequence of
  /// messages no longer lines up with this rank's.
  Status fail(Status status) {
    broken_ = status;
    return status;
  }

  template <typename What>
  Status waitAll(std::vector<Pending> &pending, Clock::time_point until,
                 What what) {
    std::vector<MPI_Request> requests(pending.size());
    for (size_t i = 0; i < pending.size(); ++i)
      requests[i] = pending[i].request;
    std::vector<int> indices(pending.size());
    std::vector<MPI_Status> statuses(pending.size());
    size_t remaining = pending.size();
    Backoff backoff;
    while (remaining > 0) {
      int completed = 0;
      int rc = MPI_Testsome(int(requests.size()), requests.data(), &completed,
                            indices.data(), statuses.data());
      if (completed == MPI_UNDEFINED)
        completed = 0;
      for (int k = 0; k < completed; ++k) {
        Pending &p = pending[size_t(indices[size_t(k)])];
        p.request = MPI_REQUEST_NULL;
        --remaining;
        const MPI_Status &status = statuses[size_t(k)];
        int error = rc == MPI_ERR_IN_STATUS ? status.MPI_ERROR : MPI_SUCCESS;
        int received = p.bytes;
        if (error == MPI_SUCCESS && p.receive)
          MPI_Get_count(&status, MPI_BYTE, &received);
        if (error != MPI_SUCCESS || received != p.bytes) {
          for (size_t i = 0; i < pending.size(); ++i)
            pending[i].request = requests[i];
          cancel(pending);
          std::string problem =
              error != MPI_SUCCESS
                  ? mpiError(error)
                  : std::to_string(received) + " bytes arrived, " +
                        std::to_string(p.bytes) + " were expected";
          return fail(Status(
              StatusCode::kFailedPrecondition,
              what() + ": " + (p.receive ? "receiving from" : "sending to") +
                  " rank " + std::to_string(p.peer) + " failed: " + problem +
                  " (the ranks' programs do not match, or the rank is gone)"));
        }
      }
      if (rc != MPI_SUCCESS && rc != MPI_ERR_IN_STATUS) {
        for (size_t i = 0; i < pending.size(); ++i)
          pending[i].request = requests[i];
        std::vector<uint32_t> peers = peersOf(pending, true);
        cancel(pending);
        return fail(
            TESSERA_STATUS_AT(StatusCode::kUnavailable,
                              what() + ": MPI failed while waiting for " +
                                  ranksPhrase(peers) + ": " + mpiError(rc)));
      }
      if (remaining == 0)
        break;
      Status notice = checkNotice();
      if (!notice.isOk() || Clock::now() >= until) {
        for (size_t i = 0; i < pending.size(); ++i)
          pending[i].request = requests[i];
        std::vector<uint32_t> silent = peersOf(pending, true);
        std::vector<uint32_t> deaf = peersOf(pending, false);
        cancel(pending);
        if (!notice.isOk())
          return notice;
        std::string message = what() + " " + timedOutText(barrier_) + ": ";
        if (!silent.empty())
          message += ranksPhrase(silent) + " did not join (nothing arrived " +
                     "from " + (silent.size() == 1 ? "it" : "them") + ")";
        else
          message += ranksPhrase(deaf) + " did not receive this rank's data";
        return fail(Status(StatusCode::kDeadlineExceeded, message));
      }
      backoff.pause();
    }
    pending.clear();
    return Status::ok();
  }

  static std::vector<uint32_t> peersOf(const std::vector<Pending> &pending,
                                       bool receives) {
    std::vector<uint32_t> peers;
    for (const Pending &p : pending)
      if (p.request != MPI_REQUEST_NULL && p.receive == receives &&
          std::find(peers.begin(), peers.end(), p.peer) == peers.end())
        peers.push_back(p.peer);
    std::sort(peers.begin(), peers.end());
    return peers;
  }

  /// Lets buffered Sends finish, stops listening for notices and finalizes
  /// MPI, with a watchdog: a peer that is stuck or gone must not make this
  /// process hang in MPI_Finalize.
  void shutdown() {
    if (!comm_initialized())
      return;
    auto until = Clock::now() + timeout_;
    Backoff backoff;
    while (broken_.isOk() && !outgoing_.empty() && Clock::now() < until) {
      reapOutgoing();
      if (!outgoing_.empty())
        backoff.pause();
    }
    for (Outgoing &message : outgoing_)
      for (Pending &p : message.pending)
        if (p.request != MPI_REQUEST_NULL)
          MPI_Request_free(&p.request);
    // Their buffers may still be read by MPI: leak them on purpose.
    for (Outgoing &message : outgoing_)
      message.bytes.release();
    if (noticeRequest_ != MPI_REQUEST_NULL) {
      MPI_Cancel(&noticeRequest_);
      MPI_Wait(&noticeRequest_, MPI_STATUS_IGNORE);
    }
    comm_ = MPI_COMM_NULL;
    if (!ownsMpi_)
      return;
    // MPI_Finalize waits for every process. After a failure a peer may be
    // gone for good: wait only briefly then. After a success the others
    // may still be busy (rank 0 writing large outputs): wait long.
    Clock::duration limit = std::max<Clock::duration>(
        timeout_ * 10, std::chrono::minutes(10));
    if (!broken_.isOk() || noticed_ || peerFailed_)
      limit = std::min<Clock::duration>(timeout_, std::chrono::seconds(5));
    double seconds = std::chrono::duration<double>(limit).count();
    std::mutex mutex;
    std::condition_variable cv;
    bool finished = false;
    uint32_t rank = rank_;
    std::thread watchdog([&] {
      std::unique_lock<std::mutex> lock(mutex);
      if (!cv.wait_for(lock, limit, [&] { return finished; })) {
        std::fprintf(stderr,
                     "tessera-run: rank %u: MPI_Finalize did not return "
                     "within %g s (another rank is stuck or gone); exiting\n",
                     rank, seconds);
        std::fflush(stderr);
        std::_Exit(3);
      }
    });
    MPI_Finalize();
    {
      std::lock_guard<std::mutex> lock(mutex);
      finished = true;
    }
    cv.notify_all();
    watchdog.join();
  }

  MPI_Comm comm_ = MPI_COMM_NULL;
  bool ownsMpi_ = false;
  uint32_t rank_ = 0, size_ = 1;
  MPI_Request noticeRequest_ = MPI_REQUEST_NULL;
  char notice_[kMaxNotice];
  std::string noticeText_;
  bool noticed_ = false, peerFailed_ = false;
  Status broken_;
  std::list<Outgoing> outgoing_;
  AlignedBytes scratch_;
  size_t scratchSize_ = 0;
  /// Set while in barrier(): its timeout is longer.
  bool barrier_ = false;
  char tokens_[1] = {0};
};

} // namespace

StatusOr<std::shared_ptr<Communicator>> connectMpiImpl(const LaunchInfo &launch,
                                                       double timeoutSeconds) {
  auto communicator = std::make_shared<MpiCommunicator>();
  Status status = communicator->init(launch, timeoutSeconds);
  if (!status.isOk())
    return status;
  return std::shared_ptr<Communicator>(std::move(communicator));
}

std::string mpiLibraryVersionImpl() {
  char text[MPI_MAX_LIBRARY_VERSION_STRING];
  int length = 0;
  if (MPI_Get_library_version(text, &length) != MPI_SUCCESS)
    return "";
  std::string version(text, size_t(length));
  size_t end = version.find_first_of(",\n");
  return version.substr(0, end);
}

} // namespace tessera::runtime
