/* SPDX-License-Identifier: ISC */
/* A second-order Butterworth high-pass (transposed direct form II, state
 * in double: at 30 Hz its poles sit close to 1).  A cue struck low spreads
 * under 20 Hz, where it is felt more than heard, however it starts: the
 * cues that reach that low run through one (engine.c). */
#ifndef SOMASCAPE_HIGHPASS_H
#define SOMASCAPE_HIGHPASS_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
	double b0, a1, a2; /* the numerator is b0 * (1, -2, 1) */
	double s1, s2;
} HighPass;

void highpass_init(HighPass* f, double hz, double rate);

/* Silence in, silence out: the state back to rest. */
static inline void
highpass_reset(HighPass* f)
{
	f->s1 = f->s2 = 0.0;
}

/* A state this small has rung out: what is left is far under a bit. */
#define HIGHPASS_QUIET 1e-10

/* Whether the state has rung out (under `floor`). */
static inline bool
highpass_quiet(const HighPass* f, double floor)
{
	return f->s1 < floor && f->s1 > -floor && f->s2 < floor && f->s2 > -floor;
}

/* Filters x[0, n) in place. */
static inline void
highpass_run(HighPass* f, float* x, uint32_t n)
{
	const double b0 = f->b0, a1 = f->a1, a2 = f->a2;
	double s1 = f->s1, s2 = f->s2;
	for (uint32_t i = 0; i < n; ++i) {
		const double in = x[i];
		const double out = b0 * in + s1;
		s1 = s2 - 2.0 * b0 * in - a1 * out;
		s2 = b0 * in - a2 * out;
		x[i] = (float)out;
	}
	f->s1 = s1;
	f->s2 = s2;
}

#endif
