//===- ExecDialect.h - The texec dialect --------------------------*- C++ -*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_DIALECTS_EXEC_EXECDIALECT_H
#define TESSERA_DIALECTS_EXEC_EXECDIALECT_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/Dialect.h"

#include "dialects/exec/ExecDialect.h.inc"

#endif // TESSERA_DIALECTS_EXEC_EXECDIALECT_H
