/* SPDX-License-Identifier: ISC */
#include "gain_search.h"

#include <math.h>

/* Below this the secant is too flat to trust: heavy limiting, where more
 * gain buys little loudness; it still may not step further than this
 * slope says. */
#define LEAST_SLOPE 0.05

void
gain_search_init(GainSearch* search, double target_lufs, double tolerance_lu, double plain_gain_db,
                 double excess_db, double max_gain_db)
{
	*search = (GainSearch){
	    .target_lufs = target_lufs,
	    .tolerance_lu = tolerance_lu,
	    .max_gain_db = max_gain_db,
	    .excess_at_0_db = excess_db - plain_gain_db,
	    .gain_db = fmin(plain_gain_db, max_gain_db),
	};
}

double
gain_search_gain_db(const GainSearch* search)
{
	return search->gain_db;
}

bool
gain_search_measured(GainSearch* search, double lufs)
{
	const double miss = search->target_lufs - lufs;
	if (fabs(miss) <= search->tolerance_lu ||
	    (miss > 0.0 && search->gain_db >= search->max_gain_db)) {
		search->lufs = lufs;
		search->done = true;
		return true;
	}
	/* L(g) = L0 + g - loss(g): with the loss k times the excess e, the
	 * slope is 1 - k, and k = loss / e; the plain loudness L0 + g is where
	 * the target is, so the loss is what is missing (when it is) */
	double slope = 1.0;
	const double excess = search->excess_at_0_db + search->gain_db;
	if (!search->have_prior && miss > 0.0 && excess > 0.0) {
		slope = 1.0 - miss / excess;
	}
	if (search->have_prior && search->gain_db != search->prior_gain_db) {
		slope = (lufs - search->prior_lufs) / (search->gain_db - search->prior_gain_db);
	}
	slope = fmin(fmax(slope, LEAST_SLOPE), 1.0);
	if (miss < 0.0 && (!search->have_above || search->gain_db < search->above_gain_db)) {
		search->above_gain_db = search->gain_db;
		search->have_above = true;
	}
	double next = fmin(search->gain_db + miss / slope, search->max_gain_db);
	/* never at or past a gain already found too loud: halfway instead */
	if (search->have_above && next >= search->above_gain_db) {
		next = 0.5 * (search->gain_db + search->above_gain_db);
	}
	search->prior_gain_db = search->gain_db;
	search->prior_lufs = lufs;
	search->have_prior = true;
	search->gain_db = next;
	search->lufs = lufs;
	return false;
}
