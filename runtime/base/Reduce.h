//===- Reduce.h - Elementwise reductions of collectives ---------*- C++ -*-===//
//
// Part of Tessera. The arithmetic of AllReduce and ReduceScatter, shared by
// every host communicator (local, mpi) so that all of them give the same
// bits: members' values are combined one at a time in group order,
// ((m0 op m1) op m2) ..., f16 and bf16 accumulate in f32 and round once at
// the end, integers wrap around, floating-point Max and Min propagate NaN,
// and on bool Sum and Max are a logical or, Prod and Min a logical and.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_BASE_REDUCE_H
#define TESSERA_RUNTIME_BASE_REDUCE_H

#include "runtime/base/DType.h"

#include <cstddef>
#include <cstdint>

namespace tessera::runtime {

/// Numbered as the artifact schema's ReduceOp.
enum class ReduceOp : uint8_t { Sum = 0, Max, Min, Prod };

/// "sum", "max", "min", "prod".
const char *reduceOpName(ReduceOp op);

/// dst[i] = srcs[0][i] op srcs[1][i] op ... op srcs[n-1][i] for i < count,
/// elements of `dtype`. `dst` may be one of the sources (the same
/// address), not overlap one partially. n >= 1.
void reduceElements(DType dtype, ReduceOp op, void *dst,
                    const void *const *srcs, size_t n, uint64_t count);

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_BASE_REDUCE_H
