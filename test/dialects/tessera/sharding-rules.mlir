// RUN: tessera-opt %s --tessera-test-sharding-rules -split-input-file -verify-diagnostics -o /dev/null

// Tests the ShardingRuleOpInterface of every tessera op: the test pass prints
// each op's factor rule as a remark, and -verify-diagnostics fails on any
// missing or unexpected remark, so every op in this file must have one.
//
// Notation (ShardingRule.h): `(operands) -> (results) {sizes} kinds`. A
// dimension made of several factors lists them major to minor (`[ij]`), a
// dimension with no factor prints `1`, a rank-0 tensor `[]`. Factors are
// named i, j, k, ... in the order the rule creates them. A factor is parallel
// when each shard can be computed on its own, `reduction` when shards give
// partial results to be combined (sum/max/min; a gather's gathered axis, whose
// partial results are masked lookups), `need_replication` when sharding it
// would need data from other shards (windows, softmax axis,
// sliced/padded/concatenated dimensions, normalized dims).
//
// Every expectation is `expected-remark-re` ending in `{{$}}` so that it
// matches the whole rule: a plain substring match would accept a rule with
// extra trailing `reduction={..}` / `need_replication={..}` lists.
//
// The expected rules were derived by hand from the op semantics, not copied
// from the tool.

//===----------------------------------------------------------------------===//
// Elementwise unary ops: one parallel factor per dimension, shared by input
// and result.
//===----------------------------------------------------------------------===//

func.func @unary(%f: tensor<2x3xf32>, %i: tensor<2x3xi32>, %b: tensor<2x3xi1>,
                 %s: tensor<f32>, %r3: tensor<2x3x4xf16>) {
  // expected-remark-re @below {{sharding rule: ([i, j]) -> ([i, j]) {i=2, j=3}{{$}}}}
  %0 = tessera.neg %i : tensor<2x3xi32>
  // expected-remark-re @below {{sharding rule: ([i, j]) -> ([i, j]) {i=2, j=3}{{$}}}}
  %1 = tessera.abs %f : tensor<2x3xf32>
  // expected-remark-re @below {{sharding rule: ([i, j]) -> ([i, j]) {i=2, j=3}{{$}}}}
  %2 = tessera.exp %f : tensor<2x3xf32>
  // expected-remark-re @below {{sharding rule: ([i, j]) -> ([i, j]) {i=2, j=3}{{$}}}}
  %3 = tessera.log %f : tensor<2x3xf32>
  // expected-remark-re @below {{sharding rule: ([i, j, k]) -> ([i, j, k]) {i=2, j=3, k=4}{{$}}}}
  %4 = tessera.sqrt %r3 : tensor<2x3x4xf16>
  // expected-remark-re @below {{sharding rule: ([i, j]) -> ([i, j]) {i=2, j=3}{{$}}}}
  %5 = tessera.rsqrt %f : tensor<2x3xf32>
  // expected-remark-re @below {{sharding rule: ([i, j]) -> ([i, j]) {i=2, j=3}{{$}}}}
  %6 = tessera.tanh %f : tensor<2x3xf32>
  // expected-remark-re @below {{sharding rule: ([i, j]) -> ([i, j]) {i=2, j=3}{{$}}}}
  %7 = tessera.erf %f : tensor<2x3xf32>
  // expected-remark-re @below {{sharding rule: ([i, j]) -> ([i, j]) {i=2, j=3}{{$}}}}
  %8 = tessera.sigmoid %f : tensor<2x3xf32>
  // expected-remark-re @below {{sharding rule: ([i, j]) -> ([i, j]) {i=2, j=3}{{$}}}}
  %9 = tessera.relu %i : tensor<2x3xi32>
  // expected-remark-re @below {{sharding rule: ([i, j]) -> ([i, j]) {i=2, j=3}{{$}}}}
  %10 = tessera.silu %f : tensor<2x3xf32>
  // expected-remark-re @below {{sharding rule: ([i, j]) -> ([i, j]) {i=2, j=3}{{$}}}}
  %11 = tessera.logical_not %b : tensor<2x3xi1>
  // expected-remark-re @below {{sharding rule: ([i, j]) -> ([i, j]) {i=2, j=3}{{$}}}}
  %12 = tessera.gelu %f : tensor<2x3xf32>
  // expected-remark-re @below {{sharding rule: ([i, j]) -> ([i, j]) {i=2, j=3}{{$}}}}
  %13 = tessera.gelu %f approximate = tanh : tensor<2x3xf32>
  // expected-remark-re @below {{sharding rule: ([i, j]) -> ([i, j]) {i=2, j=3}{{$}}}}
  %14 = tessera.clip %f min = 0.0 max = 6.0 : tensor<2x3xf32>
  // A rank-0 tensor has no dimension and the rule no factor.
  // expected-remark-re @below {{sharding rule: ([]) -> ([]) {}{{$}}}}
  %15 = tessera.exp %s : tensor<f32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Elementwise binary ops with NumPy broadcasting: one factor per result
// dimension; an operand that broadcasts there (size 1 or missing) has no
// factor in it.
//===----------------------------------------------------------------------===//

func.func @binary(%a48: tensor<4x8xf32>, %a8: tensor<8xf32>,
                  %a418: tensor<4x1x8xf32>, %a31: tensor<3x1xf32>,
                  %a23: tensor<2x3xf32>, %s: tensor<f32>,
                  %a15: tensor<1x5xf32>, %i23: tensor<2x3xi32>,
                  %i31: tensor<3x1xi16>, %i14: tensor<1x4xi16>,
                  %b23: tensor<2x3xi1>, %b41: tensor<4x1xi1>, %b4: tensor<4xi1>) {
  // Rank-extending rhs: i (size 4) only in lhs and result.
  // expected-remark-re @below {{sharding rule: ([i, j], [j]) -> ([i, j]) {i=4, j=8}{{$}}}}
  %1 = tessera.add %a48, %a8 : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  // 4x1x8 - 3x1 -> 4x3x8: i=4 from lhs, j=3 from rhs, k=8 from lhs.
  // expected-remark-re @below {{sharding rule: ([i, 1, k], [j, 1]) -> ([i, j, k]) {i=4, j=3, k=8}{{$}}}}
  %2 = tessera.sub %a418, %a31 : (tensor<4x1x8xf32>, tensor<3x1xf32>) -> tensor<4x3x8xf32>
  // expected-remark-re @below {{sharding rule: ([i, j], [i, j]) -> ([i, j]) {i=2, j=3}{{$}}}}
  %3 = tessera.mul %a23, %a23 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  // A rank-0 operand has no dimension.
  // expected-remark-re @below {{sharding rule: ([], [i, j]) -> ([i, j]) {i=2, j=3}{{$}}}}
  %4 = tessera.div %s, %a23 : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  // A size-1 result dimension keeps a (size-1) factor shared by all.
  // expected-remark-re @below {{sharding rule: ([i, j], [i, j]) -> ([i, j]) {i=1, j=5}{{$}}}}
  %5 = tessera.pow %a15, %a15 : (tensor<1x5xf32>, tensor<1x5xf32>) -> tensor<1x5xf32>
  // expected-remark-re @below {{sharding rule: ([i, j], [i, j]) -> ([i, j]) {i=2, j=3}{{$}}}}
  %6 = tessera.max %i23, %i23 : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
  // Outer-product broadcast 3x1, 1x4 -> 3x4.
  // expected-remark-re @below {{sharding rule: ([i, 1], [1, j]) -> ([i, j]) {i=3, j=4}{{$}}}}
  %7 = tessera.min %i31, %i14 : (tensor<3x1xi16>, tensor<1x4xi16>) -> tensor<3x4xi16>
  // expected-remark-re @below {{sharding rule: ([i, j], [i, j]) -> ([i, j]) {i=2, j=3}{{$}}}}
  %8 = tessera.logical_and %b23, %b23 : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
  // 4x1, 4 -> 4x4: lhs has i, rhs (right-aligned to dim 1) has j.
  // expected-remark-re @below {{sharding rule: ([i, 1], [j]) -> ([i, j]) {i=4, j=4}{{$}}}}
  %9 = tessera.logical_or %b41, %b4 : (tensor<4x1xi1>, tensor<4xi1>) -> tensor<4x4xi1>
  // expected-remark-re @below {{sharding rule: ([i, j], [i, j]) -> ([i, j]) {i=2, j=3}{{$}}}}
  %10 = tessera.logical_xor %b23, %b23 : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
  return
}

// -----

//===----------------------------------------------------------------------===//
// compare, where, cast: pointwise too.
//===----------------------------------------------------------------------===//

func.func @compare_where_cast(%x: tensor<4x8xf32>, %y: tensor<1x8xf32>,
                              %c: tensor<1x1x5x6xi1>, %t: tensor<2x3x5x6xf32>,
                              %f: tensor<f32>, %a: tensor<2x3xf32>) {
  // expected-remark-re @below {{sharding rule: ([i, j], [1, j]) -> ([i, j]) {i=4, j=8}{{$}}}}
  %0 = tessera.compare lt, %x, %y : (tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<4x8xi1>
  // The mask broadcasts over i, j; the rank-0 false value over everything.
  // expected-remark-re @below {{sharding rule: ([1, 1, k, l], [i, j, k, l], []) -> ([i, j, k, l]) {i=2, j=3, k=5, l=6}{{$}}}}
  %1 = tessera.where %c, %t, %f : (tensor<1x1x5x6xi1>, tensor<2x3x5x6xf32>, tensor<f32>) -> tensor<2x3x5x6xf32>
  // expected-remark-re @below {{sharding rule: ([i, j]) -> ([i, j]) {i=2, j=3}{{$}}}}
  %2 = tessera.cast %a : tensor<2x3xf32> to tensor<2x3xf16>
  // expected-remark-re @below {{sharding rule: ([i, j]) -> ([i, j]) {i=2, j=3}{{$}}}}
  %3 = tessera.cast %a : tensor<2x3xf32> to tensor<2x3xi1>
  return
}

// -----

//===----------------------------------------------------------------------===//
// constant: no operands; every result dimension is a parallel factor (each
// device materializes its own shard).
//===----------------------------------------------------------------------===//

func.func @constant() {
  // expected-remark-re @below {{sharding rule: () -> ([i, j]) {i=2, j=3}{{$}}}}
  %0 = tessera.constant dense<1.0> : tensor<2x3xf32>
  // expected-remark-re @below {{sharding rule: () -> ([]) {}{{$}}}}
  %1 = tessera.constant dense<1.0e-05> : tensor<f32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// matmul: batch dims (with broadcasting), M and N parallel, K a reduction.
// Factor order: batch dims, M, N, K.
//===----------------------------------------------------------------------===//

func.func @matmul(%a23: tensor<2x3xf32>, %b34: tensor<3x4xf32>,
                  %a523: tensor<5x2x3xf32>, %b534: tensor<5x3x4xf32>,
                  %a6123: tensor<6x1x2x3xf16>, %b534h: tensor<5x3x4xf16>) {
  // ([M, K], [K, N]) -> ([M, N])
  // expected-remark-re @below {{sharding rule: ([i, k], [k, j]) -> ([i, j]) {i=2, j=4, k=3} reduction={k}{{$}}}}
  %0 = tessera.matmul %a23, %b34 : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  // Batched: batch i=5 in both operands.
  // expected-remark-re @below {{sharding rule: ([i, j, l], [i, l, k]) -> ([i, j, k]) {i=5, j=2, k=4, l=3} reduction={l}{{$}}}}
  %1 = tessera.matmul %a523, %b534 : (tensor<5x2x3xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
  // Broadcast batch dims: 6x1 with 5 -> 6x5; i=6 only in lhs, j=5 only in rhs.
  // expected-remark-re @below {{sharding rule: ([i, 1, k, m], [j, m, l]) -> ([i, j, k, l]) {i=6, j=5, k=2, l=4, m=3} reduction={m}{{$}}}}
  %2 = tessera.matmul %a6123, %b534h : (tensor<6x1x2x3xf16>, tensor<5x3x4xf16>) -> tensor<6x5x2x4xf16>
  // Rank-2 lhs against a batched rhs: the batch factor is not in lhs.
  // expected-remark-re @below {{sharding rule: ([j, l], [i, l, k]) -> ([i, j, k]) {i=5, j=2, k=4, l=3} reduction={l}{{$}}}}
  %3 = tessera.matmul %a23, %b534 : (tensor<2x3xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// conv2d: N parallel; channels [groups, C/groups] and filters
// [groups, F/groups] with groups and F/groups parallel (shared with the
// bias) and C/groups a reduction; spatial and kernel dims need replication.
//===----------------------------------------------------------------------===//

func.func @conv2d(%x: tensor<2x3x10x8xf32>, %w: tensor<4x3x3x2xf32>,
                  %b: tensor<4xf32>, %xg: tensor<1x4x5x4xf32>,
                  %wg: tensor<6x2x3x2xf32>, %bg: tensor<6xf32>,
                  %xd: tensor<2x3x6x6xf32>, %wd: tensor<3x1x3x3xf32>,
                  %wm: tensor<6x1x3x3xf32>, %bm: tensor<6xf32>) {
  // groups = 1: i=N, j=F, k=C (reduction); then the unmapped dims in order:
  // input H, W (l, m), weight KH, KW (n, o), result HO, WO (p, q).
  // HO = 10 - 3 + 1 = 8, WO = 8 - 2 + 1 = 7.
  // expected-remark-re @below {{sharding rule: ([i, k, l, m], [j, k, n, o], [j]) -> ([i, j, p, q]) {i=2, j=4, k=3, l=10, m=8, n=3, o=2, p=8, q=7} reduction={k} need_replication={l, m, n, o, p, q}{{$}}}}
  %0 = tessera.conv2d %x, %w, %b strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<2x3x10x8xf32>, tensor<4x3x3x2xf32>, tensor<4xf32>) -> tensor<2x4x8x7xf32>
  // The same without bias.
  // expected-remark-re @below {{sharding rule: ([i, k, l, m], [j, k, n, o]) -> ([i, j, p, q]) {i=2, j=4, k=3, l=10, m=8, n=3, o=2, p=8, q=7} reduction={k} need_replication={l, m, n, o, p, q}{{$}}}}
  %1 = tessera.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<2x3x10x8xf32>, tensor<4x3x3x2xf32>) -> tensor<2x4x8x7xf32>
  // groups = 2, C = 4, F = 6: i=N=1, j=groups=2, k=F/groups=3,
  // l=C/groups=2 (reduction); input channels [jl], filters [jk].
  // HO = 5 - 3 + 1 = 3, WO = 4 - 2 + 1 = 3.
  // expected-remark-re @below {{sharding rule: ([i, jl, m, n], [jk, l, o, p], [jk]) -> ([i, jk, q, r]) {i=1, j=2, k=3, l=2, m=5, n=4, o=3, p=2, q=3, r=3} reduction={l} need_replication={m, n, o, p, q, r}{{$}}}}
  %2 = tessera.conv2d %xg, %wg, %bg strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 2 : (tensor<1x4x5x4xf32>, tensor<6x2x3x2xf32>, tensor<6xf32>) -> tensor<1x6x3x3xf32>
  // Depthwise (groups = C = 3, F = 3) without bias: F/groups and C/groups
  // are size-1 factors. HO = WO = 6 - 3 + 1 = 4.
  // expected-remark-re @below {{sharding rule: ([i, jl, m, n], [jk, l, o, p]) -> ([i, jk, q, r]) {i=2, j=3, k=1, l=1, m=6, n=6, o=3, p=3, q=4, r=4} reduction={l} need_replication={m, n, o, p, q, r}{{$}}}}
  %3 = tessera.conv2d %xd, %wd strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 3 : (tensor<2x3x6x6xf32>, tensor<3x1x3x3xf32>) -> tensor<2x3x4x4xf32>
  // Depthwise with channel multiplier 2 (groups = C = 3, F = 6), with bias
  // and stride 2: output channel f = 2 * group + m, so filters are [jk] with
  // k=2. HO = WO = (6 - 3) / 2 + 1 = 2.
  // expected-remark-re @below {{sharding rule: ([i, jl, m, n], [jk, l, o, p], [jk]) -> ([i, jk, q, r]) {i=2, j=3, k=2, l=1, m=6, n=6, o=3, p=3, q=2, r=2} reduction={l} need_replication={m, n, o, p, q, r}{{$}}}}
  %4 = tessera.conv2d %xd, %wm, %bm strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 3 : (tensor<2x3x6x6xf32>, tensor<6x1x3x3xf32>, tensor<6xf32>) -> tensor<2x6x2x2xf32>
  return
}

// -----

// A 1x1 convolution moving by one over unpadded input reads exactly the
// input pixel of each output pixel: its spatial dims are parallel (l, m)
// and the size-1 kernel dims have no factor.
func.func @conv2d_1x1(%x: tensor<2x3x5x4xf32>, %w: tensor<4x3x1x1xf32>) {
  // expected-remark-re @below {{sharding rule: ([i, k, l, m], [j, k, 1, 1]) -> ([i, j, l, m]) {i=2, j=4, k=3, l=5, m=4} reduction={k}{{$}}}}
  %0 = tessera.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<2x3x5x4xf32>, tensor<4x3x1x1xf32>) -> tensor<2x4x5x4xf32>
  // With stride 2 in H, output row r reads input row 2r: H needs
  // replication (m, n); W is still parallel (l).
  // expected-remark-re @below {{sharding rule: ([i, k, m, l], [j, k, 1, 1]) -> ([i, j, n, l]) {i=2, j=4, k=3, l=4, m=5, n=3} reduction={k} need_replication={m, n}{{$}}}}
  %1 = tessera.conv2d %x, %w strides = [2, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<2x3x5x4xf32>, tensor<4x3x1x1xf32>) -> tensor<2x4x3x4xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Pooling: N and C parallel, windowed H and W need replication; global
// pooling reduces H and W (the size-1 result dims have no factor).
//===----------------------------------------------------------------------===//

func.func @pool(%x: tensor<2x3x8x6xf32>, %y: tensor<1x4x7x5xf32>,
                %g: tensor<2x3x5x4xf32>, %gi: tensor<2x3x5x4xi32>) {
  // H: extent 2*(3-1)+1 = 5, (8-5)/1+1 = 4; W: (6-2)/2+1 = 3.
  // expected-remark-re @below {{sharding rule: ([i, j, k, l]) -> ([i, j, m, n]) {i=2, j=3, k=8, l=6, m=4, n=3} need_replication={k, l, m, n}{{$}}}}
  %0 = tessera.max_pool2d %x kernel = [3, 2] strides = [1, 2] padding = [0, 0, 0, 0] dilations = [2, 1] : (tensor<2x3x8x6xf32>) -> tensor<2x3x4x3xf32>
  // H: (7+2-3)/2+1 = 4; W: (5+2-3)/2+1 = 3.
  // expected-remark-re @below {{sharding rule: ([i, j, k, l]) -> ([i, j, m, n]) {i=1, j=4, k=7, l=5, m=4, n=3} need_replication={k, l, m, n}{{$}}}}
  %1 = tessera.avg_pool2d %y kernel = [3, 3] strides = [2, 2] padding = [1, 1, 1, 1] dilations = [1, 1] : (tensor<1x4x7x5xf32>) -> tensor<1x4x4x3xf32>
  // expected-remark-re @below {{sharding rule: ([i, j, k, l]) -> ([i, j, 1, 1]) {i=2, j=3, k=5, l=4} reduction={k, l} partial=mean{{$}}}}
  %2 = tessera.global_avg_pool2d %g : (tensor<2x3x5x4xf32>) -> tensor<2x3x1x1xf32>
  // expected-remark-re @below {{sharding rule: ([i, j, k, l]) -> ([i, j, 1, 1]) {i=2, j=3, k=5, l=4} reduction={k, l} partial=max{{$}}}}
  %3 = tessera.global_max_pool2d %gi : (tensor<2x3x5x4xi32>) -> tensor<2x3x1x1xi32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Normalization.
//===----------------------------------------------------------------------===//

func.func @norm(%x: tensor<2x3x4x5xf32>, %p: tensor<3xf32>,
                %y: tensor<2x3x4xf32>, %s34: tensor<3x4xf32>, %s4: tensor<4xf32>,
                %h: tensor<2x3x4xf16>, %h4: tensor<4xf16>) {
  // batch_norm: every dim parallel; the channel factor j is shared with the
  // four per-channel parameters.
  // expected-remark-re @below {{sharding rule: ([i, j, k, l], [j], [j], [j], [j]) -> ([i, j, k, l]) {i=2, j=3, k=4, l=5}{{$}}}}
  %0 = tessera.batch_norm %x, %p, %p, %p, %p epsilon = 1.0e-05 : (tensor<2x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x5xf32>
  // layer_norm over dims 1, 2 with bias: i parallel; j, k normalized (need
  // replication) and shared with scale and bias.
  // expected-remark-re @below {{sharding rule: ([i, j, k], [j, k], [j, k]) -> ([i, j, k]) {i=2, j=3, k=4} need_replication={j, k}{{$}}}}
  %1 = tessera.layer_norm %y, %s34, %s34 axis = 1 epsilon = 1.0e-05 : (tensor<2x3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<2x3x4xf32>
  // layer_norm over dim 2 without bias.
  // expected-remark-re @below {{sharding rule: ([i, j, k], [k]) -> ([i, j, k]) {i=2, j=3, k=4} need_replication={k}{{$}}}}
  %2 = tessera.layer_norm %y, %s4 axis = 2 epsilon = 1.0e-05 : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  // expected-remark-re @below {{sharding rule: ([i, j, k], [k]) -> ([i, j, k]) {i=2, j=3, k=4} need_replication={k}{{$}}}}
  %3 = tessera.rms_norm %h, %h4 axis = 2 epsilon = 1.0e-06 : (tensor<2x3x4xf16>, tensor<4xf16>) -> tensor<2x3x4xf16>
  // softmax: only the softmax axis needs replication.
  // expected-remark-re @below {{sharding rule: ([i, j, k]) -> ([i, j, k]) {i=2, j=3, k=4} need_replication={j}{{$}}}}
  %4 = tessera.softmax %y axis = 1 : tensor<2x3x4xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Reductions: kept dims parallel, reduced dims reduction factors; with
// keepdims the reduced result dim has size 1 and no factor.
//===----------------------------------------------------------------------===//

func.func @reduce(%x: tensor<2x3x4xf32>, %xi: tensor<2x3x4xi32>) {
  // expected-remark-re @below {{sharding rule: ([i, j, k]) -> ([i, k]) {i=2, j=3, k=4} reduction={j}{{$}}}}
  %0 = tessera.reduce_sum %x axes = [1] : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
  // expected-remark-re @below {{sharding rule: ([i, j, k]) -> ([i, 1, k]) {i=2, j=3, k=4} reduction={j}{{$}}}}
  %1 = tessera.reduce_sum %x axes = [1] keepdims : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
  // expected-remark-re @below {{sharding rule: ([i, j, k]) -> ([j]) {i=2, j=3, k=4} reduction={i, k} partial=mean{{$}}}}
  %2 = tessera.reduce_mean %x axes = [0, 2] : (tensor<2x3x4xf32>) -> tensor<3xf32>
  // expected-remark-re @below {{sharding rule: ([i, j, k]) -> ([1, j, 1]) {i=2, j=3, k=4} reduction={i, k} partial=mean{{$}}}}
  %3 = tessera.reduce_mean %x axes = [0, 2] keepdims : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
  // expected-remark-re @below {{sharding rule: ([i, j, k]) -> ([i, j]) {i=2, j=3, k=4} reduction={k} partial=max{{$}}}}
  %4 = tessera.reduce_max %x axes = [2] : (tensor<2x3x4xf32>) -> tensor<2x3xf32>
  // expected-remark-re @below {{sharding rule: ([i, j, k]) -> ([i, j, 1]) {i=2, j=3, k=4} reduction={k} partial=max{{$}}}}
  %5 = tessera.reduce_max %x axes = [2] keepdims : (tensor<2x3x4xf32>) -> tensor<2x3x1xf32>
  // All axes: a rank-0 result.
  // expected-remark-re @below {{sharding rule: ([i, j, k]) -> ([]) {i=2, j=3, k=4} reduction={i, j, k} partial=min{{$}}}}
  %6 = tessera.reduce_min %xi axes = [0, 1, 2] : (tensor<2x3x4xi32>) -> tensor<i32>
  // expected-remark-re @below {{sharding rule: ([i, j, k]) -> ([1, 1, 1]) {i=2, j=3, k=4} reduction={i, j, k} partial=min{{$}}}}
  %7 = tessera.reduce_min %xi axes = [0, 1, 2] keepdims : (tensor<2x3x4xi32>) -> tensor<1x1x1xi32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// reshape: dims that merge or split share factors (major to minor); size-1
// dims have none; a group that cannot be factored needs replication.
//===----------------------------------------------------------------------===//

func.func @reshape(%a: tensor<2x3x4xf32>, %b: tensor<6x4xf32>,
                   %c: tensor<1x6x1xf32>, %d: tensor<2x3xf32>,
                   %e: tensor<4x6xf32>, %s: tensor<f32>,
                   %f: tensor<24xf32>, %g: tensor<2x3x5xf32>) {
  // Merge: 2x3x4 -> 6x4, 6 = 2*3.
  // expected-remark-re @below {{sharding rule: ([i, j, k]) -> ([ij, k]) {i=2, j=3, k=4}{{$}}}}
  %0 = tessera.reshape %a : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  // Split: 6x4 -> 2x3x4.
  // expected-remark-re @below {{sharding rule: ([ij, k]) -> ([i, j, k]) {i=2, j=3, k=4}{{$}}}}
  %1 = tessera.reshape %b : (tensor<6x4xf32>) -> tensor<2x3x4xf32>
  // Size-1 dims on both sides: 6 -> 2, 3.
  // expected-remark-re @below {{sharding rule: ([1, ij, 1]) -> ([i, 1, j]) {i=2, j=3}{{$}}}}
  %2 = tessera.reshape %c : (tensor<1x6x1xf32>) -> tensor<2x1x3xf32>
  // Not factorable: element (a, b) of 2x3 lands at row (3a+b)/2 of 3x2,
  // which no factor of the input dims determines.
  // expected-remark-re @below {{sharding rule: ([i, j]) -> ([k, l]) {i=2, j=3, k=3, l=2} need_replication={i, j, k, l}{{$}}}}
  %3 = tessera.reshape %d : (tensor<2x3xf32>) -> tensor<3x2xf32>
  // Re-split: 4x6 -> 2x12 as [2*2, 6] -> [2, 2*6].
  // expected-remark-re @below {{sharding rule: ([ij, k]) -> ([i, jk]) {i=2, j=2, k=6}{{$}}}}
  %4 = tessera.reshape %e : (tensor<4x6xf32>) -> tensor<2x12xf32>
  // Full merge: 24 -> 2x3x4.
  // expected-remark-re @below {{sharding rule: ([ijk]) -> ([i, j, k]) {i=2, j=3, k=4}{{$}}}}
  %6 = tessera.reshape %f : (tensor<24xf32>) -> tensor<2x3x4xf32>
  // Groups are handled separately: [2, 3] -> [3, 2] does not factor (need
  // replication), [5] -> [5] stays parallel (factor i, created first).
  // expected-remark-re @below {{sharding rule: ([j, k, i]) -> ([l, m, i]) {i=5, j=2, k=3, l=3, m=2} need_replication={j, k, l, m}{{$}}}}
  %7 = tessera.reshape %g : (tensor<2x3x5xf32>) -> tensor<3x2x5xf32>
  // Rank 0 to all-ones: no factor at all.
  // expected-remark-re @below {{sharding rule: ([]) -> ([1, 1]) {}{{$}}}}
  %5 = tessera.reshape %s : (tensor<f32>) -> tensor<1x1xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// transpose and broadcast.
//===----------------------------------------------------------------------===//

func.func @transpose_broadcast(%a: tensor<2x3x4xf32>, %b: tensor<3xf32>,
                               %c: tensor<1x3xf32>) {
  // Result dim d is input dim permutation[d]: result (4, 2, 3) takes input
  // dims 2, 0, 1, so input dims 0, 1, 2 carry j, k, i.
  // expected-remark-re @below {{sharding rule: ([j, k, i]) -> ([i, j, k]) {i=4, j=2, k=3}{{$}}}}
  %0 = tessera.transpose %a permutation = [2, 0, 1] : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  // Rank-increasing: the new leading dim i is only in the result.
  // expected-remark-re @below {{sharding rule: ([j]) -> ([i, j]) {i=2, j=3}{{$}}}}
  %1 = tessera.broadcast %b : (tensor<3xf32>) -> tensor<2x3xf32>
  // Size-1 expanding: the input's size-1 dim has no factor.
  // expected-remark-re @below {{sharding rule: ([1, j]) -> ([i, j]) {i=4, j=3}{{$}}}}
  %2 = tessera.broadcast %c : (tensor<1x3xf32>) -> tensor<4x3xf32>
  // Both.
  // expected-remark-re @below {{sharding rule: ([1, k]) -> ([i, j, k]) {i=2, j=4, k=3}{{$}}}}
  %3 = tessera.broadcast %c : (tensor<1x3xf32>) -> tensor<2x4x3xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// concat and split: the non-axis dims are shared by all tensors; the axis of
// each tensor needs replication (its own factor; none where it has size 1).
//===----------------------------------------------------------------------===//

func.func @concat_split(%a: tensor<2x3xf32>, %b: tensor<2x5xf32>,
                        %p: tensor<1x4xf32>, %q: tensor<2x4xf32>,
                        %r: tensor<3x4xf32>, %x: tensor<2x6x4xf32>) {
  // expected-remark-re @below {{sharding rule: ([i, j], [i, k]) -> ([i, l]) {i=2, j=3, k=5, l=8} need_replication={j, k, l}{{$}}}}
  %0 = tessera.concat %a, %b axis = 1 : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
  // expected-remark-re @below {{sharding rule: ([1, i], [j, i], [k, i]) -> ([l, i]) {i=4, j=2, k=3, l=6} need_replication={j, k, l}{{$}}}}
  %1 = tessera.concat %p, %q, %r axis = 0 : (tensor<1x4xf32>, tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<6x4xf32>
  // expected-remark-re @below {{sharding rule: ([i, k, j]) -> ([i, 1, j], [i, l, j], [i, m, j]) {i=2, j=4, k=6, l=2, m=3} need_replication={k, l, m}{{$}}}}
  %2:3 = tessera.split %x axis = 1 sizes = [1, 2, 3] : (tensor<2x6x4xf32>) -> (tensor<2x1x4xf32>, tensor<2x2x4xf32>, tensor<2x3x4xf32>)
  return
}

// -----

//===----------------------------------------------------------------------===//
// slice: whole dims (start 0, limit size, step 1) are parallel; any other
// dim needs replication, separately in input and result.
//===----------------------------------------------------------------------===//

func.func @slice(%x: tensor<4x8xf32>, %y: tensor<3x5xf32>) {
  // expected-remark-re @below {{sharding rule: ([i, j]) -> ([i, j]) {i=4, j=8}{{$}}}}
  %0 = tessera.slice %x starts = [0, 0] limits = [4, 8] steps = [1, 1] : (tensor<4x8xf32>) -> tensor<4x8xf32>
  // Dim 1 takes 1, 3, 5, 7 (4 elements).
  // expected-remark-re @below {{sharding rule: ([i, j]) -> ([i, k]) {i=4, j=8, k=4} need_replication={j, k}{{$}}}}
  %1 = tessera.slice %x starts = [0, 1] limits = [4, 8] steps = [1, 2] : (tensor<4x8xf32>) -> tensor<4x4xf32>
  // Dim 0 reversed (2, 1, 0): same size but not shard-local.
  // expected-remark-re @below {{sharding rule: ([j, i]) -> ([k, i]) {i=5, j=3, k=3} need_replication={j, k}{{$}}}}
  %2 = tessera.slice %y starts = [2, 0] limits = [-1, 5] steps = [-1, 1] : (tensor<3x5xf32>) -> tensor<3x5xf32>
  // Dim 0 cut to 0:1 (size 1: no result factor).
  // expected-remark-re @below {{sharding rule: ([j, i]) -> ([1, i]) {i=5, j=3} need_replication={j}{{$}}}}
  %3 = tessera.slice %y starts = [0, 0] limits = [1, 5] steps = [1, 1] : (tensor<3x5xf32>) -> tensor<1x5xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// gather: data dims other than axis and all indices dims are parallel; the
// gathered axis of data is a reduction (each shard of the table looks up its
// own rows, zeros elsewhere, and the partial results add up: Megatron's
// vocab-parallel embedding).
//===----------------------------------------------------------------------===//

func.func @gather(%t: tensor<10x6xf32>, %ids: tensor<2x3xi64>,
                  %d: tensor<4x10x6xf32>, %ids5: tensor<5xi32>,
                  %m: tensor<4x10xf32>, %id: tensor<i64>) {
  // Result 2x3x6 = indices.shape + data.shape[1:].
  // expected-remark-re @below {{sharding rule: ([l, k], [i, j]) -> ([i, j, k]) {i=2, j=3, k=6, l=10} reduction={l}{{$}}}}
  %0 = tessera.gather %t, %ids axis = 0 : (tensor<10x6xf32>, tensor<2x3xi64>) -> tensor<2x3x6xf32>
  // Result 4x5x6 = data.shape[:1] + indices.shape + data.shape[2:].
  // expected-remark-re @below {{sharding rule: ([i, l, k], [j]) -> ([i, j, k]) {i=4, j=5, k=6, l=10} reduction={l}{{$}}}}
  %1 = tessera.gather %d, %ids5 axis = 1 : (tensor<4x10x6xf32>, tensor<5xi32>) -> tensor<4x5x6xf32>
  // A rank-0 index removes the axis.
  // expected-remark-re @below {{sharding rule: ([i, j], []) -> ([i]) {i=4, j=10} reduction={j}{{$}}}}
  %2 = tessera.gather %m, %id axis = 1 : (tensor<4x10xf32>, tensor<i64>) -> tensor<4xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// pad: unpadded dims are parallel; padded dims need replication (input and
// result separately).
//===----------------------------------------------------------------------===//

func.func @pad(%x: tensor<2x3xf32>, %y: tensor<1x3x8x6xf32>, %z: tensor<4x5xf32>) {
  // expected-remark-re @below {{sharding rule: ([i, j]) -> ([i, j]) {i=2, j=3}{{$}}}}
  %0 = tessera.pad %x low = [0, 0] high = [0, 0] mode = constant value = 0.0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // H 8 -> 1+8+1 = 10, W 6 -> 0+6+2 = 8.
  // expected-remark-re @below {{sharding rule: ([i, j, k, l]) -> ([i, j, m, n]) {i=1, j=3, k=8, l=6, m=10, n=8} need_replication={k, l, m, n}{{$}}}}
  %1 = tessera.pad %y low = [0, 0, 1, 0] high = [0, 0, 1, 2] mode = reflect value = 0.0 : (tensor<1x3x8x6xf32>) -> tensor<1x3x10x8xf32>
  // Low padding only, dim 0: 4 -> 6.
  // expected-remark-re @below {{sharding rule: ([j, i]) -> ([k, i]) {i=5, j=4, k=6} need_replication={j, k}{{$}}}}
  %2 = tessera.pad %z low = [2, 0] high = [0, 0] mode = edge value = 0.0 : (tensor<4x5xf32>) -> tensor<6x5xf32>
  // Constant padding with a nonzero value.
  // expected-remark-re @below {{sharding rule: ([j, i]) -> ([k, i]) {i=5, j=4, k=7} need_replication={j, k}{{$}}}}
  %3 = tessera.pad %z low = [1, 0] high = [2, 0] mode = constant value = 1.5 : (tensor<4x5xf32>) -> tensor<7x5xf32>
  return
}
