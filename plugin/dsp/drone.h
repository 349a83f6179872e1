/* SPDX-License-Identifier: ISC */
/* The drone of the breath layer: up to three notes of additive harmonics
 * (or, for Ocean, filtered noise) whose level swells and whose tone opens
 * with the breath.
 *
 * Each partial is a complex rotator (a unit phasor turned by a fixed step
 * per frame), kept as a struct of arrays in groups of DRONE_LANES so the
 * frame loop is plain vector arithmetic.  The amplitude lives in the
 * phasor: recomputed at each note's tick, it moves geometrically to the
 * next tick by a growth folded into the rotation.
 *
 * Phases are anchored to session time: each note's fundamental phase is a
 * double phasor advanced on the grid (phasor.h), and at the note's tick its
 * partials are set afresh from it; float recursion runs only within a
 * tick.  The chorus is a phase offset that is a function of the note's LFO
 * phase, and the Ocean's noise is reseeded every grid step from the step's
 * index.  So the sound at a frame depends on the session time, not on how
 * the drone got there, and drone_seek() can start anywhere.  No libm call
 * runs per sample, and in a steady state none per grid step either.  Stereo comes from the lanes: each lane sits at its own place,
 * and the notes are laid across the lanes so the voices lean gently left
 * and right. */
#ifndef SOMASCAPE_DRONE_H
#define SOMASCAPE_DRONE_H

#include "grid.h"
#include "phasor.h"
#include "rng.h"

#include <stdbool.h>
#include <stdint.h>

enum {
	DRONE_NOTES     = 3,
	DRONE_HARMONICS = 12,
	DRONE_LANES     = 4,
	DRONE_SLOTS     = DRONE_NOTES * DRONE_HARMONICS,
	DRONE_GROUPS    = DRONE_SLOTS / DRONE_LANES,
	/* rendered eight slots (two groups) at a time: padded with silence */
	DRONE_WIDE      = 2 * DRONE_LANES,
	DRONE_VECTORS   = (DRONE_SLOTS + DRONE_WIDE - 1) / DRONE_WIDE,
	DRONE_PADDED    = DRONE_VECTORS * DRONE_WIDE,
};

typedef enum {
	DRONE_SINGLE, DRONE_OCTAVE, DRONE_FIFTH, DRONE_TANPURA,
	DRONE_MAJOR, DRONE_MINOR, DRONE_OPEN, DRONE_VOICING_COUNT
} DroneVoicing;

typedef enum {
	DRONE_PURE, DRONE_WARM, DRONE_REED, DRONE_CHOIR, DRONE_OCEAN, DRONE_TIMBRE_COUNT
} DroneTimbre;

/* No partial is made above this fraction of the rate; partials fade out
 * over the band below it, so a pitch change never switches one abruptly. */
#define DRONE_PARTIAL_CEILING  0.45
#define DRONE_PARTIAL_FADE_LOW 0.40

typedef struct {
	float        root_hz;
	DroneVoicing voicing;
	DroneTimbre  timbre;
	float        bright;        /* 0..1 */
	float        breath_depth;  /* 0..1: how far the level follows the breath */
	float        breath_bright; /* 0..1: how far the tone closes off the inhale */
	float        level_db;
} DroneParams;

/* Two one-pole low-passes in a row, for the Ocean: a gentle slope, and
 * cheap. */
typedef struct {
	float y1, y2;
} DroneLowPass;

typedef struct {
	double      rate;
	DroneParams p;
	bool        started;

	/* partial slots (struct of arrays, groups of DRONE_LANES) */
	_Alignas(32) float re[DRONE_PADDED];
	_Alignas(32) float im[DRONE_PADDED];
	_Alignas(32) float rot_c[DRONE_PADDED];  /* rotation per frame */
	_Alignas(32) float rot_s[DRONE_PADDED];
	_Alignas(32) float grow[DRONE_PADDED];   /* amplitude's growth per frame, to the next tick */
	_Alignas(16) float amp[DRONE_SLOTS];     /* at the note's last tick */
	_Alignas(16) float amp_goal[DRONE_SLOTS];/* smoothed, at the note's next tick */
	double      amp_smooth[DRONE_SLOTS];     /* amp_goal in double: see update_amplitudes */
	_Alignas(16) float shape[DRONE_SLOTS];   /* timbre, formants, band limit */
	_Alignas(16) float buzz[DRONE_SLOTS];    /* Tanpura's jivari, 1 = none */
	uint8_t     harmonic[DRONE_SLOTS];       /* of each slot, 1.. */
	bool        group_on[DRONE_GROUPS];
	uint64_t    step;                        /* grid step of session time */

	/* notes */
	float  root_hz;                 /* smoothed */
	float  ratio[DRONE_NOTES];      /* sounding; changes only while silent */
	float  note_gain[DRONE_NOTES];  /* smoothed */
	double base_w[DRONE_NOTES];                      /* fundamental, rad/frame */
	double base_c[DRONE_NOTES], base_s[DRONE_NOTES]; /* its rotation */
	Phasor phase[DRONE_NOTES];      /* fundamental's phase at this grid step */
	Phasor turn[DRONE_NOTES];       /* its turn per grid step, chorus included */
	Phasor turn_plain[DRONE_NOTES]; /* exp(i GRID_FRAMES w), no chorus */
	double chorus_delta[DRONE_NOTES]; /* chorus phase gained over this tick */
	Phasor lfo[DRONE_NOTES];        /* chorus and jivari LFO, at the next tick */
	Phasor lfo_turn[DRONE_NOTES];   /* per note tick */
	double lfo_w[DRONE_NOTES];      /* rad/frame */
	Phasor schroeder[DRONE_SLOTS];  /* each partial's phase at time zero */
	bool   shape_dirty;

	/* Ocean */
	Rng      rng;        /* reseeded every grid step */
	uint32_t noise_seed;
	DroneLowPass low_pass[2];
	float        low_pass_coef;
	float        noise_gain[2];  /* grid start, end, with the swell */

	/* level: [0] at the start of the grid step, [1] at its end */
	float level;             /* smoothed linear drone level */
	float level_goal, level_db;
	float depth;             /* smoothed breath depth */
	float ocean;             /* smoothed 0..1: how much of the Ocean sounds */
	float gain[2];
	float smooth_fast, smooth_tone;
	double smooth_note; /* per note tick */
	float pan_l[DRONE_LANES], pan_r[DRONE_LANES];

} Drone;

void drone_init(Drone* d, double rate);

/* Silent, at the start of the session; the noise is seeded. */
void drone_reset(Drone* d, uint32_t seed);

/* After drone_reset(), jumps to session frame `frame` (a multiple of
 * GRID_FRAMES) with the parameters p, as if they had been set since the
 * start: every phase (partials, LFOs, chorus) and the noise are where a
 * drone rendered from frame 0 would have them.  Smoothed values (levels,
 * partial amplitudes, filter states) start at their targets or at rest and
 * settle within about a second, so a caller pre-rolls that long before the
 * frame it needs exact.  Not real-time cheap: a few libm calls per note. */
void drone_seek(Drone* d, const DroneParams* p, int64_t frame);

/* At every grid point: the parameters, and the breath level at the end of
 * this grid step. */
void drone_grid(Drone* d, const DroneParams* p, float breath_next);

/* Adds n frames (inside one grid step, starting at grid_at) to left and
 * right. */
void drone_render(Drone* d, float* left, float* right, uint32_t n, uint32_t grid_at);

#endif
