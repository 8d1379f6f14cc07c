//===- Pipelines.cpp - Tessera's pass pipelines ---------------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "passes/pipelines/Pipelines.h"

#include "passes/graph/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::tessera;

void mlir::tessera::buildGraphOptimizationPipeline(
    OpPassManager &pm, const GraphOptimizationOptions &options) {
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  if (options.decompose) {
    pm.addPass(createDecomposePass());
    pm.addPass(createCanonicalizerPass());
    pm.addPass(createCSEPass());
  }
}

void mlir::tessera::registerPipelines() {
  PassPipelineRegistration<GraphOptimizationOptions>(
      "tessera-graph-optimize",
      "Simplify a tessera graph: fold, canonicalize, CSE, optionally "
      "decompose composite ops",
      buildGraphOptimizationPipeline);
}
