//===- CpuDevice.h - The cpu device -------------------------------*- C++ -*-===//
//
// Part of Tessera. Runs a rank's commands on the host: Dispatch calls a
// kernel of a CpuSharedObject executable (`void name(void **buffers)`),
// library calls go through oneDNN (LibraryCalls.h), Copy is a memmove.
// Arenas are 64-byte aligned host memory; Constant buffers point straight
// into the mapped artifact.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_DEVICES_CPU_CPUDEVICE_H
#define TESSERA_RUNTIME_DEVICES_CPU_CPUDEVICE_H

#include "runtime/base/HostTensor.h"
#include "runtime/devices/Device.h"
#include "runtime/devices/cpu/LibraryCalls.h"
#include "runtime/devices/cpu/SharedObject.h"

#include <map>
#include <memory>

namespace tessera::runtime {

struct CpuDeviceOptions {
  /// The device's number ("cpu:0").
  int index = 0;
  /// Threads library calls may use; 0: the library's default
  /// (OMP_NUM_THREADS, else every hardware thread).
  int threads = 0;
  /// Run library calls with the naive reference loops (for debugging).
  bool referenceCalls = false;
};

class CpuDevice final : public Device {
public:
  static StatusOr<std::unique_ptr<CpuDevice>>
  create(const CpuDeviceOptions &options = {});
  ~CpuDevice() override;

  std::string name() const override;
  StatusOr<void *> allocateArena(uint64_t size) override;
  StatusOr<void *> constantAddress(const Artifact &artifact, uint32_t segment,
                                   uint64_t offset) override;
  StatusOr<std::unique_ptr<PreparedCommand>>
  prepare(const Command &command, const PrepareContext &context) override;
  Status beginRun(std::vector<const void *> &inputs,
                  std::vector<void *> &outputs) override;

  /// The threads library calls use.
  int threads() const;

private:
  CpuDevice() = default;
  StatusOr<SharedObject *> executable(const Artifact &artifact, uint32_t index);

  CpuDeviceOptions options_;
  int threads_ = 0;
  std::unique_ptr<LibraryContext> library_;
  std::vector<AlignedBytes> arenas_;
  std::map<uint32_t, std::unique_ptr<SharedObject>> executables_;
};

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_DEVICES_CPU_CPUDEVICE_H
