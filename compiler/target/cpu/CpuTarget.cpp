//===- CpuTarget.cpp - Kernels to an x86-64 shared object -----------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "compiler/target/cpu/CpuTarget.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/Passes.h"

#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/ADT/ScopeExit.h"

using namespace mlir;
using namespace mlir::tessera;

namespace {

constexpr const char *kTriple = "x86_64-unknown-linux-gnu";

/// Polynomial approximations of the transcendental functions: they
/// vectorize, where calls to libm would not.
struct ApproximateMathPass
    : PassWrapper<ApproximateMathPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(ApproximateMathPass)
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // The predicate sees full operation names ("math.exp").
    populateMathPolynomialApproximationPatterns(patterns, [](StringRef name) {
      return llvm::is_contained(
          {math::TanhOp::getOperationName(), math::ErfOp::getOperationName(),
           math::ExpOp::getOperationName(), math::LogOp::getOperationName(),
           math::ExpM1Op::getOperationName(),
           math::Log1pOp::getOperationName()},
          name);
    });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

/// memref.copy of strided views would become calls to a runtime library
/// the kernels do not link; as linalg.copy they become loops.
struct CopyToLoopsPass
    : PassWrapper<CopyToLoopsPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(CopyToLoopsPass)
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation().walk([&](memref::CopyOp copy) { copies.push_back(copy); });
    for (memref::CopyOp copy : copies) {
      OpBuilder b(copy);
      if (copy.getSource() != copy.getTarget())
        linalg::CopyOp::create(b, copy.getLoc(), copy.getSource(),
                               copy.getTarget());
      copy.erase();
    }
  }
};

/// The kernels' lowering from linalg on tensors to the LLVM dialect.
LogicalResult lowerToLLVMDialect(ModuleOp module) {
  PassManager pm(module.getContext());
  // Results computed straight into the kernels' output buffers; the
  // remaining tensor.empty become allocations.
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  pm.addPass(bufferization::createEmptyTensorToAllocTensorPass());
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = false;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(std::make_unique<CopyToLoopsPass>());
  OpPassManager &functions = pm.nest<func::FuncOp>();
  functions.addPass(createConvertLinalgToLoopsPass());
  functions.addPass(bufferization::createOwnershipBasedBufferDeallocationPass());
  functions.addPass(createCanonicalizerPass());
  functions.addPass(bufferization::createBufferDeallocationSimplificationPass());
  pm.addPass(bufferization::createLowerDeallocationsPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(std::make_unique<ApproximateMathPass>());
  // bf16 conversions as integer arithmetic: x86-64 before AVX512-BF16 has
  // no instruction for them, and the kernels link no compiler runtime.
  arith::ArithExpandOpsPassOptions expand;
  expand.includeBf16 = true;
  pm.addPass(arith::createArithExpandOpsPass(expand));
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  // Integer powers become loops in the kernels themselves.
  pm.addPass(createConvertMathToFuncs());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  ConvertFuncToLLVMPassOptions funcOptions;
  funcOptions.useBarePtrCallConv = true;
  pm.addPass(createConvertFuncToLLVMPass(funcOptions));
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  return pm.run(module);
}

/// Renames each kernel to NAME_impl (internal, its pointers noalias) and
/// adds `void NAME(void **buffers)`, which loads the pointers and calls it.
void addEntryPoints(ModuleOp module, ArrayRef<std::string> kernels) {
  MLIRContext *context = module.getContext();
  OpBuilder b(context);
  auto ptr = LLVM::LLVMPointerType::get(context);
  auto voidType = LLVM::LLVMVoidType::get(context);
  for (const std::string &name : kernels) {
    auto impl = module.lookupSymbol<LLVM::LLVMFuncOp>(name);
    impl.setSymName(name + "_impl");
    impl.setLinkage(LLVM::Linkage::Internal);
    // Kernels read and write distinct buffers.
    for (unsigned i = 0, e = impl.getNumArguments(); i < e; ++i)
      impl.setArgAttr(i, LLVM::LLVMDialect::getNoAliasAttrName(),
                      UnitAttr::get(context));
    b.setInsertionPointToEnd(module.getBody());
    auto entry = LLVM::LLVMFuncOp::create(
        b, impl.getLoc(), name, LLVM::LLVMFunctionType::get(voidType, {ptr}));
    Block *block = entry.addEntryBlock(b);
    b.setInsertionPointToStart(block);
    SmallVector<Value> args;
    for (unsigned i = 0, e = impl.getNumArguments(); i < e; ++i) {
      Value slot = LLVM::GEPOp::create(b, impl.getLoc(), ptr, ptr,
                                       block->getArgument(0),
                                       ArrayRef<LLVM::GEPArg>{int32_t(i)});
      args.push_back(LLVM::LoadOp::create(b, impl.getLoc(), ptr, slot));
    }
    LLVM::CallOp::create(b, impl.getLoc(), impl, args);
    LLVM::ReturnOp::create(b, impl.getLoc(), ValueRange{});
  }
}

FailureOr<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(Operation *anchor, StringRef cpu) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  std::string error;
  llvm::Triple triple(kTriple);
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return anchor->emitError("no x86-64 code generator: ") << error;
  FailureOr<std::string> level = resolveCpuLevel(cpu, error);
  if (failed(level))
    return anchor->emitError(error);
  llvm::TargetOptions targetOptions;
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, *level, /*Features=*/"", targetOptions, llvm::Reloc::PIC_,
      std::nullopt, llvm::CodeGenOptLevel::Aggressive));
  if (!machine)
    return anchor->emitError("cannot generate code for cpu '") << cpu << "'";
  return machine;
}

/// Runs the linker on `object`, returning the shared object's bytes.
FailureOr<std::string> link(Operation *anchor, StringRef object,
                            StringRef linker) {
  std::string lld = linker.str();
  if (lld.empty()) {
    for (const char *candidate : {TESSERA_LLD_PATH, "ld.lld-22", "ld.lld"}) {
      if (llvm::ErrorOr<std::string> found =
              llvm::sys::findProgramByName(candidate))
        lld = *found;
      else if (llvm::sys::fs::can_execute(candidate))
        lld = candidate;
      if (!lld.empty())
        break;
    }
  }
  if (lld.empty())
    return anchor->emitError("cannot find ld.lld to link the CPU kernels");

  SmallString<128> objectPath, libraryPath;
  if (llvm::sys::fs::createTemporaryFile("tessera-kernels", "o", objectPath) ||
      llvm::sys::fs::createTemporaryFile("tessera-kernels", "so", libraryPath))
    return anchor->emitError("cannot create temporary files for linking");
  llvm::scope_exit cleanup([&] {
    llvm::sys::fs::remove(objectPath);
    llvm::sys::fs::remove(libraryPath);
  });
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(objectPath, ec);
    if (ec)
      return anchor->emitError("cannot write ") << objectPath << ": "
                                                << ec.message();
    os << object;
  }
  SmallVector<StringRef> args = {lld,          "-shared",         "--build-id=none",
                                 "-z",         "noexecstack",     "-o",
                                 libraryPath,  objectPath};
  std::string message;
  int status = llvm::sys::ExecuteAndWait(lld, args, std::nullopt, {}, 0, 0,
                                         &message);
  if (status != 0)
    return anchor->emitError("linking the CPU kernels failed (")
           << lld << "): " << message;
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> library =
      llvm::MemoryBuffer::getFile(libraryPath, /*IsText=*/false);
  if (!library)
    return anchor->emitError("cannot read the linked kernels");
  return (*library)->getBuffer().str();
}

} // namespace

FailureOr<CpuBinary>
mlir::tessera::compileCpuExecutable(exec::ExecutableOp executable,
                                    const CpuTargetOptions &options) {
  MLIRContext *context = executable.getContext();
  CpuBinary binary;

  // The kernels, alone in a module of their own.
  OwningOpRef<ModuleOp> module = ModuleOp::create(executable.getLoc());
  OpBuilder builder(context);
  builder.setInsertionPointToEnd(module->getBody());
  for (auto kernel : executable.getBody().getOps<func::FuncOp>()) {
    builder.clone(*kernel);
    binary.kernelNames.push_back(kernel.getSymName().str());
    binary.kernelArgCounts.push_back(kernel.getNumArguments());
  }
  return compileCpuKernelModule(*module, std::move(binary), executable,
                                options);
}

FailureOr<CpuBinary>
mlir::tessera::compileCpuKernelModule(ModuleOp module, CpuBinary binary,
                                      Operation *anchor,
                                      const CpuTargetOptions &options) {
  Operation *executable = anchor;
  if (failed(lowerToLLVMDialect(module)))
    return executable->emitError("lowering the kernels to LLVM failed");
  addEntryPoints(module, binary.kernelNames);

  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, llvmContext, "tessera_kernels");
  if (!llvmModule)
    return executable->emitError("translating the kernels to LLVM IR failed");

  FailureOr<std::unique_ptr<llvm::TargetMachine>> machine =
      createTargetMachine(executable, options.cpu);
  if (failed(machine))
    return failure();
  llvmModule->setTargetTriple((*machine)->getTargetTriple());
  llvmModule->setDataLayout((*machine)->createDataLayout());
  auto optimize = makeOptimizingTransformer(/*optLevel=*/3, /*sizeLevel=*/0,
                                            machine->get());
  if (llvm::Error error = optimize(llvmModule.get()))
    return executable->emitError("optimizing the kernels failed: ")
           << llvm::toString(std::move(error));
  if (options.llvmIROnly) {
    llvm::raw_string_ostream os(binary.llvmIR);
    llvmModule->print(os, nullptr);
    return binary;
  }

  SmallVector<char> object;
  {
    llvm::raw_svector_ostream os(object);
    llvm::legacy::PassManager codegen;
    if ((*machine)->addPassesToEmitFile(codegen, os, nullptr,
                                        llvm::CodeGenFileType::ObjectFile))
      return executable->emitError("the target cannot emit object files");
    codegen.run(*llvmModule);
  }
  FailureOr<std::string> library =
      link(executable, StringRef(object.data(), object.size()), options.linker);
  if (failed(library))
    return failure();
  binary.sharedObject = std::move(*library);
  return binary;
}

FailureOr<std::string> mlir::tessera::resolveCpuLevel(StringRef name,
                                                      std::string &error) {
  if (name == "x86-64" || name == "x86-64-v2" || name == "x86-64-v3" ||
      name == "x86-64-v4")
    return name.str();
  if (name == "native") {
    llvm::StringMap<bool> host = llvm::sys::getHostCPUFeatures();
    auto has = [&](std::initializer_list<const char *> names) {
      return llvm::all_of(names, [&](const char *feature) {
        return host.lookup(feature);
      });
    };
    if (!has({"sse4.2", "popcnt"}))
      return std::string("x86-64");
    if (!has({"avx2", "fma", "bmi", "bmi2"}))
      return std::string("x86-64-v2");
    if (!has({"avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl"}))
      return std::string("x86-64-v3");
    return std::string("x86-64-v4");
  }
  error = ("unknown cpu level '" + name +
           "': expected x86-64, x86-64-v2, x86-64-v3, x86-64-v4 or native")
              .str();
  return failure();
}
