/* SPDX-License-Identifier: ISC */
/* Placement: equal power on speakers, time and level difference on
 * headphones, and the splatting ring delivers what it was given. */
#undef NDEBUG
#include "spatial.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static Spatial sp;

/* The moving splat frame by frame, as spatial_add defines it: each frame's
 * gain and delay interpolated, split between the two ring frames around
 * the delay. */
static void
reference_add(float ring[2][SPATIAL_RING], uint32_t now, const float* x, uint32_t at, uint32_t n,
              const Placement* p0, const Placement* p1, float t0, float dt)
{
	for (int ear = 0; ear < 2; ++ear) {
		const float g0 = p0->gain[ear], dg = p1->gain[ear] - g0;
		const float d0 = p0->delay[ear], dd = p1->delay[ear] - d0;
		for (uint32_t i = 0; i < n; ++i) {
			const float t = t0 + dt * (float)i;
			const float g = (g0 + dg * t) * x[i];
			const float d = d0 + dd * t;
			const uint32_t whole = (uint32_t)d;
			const float frac = d - (float)whole;
			const uint32_t k = now + at + i + whole;
			ring[ear][k & (SPATIAL_RING - 1u)] += g * (1.0f - frac);
			ring[ear][(k + 1u) & (SPATIAL_RING - 1u)] += g * frac;
		}
	}
}

/* A moving sound (delays crossing whole frames both ways, near the ring's
 * wrap, the step split in two) lands exactly where the frame-by-frame
 * splat puts it. */
static void
check_moving(void)
{
	static float ref[2][SPATIAL_RING];
	const Placement moves[][2] = {
	    {{{0.3f, 0.9f}, {0.0f, 0.0f}}, {{0.25f, 0.95f}, {0.0f, 0.0f}}}, /* gain only */
	    {{{0.3f, 0.9f}, {3.2f, 0.0f}}, {{0.35f, 0.8f}, {7.9f, 0.0f}}},  /* later */
	    {{{0.9f, 0.3f}, {0.0f, 30.6f}}, {{0.8f, 0.4f}, {0.0f, 26.1f}}}, /* sooner */
	    {{{0.5f, 0.5f}, {0.0f, 0.4f}}, {{0.5f, 0.5f}, {0.7f, 0.0f}}},  /* crossing */
	};
	float x[64];
	for (int i = 0; i < 64; ++i) {
		x[i] = sinf(0.37f * (float)i) + 0.1f;
	}
	for (size_t m = 0; m < sizeof(moves) / sizeof(moves[0]); ++m) {
		for (uint32_t split = 0; split <= 64; split += 13) {
			spatial_init(&sp, 48000.0);
			memset(ref, 0, sizeof(ref));
			sp.now = SPATIAL_RING - 40u; /* the splat wraps */
			const Placement* p = moves[m];
			spatial_add(&sp, x, 0, split, &p[0], &p[1], 0.0f, 1.0f / 64.0f);
			spatial_add(&sp, x + split, split, 64 - split, &p[0], &p[1], (float)split / 64.0f,
			            1.0f / 64.0f);
			reference_add(ref, sp.now, x, 0, 64, &p[0], &p[1], 0.0f, 1.0f / 64.0f);
			for (int ear = 0; ear < 2; ++ear) {
				for (uint32_t k = 0; k < SPATIAL_RING; ++k) {
					assert(sp.ring[ear][k] == ref[ear][k]);
				}
			}
		}
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
	check_moving();
	printf("spatial: equal power, ITD and ILD as designed; moving sounds land frame by frame\n");
	return 0;
}
