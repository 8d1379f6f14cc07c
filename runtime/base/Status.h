//===- Status.h - Errors as values for the runtime ----------------*- C++ -*-===//
//
// Part of Tessera. The runtime reports every failure as a Status value (no
// exceptions cross its API): a code that tells callers what kind of failure
// it is, and a message that tells a person what went wrong and where. The
// tools map codes to exit codes (tessera-run: 1 bad usage or input, 2 invalid
// artifact, 3 runtime failure).
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_BASE_STATUS_H
#define TESSERA_RUNTIME_BASE_STATUS_H

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace tessera::runtime {

enum class StatusCode {
  kOk = 0,
  /// The caller passed something malformed: a flag, an input file, a shape.
  kInvalidArgument,
  /// A file, device or named input does not exist.
  kNotFound,
  /// An artifact failed verification: corrupt, truncated, wrong version.
  kInvalidArtifact,
  /// The operation is not possible in the current state or on this machine
  /// (no GPU, mesh size differs from the launch).
  kFailedPrecondition,
  /// A device, peer rank or library is not there or stopped answering.
  kUnavailable,
  /// A collective or receive took longer than its timeout.
  kDeadlineExceeded,
  /// Memory or another resource ran out.
  kResourceExhausted,
  /// Something that should not happen: a bug.
  kInternal,
};

/// The name of a code, as printed in messages ("invalid argument").
const char *statusCodeName(StatusCode code);

/// The outcome of an operation: ok, or a code and a message.
class [[nodiscard]] Status {
public:
  /// Success.
  Status() = default;
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {
    assert(code != StatusCode::kOk || message_.empty());
  }

  static Status ok() { return Status(); }

  bool isOk() const { return code_ == StatusCode::kOk; }
  explicit operator bool() const { return isOk(); }
  StatusCode code() const { return code_; }
  const std::string &message() const { return message_; }

  /// Prefixes the message with what was being done: "loading model.tsr: ...".
  /// An ok status stays ok.
  Status withContext(const std::string &context) const;

  /// "invalid argument: <message>", or "ok".
  std::string toString() const;

  /// The exit code of a command-line tool that failed with this status:
  /// 0 ok, 1 bad usage or input, 2 invalid artifact, 3 runtime failure.
  int exitCode() const;

private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

/// Builds a failed Status whose message ends with the source position, for
/// failures of underlying libraries (CUDA, NCCL, MPI) where knowing which
/// call failed matters.
Status makeStatusAt(StatusCode code, const std::string &message,
                    const char *file, int line);

#define TESSERA_STATUS_AT(code, message)                                       \
  ::tessera::runtime::makeStatusAt((code), (message), __FILE__, __LINE__)

/// A value or the Status that explains why there is none.
template <typename T> class [[nodiscard]] StatusOr {
public:
  StatusOr(T value) : value_(std::move(value)) {}
  StatusOr(Status status) : status_(std::move(status)) {
    assert(!status_.isOk() && "StatusOr needs a value or an error");
  }

  bool isOk() const { return status_.isOk(); }
  const Status &status() const { return status_; }

  T &value() & {
    assert(isOk());
    return *value_;
  }
  const T &value() const & {
    assert(isOk());
    return *value_;
  }
  T &&value() && {
    assert(isOk());
    return std::move(*value_);
  }
  T *operator->() { return &value(); }
  const T *operator->() const { return &value(); }
  T &operator*() & { return value(); }
  const T &operator*() const & { return value(); }

private:
  Status status_;
  std::optional<T> value_;
};

} // namespace tessera::runtime

/// Returns the status of `expr` from the enclosing function when it failed.
#define TESSERA_RETURN_IF_ERROR(expr)                                          \
  do {                                                                         \
    ::tessera::runtime::Status tesseraStatus_ = (expr);                        \
    if (!tesseraStatus_.isOk())                                                \
      return tesseraStatus_;                                                   \
  } while (false)

#define TESSERA_CONCAT_INNER_(a, b) a##b
#define TESSERA_CONCAT_(a, b) TESSERA_CONCAT_INNER_(a, b)

/// `TESSERA_ASSIGN_OR_RETURN(auto x, makeX());` declares x from a StatusOr,
/// or returns its status from the enclosing function.
#define TESSERA_ASSIGN_OR_RETURN(lhs, expr)                                    \
  auto TESSERA_CONCAT_(tesseraOr_, __LINE__) = (expr);                         \
  if (!TESSERA_CONCAT_(tesseraOr_, __LINE__).isOk())                           \
    return TESSERA_CONCAT_(tesseraOr_, __LINE__).status();                     \
  lhs = std::move(TESSERA_CONCAT_(tesseraOr_, __LINE__)).value()

#endif // TESSERA_RUNTIME_BASE_STATUS_H
