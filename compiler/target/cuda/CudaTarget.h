//===- CudaTarget.h - Kernels to PTX and cubins -------------------*- C++
//-*-===//
//
// Part of Tessera. Code generation for the cuda target
// (docs/design/0004-cuda.md): the kernels of a texec.executable (func.funcs
// on memrefs, in linalg on tensors) are bufferized, mapped onto GPU
// launches (tessera-cuda-map-to-gpu), lowered to the nvvm and llvm
// dialects, compiled by LLVM's NVPTX back end to PTX for the lowest
// requested architecture, and assembled by the CUDA toolkit's ptxas into a
// cubin for each requested architecture. Each kernel is one or more
// launches with static grid and block sizes, whose parameters are one
// device pointer per buffer of the kernel, in order.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_COMPILER_TARGET_CUDA_CUDATARGET_H
#define TESSERA_COMPILER_TARGET_CUDA_CUDATARGET_H

#include "dialects/exec/ExecOps.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

#include <array>
#include <string>
#include <utility>
#include <vector>

namespace mlir::tessera {

/// Parses the architecture list of `--target=cuda:LIST`, "sm_80,sm_90":
/// at least one, each sm_75 or newer among those CUDA 13's ptxas and LLVM's
/// NVPTX back end both know (sm_75, sm_80, sm_86, sm_87, sm_88, sm_89,
/// sm_90, sm_100, sm_103, sm_110, sm_120, sm_121). Returns them sorted from
/// the oldest, without duplicates; on failure says why in `error`.
FailureOr<std::vector<std::string>> parseCudaArchs(llvm::StringRef list,
                                                   std::string &error);

/// Options of the kernel code generation pipeline
/// (`tessera-cuda-codegen`).
struct CudaCodegenOptions : public PassPipelineOptions<CudaCodegenOptions> {
  Option<std::string> chip{
      *this, "chip",
      llvm::cl::desc("The architecture the PTX is generated for (the "
                     "lowest requested)"),
      llvm::cl::init("sm_80")};
  Option<unsigned> blockSize{
      *this, "block-size",
      llvm::cl::desc("Threads per block of an elementwise launch"),
      llvm::cl::init(256)};
  Option<unsigned> warpReductionSize{
      *this, "warp-reduction-size",
      llvm::cl::desc("Reductions of at least this many elements per output "
                     "use a warp per output (0: never)"),
      llvm::cl::init(64)};
  Option<unsigned> indexBitwidth{
      *this, "index-bitwidth",
      llvm::cl::desc("Bits of index arithmetic in the kernels: 32 when "
                     "every buffer has fewer than 2^31 elements, else 64"),
      llvm::cl::init(64)};
};

/// From a module of kernels on tensors (as tessera-form-program outlines
/// them) to a gpu.module @kernels in the llvm and nvvm dialects, with an
/// NVVM target of `chip`, and each kernel a function of gpu.launch_func
/// ops: tessera-cuda-prepare-kernels, bufferization,
/// tessera-cuda-map-to-gpu, nvvm-attach-target, then on the gpu.module
/// strided-metadata expansion, affine and scf lowering and
/// convert-gpu-to-nvvm with the bare-pointer calling convention.
/// gpu-module-to-binary (compileCudaExecutable) follows.
void buildCudaCodegenPipeline(OpPassManager &pm,
                              const CudaCodegenOptions &options);

/// Registers the cuda target's passes and the tessera-cuda-codegen
/// pipeline.
void registerCudaTarget();

struct CudaTargetOptions {
  /// The architectures ("sm_80", ...), as parseCudaArchs returns them: the
  /// PTX is for the first, a cubin is made for each.
  std::vector<std::string> archs = {"sm_80"};
  /// The CUDA toolkit (libdevice, ptxas); empty: $CUDA_HOME, $CUDA_PATH or
  /// where the build found it (/usr/local/cuda).
  std::string toolkitPath;
  /// Stop after the PTX: no cubins, no ptxas needed.
  bool ptxOnly = false;
};

/// One launch of a kernel.
struct CudaLaunch {
  /// The entry point in the PTX and cubins.
  std::string function;
  std::array<uint32_t, 3> grid = {1, 1, 1};
  std::array<uint32_t, 3> block = {1, 1, 1};
  /// Bytes of dynamic shared memory.
  uint32_t sharedMemory = 0;
};

/// A compiled executable: the PTX, a cubin per architecture, and the
/// kernels in the order of the executable's functions with their launches.
struct CudaBinary {
  std::string ptx;
  /// (architecture, cubin), in the order of CudaTargetOptions::archs.
  std::vector<std::pair<std::string, std::string>> cubins;
  std::vector<std::string> kernelNames;
  std::vector<unsigned> kernelArgCounts;
  std::vector<std::vector<CudaLaunch>> launches;
};

/// Compiles the kernels of `executable`. Errors are reported on it.
FailureOr<CudaBinary> compileCudaExecutable(exec::ExecutableOp executable,
                                            const CudaTargetOptions &options);

/// For testing code generation without a GPU: the kernels of `executable`
/// mapped to launches exactly as for the GPU (warps emulated), then each
/// launch run as loops over its blocks and threads
/// (tessera-cuda-emulate-launches). The result is a module of bufferized
/// kernels with the executable's kernel names and arguments, for
/// compileCpuKernelModule. Errors are reported on the executable.
FailureOr<OwningOpRef<ModuleOp>>
emulateCudaKernels(exec::ExecutableOp executable);

/// The CUDA toolkit directory code generation uses (see
/// CudaTargetOptions::toolkitPath), and its ptxas, or "" when there is
/// none.
std::string findCudaToolkit(llvm::StringRef requested = "");
std::string findPtxas(llvm::StringRef toolkit);

} // namespace mlir::tessera

#endif // TESSERA_COMPILER_TARGET_CUDA_CUDATARGET_H
