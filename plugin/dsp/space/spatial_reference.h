/* SPDX-License-Identifier: ISC */
/* spatial_add() and spatial_track_add() the plain way, for the tests: one
 * frame at a time, with the arithmetic of the vector kernels (splat8, the
 * runs of moving_frames8) in the same order, so that both make the same
 * samples bit for bit (tests/unit/test_spatial_reference.c).  Not linked
 * into the plugin. */
#ifndef SOMASCAPE_SPATIAL_REFERENCE_H
#define SOMASCAPE_SPATIAL_REFERENCE_H

#include "spatial.h"

void spatial_add_reference(Spatial* sp, const float* x, uint32_t at, uint32_t n,
                           const Placement* p);

void spatial_track_add_reference(SpatialTrack* tr, const float* x, uint32_t n, const Placement* p0,
                                 const Placement* p1, float t0, float dt, float* left,
                                 float* right);

#endif
