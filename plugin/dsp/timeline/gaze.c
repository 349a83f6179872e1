/* SPDX-License-Identifier: ISC */
#include "gaze.h"
#include "approx.h"
#include "grid.h"

#include <math.h>

#define HALF_CYCLE (UINT64_C(1) << 63)
#define GAZE_LOCK_SLACK (UINT64_C(1) << 50) /* 1/16384 of a cycle */

static bool
uses_sets(GazeMode mode)
{
	return mode == GAZE_SWEEP || mode == GAZE_ALTERNATE || mode == GAZE_HOLD;
}

static int64_t
frames_of(const Gaze* g, double seconds)
{
	return (int64_t)llround(seconds * g->rate);
}

/* The phase step for the current pace; made again only when the pace
 * changes (it is set on every grid step, and mostly stays). */
static void
update_inc(Gaze* g)
{
	const double hz = g->p.rate_hz * g->pass_factor * g->catch_up;
	if (hz == g->inc_hz) {
		return;
	}
	g->inc_hz = hz;
	/* rounded up, so a boundary that falls on a whole frame lands on it */
	g->inc = (uint64_t)ceil(hz / g->rate * 18446744073709551616.0);
}

/* The lengths of p in frames, for the current parameters: made when they
 * change, not on every step (each costs a libm call). */
static void
update_lengths(Gaze* g)
{
	g->set_frames = frames_of(g, g->p.set_s);
	g->set_rest_frames = frames_of(g, g->p.set_rest_s);
	g->hold_frames = frames_of(g, g->p.hold_s);
	g->rest_frames = frames_of(g, g->p.rest_s);
}

static void
new_pass_factor(Gaze* g)
{
	g->pass_factor = 1.0f + g->p.vary * rng_bipolar(&g->rng);
	update_inc(g);
}

/* The pattern begins again (session start, a new set, a new mode). */
static void
restart_pattern(Gaze* g)
{
	g->phase = 0;
	g->hold_segment = 0;
	g->hold_elapsed = 0;
	g->pending_tap = g->p.mode != GAZE_OFF;
	g->pass_factor = 1.0f;
	g->catch_up = 1.0;
	update_inc(g);
}

void
gaze_init(Gaze* g, double rate, uint32_t seed)
{
	g->rate = rate;
	g->seed = seed;
	g->shift_frames = frames_of(g, GAZE_SHIFT_S);
	g->p = (GazeParams){.mode = GAZE_OFF, .rate_hz = 1.0, .hold_s = 45.0};
	g->inc_hz = NAN;
	g->follow_coef = grid_smoothing_coef(rate, g->p.glide_s / 3.0);
	update_lengths(g);
	gaze_reset(g);
}

void
gaze_reset(Gaze* g)
{
	rng_seed(&g->rng, g->seed);
	g->resting = false;
	g->held = false;
	g->set_elapsed = 0;
	g->pending_set = 0;
	g->follow_pos = g->p.target;
	g->shift_left = 0;
	g->side = 0;
	g->passes = 0;
	g->sets = 1;
	g->set_passes = 0;
	g->started = false;
	restart_pattern(g);
}

/* The pattern changes now: the eyes glide to it from `from`. */
static void
begin_shift(Gaze* g, float from)
{
	g->shift_from = from;
	g->shift_left = g->shift_frames;
}

static void
advance_shift(Gaze* g, uint64_t frames)
{
	g->shift_left = frames < (uint64_t)g->shift_left ? g->shift_left - (int64_t)frames : 0;
}

/* New parameters: a new mode restarts the pattern, and what is made of
 * them (lengths, the pace, the glide) is made again.  Out of line:
 * on most grid steps there are none, and gaze_grid stays a few
 * instructions. */
static __attribute__((noinline, cold)) void
take_params(Gaze* g, const GazeParams* p)
{
	const GazeMode old_mode = g->p.mode;
	/* where the eyes are, before the new mode moves them (costs a sweep
	 * position: only when needed) */
	const bool shifts = g->started && p->mode != old_mode;
	const float from = shifts ? gaze_position(g) : 0.0f;
	const float old_vary = g->p.vary;
	const bool lengths_moved = p->set_s != g->p.set_s || p->set_rest_s != g->p.set_rest_s ||
	                           p->hold_s != g->p.hold_s || p->rest_s != g->p.rest_s;
	if (p->glide_s != g->p.glide_s) {
		g->follow_coef = grid_smoothing_coef(g->rate, p->glide_s / 3.0);
	}
	g->p = *p;
	if (lengths_moved) {
		update_lengths(g);
	}
	if (!g->started) {
		/* the seed the session starts with, even when set after activation */
		rng_seed(&g->rng, g->seed);
	}
	if (!g->started || p->mode != old_mode) {
		if (shifts) {
			begin_shift(g, from);
		}
		g->started = true;
		g->side = 0;
		g->resting = false;
		g->held = false;
		g->set_elapsed = 0;
		g->sets = 1;
		g->set_passes = g->passes;
		restart_pattern(g);
	}
	if (p->vary != old_vary && p->vary == 0.0f) {
		g->pass_factor = 1.0f;
	}
	if (!p->aligned) {
		g->catch_up = 1.0; /* free again: its own pace */
	}
	update_inc(g);
}

void
gaze_grid(Gaze* g, const GazeParams* p)
{
	if (p) {
		take_params(g, p);
	}
	if (g->p.mode == GAZE_FOLLOW) {
		g->follow_pos = smooth_step(g->follow_pos, g->p.target, g->follow_coef);
	} else {
		g->follow_pos = g->p.target;
	}
	/* a set shorter than half a frame is no set: it would end and start
	 * again at the same frame for ever */
	if (!uses_sets(g->p.mode) || (g->set_frames <= 0 && !g->held)) {
		if (g->resting) {
			g->pending_set = +1;
		}
	}
}

/* Frames until the phase crosses the next multiple of `period`
 * (HALF_CYCLE, or 0 for a whole cycle). */
static uint64_t
frames_to_boundary(const Gaze* g, uint64_t period)
{
	if (g->inc == 0) {
		return UINT64_MAX;
	}
	uint64_t rem = period ? period - (g->phase & (period - 1u)) : (uint64_t)0 - g->phase;
	if (rem == 0) {
		rem = UINT64_MAX; /* at a whole-cycle boundary: the next is a cycle away */
	}
	return rem / g->inc + (rem % g->inc != 0);
}

static int
hold_segment_side(const Gaze* g, int segment)
{
	const int first = g->p.first_left ? -1 : +1;
	return segment == 0 ? first : segment == 2 ? -first : 0;
}

static int64_t
hold_segment_frames(const Gaze* g, int segment)
{
	return (segment & 1) ? g->rest_frames : g->hold_frames;
}

static bool
sets_active(const Gaze* g)
{
	return uses_sets(g->p.mode) && g->set_frames > 0;
}

static uint64_t
min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

static uint64_t
remaining(int64_t length, int64_t elapsed)
{
	return length > elapsed ? (uint64_t)(length - elapsed) : 0u;
}

/* An event due now, if any: taken and applied. */
static bool
take_due_event(Gaze* g, GazeEvent* ev)
{
	if (g->pending_set != 0) {
		begin_shift(g, gaze_position(g));
	}
	if (g->pending_set > 0) {
		g->pending_set = 0;
		g->resting = false;
		g->held = false;
		g->set_elapsed = 0;
		++g->sets;
		g->set_passes = g->passes;
		restart_pattern(g);
		*ev = (GazeEvent){GAZE_EVENT_SET_START, 0};
		return true;
	}
	if (g->pending_set < 0) {
		g->pending_set = 0;
		g->resting = true;
		g->set_elapsed = 0;
		g->pending_tap = false;
		g->side = 0;
		*ev = (GazeEvent){GAZE_EVENT_SET_END, 0};
		return true;
	}
	if (!g->pending_tap) {
		return false;
	}
	g->pending_tap = false;
	int side;
	switch (g->p.mode) {
	case GAZE_HOLD:
		side = hold_segment_side(g, g->hold_segment);
		if (g->hold_elapsed == 0 && side != 0) {
			++g->passes;
		}
		break;
	case GAZE_FOLLOW: /* the side the eyes are led to */
		side = g->p.target > 0.5f ? 1 : g->p.target < -0.5f ? -1 : 0;
		if (side != 0 && side != g->side) {
			++g->passes;
		}
		break;
	default:
		/* Sweep and Alternate: the first half of the cycle is the right */
		side = (g->phase & HALF_CYCLE) ? -1 : +1;
		++g->passes;
		new_pass_factor(g);
		break;
	}
	g->side = side;
	*ev = (GazeEvent){GAZE_EVENT_TAP, side};
	return true;
}

uint32_t
gaze_run(Gaze* g, uint32_t max_frames, GazeEvent* ev)
{
	if (take_due_event(g, ev)) {
		return 0;
	}
	if (g->p.mode == GAZE_OFF) {
		g->side = 0;
		advance_shift(g, max_frames);
		return max_frames;
	}

	/* The nearest coming boundary, and what it is. */
	uint64_t frames = max_frames;
	uint64_t to_set = UINT64_MAX, to_segment = UINT64_MAX, to_tap = UINT64_MAX;
	if (sets_active(g) && !g->held) {
		to_set = remaining(g->resting ? g->set_rest_frames : g->set_frames, g->set_elapsed);
		frames = min_u64(frames, to_set);
	}
	if (!g->resting) {
		if (g->p.mode == GAZE_HOLD) {
			to_segment = remaining(hold_segment_frames(g, g->hold_segment), g->hold_elapsed);
			frames = min_u64(frames, to_segment);
			to_tap = frames_to_boundary(g, 0);
		} else {
			to_tap = frames_to_boundary(g, HALF_CYCLE);
		}
		frames = min_u64(frames, to_tap);
	}

	g->phase += frames * g->inc;
	advance_shift(g, frames);
	g->hold_elapsed += (int64_t)frames;
	g->set_elapsed += (int64_t)frames;

	if (frames == to_set) {
		g->pending_set = g->resting ? +1 : -1;
	} else if (frames == to_segment) {
		for (int skip = 0; skip < 4; ++skip) { /* past centre rests of zero length */
			g->hold_segment = (g->hold_segment + 1) & 3;
			if (hold_segment_frames(g, g->hold_segment) > 0) {
				break;
			}
		}
		g->hold_elapsed = 0;
		g->phase = 0;
		g->pending_tap = true;
	} else if (frames == to_tap) {
		g->pending_tap = true;
	}
	if (frames == 0) { /* a boundary moved to now by a parameter change */
		take_due_event(g, ev);
	}
	return (uint32_t)frames;
}

void
gaze_align_cycle(Gaze* g, unsigned cycles)
{
	if ((g->p.mode != GAZE_SWEEP && g->p.mode != GAZE_ALTERNATE) || g->resting) {
		return;
	}
	/* how far the cycle is from its start: ahead of it in the first half,
	 * behind in the second */
	const bool behind = g->phase >= HALF_CYCLE;
	const uint64_t distance = behind ? (uint64_t)0 - g->phase : g->phase;
	/* within two frames of it: the breath turns on whole frames, and the
	 * eyes move no more for this than they do in two frames */
	if (distance <= 2u * g->inc || cycles == 0) {
		/* still in the second half: its end, and the tap there, move to now */
		if (behind) {
			g->pending_tap = true;
		}
		g->phase = 0;
		g->catch_up = 1.0;
	} else {
		/* half a cycle at most to win or lose over `cycles` of them */
		const double ahead =
		    (behind ? -(double)distance : (double)distance) * (1.0 / 18446744073709551616.0);
		g->catch_up = ((double)cycles - ahead) / (double)cycles;
	}
	update_inc(g);
}

void
gaze_retune(Gaze* g, double rate_hz)
{
	g->p.rate_hz = rate_hz;
	update_inc(g);
}

void
gaze_lock_phase(Gaze* g, double cycles)
{
	if ((g->p.mode != GAZE_SWEEP && g->p.mode != GAZE_ALTERNATE) || g->resting ||
	    !isfinite(cycles)) {
		return;
	}
	const double scaled = (cycles - floor(cycles)) * 18446744073709551616.0;
	const uint64_t phase = scaled < 18446744073709551616.0 ? (uint64_t)scaled : 0u;
	const uint64_t ahead = phase - g->phase, behind = g->phase - phase;
	if ((ahead < behind ? ahead : behind) < GAZE_LOCK_SLACK) {
		return; /* in step already: the host's rounding is not a jump */
	}
	g->phase = phase;
	/* already at the side this half of the cycle belongs to */
	g->side = (g->phase & HALF_CYCLE) ? -1 : +1;
}

void
gaze_steer(Gaze* g, float target)
{
	if (g->p.mode != GAZE_FOLLOW) {
		return;
	}
	g->p.target = target;
	if (g->p.glide_s <= 0.0f) {
		g->follow_pos = target;
	}
	g->pending_tap = true; /* the cue sounds as it is given */
}

void
gaze_toggle_set(Gaze* g)
{
	if (!uses_sets(g->p.mode)) {
		return;
	}
	if (g->resting || g->pending_set < 0) {
		g->held = false;
		g->pending_set = +1;
	} else {
		g->held = true;
		g->pending_set = -1;
	}
}

static float
sweep_position(const Gaze* g)
{
	const double cycles = (double)g->phase * (1.0 / 18446744073709551616.0);
	const float x = (float)approx_cos_turns(cycles);
	const float n = 1.0f + 4.0f * g->p.shape; /* >1 flattens the ends */
	const float dwell = 1.0f - powf(1.0f - fabsf(x), n);
	return x < 0.0f ? -dwell : dwell;
}

/* Where the current pattern has the eyes. */
static float
pattern_position(const Gaze* g)
{
	if (g->resting) {
		return 0.0f;
	}
	switch (g->p.mode) {
	case GAZE_SWEEP:
		return sweep_position(g);
	case GAZE_ALTERNATE:
		return (float)g->side;
	case GAZE_HOLD:
		return (float)hold_segment_side(g, g->hold_segment);
	case GAZE_FOLLOW:
		return g->follow_pos;
	default:
		return 0.0f;
	}
}

float
gaze_position(const Gaze* g)
{
	const float to = pattern_position(g);
	if (g->shift_left == 0) {
		return to;
	}
	/* a smoothstep: no corner where the glide begins or ends */
	const float u = 1.0f - (float)g->shift_left / (float)g->shift_frames;
	return g->shift_from + (to - g->shift_from) * (u * u * (3.0f - 2.0f * u));
}

bool
gaze_sounding(const Gaze* g)
{
	return g->p.mode != GAZE_OFF && !g->resting;
}

double
gaze_rest_left_s(const Gaze* g)
{
	if (!g->resting || g->held || g->set_rest_frames <= 0) {
		return -1.0;
	}
	return (double)remaining(g->set_rest_frames, g->set_elapsed) / g->rate;
}
