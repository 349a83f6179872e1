/* SPDX-License-Identifier: ISC */
/* --loudness: measuring passes choose the gain, and the final pass goes
 * through the true-peak limiter, so the file lands on the target with its
 * true peak under TRUE_PEAK_CEILING_DB.
 *
 * The first pass measures the plain loudness and true peak.  If the plain
 * gain keeps the peaks under the limiter's ceiling, the limiter will not
 * act and that gain is the answer.  Otherwise the limiter takes a little
 * loudness away with the peaks, so passes through it measure the loudness
 * at a gain (gain_search.h) until one lands within LOUDNESS_TOLERANCE_LU;
 * the final pass uses that gain and, being the same samples, lands where
 * it did. */
#ifndef SOMASCAPE_RENDER_LOUDNESS_H
#define SOMASCAPE_RENDER_LOUDNESS_H

#include "render.h"
#include "true_peak_limiter.h"

#include <stdbool.h>
#include <stddef.h>

/* What a file may reach, in dBTP as libebur128 and ffmpeg measure it. */
#define TRUE_PEAK_CEILING_DB -1.0

typedef struct {
	double target_lufs;
	double gain_db;
	double lufs; /* of the final pass, as measured */
	bool silent; /* nothing to measure: the gain is 1 */
	bool capped; /* short of the target at MAX_LIMITING_DB */
} LoudnessChoice;

/* Sets plan->gain for target_lufs; false with the reason in err. */
bool loudness_choose_gain(RenderPlan* plan, double target_lufs, LoudnessChoice* choice, char* err,
                          size_t err_size);

/* The limiter of every pass through it. */
bool loudness_limiter_init(TruePeakLimiter* limiter, double rate);

/* After the final pass: what the limiter did, and where the file is. */
void loudness_report(const LoudnessChoice* choice, const TruePeakLimiter* limiter);

#endif
