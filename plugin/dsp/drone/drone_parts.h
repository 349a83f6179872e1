/* SPDX-License-Identifier: ISC */
/* What the drone's files share, and nothing outside plugin/dsp/drone sees:
 * the drone_timbres' and drone_voicings' recipes, the refresh period's schedule, and
 * the steps each file gives the others.
 *   drone.c          the grid steps, waking, seeking: the order of things
 *   drone_notes.c    the notes: drone_voicings, pitches, each partial's colour
 *   drone_refresh.c  a note's refresh: phases, amplitudes, the partials'
 *                    rotations and turn tables
 *   drone_ocean.c    the Ocean's noise filters, set each grid step
 *   drone_render.c   the frames (drone_reference.c: the same, plainly) */
#ifndef SOMASCAPE_DRONE_PARTS_H
#define SOMASCAPE_DRONE_PARTS_H

#include "drone.h"
#include "approx.h"
#include "phasor.h"
#include "simd.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

/* How each timbre colours the harmonics.  A note's fundamental has
 * amplitude 1 and its overtones (harmonics 2..) the timbre's shape, scaled
 * together so that harmonics 2-8 hold `overtones` dB against the
 * fundamental: from overtones_dark to overtones_bright as the tone opens
 * with the brightness and the breath, the timbres 7 dB apart.  The shape
 * of harmonic h is h^-slope, `even` for the even ones, weighted by vowel
 * formants for the Choir.  gain is the calibrated loudness match
 * (tests/unit/test_drone_loudness.c). */
typedef struct {
	uint32_t harmonics;
	float overtones_dark, overtones_bright; /* dB of harmonics 2-8 re the fundamental */
	float even;                             /* level of even harmonics against odd ones */
	float slope;                            /* shape(h) = h^-slope */
	bool formants;                          /* weighted by vowel formants */
	bool chorus;                            /* slow detune of each note */
	float gain;
} TimbreRecipe;
extern const TimbreRecipe drone_timbres[DRONE_TIMBRE_COUNT];

typedef struct {
	uint32_t notes;
	float ratio[DRONE_NOTES];
	float weight[DRONE_NOTES]; /* the root leads; upper notes sit a little below it */
} VoicingRecipe;
extern const VoicingRecipe drone_voicings[DRONE_VOICING_COUNT];

/* Each note is refreshed every DRONE_REFRESH_FRAMES of session time, the notes one
 * grid step apart: its LFO, chorus, jivari and partial amplitudes, with
 * the amplitudes moving geometrically across the refresh (10.7 ms at 48 kHz:
 * the breath moves the tone over seconds).
 * Smooth for changes over tens of milliseconds (the breath, the smoothing
 * of the controls), and no work at all on most grid steps.  The swell
 * itself is interpolated every grid step. */
#define REFRESH_FRAMES_LOG2 9
_Static_assert(DRONE_REFRESH_FRAMES == 1u << REFRESH_FRAMES_LOG2, "a refresh period is 2^k frames");

/* Where in the refresh period note n is refreshed, in frames. */
static inline uint32_t
refresh_offset(uint32_t n)
{
	return (n * GRID_FRAMES) % DRONE_REFRESH_FRAMES;
}

/* Each note's LFO phase at its first refresh: the notes start at their own
 * places and never drift together. */
static inline double
lfo_start(uint32_t n)
{
	return 2.0 * M_PI * n / DRONE_NOTES;
}

/* The quad that renders slots 4r..4r+3 of note n: the low harmonics of
 * every note first, so a timbre of eight harmonics or fewer leaves the
 * last three quads silent. */
static inline uint32_t
quad_of(uint32_t n, uint32_t r)
{
	return r < 2 ? 2 * n + r : 2 * DRONE_NOTES + n;
}

/* How open the tone is, 0..1: the brightness at the top of the inhale,
 * closing on the exhale by the breath brightness. */
static inline float
openness(const Drone* d, float breath)
{
	return d->p.bright * (1.0f - d->p.breath_bright + d->p.breath_bright * breath);
}

/* Whether the notes stand still at the setting: nothing to update. */
static inline bool
notes_settled(const Drone* d)
{
	return d->p.root_hz == d->settled_root && (int)d->p.voicing == d->settled_voicing;
}

/* drone_notes.c */
/* Each slot's harmonic and phase, and each lane's place: once. */
void drone_notes_init(Drone* d);
void drone_update_shape(Drone* d);
float drone_note_norm(const VoicingRecipe* v);
void drone_retune_notes(Drone* d, int64_t frame);
bool drone_update_notes(Drone* d, int64_t frame);
/* The notes of p's voicing at their gains, tuned at `frame`. */
void drone_seek_notes(Drone* d, const DroneParams* p, int64_t frame);

/* drone_refresh.c */
void drone_advance_phase(Drone* d, uint32_t n, int64_t frame);
SIMD_CLONES_DECL void drone_refresh_note(Drone* d, uint32_t n, int64_t frame, float breath);
/* A new pitch from this grid step, the amplitudes' ramps as they were. */
void drone_retune_rotations(Drone* d, uint32_t n);
void drone_seek_note(Drone* d, uint32_t n, int64_t frame);

/* drone_ocean.c */
void drone_ocean_init(Drone* d);
void drone_ocean_reset(Drone* d);
SIMD_CLONES_DECL void drone_update_ocean(Drone* d, float breath, uint64_t step);

#endif
