// Tests initializers stored as external data. op_models.py ext_weights writes
// model.onnx and, next to it, weights.bin: 16 bytes of padding, W [2,3] =
// 1..6 (float32) at offset 16 (24 bytes), B [3] = [10, 20, 30] at offset 40;
// --location/--offset/--length change where the model says W is. Valid
// references import W's exact values; the importer confines external data
// to the model's directory and refuses everything else with a message naming
// the tensor: absolute paths, `..`, symbolic links or hard links that lead
// elsewhere, byte ranges beyond the file, a length that does not match the
// tensor, missing files and files that are not regular (a FIFO must not
// hang the import).

// RUN: rm -rf %t && mkdir -p %t/ok %t/sub/data %t/symin %t/abs %t/up/model %t/out %t/sym %t/hard %t/range %t/special/adir

// A valid model, given by an absolute path and by a relative one (the
// directory is then the current one).
// RUN: %python %S/op_models.py ext_weights %t/ok/model.onnx
// RUN: tessera-compile %t/ok/model.onnx --emit=imported | FileCheck %s --check-prefix=OK
// RUN: cd %t/ok && tessera-compile model.onnx --emit=imported | FileCheck %s --check-prefix=OK
// OK-LABEL: func.func @main(
// OK-SAME: %[[X:.*]]: tensor<1x2xf32> {tessera.name = "x"}) -> (tensor<1x3xf32> {tessera.name = "y"})
// OK-NEXT: %[[W:.*]] = tessera.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>
// OK-NEXT: %[[XW:.*]] = tessera.matmul %[[X]], %[[W]] : (tensor<1x2xf32>, tensor<2x3xf32>) -> tensor<1x3xf32>
// OK-NEXT: %[[B:.*]] = tessera.constant dense<[1.000000e+01, 2.000000e+01, 3.000000e+01]> : tensor<3xf32>
// OK-NEXT: %[[Y:.*]] = tessera.add %[[XW]], %[[B]] : (tensor<1x3xf32>, tensor<3xf32>) -> tensor<1x3xf32>
// OK-NEXT: return %[[Y]] : tensor<1x3xf32>

// Without offset and length, W is the first 24 bytes: the padding's zeros,
// then 1.0 and 2.0.
// RUN: %python %S/op_models.py ext_weights %t/ok/nooffset.onnx --offset none --length none
// RUN: tessera-compile %t/ok/nooffset.onnx --emit=imported | FileCheck %s --check-prefix=NOOFFSET
// NOOFFSET: tessera.constant dense<{{\[\[}}0.000000e+00, 0.000000e+00, 0.000000e+00], [0.000000e+00, 1.000000e+00, 2.000000e+00]]> : tensor<2x3xf32>

// A file in a subdirectory, and a symbolic link that stays inside the
// model's directory, are fine.
// RUN: %python %S/op_models.py ext_weights %t/sub/model.onnx --location data/w.bin
// RUN: cp %t/sub/weights.bin %t/sub/data/w.bin
// RUN: tessera-compile %t/sub/model.onnx --emit=imported | FileCheck %s --check-prefix=INSIDE
// RUN: %python %S/op_models.py ext_weights %t/symin/model.onnx --location alias.bin
// RUN: ln -s weights.bin %t/symin/alias.bin
// RUN: tessera-compile %t/symin/model.onnx --emit=imported | FileCheck %s --check-prefix=INSIDE
// INSIDE: tessera.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>

// An absolute location is refused, even to the right file.
// RUN: %python %S/op_models.py ext_weights %t/abs/model.onnx --location %t/abs/weights.bin
// RUN: not tessera-compile %t/abs/model.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=ABSOLUTE
// ABSOLUTE: error: external data of tensor 'W' is refused: the path '{{.*}}/abs/weights.bin' is absolute

// A location with `..` is refused, even though the file exists.
// RUN: %python %S/op_models.py ext_weights %t/up/model/model.onnx --location ../weights.bin
// RUN: cp %t/up/model/weights.bin %t/up/weights.bin
// RUN: not tessera-compile %t/up/model/model.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=DOTDOT
// DOTDOT: error: external data of tensor 'W' is refused: the path '../weights.bin' leaves the model's directory

// A symbolic link in the model's directory that points outside it.
// RUN: %python %S/op_models.py ext_weights %t/out/model.onnx
// RUN: %python %S/op_models.py ext_weights %t/sym/model.onnx --location link.bin
// RUN: ln -s %t/out/weights.bin %t/sym/link.bin
// RUN: not tessera-compile %t/sym/model.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=SYMLINK
// SYMLINK: error: external data of tensor 'W' is refused: 'link.bin' resolves to '{{.*}}/out/weights.bin', outside the model's directory

// A hard link (st_nlink > 1) may give a file anywhere another name.
// RUN: %python %S/op_models.py ext_weights %t/hard/model.onnx --location hard.bin
// RUN: ln %t/hard/weights.bin %t/hard/hard.bin
// RUN: not tessera-compile %t/hard/model.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=HARDLINK
// HARDLINK: error: external data of tensor 'W' is refused: 'hard.bin' is a hard link

// Byte ranges beyond the end of the 52-byte file: an offset past it, and an
// offset (40) whose 24 bytes run past it.
// RUN: %python %S/op_models.py ext_weights %t/range/offset.onnx --offset 1000
// RUN: not tessera-compile %t/range/offset.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=OFFSET
// OFFSET: error: external data of tensor 'W' is refused: bytes 1000 to 1024 lie beyond the end of 'weights.bin' (52 bytes)
// RUN: %python %S/op_models.py ext_weights %t/range/tail.onnx --offset 40
// RUN: not tessera-compile %t/range/tail.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=TAIL
// TAIL: error: external data of tensor 'W' is refused: bytes 40 to 64 lie beyond the end of 'weights.bin' (52 bytes)

// A length that is not the tensor's size, and a malformed offset.
// RUN: %python %S/op_models.py ext_weights %t/range/length.onnx --length 20
// RUN: not tessera-compile %t/range/length.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=LENGTH
// LENGTH: error: external data of tensor 'W' is 20 bytes, but 'tensor<2x3xf32>' needs 24
// RUN: %python %S/op_models.py ext_weights %t/range/badoffset.onnx --offset=-1
// RUN: not tessera-compile %t/range/badoffset.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=BADOFFSET
// BADOFFSET: error: external data of tensor 'W' has a malformed offset

// A missing file, an empty location, a directory and a FIFO.
// RUN: %python %S/op_models.py ext_weights %t/special/missing.onnx --location nothere.bin
// RUN: not tessera-compile %t/special/missing.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: error: external data of tensor 'W' is refused: the file '{{.*}}nothere.bin' does not exist
// RUN: %python %S/op_models.py ext_weights %t/special/empty.onnx --location=
// RUN: not tessera-compile %t/special/empty.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=NOFILE
// NOFILE: error: external data of tensor 'W' is refused: it names no file
// RUN: %python %S/op_models.py ext_weights %t/special/dir.onnx --location adir
// RUN: not tessera-compile %t/special/dir.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=DIR
// DIR: error: external data of tensor 'W' is refused: 'adir' is not a regular file
// RUN: %python %S/op_models.py ext_weights %t/special/fifo.onnx --location pipe
// RUN: mkfifo %t/special/pipe
// RUN: not tessera-compile %t/special/fifo.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=FIFO
// FIFO: error: external data of tensor 'W' is refused: 'pipe' is not a regular file
