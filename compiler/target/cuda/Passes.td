//===- Passes.td - CUDA code generation passes ---------------*- tablegen -*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_COMPILER_TARGET_CUDA_PASSES
#define TESSERA_COMPILER_TARGET_CUDA_PASSES

include "mlir/Pass/PassBase.td"

def CudaPrepareKernelsPass
    : Pass<"tessera-cuda-prepare-kernels", "::mlir::ModuleOp"> {
  let summary = "Rewrites the kernels on tensors so that they bufferize "
                "without temporaries and map onto threads";
  let description = [{
    The first step of CUDA code generation, on a module of kernels as
    `tessera-form-program` outlines them (`func.func`s whose arguments are
    the buffers, with linalg and tensor ops on tensors inside). A GPU
    kernel has nowhere to put a temporary buffer, so the ops that would
    bufferize into one are rewritten first:

    - `tensor.concat` becomes a chain of `tensor.insert_slice` into the
      result, `tensor.pad` a `linalg.fill` and an insert of the source;
      after empty-tensor elimination both write straight into the kernel's
      output buffer;
    - the loops of every `linalg.generic` are interchanged so that its
      parallel loops come first: they become one `scf.parallel` whose
      iterations are the GPU threads, with the reduction loops inside.

    Example:

    ```mlir
    // A sum over the first dimension: ["reduction", "parallel"]
    %r = linalg.generic {indexing_maps = [(d0, d1) -> (d0, d1), (d0, d1) -> (d1)],
                         iterator_types = ["reduction", "parallel"]} ...
    // becomes ["parallel", "reduction"] with the maps permuted to match.
    ```
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def CudaMapToGpuPass : Pass<"tessera-cuda-map-to-gpu", "::mlir::ModuleOp"> {
  let summary = "Turns bufferized kernels into GPU kernels and their launches";
  let description = [{
    On a module of bufferized kernels (`func.func`s on memrefs with linalg
    ops, copies and loops inside), makes every kernel a sequence of GPU
    launches: a `gpu.func` each in one `gpu.module @kernels`, and in the
    kernel's own function the `gpu.launch_func`s in order, with static grid
    and block sizes and no dynamic shared memory.

    - Every linalg op is lowered to loops. A `scf.parallel` at the top of a
      kernel is one launch: its iterations, linearized (the last dimension
      fastest, so that neighbouring threads touch neighbouring elements),
      are the threads, `block-size` threads per block (fewer, rounded up to
      a warp, when there are fewer iterations), and a thread whose index is
      past the end does nothing. Reduction loops inside run in each
      thread: one thread per output element.
    - A reduction whose combiner is one associative arith op (sum, product,
      max, min, and, or, xor) over `f32`, `f64`, `i32` or `i64`, with at
      least `warp-reduction-size` elements per output, is instead one warp
      per output element: each lane combines a strided share of the
      elements, the warp combines the lanes with shuffles, and lane 0
      writes the result.
    - Other side effects at the top of a kernel (a 0-d computation, a
      loop that is not parallel) run in one launch of a single thread.
    - Every launch takes all the kernel's buffers, in order, as its
      parameters (with the bare-pointer calling convention, one device
      pointer each); the constants and views a launch uses are recomputed
      inside it, and the globals and functions it uses are copied into the
      `gpu.module`.

    A kernel that needs a temporary buffer (a `memref.alloc` left after
    bufferization) is an error.

    Example:

    ```mlir
    func.func @k0_generic(%a: memref<1024xf32>, %out: memref<1024xf32>) {
      gpu.launch_func @kernels::@k0_generic_0 blocks in (%c4, %c1, %c1)
          threads in (%c256, %c1, %c1) args(%a : memref<1024xf32>,
                                            %out : memref<1024xf32>)
      return
    }
    gpu.module @kernels {
      gpu.func @k0_generic_0(%a: memref<1024xf32>, %out: memref<1024xf32>)
          kernel attributes {known_block_size = array<i32: 256, 1, 1>, ...} {
        ...
      }
    }
    ```
  }];
  let dependentDialects = [
    "::mlir::gpu::GPUDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::linalg::LinalgDialect",
  ];
  let options = [
    Option<"blockSize", "block-size", "unsigned", /*default=*/"256",
           "Threads per block of a parallel loop's launch">,
    Option<"warpReductionSize", "warp-reduction-size", "unsigned",
           /*default=*/"64",
           "Reductions of at least this many elements per output use a "
           "warp per output; 0: never">,
    Option<"emulateWarps", "emulate-warps", "bool", /*default=*/"false",
           "For tessera-cuda-emulate-launches: a warp reduction's lanes are "
           "a loop in one thread and its shuffles exchanges through a "
           "private array, in the same order">,
  ];
}

def CudaEmulateLaunchesPass
    : Pass<"tessera-cuda-emulate-launches", "::mlir::ModuleOp"> {
  let summary = "Runs the GPU launches of kernels as loops (for testing "
                "code generation on the CPU)";
  let description = [{
    A testing aid for machines without a GPU: after
    `tessera-cuda-map-to-gpu` (with `emulate-warps`), replaces every
    `gpu.launch_func` by loops over its blocks and threads around a copy of
    the launched `gpu.func`'s body (block and thread ids become the loop
    indices), and removes the `gpu.module`. The kernels then compile for
    the CPU and run with `tessera-run`, so the launches' decomposition (the
    grid, the bounds checks, the index arithmetic, the reductions in
    registers and across lanes) is checked against the same references as
    the CPU code generation (`tessera-compile --cuda-emulation`). Threads
    run one after the other, which gives the parallel result because each
    writes its own elements.

    Example:

    ```mlir
    gpu.launch_func @kernels::@k0_0 blocks in (%c4, %c1, %c1)
        threads in (%c256, %c1, %c1) args(%a : memref<1024xf32>, ...)
    // becomes
    scf.for %bx = %c0 to %c4 step %c1 {
      scf.for %ty = %c0 to %c1 step %c1 {
        scf.for %tx = %c0 to %c256 step %c1 {
          ... the body of @k0_0, %bx for gpu.block_id x ...
    ```
  }];
  let dependentDialects = [
    "::mlir::scf::SCFDialect",
    "::mlir::arith::ArithDialect",
  ];
}

#endif // TESSERA_COMPILER_TARGET_CUDA_PASSES
