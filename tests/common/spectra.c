/* SPDX-License-Identifier: ISC */
#include "spectra.h"

#include <ebur128.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
fft(double* re, double* im, uint32_t n)
{
	for (uint32_t i = 1, j = 0; i < n; ++i) {
		uint32_t bit = n >> 1;
		for (; j & bit; bit >>= 1) {
			j ^= bit;
		}
		j ^= bit;
		if (i < j) {
			double t = re[i];
			re[i] = re[j];
			re[j] = t;
			t = im[i];
			im[i] = im[j];
			im[j] = t;
		}
	}
	for (uint32_t len = 2; len <= n; len <<= 1) {
		const double w = -2.0 * M_PI / len;
		for (uint32_t i = 0; i < n; i += len) {
			for (uint32_t k = 0; k < len / 2; ++k) {
				const double c = cos(w * k), s = sin(w * k);
				const uint32_t a = i + k, b = i + k + len / 2;
				const double xr = re[b] * c - im[b] * s, xi = re[b] * s + im[b] * c;
				re[b] = re[a] - xr;
				im[b] = im[a] - xi;
				re[a] += xr;
				im[a] += xi;
			}
		}
	}
}

Render
render_engine(Engine* e, const Controls* c, double rate, double seconds)
{
	Render r = {.frames = (uint32_t)(seconds * rate), .rate = rate};
	r.left = calloc(r.frames, sizeof(float));
	r.right = calloc(r.frames, sizeof(float));
	if (!r.left || !r.right) {
		fprintf(stderr, "render_engine: out of memory for %u frames\n", r.frames);
		exit(1);
	}
	engine_init(e, rate);
	engine_set_controls(e, c);
	enum { BLOCK = 512 };
	for (uint32_t done = 0; done < r.frames; done += BLOCK) {
		const uint32_t n = r.frames - done < BLOCK ? r.frames - done : BLOCK;
		engine_process(e, r.left + done, r.right + done, n);
	}
	return r;
}

void
render_free(Render* r)
{
	free(r->left);
	free(r->right);
	r->left = r->right = NULL;
}

double*
power_spectrum(const float* x, uint32_t from, uint32_t n)
{
	double* re = calloc(n, sizeof(double));
	double* im = calloc(n, sizeof(double));
	if (!re || !im) {
		fprintf(stderr, "power_spectrum: out of memory for %u points\n", n);
		exit(1);
	}
	for (uint32_t i = 0; i < n; ++i) {
		const double w = 0.5 - 0.5 * cos(2.0 * M_PI * i / n);
		re[i] = x[from + i] * w;
	}
	fft(re, im, n);
	for (uint32_t k = 0; k < n / 2; ++k) {
		re[k] = re[k] * re[k] + im[k] * im[k];
	}
	free(im);
	return re;
}

double
power_at(const double* left_power, const double* right_power, uint32_t bins, double bin_hz,
         double hz, double spread_hz)
{
	double sum = 0.0;
	const int64_t lo = (int64_t)floor((hz - spread_hz) / bin_hz);
	const int64_t hi = (int64_t)ceil((hz + spread_hz) / bin_hz);
	for (int64_t k = lo < 0 ? 0 : lo; k <= hi && k < (int64_t)bins; ++k) {
		sum += left_power[k] + right_power[k];
	}
	return sum;
}

double
loudness_lufs(const Render* r, uint32_t from, double hp_hz)
{
	const uint32_t n = r->frames - from;
	float* both = malloc(2 * (size_t)n * sizeof(float));
	float* l = malloc(n * sizeof(float));
	float* rr = malloc(n * sizeof(float));
	if (!both || !l || !rr) {
		fprintf(stderr, "loudness_lufs: out of memory\n");
		exit(1);
	}
	memcpy(l, r->left + from, n * sizeof(float));
	memcpy(rr, r->right + from, n * sizeof(float));
	if (hp_hz > 0.0) {
		Butterworth f;
		butterworth(&f, true, 2, hp_hz, r->rate);
		butterworth_run(&f, l, n);
		butterworth(&f, true, 2, hp_hz, r->rate);
		butterworth_run(&f, rr, n);
	}
	for (uint32_t i = 0; i < n; ++i) {
		both[2 * i] = l[i];
		both[2 * i + 1] = rr[i];
	}
	ebur128_state* meter = ebur128_init(2, (unsigned long)r->rate, EBUR128_MODE_I);
	double lufs = -HUGE_VAL;
	if (!meter || ebur128_add_frames_float(meter, both, n) != EBUR128_SUCCESS ||
	    ebur128_loudness_global(meter, &lufs) != EBUR128_SUCCESS) {
		fprintf(stderr, "loudness_lufs: libebur128 failed\n");
		exit(1);
	}
	ebur128_destroy(&meter);
	free(both);
	free(l);
	free(rr);
	return lufs;
}

double
level_below_dbfs(const Render* r, uint32_t from, double hz, double window_s)
{
	LowBandMeter m;
	low_band_meter_init(&m, hz, window_s, r->rate, from);
	low_band_meter_add(&m, r->left, r->right, r->frames);
	return low_band_meter_dbfs(&m);
}
