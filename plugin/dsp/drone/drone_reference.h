/* SPDX-License-Identifier: ISC */
/* The drone's frames the plain way, for the tests: one partial, one frame
 * at a time, with the same arithmetic in the same order as the vector
 * kernels of drone_render.c and the turn tables of drone_refresh.c, so that both
 * make the same samples bit for bit (tests/unit/test_drone_reference.c).
 * Not linked into the plugin. */
#ifndef SOMASCAPE_DRONE_REFERENCE_H
#define SOMASCAPE_DRONE_REFERENCE_H

#include "drone.h"

/* R^j, j = 0..DRONE_STRIDE, of one partial's rotation per frame R = (c, s):
 * the turns of a stride's frames, and the turn on to the next stride. */
typedef struct {
	float c[DRONE_STRIDE + 1], s[DRONE_STRIDE + 1];
} DroneReferencePowers;

DroneReferencePowers drone_reference_powers(float c, float s);

/* update_amplitudes()'s ramp of one partial over a refresh period, from
 * the amplitude it was heading for (`from`) to its new goal (`to`): where
 * it starts, and its growth per frame. */
void drone_reference_ramp(float from, float to, float* start, float* grow);

/* update_quads_on(): whether quad q has amplitude now or ahead. */
bool drone_reference_quad_on(const Drone* d, uint32_t q);

/* The Ocean's two low-passes over a noise block in block form
 * (DroneLowPassBlock), from their state (y1, y2) at the frame before: the
 * second's outputs, and the first's state at the block's end. */
void drone_reference_low_pass(const DroneLowPassBlock* b, const float in[DRONE_NOISE_BLOCK],
                              float y1, float y2, float out[DRONE_NOISE_BLOCK]);
float drone_reference_low_pass_y1(const DroneLowPassBlock* b, const float in[DRONE_NOISE_BLOCK],
                                  float y1);

/* drone_render(), the same contract and the same samples. */
void drone_render_reference(Drone* d, float* left, float* right, uint32_t n, uint32_t grid_at);

#endif
