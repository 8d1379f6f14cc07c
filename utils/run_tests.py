#!/usr/bin/env python3
"""Runs every Tessera test suite and prints one summary line.

Suites: the lit tests (IR: dialects, passes, import, tools), the gtest unit
tests through ctest (including the documentation-freshness check), a build of
the runtime alone (-DTESSERA_BUILD_COMPILER=OFF) with its own unit tests,
which proves the runtime needs no LLVM, the import of every ONNX node test
model, every ONNX node test model compiled for cuda:sm_80,sm_90 (PTX and
cubins; no GPU needed, skipped without the CUDA toolkit's ptxas) and run
with its GPU launches emulated on the CPU, and a short
run of each fuzzer under ASan/UBSan. Each suite writes JUnit XML under
BUILD/test-results; the counts come from there.

The last line is `N passed, N failed` (`, N skipped` follows when tests were
skipped); the exit status is non-zero when anything failed or a suite could
not run.
"""

import argparse
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# As in test/conformance/onnx_node_tests.py, which enforces it.
MIN_PASS_PERCENT = 95


def run(cmd, **kwargs):
    print("+ " + " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], **kwargs).returncode


def count_junit(path):
    """(passed, failed, skipped, failed names) of a JUnit XML file."""
    tree = ET.parse(path)
    passed = failed = skipped = 0
    failures = []
    for case in tree.iter("testcase"):
        name = f"{case.get('classname', '')}.{case.get('name', '')}".strip(".")
        status = case.get("status", "")
        if case.find("failure") is not None or case.find("error") is not None \
                or status == "fail":
            failed += 1
            failures.append(name)
        elif case.find("skipped") is not None or status in ("notrun", "disabled"):
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped, failures


def write_junit(path, suite, cases):
    """Writes (name, failure message or "") cases as JUnit XML."""
    root = ET.Element("testsuite", name=suite, tests=str(len(cases)))
    for name, failure in cases:
        case = ET.SubElement(root, "testcase", classname=suite, name=name)
        if failure:
            ET.SubElement(case, "failure", message=failure)
    ET.ElementTree(root).write(path, encoding="unicode")


def find_cuda_toolkit(build_dir):
    """The CUDA toolkit with ptxas and libdevice, or None."""
    for root in (os.environ.get("CUDA_HOME"), os.environ.get("CUDA_PATH"),
                 cmake_cache_value(build_dir, "TESSERA_CUDA_PATH"),
                 "/usr/local/cuda"):
        if root and os.access(os.path.join(root, "bin", "ptxas"), os.X_OK) \
                and os.path.isdir(os.path.join(root, "nvvm", "libdevice")):
            return root
    return None


def failed_node_tests(table):
    """The tests an onnx_node_tests.py table lists as failed, crashed or
    timed out (it lists every test that did not pass or was not
    supported)."""
    names = set()
    if table.exists():
        for line in table.read_text().splitlines():
            cells = [c.strip() for c in line.split("|")]
            if len(cells) > 4 and cells[1].startswith("test_") and \
                    cells[4].split(":")[0] in ("failed", "crashed", "timed out"):
                names.add(cells[1])
    return names


def cmake_cache_value(build_dir, key):
    cache = build_dir / "CMakeCache.txt"
    if not cache.exists():
        return None
    for line in cache.read_text().splitlines():
        match = re.match(rf"{re.escape(key)}:[A-Z]+=(.*)", line)
        if match:
            return match.group(1)
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", default="build")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--skip-runtime-only", action="store_true",
                        help="do not build and test the runtime alone")
    parser.add_argument("--skip-conformance", action="store_true",
                        help="do not import the ONNX node test models")
    parser.add_argument("--skip-cuda", action="store_true",
                        help="do not compile the ONNX node test models for "
                             "cuda, nor run them with the launches emulated")
    parser.add_argument("--fuzz-seconds", type=int,
                        default=int(os.environ.get("TESSERA_FUZZ_SECONDS", "60")),
                        help="how long each fuzzer runs (0: skip fuzzing)")
    args = parser.parse_args()

    build = (ROOT / args.build_dir).resolve()
    results = build / "test-results"
    results.mkdir(parents=True, exist_ok=True)
    suites = []  # (name, junit path or None, returncode)

    # lit: the IR tests.
    lit = cmake_cache_value(build, "LLVM_EXTERNAL_LIT") or "/usr/lib/llvm-22/bin/lit"
    lit_xml = results / "lit.xml"
    lit_xml.unlink(missing_ok=True)
    if (build / "test" / "lit.site.cfg.py").exists():
        rc = run([lit, "-sv", f"-j{args.jobs}", f"--xunit-xml-output={lit_xml}",
                  build / "test"])
        suites.append(("lit", lit_xml, rc))

    # ctest: unit tests and build checks.
    ctest_xml = results / "ctest.xml"
    ctest_xml.unlink(missing_ok=True)
    rc = run(["ctest", "--test-dir", build, "--output-on-failure",
              f"-j{args.jobs}", "--output-junit", ctest_xml])
    suites.append(("unit", ctest_xml, rc))

    # The runtime alone, as it is built for GPU nodes without LLVM.
    if not args.skip_runtime_only:
        alone = build / "runtime-only"
        alone_xml = results / "runtime-only.xml"
        alone_xml.unlink(missing_ok=True)
        rc = 0
        if not (alone / "build.ninja").exists():
            rc = run(["cmake", "-S", ROOT, "-B", alone, "-G", "Ninja",
                      "-DCMAKE_BUILD_TYPE=Release",
                      "-DTESSERA_BUILD_COMPILER=OFF"],
                     stdout=subprocess.DEVNULL)
        if rc == 0:
            rc = run(["cmake", "--build", alone], stdout=subprocess.DEVNULL)
        if rc == 0:
            rc = run(["ctest", "--test-dir", alone, "--output-on-failure",
                      "--output-junit", alone_xml])
        suites.append(("runtime-only build", alone_xml if rc == 0 or alone_xml.exists() else None, rc))

    # ONNX conformance: every node test model of the onnx wheel imports or is
    # refused with an error (never a crash), and docs/onnx-coverage.md is
    # what the importer does today.
    if not args.skip_conformance:
        python = build / "venv" / "bin" / "python"
        table = results / "onnx-coverage.md"
        rc = run([python, ROOT / "test/conformance/onnx_node_tests.py", "--check",
                  "--bin", build / "bin",
                  "--output", table])
        committed = ROOT / "docs" / "onnx-coverage.md"
        current = table.exists() and committed.exists() and \
            table.read_text() == committed.read_text()
        cases = [("onnx node tests: none crashes or times out, at least "
                  f"{MIN_PASS_PERCENT}% of the supported ones pass",
                  "" if rc == 0 else "see the conformance output above"),
                 ("docs/onnx-coverage.md is current",
                  "" if current else "differs from a fresh run: run `make onnx-coverage`")]
        conformance_xml = results / "onnx-conformance.xml"
        write_junit(conformance_xml, "onnx-conformance", cases)
        suites.append(("onnx conformance", conformance_xml, 0))

    # The node tests for CUDA, when the CUDA toolkit is there: compiled
    # (PTX for sm_80, cubins by ptxas for sm_80 and sm_90), and run with the
    # GPU launches emulated on the CPU (tessera-compile --cuda-emulation).
    # Either way, a test that passes on the cpu must not fail for cuda.
    cpu_failures = None
    if not args.skip_conformance:
        cpu_failures = failed_node_tests(results / "onnx-coverage.md")
    for suite, flags, what in (
            ("onnx-cuda-compile", ["--compile-only", "--target=cuda:sm_80,sm_90"],
             "compile for cuda:sm_80,sm_90"),
            ("onnx-cuda-emulation", ["--cuda-emulation", "--target=cuda:sm_80"],
             "pass with their cuda:sm_80 launches emulated on the cpu")):
        if args.skip_cuda:
            break
        xml = results / f"{suite}.xml"
        name = (f"onnx node tests {what}: none crashes or times out, at "
                f"least {MIN_PASS_PERCENT}% of the supported ones pass")
        if not find_cuda_toolkit(build):
            print(f"{suite}: skipped, no CUDA toolkit (ptxas, libdevice)")
            root = ET.Element("testsuite", name=suite, tests="1")
            case = ET.SubElement(root, "testcase", classname=suite, name=name)
            ET.SubElement(case, "skipped", message="no CUDA toolkit")
            ET.ElementTree(root).write(xml, encoding="unicode")
            suites.append((suite, xml, 0))
            continue
        python = build / "venv" / "bin" / "python"
        table = results / f"{suite}.md"
        rc = run([python, ROOT / "test/conformance/onnx_node_tests.py",
                  "--check", *flags, "--bin", build / "bin", "--output", table])
        cases = [(name, "" if rc == 0 else f"see the {suite} output above")]
        if cpu_failures is not None:
            worse = sorted(failed_node_tests(table) - cpu_failures)
            cases.append((f"onnx node tests that pass on the cpu {what}",
                          "" if not worse else "fail for cuda only: " +
                          ", ".join(worse)))
        write_junit(xml, suite, cases)
        suites.append((suite, xml, 0))

    # Fuzzing: a short run of each libFuzzer target under ASan/UBSan.
    if args.fuzz_seconds > 0:
        fuzz_xml = results / "fuzz.xml"
        fuzz_xml.unlink(missing_ok=True)
        rc = run([ROOT / "utils/run_fuzzers.sh", str(args.fuzz_seconds)])
        suites.append(("fuzz", fuzz_xml if fuzz_xml.exists() else None, rc))

    passed = failed = skipped = 0
    failures = []
    print()
    for name, xml, rc in suites:
        if xml is None or not xml.exists():
            print(f"{name}: did not run (exit code {rc})")
            failed += 1
            failures.append(f"{name} (did not run)")
            continue
        p, f, s, names = count_junit(xml)
        if rc != 0 and f == 0:
            # The suite failed without a failing test case (a crash, a
            # configuration error): count it.
            f, names = 1, [f"{name} (exit code {rc})"]
        print(f"{name}: {p} passed, {f} failed, {s} skipped")
        passed, failed, skipped = passed + p, failed + f, skipped + s
        failures += names

    for name in failures:
        print(f"FAILED: {name}")
    summary = f"{passed} passed, {failed} failed"
    if skipped:
        summary += f", {skipped} skipped"
    print(summary)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
