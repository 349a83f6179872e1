/* SPDX-License-Identifier: ISC */
/* The breathing pattern: inhale, hold, exhale, hold, as a function of
 * session frames, with an optional gradual slowing at the start.  It says
 * where in the breath we are, how full the swell is, and on which frame each
 * stage begins; it makes no sound itself.
 *
 * The position inside the current stage is 64-bit fixed point (2^64 = the
 * whole stage), stepped per frame with a step set on the grid, so blocks of
 * any size give the same frames and nothing drifts over a day.  Keeping the
 * position as a fraction of the stage is also what makes a pattern change
 * mid-breath smooth: the breath carries on from the same fraction with the
 * new durations, and the swell never jumps. */
#ifndef SOMASCAPE_BREATH_H
#define SOMASCAPE_BREATH_H

#include <stdbool.h>
#include <stdint.h>

typedef enum { BREATH_IN, BREATH_HOLD_IN, BREATH_OUT, BREATH_HOLD_OUT } BreathStage;

typedef struct {
	double stage_s[4];   /* durations, indexed by BreathStage */
	double start_factor; /* the breath starts this many times faster (>= 1) */
	double ramp_s;       /* and eases to the pattern over this long */
} BreathParams;

/* The slowing moves the pace on in steps of about this long (a whole
 * number of grid steps, anchored to the session start), so a jump to a far
 * position only has to walk the steps of the slowing. */
#define BREATH_SPEED_STEP_S 0.02

typedef struct {
	double rate;
	int64_t speed_step; /* frames */
	BreathParams p;
	double speed; /* 1 = the pattern; start_factor at the start */
	BreathStage stage;
	uint64_t pos; /* position in the stage, 2^64 = whole stage */
	uint64_t inc; /* per frame; 0 while the stage is empty */
	bool pending_turn;
} Breath;

void breath_init(Breath* b, double rate);

/* Back to the start of the session: an inhale begins at frame 0. */
void breath_reset(Breath* b);

/* At every grid point: takes the current pattern (NULL when it has not
 * moved since the last call: most steps); session_frame gives the
 * slowing. */
void breath_grid(Breath* b, const BreathParams* p, int64_t session_frame);

/* Frames until the next stage begins, at most max; 0 when one begins now
 * (take it with breath_take_turn before moving on). */
uint32_t breath_frames_to_turn(const Breath* b, uint32_t max);

/* The stage that begins now, if one does. */
bool breath_take_turn(Breath* b, BreathStage* stage);

/* Moves on by frames, no further than breath_frames_to_turn allows. */
void breath_advance(Breath* b, uint32_t frames);

/* The swell, 0..1: rises through the inhale on an S-curve, stays full in
 * the hold, falls through the exhale, stays empty in the hold after it. */
float breath_level(const Breath* b);

/* The swell `frames` ahead if the stage does not change, for interpolating
 * across a grid step. */
float breath_level_ahead(const Breath* b, uint32_t frames);

/* Position in the whole breath, 0..1 (inhale starts at 0). */
float breath_phase(const Breath* b);

/* True while the pace may still change at session_frame or later. */
bool breath_slowing(const Breath* b, int64_t session_frame);

/* The first frame after session_frame where the pace can change. */
int64_t breath_next_speed_step(const Breath* b, int64_t session_frame);

/* Seconds remaining in the current stage, at the current speed. */
double breath_stage_remaining_s(const Breath* b);

/* Length of a whole breath at the current speed, in seconds. */
double breath_period_s(const Breath* b);

static inline BreathStage
breath_stage(const Breath* b)
{
	return b->stage;
}

#endif
