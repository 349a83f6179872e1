/* SPDX-License-Identifier: ISC */
/* What the layouts share: the target, the breathing circle, the field and
 * text, drawn at a layout's places.  Internal to the view library. */
#ifndef SOMASCAPE_VIEW_PARTS_H
#define SOMASCAPE_VIEW_PARTS_H

#include "view.h"

/* The window's and the strip's palette. */
#define VIEW_BACKGROUND 0.075, 0.082, 0.102
#define VIEW_FIELD 0.120, 0.132, 0.165
#define VIEW_MARK 0.260, 0.285, 0.340
#define VIEW_TEXT 0.800, 0.820, 0.860
#define VIEW_TEXT_DIM 0.520, 0.550, 0.600
#define VIEW_BREATH 0.300, 0.560, 0.620

double view_clamp(double v, double lo, double hi);

/* The target at gaze_pos on the layout's field. */
void view_draw_target(cairo_t* cr, const ViewLayout* l, const ViewState* s);

/* The field's band around the target's path, its end and centre marks,
 * and the end of the cue's side lit. */
void view_draw_field(cairo_t* cr, const ViewLayout* l, const ViewState* s);

/* The breathing circle: filled to the breath level, its full size
 * outlined; outline_only draws a ring (the projector's). */
void view_draw_breath(cairo_t* cr, const ViewLayout* l, const ViewState* s, bool outline_only,
                      const double rgb[3]);

/* What the window and the strip share: their background, the field with
 * the target on it, and the breathing disc. */
void view_draw_panel(cairo_t* cr, const ViewLayout* l, double width, double height,
                     const ViewState* s);

/* Text of the given height, its centre, left or right edge at x
 * (align -1 left, 0 centre, +1 right), its middle at y. */
void view_text(cairo_t* cr, const char* text, double x, double y, double size, int align);

#endif
