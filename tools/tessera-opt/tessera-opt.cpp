//===- tessera-opt.cpp - Tessera's optimizer driver -----------------------===//
//
// Part of Tessera. mlir-opt with every Tessera dialect, pass and pipeline:
// runs any pass or pipeline on a .mlir file, for pass authors and for lit.
//
//===----------------------------------------------------------------------===//

#include "compiler/registration/Registration.h"
#include "test/lib/TestPasses.h"

#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::tessera::registerAllDialects(registry);
  mlir::tessera::registerAllPasses();
  mlir::tessera::test::registerTestPasses();
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "Tessera optimizer driver\n", registry));
}
