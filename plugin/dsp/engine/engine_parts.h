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

GazeParams    engine_gaze_params(const Engine* e);
BreathParams  engine_breath_params(const Engine* e);
DroneParams   engine_drone_params(const Engine* e);
SessionParams engine_session_params(const Engine* e);

/* True while the gaze takes its pace from the breath. */
static inline bool
engine_gaze_to_breath(const Engine* e)
{
	return e->ctl.gaze_per_breath > 0.0f;
}

/* A stage of the breath begins now; `audible` strikes its chime. */
void engine_breath_turn(Engine* e, bool audible);

/* Smoothed values start at their targets: at the session start, and where
 * a relocation's pre-roll begins. */
void engine_snap_smoothed(Engine* e);

#endif
