# SPDX-License-Identifier: ISC
# Every C source of the plugin (the LV2 glue and the DSP), for the fuzz
# targets, which link the plugin in: a glob, so sources added to plugin/
# reach them without a change here.  SOMASCAPE_SOURCE is the project root.
set(somascape_plugin_dirs lv2 samples view dsp/core dsp/timeline dsp/voices dsp/drone dsp/space
  dsp/engine)
set(SOMASCAPE_PLUGIN_SOURCES)
set(SOMASCAPE_PLUGIN_INCLUDES ${SOMASCAPE_SOURCE}/plugin)
foreach(dir ${somascape_plugin_dirs})
  file(GLOB sources CONFIGURE_DEPENDS ${SOMASCAPE_SOURCE}/plugin/${dir}/*.c)
  list(APPEND SOMASCAPE_PLUGIN_SOURCES ${sources})
  list(APPEND SOMASCAPE_PLUGIN_INCLUDES ${SOMASCAPE_SOURCE}/plugin/${dir})
endforeach()
list(APPEND SOMASCAPE_PLUGIN_INCLUDES ${SOMASCAPE_SOURCE}/tests/common ${SOMASCAPE_SOURCE}/tests/fuzz
  ${SOMASCAPE_SOURCE}/host-test/lib) # atom_check.h, the output check every host of ours makes
