//===- CpuDevice.cpp - The cpu device -------------------------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "runtime/devices/cpu/CpuDevice.h"

#include <cstring>

namespace tessera::runtime {
namespace {

using KernelFunction = void (*)(void **);

class CpuDispatch final : public PreparedCommand {
public:
  CpuDispatch(KernelFunction function, std::string name,
              std::vector<uint32_t> args)
      : function_(function), name_(std::move(name)), args_(std::move(args)),
        pointers_(args_.size() + 1, nullptr) {}

  Status run(void *const *buffers) override {
    for (size_t i = 0; i < args_.size(); ++i)
      pointers_[i] = buffers[args_[i]];
    function_(pointers_.data());
    return Status::ok();
  }
  std::string label() const override { return name_; }

private:
  KernelFunction function_;
  std::string name_;
  std::vector<uint32_t> args_;
  /// One spare entry so that data() is never null for a kernel of no
  /// arguments.
  std::vector<void *> pointers_;
};

class CpuCopy final : public PreparedCommand {
public:
  explicit CpuCopy(CopyCommand command) : command_(command) {}
  Status run(void *const *buffers) override {
    if (command_.bytes && buffers[command_.source] != buffers[command_.target])
      std::memmove(buffers[command_.target], buffers[command_.source],
                   command_.bytes);
    return Status::ok();
  }
  std::string label() const override { return "copy"; }

private:
  CopyCommand command_;
};

/// Code compiled for an x86-64 micro-architecture level (the compiler's
/// "x86-64-v3") dies of an illegal instruction on a CPU without it: check
/// the level's main features first. Other targets ("x86_64") need nothing.
Status checkCpuLevel(const std::string &target, const std::string &what) {
#if defined(__x86_64__)
  struct Feature {
    const char *name;
    bool present;
  };
  std::vector<Feature> needed;
  int level = target == "x86-64-v2"   ? 2
              : target == "x86-64-v3" ? 3
              : target == "x86-64-v4" ? 4
                                      : 0;
  if (level >= 2)
    needed.insert(needed.end(),
                  {{"sse4.2", bool(__builtin_cpu_supports("sse4.2"))},
                   {"popcnt", bool(__builtin_cpu_supports("popcnt"))}});
  if (level >= 3)
    needed.insert(needed.end(),
                  {{"avx2", bool(__builtin_cpu_supports("avx2"))},
                   {"fma", bool(__builtin_cpu_supports("fma"))},
                   {"bmi", bool(__builtin_cpu_supports("bmi"))},
                   {"bmi2", bool(__builtin_cpu_supports("bmi2"))}});
  if (level >= 4)
    needed.insert(needed.end(),
                  {{"avx512f", bool(__builtin_cpu_supports("avx512f"))},
                   {"avx512bw", bool(__builtin_cpu_supports("avx512bw"))},
                   {"avx512cd", bool(__builtin_cpu_supports("avx512cd"))},
                   {"avx512dq", bool(__builtin_cpu_supports("avx512dq"))},
                   {"avx512vl", bool(__builtin_cpu_supports("avx512vl"))}});
  std::string missing;
  for (const Feature &feature : needed)
    if (!feature.present)
      missing += (missing.empty() ? "" : ", ") + std::string(feature.name);
  if (!missing.empty())
    return Status(StatusCode::kFailedPrecondition,
                  what + " was compiled for " + target +
                      ", and this CPU lacks " + missing +
                      " (compile for a lower level, e.g. --target=cpu:x86-64)");
#endif
  return Status::ok();
}

} // namespace

StatusOr<std::unique_ptr<CpuDevice>>
CpuDevice::create(const CpuDeviceOptions &options) {
  std::unique_ptr<CpuDevice> device(new CpuDevice());
  device->options_ = options;
  device->threads_ = options.threads;
  TESSERA_ASSIGN_OR_RETURN(device->library_, LibraryContext::create());
  return device;
}

CpuDevice::~CpuDevice() = default;

std::string CpuDevice::name() const {
  return "cpu:" + std::to_string(options_.index);
}

StatusOr<void *> CpuDevice::allocateArena(uint64_t size) {
  AlignedBytes arena = size <= SIZE_MAX ? alignedAlloc(size_t(size)) : nullptr;
  if (!arena)
    return Status(StatusCode::kResourceExhausted,
                  "cannot allocate an arena of " + std::to_string(size) +
                      " bytes on " + name());
  std::memset(arena.get(), 0, size_t(size));
  void *base = arena.get();
  arenas_.push_back(std::move(arena));
  return base;
}

StatusOr<void *> CpuDevice::constantAddress(const Artifact &artifact,
                                            uint32_t segment, uint64_t offset) {
  // Constants are read-only (the verifier lets nothing write them), so the
  // read-only mapping of the artifact serves as is.
  return const_cast<uint8_t *>(artifact.segmentData(segment) + offset);
}

StatusOr<SharedObject *> CpuDevice::executable(const Artifact &artifact,
                                               uint32_t index) {
  auto found = executables_.find(index);
  if (found != executables_.end())
    return found->second.get();
  const ExecutableInfo &info = artifact.info().executables[index];
  std::string what = "executable " + std::to_string(index);
  if (info.format != ExecutableFormat::CpuSharedObject)
    return Status(StatusCode::kFailedPrecondition,
                  what + " is " + executableFormatName(info.format) +
                      " code (target '" + info.target + "'); " + name() +
                      " runs only CpuSharedObject executables" +
                      (info.format == ExecutableFormat::CudaPtx ||
                               info.format == ExecutableFormat::CudaCubin
                           ? " (run it with --device=cuda)"
                           : ""));
  TESSERA_RETURN_IF_ERROR(checkCpuLevel(info.target, what));
  TESSERA_ASSIGN_OR_RETURN(
      std::unique_ptr<SharedObject> object,
      SharedObject::load(artifact.segmentData(info.segment),
                         size_t(artifact.segmentSize(info.segment)), what));
  SharedObject *raw = object.get();
  executables_[index] = std::move(object);
  return raw;
}

StatusOr<std::unique_ptr<PreparedCommand>>
CpuDevice::prepare(const Command &command, const PrepareContext &context) {
  if (const auto *dispatch = std::get_if<DispatchCommand>(&command)) {
    TESSERA_ASSIGN_OR_RETURN(
        SharedObject * object,
        executable(*context.artifact, dispatch->executable));
    const KernelInfo &kernel = context.artifact->info()
                                   .executables[dispatch->executable]
                                   .kernels[dispatch->kernel];
    TESSERA_ASSIGN_OR_RETURN(void *address, object->symbol(kernel.name));
    return std::unique_ptr<PreparedCommand>(
        std::make_unique<CpuDispatch>(reinterpret_cast<KernelFunction>(address),
                                      kernel.name, dispatch->args));
  }
  if (const auto *copy = std::get_if<CopyCommand>(&command))
    return std::unique_ptr<PreparedCommand>(std::make_unique<CpuCopy>(*copy));
  return library_->prepare(command, context, options_.referenceCalls);
}

Status CpuDevice::beginRun(std::vector<const void *> &inputs,
                           std::vector<void *> &outputs) {
  if (threads_ > 0)
    setLibraryThreads(threads_);
  return Status::ok();
}

int CpuDevice::threads() const {
  return threads_ > 0 ? threads_ : libraryDefaultThreads();
}

} // namespace tessera::runtime
