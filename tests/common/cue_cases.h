/* SPDX-License-Identifier: ISC */
/* The cue layer alone, as the cue tests play it: the drone silent, no
 * fade-in, a sound struck at a decay and pitch in a gaze mode. */
#ifndef SOMASCAPE_CUE_CASES_H
#define SOMASCAPE_CUE_CASES_H

#include "controls.h"
#include "cue_voice.h"

static const char* const cue_sound_names[CUE_SOUND_COUNT] __attribute__((unused)) = {
    "soft sine", "bell",         "chime",      "woodblock",   "click",
    "soft drum", "singing bowl", "water drop", "breath puff", "user sample"};

static inline Controls
cue_controls(float mode, int sound, float decay, float pitch)
{
	Controls c;
	controls_defaults(&c);
	c.drone_level = -60.0f; /* silent */
	c.fade_in = 0.0f;
	c.gaze_mode = mode;
	c.cue_sound = (float)sound;
	c.cue_decay = decay;
	c.cue_pitch = pitch;
	return c;
}

#endif
