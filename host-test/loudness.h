/* SPDX-License-Identifier: ISC */
/* Integrated loudness (EBU R 128) and true peak of a whole render, with
 * libebur128 in histogram mode, so memory stays constant for any length. */
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

/* Integrated loudness in LUFS (-HUGE_VAL for silence) and the true peak of
 * both channels in dBTP. */
bool loudness_meter_result(LoudnessMeter* meter, double* lufs, double* true_peak_db);

/* The gain in dB that brings `lufs` to `target_lufs`, lowered if needed so
 * the true peak stays at or below `ceiling_db`; *limited says whether it
 * was. */
double loudness_gain_db(double lufs, double true_peak_db, double target_lufs,
                        double ceiling_db, bool* limited);

#endif
