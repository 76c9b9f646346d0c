# CMake package configuration for libmeetctl, installed by scripts/install-c.sh as
# <prefix>/lib/cmake/meetctl/meetctlConfig.cmake. Relocatable: paths are found from this file.
#
#   find_package(meetctl 0.1 REQUIRED)
#   target_link_libraries(app PRIVATE meetctl::meetctl)         # libmeetctl.so
#   target_link_libraries(app PRIVATE meetctl::meetctl_static)  # libmeetctl.a
#
# Both targets carry the include directory (meetctl.h, and the C++17 wrapper meetctl.hpp).
#
# The emulator (a local stand-in for both vendors' clouds, for offline tests), when installed:
#   meetctl::emulator              an imported executable: add_test(... $<TARGET_FILE:meetctl::emulator>)
#   MEETCTL_EMULATOR_EXECUTABLE    its absolute path (unset when the emulator is not installed)

include(CMakeFindDependencyMacro)
find_dependency(Threads)

get_filename_component(_meetctl_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(meetctl_INCLUDE_DIRS "${_meetctl_prefix}/include")

if(NOT TARGET meetctl::meetctl)
  add_library(meetctl::meetctl SHARED IMPORTED)
  set_target_properties(meetctl::meetctl PROPERTIES
    IMPORTED_LOCATION "${_meetctl_prefix}/lib/libmeetctl.so"
    IMPORTED_SONAME "libmeetctl.so"
    INTERFACE_INCLUDE_DIRECTORIES "${meetctl_INCLUDE_DIRS}")
endif()

if(NOT TARGET meetctl::meetctl_static AND EXISTS "${_meetctl_prefix}/lib/libmeetctl.a")
  add_library(meetctl::meetctl_static STATIC IMPORTED)
  set_target_properties(meetctl::meetctl_static PROPERTIES
    IMPORTED_LOCATION "${_meetctl_prefix}/lib/libmeetctl.a"
    INTERFACE_INCLUDE_DIRECTORIES "${meetctl_INCLUDE_DIRS}"
    INTERFACE_LINK_LIBRARIES "Threads::Threads;${CMAKE_DL_LIBS};m;rt;util")
endif()

if(EXISTS "${_meetctl_prefix}/bin/meetctl-emulator")
  set(MEETCTL_EMULATOR_EXECUTABLE "${_meetctl_prefix}/bin/meetctl-emulator")
  if(NOT TARGET meetctl::emulator)
    add_executable(meetctl::emulator IMPORTED)
    set_target_properties(meetctl::emulator PROPERTIES IMPORTED_LOCATION "${MEETCTL_EMULATOR_EXECUTABLE}")
  endif()
else()
  unset(MEETCTL_EMULATOR_EXECUTABLE)
endif()

set(meetctl_LIBRARIES meetctl::meetctl)
unset(_meetctl_prefix)
