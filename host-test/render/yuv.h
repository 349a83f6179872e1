/* SPDX-License-Identifier: ISC */
/* cairo's RGB24 pixels to yuv420p (BT.709, limited range, as the video is
 * tagged), in our code: ffmpeg's own conversion costs more than the
 * encode.  A rectangle at a time: only what changed since the last
 * picture needs converting, so a small target on a still field costs
 * little. */
#ifndef SOMASCAPE_YUV_H
#define SOMASCAPE_YUV_H

#include <stddef.h>
#include <stdint.h>

/* One yuv420p picture: a full-size Y plane, then U and V at half size. */
typedef struct {
	int width, height; /* both even */
	uint8_t* y;
	uint8_t* u;
	uint8_t* v;
	uint8_t* data; /* the three planes, one after another */
	size_t size;
} YuvFrame;

/* NULL when out of memory. */
YuvFrame* yuv_frame_new(int width, int height);
void yuv_frame_free(YuvFrame* frame);

/* Converts the pixels of rgb (cairo RGB24, `stride` bytes a row, the
 * frame's size) in the rectangle at x, y of w by h, widened to even edges
 * and clipped to the frame, into frame. */
void yuv_convert(YuvFrame* frame, const uint8_t* rgb, int stride, int x, int y, int w, int h);

#endif
