//===- Reduce.cpp - Elementwise reductions of collectives -----------------===//
//
// Part of Tessera. Blocks of kBlock elements are loaded into an accumulator
// on the stack, combined with each source in order and stored, so that the
// destination may be one of the sources and the inner loops vectorize.
//
//===----------------------------------------------------------------------===//

#include "runtime/base/Reduce.h"

#include "runtime/base/HostTensor.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace tessera::runtime {

const char *reduceOpName(ReduceOp op) {
  switch (op) {
  case ReduceOp::Sum:
    return "sum";
  case ReduceOp::Max:
    return "max";
  case ReduceOp::Min:
    return "min";
  case ReduceOp::Prod:
    return "prod";
  }
  return "?";
}

namespace {

constexpr size_t kBlock = 256;

/// How an element type is accumulated: Acc holds a loaded value.
template <typename T> struct Plain {
  using Acc = T;
  static Acc load(T v) { return v; }
  static T store(Acc v) { return v; }
};
struct Half {
  using Acc = float;
  static Acc load(uint16_t v) { return halfToFloat(v); }
  static uint16_t store(Acc v) { return floatToHalf(v); }
};
struct Bfloat {
  using Acc = float;
  static Acc load(uint16_t v) { return bfloat16ToFloat(v); }
  static uint16_t store(Acc v) { return floatToBfloat16(v); }
};
/// Integers accumulate in 64 bits; sums and products wrap around when
/// stored (modular arithmetic commutes with the truncation).
template <typename T> struct Wide {
  using Acc = std::conditional_t<std::is_signed_v<T>, int64_t, uint64_t>;
  static Acc load(T v) { return Acc(v); }
  static T store(Acc v) { return T(uint64_t(v)); }
};
struct Boolean {
  using Acc = uint8_t;
  static Acc load(uint8_t v) { return v != 0; }
  static uint8_t store(Acc v) { return v; }
};

template <typename T, typename Traits, typename Op>
void reduceWith(void *dst, const void *const *srcs, size_t n, uint64_t count,
                Op op) {
  using Acc = typename Traits::Acc;
  Acc acc[kBlock];
  for (uint64_t base = 0; base < count; base += kBlock) {
    size_t m = size_t(std::min<uint64_t>(kBlock, count - base));
    const T *first = static_cast<const T *>(srcs[0]) + base;
    for (size_t i = 0; i < m; ++i)
      acc[i] = Traits::load(first[i]);
    for (size_t k = 1; k < n; ++k) {
      const T *src = static_cast<const T *>(srcs[k]) + base;
      for (size_t i = 0; i < m; ++i)
        acc[i] = op(acc[i], Traits::load(src[i]));
    }
    T *out = static_cast<T *>(dst) + base;
    for (size_t i = 0; i < m; ++i)
      out[i] = Traits::store(acc[i]);
  }
}

template <typename T, typename Traits>
void reduceFloat(ReduceOp op, void *dst, const void *const *srcs, size_t n,
                 uint64_t count) {
  using Acc = typename Traits::Acc;
  switch (op) {
  case ReduceOp::Sum:
    return reduceWith<T, Traits>(dst, srcs, n, count,
                                 [](Acc a, Acc b) { return a + b; });
  case ReduceOp::Prod:
    return reduceWith<T, Traits>(dst, srcs, n, count,
                                 [](Acc a, Acc b) { return a * b; });
  case ReduceOp::Max:
    return reduceWith<T, Traits>(dst, srcs, n, count, [](Acc a, Acc b) {
      return (b > a || std::isnan(b)) && !std::isnan(a) ? b : a;
    });
  case ReduceOp::Min:
    return reduceWith<T, Traits>(dst, srcs, n, count, [](Acc a, Acc b) {
      return (b < a || std::isnan(b)) && !std::isnan(a) ? b : a;
    });
  }
}

template <typename T>
void reduceInteger(ReduceOp op, void *dst, const void *const *srcs, size_t n,
                   uint64_t count) {
  using Traits = Wide<T>;
  using Acc = typename Traits::Acc;
  switch (op) {
  case ReduceOp::Sum:
    return reduceWith<T, Traits>(dst, srcs, n, count, [](Acc a, Acc b) {
      return Acc(uint64_t(a) + uint64_t(b));
    });
  case ReduceOp::Prod:
    return reduceWith<T, Traits>(dst, srcs, n, count, [](Acc a, Acc b) {
      return Acc(uint64_t(a) * uint64_t(b));
    });
  case ReduceOp::Max:
    return reduceWith<T, Traits>(dst, srcs, n, count,
                                 [](Acc a, Acc b) { return b > a ? b : a; });
  case ReduceOp::Min:
    return reduceWith<T, Traits>(dst, srcs, n, count,
                                 [](Acc a, Acc b) { return b < a ? b : a; });
  }
}

void reduceBool(ReduceOp op, void *dst, const void *const *srcs, size_t n,
                uint64_t count) {
  if (op == ReduceOp::Sum || op == ReduceOp::Max)
    reduceWith<uint8_t, Boolean>(dst, srcs, n, count, [](uint8_t a, uint8_t b) {
      return uint8_t(a | b);
    });
  else
    reduceWith<uint8_t, Boolean>(dst, srcs, n, count, [](uint8_t a, uint8_t b) {
      return uint8_t(a & b);
    });
}

} // namespace

void reduceElements(DType dtype, ReduceOp op, void *dst,
                    const void *const *srcs, size_t n, uint64_t count) {
  switch (dtype) {
  case DType::F32:
    return reduceFloat<float, Plain<float>>(op, dst, srcs, n, count);
  case DType::F64:
    return reduceFloat<double, Plain<double>>(op, dst, srcs, n, count);
  case DType::F16:
    return reduceFloat<uint16_t, Half>(op, dst, srcs, n, count);
  case DType::BF16:
    return reduceFloat<uint16_t, Bfloat>(op, dst, srcs, n, count);
  case DType::I8:
    return reduceInteger<int8_t>(op, dst, srcs, n, count);
  case DType::I16:
    return reduceInteger<int16_t>(op, dst, srcs, n, count);
  case DType::I32:
    return reduceInteger<int32_t>(op, dst, srcs, n, count);
  case DType::I64:
    return reduceInteger<int64_t>(op, dst, srcs, n, count);
  case DType::U8:
    return reduceInteger<uint8_t>(op, dst, srcs, n, count);
  case DType::U16:
    return reduceInteger<uint16_t>(op, dst, srcs, n, count);
  case DType::U32:
    return reduceInteger<uint32_t>(op, dst, srcs, n, count);
  case DType::U64:
    return reduceInteger<uint64_t>(op, dst, srcs, n, count);
  case DType::Bool:
    return reduceBool(op, dst, srcs, n, count);
  }
}

} // namespace tessera::runtime
