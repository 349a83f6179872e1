/* SPDX-License-Identifier: ISC */
#include "yuv.h"

#include <stdlib.h>
#include <string.h>

/* BT.709 limited range in 16.16 fixed point: Y = 16 + 219/255 (Kr R + Kg
 * G + Kb B), U and V = 128 + 224/255 of the scaled colour differences. */
#define FIX(x) ((int32_t)((x) * 65536.0 + 0.5))
#define Y_R FIX(0.182586)
#define Y_G FIX(0.614231)
#define Y_B FIX(0.062007)
#define U_R FIX(0.100644)
#define U_G FIX(0.338572)
#define V_G FIX(0.398942)
#define V_B FIX(0.040274)
#define UV_MAX FIX(0.439216)

YuvFrame*
yuv_frame_new(int width, int height)
{
	YuvFrame* f = (YuvFrame*)calloc(1, sizeof(YuvFrame));
	const size_t luma = (size_t)width * (size_t)height;
	if (!f) {
		return NULL;
	}
	f->width = width;
	f->height = height;
	f->size = luma + luma / 2;
	f->data = (uint8_t*)malloc(f->size);
	if (!f->data) {
		free(f);
		return NULL;
	}
	f->y = f->data;
	f->u = f->y + luma;
	f->v = f->u + luma / 4;
	return f;
}

void
yuv_frame_free(YuvFrame* frame)
{
	if (frame) {
		free(frame->data);
		free(frame);
	}
}

static inline uint8_t
luma(uint32_t p)
{
	const int32_t r = (int32_t)(p >> 16 & 0xff), g = (int32_t)(p >> 8 & 0xff),
	              b = (int32_t)(p & 0xff);
	return (uint8_t)((Y_R * r + Y_G * g + Y_B * b + (16 << 16) + 32768) >> 16);
}

/* Two rows of luma and one of chroma, pixel pairs [first, last). */
static void
convert_rows(YuvFrame* f, const uint32_t* r0, const uint32_t* r1, int row, int first,
             int last)
{
	uint8_t* y0 = f->y + (size_t)row * (size_t)f->width;
	uint8_t* y1 = y0 + f->width;
	uint8_t* u = f->u + (size_t)(row / 2) * (size_t)(f->width / 2);
	uint8_t* v = f->v + (size_t)(row / 2) * (size_t)(f->width / 2);
	for (int i = first; i < last; ++i) {
		const uint32_t p[4] = {r0[2 * i], r0[2 * i + 1], r1[2 * i], r1[2 * i + 1]};
		y0[2 * i] = luma(p[0]);
		y0[2 * i + 1] = luma(p[1]);
		y1[2 * i] = luma(p[2]);
		y1[2 * i + 1] = luma(p[3]);
		int32_t r = 0, g = 0, b = 0;
		for (int k = 0; k < 4; ++k) {
			r += (int32_t)(p[k] >> 16 & 0xff);
			g += (int32_t)(p[k] >> 8 & 0xff);
			b += (int32_t)(p[k] & 0xff);
		}
		/* the sums are four pixels: the shift takes the mean too */
		u[i] = (uint8_t)((-U_R * r - U_G * g + UV_MAX * b + (128 << 18) + (1 << 17)) >> 18);
		v[i] = (uint8_t)((UV_MAX * r - V_G * g - V_B * b + (128 << 18) + (1 << 17)) >> 18);
	}
}

static int
clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void
yuv_convert(YuvFrame* frame, const uint8_t* rgb, int stride, int x, int y, int w, int h)
{
	/* even edges: a chroma sample is a 2x2 square */
	const int x0 = clamp(x, 0, frame->width) & ~1, y0 = clamp(y, 0, frame->height) & ~1;
	const int x1 = (clamp(x + w, 0, frame->width) + 1) & ~1;
	const int y1 = (clamp(y + h, 0, frame->height) + 1) & ~1;
	for (int row = y0; row < y1; row += 2) {
		const uint32_t* r0 = (const uint32_t*)(const void*)(rgb + (size_t)row * (size_t)stride);
		const uint32_t* r1 = (const uint32_t*)(const void*)((const uint8_t*)r0 + stride);
		convert_rows(frame, r0, r1, row, x0 / 2, x1 / 2);
	}
}
