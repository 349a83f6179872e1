/* SPDX-License-Identifier: ISC */
/* Jumping to a session position (a host relocation, or a transport that
 * starts mid-session): the engine must sound exactly as if it had played
 * from the start.
 *
 * The timeline (gaze phase, passes, sets, hold segments, breath stages and
 * the slowing) is walked from the start event by event, with the same code
 * that plays it (engine_walk, without sound), so it lands on the same
 * state bit for bit; it only has to stop at each step of the slowing,
 * because everything else is constant between events.  Oscillators are
 * anchored to session time and are set from it.  What rings or glides
 * (cue tails, chimes, smoothing, the limiter) is rendered for real over a
 * short pre-roll before the target, long enough that whatever started
 * before it has died away. */
#include "engine.h"
#include "engine_parts.h"
#include "limiter.h"

#include <math.h>

/* Smoothing and the limiter settle within this. */
#define SETTLE_S 1.0
/* A cue voice stops 100 dB down, 1.67 times its t60: a tail older than
 * this has ended in the session played from the start too. */
#define TAILS_T60 1.7

int64_t
engine_preroll_frames(const Engine* e, int64_t target)
{
	const Controls* c = &e->ctl;
	double ring = 0.0;
	if ((int)c->gaze_mode != GAZE_OFF) {
		ring = cue_voice_ring_s((CueSound)(int)c->cue_sound, c->cue_decay);
	}
	if ((int)c->chime_mode != CHIMES_OFF) {
		ring = fmax(ring, chimes_ring_s());
	}
	const double end_s = c->session_len * 60.0, target_s = (double)target / e->rate;
	const double end_ring = cue_voice_ring_s(END_CHIME_SOUND, END_CHIME_DECAY_S);
	if (end_s > 0.0 && end_s <= target_s && target_s - end_s < TAILS_T60 * end_ring) {
		ring = fmax(ring, end_ring); /* the end chime may still ring */
	}
	const double frames = ceil((SETTLE_S + TAILS_T60 * ring) * e->rate);
	return (int64_t)frames;
}

/* Moves the timeline on to `until` through its events, making no sound;
 * every parameter is constant on the way. */
static void
skip_events(Engine* e, int64_t until)
{
	while (e->frame < until) {
		const int64_t remaining = until - e->frame;
		const uint32_t max =
		    remaining > (INT64_C(1) << 30) ? UINT32_C(1) << 30 : (uint32_t)remaining;
		e->frame += engine_walk(e, 0, max, false);
	}
}

/* The timeline from the session start to `target` (a grid point).  The
 * grid steps in between would repeat the same parameters, except where
 * the slowing moves the breath's pace on: there the walk stops. */
static void
skip_timeline(Engine* e, int64_t target)
{
	while (e->frame < target) {
		breath_grid(&e->breath, &e->breath_params, e->frame);
		const GazeParams gp = engine_gaze_params(e);
		gaze_grid(&e->gaze, &gp);
		int64_t until = target;
		if (breath_slowing(&e->breath, e->frame)) {
			const int64_t step = breath_next_speed_step(&e->breath, e->frame);
			until = step < until ? step : until;
		}
		skip_events(e, until);
	}
}

/* Follow glides to its target on the grid, from the centre at the start. */
static void
settle_follow(Engine* e, int64_t frame)
{
	const GazeParams gp = engine_gaze_params(e);
	if (gp.mode != GAZE_FOLLOW) {
		return;
	}
	const float coef = grid_smoothing_coef(e->rate, gp.glide_s / 3.0);
	const double unglided = pow(1.0 - coef, (double)(frame / GRID_FRAMES));
	const float pos = gp.target * (float)(1.0 - unglided);
	e->gaze.follow_pos = fabsf(pos - gp.target) < 1e-7f ? gp.target : pos;
}

void
engine_locate(Engine* e, int64_t frame)
{
	const bool steered = e->steered;
	const float steer_target = e->steer_target, steer_control = e->steer_control;
	engine_reset(e);
	if (frame <= 0) {
		return;
	}
	int64_t from = frame - engine_preroll_frames(e, frame);
	from = from > 0 ? from - from % GRID_FRAMES : 0;
	if (from > 0) {
		skip_timeline(e, from);
		settle_follow(e, from);
		drone_seek(&e->drone, &e->drone_params, from);
		const double cycles = e->ctl.cue_pitch / e->rate * (double)from;
		e->tone.cycles = cycles - floor(cycles);
		engine_snap_smoothed(e);
		e->layer_gain[1] = session_gain(&e->session_params, (double)from / e->rate);
	}
	e->steered = steered;
	e->steer_target = steer_target;
	e->steer_control = steer_control;

	float left[256], right[256];
	while (e->frame < frame) {
		const int64_t n = frame - e->frame < 256 ? frame - e->frame : 256;
		engine_process(e, left, right, (uint32_t)n);
	}
	e->tap_count = 0;
}
