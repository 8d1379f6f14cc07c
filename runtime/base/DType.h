//===- DType.h - Element types and tensor types -------------------*- C++ -*-===//
//
// Part of Tessera. The runtime's element types, numbered exactly as the
// artifact schema's DType (runtime/schemas/tessera_artifact.fbs), and a
// tensor type (element type + static shape) with the spelling every message
// uses: "f32[2,3]", "bool[]" for a scalar.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_BASE_DTYPE_H
#define TESSERA_RUNTIME_BASE_DTYPE_H

#include "runtime/base/Status.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tessera::runtime {

enum class DType : uint8_t {
  F32 = 0,
  F16,
  BF16,
  F64,
  I8,
  I16,
  I32,
  I64,
  U8,
  U16,
  U32,
  U64,
  Bool,
};
inline constexpr int kNumDTypes = 13;

/// Whether `value` is one of the DType enumerators.
bool isValidDType(unsigned value);
/// Bytes per element; booleans take one byte.
size_t dtypeSize(DType dtype);
/// "f32", "bf16", "i64", "bool", ...
const char *dtypeName(DType dtype);
/// The inverse of dtypeName.
std::optional<DType> parseDType(const std::string &name);
bool isFloatingPoint(DType dtype);

/// Element count of a shape, or an error when a dimension is negative or the
/// count or its byte size would overflow (the limit is 2^62 bytes).
StatusOr<int64_t> checkedNumElements(const std::vector<int64_t> &shape,
                                     DType dtype);

/// An element type and a static shape (major to minor, row-major).
struct TensorType {
  DType dtype = DType::F32;
  std::vector<int64_t> shape;

  TensorType() = default;
  TensorType(DType dtype, std::vector<int64_t> shape)
      : dtype(dtype), shape(std::move(shape)) {}

  /// Assumes a valid shape (see checkedNumElements).
  int64_t numElements() const;
  size_t byteSize() const { return size_t(numElements()) * dtypeSize(dtype); }
  /// "f32[2,3]"
  std::string toString() const;
  bool operator==(const TensorType &other) const {
    return dtype == other.dtype && shape == other.shape;
  }
  bool operator!=(const TensorType &other) const { return !(*this == other); }
};

/// "[2,3]"
std::string shapeToString(const std::vector<int64_t> &shape);

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_BASE_DTYPE_H
