/* SPDX-License-Identifier: ISC */
/* The gaze timeline, frame by frame: taps, holds, rests and sets land on
 * the frames they promise, whatever the chunking. */
#include "gaze.h"
#include "grid.h"

#include "check.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAX_TAPS 4096

typedef struct {
	int64_t frame;
	int type;
	int side;
} Logged;

static Logged taps[MAX_TAPS];

/* Runs the gaze for `frames`, updating parameters on the grid as the engine
 * does, in chunks of at most `chunk`; logs every event. */
static int
run_gaze(const GazeParams* p, uint32_t seed, int64_t frames, uint32_t chunk, double rate)
{
	Gaze g;
	gaze_init(&g, rate, seed);
	int n = 0;
	for (int64_t frame = 0; frame < frames;) {
		if (frame % GRID_FRAMES == 0) {
			gaze_grid(&g, p);
		}
		uint32_t room = GRID_FRAMES - (uint32_t)(frame % GRID_FRAMES);
		room = room < chunk ? room : chunk;
		while (room > 0) {
			GazeEvent ev;
			const uint32_t k = gaze_run(&g, room, &ev);
			if (k == 0) {
				CHECK(n < MAX_TAPS, "run_gaze");
				taps[n++] = (Logged){frame, (int)ev.type, ev.side};
				continue;
			}
			frame += k;
			room -= k;
		}
	}
	return n;
}

static GazeParams
params(GazeMode mode)
{
	return (GazeParams){.mode = mode,
	                    .rate_hz = 1.0,
	                    .shape = 0.3f,
	                    .hold_s = 45.0,
	                    .rest_s = 10.0,
	                    .glide_s = 1.0f,
	                    .set_rest_s = 15.0};
}

static void
test_alternate(void)
{
	GazeParams p = params(GAZE_ALTERNATE);
	const int n = run_gaze(&p, 1, 48000 * 10, 4096, 48000.0);
	CHECK(n == 20, "test_alternate");
	for (int i = 0; i < n; ++i) {
		CHECK(taps[i].type == GAZE_EVENT_TAP, "test_alternate");
		CHECK(taps[i].frame == (int64_t)i * 24000, "test_alternate"); /* exact to the frame */
		CHECK(taps[i].side == (i % 2 ? -1 : +1), "test_alternate");   /* right first */
	}
	p.rate_hz = 1.2;
	const int m = run_gaze(&p, 1, 48000 * 10, 64, 48000.0);
	CHECK(m == 24, "test_alternate");
	CHECK(taps[23].frame == 23 * 20000, "test_alternate");
	printf("alternate: taps every half cycle to the frame, right first\n");
}

static void
test_hold(void)
{
	const double rate = 8000.0;
	GazeParams p = params(GAZE_HOLD);
	const int n = run_gaze(&p, 1, (int64_t)(rate * 120), 1000, rate);
	/* segment starts: right at 0, centre at 45 s, left at 55 s, centre at 100 s, right at 110 s */
	const int64_t starts[] = {0, 45 * 8000, 55 * 8000, 100 * 8000, 110 * 8000};
	const int sides[] = {+1, 0, -1, 0, +1};
	int found = 0;
	int prev_side = 99;
	for (int i = 0; i < n; ++i) {
		if (taps[i].side != prev_side) {
			CHECK(found < 5, "test_hold");
			CHECK(taps[i].frame == starts[found], "test_hold");
			CHECK(taps[i].side == sides[found], "test_hold");
			++found;
			prev_side = taps[i].side;
		}
	}
	CHECK(found == 5, "test_hold");
	/* a gentle repeated cue every cycle during the hold */
	CHECK(taps[1].frame == 8000 && taps[1].side == 1, "test_hold");
	p.first_left = true;
	run_gaze(&p, 1, 8000, 1000, rate);
	CHECK(taps[0].side == -1, "test_hold");
	printf("hold: right 45 s, centre 10 s, left 45 s, exact to the frame\n");
}

static void
test_sets(void)
{
	GazeParams p = params(GAZE_ALTERNATE);
	p.set_s = 10.0;
	p.set_rest_s = 5.0;
	const int n = run_gaze(&p, 1, 48000 * 31, 256, 48000.0);
	int set_end = 0, set_start = 0;
	for (int i = 0; i < n; ++i) {
		const double t = (double)taps[i].frame / 48000.0;
		if (taps[i].type == GAZE_EVENT_SET_END) {
			CHECK(taps[i].frame == 48000 * (10 + 15 * set_end), "test_sets");
			++set_end;
		} else if (taps[i].type == GAZE_EVENT_SET_START) {
			CHECK(taps[i].frame == 48000 * 15 * (1 + set_start), "test_sets");
			++set_start;
		} else {
			const double in_set = t - 15.0 * (int)(t / 15.0);
			CHECK(in_set < 10.0, "test_sets"); /* no taps while resting */
		}
	}
	CHECK(set_end == 2 && set_start == 2, "test_sets");
	printf("sets: 10 s on, 5 s rest, to the frame\n");
}

static void
test_vary_and_chunking(void)
{
	GazeParams p = params(GAZE_SWEEP);
	p.vary = 0.3f;
	Logged a[MAX_TAPS], b[MAX_TAPS];
	const int na = run_gaze(&p, 42, 48000 * 60, 1, 48000.0);
	memcpy(a, taps, sizeof(a));
	const int nb = run_gaze(&p, 42, 48000 * 60, 4096, 48000.0);
	memcpy(b, taps, sizeof(b));
	CHECK(na == nb && !memcmp(a, b, (size_t)na * sizeof(Logged)), "test_vary_and_chunking");
	/* the passes really vary, within 30 % */
	int differ = 0;
	for (int i = 2; i < na; ++i) {
		const int64_t pass = a[i].frame - a[i - 1].frame;
		CHECK(pass >= 24000 * 0.7 / 1.0 - 1 && pass <= 24000 / 0.7 + 1, "test_vary_and_chunking");
		differ += pass != a[1].frame - a[0].frame;
	}
	CHECK(differ > na / 2, "test_vary_and_chunking");
	const int nc = run_gaze(&p, 43, 48000 * 60, 4096, 48000.0);
	CHECK(nc != na || memcmp(a, taps, (size_t)na * sizeof(Logged)) != 0, "test_vary_and_chunking");
	printf("vary: seeded, reproducible, the same in any chunking\n");
}

static void
test_positions(void)
{
	Gaze g;
	GazeParams p = params(GAZE_SWEEP);
	p.shape = 0.0f;
	gaze_init(&g, 48000.0, 1);
	gaze_grid(&g, &p);
	CHECK(gaze_position(&g) > 0.999f, "test_positions"); /* a sweep starts at the right end */
	GazeEvent ev;
	uint32_t moved = 0;
	while (moved < 12000) {
		const uint32_t k = gaze_run(&g, 12000 - moved, &ev);
		moved += k;
	}
	CHECK(fabsf(gaze_position(&g)) < 1e-3f, "test_positions"); /* a quarter cycle: the centre */
	p = params(GAZE_FOLLOW);
	p.target = -1.0f;
	p.glide_s = 0.0f;
	gaze_grid(&g, &p);
	/* a new mode: the eyes glide from the centre, never faster than a
	 * smoothstep over GAZE_SHIFT_S, and get there */
	CHECK(fabsf(gaze_position(&g)) < 1e-3f, "test_positions");
	const int64_t shift = (int64_t)(GAZE_SHIFT_S * 48000.0);
	float last = gaze_position(&g);
	for (int64_t frame = 0; frame < shift; frame += GRID_FRAMES) {
		moved = 0;
		while (moved < GRID_FRAMES) {
			moved += gaze_run(&g, GRID_FRAMES - moved, &ev);
		}
		gaze_grid(&g, &p);
		const float pos = gaze_position(&g);
		CHECK(pos <= last && last - pos <= 1.5f * GRID_FRAMES / (float)shift + 1e-6f,
		      "test_positions");
		last = pos;
	}
	CHECK(gaze_position(&g) == -1.0f, "test_positions");
	printf("positions: sweep and follow where expected, a glide between them\n");
}

/* Runs a gaze already under way for `frames` (a whole number of grid
 * steps) as the engine does; counts the taps and the largest move of the
 * position from one grid step to the next. */
static void
run_grid_steps(Gaze* g, const GazeParams* p, int64_t frames, int* taps_seen, float* largest_step)
{
	float last = gaze_position(g);
	for (int64_t frame = 0; frame < frames; frame += GRID_FRAMES) {
		uint32_t moved = 0;
		while (moved < GRID_FRAMES) {
			GazeEvent ev;
			const uint32_t k = gaze_run(g, GRID_FRAMES - moved, &ev);
			*taps_seen += k == 0 && ev.type == GAZE_EVENT_TAP;
			moved += k;
		}
		gaze_grid(g, p);
		const float pos = gaze_position(g);
		*largest_step = fmaxf(*largest_step, fabsf(pos - last));
		last = pos;
	}
}

/* Locked to the breath: a cycle far out of line at an inhale is not jumped
 * to but caught up by the next one, without a doubled or dropped tap; one
 * nearly in line is put on it exactly. */
static void
test_breath_lock(void)
{
	Gaze g;
	GazeParams p = params(GAZE_SWEEP);
	p.aligned = true; /* at 1 Hz: 2 cycles a 2 s breath */
	gaze_init(&g, 48000.0, 1);
	gaze_grid(&g, &p);
	int taps_seen = 0;
	float largest = 0.0f;
	run_grid_steps(&g, &p, 14400, &taps_seen, &largest); /* 0.3 cycles */
	const float before = gaze_position(&g);
	gaze_align_cycle(&g, 2);
	CHECK(gaze_position(&g) == before, "test_breath_lock");
	taps_seen = 0;
	run_grid_steps(&g, &p, 96000, &taps_seen, &largest);
	/* a sweep's position moves at most 2 pi (1 + 4 shape) a cycle, 0.0046
	 * per 16 frames at 1 Hz: a catch-up is no faster than 1.5 times that */
	const float sweep_step = 0.0046f / 16.0f * (float)GRID_FRAMES;
	CHECK(largest < 1.5f * sweep_step, "test_breath_lock");
	CHECK(g.phase <= 2u * g.inc || (uint64_t)0 - g.phase <= 2u * g.inc, "test_breath_lock");
	gaze_align_cycle(&g, 2);
	CHECK(g.phase == 0 && g.catch_up == 1.0, "test_breath_lock");
	/* the tap of the cycle start is due at the inhale: 0.5, 1, 1.5, 2 */
	GazeEvent ev;
	CHECK(gaze_run(&g, 1, &ev) == 0 && ev.type == GAZE_EVENT_TAP && ev.side == 1,
	      "test_breath_lock");
	CHECK(taps_seen == 3, "test_breath_lock");
	printf("breath lock: 0.3 cycles out caught up over a breath, then exact\n");
}

int
main(void)
{
	test_alternate();
	test_hold();
	test_sets();
	test_vary_and_chunking();
	test_positions();
	test_breath_lock();
	return 0;
}
