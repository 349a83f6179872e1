/* SPDX-License-Identifier: ISC */
/* Through lilv: Hold 45 s / rest 10 s puts the sound on the right for
 * 45 s, at the centre for 10 s, then on the left for 45 s (each within
 * 50 ms), measured from the audio. */
#include "plugin_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define RATE 8000.0
#define MAX_ONSETS 512

int
main(void)
{
	Host* host = open_plugin(RATE);
	set_control(host, "gaze_mode", 3);
	set_control(host, "gaze_hold", 45);
	set_control(host, "gaze_rest", 10);
	set_control(host, "gaze_first", 0);
	set_control(host, "gaze_space", 1);
	set_control(host, "fade_in", 0);
	set_control(host, "drone_level", -60);
	Stereo s = stereo_new((size_t)(RATE * 112));
	render(host, &s, 256);

	float* mono = calloc(s.frames, sizeof(float));
	for (size_t i = 0; i < s.frames; ++i) {
		mono[i] = s.left[i] + s.right[i];
	}
	size_t onsets[MAX_ONSETS];
	const size_t n = find_onsets(mono, s.frames, 40, 20.0f, 1e-7f, onsets, MAX_ONSETS);
	CHECK(n > 100, "%zu strikes", n);

	/* each strike's side, from its balance over 100 ms */
	double change_at[4];
	int changes = 0, side = 99;
	for (size_t k = 0; k < n; ++k) {
		double l = 0.0, r = 0.0;
		for (size_t i = onsets[k]; i < onsets[k] + 800 && i < s.frames; ++i) {
			l += (double)s.left[i] * s.left[i];
			r += (double)s.right[i] * s.right[i];
		}
		const double balance = r / (l + r);
		const int this_side = balance > 0.9 ? 1 : balance < 0.1 ? -1 : 0;
		CHECK(this_side != 0 || fabs(balance - 0.5) < 0.05, "balance %.3f", balance);
		if (this_side != side) {
			if (side != 99 && changes < 4) {
				change_at[changes++] = (double)onsets[k] / RATE;
			}
			CHECK(side != 99 || this_side == 1, "the first side is the right");
			side = this_side;
		}
	}
	const double expected[4] = {45.0, 55.0, 100.0, 110.0};
	CHECK(changes == 4, "%d changes of side", changes);
	for (int i = 0; i < 4; ++i) {
		printf("change of side %d at %.4f s (expected %.1f)\n", i + 1, change_at[i], expected[i]);
		CHECK(fabs(change_at[i] - expected[i]) < 0.05, "change %d at %.4f s", i + 1, change_at[i]);
	}
	free(mono);
	stereo_free(&s);
	host_free(host);
	return 0;
}
