//===- LibraryCallsReference.cpp - Library calls without oneDNN -----------===//
//
// Part of Tessera. The cpu device's library calls in a build without
// oneDNN (runtime/CMakeLists.txt uses this file when libdnnl-dev is
// missing, as on a GPU node that has only CUDA): every call runs the
// reference loops of ReferenceCalls.h, single-threaded. Correct, slow; the
// traces name them "matmul (reference)" as usual.
//
//===----------------------------------------------------------------------===//

#include "runtime/devices/cpu/LibraryCalls.h"

#include "runtime/devices/cpu/ReferenceCalls.h"

namespace tessera::runtime {

struct LibraryContext::Impl {};

namespace {

float *pointer(void *const *buffers, int64_t index) {
  return index < 0 ? nullptr : static_cast<float *>(buffers[index]);
}

class ReferenceCall final : public PreparedCommand {
public:
  ReferenceCall(Command command, std::string label)
      : command_(std::move(command)), label_(std::move(label) + " (reference)") {}

  Status run(void *const *buffers) override {
    if (const auto *m = std::get_if<MatMulCommand>(&command_)) {
      referenceMatMul(m->geometry, pointer(buffers, m->lhs),
                      pointer(buffers, m->rhs), pointer(buffers, m->bias),
                      pointer(buffers, m->residual), m->activation,
                      pointer(buffers, m->result));
    } else if (const auto *c = std::get_if<Conv2dCommand>(&command_)) {
      referenceConv2d(c->geometry, pointer(buffers, c->input),
                      pointer(buffers, c->weight), pointer(buffers, c->bias),
                      pointer(buffers, c->residual), c->activation,
                      pointer(buffers, c->result));
    } else if (const auto *p = std::get_if<Pool2dCommand>(&command_)) {
      referencePool2d(p->geometry, p->kind, p->countIncludePad,
                      pointer(buffers, p->input), pointer(buffers, p->result));
    } else {
      return Status(StatusCode::kInternal, "not a library call");
    }
    return Status::ok();
  }
  std::string label() const override { return label_; }

private:
  Command command_;
  std::string label_;
};

} // namespace

LibraryContext::~LibraryContext() = default;

StatusOr<std::unique_ptr<LibraryContext>> LibraryContext::create() {
  std::unique_ptr<LibraryContext> context(new LibraryContext());
  context->impl_ = std::make_unique<Impl>();
  return context;
}

StatusOr<std::unique_ptr<PreparedCommand>>
LibraryContext::prepare(const Command &command, const PrepareContext &context,
                        bool useReference) {
  const char *label = "call";
  if (std::holds_alternative<MatMulCommand>(command))
    label = "matmul";
  else if (std::holds_alternative<Conv2dCommand>(command))
    label = "conv2d";
  else if (const auto *pool = std::get_if<Pool2dCommand>(&command))
    label = pool->kind == PoolKind::Max ? "maxpool2d" : "avgpool2d";
  else
    return Status(StatusCode::kInternal, "not a library call");
  return std::unique_ptr<PreparedCommand>(
      std::make_unique<ReferenceCall>(command, label));
}

void setLibraryThreads(int threads) {}

int libraryDefaultThreads() { return 1; }

std::string libraryDescription() {
  return "reference loops (this build has no oneDNN)";
}

} // namespace tessera::runtime
