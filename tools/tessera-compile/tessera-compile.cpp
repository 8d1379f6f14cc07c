//===- tessera-compile.cpp - Compile a model -------------------------------===//
//
// Part of Tessera. tessera-compile MODEL(.onnx|.mlir) -o OUT [options]:
// a thin command line over compiler/driver. Exits 0 on success, 1 on a bad
// flag, a bad model or a failed compilation.
//
//===----------------------------------------------------------------------===//

#include "compiler/driver/Compiler.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/Timing.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;
using namespace mlir::tessera;

namespace cl = llvm::cl;

static cl::OptionCategory category("tessera-compile options");

static cl::opt<std::string> inputPath(cl::Positional, cl::Required,
                                      cl::desc("<model.onnx|model.mlir>"),
                                      cl::cat(category));

static cl::opt<std::string> outputPath("o", cl::desc("Output file ('-': stdout)"),
                                       cl::value_desc("path"), cl::init("-"),
                                       cl::cat(category));

static cl::opt<EmitKind> emit(
    "emit", cl::desc("What to produce"), cl::init(EmitKind::Artifact),
    cl::values(clEnumValN(EmitKind::Artifact, "artifact",
                          "the artifact tessera-run executes (default)"),
               clEnumValN(EmitKind::Imported, "imported",
                          "the IR right after import"),
               clEnumValN(EmitKind::Sharded, "sharded",
                          "the IR with every value's sharding, before "
                          "partitioning"),
               clEnumValN(EmitKind::Mlir, "mlir",
                          "the IR after the passes, before code generation"),
               clEnumValN(EmitKind::Llvm, "llvm",
                          "the optimized LLVM IR of the CPU kernels"),
               clEnumValN(EmitKind::Ptx, "ptx",
                          "the PTX of the CUDA kernels (--target=cuda:...)")),
    cl::cat(category));

static cl::opt<std::string>
    target("target",
           cl::desc("Where the model runs: cpu (x86-64-v3), or cpu:<level>: "
                    "cpu:x86-64, cpu:x86-64-v2, cpu:x86-64-v3, cpu:x86-64-v4, "
                    "cpu:native (this machine's highest level); or "
                    "cuda:<architectures>, e.g. cuda:sm_80,sm_90 (PTX for the "
                    "lowest, a cubin for each; sm_75 and newer)"),
           cl::init("cpu"), cl::cat(category));

static cl::opt<std::string>
    reportPath("report", cl::desc("Write what the compiler decided as JSON"),
               cl::value_desc("FILE.json"), cl::cat(category));

static cl::opt<std::string>
    mesh("mesh",
         cl::desc("The device mesh: named axes and their sizes, major to "
                  "minor (default: one device)"),
         cl::value_desc("dp:2,tp:4"), cl::cat(category));

static cl::opt<std::string>
    shard("shard",
          cl::desc("How to split the model over the mesh: none (default), "
                   "data (inputs' batch over dp) or megatron (transformer "
                   "blocks over tp, batch over dp)"),
          cl::value_desc("none|data|megatron"), cl::init("none"),
          cl::cat(category));

static cl::opt<std::string>
    shardRules("shard-rules",
               cl::desc("A JSON file of sharding rules for tensors named in "
                        "the model (docs/sharding.md); they win over --shard"),
               cl::value_desc("FILE.json"), cl::cat(category));

static cl::opt<int64_t> microbatches(
    "microbatches",
    cl::desc("Pipelines: split each run's batch into this many microbatches "
             "(the first dimension of every input and output)"),
    cl::init(1), cl::cat(category));

static cl::opt<std::string> schedule(
    "schedule",
    cl::desc("Pipelines: the order stages run microbatches in: gpipe "
             "(default), 1f1b, interleaved (with --virtual-stages)"),
    cl::value_desc("gpipe|1f1b|interleaved"), cl::init("gpipe"),
    cl::cat(category));

static cl::opt<int64_t> virtualStages(
    "virtual-stages",
    cl::desc("Pipelines: stages per device (more than 1 for "
             "--schedule=interleaved)"),
    cl::init(1), cl::cat(category));

static cl::opt<int64_t> stageMemoryLimit(
    "stage-memory-limit",
    cl::desc("Pipelines: the most weight bytes one stage may hold (default: "
             "no limit)"),
    cl::value_desc("bytes"), cl::init(0), cl::cat(category));

static cl::opt<bool> cudaEmulation(
    "cuda-emulation",
    cl::desc("Testing without a GPU: with --target=cuda:..., run the GPU "
             "launches as loops on the CPU (an artifact for the cpu device)"),
    cl::Hidden, cl::cat(category));

static cl::list<std::string> inputShapes(
    "input-shape",
    cl::desc("Fix the shape of an input: NAME:DIMxDIM... (repeatable)"),
    cl::value_desc("NAME:2x32"), cl::cat(category));

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  registerPassManagerCLOptions();
  registerDefaultTimingManagerCLOptions();
  cl::ParseCommandLineOptions(argc, argv,
                              "Tessera compiler: ONNX or MLIR model in, "
                              "artifact (or IR) out\n");

  CompileOptions options;
  options.inputPath = inputPath;
  options.outputPath = outputPath;
  options.emit = emit;
  options.target = target;
  options.reportPath = reportPath;
  options.cudaEmulation = cudaEmulation;
  if (mesh.getNumOccurrences())
    options.mesh = mesh;
  options.shard = shard;
  options.shardRules = shardRules;
  options.microbatches = microbatches;
  options.schedule = schedule;
  options.virtualStages = virtualStages;
  options.stageMemoryLimit = stageMemoryLimit;
  for (int i = 1; i < argc; ++i)
    options.commandLine += (i > 1 ? " " : "") + std::string(argv[i]);
  for (const std::string &spec : inputShapes) {
    std::string error;
    if (!parseInputShapeSpec(spec, options.import, error)) {
      llvm::errs() << "tessera-compile: error: " << error << "\n";
      return 1;
    }
  }
  options.configurePassManager = [](PassManager &pm) {
    if (failed(applyPassManagerCLOptions(pm)))
      return failure();
    applyDefaultTimingPassManagerCLOptions(pm);
    return success();
  };

  DialectRegistry registry;
  registerCompilerDialects(registry);
  MLIRContext context(registry);
  // Diagnostics in .mlir inputs quote the offending line. Locations in an
  // ONNX model point at nodes ("model.onnx":NODE:1), not at lines of text,
  // so they are printed without quoting the binary file.
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  ScopedDiagnosticHandler modelDiagnostics(&context, [](Diagnostic &diag) {
    auto file = diag.getLocation()->findInstanceOf<FileLineColLoc>();
    if (!file || !file.getFilename().getValue().ends_with(".onnx"))
      return failure(); // the SourceMgr handler prints it
    auto print = [](Location loc, DiagnosticSeverity severity,
                    const std::string &message) {
      const char *kind = severity == DiagnosticSeverity::Error     ? "error"
                         : severity == DiagnosticSeverity::Warning ? "warning"
                         : severity == DiagnosticSeverity::Note    ? "note"
                                                                   : "remark";
      auto at = loc->findInstanceOf<FileLineColLoc>();
      if (at)
        llvm::errs() << at.getFilename().getValue() << ":" << at.getLine()
                     << ":" << at.getColumn() << ": ";
      llvm::errs() << kind << ": " << message << "\n";
    };
    print(diag.getLocation(), diag.getSeverity(), diag.str());
    for (Diagnostic &note : diag.getNotes())
      print(note.getLocation(), note.getSeverity(), note.str());
    return success();
  });
  return succeeded(compile(context, options)) ? 0 : 1;
}
