/* SPDX-License-Identifier: ISC */
/* The modulation grid.  Slow values (levels, positions, coefficients) are
 * computed every GRID_FRAMES frames of session time and interpolated in
 * between.  The grid is anchored to the session frame counter, never to the
 * host's blocks, so the output does not depend on the block size. */
#ifndef SOMASCAPE_GRID_H
#define SOMASCAPE_GRID_H

#include <math.h>

/* 1.3 ms at 48 kHz: linear interpolation over it is still far finer than
 * any modulation here, and every per-step cost is paid a quarter as often
 * as at 16. */
#define GRID_FRAMES 64u

/* Coefficient of a one-pole smoother updated once per grid step that
 * covers about 63 % of the way to its target in tau_s seconds. */
static inline float
grid_smoothing_coef(double rate, double tau_s)
{
	const double steps = tau_s * rate / GRID_FRAMES;
	return steps < 1.0 ? 1.0f : (float)(1.0 - exp(-1.0 / steps));
}

/* One step of a one-pole smoother; snaps to the target when close so that
 * no denormals are left behind, and when rounding stalls it short of the
 * target (a slow smoother stops a few ulp / coef away), so it always
 * arrives: the settled value never depends on where it came from. */
static inline float
smooth_step(float value, float target, float coef)
{
	if (value == target) { /* settled, as most are on most steps */
		return target;
	}
	const float next = value + (target - value) * coef;
	return fabsf(next - target) < 1e-7f || next == value ? target : next;
}

static inline float
db_to_gain(float db)
{
	return db <= -60.0f ? 0.0f : powf(10.0f, db / 20.0f);
}

#endif
