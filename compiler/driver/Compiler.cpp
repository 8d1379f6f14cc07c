//===- Compiler.cpp - One compilation, as tessera-compile runs it ---------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "compiler/driver/Compiler.h"

#include "compiler/artifact/ArtifactWriter.h"
#include "compiler/registration/Registration.h"
#include "compiler/target/cpu/CpuTarget.h"
#include "compiler/target/cuda/CudaTarget.h"
#include "dialects/exec/ExecOps.h"
#include "passes/pipeline/Passes.h"
#include "passes/pipeline/Schedule.h"
#include "passes/pipelines/Pipelines.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;
using namespace mlir::tessera;

#ifndef TESSERA_VERSION
#define TESSERA_VERSION "0.1.0"
#endif

void mlir::tessera::registerCompilerDialects(DialectRegistry &registry) {
  registerAllDialects(registry);
}

dist::MeshAttr mlir::tessera::parseMeshSpec(MLIRContext *context,
                                            StringRef spec,
                                            std::string &error) {
  // A limit far above any machine, so that sizes cannot overflow.
  constexpr int64_t kMaxDevices = int64_t(1) << 20;
  auto fail = [&](const Twine &why) {
    error = ("--mesh=" + spec + ": " + why).str();
    return dist::MeshAttr();
  };
  if (spec.trim().empty())
    return fail("give the mesh axes as NAME:SIZE,... (e.g. dp:2,tp:4)");
  SmallVector<StringAttr> axes;
  SmallVector<int64_t> sizes;
  int64_t devices = 1;
  SmallVector<StringRef> entries;
  spec.split(entries, ',');
  for (StringRef entry : entries) {
    auto [name, sizeText] = entry.trim().split(':');
    name = name.trim();
    sizeText = sizeText.trim();
    if (!entry.contains(':') || name.empty() || sizeText.empty())
      return fail("'" + entry + "' is not NAME:SIZE");
    if (!(llvm::isAlpha(name.front()) || name.front() == '_') ||
        !llvm::all_of(name, [](char c) {
          return llvm::isAlnum(c) || c == '_';
        }))
      return fail("'" + name +
                  "' is not an axis name (a letter or _, then letters, "
                  "digits or _)");
    int64_t size = 0;
    if (sizeText.getAsInteger(10, size) || size < 1)
      return fail("axis '" + name + "' has size '" + sizeText +
                  "'; sizes are positive integers");
    StringRef axisName = name; // structured bindings cannot be captured
    if (llvm::any_of(axes, [&](StringAttr axis) { return axis == axisName; }))
      return fail("axis '" + name + "' appears twice");
    if (size > kMaxDevices || devices * size > kMaxDevices)
      return fail("more than " + Twine(kMaxDevices) + " devices");
    devices *= size;
    axes.push_back(StringAttr::get(context, name));
    sizes.push_back(size);
  }
  context->getOrLoadDialect<dist::DistDialect>();
  return dist::MeshAttr::get(context, axes, sizes);
}

OwningOpRef<ModuleOp> mlir::tessera::loadModel(MLIRContext &context,
                                               const CompileOptions &options) {
  StringRef path = options.inputPath;
  if (path.ends_with(".mlir")) {
    if (!options.import.inputShapes.empty()) {
      emitError(FileLineColLoc::get(&context, path, 0, 0))
          << "--input-shape applies to ONNX models; an .mlir input has "
             "static shapes already";
      return nullptr;
    }
    llvm::SourceMgr sourceMgr;
    std::string error;
    std::unique_ptr<llvm::MemoryBuffer> file = openInputFile(path, &error);
    if (!file) {
      emitError(FileLineColLoc::get(&context, path, 0, 0)) << error;
      return nullptr;
    }
    sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
    return parseSourceFile<ModuleOp>(sourceMgr, &context);
  }
  return importOnnxFile(&context, path, options.import);
}

/// Writes `module` as text to `path`.
static LogicalResult printModule(ModuleOp module, StringRef path) {
  std::string error;
  std::unique_ptr<llvm::ToolOutputFile> output = openOutputFile(path, &error);
  if (!output)
    return emitError(module.getLoc(), error);
  module.print(output->os());
  output->os() << "\n";
  output->keep();
  return success();
}

/// Where an op came from, for people: the ONNX node (or initializer) name
/// when the location has one, else file:line.
static std::string describeLocation(Location loc) {
  if (auto name = dyn_cast<NameLoc>(loc))
    return name.getName().str();
  if (auto fused = dyn_cast<FusedLoc>(loc))
    for (Location inner : fused.getLocations())
      if (isa<NameLoc>(inner))
        return describeLocation(inner);
  if (auto file = dyn_cast<FileLineColLoc>(loc))
    return (file.getFilename().getValue() + ":" +
            std::to_string(file.getLine()))
        .str();
  return "";
}

/// The reshards sharding propagation decided (dist.reshard_decisions on the
/// model's function), as report entries.
static llvm::json::Array reshardDecisions(ModuleOp module) {
  llvm::json::Array list;
  for (auto function : module.getOps<func::FuncOp>()) {
    auto decisions = function->getAttrOfType<ArrayAttr>(
        dist::DistDialect::kReshardDecisionsAttrName);
    if (!decisions)
      continue;
    for (auto decision : decisions.getAsRange<DictionaryAttr>()) {
      llvm::json::Object entry;
      for (NamedAttribute field : decision) {
        std::string text;
        llvm::raw_string_ostream os(text);
        if (auto integer = dyn_cast<IntegerAttr>(field.getValue())) {
          entry[field.getName().str()] = integer.getInt();
          continue;
        }
        if (auto string = dyn_cast<StringAttr>(field.getValue()))
          os << string.getValue();
        else
          os << field.getValue();
        entry[field.getName().str()] = text;
      }
      list.push_back(std::move(entry));
    }
  }
  return list;
}

/// The pipeline part of the report: each stage's cost, ops, activation bytes
/// and ranks, the schedule and its predicted bubble; null without stages.
static llvm::json::Value pipelineReport(ModuleOp module,
                                        const CompileOptions &options) {
  auto mesh = module->getAttrOfType<dist::MeshAttr>(
      dist::DistDialect::kMeshAttrName);
  ArrayAttr costs;
  for (auto function : module.getOps<func::FuncOp>())
    if (auto found = function->getAttrOfType<ArrayAttr>(
            dist::DistDialect::kStageCostsAttrName))
      costs = found;
  if (!mesh || !costs)
    return nullptr;
  int64_t devices = mesh.getAxisSize("pp");
  int64_t axis = mesh.getAxisIndex("pp");
  llvm::json::Array stages;
  SmallVector<double> times;
  for (auto stage : costs.getAsRange<DictionaryAttr>()) {
    llvm::json::Object entry;
    for (NamedAttribute field : stage)
      if (auto value = dyn_cast<IntegerAttr>(field.getValue()))
        entry[field.getName().str()] = value.getInt();
    int64_t index = stage.getAs<IntegerAttr>("stage").getInt();
    llvm::json::Array ranks;
    for (int64_t rank = 0; rank < mesh.getNumDevices(); ++rank)
      if (mesh.getCoordinates(rank)[axis] == index % devices)
        ranks.push_back(rank);
    entry["ranks"] = std::move(ranks);
    times.push_back(double(stage.getAs<IntegerAttr>("cost").getInt()));
    stages.push_back(std::move(entry));
  }
  double slowest = 0, mean = 0;
  for (double t : times) {
    slowest = std::max(slowest, t);
    mean += t / double(times.size());
  }
  SchedulePrediction prediction = simulateSchedule(
      options.schedule, devices, times, options.microbatches);
  return llvm::json::Object{
      {"devices", devices},
      {"microbatches", options.microbatches},
      {"schedule", options.schedule},
      {"stages", std::move(stages)},
      {"slowest_stage_over_mean", mean > 0 ? slowest / mean : 0.0},
      {"predicted_bubble_fraction", prediction.bubbleFraction},
  };
}

/// Imports `options`'s model again with the first dimension of every input
/// divided by the number of microbatches.
static FailureOr<CompileOptions>
microbatchImport(ModuleOp module, const CompileOptions &options,
                 Location fileLoc) {
  if (!StringRef(options.inputPath).ends_with(".onnx"))
    return emitError(fileLoc) << "--microbatches re-imports the model at the "
                                 "microbatch size: it needs an ONNX model";
  CompileOptions perMicrobatch = options;
  perMicrobatch.import.overrideFixedShapes = true;
  for (auto function : module.getOps<func::FuncOp>()) {
    if (function.isDeclaration())
      continue;
    for (auto [i, type] : llvm::enumerate(function.getArgumentTypes())) {
      auto name = function.getArgAttrOfType<StringAttr>(i, "tessera.name");
      auto tensor = dyn_cast<RankedTensorType>(type);
      if (!name || !tensor || tensor.getRank() == 0 ||
          tensor.getDimSize(0) % options.microbatches != 0)
        return emitError(fileLoc)
               << "--microbatches=" << options.microbatches
               << " must divide the first dimension (the batch) of every "
                  "input; input "
               << (name ? "'" + name.str() + "'" : std::to_string(i)) << " is "
               << type;
      SmallVector<int64_t> shape(tensor.getShape());
      shape[0] /= options.microbatches;
      perMicrobatch.import.inputShapes[name.getValue()] =
          SmallVector<int64_t, 4>(shape.begin(), shape.end());
    }
  }
  return perMicrobatch;
}

/// The element count and element bytes of a buffer or tensor.
static std::pair<int64_t, int64_t> sizeOf(Value value) {
  auto type = cast<ShapedType>(value.getType());
  return {type.getNumElements(),
          int64_t((type.getElementTypeBitWidth() + 7) / 8)};
}

/// The report of what the compiler decided (`--report=FILE.json`): the
/// mesh; per rank its commands and arena (peak memory); one entry per
/// collective per rank; the reshards propagation decided.
static LogicalResult writeReport(ModuleOp module, llvm::json::Array decisions,
                                 llvm::json::Value pipeline, StringRef path) {
  llvm::json::Array ranks, collectives;
  int64_t kernels = 0;
  for (auto executable : module.getOps<exec::ExecutableOp>())
    kernels += llvm::range_size(executable.getBody().getOps());
  for (auto program : module.getOps<exec::ProgramOp>()) {
    llvm::StringMap<int64_t> commands;
    for (Operation &op : program.getBody().front()) {
      if (isa<exec::BufferOp>(op))
        continue;
      ++commands[op.getName().stripDialect()];
      if (!isa<exec::AllReduceOp, exec::AllGatherOp, exec::ReduceScatterOp,
               exec::AllToAllOp, exec::CollectivePermuteOp>(op))
        continue;
      // The tensor the collective is about: the gathered or reduced one
      // (the larger of input and result).
      auto [inElements, elementBytes] = sizeOf(op.getOperand(0));
      int64_t outElements = sizeOf(op.getOperand(op.getNumOperands() - 1)).first;
      int64_t elements = std::max(inElements, outElements);
      llvm::json::Array axes;
      if (auto names =
              op.getAttrOfType<ArrayAttr>(dist::DistDialect::kAxesAttrName))
        for (auto name : names.getAsRange<StringAttr>())
          axes.push_back(name.str());
      collectives.push_back(llvm::json::Object{
          {"rank", program.getRank()},
          {"kind", op.getName().stripDialect()},
          {"axes", std::move(axes)},
          {"elements", elements},
          {"bytes", elements * elementBytes},
          {"location", describeLocation(op.getLoc())},
      });
    }
    llvm::json::Object counts;
    for (auto &entry : commands)
      counts[entry.getKey().str()] = entry.getValue();
    ranks.push_back(llvm::json::Object{
        {"rank", program.getRank()},
        {"peak_memory_bytes", program.getArenaSize()},
        {"commands", std::move(counts)},
    });
  }
  llvm::json::Array meshAxes;
  int64_t devices = 1;
  if (auto mesh = module->getAttrOfType<dist::MeshAttr>(
          dist::DistDialect::kMeshAttrName)) {
    for (auto [name, size] : llvm::zip_equal(mesh.getAxes(), mesh.getSizes()))
      meshAxes.push_back(
          llvm::json::Object{{"name", name.str()}, {"size", size}});
    devices = mesh.getNumDevices();
  }
  llvm::json::Object report{
      {"mesh", llvm::json::Object{{"axes", std::move(meshAxes)},
                                  {"devices", devices}}},
      {"kernels", kernels},
      {"ranks", std::move(ranks)},
      {"collectives", std::move(collectives)},
      {"resharding", std::move(decisions)},
  };
  if (pipeline.kind() != llvm::json::Value::Null)
    report["pipeline"] = std::move(pipeline);
  std::string error;
  std::unique_ptr<llvm::ToolOutputFile> output = openOutputFile(path, &error);
  if (!output)
    return emitError(module.getLoc(), error);
  output->os() << llvm::formatv("{0:2}", llvm::json::Value(std::move(report)))
               << "\n";
  output->keep();
  return success();
}

LogicalResult mlir::tessera::compile(MLIRContext &context,
                                     const CompileOptions &options) {
  Location fileLoc = FileLineColLoc::get(&context, options.inputPath, 0, 0);
  StringRef target = options.target;
  CpuPipelineOptions cpu;
  std::vector<std::string> cudaArchs;
  if (target == "cpu") {
    cpu.cpu = "x86-64-v3";
  } else if (target.consume_front("cpu:")) {
    std::string error;
    FailureOr<std::string> level = resolveCpuLevel(target, error);
    if (failed(level))
      return emitError(fileLoc) << "--target=" << options.target << ": "
                                << error;
    cpu.cpu = *level;
  } else if (target == "cuda") {
    return emitError(fileLoc) << "--target=cuda needs the GPU architectures, "
                                 "e.g. --target=cuda:sm_80,sm_90";
  } else if (target.consume_front("cuda:")) {
    std::string error;
    FailureOr<std::vector<std::string>> archs = parseCudaArchs(target, error);
    if (failed(archs))
      return emitError(fileLoc)
             << "--target=" << options.target << ": " << error;
    cudaArchs = std::move(*archs);
  } else {
    return emitError(fileLoc)
           << "--target must be cpu, cpu:<x86-64 level> or "
              "cuda:<architectures> (e.g. cuda:sm_80,sm_90), got '"
           << options.target << "'";
  }
  bool cuda = !cudaArchs.empty();
  if (cuda && options.emit == EmitKind::Llvm)
    return emitError(fileLoc) << "--emit=llvm is the CPU kernels' LLVM IR; "
                                 "for --target=cuda use --emit=ptx";
  if (!cuda && options.emit == EmitKind::Ptx)
    return emitError(fileLoc)
           << "--emit=ptx needs --target=cuda:<architectures>";
  if (options.cudaEmulation && (!cuda || options.emit == EmitKind::Ptx))
    return emitError(fileLoc) << "--cuda-emulation needs "
                                 "--target=cuda:<architectures> and makes an "
                                 "artifact for the cpu device";

  // Refuse an output that cannot be written before the long work.
  if (options.outputPath != "-") {
    StringRef parent = llvm::sys::path::parent_path(options.outputPath);
    if (parent.empty())
      parent = ".";
    if (!llvm::sys::fs::is_directory(parent) ||
        llvm::sys::fs::access(parent, llvm::sys::fs::AccessMode::Write))
      return emitError(fileLoc) << "cannot write the output '"
                                << options.outputPath << "': '" << parent
                                << "' is not a writable directory";
  }

  // Distribution flags, checked before the long work.
  dist::MeshAttr mesh;
  if (options.mesh) {
    std::string error;
    mesh = parseMeshSpec(&context, *options.mesh, error);
    if (!mesh)
      return emitError(fileLoc) << error;
  }
  if (!isShardingStrategy(options.shard))
    return emitError(fileLoc)
           << "--shard must be none, data or megatron, got '" << options.shard
           << "'";

  if (options.microbatches < 1 || options.virtualStages < 1)
    return emitError(fileLoc)
           << "--microbatches and --virtual-stages must be positive";
  if (!isPipelineSchedule(options.schedule))
    return emitError(fileLoc) << "--schedule must be gpipe, 1f1b or "
                                 "interleaved, got '"
                              << options.schedule << "'";
  if (options.virtualStages > 1 && options.schedule != "interleaved")
    return emitError(fileLoc) << "--virtual-stages=" << options.virtualStages
                              << " needs --schedule=interleaved";

  OwningOpRef<ModuleOp> module = loadModel(context, options);
  if (!module)
    return failure();
  if (options.microbatches > 1) {
    // The function computes one microbatch: import the model again with
    // every input's first dimension divided.
    FailureOr<CompileOptions> perMicrobatch =
        microbatchImport(*module, options, fileLoc);
    if (failed(perMicrobatch))
      return failure();
    module = loadModel(context, *perMicrobatch);
    if (!module)
      return failure();
  }
  if (options.emit == EmitKind::Imported)
    return printModule(*module, options.outputPath);

  if (mesh)
    (*module)->setAttr(dist::DistDialect::kMeshAttrName, mesh);
  mesh = (*module)->getAttrOfType<dist::MeshAttr>(
      dist::DistDialect::kMeshAttrName);
  bool distributed = mesh && mesh.getNumDevices() > 1;
  bool sharding = options.shard != "none" || !options.shardRules.empty();
  if (!distributed && sharding)
    emitWarning(fileLoc)
        << (options.shard != "none" ? "--shard=" + options.shard
                                    : std::string("--shard-rules"))
        << " does nothing on one device: give a mesh of several, e.g. "
           "--mesh=dp:2,tp:4";
  if (distributed) {
    StringRef needed = options.shard == "data"       ? "dp"
                       : options.shard == "megatron" ? "tp"
                                                     : "";
    if (!needed.empty() && mesh.getAxisIndex(needed) < 0)
      return emitError(fileLoc)
             << "--shard=" << options.shard << " needs a mesh axis '"
             << needed << "', which " << mesh << " does not have (e.g. --mesh="
             << (needed == "dp" ? "dp:2" : "dp:2,tp:4") << ")";
  }

  int64_t pipelineDevices = mesh ? mesh.getAxisSize("pp") : 1;
  if (options.microbatches > 1 && pipelineDevices <= 1)
    return emitError(fileLoc) << "--microbatches needs a pipeline: a mesh "
                                 "axis 'pp' of 2 or more devices (e.g. "
                                 "--mesh=pp:2)";

  // Graph optimization, then (on a mesh) pipeline stages and sharding;
  // partitioning and the CPU lowering follow, each rank's program formed
  // from its own function.
  PassManager pm(&context);
  if (options.configurePassManager &&
      failed(options.configurePassManager(pm)))
    return failure();
  buildGraphOptimizationPipeline(pm, GraphOptimizationOptions());
  if (pipelineDevices > 1) {
    PipelineStagesPassOptions stages;
    stages.virtualStages = options.virtualStages;
    stages.memoryLimit = options.stageMemoryLimit;
    pm.addPass(createPipelineStagesPass(stages));
  }
  if (distributed) {
    ShardingPipelineOptions shardingOptions;
    shardingOptions.shard = options.shard;
    shardingOptions.rules = options.shardRules;
    buildShardingPipeline(pm, shardingOptions);
  }
  if (failed(pm.run(*module)))
    return failure();
  if (options.emit == EmitKind::Sharded)
    return printModule(*module, options.outputPath);
  llvm::json::Array decisions = reshardDecisions(*module);
  llvm::json::Value pipeline = pipelineReport(*module, options);

  PassManager lowering(&context);
  if (options.configurePassManager &&
      failed(options.configurePassManager(lowering)))
    return failure();
  SpmdLoweringOptions spmd;
  spmd.microbatches = options.microbatches;
  spmd.schedule = options.schedule;
  buildSpmdLoweringPipeline(lowering, spmd);
  if (cuda) {
    CudaPipelineOptions cudaPipeline;
    cudaPipeline.arch = cudaArchs.front();
    buildCudaLoweringPipeline(lowering, cudaPipeline);
  } else {
    buildCpuLoweringPipeline(lowering, cpu);
  }
  if (failed(lowering.run(*module)))
    return failure();
  if (!options.reportPath.empty() &&
      failed(writeReport(*module, std::move(decisions), std::move(pipeline),
                         options.reportPath)))
    return failure();
  if (options.emit == EmitKind::Mlir)
    return printModule(*module, options.outputPath);

  llvm::StringMap<ExecutableBinary> binaries;
  std::string llvmIR;
  if (cuda && options.cudaEmulation) {
    // The launches as loops on the CPU: a cpu_so executable whose kernels
    // do what the GPU launches would.
    for (auto executable : module->getOps<exec::ExecutableOp>()) {
      FailureOr<OwningOpRef<ModuleOp>> kernels = emulateCudaKernels(executable);
      if (failed(kernels))
        return failure();
      CpuBinary partial;
      for (auto kernel : executable.getBody().getOps<func::FuncOp>()) {
        partial.kernelNames.push_back(kernel.getSymName().str());
        partial.kernelArgCounts.push_back(kernel.getNumArguments());
      }
      FailureOr<CpuBinary> binary = compileCpuKernelModule(
          **kernels, std::move(partial), executable, CpuTargetOptions());
      if (failed(binary))
        return failure();
      executable.setFormat("cpu_so");
      executable.setTarget(CpuTargetOptions().cpu);
      ExecutableBinary &entry = binaries[executable.getSymName()];
      entry.bytes = std::move(binary->sharedObject);
      entry.kernelNames = std::move(binary->kernelNames);
      entry.kernelArgCounts = std::move(binary->kernelArgCounts);
    }
  } else if (cuda) {
    std::string ptx;
    for (auto executable : module->getOps<exec::ExecutableOp>()) {
      CudaTargetOptions targetOptions;
      targetOptions.archs = cudaArchs;
      targetOptions.ptxOnly = options.emit == EmitKind::Ptx;
      FailureOr<CudaBinary> binary =
          compileCudaExecutable(executable, targetOptions);
      if (failed(binary))
        return failure();
      if (options.emit == EmitKind::Ptx) {
        ptx += "// executable @" + executable.getSymName().str() + "\n" +
               binary->ptx;
        continue;
      }
      ExecutableBinary &entry = binaries[executable.getSymName()];
      entry.bytes = std::move(binary->ptx);
      entry.kernelNames = std::move(binary->kernelNames);
      entry.kernelArgCounts = std::move(binary->kernelArgCounts);
      for (const std::vector<CudaLaunch> &launches : binary->launches) {
        std::vector<KernelLaunch> list;
        for (const CudaLaunch &launch : launches)
          list.push_back({launch.function, launch.grid, launch.block,
                          launch.sharedMemory});
        entry.kernelLaunches.push_back(std::move(list));
      }
      entry.cubins = std::move(binary->cubins);
    }
    if (options.emit == EmitKind::Ptx) {
      std::string error;
      std::unique_ptr<llvm::ToolOutputFile> output =
          openOutputFile(options.outputPath, &error);
      if (!output)
        return emitError(module->getLoc(), error);
      output->os() << ptx;
      output->keep();
      return success();
    }
  }
  for (auto executable : module->getOps<exec::ExecutableOp>()) {
    if (cuda)
      break;
    CpuTargetOptions targetOptions;
    targetOptions.cpu = executable.getTarget().str();
    targetOptions.llvmIROnly = options.emit == EmitKind::Llvm;
    FailureOr<CpuBinary> binary =
        compileCpuExecutable(executable, targetOptions);
    if (failed(binary))
      return failure();
    if (options.emit == EmitKind::Llvm) {
      llvmIR += "; executable @" + executable.getSymName().str() + "\n" +
                binary->llvmIR;
      continue;
    }
    ExecutableBinary &entry = binaries[executable.getSymName()];
    entry.bytes = std::move(binary->sharedObject);
    entry.kernelNames = std::move(binary->kernelNames);
    entry.kernelArgCounts = std::move(binary->kernelArgCounts);
  }
  if (options.emit == EmitKind::Llvm) {
    std::string error;
    std::unique_ptr<llvm::ToolOutputFile> output =
        openOutputFile(options.outputPath, &error);
    if (!output)
      return emitError(module->getLoc(), error);
    output->os() << llvmIR;
    output->keep();
    return success();
  }

  ArtifactMetadata metadata;
  metadata.compilerVersion = "tessera " TESSERA_VERSION;
  metadata.compileOptions = options.commandLine;
  return writeArtifact(*module, binaries, metadata, options.outputPath);
}
