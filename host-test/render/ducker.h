/* SPDX-License-Identifier: ISC */
/* The session stepping back under the teacher's voice: a sidechain ducker.
 * The voice's own level drives it, never the mere presence of a clip: the
 * session goes down by depth_db while the voice is above the threshold,
 * fast (DUCK_ATTACK_S; the voice mix lets it hear the voice that much
 * early, so the session is down when the first syllable begins), stays down
 * through the pauses between words (DUCK_HOLD_S), and comes back slowly
 * (DUCK_RETURN_S) once the voice has been quiet that long.
 *
 * The gain moves in dB along straight lines, one step a frame, so the
 * sound depends only on the frames, not on how they are cut into blocks.
 * Pure DSP: no files, no allocation. */
#ifndef SOMASCAPE_DUCKER_H
#define SOMASCAPE_DUCKER_H

#include <stdbool.h>
#include <stdint.h>

/* A voice sample louder than this (-45 dBFS) is speech, not room tone. */
#define DUCK_THRESHOLD_DB -45.0
/* From full level to the whole depth. */
#define DUCK_ATTACK_S 0.010
/* The voice quiet this long is a pause between phrases, not words. */
#define DUCK_HOLD_S 0.400
/* From the whole depth back to full level, after the hold. */
#define DUCK_RETURN_S 0.600

typedef struct {
	float depth_db;  /* >= 0 */
	float threshold; /* linear */
	float attack_db; /* dB a frame, going down */
	float return_db; /* dB a frame, coming back */
	uint32_t hold_frames;
	uint32_t quiet_frames; /* since the voice was last above the threshold */
	float gain_db;         /* 0 .. -depth_db */
	float gain;            /* the same, linear */
} Ducker;

/* depth_db is clamped to 0..60 (NaN is 0: no ducking). */
void ducker_init(Ducker* d, double rate, float depth_db);

/* Scales the session's n frames (left, right) by the gain that the voice's
 * frames (voice_l, voice_r) call for; true if the voice was above the
 * threshold anywhere in them. */
bool ducker_process(Ducker* d, float* left, float* right, const float* voice_l,
                    const float* voice_r, uint32_t n);

#endif
