# Tessera's two quick-start commands:
#   make demo   install what is missing, build, and run the demo
#   make test   install what is missing, build, and run every test
# Both are incremental: a second run only rebuilds what changed.

BUILD_DIR ?= build
CMAKE_FLAGS ?=

.PHONY: demo test setup build docs onnx-coverage fuzz clean

demo: build
	@utils/demo.sh

test: build
	@python3 utils/run_tests.py --build-dir $(BUILD_DIR)

setup:
	@utils/bootstrap.sh

# Configure once (CMake reconfigures itself when CMakeLists change), then
# build everything incrementally.
build: setup
	@if [ ! -f $(BUILD_DIR)/build.ninja ]; then \
	  cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS); \
	fi
	@cmake --build $(BUILD_DIR)

# Regenerates the checked-in references in docs/reference from ODS.
docs: build
	@cmake --build $(BUILD_DIR) --target update-docs

# Regenerates docs/onnx-coverage.md: every ONNX node test model imported.
onnx-coverage: build
	@$(BUILD_DIR)/venv/bin/python test/conformance/onnx_node_tests.py \
	  --bin $(BUILD_DIR)/bin

# Runs the fuzzers longer than make test does: make fuzz FUZZ_SECONDS=600
FUZZ_SECONDS ?= 300
fuzz: setup
	@utils/run_fuzzers.sh $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD_DIR)
