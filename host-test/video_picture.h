/* SPDX-License-Identifier: ISC */
/* One picture of the video: the projector view at one moment of the
 * session.  (A placeholder until the shared drawing module lands: a dot at
 * the gaze position on black.) */
#ifndef SOMASCAPE_VIDEO_PICTURE_H
#define SOMASCAPE_VIDEO_PICTURE_H

#include <cairo.h>

typedef struct {
	float gaze_pos;     /* -1 left .. +1 right */
	float breath_level; /* 0..1 */
} VideoMoment;

void video_picture_draw(cairo_t* cr, int width, int height, const VideoMoment* m);

/* The target's centre for a gaze position, in pixels from the left. */
double video_picture_target_x(int width, int height, float gaze_pos);

#endif
