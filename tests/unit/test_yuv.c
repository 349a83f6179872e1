/* SPDX-License-Identifier: ISC */
/* The renderer's RGB to yuv420p conversion (host-test/render/yuv.c) against the
 * BT.709 limited-range formulas in double: every colour of 2x2 squares of
 * one colour (so the chroma's siting does not matter) within one level;
 * black filled as computed; a rectangle converts its even-edged cover and
 * nothing else. */
#include "check.h"
#include "yuv.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define W 64
#define H 32

static void
expected(uint32_t p, double* y, double* u, double* v)
{
	const double r = (p >> 16 & 0xff) / 255.0, g = (p >> 8 & 0xff) / 255.0, b = (p & 0xff) / 255.0;
	const double luma = 0.2126 * r + 0.7152 * g + 0.0722 * b;
	*y = 16.0 + 219.0 * luma;
	*u = 128.0 + 224.0 * (b - luma) / 1.8556;
	*v = 128.0 + 224.0 * (r - luma) / 1.5748;
}

/* A picture of 2x2 squares of random colours, a few of them black. */
static void
fill(uint32_t* rgb, unsigned seed)
{
	srand(seed);
	for (int y = 0; y < H; y += 2) {
		for (int x = 0; x < W; x += 2) {
			uint32_t p = (uint32_t)rand() & 0xffffff;
			p = rand() % 3 == 0 ? 0 : p;
			p |= (uint32_t)(rand() & 0xff) << 24; /* cairo's unused byte */
			rgb[y * W + x] = rgb[y * W + x + 1] = p;
			rgb[(y + 1) * W + x] = rgb[(y + 1) * W + x + 1] = p;
		}
	}
}

static void
check_colours(void)
{
	static uint32_t rgb[W * H];
	YuvFrame* f = yuv_frame_new(W, H);
	CHECK(f, "out of memory");
	double worst = 0.0;
	for (unsigned seed = 1; seed <= 50; ++seed) {
		fill(rgb, seed);
		yuv_convert(f, (const uint8_t*)rgb, W * 4, 0, 0, W, H);
		for (int y = 0; y < H; ++y) {
			for (int x = 0; x < W; ++x) {
				double ey, eu, ev;
				expected(rgb[y * W + x], &ey, &eu, &ev);
				const int c = (y / 2) * (W / 2) + x / 2;
				worst = fmax(worst, fabs(f->y[y * W + x] - ey));
				worst = fmax(worst, fmax(fabs(f->u[c] - eu), fabs(f->v[c] - ev)));
			}
		}
	}
	printf("worst difference from the formulas: %.3f levels\n", worst);
	CHECK(worst <= 1.0, "a level further than rounding: %.3f", worst);
	/* the ends of the scale, exactly */
	const uint32_t white = 0xffffff, black = 0;
	for (int i = 0; i < W * H; ++i) {
		rgb[i] = i < W * H / 2 ? white : black;
	}
	yuv_convert(f, (const uint8_t*)rgb, W * 4, 0, 0, W, H);
	CHECK(f->y[0] == 235 && f->u[0] == 128 && f->v[0] == 128, "white is %d %d %d", f->y[0], f->u[0],
	      f->v[0]);
	CHECK(f->y[W * H - 1] == 16 && f->u[W * H / 4 - 1] == 128 && f->v[W * H / 4 - 1] == 128,
	      "black is %d %d %d", f->y[W * H - 1], f->u[W * H / 4 - 1], f->v[W * H / 4 - 1]);
	yuv_frame_free(f);
}

static void
check_rectangle(void)
{
	static uint32_t rgb[W * H];
	YuvFrame* f = yuv_frame_new(W, H);
	CHECK(f, "out of memory");
	memset(f->data, 7, f->size); /* not a level the conversion makes here */
	for (int i = 0; i < W * H; ++i) {
		rgb[i] = 0x808080;
	}
	/* odd edges: the cover is x 10..26, y 4..12 */
	yuv_convert(f, (const uint8_t*)rgb, W * 4, 11, 5, 15, 7);
	int inside = 0, outside = 0;
	for (int y = 0; y < H; ++y) {
		for (int x = 0; x < W; ++x) {
			const bool in = x >= 10 && x < 26 && y >= 4 && y < 12;
			inside += in && f->y[y * W + x] != 7;
			outside += !in && f->y[y * W + x] != 7;
		}
	}
	CHECK(inside == 16 * 8 && outside == 0, "%d of 128 converted inside, %d outside", inside,
	      outside);
	/* a rectangle past the edges is clipped to the picture */
	yuv_convert(f, (const uint8_t*)rgb, W * 4, -5, -5, W + 10, H + 10);
	for (size_t i = 0; i < f->size; ++i) {
		CHECK(f->data[i] != 7, "byte %zu not converted", i);
	}
	yuv_frame_free(f);
}

int
main(void)
{
	check_colours();
	check_rectangle();
	printf("ok\n");
	return 0;
}
