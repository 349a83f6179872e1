/* SPDX-License-Identifier: ISC */
/* Where the randomised host and the fuzz targets get their choices from:
 * a seeded generator (splitmix64) or the bytes of a fuzz input (zeros once
 * they run out).  The same choices then build the same events either way. */
#ifndef SOMASCAPE_BYTE_SOURCE_H
#define SOMASCAPE_BYTE_SOURCE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct {
	const uint8_t* data; /* NULL: use the generator */
	size_t size;
	size_t pos;
	uint64_t state;
} ByteSource;

static inline ByteSource
byte_source_seeded(uint64_t seed)
{
	ByteSource s = {NULL, 0, 0, seed};
	return s;
}

static inline ByteSource
byte_source_bytes(const uint8_t* data, size_t size)
{
	ByteSource s = {data, size, 0, 0};
	return s;
}

static inline uint64_t
splitmix64(uint64_t* state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static inline uint64_t
src_bits(ByteSource* s, unsigned n_bytes)
{
	if (!s->data) {
		return splitmix64(&s->state);
	}
	uint64_t v = 0;
	for (unsigned i = 0; i < n_bytes; ++i) {
		v = (v << 8) | (s->pos < s->size ? s->data[s->pos++] : 0u);
	}
	return v;
}

static inline uint8_t
src_u8(ByteSource* s)
{
	return (uint8_t)src_bits(s, 1);
}

static inline uint32_t
src_u32(ByteSource* s)
{
	return (uint32_t)src_bits(s, 4);
}

static inline uint64_t
src_u64(ByteSource* s)
{
	return src_bits(s, 8);
}

/* 0 <= value < n (n > 0). */
static inline uint32_t
src_below(ByteSource* s, uint32_t n)
{
	return n <= 256u ? (uint32_t)(src_u8(s) % n) : src_u32(s) % n;
}

/* Uniform in [0, 1). */
static inline double
src_unit(ByteSource* s)
{
	return (double)(src_bits(s, 4) & 0xFFFFFFFFu) / 4294967296.0;
}

/* true with probability about p. */
static inline int
src_chance(ByteSource* s, double p)
{
	return src_unit(s) < p;
}

static inline int
src_exhausted(const ByteSource* s)
{
	return s->data && s->pos >= s->size;
}

#endif
