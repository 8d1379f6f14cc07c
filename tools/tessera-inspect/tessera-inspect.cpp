//===- tessera-inspect.cpp - What is inside a Tessera artifact ------------===//
//
// Part of Tessera. A thin main over runtime/api/Inspect.h:
//
//   tessera-inspect model.tsr [--json] [--no-verify-checksums]
//
// Exit codes: 0 ok, 1 bad usage or a missing file, 2 invalid artifact.
//
//===----------------------------------------------------------------------===//

#include "runtime/api/Inspect.h"
#include "runtime/artifact/Artifact.h"

#include <CLI/CLI.hpp>

#include <iostream>

using namespace tessera::runtime;

int main(int argc, char **argv) {
  CLI::App app{"Shows what is inside a Tessera artifact (.tsr): mesh, "
               "signatures, ranks, kernels, segments.\nExit codes: 0 ok, 1 bad "
               "usage, 2 invalid artifact.",
               "tessera-inspect"};
  std::string path;
  bool json = false, noVerify = false;
  app.add_option("artifact", path, "the artifact (.tsr)")->required();
  app.add_flag("--json", json, "print JSON");
  app.add_flag("--no-verify-checksums", noVerify,
               "skip the XXH64 check of the segments (faster on big files)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp &) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::ParseError &error) {
    std::cerr << "tessera-inspect: " << error.what() << " (see --help)\n";
    return 1;
  }
  LoadOptions options;
  options.verifyChecksums = !noVerify;
  StatusOr<std::unique_ptr<Artifact>> artifact = Artifact::open(path, options);
  if (!artifact.isOk()) {
    std::cerr << "tessera-inspect: " << artifact.status().toString() << "\n";
    return artifact.status().exitCode();
  }
  std::cout << (json ? describeArtifactJson(**artifact)
                     : describeArtifact(**artifact));
  return 0;
}
