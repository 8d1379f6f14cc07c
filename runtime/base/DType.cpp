//===- DType.cpp - Element types and tensor types -------------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "runtime/base/DType.h"

namespace tessera::runtime {

namespace {
struct DTypeInfo {
  const char *name;
  size_t size;
  bool floating;
};
constexpr DTypeInfo kInfo[kNumDTypes] = {
    {"f32", 4, true},  {"f16", 2, true},  {"bf16", 2, true}, {"f64", 8, true},
    {"i8", 1, false},  {"i16", 2, false}, {"i32", 4, false}, {"i64", 8, false},
    {"u8", 1, false},  {"u16", 2, false}, {"u32", 4, false}, {"u64", 8, false},
    {"bool", 1, false},
};
} // namespace

bool isValidDType(unsigned value) { return value < unsigned(kNumDTypes); }

size_t dtypeSize(DType dtype) {
  return isValidDType(unsigned(dtype)) ? kInfo[unsigned(dtype)].size : 0;
}

const char *dtypeName(DType dtype) {
  return isValidDType(unsigned(dtype)) ? kInfo[unsigned(dtype)].name
                                       : "<invalid dtype>";
}

std::optional<DType> parseDType(const std::string &name) {
  for (int i = 0; i < kNumDTypes; ++i)
    if (name == kInfo[i].name)
      return DType(i);
  return std::nullopt;
}

bool isFloatingPoint(DType dtype) {
  return isValidDType(unsigned(dtype)) && kInfo[unsigned(dtype)].floating;
}

StatusOr<int64_t> checkedNumElements(const std::vector<int64_t> &shape,
                                     DType dtype) {
  if (!isValidDType(unsigned(dtype)))
    return Status(StatusCode::kInvalidArgument,
                  "invalid element type " + std::to_string(unsigned(dtype)));
  constexpr int64_t kMaxBytes = int64_t(1) << 62;
  const int64_t elementSize = int64_t(dtypeSize(dtype));
  int64_t count = 1;
  bool zero = false;
  for (size_t i = 0; i < shape.size(); ++i) {
    int64_t dim = shape[i];
    if (dim < 0)
      return Status(StatusCode::kInvalidArgument,
                    "dimension " + std::to_string(i) + " is negative (" +
                        std::to_string(dim) + ")");
    if (dim == 0) {
      zero = true;
      continue;
    }
    // Overflow is judged on the nonzero dimensions, so a shape like
    // [0, 2^40, 2^40] is refused as the nonsense it is.
    if (count > kMaxBytes / elementSize / dim)
      return Status(StatusCode::kInvalidArgument,
                    "shape " + shapeToString(shape) + " of " +
                        dtypeName(dtype) + " exceeds 2^62 bytes");
    count *= dim;
  }
  return zero ? int64_t(0) : count;
}

int64_t TensorType::numElements() const {
  int64_t count = 1;
  for (int64_t dim : shape)
    count *= dim;
  return count;
}

std::string shapeToString(const std::vector<int64_t> &shape) {
  std::string out = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      out += ",";
    out += std::to_string(shape[i]);
  }
  return out + "]";
}

std::string TensorType::toString() const {
  return std::string(dtypeName(dtype)) + shapeToString(shape);
}

} // namespace tessera::runtime
