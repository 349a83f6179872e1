/* SPDX-License-Identifier: ISC */
/* The drone of the breath layer: up to three notes of additive harmonics
 * (or, for Ocean, filtered noise) whose level swells and whose tone opens
 * with the breath.
 *
 * Each partial is a complex phasor turned by a fixed rotation per frame.
 * The amplitude lives in the phasor: recomputed at each note's refresh (every
 * DRONE_REFRESH_FRAMES), it moves geometrically to the next refresh by a growth
 * folded into the rotation.  The partials sit in quads of four, each quad
 * one vector [re x 4 | im x 4], and are rendered DRONE_STRIDE frames at a
 * time: frame j of a stride is Im(z R^j) = re sin + im cos of R^j, products
 * of z with a table of R^j, so the state turns once a stride rather than
 * once a frame.  The frames go in pairs, one vector each: z and z with its
 * halves swapped, times two rows of the table, give the places of both
 * frames of a pair side by side, so the frames' sums need no shuffle until
 * the places are weighted into the channels.
 *
 * Phases are anchored to session time: each note's fundamental phase is a
 * double phasor advanced from refresh to refresh (phasor.h), and at the note's
 * refresh its partials are set afresh from it; float arithmetic runs only
 * within a refresh.  The chorus is a phase offset that is a function of the
 * note's LFO phase, and the Ocean's noise is reseeded every grid step from
 * the step's index.  So the sound at a frame depends on the session time,
 * not on how the drone got there, and drone_seek() can start anywhere.  No
 * libm call runs per sample, and in a steady state none per grid step
 * either.  Stereo comes from the lanes: each lane of a quad sits at its
 * own place, and the notes are laid across the lanes so the voices lean
 * gently left and right. */
#ifndef SOMASCAPE_DRONE_H
#define SOMASCAPE_DRONE_H

#include "grid.h"
#include "phasor.h"
#include "rng.h"

#include <stdbool.h>
#include <stdint.h>

enum {
	DRONE_NOTES = 3,
	DRONE_HARMONICS = 12,
	DRONE_LANES = 4,                                  /* places across the stereo field */
	DRONE_QUAD_WIDTH = 2 * DRONE_LANES,               /* re x 4 | im x 4 */
	DRONE_NOTE_QUADS = DRONE_HARMONICS / DRONE_LANES, /* per note */
	DRONE_QUADS = DRONE_NOTES * DRONE_NOTE_QUADS,
	/* frames rendered from one turn of the partials' state */
	DRONE_STRIDE = 16,
	/* frames a and a + 4 of each half stride, one vector */
	DRONE_PAIRS = DRONE_STRIDE / 2,
	/* the Ocean's noise and low-passes, a block of frames at a time */
	DRONE_NOISE_BLOCK = 8,
	/* each note's refresh period: its colour, amplitudes and phases set
	 * afresh (far longer than a cue's CUE_TICK) */
	DRONE_REFRESH_FRAMES = 512,
};
_Static_assert(GRID_FRAMES % DRONE_STRIDE == 0 && GRID_FRAMES % DRONE_NOISE_BLOCK == 0 &&
                   DRONE_REFRESH_FRAMES % GRID_FRAMES == 0,
               "strides and blocks fill grid steps, grid steps fill refresh periods");

typedef enum {
	DRONE_SINGLE,
	DRONE_OCTAVE,
	DRONE_FIFTH,
	DRONE_TANPURA,
	DRONE_MAJOR,
	DRONE_MINOR,
	DRONE_OPEN,
	DRONE_VOICING_COUNT
} DroneVoicing;

typedef enum {
	DRONE_PURE,
	DRONE_WARM,
	DRONE_REED,
	DRONE_CHOIR,
	DRONE_OCEAN,
	DRONE_TIMBRE_COUNT
} DroneTimbre;

/* No partial is made above this fraction of the rate; partials fade out
 * over the band below it, so a pitch change never switches one abruptly. */
#define DRONE_PARTIAL_CEILING 0.45
#define DRONE_PARTIAL_FADE_LOW 0.40

typedef struct {
	float root_hz;
	DroneVoicing voicing;
	DroneTimbre timbre;
	float bright;        /* 0..1 */
	float breath_depth;  /* 0..1: how far the level follows the breath */
	float breath_bright; /* 0..1: how far the tone closes off the inhale */
	float level_db;
} DroneParams;

/* Two one-pole low-passes in a row, for the Ocean: a gentle slope, and
 * cheap. */
typedef struct {
	float y1, y2;
} DroneLowPass;

/* The two low-passes over DRONE_NOISE_BLOCK frames at once, from the
 * coefficient c (a = 1 - c): the block's second-stage outputs are the
 * inputs times the lower-triangular Toeplitz matrix of the pair's impulse
 * response, plus what the state at the block's start leaves in them.  So
 * no frame waits on the one before, only each block on the last. */
typedef struct {
	/* DRONE_NOISE_BLOCK zeros, then c^2 (k + 1) a^k: column m of the
	 * matrix is the DRONE_NOISE_BLOCK values from DRONE_NOISE_BLOCK - m */
	_Alignas(32) float response[2 * DRONE_NOISE_BLOCK];
	_Alignas(32) float from_y1[DRONE_NOISE_BLOCK]; /* c (k + 1) a^(k + 1) */
	_Alignas(32) float from_y2[DRONE_NOISE_BLOCK]; /* a^(k + 1) */
	/* the first stage at the block's end: input m weighs c a^(BLOCK - 1 - m) */
	_Alignas(32) float y1_weight[DRONE_NOISE_BLOCK];
	float y1_decay; /* a^BLOCK: what is left of its state */
} DroneLowPassBlock;

/* The Ocean's high-pass against infrasound (its noise is flat down to
 * 0 Hz): two one-pole low-passes at DRONE_OCEAN_FLOOR_HZ in a row, each
 * taking away from its input what lies below, as it stood at the noise
 * block's start.  The low-passes move on a block at a time by the block's
 * weighted sum; within a block they would move by 0.65 % a frame (at
 * 48 kHz), so the two first-order high-passes cost a subtraction a frame
 * (tests/unit/test_drone_tone.c measures what is left below 20 Hz). */
#define DRONE_OCEAN_FLOOR_HZ 50.0
typedef struct {
	_Alignas(32) float weight[DRONE_NOISE_BLOCK]; /* frame k of a block: c a^(BLOCK - 1 - k) */
	float decay;      /* a^BLOCK: what is left of the state after a block */
	float weight_sum; /* of weight: 1 - decay */
	float low[2][2];  /* [stage][left, right]: what each stage takes away */
} DroneHighPass;

/* A note's partials, by slot j = 0..11: the note's quad j / 4, lane
 * j % 4. */
typedef struct {
	uint8_t harmonic[DRONE_HARMONICS];    /* 1.. */
	float harmonic_f[DRONE_HARMONICS];    /* the same, as a float, for vector arithmetic */
	float shape[DRONE_HARMONICS];         /* timbre, formants, band limit */
	float buzz[DRONE_HARMONICS];          /* Tanpura's jivari, 1 = none */
	float amp[DRONE_HARMONICS];           /* at the note's last refresh */
	float amp_goal[DRONE_HARMONICS];      /* smoothed, at the note's next refresh */
	double amp_smooth[DRONE_HARMONICS];   /* amp_goal in double: see update_amplitudes */
	float grow[DRONE_HARMONICS];          /* amplitude's growth per frame, to the next refresh */
	double schroeder_re[DRONE_HARMONICS]; /* each partial's phase at time zero */
	double schroeder_im[DRONE_HARMONICS];
	bool sounding; /* has partials to render */
} DroneNote;

typedef struct {
	double rate;
	DroneParams p;
	bool started;
	bool asleep; /* turned all the way down and faded out */

	/* the partials as rendered, by quad: notes 0..2 harmonics 1-4 and
	 * 5-8, then harmonics 9-12 of each note, so fewer notes or harmonics
	 * leave the last quads silent */
	_Alignas(32) float z[DRONE_QUADS][DRONE_QUAD_WIDTH]; /* at the stride's first frame */
	/* R^j by pair of frames (a, b = a + 4) of each half stride, pair p
	 * = 4 (a / 8) + a % 8: [sin R^a | cos R^b] to multiply z, and
	 * [cos R^a | sin R^b] to multiply z with its halves swapped, so that
	 * the sum is the places of frame a | those of frame b */
	_Alignas(32) float pair_turn[DRONE_QUADS][DRONE_PAIRS][2][DRONE_QUAD_WIDTH];
	/* R^DRONE_STRIDE, the turn to the next stride: [cos | cos], [-sin | sin] */
	_Alignas(32) float stride_c[DRONE_QUADS][DRONE_QUAD_WIDTH];
	_Alignas(32) float stride_s[DRONE_QUADS][DRONE_QUAD_WIDTH];
	/* what those tables are made from: each partial's rotation per frame,
	 * growth included, [cos | sin] by lane (drone_reference.c reads it) */
	_Alignas(32) float rotation[DRONE_QUADS][DRONE_QUAD_WIDTH];
	bool quad_on[DRONE_QUADS]; /* has amplitude now or ahead */
	uint32_t quads_on;         /* how many the render runs: to the last on */
	uint64_t step;             /* grid step of session time */

	/* notes */
	DroneNote note[DRONE_NOTES];
	float root_hz;                                   /* smoothed */
	float ratio[DRONE_NOTES];                        /* sounding; changes only while silent */
	float note_gain[DRONE_NOTES];                    /* smoothed */
	float settled_root;                              /* the notes stand still at this setting: */
	int settled_voicing;                             /* -1 while they move */
	double base_w[DRONE_NOTES];                      /* fundamental, rad/frame */
	double base_c[DRONE_NOTES], base_s[DRONE_NOTES]; /* its rotation */
	Phasor turn_refresh[DRONE_NOTES];                /* exp(i DRONE_REFRESH_FRAMES w), no chorus */
	Phasor phase[DRONE_NOTES];                       /* fundamental's phase at frame phase_at */
	int64_t phase_at[DRONE_NOTES];
	double chorus_delta[DRONE_NOTES]; /* chorus phase gained over this refresh */
	Phasor lfo[DRONE_NOTES];          /* chorus and jivari LFO, at the next refresh */
	Phasor lfo_turn[DRONE_NOTES];     /* per note refresh */
	double lfo_w[DRONE_NOTES];        /* rad/frame */
	bool shape_dirty;

	/* Ocean */
	/* one stream a frame of a block, reseeded every grid step: no
	 * frame's noise waits on the one before */
	_Alignas(32) Rng noise_rng[DRONE_NOISE_BLOCK];
	uint32_t noise_seed;
	DroneLowPass low_pass[2]; /* left, right */
	float low_pass_coef;      /* that low_pass_block is built for */
	DroneLowPassBlock low_pass_block;
	DroneHighPass high_pass;
	float noise_gain[2]; /* grid start, end, with the swell */

	/* level: [0] at the start of the grid step, [1] at its end */
	float level; /* smoothed linear drone level */
	float level_goal, level_db;
	float depth; /* smoothed breath depth */
	float ocean; /* smoothed 0..1: how much of the Ocean sounds */
	float gain[2];
	float smooth_fast, smooth_tone;
	double smooth_note; /* per note refresh */
	/* each place's gain into left [0] and right [1], as a whole vector */
	_Alignas(32) float place_gain[2][DRONE_LANES][DRONE_QUAD_WIDTH];

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
