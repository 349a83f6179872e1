/* SPDX-License-Identifier: ISC */
/* Through lilv: Alternate at 1.0 and 1.2 Hz alternates left and right at
 * that rate (within 0.5 %), on speakers and on headphones. */
#include "plugin_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define RATE 48000.0
#define MAX_ONSETS 256

/* Finds every strike in the mix, decides its side from the balance of its
 * first 100 ms, checks that the sides alternate, and returns the strikes
 * per second on each side. */
static void
side_rates(const Stereo* s, double* right_rate, double* left_rate, size_t* strikes)
{
	float* mono = calloc(s->frames, sizeof(float));
	for (size_t i = 0; i < s->frames; ++i) {
		mono[i] = s->left[i] + s->right[i];
	}
	size_t onsets[MAX_ONSETS];
	const size_t n = find_onsets(mono, s->frames, 240, 20.0f, 1e-7f, onsets, MAX_ONSETS);
	size_t first[2] = {0, 0}, last[2] = {0, 0}, count[2] = {0, 0};
	int previous = 0;
	for (size_t k = 0; k < n; ++k) {
		double l = 0.0, r = 0.0;
		for (size_t i = onsets[k]; i < onsets[k] + 4800 && i < s->frames; ++i) {
			l += (double)s->left[i] * s->left[i];
			r += (double)s->right[i] * s->right[i];
		}
		const double balance_db = 10.0 * log10(r / l);
		const int side = balance_db > 6.0 ? 1 : balance_db < -6.0 ? -1 : 0;
		CHECK(side != 0, "strike %zu at frame %zu is not to one side (%.1f dB)", k, onsets[k],
		      balance_db);
		CHECK(side != previous, "strike %zu repeats a side", k);
		CHECK(k > 0 || side == 1, "the first strike is on the right");
		previous = side;
		const int i = side > 0 ? 0 : 1;
		first[i] = count[i] ? first[i] : onsets[k];
		last[i] = onsets[k];
		++count[i];
	}
	*right_rate = (double)(count[0] - 1) * RATE / (double)(last[0] - first[0]);
	*left_rate = (double)(count[1] - 1) * RATE / (double)(last[1] - first[1]);
	*strikes = n;
	free(mono);
}

static void
check_rate(float rate_hz, float space)
{
	Host* host = open_plugin(RATE);
	set_control(host, "gaze_mode", 2);
	set_control(host, "gaze_rate", rate_hz);
	set_control(host, "gaze_space", space);
	set_control(host, "fade_in", 0);
	set_control(host, "drone_level", -60);
	Stereo s = stereo_new((size_t)(RATE * 30));
	render(host, &s, 256);

	double left, right;
	size_t strikes;
	side_rates(&s, &right, &left, &strikes);
	printf("%s, %.1f Hz: %zu strikes alternating; right %.4f/s, left %.4f/s\n",
	       space > 0.5f ? "speakers" : "headphones", rate_hz, strikes, right, left);
	CHECK(fabs(left / rate_hz - 1.0) < 0.005, "left alternation %.4f Hz", left);
	CHECK(fabs(right / rate_hz - 1.0) < 0.005, "right alternation %.4f Hz", right);

	/* the first strike is on the right, the next on the left, half a cycle on */
	double e_l = 0.0, e_r = 0.0, f_l = 0.0, f_r = 0.0;
	const size_t half = (size_t)(RATE / rate_hz / 2.0);
	for (size_t i = 0; i < half; ++i) {
		e_l += (double)s.left[i] * s.left[i];
		e_r += (double)s.right[i] * s.right[i];
		f_l += (double)s.left[half + i] * s.left[half + i];
		f_r += (double)s.right[half + i] * s.right[half + i];
	}
	printf("  first half cycle R/L %.1f dB, second %.1f dB\n", 10 * log10(e_r / e_l),
	       10 * log10(f_r / f_l));
	CHECK(e_r > 4.0 * e_l && f_l > 4.0 * f_r, "right first, then left");
	stereo_free(&s);
	host_free(host);
}

int
main(void)
{
	check_rate(1.0f, 1.0f);
	check_rate(1.2f, 1.0f);
	check_rate(1.0f, 0.0f);
	check_rate(1.2f, 0.0f);
	return 0;
}
