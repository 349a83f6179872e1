/* SPDX-License-Identifier: ISC */
/* One loudness for every cue: the gain that brings a sound at a decay and
 * a pitch, struck every `spacing_s`, to the loudness of the soft sine at
 * the defaults (330 Hz, 0.4 s, twice a second).  A strike's energy grows
 * with its length and the ear weighs its partials by their frequency, so
 * each sound has a table over decay and pitch, measured (EBU R128) by
 * tools/cue_loudness.c --table.  Strikes that overlap sum their energy,
 * while R128's gate leaves out the silence between sparse ones, so the
 * spacing counts more the longer the sound rings: a second table over
 * ring time and spacing, measured on the soft sine (--spacing-table), and
 * the first takes the mean of what remains at 0.5 and 1 s (Alternate and
 * Hold at 1 Hz).  Both are interpolated in dB over the logs of their
 * axes.  Decays under 0.05 s keep the gain of 0.05 s: a blip that short
 * brought to the loudness of a tone would need a startling peak. */
#ifndef SOMASCAPE_CUE_MATCH_H
#define SOMASCAPE_CUE_MATCH_H

#include "cue_voice.h"

/* Linear gain on top of the sound's own (cue_voice_trigger's gain); 1 for
 * the user sample, whose recording keeps its own level.  Costs a few logf
 * and a powf: for when a control moves. */
float cue_match_gain(CueSound sound, float pitch_hz, float decay_s, float spacing_s);

/* The spacing table's part of it, in dB (0 at 0.5 s), for a sound that
 * rings ring_s (cue_voice_ring_s). */
float cue_match_spacing_db(float ring_s, float spacing_s);

/* The grids the tables are measured on, for the tool that measures them. */
#define CUE_MATCH_DECAYS 7
#define CUE_MATCH_PITCHES 8
#define CUE_MATCH_SPACINGS 8
#define CUE_MATCH_RINGS 8
extern const float cue_match_decay_s[CUE_MATCH_DECAYS];
extern const float cue_match_pitch_hz[CUE_MATCH_PITCHES];
extern const float cue_match_spacing_s[CUE_MATCH_SPACINGS];
extern const float cue_match_ring_s[CUE_MATCH_RINGS];

#endif
