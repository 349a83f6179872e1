/* SPDX-License-Identifier: ISC */
/* Placing a mono sound between the ears or the speakers.
 *
 * Headphones: the far ear hears the sound later (interaural time difference,
 * Woodworth's spherical head) and softer (level difference), so the sound is
 * placed rather than just louder on one side.  Speakers: an equal-power pan,
 * since a time difference between loudspeakers only colours the sound.
 *
 * Sounds are "splatted" into one ring buffer per ear at their own delay, so
 * every voice can sit at its own place with one shared output. */
#ifndef SOMASCAPE_SPATIAL_H
#define SOMASCAPE_SPATIAL_H

#include <stdint.h>

#define SPATIAL_RING 1024u /* > largest delay (0.66 ms at 384 kHz) + a chunk */

/* Largest interaural level difference, at the side, in dB. */
#define SPATIAL_ILD_DB 10.0f

typedef struct {
	float gain[2];  /* left, right */
	float delay[2]; /* in frames */
} Placement;

typedef struct {
	double   rate;
	float    ring[2][SPATIAL_RING];
	uint32_t now;
} Spatial;

void spatial_init(Spatial* sp, double rate);
void spatial_clear(Spatial* sp);

/* Where a sound at pos (-1 left .. +1 right, already scaled by the width)
 * lands; speakers blends from 0 (headphones) to 1 (speakers). */
Placement spatial_placement(double rate, float pos, float speakers);

/* Adds n frames of x, starting at frame offset `at` of the current chunk,
 * moving linearly from placement p0 (at grid_pos 0) to p1 (at grid_pos 1);
 * t0 and dt give the grid position of x[0] and its step per frame. */
void spatial_add(Spatial* sp, const float* x, uint32_t at, uint32_t n,
                 const Placement* p0, const Placement* p1, float t0, float dt);

/* Reads and clears n frames, then moves on by n. */
void spatial_read(Spatial* sp, float* left, float* right, uint32_t n);

#endif
