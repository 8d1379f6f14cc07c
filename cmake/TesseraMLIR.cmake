#===- TesseraMLIR.cmake - the compiler side's LLVM/MLIR 22 setup --------===#
#
# Out-of-tree MLIR as in mlir/examples/standalone, linked against the shared
# libMLIR.so: Debian's static MLIR archives still pull libMLIR.so in through
# MlirOptMain and the ExecutionEngine, which duplicates symbols.
#
#===----------------------------------------------------------------------===#

# Debian's version file rejects a bare "22"; ask for 22.1.
find_package(MLIR 22.1 REQUIRED CONFIG
  HINTS /usr/lib/llvm-22/lib/cmake/mlir)
message(STATUS "Using MLIRConfig.cmake in: ${MLIR_DIR}")
message(STATUS "Using LLVMConfig.cmake in: ${LLVM_DIR}")

set(LLVM_RUNTIME_OUTPUT_INTDIR ${CMAKE_BINARY_DIR}/bin)
set(LLVM_LIBRARY_OUTPUT_INTDIR ${CMAKE_BINARY_DIR}/lib)
set(MLIR_BINARY_DIR ${CMAKE_BINARY_DIR})
set(MLIR_LINK_MLIR_DYLIB ON)

list(APPEND CMAKE_MODULE_PATH "${MLIR_CMAKE_DIR}" "${LLVM_CMAKE_DIR}")
separate_arguments(LLVM_DEFINITIONS_LIST NATIVE_COMMAND ${LLVM_DEFINITIONS})
add_definitions(${LLVM_DEFINITIONS_LIST})
include(TableGen)
include(AddLLVM)
include(AddMLIR)
include(HandleLLVMOptions)

include_directories(SYSTEM ${LLVM_INCLUDE_DIRS} ${MLIR_INCLUDE_DIRS})
# Sources include each other from the repository root
# ("dialects/tessera/TesseraOps.h"); generated files mirror that layout in
# the build tree.
include_directories(${TESSERA_SOURCE_DIR} ${TESSERA_BINARY_DIR})

# Debian ships no llvm-lit; its lit, FileCheck, not and count are here.
set(LLVM_EXTERNAL_LIT "${LLVM_TOOLS_BINARY_DIR}/lit" CACHE FILEPATH "lit")
set(LLVM_LIT_ARGS "-sv" CACHE STRING "Default options for lit")

# tessera_add_mlir_library(name SRCS...
#   [DEPENDS tablegen targets...] [MLIR_LIBS upstream MLIR libraries...]
#   [LIBS project libraries...])
# A project library on the compiler side. Upstream MLIR libraries resolve to
# libMLIR.so; project libraries are linked as they are.
function(tessera_add_mlir_library name)
  cmake_parse_arguments(ARG "" "" "DEPENDS;MLIR_LIBS;LIBS" ${ARGN})
  add_mlir_library(${name} ${ARG_UNPARSED_ARGUMENTS}
    EXCLUDE_FROM_LIBMLIR DISABLE_INSTALL
    DEPENDS ${ARG_DEPENDS})
  if(ARG_MLIR_LIBS)
    mlir_target_link_libraries(${name} PUBLIC ${ARG_MLIR_LIBS})
  endif()
  if(ARG_LIBS)
    target_link_libraries(${name} PUBLIC ${ARG_LIBS})
  endif()
endfunction()
