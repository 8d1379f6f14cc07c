//===- PrintCost.cpp - FLOPs and bytes of each function -------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "dialects/interfaces/CostModelOpInterface.h"
#include "passes/graph/Passes.h"

#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/Support/Format.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_PRINTCOSTPASS
#include "passes/graph/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;

namespace {

/// `value` with a decimal SI prefix: 1.05 M.
std::string withPrefix(int64_t value) {
  static const char *prefixes[] = {"", "K", "M", "G", "T", "P"};
  double scaled = static_cast<double>(value);
  int index = 0;
  // Compare with what "%.2f" prints, so 999999 reads 1.00 M, not 1000.00 K.
  while (scaled >= 999.995 && index < 5) {
    scaled /= 1000.0;
    ++index;
  }
  std::string text;
  llvm::raw_string_ostream os(text);
  if (index == 0)
    os << value << " ";
  else
    os << llvm::format("%.2f ", scaled) << prefixes[index];
  return text;
}

struct OpKindCost {
  int64_t count = 0;
  int64_t flops = 0;
  int64_t bytes = 0;
};

struct PrintCostPass : mlir::tessera::impl::PrintCostPassBase<PrintCostPass> {
  using PrintCostPassBase::PrintCostPassBase;

  void runOnOperation() override {
    raw_ostream &os = llvm::errs();
    getOperation()->walk([&](FunctionOpInterface function) {
      llvm::MapVector<StringRef, OpKindCost> kinds;
      OpKindCost total;
      function.walk([&](CostModelOpInterface op) {
        OpKindCost &kind = kinds[op->getName().getStringRef()];
        int64_t flops = op.getFlops(), bytes = op.getBytesAccessed();
        ++kind.count;
        kind.flops += flops;
        kind.bytes += bytes;
        ++total.count;
        total.flops += flops;
        total.bytes += bytes;
      });
      os << "func @" << function.getName() << ": " << total.count << " ops, "
         << total.flops << " FLOPs (" << withPrefix(total.flops) << "FLOP), "
         << total.bytes << " bytes (" << withPrefix(total.bytes) << "B)\n";
      SmallVector<std::pair<StringRef, OpKindCost>> sorted(kinds.begin(),
                                                           kinds.end());
      llvm::sort(sorted, [](const auto &a, const auto &b) {
        return std::make_pair(-a.second.flops, a.first) <
               std::make_pair(-b.second.flops, b.first);
      });
      for (const auto &[name, kind] : llvm::ArrayRef(sorted).take_front(top)) {
        double share = total.flops ? 100.0 * kind.flops / total.flops : 0.0;
        os << "  " << llvm::left_justify(name, 28)
           << llvm::right_justify(std::to_string(kind.count), 5) << " ops  "
           << llvm::right_justify(withPrefix(kind.flops) + "FLOP", 12)
           << llvm::format("  (%5.1f%%)", share) << "\n";
      }
    });
    markAllAnalysesPreserved();
  }
};

} // namespace
