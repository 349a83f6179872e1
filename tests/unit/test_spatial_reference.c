/* SPDX-License-Identifier: ISC */
/* spatial.c's vector kernels against their plain versions
 * (spatial_reference.c): still sounds splatted and moving sounds read,
 * at placements across the field on headphones, speakers and between,
 * at several rates and in chunks cut at random, give the same samples bit
 * for bit. */
#undef NDEBUG
#include "check.h"
#include "grid.h"
#include "rng.h"
#include "spatial_reference.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define FRAMES 6000u

static Rng rng;

static float
uniform(float lo, float hi)
{
	return lo + (hi - lo) * (0.5f + 0.5f * rng_bipolar(&rng));
}

/* A chunk's length: mostly a grid step (the kernel's whole-step path),
 * else anything up to two. */
static uint32_t
chunk_length(void)
{
	const uint32_t r = rng_next(&rng) % 4u;
	return r == 0 ? GRID_FRAMES : 1u + rng_next(&rng) % (2u * GRID_FRAMES);
}

static float x[FRAMES];
static float out[2][2][FRAMES]; /* [vector, plain][ear] */

static void
compare(const char* what, double rate, float pos, float speakers)
{
	double power = 0.0;
	for (uint32_t i = 0; i < FRAMES; ++i) {
		for (int ear = 0; ear < 2; ++ear) {
			CHECK(memcmp(&out[0][ear][i], &out[1][ear][i], sizeof(float)) == 0,
			      "%s at %.0f Hz, position %.3f, speakers %.2f: frame %u of ear %d, vector "
			      "%.9g, plain %.9g",
			      what, rate, pos, speakers, i, ear, out[0][ear][i], out[1][ear][i]);
			power += (double)out[0][ear][i] * out[0][ear][i];
		}
	}
	CHECK(power > 1.0, "%s: silent (%g)", what, power);
}

/* A still sound at one placement, each chunk cut in two at random, mixed
 * out as the engine does. */
static void
check_still(double rate, float pos, float speakers)
{
	static Spatial s[2];
	const Placement p = spatial_placement(rate, pos, speakers);
	for (int k = 0; k < 2; ++k) {
		spatial_init(&s[k], rate);
	}
	for (uint32_t done = 0; done < FRAMES;) {
		uint32_t n = chunk_length();
		n = n < FRAMES - done ? n : FRAMES - done;
		const uint32_t cut = rng_next(&rng) % (n + 1u);
		for (int k = 0; k < 2; ++k) {
			void (*add)(Spatial*, const float*, uint32_t, uint32_t, const Placement*) =
			    k == 0 ? spatial_add : spatial_add_reference;
			add(&s[k], x + done, 0, cut, &p);
			add(&s[k], x + done + cut, cut, n - cut, &p);
			float* mix[2];
			spatial_mix(&s[k], n, mix);
			for (int ear = 0; ear < 2; ++ear) {
				memcpy(out[k][ear] + done, mix[ear], n * sizeof(float));
				memset(mix[ear], 0, n * sizeof(float));
			}
			spatial_advance(&s[k], n);
		}
		done += n;
	}
	compare("still", rate, pos, speakers);
}

/* A sound moving between two placements and back, a grid step at a
 * time, each step's chunk cut in two at random. */
static void
check_moving(double rate, float from_pos, float to_pos, float speakers)
{
	static SpatialTrack track[2];
	const Placement ends[2] = {spatial_placement(rate, from_pos, speakers),
	                           spatial_placement(rate, to_pos, speakers)};
	for (int k = 0; k < 2; ++k) {
		spatial_track_clear(&track[k]);
		track[k].now = SPATIAL_RING - 40u; /* the past wraps */
	}
	memset(out, 0, sizeof(out));
	for (uint32_t step = 0; step < FRAMES / GRID_FRAMES; ++step) {
		const Placement* p0 = &ends[step / 16 % 2];
		const Placement* p1 = &ends[(step + 1) / 16 % 2];
		const uint32_t cut = rng_next(&rng) % (GRID_FRAMES + 1u);
		const uint32_t base = step * GRID_FRAMES;
		for (int k = 0; k < 2; ++k) {
			void (*add)(SpatialTrack*, const float*, uint32_t, const Placement*, const Placement*,
			            float, float, float*, float*) =
			    k == 0 ? spatial_track_add : spatial_track_add_reference;
			const uint32_t parts[2][2] = {{0, cut}, {cut, GRID_FRAMES}};
			for (int part = 0; part < 2; ++part) {
				const uint32_t a = parts[part][0], b = parts[part][1];
				if (b > a) {
					add(&track[k], x + base + a, b - a, p0, p1, (float)a / GRID_FRAMES,
					    1.0f / GRID_FRAMES, out[k][0] + base + a, out[k][1] + base + a);
				}
			}
		}
	}
	compare("moving", rate, from_pos, speakers);
}

int
main(void)
{
	rng_seed(&rng, 22u);
	for (uint32_t i = 0; i < FRAMES; ++i) {
		x[i] = rng_bipolar(&rng);
	}
	const double rates[] = {8000.0, 44100.0, 48000.0, 96000.0, 384000.0};
	const float speakers[] = {0.0f, 0.5f, 1.0f};
	uint32_t cases = 0;
	for (size_t r = 0; r < sizeof(rates) / sizeof(rates[0]); ++r) {
		for (size_t s = 0; s < sizeof(speakers) / sizeof(speakers[0]); ++s) {
			for (int i = 0; i < 6; ++i) {
				const float pos = i == 0 ? 0.0f : uniform(-1.0f, 1.0f);
				check_still(rates[r], pos, speakers[s]);
				check_moving(rates[r], pos, uniform(-1.0f, 1.0f), speakers[s]);
				cases += 2;
			}
			/* across the centre, where the far ear changes side */
			check_moving(rates[r], -1.0f, 1.0f, speakers[s]);
			++cases;
		}
	}
	printf("spatial's vector kernels and the plain ones: the same samples in %u cases\n", cases);
	return 0;
}
