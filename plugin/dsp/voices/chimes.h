/* SPDX-License-Identifier: ISC */
/* Breath-turn chimes: a higher singing bowl where the inhale begins, a
 * lower bell where the exhale begins, at the centre.  Each has its own
 * voice, so a chime still ringing is never cut by the other. */
#ifndef SOMASCAPE_CHIMES_H
#define SOMASCAPE_CHIMES_H

#include "breath.h"
#include "cue_voice.h"
#include "grid.h"

typedef enum { CHIMES_OFF, CHIMES_IN_AND_OUT, CHIMES_INHALE_ONLY } ChimeMode;

typedef struct {
	CueVoice inhale, exhale;
	float chunk[GRID_FRAMES]; /* the current chunk, mono */
	bool sounding;            /* something was rendered into chunk */
} Chimes;

void chimes_init(Chimes* c, double rate);

/* How long a chime rings (its t60, seconds). */
double chimes_ring_s(void);

/* Strikes the chime of the stage that begins now, if the mode has one;
 * the pitch follows the drone's root. */
void chimes_turn(Chimes* c, ChimeMode mode, BreathStage stage, float root_hz, float level_db,
                 uint32_t seed);

/* Renders frames [at, at + n) of the current chunk, so that a chime
 * struck inside a chunk starts on its own frame; the chunk's frame 0 is
 * grid_at frames into a tick (cue_voice_render). */
void chimes_render(Chimes* c, uint32_t at, uint32_t n, uint32_t grid_at);

/* The chunk, mono, for the caller to add at the centre and leave cleared
 * for the next chunk (its own output pass does both, with no pass of
 * their own); NULL if it is silence. */
float* chimes_take(Chimes* c);

#endif
