//===- CostModelOpInterface.td - FLOPs and bytes of ops ----*- tablegen -*-===//
//
// Part of Tessera. See CostModel.h for what the numbers mean.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_COST_MODEL_OP_INTERFACE
#define TESSERA_COST_MODEL_OP_INTERFACE

include "mlir/IR/OpBase.td"

def CostModelOpInterface : OpInterface<"CostModelOpInterface"> {
  let description = [{
    An op that reports its arithmetic work in floating-point (or integer)
    operations and the bytes it reads and writes, for its current operand and
    result types. Pipeline partitioning and automatic sharding balance and
    compare work with these numbers.

    By default an op does one operation per result element and reads each
    operand and writes each result once.
  }];
  let cppNamespace = "::mlir::tessera";

  let methods = [
    InterfaceMethod<
      /*desc=*/"Returns the number of arithmetic operations the op performs.",
      /*retTy=*/"int64_t",
      /*methodName=*/"getFlops",
      /*args=*/(ins),
      /*methodBody=*/"",
      /*defaultImplementation=*/[{
        return ::mlir::tessera::getDefaultFlops($_op);
      }]>,
    InterfaceMethod<
      /*desc=*/"Returns the bytes the op reads plus the bytes it writes.",
      /*retTy=*/"int64_t",
      /*methodName=*/"getBytesAccessed",
      /*args=*/(ins),
      /*methodBody=*/"",
      /*defaultImplementation=*/[{
        return ::mlir::tessera::getDefaultBytesAccessed($_op);
      }]>,
  ];
}

#endif // TESSERA_COST_MODEL_OP_INTERFACE
