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

LibraryContext::~LibraryContext() = default;

StatusOr<std::unique_ptr<LibraryContext>> LibraryContext::create() {
  std::unique_ptr<LibraryContext> context(new LibraryContext());
  context->impl_ = std::make_unique<Impl>();
  return context;
}

StatusOr<std::unique_ptr<PreparedCommand>>
LibraryContext::prepare(const Command &command, const PrepareContext &context,
                        bool useReference) {
  const char *label = libraryCallLabel(command);
  if (!label)
    return Status(StatusCode::kInternal, "not a library call");
  return makeReferenceCall(command, label);
}

void setLibraryThreads(int threads) {}

int libraryDefaultThreads() { return 1; }

std::string libraryDescription() {
  return "reference loops (this build has no oneDNN)";
}

} // namespace tessera::runtime
