/* SPDX-License-Identifier: ISC */
/* The breathing pattern alone: stages begin on the frames they promise,
 * periods are exact, the slowing eases monotonically into the pattern, and
 * a pattern change mid-breath carries on from the same point. */
#include "breath.h"
#include "grid.h"

#include "check.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define RATE 48000.0
#define MAX_INHALES 4096

static int64_t inhale_at[MAX_INHALES];

/* Runs the breath for `frames` as the engine does (parameters on the grid,
 * chunks of at most `chunk`), logging the frame of every inhale start. */
static int
run_breath(const BreathParams* p, int64_t frames, uint32_t chunk)
{
	Breath b;
	breath_init(&b, RATE);
	int inhales = 0;
	for (int64_t frame = 0; frame < frames;) {
		if (frame % GRID_FRAMES == 0) {
			breath_grid(&b, p, frame);
		}
		uint32_t room = GRID_FRAMES - (uint32_t)(frame % GRID_FRAMES);
		room = room < chunk ? room : chunk;
		while (room > 0) {
			BreathStage stage;
			if (breath_take_turn(&b, &stage)) {
				if (stage == BREATH_IN) {
					CHECK(inhales < MAX_INHALES, "run_breath");
					inhale_at[inhales++] = frame;
				}
				continue;
			}
			const uint32_t k = breath_frames_to_turn(&b, room);
			breath_advance(&b, k);
			frame += k;
			room -= k;
		}
	}
	return inhales;
}

static BreathParams
pattern(double in_s, double hold_in_s, double out_s, double hold_out_s)
{
	return (BreathParams){.stage_s = {in_s, hold_in_s, out_s, hold_out_s}, .start_factor = 1.0};
}

static void
check_period(const BreathParams* p, double expect_s)
{
	const int n = run_breath(p, (int64_t)(expect_s * 30.0 * RATE), 4096);
	CHECK(n >= 29, "check_period");
	const double period_s = (double)(inhale_at[n - 1] - inhale_at[0]) / (n - 1) / RATE;
	printf("period %.5f s (pattern %.1f s)\n", period_s, expect_s);
	CHECK(fabs(period_s - expect_s) < 0.001 * expect_s, "check_period");
	/* every single breath, not only the mean, is within a frame */
	for (int i = 1; i < n; ++i) {
		CHECK(llabs(inhale_at[i] - inhale_at[i - 1] - (int64_t)llround(expect_s * RATE)) <= 1,
		      "check_period");
	}
}

static void
test_periods(void)
{
	BreathParams five_five = pattern(5, 0, 5, 0);
	check_period(&five_five, 10.0);
	BreathParams box = pattern(4, 4, 4, 4);
	check_period(&box, 16.0);
	BreathParams four_seven_eight = pattern(4, 7, 8, 0);
	check_period(&four_seven_eight, 19.0);
}

/* Chunks of 1 frame and of 4096 give the same inhale frames. */
static void
test_chunking(void)
{
	BreathParams p = pattern(3.3, 1.1, 4.7, 0.9);
	p.start_factor = 1.7;
	p.ramp_s = 60.0;
	static int64_t reference[MAX_INHALES];
	const int n = run_breath(&p, (int64_t)(120 * RATE), 4096);
	for (int i = 0; i < n; ++i) {
		reference[i] = inhale_at[i];
	}
	CHECK(run_breath(&p, (int64_t)(120 * RATE), 1) == n, "test_chunking");
	for (int i = 0; i < n; ++i) {
		CHECK(inhale_at[i] == reference[i], "test_chunking");
	}
}

/* 1.5 times faster at the start, easing to 5/5 over 5 minutes: the breaths
 * lengthen monotonically and are the pattern's 10 s from 5 minutes on. */
static void
test_slowing(void)
{
	BreathParams p = pattern(5, 0, 5, 0);
	p.start_factor = 1.5;
	p.ramp_s = 300.0;
	const int n = run_breath(&p, (int64_t)(480 * RATE), 4096);
	double last_s = 0.0;
	int reached = -1;
	for (int i = 1; i < n; ++i) {
		const double period_s = (double)(inhale_at[i] - inhale_at[i - 1]) / RATE;
		CHECK(period_s >= last_s - 1.0 / RATE, "test_slowing");
		last_s = period_s;
		if (reached < 0 && fabs(period_s - 10.0) < 0.001) {
			reached = i - 1;
		}
		if (reached >= 0) {
			CHECK(fabs(period_s - 10.0) < 0.001, "test_slowing");
		}
	}
	const double first_s = (double)(inhale_at[1] - inhale_at[0]) / RATE;
	const double reached_s = (double)inhale_at[reached] / RATE;
	printf("slowing: first breath %.3f s, %d breaths, pattern reached by the breath "
	       "starting at %.1f s\n",
	       first_s, n, reached_s);
	CHECK(fabs(first_s - 10.0 / 1.5) < 0.1, "test_slowing");
	CHECK(fabs(reached_s - 300.0) <= 10.0, "test_slowing"); /* within one breath of 5 minutes */
}

/* Mid-inhale, the pattern changes: the stage and its fraction carry on, so
 * the swell does not jump and the inhale ends after the rest of the new
 * length. */
static void
test_change_mid_breath(void)
{
	Breath b;
	breath_init(&b, RATE);
	BreathParams p = pattern(4, 0, 4, 0);
	const int64_t change = (int64_t)(9.0 * RATE); /* 1 s into the 3rd inhale */
	float before = 0.0f;
	int64_t out_at = -1;
	for (int64_t frame = 0; frame < (int64_t)(20 * RATE);) {
		if (frame % GRID_FRAMES == 0) {
			if (frame == change) {
				before = breath_level(&b);
				p = pattern(8, 2, 6, 1);
			}
			breath_grid(&b, &p, frame);
			if (frame == change) {
				CHECK(breath_stage(&b) == BREATH_IN, "test_change_mid_breath");
				CHECK(fabsf(breath_level(&b) - before) < 1e-6f, "test_change_mid_breath");
			}
		}
		BreathStage stage;
		if (breath_take_turn(&b, &stage)) {
			if (frame > change && out_at < 0 && stage == BREATH_HOLD_IN) {
				out_at = frame;
			}
			continue;
		}
		const uint32_t k = breath_frames_to_turn(&b, GRID_FRAMES - (uint32_t)(frame % GRID_FRAMES));
		breath_advance(&b, k);
		frame += k;
	}
	/* a quarter of the inhale was done: three quarters of 8 s remain */
	printf("pattern change: level %.4f kept, inhale ends %.4f s after the change\n", before,
	       (double)(out_at - change) / RATE);
	CHECK(llabs(out_at - change - (int64_t)(6.0 * RATE)) <= 1, "test_change_mid_breath");
}

int
main(void)
{
	test_periods();
	test_chunking();
	test_slowing();
	test_change_mid_breath();
	return 0;
}
