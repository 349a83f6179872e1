/* SPDX-License-Identifier: ISC */
/* The true peak of a stereo stream, as ITU-R BS.1770-4 Annex 2 reads it:
 * the signal upsampled 4x by the Annex's 48-tap polyphase FIR, at any
 * sample rate.  Pushed one frame at a time, it gives the peak of one
 * interval between two input frames (both ends and the four points the
 * interpolator puts between them), over both channels.  The interval lags
 * the input by the filter's half length, TRUE_PEAK_LAG. */
#ifndef SOMASCAPE_TRUE_PEAK_H
#define SOMASCAPE_TRUE_PEAK_H

#include <stddef.h>

#define TRUE_PEAK_TAPS 12 /* per phase */
#define TRUE_PEAK_PHASES 4

/* After pushing frame n, the interval reported is [n - LAG, n - LAG + 1]. */
#define TRUE_PEAK_LAG 6

typedef float TruePeakPhases __attribute__((vector_size(TRUE_PEAK_PHASES * sizeof(float))));

typedef struct {
	/* each channel's last TRUE_PEAK_TAPS frames, each frame in every lane
	 * (one vector multiply gives a tap's four phases), twice over so the
	 * window always lies in one piece: [newest + 1, newest + TAPS] */
	TruePeakPhases history[2][2 * TRUE_PEAK_TAPS];
	int newest;
	/* no interpolated point exceeds `bound` times the window's largest
	 * frame; `pending` counts the pushes while a frame loud enough to
	 * pass the floor is still in the window */
	float bound;
	int pending;
} TruePeak;

void true_peak_init(TruePeak* tp);

/* Pushes a frame; returns the largest magnitude on the interval that
 * ends TRUE_PEAK_LAG - 1 frames before it, where it may be above `floor`;
 * where it cannot (no frame in the filter's reach is loud enough), only
 * the interval's ends, at once.  The floor may rise between calls, never
 * fall. */
float true_peak_push(TruePeak* tp, float left, float right, float floor);

/* The same for n interleaved frames, their interval peaks into `peaks`. */
void true_peak_block(TruePeak* tp, const float* frames, size_t n, float floor, float* peaks);

#endif
