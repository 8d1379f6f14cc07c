#===- TesseraToolchain.cmake - linker and compiler cache ----------------===#
#
# lld and ccache are used when present; neither is required to build.
#
#===----------------------------------------------------------------------===#

find_program(TESSERA_CCACHE ccache)
if(TESSERA_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  # CCACHE_BASEDIR makes paths relative, so clones and build folders in
  # different places share cache entries.
  set(TESSERA_LAUNCHER ${CMAKE_COMMAND} -E env
    CCACHE_BASEDIR=${CMAKE_CURRENT_SOURCE_DIR} ${TESSERA_CCACHE})
  set(CMAKE_C_COMPILER_LAUNCHER ${TESSERA_LAUNCHER})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${TESSERA_LAUNCHER})
endif()

# clang-22 finds its own lld 22 with -fuse-ld=lld (/usr/bin/ld.lld is lld 14).
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  include(CheckCXXSourceCompiles)
  set(CMAKE_REQUIRED_LINK_OPTIONS -fuse-ld=lld)
  check_cxx_source_compiles("int main() { return 0; }" TESSERA_HAVE_LLD)
  unset(CMAKE_REQUIRED_LINK_OPTIONS)
  if(TESSERA_HAVE_LLD)
    add_link_options(-fuse-ld=lld)
  endif()
endif()
