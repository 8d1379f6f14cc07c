//===- ExecOps.td - The texec dialect's ops -----------------*- tablegen -*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_EXEC_OPS
#define TESSERA_EXEC_OPS

include "dialects/exec/ExecBase.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/IR/RegionKindInterface.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Exec_Tensor : StaticShapeTensorOf<[AnyType]>;
def Exec_Buffer : StaticShapeMemRefOf<[AnyType]>;
def Exec_TensorOrBuffer : AnyTypeOf<[Exec_Tensor, Exec_Buffer]>;

//===----------------------------------------------------------------------===//
// Containers
//===----------------------------------------------------------------------===//

def Exec_ExecutableOp : Exec_Op<"executable", [Symbol, SymbolTable,
    IsolatedFromAbove, SingleBlock, NoTerminator, NoRegionArguments]> {
  let summary = "The kernels of one target";
  let description = [{
    Holds the kernels of one target as `func.func`s on memrefs: a kernel
    reads and writes its arguments, all of them distinct buffers. Code
    generation turns the executable into a binary (an x86-64 shared object
    for `format = "cpu_so"`).

    Example:

    ```mlir
    texec.executable @cpu format "cpu_so" target "x86_64" {
      func.func @add_0(%a: memref<4xf32>, %b: memref<4xf32>, %out: memref<4xf32>) {
        ...
        return
      }
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, StrAttr:$format,
                       StrAttr:$target);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $sym_name `format` $format `target` $target attr-dict-with-keyword $body
  }];
  let skipDefaultBuilders = 1;
  let builders = [OpBuilder<(ins "StringRef":$name, "StringRef":$format,
                                 "StringRef":$target)>];
}

def Exec_ProgramOp : Exec_Op<"program", [Symbol, IsolatedFromAbove,
    SingleBlock, NoTerminator, NoRegionArguments]> {
  let summary = "What one rank does for one run of the model";
  let description = [{
    Buffer declarations and the commands that use them, in execution order.
    `arena_size` bytes of scratch memory hold the `arena` buffers.

    Example:

    ```mlir
    texec.program @rank0 rank 0 arena 4096 {
      %x = texec.buffer input 0 : memref<4x8xf32>
      %t = texec.buffer arena offset 0 : memref<4x8xf32>
      %y = texec.buffer output 0 : memref<4x8xf32>
      texec.dispatch @cpu::@relu_0(%x, %t) : memref<4x8xf32>, memref<4x8xf32>
      texec.copy %t, %y : memref<4x8xf32>, memref<4x8xf32>
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, I64Attr:$rank,
                       I64Attr:$arena_size);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $sym_name `rank` $rank `arena` $arena_size attr-dict-with-keyword $body
  }];
  let skipDefaultBuilders = 1;
  let builders = [OpBuilder<(ins "StringRef":$name, "int64_t":$rank,
                                 "int64_t":$arenaSize)>];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Buffers and commands
//===----------------------------------------------------------------------===//

def Exec_BufferOp : Exec_Op<"buffer", [Pure]> {
  let summary = "A buffer: in the arena, a weight, an input or an output";
  let description = [{
    Declares where a tensor's bytes live: `offset` bytes into the arena,
    the constant `value` (a weight, stored in a segment of the artifact),
    or input / output `index` of the model signature.

    ```mlir
    %t = texec.buffer arena offset 128 : memref<4x8xf32>
    %w = texec.buffer constant value dense_resource<fc1> : memref<8x8xf32>
    %x = texec.buffer input 0 : memref<4x8xf32>
    ```
  }];
  let arguments = (ins Exec_StorageKind:$storage,
                       OptionalAttr<I64Attr>:$index,
                       OptionalAttr<I64Attr>:$offset,
                       OptionalAttr<ElementsAttr>:$value);
  let results = (outs Exec_Buffer:$result);
  let assemblyFormat = [{
    $storage ($index^)? (`offset` $offset^)? (`value` $value^)? attr-dict `:`
    type($result)
  }];
  let hasVerifier = 1;
}

def Exec_DispatchOp : Exec_Op<"dispatch",
    [DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "Runs a generated kernel";
  let description = [{
    Calls kernel `kernel` (`@executable::@function`) with the buffers
    `args`, in order. The kernel's signature must match them.
  }];
  let arguments = (ins SymbolRefAttr:$kernel, Variadic<Exec_Buffer>:$args);
  let assemblyFormat = [{
    $kernel `(` $args `)` attr-dict `:` type($args)
  }];
}

def Exec_CopyOp : Exec_Op<"copy"> {
  let summary = "Copies every byte of one buffer into another";
  let arguments = (ins Exec_Buffer:$source, Exec_Buffer:$target);
  let assemblyFormat = [{
    $source `,` $target attr-dict `:` type($source) `,` type($target)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Library calls
//===----------------------------------------------------------------------===//

class Exec_LibraryOp<string mnemonic, list<Trait> traits = []>
    : Exec_Op<mnemonic, traits> {
  code libraryClassDeclaration = [{
    /// Whether the op is in destination-passing form on buffers (`outs`
    /// given, no result) rather than on tensors.
    bool hasBufferSemantics() { return getOut() != nullptr; }
    /// The result: the tensor result, or the `outs` buffer.
    ::mlir::Value getResultOrOut() {
      if (hasBufferSemantics())
        return getOut();
      return getResult();
    }
  }];
  let extraClassDeclaration = libraryClassDeclaration;
  let hasVerifier = 1;
}

def Exec_MatmulOp : Exec_LibraryOp<"matmul", [AttrSizedOperandSegments]> {
  let summary = "A matrix product with a fused epilogue (library call)";
  let description = [{
    `activation(op(lhs) x op(rhs) + bias + residual)` with NumPy batch
    broadcasting, where op transposes the last two dimensions when
    `transpose_lhs` / `transpose_rhs` is set, `bias` (optional) has the
    result's last dimension and `residual` (optional) the result's shape.
    On tensors it has one result; on buffers it writes `outs`.

    ```mlir
    %y = texec.matmul %x, %w transpose_rhs bias %b activation gelu_tanh
        : (tensor<8x768xf32>, tensor<3072x768xf32>, tensor<3072xf32>)
        -> tensor<8x3072xf32>
    ```
  }];
  let arguments = (ins Exec_TensorOrBuffer:$lhs, Exec_TensorOrBuffer:$rhs,
      Optional<Exec_TensorOrBuffer>:$bias,
      Optional<Exec_TensorOrBuffer>:$residual,
      Optional<Exec_Buffer>:$out,
      UnitAttr:$transpose_lhs, UnitAttr:$transpose_rhs,
      DefaultValuedAttr<Exec_Activation, "Activation::None">:$activation);
  let results = (outs Optional<Exec_Tensor>:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs (`transpose_lhs` $transpose_lhs^)?
    (`transpose_rhs` $transpose_rhs^)? (`bias` $bias^)?
    (`residual` $residual^)? (`activation` $activation^)? (`outs` $out^)?
    attr-dict `:` functional-type(operands, results)
  }];
}

def Exec_Conv2dOp : Exec_LibraryOp<"conv2d", [AttrSizedOperandSegments]> {
  let summary = "A 2-D convolution with a fused epilogue (library call)";
  let description = [{
    `activation(conv2d(input, weight) + bias + residual)` over NCHW, with
    the attributes of `tessera.conv2d`.
  }];
  let arguments = (ins Exec_TensorOrBuffer:$input,
      Exec_TensorOrBuffer:$weight, Optional<Exec_TensorOrBuffer>:$bias,
      Optional<Exec_TensorOrBuffer>:$residual, Optional<Exec_Buffer>:$out,
      DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$padding,
      DenseI64ArrayAttr:$dilations, I64Attr:$groups,
      DefaultValuedAttr<Exec_Activation, "Activation::None">:$activation);
  let results = (outs Optional<Exec_Tensor>:$result);
  let assemblyFormat = [{
    $input `,` $weight (`bias` $bias^)? (`residual` $residual^)?
    `strides` `=` $strides `padding` `=` $padding `dilations` `=` $dilations
    `groups` `=` $groups (`activation` $activation^)? (`outs` $out^)?
    attr-dict `:` functional-type(operands, results)
  }];
}

def Exec_Pool2dOp : Exec_LibraryOp<"pool2d"> {
  let summary = "2-D max or average pooling (library call)";
  let description = [{
    Pooling over NCHW. `padding` already includes what ceil-mode rounding
    adds, so the result shape follows the floor formula.
  }];
  let arguments = (ins Exec_TensorOrBuffer:$input, Optional<Exec_Buffer>:$out,
      Exec_PoolKind:$kind, DenseI64ArrayAttr:$kernel,
      DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$padding,
      DenseI64ArrayAttr:$dilations, UnitAttr:$count_include_pad);
  let results = (outs Optional<Exec_Tensor>:$result);
  let assemblyFormat = [{
    $kind $input `kernel` `=` $kernel `strides` `=` $strides `padding` `=`
    $padding `dilations` `=` $dilations
    (`count_include_pad` $count_include_pad^)? (`outs` $out^)? attr-dict `:`
    functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// Collectives
//===----------------------------------------------------------------------===//

// A collective among the ranks listed, in group order. Like the library
// calls, they exist on tensors (one result) and on buffers (`outs`). Sizes
// are flat: the artifact's collectives move bytes, so gathering along a
// dimension other than the major one is a flat gather and a transpose
// (docs/design/0003-distribution.md).
class Exec_CollectiveOp<string mnemonic, list<Trait> traits = []>
    : Exec_LibraryOp<mnemonic, traits>;

def Exec_AllReduceOp : Exec_CollectiveOp<"all_reduce"> {
  let summary = "Elementwise reduction over the ranks (collective)";
  let description = [{
    ```mlir
    %y = texec.all_reduce %x ranks = [0, 1] kind = sum
        : (tensor<2x8xf32>) -> tensor<2x8xf32>
    ```
  }];
  let arguments = (ins Exec_TensorOrBuffer:$input, Optional<Exec_Buffer>:$out,
                       DenseI64ArrayAttr:$ranks, Exec_ReduceKind:$kind);
  let results = (outs Optional<Exec_Tensor>:$result);
  let assemblyFormat = [{
    $input `ranks` `=` $ranks `kind` `=` $kind (`outs` $out^)? attr-dict `:`
    functional-type(operands, results)
  }];
}

def Exec_AllGatherOp : Exec_CollectiveOp<"all_gather"> {
  let summary = "The ranks' tensors one after another (collective)";
  let description = [{
    The result holds every rank's input, in the order of `ranks`: it has
    as many elements as the input times the number of ranks.

    ```mlir
    %y = texec.all_gather %x ranks = [0, 2] : (tensor<2x8xf32>) -> tensor<4x8xf32>
    ```
  }];
  let arguments = (ins Exec_TensorOrBuffer:$input, Optional<Exec_Buffer>:$out,
                       DenseI64ArrayAttr:$ranks);
  let results = (outs Optional<Exec_Tensor>:$result);
  let assemblyFormat = [{
    $input `ranks` `=` $ranks (`outs` $out^)? attr-dict `:`
    functional-type(operands, results)
  }];
}

def Exec_ReduceScatterOp : Exec_CollectiveOp<"reduce_scatter"> {
  let summary = "A reduction of which each rank keeps one part (collective)";
  let description = [{
    The input is as many equal consecutive parts as there are ranks; the
    rank at position g of `ranks` gets the reduction of part g.

    ```mlir
    %y = texec.reduce_scatter %x ranks = [0, 1] kind = sum : (tensor<4x8xf32>) -> tensor<2x8xf32>
    ```
  }];
  let arguments = (ins Exec_TensorOrBuffer:$input, Optional<Exec_Buffer>:$out,
                       DenseI64ArrayAttr:$ranks, Exec_ReduceKind:$kind);
  let results = (outs Optional<Exec_Tensor>:$result);
  let assemblyFormat = [{
    $input `ranks` `=` $ranks `kind` `=` $kind (`outs` $out^)? attr-dict `:`
    functional-type(operands, results)
  }];
}

def Exec_AllToAllOp : Exec_CollectiveOp<"all_to_all"> {
  let summary = "Each rank sends part j of its tensor to rank j (collective)";
  let description = [{
    The input is as many equal consecutive parts as there are ranks; part j
    goes to the rank at position j of `ranks`, and part i of the result
    comes from the rank at position i.

    ```mlir
    %y = texec.all_to_all %x ranks = [0, 1] : (tensor<4x8xf32>) -> tensor<4x8xf32>
    ```
  }];
  let arguments = (ins Exec_TensorOrBuffer:$input, Optional<Exec_Buffer>:$out,
                       DenseI64ArrayAttr:$ranks);
  let results = (outs Optional<Exec_Tensor>:$result);
  let assemblyFormat = [{
    $input `ranks` `=` $ranks (`outs` $out^)? attr-dict `:`
    functional-type(operands, results)
  }];
}

def Exec_CollectivePermuteOp : Exec_CollectiveOp<"collective_permute"> {
  let summary = "Sends a tensor to one rank and receives one from another";
  let description = [{
    Sends the input to rank `send_to` and receives the result from rank
    `recv_from` (-1: none; a result received from nobody is zero).

    ```mlir
    %y = texec.collective_permute %x send_to = 1 recv_from = 3 : (tensor<8xf32>) -> tensor<8xf32>
    ```
  }];
  let arguments = (ins Exec_TensorOrBuffer:$input, Optional<Exec_Buffer>:$out,
                       I64Attr:$send_to, I64Attr:$recv_from);
  let results = (outs Optional<Exec_Tensor>:$result);
  let assemblyFormat = [{
    $input `send_to` `=` $send_to `recv_from` `=` $recv_from (`outs` $out^)?
    attr-dict `:` functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// Point to point (pipeline stages)
//===----------------------------------------------------------------------===//

def Exec_SendOp : Exec_Op<"send"> {
  let summary = "Sends a tensor to another rank";
  let description = [{
    The next `texec.recv` from this rank on `peer` receives it. A send does
    not wait for its receive: the runtime keeps a copy, so a pipeline stage
    goes on computing its next microbatch.

    ```mlir
    texec.send %activations peer = 2 : tensor<4x64xf32>
    ```
  }];
  let arguments = (ins Exec_TensorOrBuffer:$input, I64Attr:$peer);
  let assemblyFormat = "$input `peer` `=` $peer attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def Exec_RecvOp : Exec_Op<"recv"> {
  let summary = "Receives a tensor from another rank";
  let description = [{
    Waits for the next `texec.send` of rank `peer` to this rank; on
    tensors it has a result, on buffers it writes `outs`.

    ```mlir
    %a = texec.recv peer = 1 : tensor<4x64xf32>
    ```
  }];
  let arguments = (ins Optional<Exec_Buffer>:$out, I64Attr:$peer);
  let results = (outs Optional<Exec_Tensor>:$result);
  let assemblyFormat = [{
    `peer` `=` $peer (`outs` $out^)? attr-dict `:` type(results) type($out)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    bool hasBufferSemantics() { return getOut() != nullptr; }
    ::mlir::Value getResultOrOut() {
      if (hasBufferSemantics())
        return getOut();
      return getResult();
    }
  }];
}

#endif // TESSERA_EXEC_OPS
