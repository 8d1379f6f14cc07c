//===- ShardingRuleOpInterface.td - Sharding rules of ops --*- tablegen -*-===//
//
// Part of Tessera. See ShardingRule.h for what a rule means.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_SHARDING_RULE_OP_INTERFACE
#define TESSERA_SHARDING_RULE_OP_INTERFACE

include "mlir/IR/OpBase.td"

def ShardingRuleOpInterface : OpInterface<"ShardingRuleOpInterface"> {
  let description = [{
    An op that says how each dimension of its operands and results is made of
    shared factors, and whether each factor is parallel, a reduction, or must
    stay replicated. Sharding propagation and SPMD partitioning work only
    through this interface.

    The default rule replicates every dimension: always correct, never
    sharded. Ops override it with their real rule.
  }];
  let cppNamespace = "::mlir::tessera";

  let methods = [
    InterfaceMethod<
      /*desc=*/[{
        Returns the op's sharding rule for its current operand and result
        types.
      }],
      /*retTy=*/"::mlir::tessera::ShardingRule",
      /*methodName=*/"getShardingRule",
      /*args=*/(ins),
      /*methodBody=*/"",
      /*defaultImplementation=*/[{
        return ::mlir::tessera::getReplicatedShardingRule($_op);
      }]>,
  ];
}

#endif // TESSERA_SHARDING_RULE_OP_INTERFACE
