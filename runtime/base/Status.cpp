//===- Status.cpp - Errors as values for the runtime ----------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "runtime/base/Status.h"

#include <cstring>

namespace tessera::runtime {

const char *statusCodeName(StatusCode code) {
  switch (code) {
  case StatusCode::kOk:
    return "ok";
  case StatusCode::kInvalidArgument:
    return "invalid argument";
  case StatusCode::kNotFound:
    return "not found";
  case StatusCode::kInvalidArtifact:
    return "invalid artifact";
  case StatusCode::kFailedPrecondition:
    return "failed precondition";
  case StatusCode::kUnavailable:
    return "unavailable";
  case StatusCode::kDeadlineExceeded:
    return "deadline exceeded";
  case StatusCode::kResourceExhausted:
    return "resource exhausted";
  case StatusCode::kInternal:
    return "internal error";
  }
  return "unknown";
}

Status Status::withContext(const std::string &context) const {
  if (isOk())
    return *this;
  return Status(code_, context + ": " + message_);
}

std::string Status::toString() const {
  if (isOk())
    return "ok";
  return std::string(statusCodeName(code_)) + ": " + message_;
}

int Status::exitCode() const {
  switch (code_) {
  case StatusCode::kOk:
    return 0;
  case StatusCode::kInvalidArgument:
  case StatusCode::kNotFound:
    return 1;
  case StatusCode::kInvalidArtifact:
    return 2;
  default:
    return 3;
  }
}

Status makeStatusAt(StatusCode code, const std::string &message,
                    const char *file, int line) {
  // Only the file name: full build paths say nothing to the reader.
  const char *base = std::strrchr(file, '/');
  return Status(code, message + " (at " + (base ? base + 1 : file) + ":" +
                          std::to_string(line) + ")");
}

} // namespace tessera::runtime
