/* SPDX-License-Identifier: ISC */
/* A look-ahead true-peak limiter for interleaved stereo, for --loudness's
 * final pass: the output's true peak (4x oversampled, as in ITU-R BS.1770)
 * stays under a ceiling, and where no peak would pass it the output is the
 * input exactly, delayed by the look-ahead.
 *
 * The gain is stereo-linked and computed in four steps from the reduction
 * each frame needs (1 - ceiling / its interval peaks): the largest over the
 * look-ahead and a hold time after (a moving maximum: held longer than a
 * low note's period, the gain does not follow a loud drone's waveform), a
 * release that lets it fall back exponentially, then two moving averages over the look-ahead, so the gain
 * reaches each frame's reduction by the time that frame comes out (and
 * holds it over the frames the interpolator reads around it), along a
 * curve without corners.
 *
 * Deterministic, independent of how the stream is cut into calls, and of
 * constant memory (what init allocates, for the look-ahead at the rate). */
#ifndef SOMASCAPE_TRUE_PEAK_LIMITER_H
#define SOMASCAPE_TRUE_PEAK_LIMITER_H

#include "true_peak.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A moving average over `length` values, with a count of the non-zero
 * ones, so that a window of zeros sums to exactly zero. */
typedef struct {
	double* values;
	uint32_t length, at, nonzero;
	double sum, scale; /* scale: 1 / length */
} MovingAverage;

typedef struct {
	float ceiling;    /* linear; +inf never acts */
	double release;   /* a frame's factor on the reduction */
	uint32_t hold;    /* frames of the moving maximum: the look-ahead or more */
	uint32_t latency; /* frames from input to output */

	TruePeak peak;
	float previous_peak; /* of the interval before */

	/* moving maximum of the reduction: a queue of (frame, reduction) with
	 * decreasing reductions, in a ring of `hold` */
	uint64_t* hold_frames;
	double* hold_values;
	uint32_t hold_first, hold_count;
	uint64_t frame; /* frames pushed */

	double released;
	MovingAverage smooth[2];
	bool settled; /* every stage holds only zeros */

	float* delay; /* `latency` interleaved frames */
	uint32_t delay_at;

	/* what it did */
	float input_peak;  /* the largest interval peak: exact above the ceiling */
	float lowest_gain; /* 1 if it never acted */
	uint64_t acting;   /* output frames it took more than 0.1 dB off */
	uint64_t output;   /* output frames */
} TruePeakLimiter;

typedef struct {
	double ceiling_db;  /* of the detected true peak; INFINITY: never act,
	                     * only measure the input's true peak, exactly */
	double lookahead_s; /* how long the gain takes to come down */
	double hold_s;      /* how long it stays down after a peak, at least */
	double release_s;   /* then the time constant of its return */
} TruePeakLimiterSettings;

/* False when out of memory. */
bool true_peak_limiter_init(TruePeakLimiter* lim, double rate,
                            const TruePeakLimiterSettings* settings);
void true_peak_limiter_free(TruePeakLimiter* lim);

/* Limits n interleaved frames in place.  The output lags by `latency`
 * frames: returns how many frames at the start of `frames` are output,
 * fewer than n only while the first `latency` frames are taken in. */
size_t true_peak_limiter_process(TruePeakLimiter* lim, float* frames, size_t n);

/* After the last input: the last frames still held, into `out` (room for
 * `latency` frames); returns how many, so that output and input have
 * the same length. */
size_t true_peak_limiter_flush(TruePeakLimiter* lim, float* out);

/* The largest reduction, in dB (0 if it never acted), and the input's
 * true peak in dBTP. */
double true_peak_limiter_reduction_db(const TruePeakLimiter* lim);
double true_peak_limiter_input_peak_db(const TruePeakLimiter* lim);

#endif
