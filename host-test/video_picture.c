/* SPDX-License-Identifier: ISC */
#include "video_picture.h"

#include <math.h>

#define TARGET_SIZE 0.08 /* of the height */

double
video_picture_target_x(int width, int height, float gaze_pos)
{
	const double r = 0.5 * TARGET_SIZE * height;
	const double g = gaze_pos < -1.0f ? -1.0 : gaze_pos > 1.0f ? 1.0 : gaze_pos;
	return 0.5 * width + g * (0.5 * width - 2.0 * r);
}

void
video_picture_draw(cairo_t* cr, int width, int height, const VideoMoment* m)
{
	cairo_set_source_rgb(cr, 0.0, 0.0, 0.0);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
	cairo_arc(cr, video_picture_target_x(width, height, m->gaze_pos), 0.5 * height,
	          0.5 * TARGET_SIZE * height, 0.0, 2.0 * M_PI);
	cairo_fill(cr);
}
