/* SPDX-License-Identifier: ISC */
/* One loudness for every cue: the gain that brings a sound at a decay and
 * a pitch to the loudness of the soft sine at the defaults (330 Hz, 0.4 s),
 * struck twice a second.  A strike's energy grows with its length and the
 * ear weighs its partials by their frequency, so each sound has a table
 * over decay and pitch, measured (EBU R128) by tools/cue_loudness.c
 * --table and interpolated in dB over log decay and log pitch.  Decays
 * under 0.05 s keep the gain of 0.05 s: a blip that short brought to the
 * loudness of a tone would need a startling peak. */
#ifndef SOMASCAPE_CUE_MATCH_H
#define SOMASCAPE_CUE_MATCH_H

#include "cue_voice.h"

/* Linear gain on top of the sound's own (cue_voice_trigger's gain); 1 for
 * the user sample, whose recording keeps its own level.  Costs two logf
 * and a powf: for when a control moves. */
float cue_match_gain(CueSound sound, float pitch_hz, float decay_s);

/* The grid the table is measured on, for the tool that measures it. */
#define CUE_MATCH_DECAYS  7
#define CUE_MATCH_PITCHES 8
extern const float cue_match_decay_s[CUE_MATCH_DECAYS];
extern const float cue_match_pitch_hz[CUE_MATCH_PITCHES];

#endif
