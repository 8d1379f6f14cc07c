# -*- Python -*-
# lit configuration for Tessera's IR tests (dialects, passes, tools).

import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "Tessera"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.tessera_obj_root, "test")

# Not test inputs: gtest sources, test-only C++ passes, helper inputs.
config.excludes = ["CMakeLists.txt", "lib", "unit", "Inputs"]

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%tessera_src_root", config.tessera_src_root))
# %python: the pinned environment (onnx, onnxruntime, numpy) for the scripts
# that build test models.
config.substitutions.append(("%python", config.tessera_python))
# %tessera_bin: the built tools, for scripts that run them (test/e2e).
config.substitutions.append(("%tessera_bin", config.tessera_tools_dir))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()

tool_dirs = [config.tessera_tools_dir, config.llvm_tools_dir]
tools = ["tessera-compile", "tessera-inspect", "tessera-opt", "tessera-run"]
llvm_config.add_tool_substitutions(tools, tool_dirs)
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

# Tests that launch ranks under mpirun need it (REQUIRES: mpirun).
import shutil
if shutil.which("mpirun"):
    config.available_features.add("mpirun")

# Tests that assemble PTX need the CUDA toolkit's ptxas and libdevice
# (REQUIRES: ptxas); %ptxas runs it. No GPU is needed.
cuda_roots = [os.environ.get("CUDA_HOME"), os.environ.get("CUDA_PATH"),
              getattr(config, "tessera_cuda_path", None)]
for root in [r for r in cuda_roots if r]:
    ptxas = os.path.join(root, "bin", "ptxas")
    libdevice = os.path.join(root, "nvvm", "libdevice")
    if os.access(ptxas, os.X_OK) and os.path.isdir(libdevice):
        config.available_features.add("ptxas")
        config.substitutions.append(("%ptxas", ptxas))
        break
