/* SPDX-License-Identifier: ISC */
/* Placement: equal power on speakers, time and level difference on
 * headphones, the splatting ring delivers what it was given, and a moving
 * sound keeps its level. */
#undef NDEBUG
#include "spatial.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static Spatial sp;

/* A moving sound read from its past: a sine keeps its level while its
 * delay sweeps fast both ways (a splat would ripple it as the delay's
 * fraction wraps), and any chunking of the grid step gives the same
 * samples. */
static void
check_moving(void)
{
	const Placement moves[][2] = {
	    {{{0.5f, 0.5f}, {0.0f, 0.0f}}, {{0.5f, 0.5f}, {6.0f, 6.0f}}},   /* later, fast */
	    {{{0.5f, 0.5f}, {31.0f, 31.0f}}, {{0.5f, 0.5f}, {25.0f, 25.0f}}}, /* sooner */
	};
	const uint32_t steps = 96, chunk = 64;
	static float out[2][2][96 * 64]; /* [chunking][ear] */
	float x[96 * 64];
	for (uint32_t i = 0; i < steps * chunk; ++i) {
		x[i] = sinf(0.05f * (float)i);
	}
	for (size_t m = 0; m < sizeof(moves) / sizeof(moves[0]); ++m) {
		for (int split = 0; split < 2; ++split) {
			SpatialTrack track;
			spatial_track_clear(&track);
			track.now = SPATIAL_RING - 40u; /* the past wraps */
			for (uint32_t k = 0; k < steps; ++k) {
				/* back and forth: even steps go from p0 to p1, odd ones back */
				const Placement* from = &moves[m][k & 1], * to = &moves[m][!(k & 1)];
				const uint32_t parts[2][2] = {{chunk, 0}, {23, chunk - 23}};
				uint32_t done = 0;
				for (int part = 0; part < 2 && parts[split][part]; ++part) {
					const uint32_t n = parts[split][part];
					float* left = out[split][0] + k * chunk + done;
					float* right = out[split][1] + k * chunk + done;
					memset(left, 0, n * sizeof(float));
					memset(right, 0, n * sizeof(float));
					spatial_track_add(&track, x + k * chunk + done, n, from, to,
					                  (float)done / chunk, 1.0f / chunk, left, right);
					done += n;
				}
			}
			/* after the first pass, the level stays the sine's, times 0.5 */
			float lo = 1.0f, hi = 0.0f;
			for (uint32_t i = 2 * chunk; i + 200 < steps * chunk; i += 200) {
				float peak = 0.0f;
				for (uint32_t j = i; j < i + 200; ++j) {
					peak = fmaxf(peak, fabsf(out[split][0][j]));
				}
				lo = fminf(lo, peak);
				hi = fmaxf(hi, peak);
			}
			assert(lo > 0.497f && hi < 0.503f);
		}
		assert(!memcmp(out[0], out[1], sizeof(out[0])));
	}
}

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
	spatial_add(&sp, x, 0, 16, &hp_right);
	float* mix[2];
	spatial_mix(&sp, 64, mix);
	memcpy(l, mix[0], sizeof(l));
	memcpy(r, mix[1], sizeof(r));
	/* the same where the frames would cross the ring's end (it is turned) */
	spatial_clear(&sp);
	sp.now = SPATIAL_RING - 40u;
	spatial_add(&sp, x, 0, 16, &hp_right);
	spatial_mix(&sp, 64, mix);
	assert(!memcmp(l, mix[0], sizeof(l)) && !memcmp(r, mix[1], sizeof(r)));
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
	check_moving();
	printf("spatial: equal power, ITD and ILD as designed; moving sounds keep their level\n");
	return 0;
}
