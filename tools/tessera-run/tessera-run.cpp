//===- tessera-run.cpp - Run a Tessera artifact ---------------------------===//
//
// Part of Tessera. A thin main over runtime/api:
//
//   tessera-run model.tsr --input=@x.npy [--input=NAME=@y.npy ...]
//               [--output=@out.npy ...] [--device=cpu|cuda] [--devices=N]
//               [--threads=N] [--benchmark=N] [--trace=FILE.json]
//               [--random-inputs [--seed=S]] [--no-verify-checksums]
//               [--expected-output=@ref.npy ... [--tolerance=T]]
//               [--collective-timeout=SECONDS] [--allow-tf32]
//   tessera-run --list-devices
//
// A mesh runs in this process (one thread per rank), or, under mpirun or
// srun, one rank per process: every process reads the inputs, rank 0
// prints or writes the outputs. TESSERA_FAULT=RANK:COMMAND[:RUN]:ACTION
// (fail, exit, kill, sleep=SECONDS) makes a rank fail on purpose, for
// tests of how the others stop.
//
// Exit codes: 0 ok, 1 bad usage or input, 2 invalid artifact, 3 runtime
// failure, 4 an output differs from its --expected-output.
//
//===----------------------------------------------------------------------===//

#include "runtime/api/ChromeTrace.h"
#include "runtime/api/Session.h"
#include "runtime/api/ToolSupport.h"
#include "runtime/base/Npy.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>

using namespace tessera::runtime;

namespace {

const char *kTool = "tessera-run";
/// "tessera-run" or, in a process of a launch, "tessera-run: rank 2".
std::string gPrefix = kTool;
/// Errors every process of a launch meets alike (usage, the artifact, the
/// mesh) are printed by rank 0 only.
bool gQuiet = false;
/// A launched process's communicator: its failures are told to the others.
Communicator *gCommunicator = nullptr;

int fail(const Status &status) {
  if (!gQuiet) {
    // One write, so that the lines of several processes do not mix.
    std::string line = gPrefix + ": " + status.toString() + "\n";
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
  }
  if (gCommunicator && !gCommunicator->peerFailed())
    gCommunicator->abort(status);
  return status.exitCode();
}

int usage(const std::string &message) {
  return fail(Status(StatusCode::kInvalidArgument, message));
}

/// Places named and positional tensor arguments by signature.
Status assign(const std::vector<std::string> &values, const char *flag,
              const std::vector<TensorSignature> &signatures, const char *kind,
              std::vector<std::string> &paths) {
  paths.assign(signatures.size(), "");
  bool positional = false, named = false;
  size_t next = 0;
  for (const std::string &value : values) {
    TESSERA_ASSIGN_OR_RETURN(TensorArgument argument,
                             parseTensorArgument(value, flag));
    size_t index;
    if (argument.name.empty()) {
      positional = true;
      if (next >= signatures.size())
        return Status(StatusCode::kInvalidArgument,
                      std::to_string(values.size()) + " " + flag +
                          " values given, but the model has " +
                          std::to_string(signatures.size()) + " " + kind +
                          (signatures.size() == 1 ? "" : "s"));
      index = next++;
    } else {
      named = true;
      auto found = std::find_if(
          signatures.begin(), signatures.end(),
          [&](const TensorSignature &s) { return s.name == argument.name; });
      if (found == signatures.end()) {
        std::string names;
        for (const TensorSignature &s : signatures)
          names += (names.empty() ? "" : ", ") + s.name;
        return Status(StatusCode::kInvalidArgument,
                      flag + std::string("=") + value + ": the model has no " +
                          kind + " '" + argument.name + "' (its " + kind +
                          "s: " + (names.empty() ? "none" : names) + ")");
      }
      index = size_t(found - signatures.begin());
      if (!paths[index].empty())
        return Status(StatusCode::kInvalidArgument,
                      std::string(kind) + " '" + argument.name +
                          "' is given twice");
    }
    paths[index] = argument.path;
  }
  if (positional && named)
    return Status(StatusCode::kInvalidArgument,
                  std::string("give every ") + flag +
                      " in signature order (" + flag + "=@FILE) or every one "
                      "by name (" + flag + "=NAME=@FILE), not a mix");
  return Status::ok();
}

/// In a launch, every rank's trace events go to rank 0, which writes one
/// file with a lane per rank (the ranks of one node share a clock).
Status gatherTrace(Session &session, ChromeTrace &trace) {
  Communicator *communicator = session.communicator();
  if (!communicator)
    return Status::ok();
  if (communicator->rank() != 0) {
    std::string text = trace.exportEvents();
    uint64_t size = text.size();
    TESSERA_RETURN_IF_ERROR(communicator->send(&size, 1, DType::U64, 0));
    return communicator->send(text.data(), size, DType::U8, 0);
  }
  for (uint32_t rank = 1; rank < communicator->size(); ++rank) {
    uint64_t size = 0;
    TESSERA_RETURN_IF_ERROR(communicator->recv(&size, 1, DType::U64, rank));
    if (size > (uint64_t(1) << 34))
      return Status(StatusCode::kInternal, "rank " + std::to_string(rank) +
                                               " sent an absurd trace size");
    std::string text(size_t(size), '\0');
    TESSERA_RETURN_IF_ERROR(
        communicator->recv(text.data(), size, DType::U8, rank));
    TESSERA_RETURN_IF_ERROR(trace.importEvents(text));
  }
  return Status::ok();
}

} // namespace

int main(int argc, char **argv) {
  CLI::App app{"Runs a Tessera artifact (.tsr) on NumPy .npy inputs.\n"
               "Exit codes: 0 ok, 1 bad usage or input, 2 invalid artifact, "
               "3 runtime failure, 4 an output differs from its "
               "--expected-output.",
               kTool};
  std::string artifactPath;
  std::vector<std::string> inputValues, outputValues, expectedValues;
  double tolerance = 1e-4;
  std::string device = "cpu", tracePath;
  int devices = 0, threads = 0, benchmark = 0;
  uint64_t seed = 0;
  double collectiveTimeout = kDefaultCollectiveTimeoutSeconds;
  bool randomInputs = false, noVerify = false, referenceCalls = false;
  bool noVerifyCommunication = false, allowTf32 = false, listDevices = false;
  app.add_option("artifact", artifactPath, "the artifact (.tsr)");
  app.add_flag("--list-devices", listDevices,
               "print the devices and GPU libraries this machine offers, "
               "then exit");
  app.add_option("--input", inputValues,
                 "@FILE.npy (in signature order) or NAME=@FILE.npy; repeatable");
  app.add_option("--output", outputValues,
                 "@FILE.npy (in signature order) or NAME=@FILE.npy; repeatable; "
                 "outputs without a file are printed");
  app.add_option("--expected-output", expectedValues,
                 "@FILE.npy (in signature order) or NAME=@FILE.npy; "
                 "repeatable: compare the output with it, exit 4 if it "
                 "differs by more than --tolerance");
  app.add_option("--tolerance", tolerance,
                 "largest accepted max |output - expected| / max |expected| "
                 "(default 1e-4)");
  app.add_option("--device", device, "cpu (default) or cuda");
  app.add_option("--devices", devices,
                 "devices, one per rank of the mesh (default: the mesh size); "
                 "in-process, or one per process under mpirun/srun");
  app.add_option("--collective-timeout", collectiveTimeout,
                 "seconds a collective or receive waits for the other ranks "
                 "before failing with the ranks that did not join (default 60)");
  app.add_flag("--no-verify-communication", noVerifyCommunication,
               "do not check that the ranks' collectives match (to test the "
               "runtime's timeouts)");
  app.add_option("--threads", threads,
                 "threads per cpu device (default: OMP_NUM_THREADS, else all "
                 "hardware threads)");
  app.add_option("--benchmark", benchmark,
                 "run N timed iterations after a warm-up and print statistics");
  app.add_option("--trace", tracePath,
                 "write a Chrome trace event file (chrome://tracing, Perfetto)");
  app.add_flag("--random-inputs", randomInputs,
               "seeded random values for inputs not given with --input");
  app.add_option("--seed", seed, "seed of --random-inputs (default 0)");
  app.add_flag("--no-verify-checksums", noVerify,
               "skip the XXH64 check of the artifact's segments");
  app.add_flag("--reference-calls", referenceCalls,
               "run library calls with naive loops (debugging; cpu)");
  app.add_flag("--allow-tf32", allowTf32,
               "cuda: f32 matmuls may use TF32 tensor cores (faster, about "
               "3 decimal digits)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp &) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::ParseError &error) {
    return usage(std::string(error.what()) + " (see --help)");
  }
  if (listDevices) {
    for (const std::string &line : describeDevices())
      std::cout << line << "\n";
    return 0;
  }
  if (artifactPath.empty())
    return usage("artifact is required (see --help)");
  // Under mpirun or srun this process is one rank of several.
  StatusOr<LaunchInfo> launch = detectLaunch();
  if (!launch.isOk())
    return fail(launch.status());
  bool multiProcess = launch->launched && launch->worldSize > 1;
  if (multiProcess) {
    gPrefix = std::string(kTool) + ": rank " + std::to_string(launch->rank);
    gQuiet = launch->rank != 0;
  }
  if (device != "cpu" && device != "cuda")
    return usage("--device=" + device + ": expected cpu or cuda");
  if (devices < 0)
    return usage("--devices must be positive");
  if (threads < 0 || (app.count("--threads") && threads == 0))
    return usage("--threads must be positive");
  if (benchmark < 0 || (app.count("--benchmark") && benchmark == 0))
    return usage("--benchmark must be positive");
  if (!(tolerance >= 0))
    return usage("--tolerance must be a non-negative number");
  if (!(collectiveTimeout > 0) || collectiveTimeout > 1e9)
    return usage("--collective-timeout must be a positive number of seconds");

  SessionOptions options;
  options.device = device;
  options.devices = devices;
  options.threads = threads;
  options.verifyChecksums = !noVerify;
  options.referenceCalls = referenceCalls;
  options.allowTf32 = allowTf32;
  options.collectiveTimeout = collectiveTimeout;
  options.verifyCommunication = !noVerifyCommunication;
  if (launch->launched)
    options.launch = *launch;
  if (const char *fault = std::getenv("TESSERA_FAULT")) {
    StatusOr<FaultInjection> parsed = FaultInjection::parse(fault);
    if (!parsed.isOk())
      return fail(parsed.status().withContext("TESSERA_FAULT"));
    options.fault = *parsed;
  }
  // Once connected, a process's own failures are its own to print.
  options.connect = [&](const LaunchInfo &info, double timeout) {
    gQuiet = false;
    return connectMpi(info, timeout);
  };
  StatusOr<std::unique_ptr<Session>> opened = Session::open(artifactPath, options);
  if (!opened.isOk())
    return fail(opened.status());
  Session &session = **opened;
  gQuiet = false;
  gCommunicator = session.communicator();
  // Only the process of rank 0 writes, prints and compares outputs.
  const bool reportsOutputs = session.producesOutputs();

  // Inputs.
  std::vector<std::string> inputPaths, outputPaths, expectedPaths;
  Status assigned = assign(inputValues, "--input", session.inputs(), "input",
                           inputPaths);
  if (!assigned.isOk())
    return fail(assigned);
  assigned = assign(outputValues, "--output", session.outputs(), "output",
                    outputPaths);
  if (!assigned.isOk())
    return fail(assigned);
  assigned = assign(expectedValues, "--expected-output", session.outputs(),
                    "output", expectedPaths);
  if (!assigned.isOk())
    return fail(assigned);
  // Expected outputs are read before running, so a bad file costs no run.
  std::vector<std::optional<HostTensor>> expected(session.outputs().size());
  for (size_t i = 0; i < expectedPaths.size() && reportsOutputs; ++i) {
    if (expectedPaths[i].empty())
      continue;
    const TensorSignature &signature = session.outputs()[i];
    std::string what =
        "expected output " + std::to_string(i) + " '" + signature.name + "'";
    StatusOr<HostTensor> tensor = readNpy(expectedPaths[i]);
    if (!tensor.isOk())
      return fail(tensor.status().withContext(what));
    bool dtypeOk = tensor->dtype() == signature.type.dtype ||
                   (signature.type.dtype == DType::BF16 &&
                    tensor->dtype() == DType::U16);
    if (!dtypeOk || tensor->shape() != signature.type.shape)
      return usage(what + " from " + expectedPaths[i] + ": expected " +
                   signature.type.toString() + ", got " +
                   tensor->type().toString());
    expected[i] = std::move(tensor).value();
  }
  std::vector<HostTensor> inputs;
  for (size_t i = 0; i < session.inputs().size(); ++i) {
    const TensorSignature &signature = session.inputs()[i];
    std::string what = "input " + std::to_string(i) + " '" + signature.name + "'";
    if (inputPaths[i].empty()) {
      if (!randomInputs)
        return usage("missing " + what + " (" + signature.type.toString() +
                     "): pass --input=@FILE.npy in signature order, --input=" +
                     signature.name + "=@FILE.npy, or --random-inputs");
      StatusOr<HostTensor> random = randomTensor(signature.type, seed + i);
      if (!random.isOk())
        return fail(random.status());
      inputs.push_back(std::move(random).value());
      continue;
    }
    StatusOr<HostTensor> tensor = readNpy(inputPaths[i]);
    if (!tensor.isOk())
      return fail(tensor.status().withContext(what));
    bool dtypeOk = tensor->dtype() == signature.type.dtype ||
                   (signature.type.dtype == DType::BF16 &&
                    tensor->dtype() == DType::U16);
    if (!dtypeOk || tensor->shape() != signature.type.shape)
      return usage(what + " from " + inputPaths[i] + ": expected " +
                   signature.type.toString() + ", got " +
                   tensor->type().toString());
    inputs.push_back(std::move(tensor).value());
  }

  ChromeTrace trace;
  if (!tracePath.empty())
    session.setTraceSink(&trace);

  std::vector<HostTensor> outputs;
  BenchmarkStats stats;
  Status status = session.run(inputs, outputs);
  if (!status.isOk())
    return fail(status);
  if (benchmark > 0) {
    std::vector<double> times;
    for (int i = 0; i < benchmark; ++i) {
      auto start = std::chrono::steady_clock::now();
      status = session.run(inputs, outputs);
      auto end = std::chrono::steady_clock::now();
      if (!status.isOk())
        return fail(status);
      times.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    }
    stats = computeStats(times);
  }
  if (!tracePath.empty()) {
    session.setTraceSink(nullptr);
    Status gathered = gatherTrace(session, trace);
    if (!gathered.isOk())
      return fail(gathered);
    if (reportsOutputs) {
      Status written = trace.write(tracePath);
      if (!written.isOk())
        return fail(written);
    }
  }
  if (!reportsOutputs)
    return 0;
  if (benchmark > 0) {
    char line[200];
    std::snprintf(line, sizeof(line),
                  "  min %.4f ms  median %.4f ms  p90 %.4f ms  mean %.4f ms  "
                  "max %.4f ms",
                  stats.minMs, stats.medianMs, stats.p90Ms, stats.meanMs,
                  stats.maxMs);
    std::cout << "benchmark: " << artifactPath << " on "
              << session.deviceDescription() << ", 1 warm-up run + "
              << benchmark << " timed run" << (benchmark == 1 ? "" : "s")
              << "\n"
              << line << "\n";
  }

  for (size_t i = 0; i < outputs.size(); ++i) {
    const TensorSignature &signature = session.outputs()[i];
    if (!outputPaths[i].empty()) {
      Status written = writeNpy(outputPaths[i], outputs[i]);
      if (!written.isOk())
        return fail(written.withContext("output " + std::to_string(i) + " '" +
                                        signature.name + "'"));
    } else if (benchmark == 0) {
      std::cout << "output " << i << " '" << signature.name
                << "': " << summarizeTensor(outputs[i]) << "\n";
    }
  }
  bool allMatch = true;
  for (size_t i = 0; i < outputs.size(); ++i) {
    if (!expected[i])
      continue;
    const TensorSignature &signature = session.outputs()[i];
    std::string what = "output " + std::to_string(i) + " '" + signature.name + "'";
    StatusOr<TensorComparison> comparison =
        compareTensors(outputs[i], *expected[i]);
    if (!comparison.isOk())
      return usage("expected " + what + " from " + expectedPaths[i] + ": " +
                   comparison.status().message());
    bool matches = comparison->matches(tolerance);
    allMatch &= matches;
    char limit[32];
    std::snprintf(limit, sizeof(limit), "%g", tolerance);
    (matches ? std::cout : std::cerr)
        << (matches ? "" : "tessera-run: ") << what
        << (matches ? " matches " : " DIFFERS from ") << expectedPaths[i]
        << ": " << comparison->toString() << ", tolerance " << limit << "\n";
  }
  // The last line, for scripts.
  if (benchmark > 0)
    std::cout << benchmarkJson(stats) << std::endl;
  return allMatch ? 0 : 4;
}
