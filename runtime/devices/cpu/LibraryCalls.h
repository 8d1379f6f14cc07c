//===- LibraryCalls.h - MatMul, Conv2d, Pool2d on the CPU ---------*- C++ -*-===//
//
// Part of Tessera. The cpu device runs library calls through oneDNN
// (Debian's libdnnl 2.6, OpenMP-threaded): each call's primitive is created
// once when the program is prepared, with bias, residual (a sum post-op)
// and activation fused; constant weights are reordered once into the
// layout oneDNN prefers; matmul batch broadcasting is native (up to 12
// dimensions) or a loop over batch elements. Shapes oneDNN does not take
// (an empty dimension) and primitives it cannot create fall back to the
// reference loops of ReferenceCalls.h, which traces show as
// "matmul (reference)".
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_DEVICES_CPU_LIBRARYCALLS_H
#define TESSERA_RUNTIME_DEVICES_CPU_LIBRARYCALLS_H

#include "runtime/devices/Device.h"

#include <memory>

namespace tessera::runtime {

/// A oneDNN engine and stream for one device.
class LibraryContext {
public:
  static StatusOr<std::unique_ptr<LibraryContext>> create();
  ~LibraryContext();

  /// Prepares a MatMulCall, Conv2dCall or Pool2dCall; `useReference`
  /// forces the naive loops.
  StatusOr<std::unique_ptr<PreparedCommand>>
  prepare(const Command &command, const PrepareContext &context,
          bool useReference);

  struct Impl;

private:
  LibraryContext() = default;
  std::unique_ptr<Impl> impl_;
};

/// Sets how many threads library calls made from the calling thread use
/// (oneDNN's OpenMP runtime keeps the setting per thread).
void setLibraryThreads(int threads);
/// How many threads library calls use when not told (OMP_NUM_THREADS, else
/// every hardware thread).
int libraryDefaultThreads();

/// "oneDNN 2.6.3 (OpenMP)"
std::string libraryDescription();

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_DEVICES_CPU_LIBRARYCALLS_H
