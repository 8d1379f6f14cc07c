//===- CostModelOpInterface.h - FLOPs and bytes of ops ------------*- C++ -*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_DIALECTS_INTERFACES_COSTMODELOPINTERFACE_H
#define TESSERA_DIALECTS_INTERFACES_COSTMODELOPINTERFACE_H

#include "dialects/interfaces/CostModel.h"
#include "mlir/IR/OpDefinition.h"

#include "dialects/interfaces/CostModelOpInterface.h.inc"

#endif // TESSERA_DIALECTS_INTERFACES_COSTMODELOPINTERFACE_H
