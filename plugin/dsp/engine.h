/* SPDX-License-Identifier: ISC */
/* The whole sound of somascape, free of LV2: controls in, stereo out.
 * Time is the spine: everything is a function of the session frame
 * counter, with slow values on a grid anchored to it (grid.h). */
#ifndef SOMASCAPE_ENGINE_H
#define SOMASCAPE_ENGINE_H

#include "breath.h"
#include "chimes.h"
#include "controls.h"
#include "cue_voice.h"
#include "drone.h"
#include "gaze.h"
#include "grid.h"
#include "limiter.h"
#include "spatial.h"

#include <stdint.h>

#define CUE_VOICES 6

/* A cue voice and where it sounds. */
typedef struct {
	CueVoice  voice;
	Placement place;
	bool      follows_gaze; /* moves with the gaze, or stays where struck */
} PlacedVoice;

/* The continuous tone of Sweep and Follow with the soft sine. */
typedef struct {
	double re, im;   /* unit phasor */
	double c, s;     /* rotation per frame */
	float  hz;       /* smoothed pitch */
	float  turned_hz; /* the pitch c and s were made for */
	float  gain[2];  /* at the start and end of the grid step */
} SweepTone;

typedef struct {
	double   rate;
	Controls ctl;      /* latest values from the host, read on the grid */
	int64_t  frame;    /* session frame */
	double   tempo_bpm;

	Gaze        gaze;
	PlacedVoice voices[CUE_VOICES];
	uint32_t    next_voice;
	SweepTone   tone;
	CueVoice    end_chime;
	int64_t     end_chimed_at;
	Spatial     spatial;
	Limiter     limiter;

	/* the breath layer */
	Breath breath;
	Drone  drone;
	Chimes chimes;

	/* smoothed on the grid; [0] at the start of the step, [1] at its end */
	float     cue_gain[2];
	float     cue_gain_goal, master_gain_goal; /* the level controls as gains */
	float     layer_gain[2];  /* session fades */
	float     master_gain[2];
	float     width;
	float     speakers;
	float     sound_pos;   /* the gaze position, smoothed against jumps */
	float     placed_width, placed_speakers; /* what follow_place[1] was made for */
	Placement follow_place[2];
	float     smooth_fast, smooth_slow;

	float  scratch[GRID_FRAMES];
	float  left[GRID_FRAMES], right[GRID_FRAMES];
	Outputs out;
} Engine;

void engine_init(Engine* e, double rate);

/* Back to the start of the session: silent, all state at time zero. */
void engine_reset(Engine* e);

void engine_set_controls(Engine* e, const Controls* c);

/* Renders n frames (any n) into left and right. */
void engine_process(Engine* e, float* left, float* right, uint32_t n);

static inline const Outputs*
engine_outputs(const Engine* e)
{
	return &e->out;
}

#endif
