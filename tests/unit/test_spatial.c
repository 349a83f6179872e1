/* SPDX-License-Identifier: ISC */
/* Placement: equal power on speakers, time and level difference on
 * headphones, the splatting ring delivers what it was given, and a moving
 * sound keeps its level. */
#include "spatial.h"

#include "check.h"
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
	    {{{0.5f, 0.5f}, {0.0f, 0.0f}}, {{0.5f, 0.5f}, {6.0f, 6.0f}}},     /* later, fast */
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
				const Placement *from = &moves[m][k & 1], *to = &moves[m][!(k & 1)];
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
			CHECK(lo > 0.497f && hi < 0.503f, "check_moving");
		}
		CHECK(!memcmp(out[0], out[1], sizeof(out[0])), "check_moving");
	}
}

/* A still sound splatted in chunks of `chunk` frames, each cut in two at
 * `cut`, as the engine does when something happens inside a chunk. */
static void
splat_in_chunks(const Placement* p, const float* x, uint32_t frames, uint32_t chunk, uint32_t cut,
                float* left, float* right)
{
	static Spatial s;
	spatial_init(&s, 48000.0);
	for (uint32_t done = 0; done < frames; done += chunk) {
		const uint32_t n = frames - done < chunk ? frames - done : chunk;
		const uint32_t first = cut < n ? cut : n;
		spatial_add(&s, x + done, 0, first, p);
		spatial_add(&s, x + done + first, first, n - first, p);
		float* mix[2]; /* taken out, and left zero */
		spatial_mix(&s, n, mix);
		memcpy(left + done, mix[0], n * sizeof(float));
		memcpy(right + done, mix[1], n * sizeof(float));
		memset(mix[0], 0, n * sizeof(float));
		memset(mix[1], 0, n * sizeof(float));
		spatial_advance(&s, n);
	}
}

/* Still sounds: each ear gets its gain's share of the sound at the
 * delay's whole part and the fraction's share one frame later, the same
 * for any chunking, through several passes of the ring's read span
 * (what lies past it moving down to its start). */
static void
check_still(void)
{
	const Placement places[] = {
	    {{0.8f, 0.6f}, {0.0f, 31.4f}}, /* headphones: the near ear at no delay */
	    {{0.7f, 0.7f}, {0.0f, 0.0f}},  /* speakers */
	    {{0.5f, 0.9f}, {3.25f, 7.5f}}, /* both ears between frames */
	    {{1.0f, 0.3f}, {12.0f, 0.0f}}, /* a whole delay */
	};
	enum { FRAMES = 5000 };
	static float x[FRAMES], out[3][2][FRAMES]; /* [chunking][ear] */
	uint32_t seed = 1u;
	for (uint32_t i = 0; i < FRAMES; ++i) {
		seed = seed * 1664525u + 1013904223u;
		x[i] = (float)(seed >> 8) / 16777216.0f - 0.5f;
	}
	for (size_t k = 0; k < sizeof(places) / sizeof(places[0]); ++k) {
		const Placement* p = &places[k];
		splat_in_chunks(p, x, FRAMES, 64, 64, out[0][0], out[0][1]); /* whole grid steps */
		splat_in_chunks(p, x, FRAMES, 64, 23, out[1][0], out[1][1]);
		splat_in_chunks(p, x, FRAMES, 37, 5, out[2][0], out[2][1]); /* odd blocks */
		CHECK(!memcmp(out[0], out[1], sizeof(out[0])), "check_still");
		CHECK(!memcmp(out[0], out[2], sizeof(out[0])), "check_still");
		for (int ear = 0; ear < 2; ++ear) {
			const uint32_t whole = (uint32_t)p->delay[ear];
			const double frac = p->delay[ear] - (float)whole, g = p->gain[ear];
			for (uint32_t i = 0; i < FRAMES; ++i) {
				const double own = i >= whole ? x[i - whole] : 0.0;
				const double earlier = i >= whole + 1u ? x[i - whole - 1u] : 0.0;
				const double want = g * (1.0 - frac) * own + g * frac * earlier;
				CHECK(fabs(out[0][ear][i] - want) < 1e-6, "check_still");
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
		CHECK(fabsf(power - 1.0f) < 1e-5f, "main"); /* equal power sums */
		CHECK(spk.delay[0] == 0.0f && spk.delay[1] == 0.0f, "main");
		const Placement hp = spatial_placement(rate, pos, 0.0f);
		const float hp_power = hp.gain[0] * hp.gain[0] + hp.gain[1] * hp.gain[1];
		CHECK(fabsf(hp_power - 1.0f) < 1e-5f, "main");
	}
	/* centre: both sides alike */
	const Placement centre = spatial_placement(rate, 0.0f, 0.0f);
	CHECK(fabsf(centre.gain[0] - centre.gain[1]) < 1e-6f, "main");
	CHECK(centre.delay[0] == 0.0f && centre.delay[1] == 0.0f, "main");
	/* hard right on speakers: nothing on the left */
	const Placement right = spatial_placement(rate, 1.0f, 1.0f);
	CHECK(right.gain[0] < 1e-6f && fabsf(right.gain[1] - 1.0f) < 1e-6f, "main");
	/* right on headphones: left ear 10 dB down and 0.656 ms late */
	const Placement hp_right = spatial_placement(rate, 1.0f, 0.0f);
	const float ild_db = 20.0f * log10f(hp_right.gain[1] / hp_right.gain[0]);
	const float itd_ms = hp_right.delay[0] / (float)rate * 1000.0f;
	printf("headphones at the right: ILD %.2f dB, ITD %.3f ms\n", ild_db, itd_ms);
	CHECK(fabsf(ild_db - SPATIAL_ILD_DB) < 0.01f, "main");
	CHECK(fabsf(itd_ms - 0.656f) < 0.005f && hp_right.delay[1] == 0.0f, "main");
	const Placement hp_left = spatial_placement(rate, -1.0f, 0.0f);
	CHECK(hp_left.delay[1] == hp_right.delay[0] && hp_left.gain[0] == hp_right.gain[1], "main");

	/* an impulse comes out delayed by the ITD on the far ear */
	spatial_init(&sp, rate);
	float x[16] = {1.0f}, l[64], r[64];
	spatial_add(&sp, x, 0, 16, &hp_right);
	float* mix[2];
	spatial_mix(&sp, 64, mix);
	memcpy(l, mix[0], sizeof(l));
	memcpy(r, mix[1], sizeof(r));
	/* the same where the frames cross SPATIAL_RING (they lie past it) */
	spatial_clear(&sp);
	sp.now = SPATIAL_RING - 40u;
	spatial_add(&sp, x, 0, 16, &hp_right);
	spatial_mix(&sp, 64, mix);
	CHECK(!memcmp(l, mix[0], sizeof(l)) && !memcmp(r, mix[1], sizeof(r)), "main");
	int peak_l = 0;
	for (int i = 1; i < 64; ++i) {
		peak_l = fabsf(l[i]) > fabsf(l[peak_l]) ? i : peak_l;
	}
	CHECK(fabsf(r[0] - hp_right.gain[1]) < 1e-6f, "main");
	CHECK(abs(peak_l - (int)lroundf(hp_right.delay[0])) <= 1, "main");
	float sum_l = 0.0f;
	for (int i = 0; i < 64; ++i) {
		sum_l += l[i];
	}
	CHECK(fabsf(sum_l - hp_right.gain[0]) < 1e-6f, "main"); /* nothing lost */
	check_moving();
	check_still();
	printf("spatial: equal power, ITD and ILD as designed; still sounds land where placed in "
	       "any chunking; moving sounds keep their level\n");
	return 0;
}
