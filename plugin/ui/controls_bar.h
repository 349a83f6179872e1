/* SPDX-License-Identifier: ISC */
/* The window's live controls, in the band the window layout leaves for
 * them: the gaze mode, the rate (slower, faster), starting or stopping a
 * set, and the projector.  Pure cairo: where each button is, how it looks,
 * and which one a point falls on; the window does the rest. */
#ifndef SOMASCAPE_UI_CONTROLS_BAR_H
#define SOMASCAPE_UI_CONTROLS_BAR_H

#include "view.h"

#include <cairo.h>
#include <stdbool.h>

typedef enum {
	BAR_NONE,
	BAR_MODE, /* a gaze mode: `mode` */
	BAR_SLOWER,
	BAR_FASTER,
	BAR_SET,       /* start or stop a set */
	BAR_PROJECTOR, /* open or close the projector */
} BarAction;

typedef struct {
	BarAction action;
	int mode;
} BarHit;

/* What the bar shows. */
typedef struct {
	int mode;
	float rate_hz;
	bool set_active;
	bool set_cueable; /* a set can be started or stopped (not in Off or Follow) */
	bool projector_open;
} BarState;

void bar_draw(cairo_t* cr, const ViewRect* band, const BarState* s);

/* The button at (x, y), in the band's units. */
BarHit bar_hit(const ViewRect* band, double x, double y);

/* The middle of a button, for tests that click it. */
bool bar_button_centre(const ViewRect* band, BarAction action, int mode, double* x, double* y);

/* The next rate a step slower or faster: a sixth of an octave, within the
 * control's range. */
float bar_rate_step(float rate_hz, int direction);

#endif
