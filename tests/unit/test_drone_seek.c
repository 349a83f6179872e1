/* SPDX-License-Identifier: ISC */
/* The drone's phases are session time's: a drone reset and sought to a
 * frame F, then rendered on, gives the samples of a drone rendered from 0
 * past F (within 1e-7, once a second of pre-roll has settled its smoothed
 * values), for every timbre, at about 1 and 37 minutes.  And the grid's
 * phase recursion stays within a microradian of the exact phase over a
 * day. */
#include "drone.h"

#include "check.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RATE 48000.0
/* The later seek: about 37 minutes in.  The sanitizer build, some ten times
 * slower, seeks the same code to about 7 minutes (tests/CMakeLists.txt). */
#ifndef LATE_SEEK_STEP
#define LATE_SEEK_STEP 6660003u
#endif
#define PRE_ROLL_STEPS 3000u /* 1 s at 48 kHz */
#define COMPARE_STEPS 6000u  /* 2 s */

/* A breath level that depends on the grid step only, as the engine's
 * does: a 7 s swell. */
static float
breath_at(uint64_t step)
{
	const double t = (double)(step * GRID_FRAMES) / RATE;
	return (float)(0.5 + 0.5 * sin(2.0 * M_PI * t / 7.0));
}

static void
render_step(Drone* d, const DroneParams* p, uint64_t step, float* left, float* right)
{
	memset(left, 0, GRID_FRAMES * sizeof(float));
	memset(right, 0, GRID_FRAMES * sizeof(float));
	drone_grid(d, p, breath_at(step + 1));
	/* in two chunks, as the engine may split a grid step */
	drone_render(d, left, right, 5, 0);
	drone_render(d, left + 5, right + 5, GRID_FRAMES - 5, 5);
}

static Drone continuous, sought;

/* Renders `continuous` on to step `until`; returns the largest difference
 * from a drone sought to `target` less the pre-roll, over COMPARE_STEPS
 * from target. */
static double
compare_at(const DroneParams* p, uint64_t* at, uint64_t target)
{
	float l0[GRID_FRAMES], r0[GRID_FRAMES], l1[GRID_FRAMES], r1[GRID_FRAMES];
	for (; *at < target; ++*at) {
		render_step(&continuous, p, *at, l0, r0);
	}
	drone_init(&sought, RATE);
	drone_reset(&sought, 42u);
	const uint64_t from = target - PRE_ROLL_STEPS;
	drone_seek(&sought, p, (int64_t)(from * GRID_FRAMES));
	for (uint64_t s = from; s < target; ++s) {
		render_step(&sought, p, s, l1, r1);
	}
	double worst = 0.0, peak = 0.0;
	for (uint64_t s = target; s < target + COMPARE_STEPS; ++s, ++*at) {
		render_step(&continuous, p, s, l0, r0);
		render_step(&sought, p, s, l1, r1);
		for (uint32_t i = 0; i < GRID_FRAMES; ++i) {
			worst = fmax(worst, fmax(fabs(l0[i] - l1[i]), fabs(r0[i] - r1[i])));
			peak = fmax(peak, fabs(l0[i]));
		}
	}
	CHECK(peak > 1e-3, "compare_at"); /* it sounds */
	return worst;
}

static double
check_timbre(DroneTimbre timbre, DroneVoicing voicing)
{
	const DroneParams p = {
	    .root_hz = 110.0f,
	    .voicing = voicing,
	    .timbre = timbre,
	    .bright = 0.6f,
	    .breath_depth = 0.6f,
	    .breath_bright = 0.5f,
	    .level_db = -6.0f,
	};
	drone_init(&continuous, RATE);
	drone_reset(&continuous, 42u);
	uint64_t at = 0;
	/* about a minute and LATE_SEEK_STEP, on odd grid steps */
	const uint64_t targets[2] = {180001u, LATE_SEEK_STEP};
	double worst = 0.0;
	for (int i = 0; i < 2; ++i) {
		const double diff = compare_at(&p, &at, targets[i]);
		printf("timbre %d voicing %d at %.1f min: max difference %.3g\n", (int)timbre, (int)voicing,
		       (double)(targets[i] * GRID_FRAMES) / RATE / 60.0, diff);
		CHECK(diff <= 1e-7, "check_timbre");
		worst = fmax(worst, diff);
	}
	return worst;
}

/* The grid's recursion (multiply by a fixed turn, renormalise) against the
 * exact phase, over 24 hours of grid steps at 48 kHz. */
static void
check_day_drift(double hz)
{
	const double w = 2.0 * M_PI * hz / RATE;
	const Phasor turn = phasor_of(w * GRID_FRAMES);
	Phasor z = {1.0, 0.0};
	const uint64_t steps = (uint64_t)(24.0 * 3600.0 * RATE / GRID_FRAMES);
	for (uint64_t s = 0; s < steps; ++s) {
		z = phasor_renormalise(phasor_mul(z, turn));
	}
	const Phasor exact = phasor_of(phase_wrap(w * (double)(steps * GRID_FRAMES)));
	const double drift =
	    fabs(atan2(z.im * exact.re - z.re * exact.im, z.re * exact.re + z.im * exact.im));
	printf("%.0f Hz over 24 h: phase drift %.3g rad\n", hz, drift);
	CHECK(drift < 1e-6, "check_day_drift");
}

int
main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	double worst = 0.0;
	for (int t = 0; t < DRONE_TIMBRE_COUNT; ++t) {
		worst = fmax(worst, check_timbre((DroneTimbre)t, DRONE_TANPURA));
	}
	worst = fmax(worst, check_timbre(DRONE_CHOIR, DRONE_OPEN));
	printf("largest difference after a seek: %.3g\n", worst);
	check_day_drift(110.0);
	check_day_drift(990.0);
	return 0;
}
