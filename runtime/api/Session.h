//===- Session.h - Running an artifact ----------------------------*- C++ -*-===//
//
// Part of Tessera. The runtime's C++ API:
//
//   auto session = Session::open("model.tsr");          // load + verify
//   if (!session.isOk()) { ... session.status() ... }
//   for (const TensorSignature &in : (*session)->inputs()) ...
//   StatusOr<std::vector<HostTensor>> outputs = (*session)->run(inputs);
//
// open() maps and verifies the artifact, creates one executor per rank on
// the chosen device kind and prepares every command (code loaded,
// primitives created, constant weights reordered), so run() only runs.
// run() checks its inputs against the signatures (count, dtype, shape;
// a u16 tensor is accepted for a bf16 input, bits as they are) and returns
// the outputs in signature order. Errors are Status values: kNotFound /
// kInvalidArgument for bad files or inputs (tool exit 1), kInvalidArtifact
// (exit 2), anything else a runtime failure (exit 3).
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_API_SESSION_H
#define TESSERA_RUNTIME_API_SESSION_H

#include "runtime/artifact/Artifact.h"
#include "runtime/base/HostTensor.h"
#include "runtime/base/Status.h"
#include "runtime/executor/Trace.h"

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace tessera::runtime {

class RankExecutor;

struct SessionOptions {
  /// The device kind: "cpu" or "cuda".
  std::string device = "cpu";
  /// In-process devices (one per rank); 0: the artifact's mesh size.
  int devices = 0;
  /// Threads each cpu device's library calls use; 0: the library's default
  /// for one device (OMP_NUM_THREADS, else every hardware thread), the
  /// hardware threads divided among the devices of a mesh.
  int threads = 0;
  /// Verify segment checksums when loading.
  bool verifyChecksums = true;
  /// Run library calls with the naive reference loops (debugging).
  bool referenceCalls = false;
};

class Session {
public:
  /// Loads, verifies and prepares the artifact at `path`.
  static StatusOr<std::unique_ptr<Session>>
  open(const std::string &path, const SessionOptions &options = {});
  /// Prepares an artifact already loaded (Artifact::fromBytes, say).
  static StatusOr<std::unique_ptr<Session>>
  create(std::unique_ptr<Artifact> artifact, const SessionOptions &options = {});

  ~Session();

  const std::vector<TensorSignature> &inputs() const;
  const std::vector<TensorSignature> &outputs() const;
  const Artifact &artifact() const { return *artifact_; }
  /// The index of the input or output called `name`.
  std::optional<size_t> inputIndex(const std::string &name) const;
  std::optional<size_t> outputIndex(const std::string &name) const;

  /// Runs the model once. Thread-safe (runs are serialized).
  StatusOr<std::vector<HostTensor>> run(const std::vector<HostTensor> &inputs);
  /// Runs into `outputs`, reusing its tensors when they already have the
  /// output types (no allocation in a benchmark loop).
  Status run(const std::vector<HostTensor> &inputs,
             std::vector<HostTensor> &outputs);
  /// What run() checks first: kInvalidArgument naming the input and the
  /// type it expected.
  Status checkInputs(const std::vector<HostTensor> &inputs) const;

  /// Every later run reports its commands to `sink` (not owned; null
  /// stops tracing).
  void setTraceSink(TraceSink *sink);

  /// "cpu:0 (oneDNN 2.6.3 (OpenMP), 8 threads)"
  std::string deviceDescription() const;
  /// The labels of rank `rank`'s prepared commands ("matmul", kernel names).
  std::vector<std::string> commandLabels(uint32_t rank = 0) const;

private:
  Session();

  std::unique_ptr<Artifact> artifact_;
  std::vector<std::unique_ptr<RankExecutor>> executors_;
  std::string description_;
  TraceSink *trace_ = nullptr;
  std::mutex mutex_;
};

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_API_SESSION_H
