/* SPDX-License-Identifier: ISC */
#include "video_frame.h"

#include <string.h>

bool
video_frame_init(VideoFrame* frame, int width, int height)
{
	memset(frame, 0, sizeof(*frame));
	frame->width = width;
	frame->height = height;
	frame->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
	frame->yuv = yuv_frame_new(width, height);
	if (!frame->yuv || cairo_surface_status(frame->surface) != CAIRO_STATUS_SUCCESS) {
		video_frame_free(frame);
		return false;
	}
	return true;
}

void
video_frame_free(VideoFrame* frame)
{
	if (frame->surface) {
		cairo_surface_destroy(frame->surface);
		frame->surface = NULL;
	}
	yuv_frame_free(frame->yuv);
	frame->yuv = NULL;
}

void
video_frame_draw(VideoFrame* frame, const ViewState* state)
{
	const int width = frame->width, height = frame->height;
	const ViewRect all = {0.0, 0.0, width, height};
	const ViewRect d =
	    frame->drawn ? view_projector_damage(width, height, &frame->shown, state) : all;
	frame->shown = *state;
	frame->drawn = true;
	if (d.w <= 0.0 || d.h <= 0.0) {
		return;
	}
	cairo_t* cr = cairo_create(frame->surface);
	cairo_rectangle(cr, d.x, d.y, d.w, d.h);
	cairo_clip(cr);
	view_draw_projector(cr, width, height, state);
	cairo_destroy(cr);
	cairo_surface_flush(frame->surface);
	/* the damage is in whole pixels */
	yuv_convert(frame->yuv, cairo_image_surface_get_data(frame->surface),
	            cairo_image_surface_get_stride(frame->surface), (int)d.x, (int)d.y, (int)d.w,
	            (int)d.h);
}
