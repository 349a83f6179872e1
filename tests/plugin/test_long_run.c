/* SPDX-License-Identifier: ISC */
/* Through lilv: 24 hours of session time, rendered as fast as it goes and
 * thrown away but for what is measured.  Alternate at 1.2 Hz (a tap every
 * 3333 1/3 frames at 8 kHz), the 4-7-8 breath (19 s), soft sine cues at
 * 330 Hz on speakers, drone at its lowest level.
 *
 * - Gaze: the frame of the last tap before hour 24, found to the frame,
 *   against the ideal frame: the relative drift must stay below 1e-6.
 * - Breath: likewise the frame where the last breath of the day begins
 *   (from the breath_stage output).
 * - Cue pitch: a strike's frequency (zero crossings over 0.2 s) in hour 0
 *   and in hour 24 agree within 1e-4.
 * - Every block: output finite and within 0 dBFS.
 * - A benchmark figure, never asserted: the time per block in the first
 *   minute of hour 0 and in the last minute of hour 24 (a denormal
 *   slowdown would show as the second far above the first).
 *
 *   test_long_run [--rate HZ] [--hours H] [--block N]
 * CI runs the fast configuration (8 kHz); `--rate 48000` is the benchmark
 * at a usual rate. */
#define _POSIX_C_SOURCE 200809L
#include "plugin_test.h"
#include "sample_files.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define GAZE_HZ 1.2
#define CUE_HZ 330.0
#define BREATH_S 19.0 /* 4 in, 7 hold, 8 out */

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

typedef struct {
	Host* host;
	float* passes;
	float* stage;
	uint64_t frame; /* frames rendered */
	float left[HOST_MAX_BLOCK], right[HOST_MAX_BLOCK];
} Session;

static void
run_block(Session* s, uint32_t n)
{
	host_run(s->host, s->left, s->right, n);
	for (uint32_t i = 0; i < n; ++i) {
		CHECK(fabsf(s->left[i]) <= 1.0f && fabsf(s->right[i]) <= 1.0f, "frame %llu: %g, %g",
		      (unsigned long long)(s->frame + i), s->left[i], s->right[i]);
	}
	s->frame += n;
}

/* Renders up to `until` in blocks of `block`; returns the mean seconds per
 * block over the blocks that lie in [timed_from, timed_to). */
static double
render_until(Session* s, uint64_t until, uint32_t block, uint64_t timed_from, uint64_t timed_to)
{
	double spent = 0.0;
	long timed = 0;
	while (s->frame < until) {
		const uint32_t n = until - s->frame < block ? (uint32_t)(until - s->frame) : block;
		const int timing = s->frame >= timed_from && s->frame + n <= timed_to;
		const double t0 = timing ? now_s() : 0.0;
		run_block(s, n);
		if (timing) {
			spent += now_s() - t0;
			++timed;
		}
	}
	return timed ? spent / (double)timed : 0.0;
}

/* One frame at a time for `frames`: the frames where the pass count grows
 * and where the breath stage becomes In (0).  Keeps the left channel. */
static void
scan(Session* s, uint64_t frames, uint64_t* last_tap, uint64_t* last_breath, float* kept)
{
	float passes = *s->passes, stage = *s->stage;
	for (uint64_t i = 0; i < frames; ++i) {
		const uint64_t f = s->frame;
		run_block(s, 1);
		kept[i] = s->left[0];
		if (*s->passes != passes) {
			*last_tap = f;
		}
		if (*s->stage == 0.0f && stage != 0.0f) {
			*last_breath = f;
		}
		passes = *s->passes;
		stage = *s->stage;
	}
}

/* The cue's frequency in a strike on the left: from 25 ms after the tap,
 * 0.2 s long. */
static double
strike_pitch(const float* kept, size_t n, uint64_t kept_from, uint64_t tap, double rate)
{
	const size_t start = (size_t)(tap - kept_from) + (size_t)(0.025 * rate);
	const size_t len = (size_t)(0.2 * rate);
	CHECK(start + len <= n, "strike outside the kept audio");
	return measure_hz(kept + start, len, rate);
}

int
main(int argc, char** argv)
{
	double rate = 8000.0, hours = 24.0;
	uint32_t block = 8192;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--rate")) {
			rate = atof(argv[i + 1]);
		} else if (!strcmp(argv[i], "--hours")) {
			hours = atof(argv[i + 1]);
		} else if (!strcmp(argv[i], "--block")) {
			block = (uint32_t)atoi(argv[i + 1]);
		}
	}
	Session* s = calloc(1, sizeof(Session));
	s->host = open_plugin(rate);
	set_control(s->host, "gaze_mode", 2);
	set_control(s->host, "gaze_rate", (float)GAZE_HZ);
	set_control(s->host, "gaze_space", 1);
	set_control(s->host, "gaze_first", 0);
	set_control(s->host, "cue_sound", 0);
	set_control(s->host, "cue_pitch", (float)CUE_HZ);
	set_control(s->host, "breath_in", 4);
	set_control(s->host, "breath_hold_in", 7);
	set_control(s->host, "breath_out", 8);
	set_control(s->host, "breath_hold_out", 0);
	set_control(s->host, "breath_start", 1);
	set_control(s->host, "drone_level", -60);
	set_control(s->host, "fade_in", 0);
	s->passes = host_control(s->host, "pass_count");
	s->stage = host_control(s->host, "breath_stage");

	const uint64_t minute = (uint64_t)(60.0 * rate);
	const uint64_t total = (uint64_t)(hours * 3600.0 * rate);
	const uint64_t window = (uint64_t)(20.0 * rate); /* scanned frame by frame: a breath */
	const size_t kept_n = (size_t)window;
	float* kept0 = calloc(kept_n, sizeof(float));
	float* kept1 = calloc(kept_n, sizeof(float));

	/* hour 0: the first taps, and the time per block of minute 1 */
	uint64_t tap0 = 0, breath0 = 0, tap1 = 0, breath1 = 0;
	const double wall0 = now_s();
	scan(s, window, &tap0, &breath0, kept0);
	const double per_block0 = render_until(s, 2 * minute, block, minute, 2 * minute);

	/* on to the last seconds, timing the last minute before them */
	const double per_block1 =
	    render_until(s, total - window, block, total - window - minute, total - window);
	const uint64_t kept1_from = s->frame;
	scan(s, window, &tap1, &breath1, kept1);
	const double wall = now_s() - wall0;

	/* a tap every half cycle: tap k is due at the first frame at or past
	 * k * rate / (2 f) */
	const double half = rate / (2.0 * (double)(float)GAZE_HZ); /* the rate as the port has it */
	const double k = floor((double)tap1 / half + 0.5);
	const double ideal_tap = ceil(k * half - 1e-9);
	const double gaze_drift = fabs((double)tap1 - ideal_tap) / (double)tap1;
	const double breath_frames = BREATH_S * rate;
	const double b = floor((double)breath1 / breath_frames + 0.5);
	const double ideal_breath = b * breath_frames;
	const double breath_drift = fabs((double)breath1 - ideal_breath) / (double)breath1;

	/* the last tap of the first seconds and of the last were strikes on
	 * one side: their pitch, from the left channel of a left tap */
	uint64_t left0 = tap0, left1 = tap1;
	while (fmod(floor((double)left0 / half + 0.5), 2.0) != 1.0 && left0 > (uint64_t)half) {
		left0 -= (uint64_t)half;
	}
	while (fmod(floor((double)left1 / half + 0.5), 2.0) != 1.0 &&
	       left1 > kept1_from + (uint64_t)half) {
		left1 = (uint64_t)ceil(floor((double)left1 / half + 0.5 - 1.0) * half - 1e-9);
	}
	const double pitch0 = strike_pitch(kept0, kept_n, 0, left0, rate);
	const double pitch1 = strike_pitch(kept1, kept_n, kept1_from, left1, rate);
	const double pitch_change = fabs(pitch1 - pitch0) / pitch0;

	printf("%.1f hours at %.0f Hz (%llu frames) rendered in %.1f s\n", hours, rate,
	       (unsigned long long)s->frame, wall);
	printf("gaze: tap %.0f at frame %llu, ideal %.0f: drift %.2e (%.0f frames)\n", k,
	       (unsigned long long)tap1, ideal_tap, gaze_drift, (double)tap1 - ideal_tap);
	printf("breath: breath %.0f begins at frame %llu, ideal %.0f: drift %.2e\n", b,
	       (unsigned long long)breath1, ideal_breath, breath_drift);
	printf("cue pitch: %.4f Hz in hour 0, %.4f Hz at the end: change %.2e\n", pitch0, pitch1,
	       pitch_change);
	printf("time per block of %u frames: %.2f us in minute 1, %.2f us in the last minute "
	       "(%.2f times)\n",
	       block, 1e6 * per_block0, 1e6 * per_block1, per_block1 / per_block0);

	CHECK(gaze_drift < 1e-6, "gaze drift %.3e", gaze_drift);
	CHECK(breath_drift < 1e-6, "breath drift %.3e", breath_drift);
	CHECK(fabs(pitch0 - CUE_HZ) / CUE_HZ < 1e-3, "cue pitch %.4f Hz in hour 0", pitch0);
	CHECK(pitch_change < 1e-4, "cue pitch moved from %.4f to %.4f Hz", pitch0, pitch1);
	host_free(s->host);
	free(kept0);
	free(kept1);
	free(s);
	return 0;
}
