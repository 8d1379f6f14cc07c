//===- ApplyShardRules.cpp - The user's sharding rules from JSON ----------===//
//
// Part of Tessera. See Passes.td and docs/sharding.md for the file format.
//
//===----------------------------------------------------------------------===//

#include "passes/sharding/Passes.h"
#include "passes/sharding/ShardingUtils.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_APPLYSHARDRULESPASS
#include "passes/sharding/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::dist;

namespace {

struct Rule {
  std::string match;
  SmallVector<AxisList> dims;
  bool matched = false;
};

class RulesParser {
public:
  RulesParser(ModuleOp module, StringRef path) : module(module), path(path) {}

  FailureOr<SmallVector<Rule>> parse();

private:
  InFlightDiagnostic error() {
    InFlightDiagnostic diag = emitError(module.getLoc());
    diag << "sharding rules file '" << path << "': ";
    return diag;
  }
  FailureOr<Rule> parseRule(const llvm::json::Value &value, size_t index);

  ModuleOp module;
  StringRef path;
};

FailureOr<SmallVector<Rule>> RulesParser::parse() {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!file)
    return error() << "cannot read it: " << file.getError().message();
  llvm::Expected<llvm::json::Value> json =
      llvm::json::parse((*file)->getBuffer());
  if (!json)
    return error() << "not valid JSON: " << llvm::toString(json.takeError());
  const llvm::json::Object *top = json->getAsObject();
  const llvm::json::Array *rules = top ? top->getArray("rules") : nullptr;
  if (!rules)
    return error() << "expected an object with a \"rules\" array";
  for (const auto &entry : *top)
    if (entry.first != "rules")
      return error() << "unknown key \"" << entry.first.str()
                     << "\" (the file has one key, \"rules\")";
  SmallVector<Rule> parsed;
  for (auto [index, value] : llvm::enumerate(*rules)) {
    FailureOr<Rule> rule = parseRule(value, index);
    if (failed(rule))
      return failure();
    parsed.push_back(std::move(*rule));
  }
  return parsed;
}

FailureOr<Rule> RulesParser::parseRule(const llvm::json::Value &value,
                                       size_t index) {
  MLIRContext *context = module.getContext();
  const llvm::json::Object *object = value.getAsObject();
  auto ruleError = [&]() {
    InFlightDiagnostic diag = error();
    diag << "rule #" << index << ": ";
    return diag;
  };
  if (!object)
    return ruleError() << "expected an object {\"match\": ..., "
                          "\"sharding\": ...}";
  for (const auto &entry : *object)
    if (entry.first != "match" && entry.first != "sharding")
      return ruleError() << "unknown key \"" << entry.first.str()
                         << "\" (a rule has \"match\" and \"sharding\")";
  Rule rule;
  std::optional<StringRef> match = object->getString("match");
  if (!match || match->empty())
    return ruleError() << "\"match\" must be a non-empty string: a tensor "
                          "name or a glob pattern";
  rule.match = match->str();
  // Checked here; matched later (a GlobPattern refers to its pattern's
  // characters, which must not move).
  llvm::Expected<llvm::GlobPattern> glob =
      llvm::GlobPattern::create(rule.match);
  if (!glob)
    return ruleError() << "bad pattern '" << rule.match
                       << "': " << llvm::toString(glob.takeError());

  const llvm::json::Array *dims = object->getArray("sharding");
  auto shardingError = [&]() {
    InFlightDiagnostic diag = error();
    diag << "rule #" << index << " (\"" << rule.match << "\"): ";
    return diag;
  };
  if (!dims)
    return shardingError()
           << "\"sharding\" must be a list with, per dimension, the list of "
              "mesh axes that split it (e.g. [[], [\"tp\"]])";
  llvm::SmallSet<std::string, 4> seen;
  for (const llvm::json::Value &dim : *dims) {
    const llvm::json::Array *axes = dim.getAsArray();
    if (!axes)
      return shardingError() << "each dimension of \"sharding\" must be a "
                                "list of mesh axis names";
    AxisList list;
    for (const llvm::json::Value &axis : *axes) {
      std::optional<StringRef> name = axis.getAsString();
      if (!name || name->empty())
        return shardingError() << "mesh axes are named by strings";
      if (!seen.insert(name->str()).second)
        return shardingError() << "mesh axis '" << *name
                               << "' splits more than one dimension";
      list.push_back(StringAttr::get(context, *name));
    }
    rule.dims.push_back(std::move(list));
  }
  return rule;
}

struct ApplyShardRulesPass
    : mlir::tessera::impl::ApplyShardRulesPassBase<ApplyShardRulesPass> {
  using ApplyShardRulesPassBase::ApplyShardRulesPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (file.empty()) {
      emitError(module.getLoc(), "tessera-apply-shard-rules needs a rules "
                                 "file (file=PATH)");
      return signalPassFailure();
    }
    FailureOr<MeshAttr> mesh = requireMesh(module, "tessera-apply-shard-rules");
    if (failed(mesh))
      return signalPassFailure();
    FailureOr<SmallVector<Rule>> rules = RulesParser(module, file).parse();
    if (failed(rules))
      return signalPassFailure();

    // Every value with an ONNX name: inputs, initializers, node outputs
    // (not the dist.shard annotations of them).
    SmallVector<std::pair<Value, std::string>> named;
    for (auto function : module.getOps<func::FuncOp>()) {
      if (function.isDeclaration())
        continue;
      for (BlockArgument arg : function.getArguments())
        if (std::string name = getOnnxName(arg); !name.empty())
          named.emplace_back(arg, name);
      function.walk([&](Operation *op) {
        if (isa<ShardOp>(op))
          return;
        for (Value result : op->getResults())
          if (std::string name = getOnnxName(result); !name.empty())
            named.emplace_back(result, name);
      });
    }

    // In order: a later rule wins.
    llvm::MapVector<Value, ShardingAttr> assigned;
    for (auto [index, rule] : llvm::enumerate(*rules)) {
      ShardingAttr sharding = makeSharding(&getContext(), rule.dims);
      llvm::GlobPattern glob = llvm::cantFail(
          llvm::GlobPattern::create(rule.match));
      for (const auto &[value, name] : named) {
        if (!glob.match(name))
          continue;
        rule.matched = true;
        if (failed(checkSharding(module.getLoc(), value, sharding, *mesh,
                                 "sharding rule #" + std::to_string(index) +
                                     " (\"" + rule.match + "\")")))
          return signalPassFailure();
        assigned[value] = sharding;
      }
      if (!rule.matched) {
        emitError(module.getLoc())
            << "sharding rule #" << index << " (\"" << rule.match
            << "\") matches no initializer, input or node output of the "
               "model";
        return signalPassFailure();
      }
    }

    for (auto &[value, sharding] : assigned) {
      // The user's word replaces a strategy's annotation of the same value.
      for (Operation *user : llvm::make_early_inc_range(value.getUsers()))
        if (auto shard = dyn_cast<ShardOp>(user)) {
          shard.replaceAllUsesWith(value);
          shard.erase();
        }
      if (auto arg = dyn_cast<BlockArgument>(value)) {
        auto function = cast<func::FuncOp>(arg.getOwner()->getParentOp());
        function.setArgAttr(arg.getArgNumber(), DistDialect::kShardingAttrName,
                            sharding);
        continue;
      }
      if (!value.use_empty())
        annotate(value, sharding);
    }
  }
};

} // namespace
