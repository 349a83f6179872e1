/* SPDX-License-Identifier: ISC */
#include "yuv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* BT.709 limited range in 16.16 fixed point: Y = 16 + 219/255 (Kr R + Kg
 * G + Kb B), U and V = 128 + 224/255 of the scaled colour differences. */
#define FIX(x) ((int32_t)((x)*65536.0 + 0.5))
#define Y_R FIX(0.182586)
#define Y_G FIX(0.614231)
#define Y_B FIX(0.062007)
#define U_R FIX(0.100644)
#define U_G FIX(0.338572)
#define V_G FIX(0.398942)
#define V_B FIX(0.040274)
#define UV_MAX FIX(0.439216)
#define BLACK_Y 16
#define NEUTRAL_UV 128

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

/* One row of luma, pixels [first, last): a plain loop the compiler turns
 * into vector code. */
static void
luma_row(uint8_t* restrict y, const uint32_t* restrict rgb, int first, int last)
{
	for (int i = first; i < last; ++i) {
		const uint32_t p = rgb[i];
		const int32_t r = (int32_t)(p >> 16 & 0xff), g = (int32_t)(p >> 8 & 0xff),
		              b = (int32_t)(p & 0xff);
		y[i] = (uint8_t)((Y_R * r + Y_G * g + Y_B * b + (16 << 16) + 32768) >> 16);
	}
}

/* One row of chroma from two rows of pixels, pixel pairs [first, last):
 * each sample from the sum of a 2x2 square. */
static void
chroma_row(uint8_t* restrict u, uint8_t* restrict v, const uint32_t* restrict r0,
           const uint32_t* restrict r1, int first, int last)
{
	for (int i = first; i < last; ++i) {
		const uint32_t a = r0[2 * i], b = r0[2 * i + 1], c = r1[2 * i], d = r1[2 * i + 1];
		const int32_t red =
		    (int32_t)((a >> 16 & 0xff) + (b >> 16 & 0xff) + (c >> 16 & 0xff) + (d >> 16 & 0xff));
		const int32_t green =
		    (int32_t)((a >> 8 & 0xff) + (b >> 8 & 0xff) + (c >> 8 & 0xff) + (d >> 8 & 0xff));
		const int32_t blue = (int32_t)((a & 0xff) + (b & 0xff) + (c & 0xff) + (d & 0xff));
		/* the sums are of four pixels: the shift takes the mean too */
		u[i] =
		    (uint8_t)((-U_R * red - U_G * green + UV_MAX * blue + (128 << 18) + (1 << 17)) >> 18);
		v[i] = (uint8_t)((UV_MAX * red - V_G * green - V_B * blue + (128 << 18) + (1 << 17)) >> 18);
	}
}

static void
convert_run(YuvFrame* f, const uint32_t* r0, const uint32_t* r1, int row, int first, int last)
{
	uint8_t* y0 = f->y + (size_t)row * (size_t)f->width;
	const size_t chroma = (size_t)(row / 2) * (size_t)(f->width / 2);
	luma_row(y0, r0, 2 * first, 2 * last);
	luma_row(y0 + f->width, r1, 2 * first, 2 * last);
	chroma_row(f->u + chroma, f->v + chroma, r0, r1, first, last);
}

static inline bool
black_pair(const uint32_t* r0, const uint32_t* r1, int i)
{
	return ((r0[2 * i] | r0[2 * i + 1] | r1[2 * i] | r1[2 * i + 1]) & 0xffffff) == 0;
}

/* Two rows of luma and one of chroma, pixel pairs [first, last).  The
 * projector is mostly black: runs of black are filled, not computed. */
static void
convert_rows(YuvFrame* f, const uint32_t* r0, const uint32_t* r1, int row, int first, int last)
{
	uint8_t* y0 = f->y + (size_t)row * (size_t)f->width;
	const size_t chroma = (size_t)(row / 2) * (size_t)(f->width / 2);
	for (int i = first; i < last;) {
		int end = i;
		while (end < last && black_pair(r0, r1, end)) {
			++end;
		}
		if (end > i) {
			memset(y0 + 2 * i, BLACK_Y, (size_t)(2 * (end - i)));
			memset(y0 + f->width + 2 * i, BLACK_Y, (size_t)(2 * (end - i)));
			memset(f->u + chroma + i, NEUTRAL_UV, (size_t)(end - i));
			memset(f->v + chroma + i, NEUTRAL_UV, (size_t)(end - i));
			i = end;
		}
		while (end < last && !black_pair(r0, r1, end)) {
			++end;
		}
		convert_run(f, r0, r1, row, i, end);
		i = end;
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
