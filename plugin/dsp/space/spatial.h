/* SPDX-License-Identifier: ISC */
/* Placing a mono sound between the ears or the speakers.
 *
 * Headphones: the far ear hears the sound later (interaural time difference,
 * Woodworth's spherical head) and softer (level difference), so the sound is
 * placed rather than just louder on one side.  Speakers: an equal-power pan,
 * since a time difference between loudspeakers only colours the sound.
 *
 * Still sounds are "splatted" into one ring buffer per ear at their own
 * delay, so every voice can sit at its own place with one shared output;
 * a moving sound is read from its own past into the same ring.
 *
 * The ring is read from `now` up to SPATIAL_RING; a still sound lands up
 * to SPATIAL_STILL_AHEAD frames past `now`, past SPATIAL_RING if need be.
 * When the reading passes SPATIAL_RING, what lies past it moves down to
 * the start.  So a splat never wraps (one contiguous run per ear), nor
 * does a chunk's mix, and each frame has one place, where its shares add
 * up in the order they came. */
#ifndef SOMASCAPE_SPATIAL_H
#define SOMASCAPE_SPATIAL_H

#include <stdint.h>

#define SPATIAL_RING 1024u /* > largest delay (0.66 ms at 384 kHz) + a chunk */

/* How far past the frame being read a still sound can land: its delay, a
 * chunk and the last frame's later share. */
#define SPATIAL_STILL_AHEAD SPATIAL_RING

/* Largest interaural level difference, at the side, in dB. */
#define SPATIAL_ILD_DB 10.0f

typedef struct {
	float gain[2];  /* left, right */
	float delay[2]; /* in frames */
} Placement;

typedef struct {
	double rate;
	float ring[2][SPATIAL_RING + SPATIAL_STILL_AHEAD];
	uint32_t now;   /* the next frame to read, below SPATIAL_RING */
	uint32_t reach; /* the frames from here on are silent */
} Spatial;

void spatial_init(Spatial* sp, double rate);
void spatial_clear(Spatial* sp);

/* Where a sound at pos (-1 left .. +1 right, already scaled by the width)
 * lands; speakers blends from 0 (headphones) to 1 (speakers). */
Placement spatial_placement(double rate, float pos, float speakers);

/* Adds n frames of a still sound x, starting at frame offset `at` of the
 * current chunk, at placement p.  It lands within SPATIAL_STILL_AHEAD
 * frames of the chunk's start: a longer delay is shortened (only at rates
 * far above 384 kHz), and what lies farther is left out. */
void spatial_add(Spatial* sp, const float* x, uint32_t at, uint32_t n, const Placement* p);

/* A moving sound keeps its own past, and each output frame reads it at
 * that frame's delay, interpolated.  A splat at a moving delay would
 * spread or bunch the frames it writes: the level ripples as the delay's
 * fraction wraps, which clicks when the sound moves fast. */
/* Frames at the end of a track's past that repeat its first ones, so that
 * a read of eight neighbouring frames (and the one after them) from any
 * frame of the ring needs no wrap. */
#define SPATIAL_TRACK_PAD 8u

typedef struct {
	float past[SPATIAL_RING + SPATIAL_TRACK_PAD + 1]; /* the last ones repeat the first */
	uint32_t now;                                     /* where the next frame goes */
	uint32_t silent;                                  /* frames of silence since the last sound */
} SpatialTrack;

void spatial_track_clear(SpatialTrack* tr);

/* The next n frames of a moving sound (x, or NULL for silence), added to
 * left and right at once, its placement moving linearly from p0 (at grid
 * position 0) to p1 (at 1); t0 and dt give the grid position of x[0] and
 * the step per frame. */
void spatial_track_add(SpatialTrack* tr, const float* x, uint32_t n, const Placement* p0,
                       const Placement* p1, float t0, float dt, float* left, float* right);

/* The reading has passed SPATIAL_RING: what lies past it moves down to
 * the start (for spatial_advance). */
void spatial_move_down(Spatial* sp);

/* The next n frames (n <= SPATIAL_STILL_AHEAD) of both ears, where still
 * sounds have landed: the rest of the sound is mixed into them where they
 * lie, and whoever takes them out leaves them zero (a pass that copies
 * them out and clears them is saved); then spatial_advance moves on.
 * They are contiguous in the ring, past SPATIAL_RING if need be (never
 * when every read is a chunk of a grid whose step divides SPATIAL_RING,
 * and the ring was cleared on a grid point). */
static inline void
spatial_mix(Spatial* sp, uint32_t n, float* mix[2])
{
	(void)n;
	mix[0] = sp->ring[0] + sp->now;
	mix[1] = sp->ring[1] + sp->now;
}

static inline void
spatial_advance(Spatial* sp, uint32_t n)
{
	sp->now += n;
	if (sp->now >= SPATIAL_RING) {
		spatial_move_down(sp);
	}
}

#endif
