//===- CostModelOpInterface.cpp - FLOPs and bytes of ops ------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "dialects/interfaces/CostModelOpInterface.h"

#include "dialects/interfaces/CostModelOpInterface.cpp.inc"
