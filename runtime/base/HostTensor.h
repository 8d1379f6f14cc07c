//===- HostTensor.h - A tensor in host memory ---------------------*- C++ -*-===//
//
// Part of Tessera. What callers hand the runtime as inputs and get back as
// outputs: an element type, a static shape and the row-major bytes, 64-byte
// aligned. A HostTensor owns its bytes; copying one copies them.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_BASE_HOSTTENSOR_H
#define TESSERA_RUNTIME_BASE_HOSTTENSOR_H

#include "runtime/base/DType.h"
#include "runtime/base/Status.h"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

namespace tessera::runtime {

/// Alignment of every HostTensor's and arena's bytes.
inline constexpr size_t kHostAlignment = 64;

/// Frees memory from alignedAlloc.
struct AlignedFree {
  void operator()(void *p) const { std::free(p); }
};
using AlignedBytes = std::unique_ptr<unsigned char[], AlignedFree>;

/// `size` bytes aligned to kHostAlignment (at least one byte is allocated,
/// so the pointer is never null on success); null when memory ran out.
AlignedBytes alignedAlloc(size_t size);

class HostTensor {
public:
  /// An f32 scalar holding 0.
  HostTensor();
  HostTensor(const HostTensor &other);
  HostTensor &operator=(const HostTensor &other);
  HostTensor(HostTensor &&) noexcept = default;
  HostTensor &operator=(HostTensor &&) noexcept = default;

  /// A zero-filled tensor; fails on a negative dimension, a byte size over
  /// 2^62 or when memory runs out.
  static StatusOr<HostTensor> allocate(const TensorType &type);
  static StatusOr<HostTensor> allocate(DType dtype, std::vector<int64_t> shape) {
    return allocate(TensorType(dtype, std::move(shape)));
  }

  /// A tensor of C++ values: fromVector<float>({2, 2}, {1, 2, 3, 4}).
  /// The element type follows T (float f32, double f64, int32_t i32, ...);
  /// asserts that the counts agree. For tests and examples.
  template <typename T>
  static HostTensor fromVector(std::vector<int64_t> shape,
                               const std::vector<T> &values);

  const TensorType &type() const { return type_; }
  DType dtype() const { return type_.dtype; }
  const std::vector<int64_t> &shape() const { return type_.shape; }
  int64_t numElements() const { return type_.numElements(); }
  size_t byteSize() const { return byteSize_; }

  void *data() { return bytes_.get(); }
  const void *data() const { return bytes_.get(); }
  template <typename T> T *data() { return reinterpret_cast<T *>(data()); }
  template <typename T> const T *data() const {
    return reinterpret_cast<const T *>(data());
  }
  /// The elements as a vector of T (T must have the element's size).
  template <typename T> std::vector<T> toVector() const {
    std::vector<T> out(byteSize_ / sizeof(T));
    if (!out.empty())
      std::memcpy(out.data(), data(), out.size() * sizeof(T));
    return out;
  }

  /// Reinterprets the bytes as another element type of the same size (a
  /// u16 tensor as bf16, say).
  void reinterpretAs(DType dtype) {
    if (dtypeSize(dtype) == dtypeSize(type_.dtype))
      type_.dtype = dtype;
  }

private:
  TensorType type_;
  size_t byteSize_ = 0;
  AlignedBytes bytes_;
};

/// The element type that corresponds to a C++ type.
template <typename T> constexpr DType dtypeOf();
template <> constexpr DType dtypeOf<float>() { return DType::F32; }
template <> constexpr DType dtypeOf<double>() { return DType::F64; }
template <> constexpr DType dtypeOf<int8_t>() { return DType::I8; }
template <> constexpr DType dtypeOf<int16_t>() { return DType::I16; }
template <> constexpr DType dtypeOf<int32_t>() { return DType::I32; }
template <> constexpr DType dtypeOf<int64_t>() { return DType::I64; }
template <> constexpr DType dtypeOf<uint8_t>() { return DType::U8; }
template <> constexpr DType dtypeOf<uint16_t>() { return DType::U16; }
template <> constexpr DType dtypeOf<uint32_t>() { return DType::U32; }
template <> constexpr DType dtypeOf<uint64_t>() { return DType::U64; }
template <> constexpr DType dtypeOf<bool>() { return DType::Bool; }

template <typename T>
HostTensor HostTensor::fromVector(std::vector<int64_t> shape,
                                  const std::vector<T> &values) {
  StatusOr<HostTensor> tensor = allocate(dtypeOf<T>(), std::move(shape));
  assert(tensor.isOk() && size_t(tensor->numElements()) == values.size());
  HostTensor result = std::move(tensor).value();
  for (size_t i = 0; i < values.size(); ++i)
    result.data<T>()[i] = values[i];
  return result;
}

/// f16 and bf16 conversions (round to nearest even), for tests, random
/// inputs and printing.
float halfToFloat(uint16_t bits);
uint16_t floatToHalf(float value);
float bfloat16ToFloat(uint16_t bits);
uint16_t floatToBfloat16(float value);

/// Element `index` of a tensor as a double (for printing and statistics).
double elementAsDouble(const HostTensor &tensor, int64_t index);

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_BASE_HOSTTENSOR_H
