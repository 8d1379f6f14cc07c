//===- CudaLibraries.cpp - The NVIDIA driver and cuBLASLt, loaded at run time //
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "runtime/devices/cuda/CudaLibraries.h"

#include <cctype>
#include <cstdlib>
#include <dlfcn.h>
#include <memory>
#include <mutex>

namespace tessera::runtime {
namespace {

const char *kNeedsGpu = "the cuda device needs an NVIDIA GPU: ";

Status unavailable(const std::string &why) {
  return Status(StatusCode::kUnavailable, kNeedsGpu + why);
}

template <typename F> bool resolve(void *library, const char *name, F &out) {
  out = reinterpret_cast<F>(dlsym(library, name));
  return out != nullptr;
}

/// "memAlloc" with `prefix` "cu": "cuMemAlloc".
std::string apiName(const char *prefix, const char *member) {
  std::string name = prefix;
  name += char(std::toupper(static_cast<unsigned char>(member[0])));
  name += member + 1;
  return name;
}

Status loadDriver(const std::string &path, CudaDriver &api) {
  void *library = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    const char *error = dlerror();
    return unavailable("this machine has no NVIDIA driver (" +
                       std::string(error ? error : path) + ")");
  }
  api.path = path;
  // The versioned names are the ABI that the CUDA 12 and 13 headers
  // declare (cuda.h maps cuMemAlloc to cuMemAlloc_v2, ...).
  struct Entry {
    const char *name;
    void **slot;
  };
#define TESSERA_ENTRY(member, symbol)                                         \
  Entry { symbol, reinterpret_cast<void **>(&api.member) }
  const Entry entries[] = {
      TESSERA_ENTRY(init, "cuInit"),
      TESSERA_ENTRY(driverGetVersion, "cuDriverGetVersion"),
      TESSERA_ENTRY(getErrorName, "cuGetErrorName"),
      TESSERA_ENTRY(getErrorString, "cuGetErrorString"),
      TESSERA_ENTRY(deviceGetCount, "cuDeviceGetCount"),
      TESSERA_ENTRY(deviceGet, "cuDeviceGet"),
      TESSERA_ENTRY(deviceGetName, "cuDeviceGetName"),
      TESSERA_ENTRY(deviceGetAttribute, "cuDeviceGetAttribute"),
      TESSERA_ENTRY(deviceTotalMem, "cuDeviceTotalMem_v2"),
      TESSERA_ENTRY(primaryCtxRetain, "cuDevicePrimaryCtxRetain"),
      TESSERA_ENTRY(primaryCtxRelease, "cuDevicePrimaryCtxRelease_v2"),
      TESSERA_ENTRY(ctxSetCurrent, "cuCtxSetCurrent"),
      TESSERA_ENTRY(memAlloc, "cuMemAlloc_v2"),
      TESSERA_ENTRY(memFree, "cuMemFree_v2"),
      TESSERA_ENTRY(memHostAlloc, "cuMemHostAlloc"),
      TESSERA_ENTRY(memFreeHost, "cuMemFreeHost"),
      TESSERA_ENTRY(memGetInfo, "cuMemGetInfo_v2"),
      TESSERA_ENTRY(memcpyHtoD, "cuMemcpyHtoD_v2"),
      TESSERA_ENTRY(memcpyHtoDAsync, "cuMemcpyHtoDAsync_v2"),
      TESSERA_ENTRY(memcpyDtoHAsync, "cuMemcpyDtoHAsync_v2"),
      TESSERA_ENTRY(memcpyDtoDAsync, "cuMemcpyDtoDAsync_v2"),
      TESSERA_ENTRY(memsetD8, "cuMemsetD8_v2"),
      TESSERA_ENTRY(memsetD8Async, "cuMemsetD8Async"),
      TESSERA_ENTRY(streamCreate, "cuStreamCreate"),
      TESSERA_ENTRY(streamDestroy, "cuStreamDestroy_v2"),
      TESSERA_ENTRY(streamSynchronize, "cuStreamSynchronize"),
      TESSERA_ENTRY(streamWaitEvent, "cuStreamWaitEvent"),
      TESSERA_ENTRY(eventCreate, "cuEventCreate"),
      TESSERA_ENTRY(eventDestroy, "cuEventDestroy_v2"),
      TESSERA_ENTRY(eventRecord, "cuEventRecord"),
      TESSERA_ENTRY(moduleLoadDataEx, "cuModuleLoadDataEx"),
      TESSERA_ENTRY(moduleUnload, "cuModuleUnload"),
      TESSERA_ENTRY(moduleGetFunction, "cuModuleGetFunction"),
      TESSERA_ENTRY(funcGetAttribute, "cuFuncGetAttribute"),
      TESSERA_ENTRY(funcSetAttribute, "cuFuncSetAttribute"),
      TESSERA_ENTRY(launchKernel, "cuLaunchKernel"),
  };
#undef TESSERA_ENTRY
  for (const Entry &entry : entries) {
    *entry.slot = dlsym(library, entry.name);
    if (!*entry.slot)
      return unavailable("the NVIDIA driver " + path + " lacks " + entry.name +
                         " (a driver older than CUDA 12?)");
  }
  resolve(library, "cuFuncGetParamInfo", api.funcGetParamInfo); // optional
  api.driverGetVersion(&api.version);
  CUresult result = api.init(0);
  if (result != CUDA_SUCCESS)
    return unavailable(
        "cuInit failed: " + api.errorText(result) +
        (result == CUDA_ERROR_STUB_LIBRARY
             ? " (" + path +
                   " is the CUDA toolkit's stub library, not a driver)"
         : result == CUDA_ERROR_NO_DEVICE ? " (no GPU)"
                                          : std::string()));
  int count = 0;
  result = api.deviceGetCount(&count);
  if (result != CUDA_SUCCESS)
    return unavailable("cuDeviceGetCount failed: " + api.errorText(result));
  if (count == 0)
    return unavailable("the NVIDIA driver sees no GPU");
  return Status::ok();
}

} // namespace

namespace {

/// Names of the errors met before the driver can name them itself (the
/// toolkit's stub answers every call, cuGetErrorName too, with its error).
const char *knownErrorName(CUresult result) {
  switch (result) {
  case CUDA_ERROR_OUT_OF_MEMORY:
    return "CUDA_ERROR_OUT_OF_MEMORY";
  case CUDA_ERROR_NOT_INITIALIZED:
    return "CUDA_ERROR_NOT_INITIALIZED";
  case CUDA_ERROR_STUB_LIBRARY:
    return "CUDA_ERROR_STUB_LIBRARY";
  case CUDA_ERROR_CALL_REQUIRES_NEWER_DRIVER:
    return "CUDA_ERROR_CALL_REQUIRES_NEWER_DRIVER";
  case CUDA_ERROR_NO_DEVICE:
    return "CUDA_ERROR_NO_DEVICE";
  case CUDA_ERROR_SYSTEM_DRIVER_MISMATCH:
    return "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH";
  case CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE:
    return "CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE";
  case CUDA_ERROR_UNKNOWN:
    return "CUDA_ERROR_UNKNOWN";
  default:
    return nullptr;
  }
}

} // namespace

std::string CudaDriver::errorText(CUresult result) const {
  const char *name = nullptr, *text = nullptr;
  if (getErrorName && getErrorName(result, &name) != CUDA_SUCCESS)
    name = nullptr;
  if (getErrorString && getErrorString(result, &text) != CUDA_SUCCESS)
    text = nullptr;
  if (!name)
    name = knownErrorName(result);
  std::string out = name ? name : "CUDA error " + std::to_string(int(result));
  if (text)
    out += std::string(": ") + text;
  return out;
}

Status CudaDriver::check(CUresult result, const char *function,
                         const char *file, int line) const {
  if (result == CUDA_SUCCESS)
    return Status::ok();
  return makeStatusAt(result == CUDA_ERROR_OUT_OF_MEMORY
                          ? StatusCode::kResourceExhausted
                          : StatusCode::kUnavailable,
                      apiName("cu", function) + " failed: " + errorText(result),
                      file, line);
}

StatusOr<const CudaDriver *> loadCudaDriver(const std::string &path) {
  auto api = std::make_unique<CudaDriver>();
  Status status = loadDriver(path, *api);
  if (!status.isOk())
    return status;
  // Never freed: the library stays loaded, and its functions with it.
  return const_cast<const CudaDriver *>(api.release());
}

StatusOr<const CudaDriver *> cudaDriver() {
  static std::once_flag once;
  static StatusOr<const CudaDriver *> *loaded = nullptr;
  std::call_once(once, [] {
    const char *override = std::getenv("TESSERA_LIBCUDA");
    loaded = new StatusOr<const CudaDriver *>(
        loadCudaDriver(override && *override ? override : "libcuda.so.1"));
  });
  return *loaded;
}

//===----------------------------------------------------------------------===//
// cuBLASLt
//===----------------------------------------------------------------------===//

Status CublasLt::check(cublasStatus_t status, const char *function,
                       const char *file, int line) const {
  if (status == CUBLAS_STATUS_SUCCESS)
    return Status::ok();
  const char *text = getStatusString ? getStatusString(status) : nullptr;
  return makeStatusAt(
      status == CUBLAS_STATUS_ALLOC_FAILED ? StatusCode::kResourceExhausted
                                           : StatusCode::kUnavailable,
      apiName("cublasLt", function) + " failed: " +
          (text ? text : "cuBLAS status " + std::to_string(int(status))),
      file, line);
}

namespace {

/// Where cuBLASLt may be: the loader's path first, then the toolkit.
std::vector<std::string> cublasLtCandidates() {
  std::vector<std::string> names = {"libcublasLt.so.13", "libcublasLt.so"};
  for (const char *variable : {"CUDA_HOME", "CUDA_PATH"})
    if (const char *home = std::getenv(variable); home && *home)
      names.push_back(std::string(home) + "/lib64/libcublasLt.so.13");
  names.push_back("/usr/local/cuda/lib64/libcublasLt.so.13");
  return names;
}

Status loadCublasLt(CublasLt &api) {
  void *library = nullptr;
  std::string errors;
  for (const std::string &name : cublasLtCandidates()) {
    library = dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (library) {
      api.path = name;
      break;
    }
    if (errors.empty()) {
      const char *error = dlerror();
      errors = error ? error : name;
    }
  }
  if (!library)
    return Status(StatusCode::kUnavailable,
                  "cuBLASLt (libcublasLt.so.13, CUDA 13's) is not installed "
                  "where the loader or $CUDA_HOME/lib64 finds it (" +
                      errors + ")");
  struct Entry {
    const char *name;
    void **slot;
  };
#define TESSERA_ENTRY(member, symbol)                                         \
  Entry { symbol, reinterpret_cast<void **>(&api.member) }
  const Entry entries[] = {
      TESSERA_ENTRY(create, "cublasLtCreate"),
      TESSERA_ENTRY(destroy, "cublasLtDestroy"),
      TESSERA_ENTRY(getVersion, "cublasLtGetVersion"),
      TESSERA_ENTRY(getStatusString, "cublasLtGetStatusString"),
      TESSERA_ENTRY(matmulDescCreate, "cublasLtMatmulDescCreate"),
      TESSERA_ENTRY(matmulDescDestroy, "cublasLtMatmulDescDestroy"),
      TESSERA_ENTRY(matmulDescSetAttribute, "cublasLtMatmulDescSetAttribute"),
      TESSERA_ENTRY(matrixLayoutCreate, "cublasLtMatrixLayoutCreate"),
      TESSERA_ENTRY(matrixLayoutDestroy, "cublasLtMatrixLayoutDestroy"),
      TESSERA_ENTRY(matrixLayoutSetAttribute,
                    "cublasLtMatrixLayoutSetAttribute"),
      TESSERA_ENTRY(preferenceCreate, "cublasLtMatmulPreferenceCreate"),
      TESSERA_ENTRY(preferenceDestroy, "cublasLtMatmulPreferenceDestroy"),
      TESSERA_ENTRY(preferenceSetAttribute,
                    "cublasLtMatmulPreferenceSetAttribute"),
      TESSERA_ENTRY(algoGetHeuristic, "cublasLtMatmulAlgoGetHeuristic"),
      TESSERA_ENTRY(matmul, "cublasLtMatmul"),
  };
#undef TESSERA_ENTRY
  for (const Entry &entry : entries) {
    *entry.slot = dlsym(library, entry.name);
    if (!*entry.slot)
      return Status(StatusCode::kUnavailable,
                    api.path + " lacks " + entry.name +
                        " (cuBLASLt 12 or newer is needed)");
  }
  api.version = api.getVersion();
  return Status::ok();
}

} // namespace

StatusOr<const CublasLt *> cublasLt() {
  static std::once_flag once;
  static StatusOr<const CublasLt *> *loaded = nullptr;
  std::call_once(once, [] {
    auto api = std::make_unique<CublasLt>();
    Status status = loadCublasLt(*api);
    loaded = status.isOk() ? new StatusOr<const CublasLt *>(
                                 const_cast<const CublasLt *>(api.release()))
                           : new StatusOr<const CublasLt *>(status);
  });
  return *loaded;
}

std::vector<std::string> cudaLibraryReport() {
  std::vector<std::string> lines;
  StatusOr<const CudaDriver *> driver = cudaDriver();
  if (driver.isOk()) {
    const CudaDriver &api = **driver;
    int count = 0;
    api.deviceGetCount(&count);
    std::string line = "driver: " + api.path + ", CUDA " +
                       std::to_string(api.version / 1000) + "." +
                       std::to_string(api.version % 1000 / 10) + ", " +
                       std::to_string(count) + (count == 1 ? " GPU" : " GPUs");
    for (int i = 0; i < count; ++i) {
      CUdevice device;
      char name[256] = {0};
      int major = 0, minor = 0;
      if (api.deviceGet(&device, i) != CUDA_SUCCESS)
        continue;
      api.deviceGetName(name, sizeof(name) - 1, device);
      api.deviceGetAttribute(
          &major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device);
      api.deviceGetAttribute(
          &minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device);
      line += std::string(i ? ", " : ": ") + "cuda:" + std::to_string(i) +
              " " + name + " (sm_" + std::to_string(major) +
              std::to_string(minor) + ")";
    }
    lines.push_back(line);
  } else {
    lines.push_back("driver: unavailable: " + driver.status().message());
  }
  StatusOr<const CublasLt *> lt = cublasLt();
  lines.push_back(lt.isOk() ? "cuBLASLt: " + (*lt)->path + ", version " +
                                  std::to_string((*lt)->version)
                            : "cuBLASLt: unavailable: " + lt.status().message());
  // NCCL is the nccl communicator's (runtime/collectives/nccl); only its
  // presence is reported here.
  void *nccl = dlopen("libnccl.so.2", RTLD_NOW | RTLD_LOCAL);
  if (nccl) {
    int version = 0;
    using GetVersion = int (*)(int *);
    if (auto get = reinterpret_cast<GetVersion>(dlsym(nccl, "ncclGetVersion")))
      get(&version);
    lines.push_back("NCCL: libnccl.so.2, version " + std::to_string(version) +
                    " (collectives of cuda devices)");
  } else {
    const char *error = dlerror();
    lines.push_back(std::string("NCCL: unavailable: ") +
                    (error ? error : "libnccl.so.2 not found") +
                    " (a mesh of cuda devices then communicates through "
                    "host memory)");
  }
  return lines;
}

} // namespace tessera::runtime
