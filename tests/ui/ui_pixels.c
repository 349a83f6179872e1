/* SPDX-License-Identifier: ISC */
#include "ui_pixels.h"

#include <math.h>
#include <stdint.h>

#define TOLERANCE (0.12 * 255.0)

static bool
matches(uint32_t pixel, const double rgb[3])
{
	const double r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;
	return fabs(r - rgb[0] * 255.0) <= TOLERANCE && fabs(g - rgb[1] * 255.0) <= TOLERANCE &&
	       fabs(b - rgb[2] * 255.0) <= TOLERANCE;
}

static uint32_t
pixel_at(cairo_surface_t* image, int x, int y)
{
	const uint8_t* data = cairo_image_surface_get_data(image);
	const int stride = cairo_image_surface_get_stride(image);
	return ((const uint32_t*)(data + (size_t)y * (size_t)stride))[x];
}

bool
find_colour_centre(cairo_surface_t* image, const double rgb[3], int x0, int x1, int y0, int y1,
                   double* x)
{
	const int w = cairo_image_surface_get_width(image), h = cairo_image_surface_get_height(image);
	x0 = x0 < 0 ? 0 : x0;
	y0 = y0 < 0 ? 0 : y0;
	x1 = x1 >= w ? w - 1 : x1;
	y1 = y1 >= h ? h - 1 : y1;
	double sum = 0.0;
	long count = 0;
	cairo_surface_flush(image);
	for (int y = y0; y <= y1; ++y) {
		for (int xi = x0; xi <= x1; ++xi) {
			if (matches(pixel_at(image, xi, y), rgb)) {
				sum += xi + 0.5; /* a pixel's centre */
				++count;
			}
		}
	}
	if (count == 0) {
		return false;
	}
	*x = sum / (double)count;
	return true;
}

long
count_colour(cairo_surface_t* image, const double rgb[3])
{
	const int w = cairo_image_surface_get_width(image), h = cairo_image_surface_get_height(image);
	long count = 0;
	cairo_surface_flush(image);
	for (int y = 0; y < h; ++y) {
		for (int x = 0; x < w; ++x) {
			count += matches(pixel_at(image, x, y), rgb);
		}
	}
	return count;
}

double
colour_extent_left(cairo_surface_t* image, const double rgb[3], int cx, int cy, int limit)
{
	double extent = 0.0;
	cairo_surface_flush(image);
	for (int d = 0; d <= limit && cx - d >= 0; ++d) {
		if (matches(pixel_at(image, cx - d, cy), rgb)) {
			extent = d + 0.5;
		}
	}
	return extent;
}
