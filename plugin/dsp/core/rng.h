/* SPDX-License-Identifier: ISC */
/* A small seeded generator: every random variation is reproducible from
 * the seed control. */
#ifndef SOMASCAPE_RNG_H
#define SOMASCAPE_RNG_H

#include <stdint.h>

typedef struct {
	uint32_t state;
} Rng;

/* One xorshift step, in place: a macro, so that it steps a vector of
 * independent streams lane by lane as well as one stream. */
#define RNG_XORSHIFT(x) ((x) ^= (x) << 13, (x) ^= (x) >> 17, (x) ^= (x) << 5)

static inline void
rng_seed(Rng* rng, uint32_t seed)
{
	/* splitmix-style scramble so that nearby seeds give unrelated streams */
	uint32_t z = seed * 0x9E3779B9u + 0x7F4A7C15u;
	z = (z ^ (z >> 16)) * 0x85EBCA6Bu;
	z = (z ^ (z >> 13)) * 0xC2B2AE35u;
	rng->state = (z ^ (z >> 16)) | 1u;
}

static inline uint32_t
rng_next(Rng* rng)
{
	uint32_t x = rng->state;
	RNG_XORSHIFT(x);
	return rng->state = x;
}

/* Uniform in [-1, 1). */
static inline float
rng_bipolar(Rng* rng)
{
	return (float)((int32_t)rng_next(rng)) * (1.0f / 2147483648.0f);
}

#endif
