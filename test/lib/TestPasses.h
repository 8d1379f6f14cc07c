//===- TestPasses.h - Passes that exist for lit tests -------------*- C++ -*-===//
//
// Part of Tessera. Registered by tessera-opt like mlir-opt's test passes;
// they print internals (sharding rules, costs) so lit tests can check them.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_TEST_LIB_TESTPASSES_H
#define TESSERA_TEST_LIB_TESTPASSES_H

namespace mlir::tessera::test {

void registerTestPasses();

} // namespace mlir::tessera::test

#endif // TESSERA_TEST_LIB_TESTPASSES_H
