/* SPDX-License-Identifier: ISC */
/* How loud each layer is for a given level setting.  Struck cues (Alternate,
 * 1 Hz) and the steady drone at the same setting measured 20.8 LU apart; the
 * cues are lifted and the breath layer (drone and its chimes, which keep
 * their balance with it) lowered by half of that each, so that equal
 * settings sound equally loud (tests/unit/test_drone_loudness.c). */
#ifndef SOMASCAPE_LAYERS_H
#define SOMASCAPE_LAYERS_H

#define CUE_LAYER_GAIN 3.31f     /* +10.4 dB */
#define BREATH_LAYER_GAIN 0.302f /* -10.4 dB */

#endif
