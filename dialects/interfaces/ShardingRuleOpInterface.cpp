//===- ShardingRuleOpInterface.cpp - Sharding rules of ops ----------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "dialects/interfaces/ShardingRuleOpInterface.h"

#include "dialects/interfaces/ShardingRuleOpInterface.cpp.inc"
