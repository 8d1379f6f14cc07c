//===- Communicator.cpp - Collectives and point to point between ranks ----===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "runtime/collectives/Communicator.h"

#include <cstdio>
#include <set>

namespace tessera::runtime {

void Communicator::setTimeout(double seconds) {
  // Bounded so that the deadline arithmetic cannot overflow (about 30 years).
  if (!(seconds > 0))
    seconds = kDefaultCollectiveTimeoutSeconds;
  if (seconds > 1e9)
    seconds = 1e9;
  timeoutSeconds_ = seconds;
  timeout_ = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(seconds));
}

std::string Communicator::timedOutText(bool barrier) const {
  char text[64];
  std::snprintf(text, sizeof(text), "timed out after %g s",
                barrier ? timeoutSeconds_ * 1.5 : timeoutSeconds_);
  return text;
}

std::string groupText(const std::vector<uint32_t> &group) {
  std::string out = "[";
  for (size_t i = 0; i < group.size(); ++i)
    out += (i ? "," : "") + std::to_string(group[i]);
  return out + "]";
}

std::string ranksPhrase(const std::vector<uint32_t> &ranks) {
  if (ranks.size() == 1)
    return "rank " + std::to_string(ranks[0]);
  std::string out = "ranks ";
  for (size_t i = 0; i < ranks.size(); ++i) {
    if (i)
      out += i + 1 == ranks.size() ? " and " : ", ";
    out += std::to_string(ranks[i]);
  }
  return out;
}

int64_t indexInGroup(const std::vector<uint32_t> &group, uint32_t rank) {
  for (size_t i = 0; i < group.size(); ++i)
    if (group[i] == rank)
      return int64_t(i);
  return -1;
}

std::string operationText(const char *kind, const char *op, DType dtype,
                          uint64_t count, const std::vector<uint32_t> &group) {
  std::string out = kind;
  if (op)
    out += std::string(" (") + op + ")";
  out += std::string(" of ") + dtypeName(dtype) + " x " + std::to_string(count);
  if (!group.empty())
    out += " over ranks " + groupText(group);
  return out;
}

Status checkGroup(const std::vector<uint32_t> &group, uint32_t rank,
                  uint32_t worldSize) {
  std::set<uint32_t> seen;
  for (uint32_t member : group) {
    if (member >= worldSize)
      return Status(StatusCode::kInvalidArgument,
                    "group " + groupText(group) + " names rank " +
                        std::to_string(member) + ", but the world has " +
                        std::to_string(worldSize) + " ranks");
    if (!seen.insert(member).second)
      return Status(StatusCode::kInvalidArgument,
                    "group " + groupText(group) + " names rank " +
                        std::to_string(member) + " twice");
  }
  if (!seen.count(rank))
    return Status(StatusCode::kInvalidArgument,
                  "group " + groupText(group) +
                      " does not include this rank (" + std::to_string(rank) +
                      ")");
  return Status::ok();
}

Status checkPeer(int64_t peer, uint32_t worldSize, bool allowNone,
                 bool allowSelf, uint32_t rank) {
  if (peer == -1 && allowNone)
    return Status::ok();
  if (peer < 0 || peer >= int64_t(worldSize))
    return Status(StatusCode::kInvalidArgument,
                  "peer " + std::to_string(peer) +
                      " is not a rank of the world (" +
                      std::to_string(worldSize) + " ranks)");
  if (!allowSelf && uint32_t(peer) == rank)
    return Status(StatusCode::kInvalidArgument,
                  "peer " + std::to_string(peer) + " is this rank");
  return Status::ok();
}

} // namespace tessera::runtime
