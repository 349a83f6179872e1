/* SPDX-License-Identifier: ISC */
/* The bowl that ends a session: a chime, not an alarm.  chime_level sets
 * it (at the same setting it is as loud as the drone), but never louder
 * than the session was before its fade-out, and it swells in rather than
 * strikes.  The session's level is reckoned from the layers' level
 * controls, not measured, so that a relocation finds the same chime. */
#ifndef SOMASCAPE_END_CHIME_H
#define SOMASCAPE_END_CHIME_H

#include "controls.h"
#include "cue_voice.h"

#include <stdint.h>

#define END_CHIME_SOUND CUE_SINGING_BOWL
#define END_CHIME_DECAY_S 3.0f
/* Its onset ramp: it comes within 1 dB of its peak after about 30 ms. */
#define END_CHIME_SWELL_S 0.04

/* Its pitch: an octave over the drone's root, within 110-440 Hz. */
float end_chime_hz(const Controls* c);

/* Its gain (linear, for cue_voice_trigger) at pitch hz. */
float end_chime_gain(const Controls* c, float hz);

/* Applies the swell to n samples of the chime, the first `since` frames
 * after it was struck. */
void end_chime_swell(float* x, uint32_t n, int64_t since, double rate);

#endif
