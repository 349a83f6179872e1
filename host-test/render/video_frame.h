/* SPDX-License-Identifier: ISC */
/* One picture of the video after another: the drawing module's projector
 * at each state, redrawn only inside what differs from the last picture
 * (view_projector_damage) and converted to yuv420p there, so a small
 * target on a still field costs little. */
#ifndef SOMASCAPE_VIDEO_FRAME_H
#define SOMASCAPE_VIDEO_FRAME_H

#include "view.h"
#include "yuv.h"

#include <cairo.h>

#include <stdbool.h>

typedef struct {
	int width, height;
	cairo_surface_t* surface; /* the last picture */
	ViewState shown;          /* what it shows */
	bool drawn;               /* there is a last picture */
	YuvFrame* yuv;            /* the last picture, converted */
} VideoFrame;

/* False when out of memory. */
bool video_frame_init(VideoFrame* frame, int width, int height);
void video_frame_free(VideoFrame* frame);

/* The picture of the state, in frame->yuv. */
void video_frame_draw(VideoFrame* frame, const ViewState* state);

#endif
