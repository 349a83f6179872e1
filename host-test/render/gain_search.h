/* SPDX-License-Identifier: ISC */
/* The gain that brings a limited render to a target loudness, found by
 * measuring passes.  The limiter only takes level away, so the loudness L
 * of the limited render rises with the gain g, never faster than g itself:
 * starting from the plain gain (which L cannot pass), each measured pass
 * narrows a bracket, and the next gain comes from the secant of the last
 * two.  Before there are two, the loss is taken to grow in proportion to
 * how far the peaks pass the ceiling (the first pass gives the ratio),
 * which is close enough for the second pass to land on most sessions.
 * The gain never goes past a cap on how much the limiter may take off. */
#ifndef SOMASCAPE_GAIN_SEARCH_H
#define SOMASCAPE_GAIN_SEARCH_H

#include <stdbool.h>

typedef struct {
	double target_lufs, tolerance_lu, max_gain_db;
	double excess_at_0_db; /* how far a gain of 0 dB takes the peaks past the ceiling */
	double gain_db, lufs;  /* the last pass measured */
	double prior_gain_db, prior_lufs;
	bool have_prior;
	double above_gain_db; /* the least gain measured over the target */
	bool have_above;
	bool done;
} GainSearch;

/* plain_gain_db: target - plain loudness; excess_db: how far that gain
 * takes the true peak past the limiter's ceiling (> 0); max_gain_db: the
 * cap. */
void gain_search_init(GainSearch* search, double target_lufs, double tolerance_lu,
                      double plain_gain_db, double excess_db, double max_gain_db);

/* The gain of the next pass to measure. */
double gain_search_gain_db(const GainSearch* search);

/* The loudness measured at that gain; true when the search is over:
 * within the tolerance, or short of the target at the cap. */
bool gain_search_measured(GainSearch* search, double lufs);

#endif
