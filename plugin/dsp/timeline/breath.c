/* SPDX-License-Identifier: ISC */
#include "breath.h"

#include "grid.h"

#include <math.h>

#define WHOLE_STAGE 18446744073709551616.0 /* 2^64 */

static double
stage_frames(const Breath* b, BreathStage stage)
{
	return b->p.stage_s[stage] * b->rate / b->speed;
}

/* Per-frame step through a stage; 0 for a stage shorter than a frame,
 * which is skipped. */
static uint64_t
stage_inc(const Breath* b, BreathStage stage)
{
	const double frames = stage_frames(b, stage);
	if (!(frames >= 1.0)) {
		return 0;
	}
	const double inc = WHOLE_STAGE / frames;
	return inc >= WHOLE_STAGE ? UINT64_MAX : (uint64_t)inc;
}

/* True when the pattern starts faster and eases into its pace. */
static bool
slows(const BreathParams* p)
{
	return p->start_factor > 1.0 && p->ramp_s > 0.0;
}

/* The slowing: start_factor times faster at the start, easing to 1 with a
 * raised cosine over ramp_s, so the pace never changes abruptly. */
static double
speed_at(const BreathParams* p, double t_s)
{
	if (!slows(p) || t_s >= p->ramp_s) {
		return 1.0;
	}
	const double still_fast = 0.5 * (1.0 + cos(M_PI * t_s / p->ramp_s));
	return 1.0 + (p->start_factor - 1.0) * still_fast;
}

/* The next stage that is not empty begins; the part of a frame already
 * spent past the end of the old one carries over, so whole breaths keep
 * their exact length on average. */
static void
begin_next_stage(Breath* b, double carried_frames)
{
	BreathStage next = b->stage;
	for (int skip = 0; skip < 4; ++skip) {
		next = (BreathStage)((next + 1) & 3);
		if (stage_inc(b, next) != 0) {
			break;
		}
	}
	b->stage = next;
	b->inc = stage_inc(b, next);
	b->pos = (uint64_t)(carried_frames * (double)b->inc);
	b->pending_turn = true;
}

void
breath_init(Breath* b, double rate)
{
	b->rate = rate;
	/* about 20 ms, a whole number of grid steps */
	const double steps = floor(BREATH_SPEED_STEP_S * rate / GRID_FRAMES + 0.5);
	b->speed_step = GRID_FRAMES * (int64_t)(steps > 1.0 ? steps : 1.0);
	b->p = (BreathParams){.stage_s = {5.0, 0.0, 5.0, 0.0}, .start_factor = 1.0};
	breath_reset(b);
}

void
breath_reset(Breath* b)
{
	b->speed = speed_at(&b->p, 0.0);
	b->stage = BREATH_IN;
	b->pos = 0;
	b->inc = stage_inc(b, BREATH_IN);
	b->pending_turn = true;
}

void
breath_grid(Breath* b, const BreathParams* p, int64_t session_frame)
{
	/* the step through the stage is made again only when the pattern or
	 * the pace moves: it costs a division */
	if (p || slows(&b->p)) {
		if (p) {
			b->p = *p;
		}
		const int64_t step_start = session_frame - session_frame % b->speed_step;
		const double speed = speed_at(&b->p, (double)step_start / b->rate);
		if (p || speed != b->speed) {
			b->speed = speed;
			b->inc = stage_inc(b, b->stage);
		}
	}
	if (b->inc == 0 && !b->pending_turn) {
		/* the current stage was made empty: it ends here */
		begin_next_stage(b, 0.0);
	}
}

/* What remains of the stage, in steps of 2^-64 of it (at its start, all
 * of it but one). */
static uint64_t
stage_remaining(const Breath* b)
{
	return b->pos == 0 ? UINT64_MAX : (uint64_t)0 - b->pos;
}

uint32_t
breath_frames_to_turn(const Breath* b, uint32_t max)
{
	if (b->pending_turn) {
		return 0;
	}
	if (b->inc == 0) {
		return max;
	}
	const uint64_t remaining = stage_remaining(b);
	const uint64_t frames = remaining / b->inc + (remaining % b->inc != 0);
	return frames < max ? (uint32_t)frames : max;
}

bool
breath_take_turn(Breath* b, BreathStage* stage)
{
	if (!b->pending_turn) {
		return false;
	}
	b->pending_turn = false;
	*stage = b->stage;
	return true;
}

void
breath_advance(Breath* b, uint32_t frames)
{
	/* the turn is reached when the steps cover what remains of the stage
	 * (frames >= breath_frames_to_turn, without its division) */
	uint64_t steps;
	const bool overflows = __builtin_mul_overflow((uint64_t)frames, b->inc, &steps);
	const uint64_t next = b->pos + steps; /* wraps at the turn */
	if (b->inc != 0 && (overflows || steps >= stage_remaining(b))) {
		/* after the wrap, next is the overshoot: less than one step */
		begin_next_stage(b, next < b->inc ? (double)next / (double)b->inc : 0.0);
	} else {
		b->pos = next;
	}
}

/* Smoothstep: starts and ends each swell without a corner. */
static float
s_curve(double x)
{
	return (float)(x * x * (3.0 - 2.0 * x));
}

static float
level_at(BreathStage stage, double fraction)
{
	switch (stage) {
	case BREATH_IN:
		return s_curve(fraction);
	case BREATH_HOLD_IN:
		return 1.0f;
	case BREATH_OUT:
		return 1.0f - s_curve(fraction);
	default:
		return 0.0f;
	}
}

float
breath_level(const Breath* b)
{
	return level_at(b->stage, (double)b->pos / WHOLE_STAGE);
}

float
breath_level_ahead(const Breath* b, uint32_t frames)
{
	double fraction = ((double)b->pos + (double)frames * (double)b->inc) / WHOLE_STAGE;
	fraction = fraction > 1.0 ? 1.0 : fraction;
	return level_at(b->stage, fraction);
}

float
breath_phase(const Breath* b)
{
	double before = 0.0, total = 0.0;
	for (int s = 0; s < 4; ++s) {
		total += b->p.stage_s[s];
		before += s < (int)b->stage ? b->p.stage_s[s] : 0.0;
	}
	const double within = (double)b->pos / WHOLE_STAGE * b->p.stage_s[b->stage];
	const double phase = (before + within) / total;
	return (float)(phase < 1.0 ? phase : 0.0);
}

bool
breath_slowing(const Breath* b, int64_t session_frame)
{
	return slows(&b->p) && (double)session_frame < b->p.ramp_s * b->rate + (double)b->speed_step;
}

int64_t
breath_next_speed_step(const Breath* b, int64_t session_frame)
{
	return session_frame - session_frame % b->speed_step + b->speed_step;
}

double
breath_period_s(const Breath* b)
{
	double total = 0.0;
	for (int s = 0; s < 4; ++s) {
		total += b->p.stage_s[s];
	}
	return total / b->speed;
}

double
breath_stage_remaining_s(const Breath* b)
{
	if (b->inc == 0) {
		return 0.0;
	}
	/* 2^64 - pos steps of inc: the stage's remaining frames. */
	return ((double)(~b->pos) + 1.0) / (double)b->inc / b->rate;
}
