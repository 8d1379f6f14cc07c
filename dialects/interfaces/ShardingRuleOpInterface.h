//===- ShardingRuleOpInterface.h - Sharding rules of ops ----------*- C++ -*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_DIALECTS_INTERFACES_SHARDINGRULEOPINTERFACE_H
#define TESSERA_DIALECTS_INTERFACES_SHARDINGRULEOPINTERFACE_H

#include "dialects/interfaces/ShardingRule.h"
#include "mlir/IR/OpDefinition.h"

#include "dialects/interfaces/ShardingRuleOpInterface.h.inc"

#endif // TESSERA_DIALECTS_INTERFACES_SHARDINGRULEOPINTERFACE_H
