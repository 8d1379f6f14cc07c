//===- TesseraDialect.h - The tessera dialect ---------------------*- C++ -*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_DIALECTS_TESSERA_TESSERADIALECT_H
#define TESSERA_DIALECTS_TESSERA_TESSERADIALECT_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/Dialect.h"

#include "dialects/tessera/TesseraDialect.h.inc"

#endif // TESSERA_DIALECTS_TESSERA_TESSERADIALECT_H
