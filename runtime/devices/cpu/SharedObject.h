//===- SharedObject.h - Loading kernel code from memory -----------*- C++ -*-===//
//
// Part of Tessera. A CpuSharedObject executable is an ELF shared object for
// x86-64 stored in a segment. It is loaded without touching the disk: the
// bytes go into an anonymous memfd that is dlopen'ed through
// /proc/self/fd/N (falling back to a temporary file where memfd_create is
// not allowed). The memfd stays open while the object is loaded, so that
// no other object can be dlopen'ed under the same path.
//
// Loading runs the object's initializers: an artifact's code is trusted
// once its container has been verified. Checksums detect corruption, not
// tampering.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_DEVICES_CPU_SHAREDOBJECT_H
#define TESSERA_RUNTIME_DEVICES_CPU_SHAREDOBJECT_H

#include "runtime/base/Status.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace tessera::runtime {

class SharedObject {
public:
  /// Loads `size` bytes of an ELF shared object; `what` names it in
  /// messages ("executable 0"). Errors: kInvalidArtifact when the bytes
  /// are not an x86-64 ELF shared object, kFailedPrecondition when the
  /// dynamic loader refuses it (a missing dependency, say).
  static StatusOr<std::unique_ptr<SharedObject>>
  load(const uint8_t *bytes, size_t size, const std::string &what);
  ~SharedObject();

  /// The address of `symbol`, or kInvalidArtifact naming it.
  StatusOr<void *> symbol(const std::string &name) const;

private:
  SharedObject() = default;
  std::string what_;
  void *handle_ = nullptr;
  int fd_ = -1;
};

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_DEVICES_CPU_SHAREDOBJECT_H
