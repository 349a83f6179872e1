/* SPDX-License-Identifier: ISC */
/* The Ocean's noise filters: the low-pass that opens on the inhale, built
 * for a noise block at a time, and the high-pass against infrasound
 * (drone.h); the noise itself is drone_render.c's. */
#include "drone_parts.h"
#include "simd.h"

#include <math.h>
#include <string.h>

/* Ocean: noise spectral density matched at every rate, and its low-pass
 * range from closed to open. */
static const double noise_reference_rate = 48000.0;
static const float ocean_closed_hz = 300.0f, ocean_octaves = 3.5f;

/* The Ocean's low-passes for coefficient c, a block at a time
 * (DroneLowPassBlock), in double so that the powers stay exact.  Built
 * aside and copied: vector stores straight into the Drone would trust
 * its declared alignment, which its allocation need not give. */
static inline __attribute__((always_inline)) void
build_low_pass(Drone* d, float coef)
{
	DroneLowPassBlock block, *b = &block;
	const double c = coef, a = 1.0 - c;
	double a_k[DRONE_NOISE_BLOCK + 1]; /* a^k, by repeated products */
	a_k[0] = 1.0;
	for (uint32_t k = 0; k < DRONE_NOISE_BLOCK; ++k) {
		a_k[k + 1] = a_k[k] * a;
	}
	/* then every coefficient at once, as vectors */
	for (uint32_t k = 0; k < DRONE_NOISE_BLOCK; ++k) {
		b->response[k] = 0.0f;
		b->response[DRONE_NOISE_BLOCK + k] = (float)(c * c * (k + 1) * a_k[k]);
		b->from_y1[k] = (float)(c * (k + 1) * a_k[k + 1]);
		b->from_y2[k] = (float)a_k[k + 1];
	}
	for (uint32_t k = 0; k < DRONE_NOISE_BLOCK; ++k) {
		b->y1_weight[k] = (float)(c * a_k[DRONE_NOISE_BLOCK - 1 - k]);
	}
	b->y1_decay = (float)a_k[DRONE_NOISE_BLOCK];
	memcpy(&d->low_pass_block, b, sizeof(block));
	d->low_pass_coef = coef;
}

/* Ocean: noise through a low-pass that opens on the inhale; its gain
 * keeps the power steady as the cutoff moves, and the noise density the
 * same at every rate.  Only while the Ocean sounds or is chosen; with AVX
 * where there is, for the streams' seeds and the low-passes' blocks. */
SIMD_CLONES void
drone_update_ocean(Drone* d, float breath, uint64_t step)
{
	d->noise_gain[0] = d->noise_gain[1];
	d->ocean = smooth_step(d->ocean, d->p.timbre == DRONE_OCEAN ? 1.0f : 0.0f, d->smooth_tone);
	if (d->ocean == 0.0f) {
		d->noise_gain[1] = 0.0f;
		return;
	}
	/* the noise of this grid step, from its index: the same wherever
	 * rendering started.  Each of the block's streams has an index of
	 * its own, (step, lane), and an odd multiplier keeps the seeds apart. */
	Rng streams[DRONE_NOISE_BLOCK]; /* then copied, as build_low_pass's */
	for (uint32_t lane = 0; lane < DRONE_NOISE_BLOCK; ++lane) {
		const uint32_t index = (uint32_t)step * DRONE_NOISE_BLOCK + lane;
		rng_seed(&streams[lane], d->noise_seed + index * 0x632BE5ABu);
	}
	memcpy(d->noise_rng, streams, sizeof(streams));
	float hz = ocean_closed_hz * approx_exp2_small(ocean_octaves * openness(d, breath));
	hz = hz < 0.2f * (float)d->rate ? hz : 0.2f * (float)d->rate;
	const float x = 2.0f * (float)M_PI * hz / (float)d->rate;
	const float coef = x / (1.0f + x); /* 1 - exp(-x), near enough */
	if (coef != d->low_pass_coef) {
		build_low_pass(d, coef);
	}
	d->noise_gain[1] = d->gain[1] * d->ocean * drone_timbres[DRONE_OCEAN].gain *
	                   sqrtf((float)(d->rate / noise_reference_rate) * 1000.0f / hz);
}

/* The high-pass's weights against infrasound (DroneHighPass), once. */
void
drone_ocean_init(Drone* d)
{
	const double rate = d->rate;
	const double floor_a = exp(-2.0 * M_PI * DRONE_OCEAN_FLOOR_HZ / rate);
	d->high_pass.weight_sum = 0.0f;
	for (uint32_t k = 0; k < DRONE_NOISE_BLOCK; ++k) {
		d->high_pass.weight[k] = (float)((1.0 - floor_a) * pow(floor_a, DRONE_NOISE_BLOCK - 1 - k));
		d->high_pass.weight_sum += d->high_pass.weight[k];
	}
	d->high_pass.decay = (float)pow(floor_a, DRONE_NOISE_BLOCK);
}

/* Silent filters, and the low-passes' blocks for a closed filter. */
void
drone_ocean_reset(Drone* d)
{
	memset(d->low_pass, 0, sizeof(d->low_pass));
	build_low_pass(d, 0.0f);
	memset(d->high_pass.low, 0, sizeof(d->high_pass.low));
}
