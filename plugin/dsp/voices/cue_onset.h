/* SPDX-License-Identifier: ISC */
/* Where a struck partial starts on its cycle.  A decaying sinusoid that
 * starts at an arbitrary phase leaves a net area (its first half-cycle
 * unbalanced): struck a few times a second, a low partial becomes a pulse
 * train under 20 Hz, felt more than heard (at 80 Hz about -30 dBFS at full
 * level).  Started at the phase whose area is zero, through the strike's
 * own attack ramp and pitch glide, it carries none; its sign can still be
 * chosen freely.  Computed once per kind of strike, in double. */
#ifndef SOMASCAPE_CUE_ONSET_H
#define SOMASCAPE_CUE_ONSET_H

#include <stdbool.h>
#include <stdint.h>

/* How a strike's partials move: the attack ramp (a smoothstep of a
 * linear ramp reaching 1 after ramp_samples), and the glide, which turns
 * each partial's rotation by theta * pos, pos starting at 1 and multiplied
 * by pos_per_update every glide_samples (0: no glide) until it is under
 * settle_below, when it becomes 0. */
typedef struct {
	double ramp_samples;
	uint32_t glide_samples;
	double pos_per_update;
	double settle_below;
} CueOnsetShape;

/* The phase (radians; 0 is sine phase) at which a partial that settles at
 * the per-sample rotation radius * exp(i omega), and glides from
 * omega + theta, leaves no net area through the shape. */
double cue_onset_phase(const CueOnsetShape* shape, double radius, double omega, double theta);

#endif
