/* SPDX-License-Identifier: ISC */
/* Reading a captured picture of the window by geometry: where the target
 * is and how big the breathing circle is, found by their colours. */
#ifndef SOMASCAPE_UI_PIXELS_H
#define SOMASCAPE_UI_PIXELS_H

#include "view.h"

#include <cairo.h>
#include <stdbool.h>

/* The centre (x, device pixels) of the pixels of colour rgb (0..1, each
 * channel within 12 %) in the band of rows [y0, y1] and columns [x0, x1];
 * false when there are none. */
bool find_colour_centre(cairo_surface_t* image, const double rgb[3], int x0, int x1, int y0, int y1,
                        double* x);

/* Pixels of colour rgb (within 12 %) in the whole picture. */
long count_colour(cairo_surface_t* image, const double rgb[3]);

/* The farthest pixel of colour rgb left of (cx, cy) along its row, within
 * `limit` pixels: the radius of a filled circle there. */
double colour_extent_left(cairo_surface_t* image, const double rgb[3], int cx, int cy, int limit);

#endif
