/* SPDX-License-Identifier: ISC */
/* Internal to the engine: what the controls mean for each part (the
 * parameters each module takes, made from the latest control values and,
 * for the gaze, the breath and the host tempo it may be locked to), and
 * the steps that rendering and relocating share. */
#ifndef SOMASCAPE_ENGINE_PARTS_H
#define SOMASCAPE_ENGINE_PARTS_H

#include "end_chime.h"
#include "engine.h"
#include "session.h"

GazeParams engine_gaze_params(const Engine* e);
BreathParams engine_breath_params(const Engine* e);
DroneParams engine_drone_params(const Engine* e);
SessionParams engine_session_params(const Engine* e);

/* True while the gaze takes its pace from the breath. */
static inline bool
engine_gaze_to_breath(const Engine* e)
{
	return e->ctl.gaze_per_breath > 0.0f;
}

/* The soft sine plays as one continuous tone in the moving modes. */
static inline bool
engine_tone_mode(const Engine* e)
{
	const int mode = (int)e->ctl.gaze_mode;
	return (mode == GAZE_SWEEP || mode == GAZE_FOLLOW) && (int)e->ctl.cue_sound == CUE_SOFT_SINE;
}

/* A stage of the breath begins now; `audible` strikes its chime. */
void engine_breath_turn(Engine* e, bool audible);

/* A tap `at` frames into the chunk that starts at e->frame: logged, and
 * its cue struck. */
void engine_tap(Engine* e, uint32_t at, int side);

/* One step of the one walk through the timeline, for playing and for
 * relocating: takes the next event if one is due `at` frames into the
 * chunk that starts at e->frame (a breath turn, a tap, a set boundary)
 * and returns 0, or else moves the breath and the gaze on to their next
 * event or by `max` frames (max > 0), whichever comes first, and returns
 * the frames moved.  `audible` plays: the events strike their sounds and
 * the taps are logged; without it the walk is the same, silent.  Inline:
 * it runs for every chunk, the events it calls out to are rare. */
static inline __attribute__((always_inline)) uint32_t
engine_walk(Engine* e, uint32_t at, uint32_t max, bool audible)
{
	const uint32_t to_turn = breath_frames_to_turn(&e->breath, max);
	if (to_turn == 0) {
		engine_breath_turn(e, audible);
		return 0;
	}
	GazeEvent ev;
	const uint32_t k = gaze_run(&e->gaze, to_turn, &ev);
	if (k == 0) { /* a tap or a set boundary: the gaze has taken it */
		if (audible && ev.type == GAZE_EVENT_TAP) {
			engine_tap(e, at, ev.side);
		}
		return 0;
	}
	breath_advance(&e->breath, k);
	return k;
}

/* Smoothed values start at their targets: at the session start, and where
 * a relocation's pre-roll begins. */
void engine_snap_smoothed(Engine* e);

#endif
