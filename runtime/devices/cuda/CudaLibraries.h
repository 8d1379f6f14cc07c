//===- CudaLibraries.h - The NVIDIA driver and cuBLASLt, loaded at run time ===//
//
// Part of Tessera. Nothing of CUDA is linked: the driver API
// (libcuda.so.1) and cuBLASLt (libcublasLt.so.13) are opened with dlopen
// and their functions resolved by their versioned names (cuMemAlloc_v2,
// ...: the ABI the CUDA 12/13 headers declare), so one binary runs where
// there is no GPU and says so:
//
//   the cuda device needs an NVIDIA GPU: cuInit failed: CUDA_ERROR_STUB_LIBRARY
//   (this is the CUDA toolkit's stub library, not a driver)
//
// Each is loaded once per process (the first user pays) and never
// unloaded. Errors are kUnavailable; call results are turned into statuses
// with the call's name, the driver's error name and the source line.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_DEVICES_CUDA_CUDALIBRARIES_H
#define TESSERA_RUNTIME_DEVICES_CUDA_CUDALIBRARIES_H

#include "runtime/base/Status.h"

#include <cublasLt.h>
#include <cuda.h>

#include <string>
#include <vector>

namespace tessera::runtime {

/// The driver functions the cuda device uses.
struct CudaDriver {
  /// Where it was loaded from ("libcuda.so.1"), and cuDriverGetVersion's
  /// answer (13000 for CUDA 13.0).
  std::string path;
  int version = 0;

  decltype(&::cuInit) init = nullptr;
  decltype(&::cuDriverGetVersion) driverGetVersion = nullptr;
  decltype(&::cuGetErrorName) getErrorName = nullptr;
  decltype(&::cuGetErrorString) getErrorString = nullptr;
  decltype(&::cuDeviceGetCount) deviceGetCount = nullptr;
  decltype(&::cuDeviceGet) deviceGet = nullptr;
  decltype(&::cuDeviceGetName) deviceGetName = nullptr;
  decltype(&::cuDeviceGetAttribute) deviceGetAttribute = nullptr;
  decltype(&::cuDeviceTotalMem) deviceTotalMem = nullptr;
  decltype(&::cuDevicePrimaryCtxRetain) primaryCtxRetain = nullptr;
  decltype(&::cuDevicePrimaryCtxRelease) primaryCtxRelease = nullptr;
  decltype(&::cuCtxSetCurrent) ctxSetCurrent = nullptr;
  decltype(&::cuMemAlloc) memAlloc = nullptr;
  decltype(&::cuMemFree) memFree = nullptr;
  decltype(&::cuMemHostAlloc) memHostAlloc = nullptr;
  decltype(&::cuMemFreeHost) memFreeHost = nullptr;
  decltype(&::cuMemGetInfo) memGetInfo = nullptr;
  decltype(&::cuMemcpyHtoD) memcpyHtoD = nullptr;
  decltype(&::cuMemcpyHtoDAsync) memcpyHtoDAsync = nullptr;
  decltype(&::cuMemcpyDtoHAsync) memcpyDtoHAsync = nullptr;
  decltype(&::cuMemcpyDtoDAsync) memcpyDtoDAsync = nullptr;
  decltype(&::cuMemsetD8) memsetD8 = nullptr;
  decltype(&::cuMemsetD8Async) memsetD8Async = nullptr;
  decltype(&::cuStreamCreate) streamCreate = nullptr;
  decltype(&::cuStreamDestroy) streamDestroy = nullptr;
  decltype(&::cuStreamSynchronize) streamSynchronize = nullptr;
  decltype(&::cuStreamWaitEvent) streamWaitEvent = nullptr;
  decltype(&::cuEventCreate) eventCreate = nullptr;
  decltype(&::cuEventDestroy) eventDestroy = nullptr;
  decltype(&::cuEventRecord) eventRecord = nullptr;
  decltype(&::cuModuleLoadDataEx) moduleLoadDataEx = nullptr;
  decltype(&::cuModuleUnload) moduleUnload = nullptr;
  decltype(&::cuModuleGetFunction) moduleGetFunction = nullptr;
  decltype(&::cuFuncGetAttribute) funcGetAttribute = nullptr;
  decltype(&::cuFuncSetAttribute) funcSetAttribute = nullptr;
  decltype(&::cuLaunchKernel) launchKernel = nullptr;
  /// CUDA 12.4 and newer; null on older drivers (the parameter check is
  /// then skipped).
  decltype(&::cuFuncGetParamInfo) funcGetParamInfo = nullptr;

  /// "CUDA_ERROR_OUT_OF_MEMORY: out of memory"
  std::string errorText(CUresult result) const;
  /// kUnavailable "cuName failed: NAME: description (at FILE:LINE)" for
  /// the member `function` ("memAlloc": "cuMemAlloc"), or ok. Out of
  /// memory is kResourceExhausted.
  Status check(CUresult result, const char *function, const char *file,
               int line) const;
};

/// The driver, loaded and initialized (cuInit) on first use from
/// libcuda.so.1 (or TESSERA_LIBCUDA, for tests). kUnavailable starting
/// "the cuda device needs an NVIDIA GPU: " and saying why otherwise.
StatusOr<const CudaDriver *> cudaDriver();

/// Loads the driver from `path` without caching it (tests: the toolkit's
/// stub, a missing file). The same errors as cudaDriver().
StatusOr<const CudaDriver *> loadCudaDriver(const std::string &path);

/// The cuBLASLt functions the cuda device uses.
struct CublasLt {
  std::string path;
  size_t version = 0;

  decltype(&::cublasLtCreate) create = nullptr;
  decltype(&::cublasLtDestroy) destroy = nullptr;
  decltype(&::cublasLtGetVersion) getVersion = nullptr;
  decltype(&::cublasLtGetStatusString) getStatusString = nullptr;
  decltype(&::cublasLtMatmulDescCreate) matmulDescCreate = nullptr;
  decltype(&::cublasLtMatmulDescDestroy) matmulDescDestroy = nullptr;
  decltype(&::cublasLtMatmulDescSetAttribute) matmulDescSetAttribute = nullptr;
  decltype(&::cublasLtMatrixLayoutCreate) matrixLayoutCreate = nullptr;
  decltype(&::cublasLtMatrixLayoutDestroy) matrixLayoutDestroy = nullptr;
  decltype(&::cublasLtMatrixLayoutSetAttribute) matrixLayoutSetAttribute =
      nullptr;
  decltype(&::cublasLtMatmulPreferenceCreate) preferenceCreate = nullptr;
  decltype(&::cublasLtMatmulPreferenceDestroy) preferenceDestroy = nullptr;
  decltype(&::cublasLtMatmulPreferenceSetAttribute) preferenceSetAttribute =
      nullptr;
  decltype(&::cublasLtMatmulAlgoGetHeuristic) algoGetHeuristic = nullptr;
  decltype(&::cublasLtMatmul) matmul = nullptr;

  /// kUnavailable "cublasLtName failed: CUBLAS_STATUS_... (at FILE:LINE)"
  /// for the member `function` ("matmul": "cublasLtMatmul"), or ok.
  Status check(cublasStatus_t status, const char *function, const char *file,
               int line) const;
};

/// cuBLASLt, loaded on first use from libcublasLt.so.13, libcublasLt.so
/// or the CUDA toolkit's lib64 ($CUDA_HOME, /usr/local/cuda). kUnavailable
/// saying why otherwise.
StatusOr<const CublasLt *> cublasLt();

/// One line per library the cuda device would load (the driver,
/// cuBLASLt, NCCL) saying whether it loads here, from where and which
/// version, or why not: what `tessera-run --list-devices` prints.
std::vector<std::string> cudaLibraryReport();

} // namespace tessera::runtime

/// Checks a driver call: `TESSERA_CU(driver, memAlloc, &pointer, bytes)`
/// calls driver.memAlloc(&pointer, bytes) and, when it fails, returns from
/// the enclosing function "cuMemAlloc failed: CUDA_ERROR_OUT_OF_MEMORY: ...
/// (at File.cpp:123)".
#define TESSERA_CU(driver, function, ...)                                     \
  do {                                                                        \
    ::tessera::runtime::Status _tessera_cu = (driver).check(                  \
        (driver).function(__VA_ARGS__), #function, __FILE__, __LINE__);       \
    if (!_tessera_cu.isOk())                                                  \
      return _tessera_cu;                                                     \
  } while (false)

/// The same for cuBLASLt: `TESSERA_LT(lt, matmul, ...)` names
/// "cublasLtMatmul".
#define TESSERA_LT(lt, function, ...)                                         \
  do {                                                                        \
    ::tessera::runtime::Status _tessera_lt = (lt).check(                      \
        (lt).function(__VA_ARGS__), #function, __FILE__, __LINE__);           \
    if (!_tessera_lt.isOk())                                                  \
      return _tessera_lt;                                                     \
  } while (false)

#endif // TESSERA_RUNTIME_DEVICES_CUDA_CUDALIBRARIES_H
