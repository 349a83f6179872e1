/* SPDX-License-Identifier: ISC */
/* The limiter: never above the ceiling, nothing non-finite out, and quiet
 * signals untouched. */
#include "limiter.h"
#include "rng.h"

#include "check.h"
#include <math.h>
#include <stdio.h>

int
main(void)
{
	Limiter lim;
	limiter_init(&lim, 48000.0);
	Rng rng;
	rng_seed(&rng, 7);
	float l[4096], r[4096];
	for (int block = 0; block < 200; ++block) {
		const float scale = powf(10.0f, (float)(block % 9) - 4.0f);
		for (int i = 0; i < 4096; ++i) {
			l[i] = scale * rng_bipolar(&rng);
			r[i] = scale * rng_bipolar(&rng);
		}
		if (block % 7 == 3) {
			l[17] = NAN;
			r[99] = INFINITY;
			l[1000] = -INFINITY;
		}
		limiter_process(&lim, l, r, 4096);
		for (int i = 0; i < 4096; ++i) {
			CHECK(isfinite(l[i]) && isfinite(r[i]), "main");
			CHECK(fabsf(l[i]) <= LIMITER_CEILING && fabsf(r[i]) <= LIMITER_CEILING, "main");
		}
	}
	/* after a long quiet stretch, a quiet signal passes unchanged */
	limiter_init(&lim, 48000.0);
	for (int i = 0; i < 4096; ++i) {
		l[i] = r[i] = 0.5f * sinf((float)i * 0.05f);
	}
	limiter_process(&lim, l, r, 4096);
	for (int i = 0; i < 4096; ++i) {
		CHECK(fabsf(l[i] - 0.5f * sinf((float)i * 0.05f)) < 1e-6f, "main");
	}
	printf("limiter: ceiling %.3f held, non-finite input silenced, quiet input untouched\n",
	       LIMITER_CEILING);
	return 0;
}
