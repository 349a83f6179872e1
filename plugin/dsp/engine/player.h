/* SPDX-License-Identifier: ISC */
/* The session clock: which session frame plays now, taken from the host's
 * transport or running free, and what is heard across a jump or a stop.
 *
 * Following the transport, session time is the transport position: a
 * relocation jumps the engine there (engine_locate) and crossfades from
 * where it was; a stop fades out and holds; rolling again fades in.  The
 * very first start after activation is not faded, so that starting at a
 * position sounds exactly like having played up to it. */
#ifndef SOMASCAPE_PLAYER_H
#define SOMASCAPE_PLAYER_H

#include "engine.h"

#include <stdbool.h>
#include <stdint.h>

/* The `clock` control. */
typedef enum { CLOCK_AUTO, CLOCK_TRANSPORT, CLOCK_FREE } ClockMode;

/* How long a crossfade, a stop or a start takes. */
#define PLAYER_FADE_S 0.02

/* What a host's time:Position says; each part may be missing. */
typedef struct {
	bool has_frame, has_speed, has_bpm, has_beats;
	int64_t frame; /* transport position, in frames */
	double speed;  /* 0 stopped, 1 rolling */
	double bpm;
	double beats; /* since the song start: bar * beatsPerBar + barBeat */
} HostPosition;

typedef struct {
	Engine engine; /* the session as heard */
	Engine fading; /* the session before a jump, while it fades out */
	uint32_t fade_frames;
	uint32_t crossfade;       /* frames of the crossfade still to go */
	float gain;               /* of engine: 0 when stopped, ramps at starts */
	bool rolling;             /* the host's transport, as last heard */
	bool host_known;          /* the host has sent a position since activation */
	int64_t host_frame;       /* where the transport is now, while rolling */
	bool started;             /* the session has sounded since activation */
	Tap taps[ENGINE_TAP_LOG]; /* by frame of the last player_process call */
	uint32_t tap_count;
} Player;

void player_init(Player* p, double rate);

/* Activation: the session starts again. */
void player_reset(Player* p);

/* A time:Position from the host, at the current frame. */
void player_position(Player* p, ClockMode clock, const HostPosition* pos);

/* The user cue sample, for both engines (see engine_set_user_sample). */
void player_set_user_sample(Player* p, const CueSample* sample);
bool player_uses_sample(const Player* p, const CueSample* sample);
void player_stop_sample(Player* p, const CueSample* sample);

/* Renders n frames; the taps heard in them are in p->taps. */
void player_process(Player* p, ClockMode clock, float* left, float* right, uint32_t n);

#endif
