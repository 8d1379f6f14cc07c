//===- OnnxImporter.cpp - ONNX models into the tessera dialect -----------===//
//
// Part of Tessera. The model and graph level of the importer: parsing,
// opset and op support checks, graph inputs and outputs, initializers, the
// name-to-value map, and NodeContext. The ops themselves are converted in
// Convert*.cpp.
//
//===----------------------------------------------------------------------===//

#include "compiler/import/onnx/OnnxImporter.h"
#include "compiler/import/onnx/ImporterImpl.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/APSInt.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/stubs/logging.h>

#include <climits>

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::onnx_import;

namespace mlir::tessera::onnx_import {

/// Imports one graph into one function.
class GraphImporter {
public:
  GraphImporter(MLIRContext *context, const onnx::ModelProto &model,
                StringRef modelName, const OnnxImportOptions &options,
                ExternalDataReader externalData)
      : context(context), model(model), modelName(modelName.str()),
        options(options), externalData(std::move(externalData)),
        builder(context) {}

  OwningOpRef<ModuleOp> run();

  int64_t getOpset() const { return opset; }

  /// The value named `name`, importing an initializer on first use; null
  /// after reporting an error when there is none.
  Value lookup(StringRef name, const NodeContext &node);

  /// Binds `name` (an SSA name of the graph) to `value`.
  LogicalResult define(StringRef name, Value value, Location loc);

  /// Whether `name` already names a graph input, an initializer or the
  /// output of an earlier node.
  bool isDefined(StringRef name) const {
    return values.count(name) || initializers.count(name);
  }

  const ExternalDataReader &getExternalData() const { return externalData; }

private:
  Location modelLoc() {
    return FileLineColLoc::get(context, modelName, 0, 0);
  }
  LogicalResult checkOpset();
  LogicalResult checkOpsSupported();
  FailureOr<RankedTensorType> getInputType(const onnx::ValueInfoProto &input);
  void nameOutputs(const onnx::NodeProto &node, Location nodeLoc);

  MLIRContext *context;
  const onnx::ModelProto &model;
  std::string modelName;
  const OnnxImportOptions &options;
  ExternalDataReader externalData;
  OpBuilder builder;
  int64_t opset = 0;
  llvm::StringMap<Value> values;
  llvm::StringMap<const onnx::TensorProto *> initializers;
};

} // namespace mlir::tessera::onnx_import

//===----------------------------------------------------------------------===//
// Model-level checks
//===----------------------------------------------------------------------===//

static bool isDefaultDomain(StringRef domain) {
  return domain.empty() || domain == "ai.onnx";
}

LogicalResult GraphImporter::checkOpset() {
  std::optional<int64_t> found;
  for (const onnx::OperatorSetIdProto &set : model.opset_import())
    if (isDefaultDomain(set.domain()))
      found = set.version();
  if (!found)
    return emitError(modelLoc())
           << "the model imports no default-domain (ai.onnx) opset";
  if (*found < kMinOnnxOpset || *found > kMaxOnnxOpset)
    return emitError(modelLoc())
           << "the model uses default-domain opset " << *found
           << "; Tessera imports opsets " << kMinOnnxOpset << " to "
           << kMaxOnnxOpset;
  opset = *found;
  return success();
}

/// The name a node goes by in messages: its own, or OpType_index.
static std::string getDisplayName(const onnx::NodeProto &node, int index) {
  if (!node.name().empty())
    return node.name();
  return node.op_type() + "_" + std::to_string(index);
}

LogicalResult GraphImporter::checkOpsSupported() {
  // Every unsupported op of the model is listed at once, grouped by type.
  SmallVector<std::pair<std::string, SmallVector<std::string>>> unsupported;
  llvm::StringMap<size_t> indexOf;
  const ConverterMap &converters = getConverters();
  for (auto [index, node] : llvm::enumerate(model.graph().node())) {
    std::string key;
    if (!isDefaultDomain(node.domain())) {
      key = node.op_type() + " (domain '" + node.domain() + "')";
    } else {
      auto it = converters.find(node.op_type());
      if (it != converters.end() && opset >= it->second.sinceOpset)
        continue;
      key = node.op_type() + " (opset " + std::to_string(opset);
      // An op that newer opsets define (or redefine) says from which.
      if (it != converters.end())
        key += ", imported from opset " +
               std::to_string(it->second.sinceOpset);
      key += ")";
    }
    auto [slot, isNew] = indexOf.try_emplace(key, unsupported.size());
    if (isNew)
      unsupported.push_back({key, {}});
    unsupported[slot->second].second.push_back(
        "'" + getDisplayName(node, index) + "'");
  }
  if (unsupported.empty())
    return success();
  InFlightDiagnostic diag = emitError(modelLoc());
  diag << "the model uses " << unsupported.size()
       << " unsupported op type(s): ";
  llvm::interleaveComma(unsupported, diag,
                        [&](const auto &entry) { diag << entry.first; });
  for (const auto &[key, nodes] : unsupported) {
    constexpr size_t kShown = 5;
    std::string list = llvm::join(llvm::ArrayRef(nodes).take_front(kShown), ", ");
    if (nodes.size() > kShown)
      list += " and " + std::to_string(nodes.size() - kShown) + " more";
    diag.attachNote(modelLoc()) << key << " in node(s) " << list;
  }
  return failure();
}

FailureOr<RankedTensorType>
GraphImporter::getInputType(const onnx::ValueInfoProto &input) {
  Location loc = NameLoc::get(StringAttr::get(context, input.name()), modelLoc());
  if (!input.type().has_tensor_type())
    return emitError(loc) << "input '" << input.name()
                          << "' is not a tensor; Tessera imports tensors only";
  const onnx::TypeProto::Tensor &tensor = input.type().tensor_type();
  Type element = convertElementType(context, tensor.elem_type());
  if (!element)
    return emitError(loc) << "input '" << input.name() << "' has element type "
                          << onnxTypeName(tensor.elem_type())
                          << ", which Tessera does not support";

  SmallVector<int64_t> shape;
  SmallVector<std::string> symbolic;
  bool hasShape = tensor.has_shape();
  if (hasShape) {
    for (const onnx::TensorShapeProto::Dimension &dim : tensor.shape().dim()) {
      // A negative size is no symbolic dimension to fix: the model is wrong.
      if (dim.has_dim_value() && dim.dim_value() < 0)
        return emitError(loc) << "input '" << input.name() << "' has dimension "
                              << shape.size() << " of negative size "
                              << dim.dim_value();
      if (dim.has_dim_value()) {
        shape.push_back(dim.dim_value());
        continue;
      }
      shape.push_back(ShapedType::kDynamic);
      symbolic.push_back(dim.has_dim_param() && !dim.dim_param().empty()
                             ? dim.dim_param()
                             : "?");
    }
  }

  auto fixed = options.inputShapes.find(input.name());
  if (fixed != options.inputShapes.end()) {
    ArrayRef<int64_t> given = fixed->second;
    if (hasShape && given.size() != shape.size())
      return emitError(loc) << "--input-shape gives input '" << input.name()
                            << "' rank " << given.size()
                            << " but the model declares rank " << shape.size();
    for (auto [i, size] : llvm::enumerate(given)) {
      if (hasShape && shape[i] != ShapedType::kDynamic && shape[i] != size &&
          !options.overrideFixedShapes)
        return emitError(loc)
               << "--input-shape gives dimension " << i << " of input '"
               << input.name() << "' size " << size
               << " but the model fixes it to " << shape[i];
    }
    shape.assign(given.begin(), given.end());
  } else if (!hasShape) {
    return emitError(loc) << "input '" << input.name()
                          << "' has no shape: give one with --input-shape="
                          << input.name() << ":<dims>";
  } else if (!symbolic.empty()) {
    return emitError(loc) << "input '" << input.name()
                          << "' has symbolic dimensions ["
                          << llvm::join(symbolic, ", ")
                          << "]: fix them with --input-shape=" << input.name()
                          << ":<dims> (for example "
                          << input.name() << ":"
                          << llvm::join(llvm::map_range(shape,
                                                        [](int64_t d) {
                                                          return std::to_string(
                                                              d == ShapedType::kDynamic
                                                                  ? 1
                                                                  : d);
                                                        }),
                                        "x")
                          << ")";
  }
  int64_t elements = 1;
  for (int64_t size : shape) {
    if (size < 0 || (size > 0 && elements > kMaxTensorElements / size))
      return emitError(loc) << "input '" << input.name()
                            << "' has an absurd shape (more than 2^40 "
                               "elements)";
    elements *= size;
  }
  return RankedTensorType::get(shape, element);
}

//===----------------------------------------------------------------------===//
// Values
//===----------------------------------------------------------------------===//

Value GraphImporter::lookup(StringRef name, const NodeContext &node) {
  auto found = values.find(name);
  if (found != values.end())
    return found->second;
  auto initializer = initializers.find(name);
  if (initializer == initializers.end()) {
    node.emitError() << "input '" << name
                     << "' is not a graph input, an initializer or the "
                        "output of an earlier node";
    return nullptr;
  }
  Location loc = NameLoc::get(StringAttr::get(context, name), modelLoc());
  FailureOr<ElementsAttr> attr =
      importTensor(*initializer->second, name, loc, externalData);
  if (failed(attr))
    return nullptr;
  Value constant = createConstant(builder, loc, *attr);
  values[name] = constant;
  return constant;
}

LogicalResult GraphImporter::define(StringRef name, Value value, Location loc) {
  if (name.empty())
    return success();
  if (!values.try_emplace(name, value).second || initializers.count(name))
    return emitError(loc) << "the name '" << name
                          << "' is defined more than once in the graph";
  return success();
}

/// Gives each op this node made that defines one of its outputs the names
/// of the outputs it defines: its location becomes
/// `loc(fused<["out0", ...]>[<node loc>])`, one name per result ("" for a
/// result that is no output), so passes can refer to a tensor by its ONNX
/// name (tessera-apply-shard-rules). An output that is a value made by
/// another node (Identity, a folded no-op) keeps that node's location.
void GraphImporter::nameOutputs(const onnx::NodeProto &node,
                                Location nodeLoc) {
  llvm::MapVector<Operation *, SmallVector<Attribute>> names;
  for (const std::string &output : node.output()) {
    auto found = values.find(output);
    if (output.empty() || found == values.end())
      continue;
    auto result = dyn_cast<OpResult>(found->second);
    if (!result || result.getOwner()->getLoc() != nodeLoc)
      continue;
    Operation *op = result.getOwner();
    SmallVector<Attribute> &opNames = names[op];
    if (opNames.empty())
      opNames.assign(op->getNumResults(), StringAttr::get(context, ""));
    opNames[result.getResultNumber()] = StringAttr::get(context, output);
  }
  for (auto &[op, opNames] : names)
    op->setLoc(FusedLoc::get(context, {nodeLoc},
                             ArrayAttr::get(context, opNames)));
}

//===----------------------------------------------------------------------===//
// The graph
//===----------------------------------------------------------------------===//

OwningOpRef<ModuleOp> GraphImporter::run() {
  if (!model.has_graph()) {
    emitError(modelLoc()) << "the file holds no graph: is it an ONNX model?";
    return nullptr;
  }
  if (failed(checkOpset()) || failed(checkOpsSupported()))
    return nullptr;
  const onnx::GraphProto &graph = model.graph();

  for (const onnx::TensorProto &tensor : graph.initializer())
    initializers[tensor.name()] = &tensor;

  // Graph inputs that are not initializers become function arguments.
  SmallVector<const onnx::ValueInfoProto *> inputs;
  for (const onnx::ValueInfoProto &input : graph.input())
    if (!initializers.count(input.name()))
      inputs.push_back(&input);
  // A misspelt --input-shape is reported before what it was meant to fix.
  for (const auto &entry : options.inputShapes) {
    StringRef name = entry.getKey();
    if (llvm::none_of(inputs, [&](const onnx::ValueInfoProto *input) {
          return input->name() == name;
        })) {
      InFlightDiagnostic diag = emitError(modelLoc());
      diag << "--input-shape names '" << name
           << "', which is not an input of the model (its inputs: ";
      if (inputs.empty())
        diag << "none";
      llvm::interleaveComma(inputs, diag,
                            [&](const onnx::ValueInfoProto *input) {
                              diag << "'" << input->name() << "'";
                            });
      diag << ")";
      return nullptr;
    }
  }
  SmallVector<Type> inputTypes;
  for (const onnx::ValueInfoProto *input : inputs) {
    FailureOr<RankedTensorType> type = getInputType(*input);
    if (failed(type))
      return nullptr;
    inputTypes.push_back(*type);
  }

  OwningOpRef<ModuleOp> module = ModuleOp::create(modelLoc());
  builder.setInsertionPointToEnd(module->getBody());
  auto function = func::FuncOp::create(
      builder, modelLoc(), options.functionName,
      builder.getFunctionType(inputTypes, {}));
  Block *body = function.addEntryBlock();
  builder.setInsertionPointToEnd(body);
  for (auto [index, input] : llvm::enumerate(inputs)) {
    function.setArgAttr(index, "tessera.name",
                        builder.getStringAttr(input->name()));
    if (failed(define(input->name(), body->getArgument(index), modelLoc())))
      return nullptr;
  }

  const ConverterMap &converters = getConverters();
  for (auto [index, node] : llvm::enumerate(graph.node())) {
    std::string name = getDisplayName(node, index);
    Location loc = NameLoc::get(
        StringAttr::get(context, name + " (" + node.op_type() + ")"),
        FileLineColLoc::get(context, modelName, index + 1, 1));
    NodeContext ctx(*this, node, name, loc, builder);
    if (failed(converters.find(node.op_type())->second.convert(ctx)))
      return nullptr;
    for (unsigned i = 0; i < ctx.getNumOutputs(); ++i) {
      if (ctx.isOutputUsed(i) && !values.count(node.output(i))) {
        ctx.emitError() << "output #" << i << " ('" << node.output(i)
                        << "') is not supported by the importer";
        return nullptr;
      }
    }
    nameOutputs(node, loc);
  }

  SmallVector<Value> results;
  for (const onnx::ValueInfoProto &output : graph.output()) {
    auto found = values.find(output.name());
    Value value = found == values.end() ? nullptr : found->second;
    if (!value && initializers.count(output.name())) {
      NodeContext dummy(*this, onnx::NodeProto::default_instance(), "outputs",
                        modelLoc(), builder);
      value = lookup(output.name(), dummy);
    }
    if (!value) {
      emitError(modelLoc()) << "graph output '" << output.name()
                            << "' is not produced by any node";
      return nullptr;
    }
    results.push_back(value);
  }
  func::ReturnOp::create(builder, modelLoc(), results);
  // Shape computations folded into constants leave their inputs unused.
  for (Operation &op : llvm::make_early_inc_range(llvm::reverse(*body)))
    if (isOpTriviallyDead(&op))
      op.erase();
  function.setType(builder.getFunctionType(inputTypes,
                                           ValueRange(results).getTypes()));
  for (auto [index, output] : llvm::enumerate(graph.output()))
    function.setResultAttr(index, "tessera.name",
                           builder.getStringAttr(output.name()));

  if (failed(verify(*module)))
    return nullptr;
  return module;
}

//===----------------------------------------------------------------------===//
// NodeContext
//===----------------------------------------------------------------------===//

NodeContext::NodeContext(GraphImporter &graph, const onnx::NodeProto &node,
                         StringRef displayName, Location loc,
                         OpBuilder &builder)
    : builder(builder), loc(loc), graph(graph), node(node),
      displayName(displayName.str()) {}

int64_t NodeContext::getOpset() const { return graph.getOpset(); }

InFlightDiagnostic NodeContext::emitError() const {
  InFlightDiagnostic diag = mlir::emitError(loc);
  diag << "node '" << displayName << "' (" << node.op_type() << "): ";
  return diag;
}

Value NodeContext::input(unsigned i) const {
  if (!hasInput(i))
    return nullptr;
  return graph.lookup(node.input(i), *this);
}

FailureOr<Value> NodeContext::requiredInput(unsigned i) const {
  if (!hasInput(i)) {
    emitError() << "input #" << i << " is required";
    return failure();
  }
  Value value = input(i);
  if (!value)
    return failure();
  return value;
}

RankedTensorType NodeContext::inputType(unsigned i) const {
  return cast<RankedTensorType>(input(i).getType());
}

FailureOr<DenseElementsAttr> NodeContext::constantInput(unsigned i,
                                                        StringRef what) const {
  FailureOr<Value> value = requiredInput(i);
  if (failed(value))
    return failure();
  DenseElementsAttr attr;
  if (!matchPattern(*value, m_Constant(&attr))) {
    emitError() << what
                << " must be known at compile time (a constant, or computed "
                   "from shapes and constants)";
    return failure();
  }
  return attr;
}

FailureOr<SmallVector<int64_t>> NodeContext::intsInput(unsigned i,
                                                       StringRef what) const {
  FailureOr<DenseElementsAttr> attr = constantInput(i, what);
  if (failed(attr))
    return failure();
  if (!isa<IntegerType>(attr->getElementType()) ||
      attr->getType().getRank() > 1) {
    emitError() << what << " must be an integer scalar or vector, got "
                << attr->getType();
    return failure();
  }
  SmallVector<int64_t> values;
  for (const APInt &value : attr->getValues<APInt>())
    values.push_back(attr->getElementType().isUnsignedInteger()
                         ? static_cast<int64_t>(value.getZExtValue())
                         : value.getSExtValue());
  return values;
}

FailureOr<double> NodeContext::scalarInput(unsigned i, StringRef what) const {
  FailureOr<DenseElementsAttr> attr = constantInput(i, what);
  if (failed(attr))
    return failure();
  if (attr->getNumElements() != 1) {
    emitError() << what << " must have one element, got " << attr->getType();
    return failure();
  }
  Type element = attr->getElementType();
  if (isa<FloatType>(element))
    return (*attr->value_begin<APFloat>()).convertToDouble();
  APInt value = *attr->value_begin<APInt>();
  return element.isUnsignedInteger() || element.isInteger(1)
             ? static_cast<double>(value.getZExtValue())
             : static_cast<double>(value.getSExtValue());
}

const onnx::AttributeProto *NodeContext::findAttr(StringRef name) const {
  for (const onnx::AttributeProto &attr : node.attribute())
    if (attr.name() == name)
      return &attr;
  return nullptr;
}

/// The attribute's type as ONNX names it, for messages.
static StringRef attrTypeName(const onnx::AttributeProto &attr) {
  return onnx::AttributeProto::AttributeType_Name(attr.type());
}

FailureOr<int64_t> NodeContext::getInt(StringRef name,
                                       std::optional<int64_t> fallback) const {
  const onnx::AttributeProto *attr = findAttr(name);
  if (!attr) {
    if (fallback)
      return *fallback;
    emitError() << "attribute '" << name << "' is required";
    return failure();
  }
  if (attr->type() != onnx::AttributeProto::INT) {
    emitError() << "attribute '" << name << "' must be an INT, got "
                << attrTypeName(*attr);
    return failure();
  }
  return attr->i();
}

FailureOr<float> NodeContext::getFloat(StringRef name,
                                       std::optional<float> fallback) const {
  const onnx::AttributeProto *attr = findAttr(name);
  if (!attr) {
    if (fallback)
      return *fallback;
    emitError() << "attribute '" << name << "' is required";
    return failure();
  }
  if (attr->type() != onnx::AttributeProto::FLOAT) {
    emitError() << "attribute '" << name << "' must be a FLOAT, got "
                << attrTypeName(*attr);
    return failure();
  }
  return attr->f();
}

FailureOr<std::string>
NodeContext::getString(StringRef name,
                       std::optional<std::string> fallback) const {
  const onnx::AttributeProto *attr = findAttr(name);
  if (!attr) {
    if (fallback)
      return *fallback;
    emitError() << "attribute '" << name << "' is required";
    return failure();
  }
  if (attr->type() != onnx::AttributeProto::STRING) {
    emitError() << "attribute '" << name << "' must be a STRING, got "
                << attrTypeName(*attr);
    return failure();
  }
  return attr->s();
}

FailureOr<SmallVector<int64_t>>
NodeContext::getInts(StringRef name,
                     std::optional<SmallVector<int64_t>> fallback) const {
  const onnx::AttributeProto *attr = findAttr(name);
  if (!attr) {
    if (fallback)
      return *fallback;
    emitError() << "attribute '" << name << "' is required";
    return failure();
  }
  if (attr->type() != onnx::AttributeProto::INTS) {
    emitError() << "attribute '" << name << "' must be INTS, got "
                << attrTypeName(*attr);
    return failure();
  }
  return SmallVector<int64_t>(attr->ints().begin(), attr->ints().end());
}

FailureOr<ElementsAttr> NodeContext::getTensor(StringRef name) const {
  const onnx::AttributeProto *attr = findAttr(name);
  if (!attr) {
    emitError() << "attribute '" << name << "' is required";
    return failure();
  }
  if (attr->type() != onnx::AttributeProto::TENSOR) {
    emitError() << "attribute '" << name << "' must be a TENSOR, got "
                << attrTypeName(*attr);
    return failure();
  }
  return importTensor(attr->t(), displayName, loc, graph.getExternalData());
}

LogicalResult NodeContext::setOutput(unsigned i, Value value) {
  if (!isOutputUsed(i))
    return success();
  // SSA: every name is defined once; say which node defines it again.
  if (graph.isDefined(node.output(i)))
    return emitError() << "output #" << i << " '" << node.output(i)
                       << "' is already defined (by a graph input, an "
                          "initializer or an earlier node): a name is "
                          "defined once in a graph";
  return graph.define(node.output(i), value, loc);
}

FailureOr<SmallVector<Value>> NodeContext::finishOp(Operation *op,
                                                   bool inferTypes) {
  // Collect what inference and verification say, to report it as one error
  // that names the node.
  SmallVector<std::string> problems;
  LogicalResult ok = success();
  {
    ScopedDiagnosticHandler capture(getContext(), [&](Diagnostic &diag) {
      if (diag.getSeverity() == DiagnosticSeverity::Error)
        problems.push_back(diag.str());
      return success();
    });
    if (inferTypes) {
      SmallVector<Type> types;
      auto infer = cast<InferTypeOpInterface>(op);
      ok = infer.inferReturnTypes(getContext(), loc, op->getOperands(),
                                  op->getRawDictionaryAttrs(),
                                  op->getPropertiesStorage(), op->getRegions(),
                                  types);
      if (succeeded(ok))
        for (auto [result, type] : llvm::zip_equal(op->getResults(), types))
          result.setType(type);
    }
    // Operands within the limit can still make a result beyond it (a
    // broadcast of [2^40, 1] and [1, 2^40]), whose element count would
    // overflow wherever it is computed: checked before the verifier runs.
    for (Type type : op->getResultTypes()) {
      auto ranked = dyn_cast<RankedTensorType>(type);
      if (failed(ok) || !ranked)
        break;
      int64_t elements = 1;
      for (int64_t size : ranked.getShape()) {
        if (size > 0 && elements > kMaxTensorElements / size) {
          std::string text;
          llvm::raw_string_ostream os(text);
          os << "the result '" << type
             << "' has an absurd shape (more than 2^40 elements)";
          problems.push_back(text);
          ok = failure();
          break;
        }
        elements *= size;
      }
    }
    if (succeeded(ok))
      ok = verify(op);
  }
  if (failed(ok)) {
    op->erase();
    InFlightDiagnostic diag = emitError();
    diag << (problems.empty() ? std::string("invalid operands or attributes")
                              : llvm::join(problems, "; "));
    return failure();
  }
  SmallVector<Value> results;
  if (succeeded(builder.tryFold(op, results)) && !results.empty()) {
    op->erase();
    return results;
  }
  return SmallVector<Value>(op->getResults());
}

FailureOr<Value> NodeContext::reshape(Value value, ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getShape() == shape)
    return value;
  return createTyped<ReshapeOp>(type.clone(shape), value);
}

FailureOr<Value> NodeContext::castTo(Value value, Type elementType) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getElementType() == elementType)
    return value;
  return createTyped<CastOp>(type.clone(elementType), value);
}

FailureOr<Value> NodeContext::broadcastTo(Value value, ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getShape() == shape)
    return value;
  return createTyped<BroadcastOp>(type.clone(shape), value);
}

FailureOr<int64_t> NodeContext::normalizeAxis(int64_t axis, int64_t rank,
                                              StringRef what) const {
  if (axis < -rank || axis >= rank) {
    emitError() << what << " " << axis << " is out of range for rank "
                << rank;
    return failure();
  }
  return axis < 0 ? axis + rank : axis;
}

//===----------------------------------------------------------------------===//
// Building helpers
//===----------------------------------------------------------------------===//

Value onnx_import::createConstant(OpBuilder &b, Location loc,
                                  ElementsAttr value) {
  return ConstantOp::create(b, loc, value);
}

Value onnx_import::createScalar(OpBuilder &b, Location loc, Type elementType,
                                double value) {
  auto type = RankedTensorType::get({}, elementType);
  Attribute element;
  if (isa<FloatType>(elementType)) {
    element = b.getFloatAttr(elementType, value);
  } else {
    APSInt integer(elementType.getIntOrFloatBitWidth(),
                   elementType.isUnsignedInteger() || elementType.isInteger(1));
    bool isExact;
    // Saturates values the type cannot hold.
    (void)APFloat(value).convertToInteger(integer, APFloat::rmTowardZero,
                                          &isExact);
    element = b.getIntegerAttr(elementType, integer);
  }
  return createConstant(b, loc, DenseElementsAttr::get(type, element));
}

Value onnx_import::createI64Vector(OpBuilder &b, Location loc,
                                   ArrayRef<int64_t> values) {
  auto type = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                    b.getI64Type());
  return createConstant(b, loc, DenseElementsAttr::get(type, values));
}

const ConverterMap &onnx_import::getConverters() {
  static const ConverterMap converters = [] {
    ConverterMap map;
    addElementwiseConverters(map);
    addNeuralNetConverters(map);
    addShapeConverters(map);
    return map;
  }();
  return converters;
}

//===----------------------------------------------------------------------===//
// Public entry points
//===----------------------------------------------------------------------===//

bool mlir::tessera::parseInputShapeSpec(StringRef spec,
                                        OnnxImportOptions &options,
                                        std::string &error) {
  auto [name, dims] = spec.rsplit(':');
  if (name.empty() || name.size() == spec.size()) {
    error = "--input-shape expects NAME:DIMxDIM... (for example "
            "input_ids:1x128), got '" +
            spec.str() + "'";
    return false;
  }
  SmallVector<int64_t, 4> shape;
  if (!dims.empty()) {
    SmallVector<StringRef> parts;
    dims.split(parts, 'x');
    for (StringRef part : parts) {
      int64_t size;
      if (part.getAsInteger(10, size) || size < 0) {
        error = "--input-shape: '" + part.str() + "' in '" + spec.str() +
                "' is not a dimension size";
        return false;
      }
      shape.push_back(size);
    }
  }
  options.inputShapes[name] = shape;
  return true;
}

OwningOpRef<ModuleOp>
mlir::tessera::importOnnxBuffer(MLIRContext *context, StringRef bytes,
                                StringRef displayName,
                                const OnnxImportOptions &options) {
  context->loadDialect<TesseraDialect, func::FuncDialect>();
  Location fileLoc = FileLineColLoc::get(context, displayName, 0, 0);
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    emitError(fileLoc) << "the model is larger than 2 GiB; store its weights "
                          "as external data";
    return nullptr;
  }
  // Protobuf's own log lines would duplicate (and precede) our error.
  google::protobuf::LogSilencer silence;
  onnx::ModelProto model;
  google::protobuf::io::CodedInputStream stream(
      reinterpret_cast<const uint8_t *>(bytes.data()),
      static_cast<int>(bytes.size()));
  stream.SetTotalBytesLimit(INT_MAX);
  if (!model.ParseFromCodedStream(&stream) || !stream.ConsumedEntireMessage()) {
    emitError(fileLoc) << "not a valid ONNX model: the protobuf does not parse "
                          "(truncated or not an ONNX file)";
    return nullptr;
  }
  std::string baseDir = options.externalDataDir;
  if (baseDir.empty())
    baseDir = ".";
  GraphImporter importer(context, model, displayName, options,
                         ExternalDataReader(baseDir));
  return importer.run();
}

OwningOpRef<ModuleOp>
mlir::tessera::importOnnxFile(MLIRContext *context, StringRef path,
                              const OnnxImportOptions &options) {
  Location fileLoc = FileLineColLoc::get(context, path, 0, 0);
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (std::error_code error = buffer.getError()) {
    emitError(fileLoc) << "cannot read the model: " << error.message();
    return nullptr;
  }
  OnnxImportOptions withDir = options;
  if (withDir.externalDataDir.empty()) {
    StringRef dir = llvm::sys::path::parent_path(path);
    withDir.externalDataDir = dir.empty() ? "." : dir.str();
  }
  return importOnnxBuffer(context, (*buffer)->getBuffer(), path, withDir);
}

void mlir::tessera::registerOnnxImportDialects(DialectRegistry &registry) {
  registry.insert<TesseraDialect, func::FuncDialect>();
}
