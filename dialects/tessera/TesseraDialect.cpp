//===- TesseraDialect.cpp - The tessera dialect ---------------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "dialects/tessera/TesseraDialect.h"

#include "dialects/tessera/TesseraOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::tessera;

#include "dialects/tessera/TesseraDialect.cpp.inc"

void TesseraDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialects/tessera/TesseraOps.cpp.inc"
      >();
}

Operation *TesseraDialect::materializeConstant(OpBuilder &builder,
                                               Attribute value, Type type,
                                               Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return ConstantOp::create(builder, loc, elements);
}
