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

/* Section k of an order-n Butterworth by the bilinear transform, its
 * analogue pole pair at angle pi (2k + 1) / (2n) from the imaginary axis. */
void
butterworth(Butterworth* f, bool high, uint32_t order, double hz, double rate)
{
	memset(f, 0, sizeof(*f));
	f->sections = order / 2;
	const double k = tan(M_PI * hz / rate);
	for (uint32_t s = 0; s < f->sections; ++s) {
		const double q = 1.0 / (2.0 * sin(M_PI * (2.0 * s + 1.0) / (2.0 * order)));
		const double norm = 1.0 / (1.0 + k / q + k * k);
		Biquad* b = &f->section[s];
		if (high) {
			b->b0 = norm;
			b->b1 = -2.0 * norm;
		} else {
			b->b0 = k * k * norm;
			b->b1 = 2.0 * k * k * norm;
		}
		b->b2 = b->b0;
		b->a1 = 2.0 * (k * k - 1.0) * norm;
		b->a2 = (1.0 - k / q + k * k) * norm;
	}
}

void
butterworth_run(Butterworth* f, float* x, uint32_t n)
{
	for (uint32_t s = 0; s < f->sections; ++s) {
		Biquad* b = &f->section[s];
		for (uint32_t i = 0; i < n; ++i) {
			const double y = b->b0 * x[i] + b->b1 * b->x1 + b->b2 * b->x2 - b->a1 * b->y1 -
			                 b->a2 * b->y2;
			b->x2 = b->x1;
			b->x1 = x[i];
			b->y2 = b->y1;
			b->y1 = y;
			x[i] = (float)y;
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
	const uint32_t n = r->frames;
	float* x[2] = {malloc(n * sizeof(float)), malloc(n * sizeof(float))};
	if (!x[0] || !x[1]) {
		fprintf(stderr, "level_below_dbfs: out of memory\n");
		exit(1);
	}
	memcpy(x[0], r->left, n * sizeof(float));
	memcpy(x[1], r->right, n * sizeof(float));
	const uint32_t window = (uint32_t)(window_s * r->rate);
	double loudest = 0.0;
	for (int c = 0; c < 2; ++c) {
		Butterworth f;
		butterworth(&f, false, 8, hz, r->rate);
		butterworth_run(&f, x[c], n);
		for (uint32_t at = from; at + window <= n; at += window / 2) {
			double sum = 0.0;
			for (uint32_t i = at; i < at + window; ++i) {
				sum += (double)x[c][i] * x[c][i];
			}
			loudest = sum / window > loudest ? sum / window : loudest;
		}
		free(x[c]);
	}
	return 10.0 * log10(loudest + 1e-30);
}
