//===- ImporterImpl.h - Internals of the ONNX importer ------------*- C++ -*-===//
//
// Part of Tessera. What the op converters share: NodeContext (one node's
// inputs, attributes and outputs, with checked access), tensor import, and
// the converter registry. Converters live in Convert*.cpp, one file per
// family of ops.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_COMPILER_IMPORT_ONNX_IMPORTERIMPL_H
#define TESSERA_COMPILER_IMPORT_ONNX_IMPORTERIMPL_H

#include "dialects/tessera/TesseraOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/StringMap.h"

// onnx_pb.h defines ONNX_API and picks onnx-ml.pb.h (ONNX_ML=1).
#include "onnx/onnx_pb.h"

#include <optional>
#include <string>

namespace mlir::tessera::onnx_import {

//===----------------------------------------------------------------------===//
// Tensors
//===----------------------------------------------------------------------===//

/// The MLIR element type of an ONNX TensorProto data type, or null when
/// Tessera has no such type (strings, complex, 4- and 8-bit floats).
Type convertElementType(MLIRContext *context, int32_t onnxType);

/// The ONNX name of a data type ("FLOAT16"), for messages.
std::string onnxTypeName(int32_t onnxType);

/// The largest tensor the importer accepts, in elements; anything larger is
/// an absurd shape, not a model.
inline constexpr int64_t kMaxTensorElements = int64_t(1) << 40;

/// Tensors with at most this many elements become inline `dense`
/// constants that folding can see (shape vectors, scalars); larger ones
/// become `dense_resource` blobs.
inline constexpr int64_t kMaxInlineElements = 64;

/// Reads external data safely: only regular files inside `baseDir`,
/// reached without `..`, absolute paths or links leading elsewhere.
class ExternalDataReader {
public:
  explicit ExternalDataReader(std::string baseDir)
      : baseDir(std::move(baseDir)) {}

  /// Checks that `size` bytes at `offset` of the file `location` may be
  /// read and exist; returns the file's resolved path.
  FailureOr<std::string> resolve(Location loc, llvm::StringRef tensorName,
                                 llvm::StringRef location, uint64_t offset,
                                 uint64_t size) const;

  /// Reads `into.size()` bytes at `offset` of a resolved file.
  LogicalResult read(Location loc, llvm::StringRef tensorName,
                     llvm::StringRef path, uint64_t offset,
                     llvm::MutableArrayRef<char> into) const;

private:
  std::string baseDir;
};

/// Converts a TensorProto (an initializer, or the value of a Constant
/// node) into an elements attribute, copying its data once. `name` names it
/// in messages and resource blobs.
FailureOr<ElementsAttr> importTensor(const onnx::TensorProto &tensor,
                                     llvm::StringRef name, Location loc,
                                     const ExternalDataReader &externalData);

//===----------------------------------------------------------------------===//
// Building tessera IR
//===----------------------------------------------------------------------===//

/// A constant op for `value` (folded uses see it).
Value createConstant(OpBuilder &b, Location loc, ElementsAttr value);
/// A rank-0 constant of `elementType` holding `value`.
Value createScalar(OpBuilder &b, Location loc, Type elementType, double value);
/// A 1-D i64 constant.
Value createI64Vector(OpBuilder &b, Location loc, llvm::ArrayRef<int64_t> values);

//===----------------------------------------------------------------------===//
// Nodes
//===----------------------------------------------------------------------===//

class GraphImporter;

/// One ONNX node as a converter sees it.
class NodeContext {
public:
  NodeContext(GraphImporter &graph, const onnx::NodeProto &node,
              llvm::StringRef displayName, Location loc, OpBuilder &builder);

  OpBuilder &builder;
  Location loc;

  llvm::StringRef getOpType() const { return node.op_type(); }
  llvm::StringRef getName() const { return displayName; }
  int64_t getOpset() const;
  MLIRContext *getContext() const { return builder.getContext(); }

  /// An error naming the node: "node 'x' (Conv): ...".
  InFlightDiagnostic emitError() const;

  // Inputs. An input written as an empty name is absent.
  unsigned getNumInputs() const { return node.input_size(); }
  bool hasInput(unsigned i) const {
    return static_cast<int>(i) < node.input_size() && !node.input(i).empty();
  }
  /// The value of input `i`, or null when absent.
  Value input(unsigned i) const;
  /// The value of input `i`; an error when absent.
  FailureOr<Value> requiredInput(unsigned i) const;
  /// The type of a present input.
  RankedTensorType inputType(unsigned i) const;
  /// The dense constant behind input `i`; an error saying that `what` must
  /// be known at compile time otherwise.
  FailureOr<DenseElementsAttr> constantInput(unsigned i,
                                             llvm::StringRef what) const;
  /// The integer values of a constant input (rank 0 or 1).
  FailureOr<llvm::SmallVector<int64_t>> intsInput(unsigned i,
                                                  llvm::StringRef what) const;
  /// The single value of a constant scalar (or one-element) input.
  FailureOr<double> scalarInput(unsigned i, llvm::StringRef what) const;

  // Attributes. A missing attribute takes `fallback`; without one it is an
  // error, as is an attribute of the wrong type.
  const onnx::AttributeProto *findAttr(llvm::StringRef name) const;
  FailureOr<int64_t> getInt(llvm::StringRef name,
                            std::optional<int64_t> fallback) const;
  FailureOr<float> getFloat(llvm::StringRef name,
                            std::optional<float> fallback) const;
  FailureOr<std::string> getString(llvm::StringRef name,
                                   std::optional<std::string> fallback) const;
  FailureOr<llvm::SmallVector<int64_t>>
  getInts(llvm::StringRef name,
          std::optional<llvm::SmallVector<int64_t>> fallback) const;
  FailureOr<ElementsAttr> getTensor(llvm::StringRef name) const;

  // Outputs.
  unsigned getNumOutputs() const { return node.output_size(); }
  bool isOutputUsed(unsigned i) const {
    return static_cast<int>(i) < node.output_size() && !node.output(i).empty();
  }
  /// Binds output `i` to `value`.
  LogicalResult setOutput(unsigned i, Value value);

  /// `axis` (possibly negative) as a dimension of a tensor of `rank`.
  FailureOr<int64_t> normalizeAxis(int64_t axis, int64_t rank,
                                   llvm::StringRef what = "axis") const;

  // Building ops. The generated builders abort when a result type cannot be
  // inferred; these report why (naming the node) and fail instead, then
  // verify the op and fold it, so that shape computations become constants
  // as they are imported.

  /// An op with `numResults` inferred results.
  template <typename OpTy, typename... Args>
  FailureOr<llvm::SmallVector<Value>> createResults(unsigned numResults,
                                                    Args &&...args) {
    llvm::SmallVector<Type> placeholders(numResults,
                                         NoneType::get(getContext()));
    auto op = OpTy::create(builder, loc, TypeRange(placeholders),
                           std::forward<Args>(args)...);
    return finishOp(op.getOperation(), /*inferTypes=*/true);
  }

  /// An op with one inferred result.
  template <typename OpTy, typename... Args>
  FailureOr<Value> create(Args &&...args) {
    FailureOr<llvm::SmallVector<Value>> results =
        createResults<OpTy>(1, std::forward<Args>(args)...);
    if (failed(results))
      return failure();
    return results->front();
  }

  /// An op whose result type is its parameter (reshape, broadcast, cast).
  template <typename OpTy, typename... Args>
  FailureOr<Value> createTyped(Type resultType, Args &&...args) {
    auto op = OpTy::create(builder, loc, resultType,
                           std::forward<Args>(args)...);
    FailureOr<llvm::SmallVector<Value>> results =
        finishOp(op.getOperation(), /*inferTypes=*/false);
    if (failed(results))
      return failure();
    return results->front();
  }

  /// `value` reshaped to `shape`, cast to `elementType`, broadcast to
  /// `shape`; each returns `value` itself when nothing changes.
  FailureOr<Value> reshape(Value value, llvm::ArrayRef<int64_t> shape);
  FailureOr<Value> castTo(Value value, Type elementType);
  FailureOr<Value> broadcastTo(Value value, llvm::ArrayRef<int64_t> shape);
  /// A rank-0 constant of `elementType`.
  Value scalar(Type elementType, double value) {
    return createScalar(builder, loc, elementType, value);
  }

private:
  /// Infers (optionally) the result types of a freshly built `op`, verifies
  /// and folds it; erases it and reports the reason at the node on failure.
  FailureOr<llvm::SmallVector<Value>> finishOp(Operation *op, bool inferTypes);

  GraphImporter &graph;
  const onnx::NodeProto &node;
  std::string displayName;
};

//===----------------------------------------------------------------------===//
// Converters
//===----------------------------------------------------------------------===//

using ConvertFn = LogicalResult (*)(NodeContext &);

struct OpConverter {
  /// The first opset whose semantics the converter implements (older
  /// opsets of the op are not supported).
  int64_t sinceOpset;
  ConvertFn convert;
};

using ConverterMap = llvm::StringMap<OpConverter>;

void addElementwiseConverters(ConverterMap &converters);
void addNeuralNetConverters(ConverterMap &converters);
void addShapeConverters(ConverterMap &converters);

/// Every converter, by op type.
const ConverterMap &getConverters();

} // namespace mlir::tessera::onnx_import

#endif // TESSERA_COMPILER_IMPORT_ONNX_IMPORTERIMPL_H
