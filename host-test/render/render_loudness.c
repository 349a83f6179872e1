/* SPDX-License-Identifier: ISC */
#include "render_loudness.h"

#include "gain_search.h"
#include "loudness.h"

#include <math.h>
#include <stdio.h>

/* The limiter holds its 4x-detected peaks this far under the ceiling: room
 * for what 4x oversampling misses of the reconstructed wave, for meters
 * that interpolate with other filters (libebur128's, ffmpeg's), and for a
 * gain that moves between frames. */
#define LIMITER_MARGIN_DB 0.3
#define LIMITER_CEILING_DB (TRUE_PEAK_CEILING_DB - LIMITER_MARGIN_DB)
/* Down over 2 ms; held 12.5 ms after a peak, as long as the crests of the
 * lowest drone note (40 Hz) are apart, so the gain never follows a loud
 * drone's waveform; released over 100 ms, short enough to be over under a
 * strike's own decay.  (A 30 ms hold, or a 300 ms release, costs BLS
 * 1.2 Hz chimes so much loudness that reaching -16 LUFS takes 7.5 or
 * 8.8 dB of limiting instead of 5.7.) */
static const TruePeakLimiterSettings limiter_settings = {
    .ceiling_db = LIMITER_CEILING_DB,
    .lookahead_s = 0.002,
    .hold_s = 0.0125,
    .release_s = 0.1,
};
/* Beyond this a limiter is heard: a louder target is given up, and said. */
#define MAX_LIMITING_DB 10.0
#define LOUDNESS_TOLERANCE_LU 0.1
#define MAX_LIMITED_PASSES 8

bool
loudness_limiter_init(TruePeakLimiter* limiter, double rate)
{
	return true_peak_limiter_init(limiter, rate, &limiter_settings);
}

/* One measuring pass at gain_db through `limiter`: the loudness. */
static bool
measure(RenderPlan* plan, double gain_db, TruePeakLimiter* limiter, const char* label, double* lufs,
        char* err, size_t err_size)
{
	LoudnessMeter meter;
	if (!loudness_meter_init(&meter, (unsigned)plan->rate)) {
		snprintf(err, err_size, "cannot start the loudness meter");
		return false;
	}
	plan->gain = (float)pow(10.0, gain_db / 20.0);
	const RenderSinks sinks = {.meter = &meter, .limiter = limiter, .label = label};
	const bool ok = render_pass(plan, &sinks, err, err_size) && loudness_meter_result(&meter, lufs);
	loudness_meter_free(&meter);
	return ok;
}

/* The plain pass: loudness and true peak, with a limiter that never acts. */
static bool
measure_plain(RenderPlan* plan, double* lufs, double* peak_db, char* err, size_t err_size)
{
	TruePeakLimiter detector;
	TruePeakLimiterSettings measuring = limiter_settings;
	measuring.ceiling_db = INFINITY;
	if (!true_peak_limiter_init(&detector, plan->rate, &measuring)) {
		snprintf(err, err_size, "out of memory");
		return false;
	}
	const bool ok = measure(plan, 0.0, &detector, "measuring", lufs, err, err_size);
	*peak_db = true_peak_limiter_input_peak_db(&detector);
	true_peak_limiter_free(&detector);
	return ok;
}

/* Passes through the limiter until one lands (gain_search.h). */
static bool
search_limited_gain(RenderPlan* plan, double plain_gain_db, double peak_db, LoudnessChoice* choice,
                    char* err, size_t err_size)
{
	const double max_gain_db = LIMITER_CEILING_DB + MAX_LIMITING_DB - peak_db;
	GainSearch search;
	gain_search_init(&search, choice->target_lufs, LOUDNESS_TOLERANCE_LU, plain_gain_db,
	                 peak_db + plain_gain_db - LIMITER_CEILING_DB, max_gain_db);
	for (int pass = 0; pass < MAX_LIMITED_PASSES && !search.done; ++pass) {
		TruePeakLimiter limiter;
		if (!loudness_limiter_init(&limiter, plan->rate)) {
			snprintf(err, err_size, "out of memory");
			return false;
		}
		const double gain_db = gain_search_gain_db(&search);
		double lufs = 0.0;
		const bool ok = measure(plan, gain_db, &limiter, "limiting", &lufs, err, err_size);
		if (ok) {
			fprintf(stderr,
			        "somascape-render: gain %+.2f dB through the limiter (%.1f dB off the "
			        "loudest peak): %.2f LUFS\n",
			        gain_db, true_peak_limiter_reduction_db(&limiter), lufs);
		}
		true_peak_limiter_free(&limiter);
		if (!ok) {
			return false;
		}
		choice->gain_db = gain_db;
		choice->lufs = lufs;
		choice->capped = gain_db >= max_gain_db && lufs < choice->target_lufs;
		gain_search_measured(&search, lufs);
	}
	return true;
}

bool
loudness_choose_gain(RenderPlan* plan, double target_lufs, LoudnessChoice* choice, char* err,
                     size_t err_size)
{
	*choice = (LoudnessChoice){.target_lufs = target_lufs};
	double lufs = 0.0, peak_db = 0.0;
	if (!measure_plain(plan, &lufs, &peak_db, err, err_size)) {
		return false;
	}
	if (!isfinite(lufs)) {
		fprintf(stderr, "somascape-render: the session is silent; --loudness leaves it as it "
		                "is\n");
		choice->silent = true;
		plan->gain = 1.0f;
		return true;
	}
	const double plain_gain_db = target_lufs - lufs;
	fprintf(stderr, "somascape-render: loudness %.1f LUFS, true peak %.1f dBTP: gain %+.1f dB\n",
	        lufs, peak_db, plain_gain_db);
	bool ok = true;
	if (peak_db + plain_gain_db <= LIMITER_CEILING_DB) {
		/* the limiter will not act: the plain gain lands */
		choice->gain_db = plain_gain_db;
		choice->lufs = target_lufs;
	} else {
		ok = search_limited_gain(plan, plain_gain_db, peak_db, choice, err, err_size);
	}
	plan->gain = (float)pow(10.0, choice->gain_db / 20.0);
	return ok;
}

void
loudness_report(const LoudnessChoice* choice, const TruePeakLimiter* limiter)
{
	if (choice->silent) {
		return;
	}
	if (limiter->lowest_gain < 1.0f) {
		fprintf(stderr,
		        "somascape-render: the true-peak limiter took %.1f dB off the loudest peak and "
		        "was limiting (by more than 0.1 dB) %.1f %% of the time\n",
		        true_peak_limiter_reduction_db(limiter),
		        limiter->output ? 100.0 * (double)limiter->acting / (double)limiter->output : 0.0);
	} else {
		fprintf(stderr, "somascape-render: the true-peak limiter did not act\n");
	}
	fprintf(stderr, "somascape-render: the file is at %.1f LUFS", choice->lufs);
	if (choice->capped && choice->lufs < choice->target_lufs - LOUDNESS_TOLERANCE_LU) {
		fprintf(stderr, ", not %.1f: more would take over %.0f dB of limiting", choice->target_lufs,
		        MAX_LIMITING_DB);
	}
	fprintf(stderr, ", with its true peak under %.0f dBTP\n", TRUE_PEAK_CEILING_DB);
}
