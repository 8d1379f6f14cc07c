//===- ExecOps.h - The texec dialect's ops ------------------------*- C++ -*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_DIALECTS_EXEC_EXECOPS_H
#define TESSERA_DIALECTS_EXEC_EXECOPS_H

#include "dialects/exec/ExecDialect.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/RegionKindInterface.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "dialects/exec/ExecEnums.h.inc"

#define GET_OP_CLASSES
#include "dialects/exec/ExecOps.h.inc"

#endif // TESSERA_DIALECTS_EXEC_EXECOPS_H
