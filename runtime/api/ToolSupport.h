//===- ToolSupport.h - What tessera-run does besides running ------*- C++ -*-===//
//
// Part of Tessera. The pieces of tessera-run that are not argument parsing,
// here so they can be tested: tensor arguments ("@x.npy", "NAME=@x.npy"),
// seeded random inputs, output summaries and benchmark statistics.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_API_TOOLSUPPORT_H
#define TESSERA_RUNTIME_API_TOOLSUPPORT_H

#include "runtime/base/HostTensor.h"
#include "runtime/base/Status.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tessera::runtime {

/// "--input=@x.npy" (name empty: the next in signature order) or
/// "--input=x=@x.npy".
struct TensorArgument {
  std::string name;
  std::string path;
};

/// Parses the value of --input or --output; `flag` names it in errors.
StatusOr<TensorArgument> parseTensorArgument(const std::string &value,
                                             const std::string &flag);

/// A tensor of `type` with values from a generator seeded with `seed`:
/// floating point uniform in [-1, 1), integers in [0, 10), booleans 0/1.
StatusOr<HostTensor> randomTensor(const TensorType &type, uint64_t seed);

/// How an output differs from an expected tensor (tessera-run
/// --expected-output).
struct TensorComparison {
  /// max |actual - expected| over the elements, and max |expected|.
  double maxAbsError = 0, maxAbsExpected = 0;
  /// maxAbsError / maxAbsExpected (maxAbsError when expected is all zero):
  /// the error relative to the tensor's scale, the measure that neither
  /// near-zero elements nor large ones distort.
  double normalizedError = 0;
  /// The first element with the largest error.
  int64_t worstIndex = -1;
  /// Elements where exactly one of the two is NaN, or infinities differ.
  int64_t nonFiniteMismatches = 0;
  bool matches(double tolerance) const {
    return nonFiniteMismatches == 0 && normalizedError <= tolerance;
  }
  /// "normalized max error 3.1e-07 (max abs error 2e-06 at 17)"
  std::string toString() const;
};

/// Compares `actual` with `expected`, which must have its shape and its
/// dtype (for bf16, raw 16-bit words are taken as bf16). Integer and
/// boolean tensors compare the same way, so any difference exceeds a
/// tolerance below 1 / max |expected|.
StatusOr<TensorComparison> compareTensors(const HostTensor &actual,
                                          const HostTensor &expected);

/// "f32[2,3]  min -1 max 2.5 mean 0.25\n  values: [1, 2, ...]"; at most
/// `maxValues` values are shown.
std::string summarizeTensor(const HostTensor &tensor, size_t maxValues = 8);

struct BenchmarkStats {
  size_t runs = 0;
  double minMs = 0, medianMs = 0, p90Ms = 0, meanMs = 0, maxMs = 0;
};

/// Statistics of run times in milliseconds (p90 by the nearest rank).
BenchmarkStats computeStats(std::vector<double> timesMs);

/// {"runs": N, "min_ms": ..., "median_ms": ..., "p90_ms": ...}
std::string benchmarkJson(const BenchmarkStats &stats);

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_API_TOOLSUPPORT_H
