/* SPDX-License-Identifier: ISC */
/* Placement: equal power on speakers, time and level difference on
 * headphones, and the splatting ring delivers what it was given. */
#undef NDEBUG
#include "spatial.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static Spatial sp;

int
main(void)
{
	const double rate = 48000.0;
	for (float pos = -1.0f; pos <= 1.0f; pos += 0.01f) {
		const Placement spk = spatial_placement(rate, pos, 1.0f);
		const float power = spk.gain[0] * spk.gain[0] + spk.gain[1] * spk.gain[1];
		assert(fabsf(power - 1.0f) < 1e-5f); /* equal power sums */
		assert(spk.delay[0] == 0.0f && spk.delay[1] == 0.0f);
		const Placement hp = spatial_placement(rate, pos, 0.0f);
		const float hp_power = hp.gain[0] * hp.gain[0] + hp.gain[1] * hp.gain[1];
		assert(fabsf(hp_power - 1.0f) < 1e-5f);
	}
	/* centre: both sides alike */
	const Placement centre = spatial_placement(rate, 0.0f, 0.0f);
	assert(fabsf(centre.gain[0] - centre.gain[1]) < 1e-6f);
	assert(centre.delay[0] == 0.0f && centre.delay[1] == 0.0f);
	/* hard right on speakers: nothing on the left */
	const Placement right = spatial_placement(rate, 1.0f, 1.0f);
	assert(right.gain[0] < 1e-6f && fabsf(right.gain[1] - 1.0f) < 1e-6f);
	/* right on headphones: left ear 10 dB down and 0.656 ms late */
	const Placement hp_right = spatial_placement(rate, 1.0f, 0.0f);
	const float ild_db = 20.0f * log10f(hp_right.gain[1] / hp_right.gain[0]);
	const float itd_ms = hp_right.delay[0] / (float)rate * 1000.0f;
	printf("headphones at the right: ILD %.2f dB, ITD %.3f ms\n", ild_db, itd_ms);
	assert(fabsf(ild_db - SPATIAL_ILD_DB) < 0.01f);
	assert(fabsf(itd_ms - 0.656f) < 0.005f && hp_right.delay[1] == 0.0f);
	const Placement hp_left = spatial_placement(rate, -1.0f, 0.0f);
	assert(hp_left.delay[1] == hp_right.delay[0] && hp_left.gain[0] == hp_right.gain[1]);

	/* an impulse comes out delayed by the ITD on the far ear */
	spatial_init(&sp, rate);
	float x[16] = {1.0f}, l[64], r[64];
	spatial_add(&sp, x, 0, 16, &hp_right, &hp_right, 0.0f, 1.0f / 16.0f);
	spatial_read(&sp, l, r, 64);
	int peak_l = 0;
	for (int i = 1; i < 64; ++i) {
		peak_l = fabsf(l[i]) > fabsf(l[peak_l]) ? i : peak_l;
	}
	assert(fabsf(r[0] - hp_right.gain[1]) < 1e-6f);
	assert(abs(peak_l - (int)lroundf(hp_right.delay[0])) <= 1);
	float sum_l = 0.0f;
	for (int i = 0; i < 64; ++i) {
		sum_l += l[i];
	}
	assert(fabsf(sum_l - hp_right.gain[0]) < 1e-6f); /* nothing lost */
	printf("spatial: equal power, ITD and ILD as designed\n");
	return 0;
}
