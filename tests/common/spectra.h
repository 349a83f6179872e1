/* SPDX-License-Identifier: ISC */
/* Measuring rendered audio: an FFT, power at a frequency, loudness, and
 * the engine rendered to memory. */
#ifndef SOMASCAPE_SPECTRA_H
#define SOMASCAPE_SPECTRA_H

#include "engine.h"
#include "low_band.h"

#include <stdint.h>

/* In place, n a power of two. */
void fft(double* re, double* im, uint32_t n);

/* A stereo render of the engine: the controls held from frame 0. */
typedef struct {
	float* left;
	float* right;
	uint32_t frames;
	double rate;
} Render;

Render render_engine(Engine* e, const Controls* c, double rate, double seconds);
void render_free(Render* r);

/* Power of both channels at hz (a Hann-windowed FFT of the frames from
 * `from`, 2^k of them), summed over the bins within `spread_hz`. */
double power_at(const double* left_power, const double* right_power, uint32_t bins, double bin_hz,
                double hz, double spread_hz);

/* The Hann-windowed power spectrum of n frames of x from `from` (n a
 * power of two): n / 2 bins of rate / n Hz.  Allocated. */
double* power_spectrum(const float* x, uint32_t from, uint32_t n);

/* EBU R128 integrated loudness of frames [from, frames) of a render,
 * optionally through a high-pass at hp_hz first (0: none), in LUFS. */
double loudness_lufs(const Render* r, uint32_t from, double hp_hz);

/* The largest RMS over windows of `window_s` of what lies below hz (an
 * eighth-order Butterworth low-pass of each channel), from frame `from`,
 * in dBFS. */
double level_below_dbfs(const Render* r, uint32_t from, double hz, double window_s);

#endif
