//===- ToolSupport.cpp - What tessera-run does besides running ------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "runtime/api/ToolSupport.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

namespace tessera::runtime {

StatusOr<TensorArgument> parseTensorArgument(const std::string &value,
                                             const std::string &flag) {
  TensorArgument argument;
  if (!value.empty() && value[0] == '@') {
    argument.path = value.substr(1);
  } else {
    size_t split = value.find("=@");
    if (split == std::string::npos || split == 0)
      return Status(StatusCode::kInvalidArgument,
                    flag + "=" + value + ": expected " + flag +
                        "=@FILE.npy or " + flag + "=NAME=@FILE.npy");
    argument.name = value.substr(0, split);
    argument.path = value.substr(split + 2);
  }
  if (argument.path.empty())
    return Status(StatusCode::kInvalidArgument,
                  flag + "=" + value + ": the file name is empty");
  return argument;
}

StatusOr<HostTensor> randomTensor(const TensorType &type, uint64_t seed) {
  TESSERA_ASSIGN_OR_RETURN(HostTensor tensor, HostTensor::allocate(type));
  std::mt19937_64 generator(seed);
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  std::uniform_int_distribution<int> small(0, 9);
  int64_t count = tensor.numElements();
  auto fill = [&](auto *data, auto make) {
    for (int64_t i = 0; i < count; ++i)
      data[i] = make();
  };
  switch (type.dtype) {
  case DType::F32:
    fill(tensor.data<float>(), [&] { return float(uniform(generator)); });
    break;
  case DType::F64:
    fill(tensor.data<double>(), [&] { return uniform(generator); });
    break;
  case DType::F16:
    fill(tensor.data<uint16_t>(),
         [&] { return floatToHalf(float(uniform(generator))); });
    break;
  case DType::BF16:
    fill(tensor.data<uint16_t>(),
         [&] { return floatToBfloat16(float(uniform(generator))); });
    break;
  case DType::Bool:
    fill(tensor.data<uint8_t>(), [&] { return uint8_t(small(generator) & 1); });
    break;
  default: {
    // Integers: small non-negative values are valid indices and ids.
    unsigned char *bytes = static_cast<unsigned char *>(tensor.data());
    size_t size = dtypeSize(type.dtype);
    for (int64_t i = 0; i < count; ++i) {
      uint64_t v = uint64_t(small(generator));
      for (size_t b = 0; b < size; ++b)
        bytes[size_t(i) * size + b] = (unsigned char)(b < 8 ? v >> (8 * b) : 0);
    }
  }
  }
  return tensor;
}

namespace {
std::string formatValue(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.6g", value);
  return text;
}
} // namespace

std::string summarizeTensor(const HostTensor &tensor, size_t maxValues) {
  std::string out = tensor.type().toString();
  int64_t count = tensor.numElements();
  if (count == 0)
    return out + "  (empty)";
  double minimum = INFINITY, maximum = -INFINITY, sum = 0;
  int64_t nans = 0, infinities = 0;
  for (int64_t i = 0; i < count; ++i) {
    double v = elementAsDouble(tensor, i);
    if (std::isnan(v)) {
      ++nans;
      continue;
    }
    if (std::isinf(v))
      ++infinities;
    minimum = std::min(minimum, v);
    maximum = std::max(maximum, v);
    sum += v;
  }
  if (nans < count)
    out += "  min " + formatValue(minimum) + "  max " + formatValue(maximum) +
           "  mean " + formatValue(sum / double(count - nans));
  if (nans)
    out += "  nan " + std::to_string(nans);
  if (infinities)
    out += "  inf " + std::to_string(infinities);
  out += "\n  values: [";
  size_t shown = std::min<size_t>(size_t(count), maxValues);
  for (size_t i = 0; i < shown; ++i)
    out += (i ? ", " : "") + formatValue(elementAsDouble(tensor, int64_t(i)));
  if (shown < size_t(count))
    out += ", ... (" + std::to_string(count) + " values)";
  return out + "]";
}

std::string TensorComparison::toString() const {
  std::string out = "normalized max error " + formatValue(normalizedError) +
                    " (max abs error " + formatValue(maxAbsError);
  if (worstIndex >= 0)
    out += " at element " + std::to_string(worstIndex);
  out += ")";
  if (nonFiniteMismatches)
    out += ", " + std::to_string(nonFiniteMismatches) +
           " NaN or infinity mismatches";
  return out;
}

StatusOr<TensorComparison> compareTensors(const HostTensor &actual,
                                          const HostTensor &expected) {
  bool sameDtype = actual.dtype() == expected.dtype() ||
                   (actual.dtype() == DType::BF16 &&
                    expected.dtype() == DType::U16);
  if (!sameDtype || actual.shape() != expected.shape())
    return Status(StatusCode::kInvalidArgument,
                  "expected " + actual.type().toString() + ", got " +
                      expected.type().toString());
  TensorComparison result;
  HostTensor words;
  const HostTensor *reference = &expected;
  if (expected.dtype() != actual.dtype()) {
    // Raw bf16 words saved as uint16: view them as bf16.
    TESSERA_ASSIGN_OR_RETURN(words, HostTensor::allocate(actual.type()));
    std::copy_n(static_cast<const unsigned char *>(expected.data()),
                expected.byteSize(), static_cast<unsigned char *>(words.data()));
    reference = &words;
  }
  for (int64_t i = 0, e = actual.numElements(); i < e; ++i) {
    double a = elementAsDouble(actual, i), x = elementAsDouble(*reference, i);
    if (std::isnan(a) || std::isnan(x) || std::isinf(a) || std::isinf(x)) {
      bool same = (std::isnan(a) && std::isnan(x)) || a == x;
      result.nonFiniteMismatches += same ? 0 : 1;
      continue;
    }
    result.maxAbsExpected = std::max(result.maxAbsExpected, std::abs(x));
    double error = std::abs(a - x);
    if (error > result.maxAbsError) {
      result.maxAbsError = error;
      result.worstIndex = i;
    }
  }
  result.normalizedError = result.maxAbsExpected > 0
                               ? result.maxAbsError / result.maxAbsExpected
                               : result.maxAbsError;
  return result;
}

BenchmarkStats computeStats(std::vector<double> times) {
  BenchmarkStats stats;
  stats.runs = times.size();
  if (times.empty())
    return stats;
  std::sort(times.begin(), times.end());
  size_t n = times.size();
  stats.minMs = times.front();
  stats.maxMs = times.back();
  stats.medianMs = n % 2 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
  size_t rank = (9 * n + 9) / 10; // ceil(0.9 n)
  stats.p90Ms = times[std::max<size_t>(rank, 1) - 1];
  double sum = 0;
  for (double t : times)
    sum += t;
  stats.meanMs = sum / double(n);
  return stats;
}

std::string benchmarkJson(const BenchmarkStats &stats) {
  char text[160];
  std::snprintf(text, sizeof(text),
                "{\"runs\": %zu, \"min_ms\": %.4f, \"median_ms\": %.4f, "
                "\"p90_ms\": %.4f}",
                stats.runs, stats.minMs, stats.medianMs, stats.p90Ms);
  return text;
}

} // namespace tessera::runtime
