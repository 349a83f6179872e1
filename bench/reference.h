/* SPDX-License-Identifier: ISC */
/* A yardstick for the benchmark: x42's test-signal generator
 * (http://gareus.org/oss/lv2/testsignal, Debian's x42-plugins) making its
 * 1 kHz sine, timed the same way as somascape, so our cost can be read as
 * a ratio that holds across machines. */
#ifndef SOMASCAPE_BENCH_REFERENCE_H
#define SOMASCAPE_BENCH_REFERENCE_H

#include <stdint.h>

#define REFERENCE_URI "http://gareus.org/oss/lv2/testsignal"

typedef struct Reference Reference;

/* NULL when the plugin is not installed (or not on LV2_PATH). */
Reference* reference_new(double rate);
void reference_free(Reference* ref);

/* Runs n frames (n <= the block it was made for) of the mono sine. */
void reference_run(Reference* ref, uint32_t n);

#endif
