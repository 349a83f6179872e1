# SPDX-License-Identifier: ISC
# Every C source of the plugin (the LV2 glue and the DSP), for the fuzz
# targets, which link the plugin in: a glob, so sources added to plugin/
# reach them without a change here.  SOMASCAPE_SOURCE is the project root.
file(GLOB SOMASCAPE_PLUGIN_SOURCES CONFIGURE_DEPENDS
  ${SOMASCAPE_SOURCE}/plugin/*.c ${SOMASCAPE_SOURCE}/plugin/dsp/*.c
  ${SOMASCAPE_SOURCE}/plugin/view/*.c)
set(SOMASCAPE_PLUGIN_INCLUDES ${SOMASCAPE_SOURCE}/plugin ${SOMASCAPE_SOURCE}/plugin/dsp
  ${SOMASCAPE_SOURCE}/plugin/view
  ${SOMASCAPE_SOURCE}/tests ${SOMASCAPE_SOURCE}/tests/fuzz
  ${SOMASCAPE_SOURCE}/host-test) # atom_check.h, the output check every host of ours makes
