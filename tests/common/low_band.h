/* SPDX-License-Identifier: ISC */
/* Butterworth filters as biquads, and the level of what lies below a
 * frequency in a stream of stereo blocks (infrasound, issue 17). */
#ifndef SOMASCAPE_LOW_BAND_H
#define SOMASCAPE_LOW_BAND_H

#include <stdbool.h>
#include <stdint.h>

/* A direct-form-I biquad section with its state. */
typedef struct {
	double b0, b1, b2, a1, a2;
	double x1, x2, y1, y2;
} Biquad;

/* A Butterworth high- or low-pass of even order (2 to 8) at hz: its
 * sections, in order. */
typedef struct {
	Biquad section[4];
	uint32_t sections;
} Butterworth;

void butterworth(Butterworth* f, bool high, uint32_t order, double hz, double rate);
/* Filters n samples of x in place (the state carries on). */
void butterworth_run(Butterworth* f, float* x, uint32_t n);

/* The largest RMS over windows of window_s (every half window) of what
 * lies below hz in either channel: an eighth-order Butterworth low-pass of
 * each, its windows counted from frame `from` on. */
typedef struct {
	Butterworth low[2];
	uint64_t frame, from;
	uint32_t half;    /* frames in half a window */
	double sum[2][2]; /* per channel: the last half and this one */
	double loudest;   /* mean square */
} LowBandMeter;

void low_band_meter_init(LowBandMeter* m, double hz, double window_s, double rate, uint64_t from);
void low_band_meter_add(LowBandMeter* m, const float* left, const float* right, uint32_t n);
double low_band_meter_dbfs(const LowBandMeter* m);

#endif
