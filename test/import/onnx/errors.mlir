// Tests that malformed and unsupported models are refused with a clear
// message and exit code 1 (`not` fails on a crash as well as on success),
// never a crash or a hang: broken files, broken graphs, inconsistent or absurd
// tensors, symbolic shapes and --input-shape, and what the importer does not
// support. The models come from op_models.py (bad_* and a few others).

//===----------------------------------------------------------------------===//
// Malformed files
//===----------------------------------------------------------------------===//

// A model cut after 100 bytes: the protobuf does not parse.
// RUN: %python %S/op_models.py conv_basic %t.full.onnx
// RUN: head -c 100 %t.full.onnx > %t.trunc.onnx
// RUN: not tessera-compile %t.trunc.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-TRUNC
// E-TRUNC: {{.*}}trunc.onnx:0:0: error: not a valid ONNX model: the protobuf does not parse (truncated or not an ONNX file)

// 256 bytes of noise.
// RUN: %python %S/op_models.py bad_garbage %t.bad_garbage.onnx && not tessera-compile %t.bad_garbage.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-GARBAGE
// E-GARBAGE: error: not a valid ONNX model: the protobuf does not parse (truncated or not an ONNX file)

// An empty file parses as an empty ModelProto, which holds no graph.
// RUN: rm -f %t.empty.onnx && touch %t.empty.onnx
// RUN: not tessera-compile %t.empty.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-EMPTY
// E-EMPTY: {{.*}}empty.onnx:0:0: error: the file holds no graph: is it an ONNX model?

// A file that does not exist, and a directory.
// RUN: not tessera-compile %t.does-not-exist.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-MISSING
// RUN: not tessera-compile %S --emit=imported 2>&1 | FileCheck %s --check-prefix=E-DIR
// E-MISSING: {{.*}}does-not-exist.onnx:0:0: error: cannot read the model: No such file or directory
// E-DIR: error: cannot read the model: Is a directory

//===----------------------------------------------------------------------===//
// Malformed graphs
//===----------------------------------------------------------------------===//

// A node input that nothing produces.
// RUN: %python %S/op_models.py bad_dangling_input %t.bad_dangling_input.onnx && not tessera-compile %t.bad_dangling_input.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-DANGLING
// E-DANGLING: {{.*}}.onnx:1:1: error: node 'relu0' (Relu): input 'nowhere' is not a graph input, an initializer or the output of an earlier node

// Nodes out of topological order: 'r' is used before its node.
// RUN: %python %S/op_models.py bad_use_before_def %t.bad_use_before_def.onnx && not tessera-compile %t.bad_use_before_def.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-ORDER
// E-ORDER: {{.*}}.onnx:1:1: error: node 'neg0' (Neg): input 'r' is not a graph input, an initializer or the output of an earlier node

// Two nodes define 'y': the error names the second (node 2).
// RUN: %python %S/op_models.py bad_defined_twice %t.bad_defined_twice.onnx && not tessera-compile %t.bad_defined_twice.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-TWICE
// E-TWICE: {{.*}}.onnx:2:1: error: node 'second' (Neg): output #0 'y' is already defined (by a graph input, an initializer or an earlier node): a name is defined once in a graph

// A graph input listed twice.
// RUN: %python %S/op_models.py bad_input_twice %t.bad_input_twice.onnx && not tessera-compile %t.bad_input_twice.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-INPUT-TWICE
// E-INPUT-TWICE: error: the name 'x' is defined more than once in the graph

// A graph output that no node produces.
// RUN: %python %S/op_models.py bad_output_not_produced %t.bad_output_not_produced.onnx && not tessera-compile %t.bad_output_not_produced.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-GHOST
// E-GHOST: error: graph output 'ghost' is not produced by any node

// Softmax's axis given as a FLOAT.
// RUN: %python %S/op_models.py bad_attr_type %t.bad_attr_type.onnx && not tessera-compile %t.bad_attr_type.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-ATTR-TYPE
// E-ATTR-TYPE: {{.*}}.onnx:1:1: error: node 'sm' (Softmax): attribute 'axis' must be an INT, got FLOAT

// Concat without its required axis, and Cast without 'to'.
// RUN: %python %S/op_models.py bad_attr_missing %t.bad_attr_missing.onnx && not tessera-compile %t.bad_attr_missing.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-ATTR-MISSING
// RUN: %python %S/op_models.py bad_cast_no_to %t.bad_cast_no_to.onnx && not tessera-compile %t.bad_cast_no_to.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-CAST-TO
// E-ATTR-MISSING: error: node 'cat' (Concat): attribute 'axis' is required
// E-CAST-TO: error: node 'cast0' (Cast): attribute 'to' is required

// An axis beyond the rank.
// RUN: %python %S/op_models.py bad_axis_range %t.bad_axis_range.onnx && not tessera-compile %t.bad_axis_range.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-AXIS
// E-AXIS: error: node 'sm' (Softmax): axis 3 is out of range for rank 2

// An auto_pad ONNX does not define.
// RUN: %python %S/op_models.py bad_auto_pad %t.bad_auto_pad.onnx && not tessera-compile %t.bad_auto_pad.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-AUTOPAD
// E-AUTOPAD: error: node 'conv0' (Conv): unknown auto_pad 'SAME_MIDDLE'

// num_outputs (2^62) that is not the node's output count is refused before
// anything is sized by it.
// RUN: %python %S/op_models.py bad_split_num_outputs %t.bad_split_num_outputs.onnx && not tessera-compile %t.bad_split_num_outputs.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-SPLITN
// E-SPLITN: error: node 'split0' (Split): num_outputs is 4611686018427387904 but the node has 2 outputs

// Split sizes that do not add up to the dimension.
// RUN: %python %S/op_models.py bad_split_sizes %t.bad_split_sizes.onnx && not tessera-compile %t.bad_split_sizes.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-SPLIT
// E-SPLIT: error: node 'split0' (Split): sizes [2, 3] do not add up to dimension 0 of size 6

// A Reshape whose -1 cannot be inferred.
// RUN: %python %S/op_models.py bad_reshape_count %t.bad_reshape_count.onnx && not tessera-compile %t.bad_reshape_count.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-RESHAPE
// E-RESHAPE: error: node 'reshape0' (Reshape): cannot infer the -1 of shape [4, -1] for 6 elements

// Shapes that do not broadcast: the error names the node.
// RUN: %python %S/op_models.py bad_broadcast %t.bad_broadcast.onnx && not tessera-compile %t.bad_broadcast.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-BCAST
// E-BCAST: {{.*}}.onnx:1:1: error: node 'add_mismatch' (Add): shapes 2x3, 4 do not broadcast

//===----------------------------------------------------------------------===//
// Tensors and shapes
//===----------------------------------------------------------------------===//

// An initializer whose raw_data (20 bytes) does not match its shape (24).
// RUN: %python %S/op_models.py bad_raw_data_size %t.bad_raw_data_size.onnx && not tessera-compile %t.bad_raw_data_size.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-RAW
// E-RAW: error: tensor 'w' holds 20 bytes of data, but 'tensor<2x3xf32>' needs 24

// The same with float_data: 3 values for 6.
// RUN: %python %S/op_models.py bad_typed_data_size %t.bad_typed_data_size.onnx && not tessera-compile %t.bad_typed_data_size.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-TYPED
// E-TYPED: error: tensor 'w' holds 12 bytes of data, but 'tensor<2x3xf32>' needs 24

// An initializer of 2^40 x 2^40 elements (and no data): refused before
// anything is allocated.
// RUN: %python %S/op_models.py bad_absurd_initializer %t.bad_absurd_initializer.onnx && not tessera-compile %t.bad_absurd_initializer.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-ABSURD-INIT
// E-ABSURD-INIT: error: tensor 'w' has an absurd shape (more than 2^40 elements)

// A graph input of 2^40 x 2^40 elements.
// RUN: %python %S/op_models.py bad_absurd_input %t.bad_absurd_input.onnx && not tessera-compile %t.bad_absurd_input.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-ABSURD-INPUT
// E-ABSURD-INPUT: error: input 'x' has an absurd shape (more than 2^40 elements)

// Two inputs of 2^40 elements whose broadcast has 2^80: refused at the node
// (its element count would overflow int64 in Size, Flatten or Reshape).
// RUN: %python %S/op_models.py bad_absurd_result %t.bad_absurd_result.onnx && not tessera-compile %t.bad_absurd_result.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-ABSURD-RESULT
// E-ABSURD-RESULT: error: node 'add0' (Add): the result 'tensor<1099511627776x1099511627776xf32>' has an absurd shape (more than 2^40 elements)

// A SAME-padded window spanning 2^64 elements: no int64 overflow, an error.
// RUN: %python %S/op_models.py bad_window_overflow %t.bad_window_overflow.onnx && not tessera-compile %t.bad_window_overflow.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-WINDOW
// E-WINDOW: error: node 'pool0' (MaxPool): kernel_shape, strides or dilations of spatial dimension 0 are too large or not positive

// A Range of 2^40 elements is not built.
// RUN: %python %S/op_models.py bad_range_huge %t.bad_range_huge.onnx && not tessera-compile %t.bad_range_huge.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-RANGE
// E-RANGE: error: node 'range0' (Range): the range has too many elements

// A negative dimension is an error, not a symbolic dimension.
// RUN: %python %S/op_models.py bad_negative_dim_input %t.bad_negative_dim_input.onnx && not tessera-compile %t.bad_negative_dim_input.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-NEG-INPUT
// E-NEG-INPUT: error: input 'x' has dimension 1 of negative size -3

// A negative dimension in an initializer.
// RUN: %python %S/op_models.py bad_negative_dim_initializer %t.bad_negative_dim_initializer.onnx && not tessera-compile %t.bad_negative_dim_initializer.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-NEG-INIT
// E-NEG-INIT: error: tensor 'w' has dimension 1 of negative size -3

// An element type Tessera does not have.
// RUN: %python %S/op_models.py bad_string_input %t.bad_string_input.onnx && not tessera-compile %t.bad_string_input.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-STRING
// E-STRING: error: input 'x' has element type STRING, which Tessera does not support

//===----------------------------------------------------------------------===//
// Static shapes and --input-shape
//===----------------------------------------------------------------------===//

// Symbolic dimensions need --input-shape: the message names the input and its
// symbolic dimensions; with it the model imports with the given shape, and a
// later --input-shape for the same input replaces an earlier one.
// RUN: %python %S/op_models.py symbolic_input %t.symbolic.onnx
// RUN: not tessera-compile %t.symbolic.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-SYMBOLIC
// RUN: tessera-compile %t.symbolic.onnx --emit=imported --input-shape=x:2x5x8 | FileCheck %s --check-prefix=SYMBOLIC-FIXED
// RUN: tessera-compile %t.symbolic.onnx --emit=imported --input-shape=x:2x5x8 --input-shape=x:3x1x8 | FileCheck %s --check-prefix=SYMBOLIC-LAST
// E-SYMBOLIC: error: input 'x' has symbolic dimensions [batch, seq]: fix them with --input-shape=x:<dims> (for example x:1x1x8)
// SYMBOLIC-FIXED-LABEL: func.func @main(
// SYMBOLIC-FIXED-SAME: %[[X:.*]]: tensor<2x5x8xf32> {tessera.name = "x"}) -> (tensor<2x5x8xf32> {tessera.name = "y"})
// SYMBOLIC-FIXED-NEXT: %[[Y:.*]] = tessera.relu %[[X]] : tensor<2x5x8xf32>
// SYMBOLIC-FIXED-NEXT: return %[[Y]] : tensor<2x5x8xf32>
// SYMBOLIC-LAST: func.func @main(%{{.*}}: tensor<3x1x8xf32>

// --input-shape errors: a name that is not an input (reported first, listing
// the inputs), a rank that differs from the model's, a size that contradicts a
// static dimension, bad syntax, a negative or unparsable size.
// RUN: not tessera-compile %t.symbolic.onnx --emit=imported --input-shape=nope:1 2>&1 | FileCheck %s --check-prefix=E-SHAPE-NAME
// RUN: not tessera-compile %t.symbolic.onnx --emit=imported --input-shape=x:2x5 2>&1 | FileCheck %s --check-prefix=E-SHAPE-RANK
// RUN: not tessera-compile %t.symbolic.onnx --emit=imported --input-shape=x:2x5x9 2>&1 | FileCheck %s --check-prefix=E-SHAPE-STATIC
// RUN: not tessera-compile %t.symbolic.onnx --emit=imported --input-shape=x 2>&1 | FileCheck %s --check-prefix=E-SHAPE-SYNTAX
// RUN: not tessera-compile %t.symbolic.onnx --emit=imported --input-shape=:2 2>&1 | FileCheck %s --check-prefix=E-SHAPE-NONAME
// RUN: not tessera-compile %t.symbolic.onnx --emit=imported --input-shape=x:2xax8 2>&1 | FileCheck %s --check-prefix=E-SHAPE-DIM
// RUN: not tessera-compile %t.symbolic.onnx --emit=imported --input-shape=x:-1x5x8 2>&1 | FileCheck %s --check-prefix=E-SHAPE-NEG
// RUN: not tessera-compile %t.symbolic.onnx --emit=imported --input-shape=x:1099511627776x1099511627776x8 2>&1 | FileCheck %s --check-prefix=E-SHAPE-ABSURD
// E-SHAPE-NAME: error: --input-shape names 'nope', which is not an input of the model (its inputs: 'x')
// E-SHAPE-RANK: error: --input-shape gives input 'x' rank 2 but the model declares rank 3
// E-SHAPE-STATIC: error: --input-shape gives dimension 2 of input 'x' size 9 but the model fixes it to 8
// E-SHAPE-SYNTAX: tessera-compile: error: --input-shape expects NAME:DIMxDIM... (for example input_ids:1x128), got 'x'
// E-SHAPE-NONAME: tessera-compile: error: --input-shape expects NAME:DIMxDIM... (for example input_ids:1x128), got ':2'
// E-SHAPE-DIM: tessera-compile: error: --input-shape: 'a' in 'x:2xax8' is not a dimension size
// E-SHAPE-NEG: tessera-compile: error: --input-shape: '-1' in 'x:-1x5x8' is not a dimension size
// E-SHAPE-ABSURD: error: input 'x' has an absurd shape (more than 2^40 elements)

// An input without any shape.
// RUN: %python %S/op_models.py bad_no_shape_input %t.bad_no_shape_input.onnx && not tessera-compile %t.bad_no_shape_input.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-NO-SHAPE
// E-NO-SHAPE: error: input 'x' has no shape: give one with --input-shape=x:<dims>

// A Reshape whose shape is a graph input: a static-shape compiler needs it
// at compile time.
// RUN: %python %S/op_models.py bad_reshape_runtime_shape %t.bad_reshape_runtime_shape.onnx && not tessera-compile %t.bad_reshape_runtime_shape.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-RUNTIME-SHAPE
// E-RUNTIME-SHAPE: error: node 'reshape0' (Reshape): the shape input must be known at compile time (a constant, or computed from shapes and constants)

// Likewise a Clip bound fed at run time.
// RUN: %python %S/op_models.py clip_runtime_bound %t.clip_runtime_bound.onnx && not tessera-compile %t.clip_runtime_bound.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-RUNTIME-CLIP
// E-RUNTIME-CLIP: error: node 'y' (Clip): the min input must be known at compile time (a constant, or computed from shapes and constants)

//===----------------------------------------------------------------------===//
// Unsupported opsets, domains, ops and modes
//===----------------------------------------------------------------------===//

// Opsets before 13 are refused.
// RUN: %python %S/op_models.py bad_opset12 %t.bad_opset12.onnx && not tessera-compile %t.bad_opset12.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-OPSET12
// E-OPSET12: {{.*}}.onnx:0:0: error: the model uses default-domain opset 12; Tessera imports opsets 13 to 24

// So are opsets after 24.
// RUN: %python %S/op_models.py bad_opset25 %t.bad_opset25.onnx && not tessera-compile %t.bad_opset25.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-OPSET25
// E-OPSET25: error: the model uses default-domain opset 25; Tessera imports opsets 13 to 24

// A model whose opset_import lacks the default domain.
// RUN: %python %S/op_models.py bad_no_default_domain %t.bad_no_default_domain.onnx && not tessera-compile %t.bad_no_default_domain.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-NO-DOMAIN
// E-NO-DOMAIN: error: the model imports no default-domain (ai.onnx) opset

// A node of another domain (com.microsoft).
// RUN: %python %S/op_models.py bad_other_domain %t.bad_other_domain.onnx && not tessera-compile %t.bad_other_domain.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-DOMAIN
// E-DOMAIN: error: the model uses 1 unsupported op type(s): FusedMatMul (domain 'com.microsoft')
// E-DOMAIN-NEXT: note: FusedMatMul (domain 'com.microsoft') in node(s) 'fused'

// Two unsupported op types in several nodes: one error lists both types, and
// one note per type lists its nodes (an unnamed node is <OpType>_<index>).
// RUN: %python %S/op_models.py bad_unsupported_ops %t.bad_unsupported_ops.onnx && not tessera-compile %t.bad_unsupported_ops.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-OPS
// E-OPS: error: the model uses 2 unsupported op type(s): TopK (opset 18), NonMaxSuppression (opset 18)
// E-OPS-NEXT: note: TopK (opset 18) in node(s) 'topk_a', 'topk_b', 'TopK_5'
// E-OPS-NEXT: note: NonMaxSuppression (opset 18) in node(s) 'nms_a', 'nms_b'
// E-OPS-NOT: error

// Seven nodes of one unsupported type: the first five are named.
// RUN: %python %S/op_models.py bad_many_unsupported %t.bad_many_unsupported.onnx && not tessera-compile %t.bad_many_unsupported.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-MANY
// E-MANY: error: the model uses 1 unsupported op type(s): Sin (opset 18)
// E-MANY-NEXT: note: Sin (opset 18) in node(s) 'Sin_0', 'Sin_1', 'Sin_2', 'Sin_3', 'Sin_4' and 2 more

// Gelu exists from opset 20.
// RUN: %python %S/op_models.py bad_gelu_opset18 %t.bad_gelu_opset18.onnx && not tessera-compile %t.bad_gelu_opset18.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-GELU18
// E-GELU18: error: the model uses 1 unsupported op type(s): Gelu (opset 18, imported from opset 20)
// E-GELU18-NEXT: note: Gelu (opset 18, imported from opset 20) in node(s) 'gelu0'

// Ops used at an opset before the one their converter implements (opset 13:
// Trilu is from 14, CastLike from 15, LayerNormalization from 17, Gelu 20).
// RUN: %python %S/op_models.py bad_ops_before_their_opset %t.bad_ops_before_their_opset.onnx && not tessera-compile %t.bad_ops_before_their_opset.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-SINCE
// E-SINCE: error: the model uses 4 unsupported op type(s): Trilu (opset 13, imported from opset 14), CastLike (opset 13, imported from opset 15), LayerNormalization (opset 13, imported from opset 17), Gelu (opset 13, imported from opset 20)
// E-SINCE-NEXT: note: Trilu (opset 13, imported from opset 14) in node(s) 'trilu0'
// E-SINCE-NEXT: note: CastLike (opset 13, imported from opset 15) in node(s) 'castlike0'
// E-SINCE-NEXT: note: LayerNormalization (opset 13, imported from opset 17) in node(s) 'ln0'
// E-SINCE-NEXT: note: Gelu (opset 13, imported from opset 20) in node(s) 'gelu0'

// 3-D convolution.
// RUN: %python %S/op_models.py bad_conv3d %t.bad_conv3d.onnx && not tessera-compile %t.bad_conv3d.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-CONV3D
// E-CONV3D: error: node 'conv3d' (Conv): only 1-D and 2-D windows are supported, got 3 spatial dimensions

// MaxPool's Indices output.
// RUN: %python %S/op_models.py bad_maxpool_indices %t.bad_maxpool_indices.onnx && not tessera-compile %t.bad_maxpool_indices.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-INDICES
// E-INDICES: error: node 'pool' (MaxPool): output #1 ('idx') is not supported by the importer

// Pad's wrap mode (opset 19).
// RUN: %python %S/op_models.py bad_pad_wrap %t.bad_pad_wrap.onnx && not tessera-compile %t.bad_pad_wrap.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-WRAP
// E-WRAP: error: node 'pad0' (Pad): pad mode 'wrap' is not supported (constant, reflect, edge)

// Dropout in training mode.
// RUN: %python %S/op_models.py dropout_training %t.dropout_training.onnx && not tessera-compile %t.dropout_training.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=E-TRAINING
// E-TRAINING: error: node 'y' (Dropout): training mode is not supported (Tessera compiles for inference)

// The exit code is exactly 1 (not a crash, not another code) for a sample of
// the refusals above: broken files, graphs, tensors, options, unsupported ops.
// RUN: %python -c "import subprocess, sys; print('exit codes', sorted({subprocess.run(['tessera-compile', *a.split(',')], capture_output=True).returncode for a in sys.argv[1:]}))" %t.trunc.onnx,--emit=imported %t.bad_garbage.onnx,--emit=imported %t.empty.onnx,--emit=imported %t.does-not-exist.onnx,--emit=imported %t.bad_dangling_input.onnx,--emit=imported %t.bad_raw_data_size.onnx,--emit=imported %t.bad_absurd_result.onnx,--emit=imported %t.symbolic.onnx,--emit=imported %t.symbolic.onnx,--input-shape=x %t.bad_ops_before_their_opset.onnx,--emit=imported %t.bad_broadcast.onnx,--emit=imported | FileCheck %s --check-prefix=E-EXIT
// E-EXIT: exit codes [1]
