//===- CudaTarget.cpp - Kernels to PTX and cubins -------------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "compiler/target/cuda/CudaTarget.h"
#include "compiler/target/cuda/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"

#include <cstdlib>

using namespace mlir;
using namespace mlir::tessera;

#ifndef TESSERA_CUDA_PATH
#define TESSERA_CUDA_PATH "/usr/local/cuda"
#endif

namespace {

/// Architectures CUDA 13's ptxas and LLVM 22's NVPTX back end both take,
/// from sm_75 on (ptxas of CUDA 13 dropped the older ones).
constexpr int kArchs[] = {75, 80, 86, 87, 88, 89, 90, 100, 103, 110, 120, 121};

/// The largest element count of a memref in `module`.
int64_t largestMemref(ModuleOp module) {
  int64_t largest = 0;
  auto consider = [&](Type type) {
    if (auto memref = dyn_cast<MemRefType>(type))
      if (memref.hasStaticShape())
        largest = std::max(largest, memref.getNumElements());
  };
  module.walk([&](Operation *op) {
    for (Type type : op->getOperandTypes())
      consider(type);
    for (Type type : op->getResultTypes())
      consider(type);
    if (auto function = dyn_cast<FunctionOpInterface>(op))
      for (Type type : function.getArgumentTypes())
        consider(type);
    if (auto global = dyn_cast<memref::GlobalOp>(op))
      consider(global.getType());
  });
  return largest;
}

/// The value of a constant index operand.
uint32_t constantOf(Value value) {
  if (auto constant = value.getDefiningOp<arith::ConstantIndexOp>())
    return static_cast<uint32_t>(constant.value());
  return 0;
}

/// Runs ptxas on `ptx` for `arch`, returning the cubin.
FailureOr<std::string> assemble(Operation *anchor, StringRef ptxas,
                                StringRef ptx, StringRef arch) {
  SmallString<128> ptxPath, cubinPath, logPath;
  if (llvm::sys::fs::createTemporaryFile("tessera-kernels", "ptx", ptxPath) ||
      llvm::sys::fs::createTemporaryFile("tessera-kernels", "cubin",
                                         cubinPath) ||
      llvm::sys::fs::createTemporaryFile("tessera-ptxas", "log", logPath))
    return emitError(anchor->getLoc(),
                     "cannot create temporary files for ptxas");
  llvm::scope_exit cleanup([&] {
    llvm::sys::fs::remove(ptxPath);
    llvm::sys::fs::remove(cubinPath);
    llvm::sys::fs::remove(logPath);
  });
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(ptxPath, ec);
    if (ec)
      return emitError(anchor->getLoc(), "cannot write ")
             << ptxPath << ": " << ec.message();
    os << ptx;
  }
  std::string archFlag = ("-arch=" + arch).str();
  SmallVector<StringRef> args = {ptxas,   archFlag, "-O3",
                                 ptxPath, "-o",     cubinPath};
  std::optional<StringRef> redirects[] = {std::nullopt, StringRef(logPath),
                                          StringRef(logPath)};
  std::string message;
  int status = llvm::sys::ExecuteAndWait(ptxas, args, std::nullopt, redirects,
                                         0, 0, &message);
  if (status != 0) {
    std::string log;
    if (auto buffer = llvm::MemoryBuffer::getFile(logPath))
      log = (*buffer)->getBuffer().trim().str();
    return emitError(anchor->getLoc(), "ptxas failed for ")
           << arch << " (" << ptxas << "): " << (log.empty() ? message : log);
  }
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> cubin =
      llvm::MemoryBuffer::getFile(cubinPath, /*IsText=*/false);
  if (!cubin)
    return emitError(anchor->getLoc(), "cannot read the cubin ptxas wrote");
  return (*cubin)->getBuffer().str();
}

} // namespace

FailureOr<std::vector<std::string>>
mlir::tessera::parseCudaArchs(StringRef list, std::string &error) {
  auto known = [] {
    std::string text;
    for (int arch : kArchs)
      text += (text.empty() ? "sm_" : ", sm_") + std::to_string(arch);
    return text;
  };
  SmallVector<StringRef> entries;
  list.split(entries, ',');
  std::vector<int> numbers;
  for (StringRef entry : entries) {
    entry = entry.trim();
    if (entry.empty()) {
      error = "give the architectures as a list, e.g. cuda:sm_80,sm_90";
      return failure();
    }
    int number = 0;
    StringRef digits = entry;
    if (!digits.consume_front("sm_") || digits.getAsInteger(10, number)) {
      error = ("'" + entry + "' is not a CUDA architecture (sm_80, sm_90, ...)")
                  .str();
      return failure();
    }
    if (number < 75) {
      error = ("'" + entry +
               "' is older than sm_75, the oldest CUDA 13's ptxas compiles "
               "for")
                  .str();
      return failure();
    }
    if (!llvm::is_contained(kArchs, number)) {
      error = ("unknown CUDA architecture '" + entry + "': expected one of " +
               known())
                  .str();
      return failure();
    }
    numbers.push_back(number);
  }
  llvm::sort(numbers);
  numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
  std::vector<std::string> archs;
  for (int number : numbers)
    archs.push_back("sm_" + std::to_string(number));
  return archs;
}

std::string mlir::tessera::findCudaToolkit(StringRef requested) {
  if (!requested.empty())
    return requested.str();
  for (const char *variable : {"CUDA_HOME", "CUDA_PATH"})
    if (std::optional<std::string> value = llvm::sys::Process::GetEnv(variable))
      if (!value->empty() && llvm::sys::fs::is_directory(*value))
        return *value;
  if (llvm::sys::fs::is_directory(TESSERA_CUDA_PATH))
    return TESSERA_CUDA_PATH;
  return "";
}

std::string mlir::tessera::findPtxas(StringRef toolkit) {
  if (!toolkit.empty()) {
    SmallString<128> path(toolkit);
    llvm::sys::path::append(path, "bin", "ptxas");
    if (llvm::sys::fs::can_execute(path))
      return path.str().str();
  }
  if (llvm::ErrorOr<std::string> found = llvm::sys::findProgramByName("ptxas"))
    return *found;
  return "";
}

/// From kernels on tensors to GPU launches (gpu.funcs on memrefs);
/// `emulation`: for tessera-cuda-emulate-launches on the CPU.
static void buildLaunchPipeline(OpPassManager &pm,
                                const CudaCodegenOptions &options,
                                bool emulation) {
  // Kernels on tensors, rewritten to bufferize in place.
  pm.addPass(createCudaPrepareKernelsPass());
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  pm.addPass(bufferization::createEmptyTensorToAllocTensorPass());
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = false;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  // Integer powers become loops in helper functions (libdevice has none),
  // which the launches that call them take into the gpu.module. The
  // emulation leaves them to the CPU lowering, whose buffer deallocation
  // takes no unstructured control flow such as these helpers'.
  if (!emulation)
    pm.addPass(createConvertMathToFuncs());
  // Launches.
  CudaMapToGpuPassOptions map;
  map.blockSize = options.blockSize;
  map.warpReductionSize = options.warpReductionSize;
  map.emulateWarps = emulation;
  pm.addPass(createCudaMapToGpuPass(map));
}

void mlir::tessera::buildCudaCodegenPipeline(
    OpPassManager &pm, const CudaCodegenOptions &options) {
  buildLaunchPipeline(pm, options, /*emulation=*/false);
  pm.addPass(createSymbolDCEPass());
  GpuNVVMAttachTargetOptions target;
  target.chip = options.chip;
  target.optLevel = 3;
  pm.addPass(createGpuNVVMAttachTarget(target));
  // The kernels to NVVM, the memrefs as bare pointers.
  OpPassManager &gpu = pm.nest<gpu::GPUModuleOp>();
  gpu.addPass(memref::createExpandStridedMetadataPass());
  gpu.addPass(createLowerAffinePass());
  gpu.addPass(createCanonicalizerPass());
  gpu.addPass(createCSEPass());
  gpu.addPass(createSCFToControlFlowPass());
  ConvertGpuOpsToNVVMOpsOptions nvvm;
  nvvm.useBarePtrCallConv = true;
  nvvm.indexBitwidth = options.indexBitwidth;
  gpu.addPass(createConvertGpuOpsToNVVMOps(nvvm));
  gpu.addPass(createCanonicalizerPass());
  gpu.addPass(createCSEPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}

void mlir::tessera::registerCudaTarget() {
  registerCudaPrepareKernelsPass();
  registerCudaMapToGpuPass();
  registerCudaEmulateLaunchesPass();
  PassPipelineRegistration<CudaCodegenOptions>(
      "tessera-cuda-codegen",
      "From a module of kernels on tensors to GPU launches and a gpu.module "
      "in NVVM (before gpu-module-to-binary)",
      buildCudaCodegenPipeline);
}

FailureOr<OwningOpRef<ModuleOp>>
mlir::tessera::emulateCudaKernels(exec::ExecutableOp executable) {
  MLIRContext *context = executable.getContext();
  OwningOpRef<ModuleOp> module = ModuleOp::create(executable.getLoc());
  OpBuilder builder(context);
  builder.setInsertionPointToEnd(module->getBody());
  for (auto kernel : executable.getBody().getOps<func::FuncOp>())
    builder.clone(*kernel);
  PassManager pm(context);
  buildLaunchPipeline(pm, CudaCodegenOptions(), /*emulation=*/true);
  pm.addPass(createCudaEmulateLaunchesPass());
  pm.addPass(createCanonicalizerPass());
  if (failed(pm.run(*module)))
    return emitError(executable.getLoc(),
                     "mapping the kernels to launches for emulation failed");
  return module;
}

FailureOr<CudaBinary>
mlir::tessera::compileCudaExecutable(exec::ExecutableOp executable,
                                     const CudaTargetOptions &options) {
  MLIRContext *context = executable.getContext();
  if (options.archs.empty())
    return emitError(executable.getLoc(),
                     "no CUDA architecture to compile for");
  CudaBinary binary;

  // The kernels, alone in a module of their own.
  OwningOpRef<ModuleOp> module = ModuleOp::create(executable.getLoc());
  OpBuilder builder(context);
  builder.setInsertionPointToEnd(module->getBody());
  for (auto kernel : executable.getBody().getOps<func::FuncOp>()) {
    builder.clone(*kernel);
    binary.kernelNames.push_back(kernel.getSymName().str());
    binary.kernelArgCounts.push_back(kernel.getNumArguments());
  }

  std::string toolkit = findCudaToolkit(options.toolkitPath);
  CudaCodegenOptions codegen;
  codegen.chip = options.archs.front();
  // 32-bit index arithmetic (much cheaper on the GPU) when no buffer and
  // so no launch reaches 2^31 elements; the margin covers a last block.
  codegen.indexBitwidth =
      largestMemref(*module) < (int64_t(1) << 31) - (int64_t(1) << 16) ? 32
                                                                       : 64;
  PassManager pm(context);
  buildCudaCodegenPipeline(pm, codegen);
  GpuModuleToBinaryPassOptions toBinary;
  toBinary.toolkitPath = toolkit;
  toBinary.compilationTarget = "isa";
  pm.addPass(createGpuModuleToBinaryPass(toBinary));
  if (failed(pm.run(*module)))
    return emitError(executable.getLoc(), "lowering the kernels to PTX failed");

  for (auto gpuBinary : module->getOps<gpu::BinaryOp>()) {
    auto object = cast<gpu::ObjectAttr>(gpuBinary.getObjects()[0]);
    binary.ptx = object.getObject().getValue().str();
  }
  if (binary.ptx.empty() && !binary.kernelNames.empty())
    return emitError(executable.getLoc(), "no PTX was produced");

  // The launches, from the kernels' host side.
  for (const std::string &name : binary.kernelNames) {
    auto function = module->lookupSymbol<func::FuncOp>(name);
    std::vector<CudaLaunch> launches;
    for (auto launch : function.getBody().getOps<gpu::LaunchFuncOp>()) {
      CudaLaunch entry;
      entry.function = launch.getKernelName().str();
      entry.grid = {constantOf(launch.getGridSizeX()),
                    constantOf(launch.getGridSizeY()),
                    constantOf(launch.getGridSizeZ())};
      entry.block = {constantOf(launch.getBlockSizeX()),
                     constantOf(launch.getBlockSizeY()),
                     constantOf(launch.getBlockSizeZ())};
      if (Value shared = launch.getDynamicSharedMemorySize())
        entry.sharedMemory = constantOf(shared);
      launches.push_back(std::move(entry));
    }
    binary.launches.push_back(std::move(launches));
  }
  if (options.ptxOnly)
    return binary;

  std::string ptxas = findPtxas(toolkit);
  if (ptxas.empty())
    return emitError(
        executable.getLoc(),
        "cannot find ptxas to make the cubins: install the CUDA toolkit, set "
        "CUDA_HOME, or put ptxas on PATH");
  for (const std::string &arch : options.archs) {
    FailureOr<std::string> cubin =
        assemble(executable, ptxas, binary.ptx, arch);
    if (failed(cubin))
      return failure();
    binary.cubins.emplace_back(arch, std::move(*cubin));
  }
  return binary;
}
