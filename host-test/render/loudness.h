/* SPDX-License-Identifier: ISC */
/* Integrated loudness (EBU R 128) of a whole render, with libebur128 in
 * histogram mode, so memory stays constant for any length.  (The true peak
 * is the limiter's to measure: true_peak_limiter.h.) */
#ifndef SOMASCAPE_LOUDNESS_H
#define SOMASCAPE_LOUDNESS_H

#include <stdbool.h>
#include <stddef.h>

#include <ebur128.h>

typedef struct {
	ebur128_state* state;
} LoudnessMeter;

bool loudness_meter_init(LoudnessMeter* meter, unsigned rate);
void loudness_meter_free(LoudnessMeter* meter);

/* n interleaved stereo frames. */
bool loudness_meter_add(LoudnessMeter* meter, const float* frames, size_t n);

/* Integrated loudness in LUFS (-HUGE_VAL for silence). */
bool loudness_meter_result(LoudnessMeter* meter, double* lufs);

#endif
