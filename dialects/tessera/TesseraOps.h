//===- TesseraOps.h - The tessera dialect's ops -------------------*- C++ -*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_DIALECTS_TESSERA_TESSERAOPS_H
#define TESSERA_DIALECTS_TESSERA_TESSERAOPS_H

#include "dialects/interfaces/CostModelOpInterface.h"
#include "dialects/interfaces/ShardingRuleOpInterface.h"
#include "dialects/tessera/ShapeInference.h"
#include "dialects/tessera/TesseraDialect.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "dialects/tessera/TesseraEnums.h.inc"

#define GET_OP_CLASSES
#include "dialects/tessera/TesseraOps.h.inc"

#endif // TESSERA_DIALECTS_TESSERA_TESSERAOPS_H
