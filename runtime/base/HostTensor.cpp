//===- HostTensor.cpp - A tensor in host memory ---------------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "runtime/base/HostTensor.h"

#include <cmath>

namespace tessera::runtime {

AlignedBytes alignedAlloc(size_t size) {
  // aligned_alloc needs a size that is a multiple of the alignment.
  size_t rounded = (size + kHostAlignment - 1) / kHostAlignment * kHostAlignment;
  if (rounded < size) // overflow
    return nullptr;
  if (rounded == 0)
    rounded = kHostAlignment;
  return AlignedBytes(
      static_cast<unsigned char *>(std::aligned_alloc(kHostAlignment, rounded)));
}

HostTensor::HostTensor() : type_(DType::F32, {}), byteSize_(4) {
  bytes_ = alignedAlloc(byteSize_);
  if (bytes_)
    std::memset(bytes_.get(), 0, byteSize_);
}

HostTensor::HostTensor(const HostTensor &other)
    : type_(other.type_), byteSize_(other.byteSize_) {
  bytes_ = alignedAlloc(byteSize_);
  if (bytes_ && other.bytes_ && byteSize_)
    std::memcpy(bytes_.get(), other.bytes_.get(), byteSize_);
}

HostTensor &HostTensor::operator=(const HostTensor &other) {
  if (this != &other) {
    HostTensor copy(other);
    *this = std::move(copy);
  }
  return *this;
}

StatusOr<HostTensor> HostTensor::allocate(const TensorType &type) {
  StatusOr<int64_t> count = checkedNumElements(type.shape, type.dtype);
  if (!count.isOk())
    return count.status();
  HostTensor tensor;
  tensor.type_ = type;
  tensor.byteSize_ = size_t(*count) * dtypeSize(type.dtype);
  tensor.bytes_ = alignedAlloc(tensor.byteSize_);
  if (!tensor.bytes_)
    return Status(StatusCode::kResourceExhausted,
                  "out of memory allocating " + std::to_string(tensor.byteSize_) +
                      " bytes for a " + type.toString() + " tensor");
  if (tensor.byteSize_)
    std::memset(tensor.bytes_.get(), 0, tensor.byteSize_);
  return tensor;
}

float halfToFloat(uint16_t h) {
  uint32_t sign = uint32_t(h & 0x8000) << 16;
  uint32_t exponent = (h >> 10) & 0x1f;
  uint32_t mantissa = h & 0x3ff;
  uint32_t bits;
  if (exponent == 0) {
    if (mantissa == 0) {
      bits = sign;
    } else { // subnormal: normalize
      exponent = 127 - 15 + 1;
      while (!(mantissa & 0x400)) {
        mantissa <<= 1;
        --exponent;
      }
      mantissa &= 0x3ff;
      bits = sign | (exponent << 23) | (mantissa << 13);
    }
  } else if (exponent == 0x1f) {
    bits = sign | 0x7f800000 | (mantissa << 13);
  } else {
    bits = sign | ((exponent + 127 - 15) << 23) | (mantissa << 13);
  }
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

uint16_t floatToHalf(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, 4);
  uint16_t sign = uint16_t((bits >> 16) & 0x8000);
  uint32_t absBits = bits & 0x7fffffff;
  if (absBits >= 0x7f800000) // inf or nan
    return sign | 0x7c00 | (absBits > 0x7f800000 ? 0x200 : 0);
  if (absBits >= 0x477ff000) // rounds to >= 65520: overflow to inf
    return sign | 0x7c00;
  if (absBits < 0x38800000) { // below the smallest normal half: subnormal
    // value * 2^24 rounded to nearest even is the subnormal mantissa.
    float scaled = std::fabs(value) * 16777216.0f;
    float rounded = std::nearbyint(scaled);
    return sign | uint16_t(rounded);
  }
  uint32_t mantissa = absBits & 0x7fffff;
  uint32_t exponent = (absBits >> 23) - 127 + 15;
  uint32_t half = (exponent << 10) | (mantissa >> 13);
  uint32_t rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest == 0x1000 && (half & 1)))
    ++half; // may carry into the exponent, which is right
  return sign | uint16_t(half);
}

float bfloat16ToFloat(uint16_t bits) {
  uint32_t wide = uint32_t(bits) << 16;
  float f;
  std::memcpy(&f, &wide, 4);
  return f;
}

uint16_t floatToBfloat16(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, 4);
  if ((bits & 0x7fffffff) > 0x7f800000) // nan: keep it a (quiet) nan
    return uint16_t((bits >> 16) | 0x40);
  uint32_t roundingBias = 0x7fff + ((bits >> 16) & 1);
  return uint16_t((bits + roundingBias) >> 16);
}

double elementAsDouble(const HostTensor &tensor, int64_t index) {
  const unsigned char *p = static_cast<const unsigned char *>(tensor.data()) +
                           size_t(index) * dtypeSize(tensor.dtype());
  auto load = [p](auto zero) {
    decltype(zero) v;
    std::memcpy(&v, p, sizeof(v));
    return double(v);
  };
  switch (tensor.dtype()) {
  case DType::F32:
    return load(float());
  case DType::F16:
    return halfToFloat(uint16_t(load(uint16_t())));
  case DType::BF16:
    return bfloat16ToFloat(uint16_t(load(uint16_t())));
  case DType::F64:
    return load(double());
  case DType::I8:
    return load(int8_t());
  case DType::I16:
    return load(int16_t());
  case DType::I32:
    return load(int32_t());
  case DType::I64:
    return load(int64_t());
  case DType::U8:
    return load(uint8_t());
  case DType::U16:
    return load(uint16_t());
  case DType::U32:
    return load(uint32_t());
  case DType::U64:
    return load(uint64_t());
  case DType::Bool:
    return *p ? 1.0 : 0.0;
  }
  return 0.0;
}

} // namespace tessera::runtime
